// MaxPool2d, AvgPool2d, AdaptiveAvgPool2d: hold the options, call the pooling ops.
#include "nnlite/nn/pooling.h"

#include "nnlite/ops.h"
#include "pyformat.h"

namespace nnlite::nn {
namespace {

// Python keeps an int option as an int ("kernel_size=2") and a pair as a tuple.
std::string size_repr(Size2 s) { return s.h == s.w ? std::to_string(s.h) : detail::py_pair(s.pair()); }

}  // namespace

MaxPool2d::MaxPool2d(Size2 kernel_size_, std::optional<Size2> stride_, Size2 padding_, Size2 dilation_,
                     bool ceil_mode_)
    : Module("MaxPool2d"),
      kernel_size(kernel_size_),
      stride(stride_.value_or(kernel_size_)),
      padding(padding_),
      dilation(dilation_),
      ceil_mode(ceil_mode_) {}

Tensor MaxPool2d::forward(const Tensor& input) {
  return max_pool2d(input, kernel_size.pair(), stride.pair(), padding.pair(), dilation.pair(), ceil_mode);
}

std::pair<Tensor, Tensor> MaxPool2d::forward_with_indices(const Tensor& input) {
  return max_pool2d_with_indices(input, kernel_size.pair(), stride.pair(), padding.pair(), dilation.pair(), ceil_mode);
}

std::string MaxPool2d::extra_repr() const {
  return "kernel_size=" + size_repr(kernel_size) + ", stride=" + size_repr(stride) + ", padding=" + size_repr(padding) +
         ", dilation=" + size_repr(dilation) + ", ceil_mode=" + detail::py_bool(ceil_mode);
}

AvgPool2d::AvgPool2d(Size2 kernel_size_, std::optional<Size2> stride_, Size2 padding_, bool ceil_mode_,
                     bool count_include_pad_)
    : Module("AvgPool2d"),
      kernel_size(kernel_size_),
      stride(stride_.value_or(kernel_size_)),
      padding(padding_),
      ceil_mode(ceil_mode_),
      count_include_pad(count_include_pad_) {}

Tensor AvgPool2d::forward(const Tensor& input) {
  return avg_pool2d(input, kernel_size.pair(), stride.pair(), padding.pair(), ceil_mode, count_include_pad);
}

std::string AvgPool2d::extra_repr() const {
  return "kernel_size=" + size_repr(kernel_size) + ", stride=" + size_repr(stride) + ", padding=" + size_repr(padding);
}

Tensor AdaptiveAvgPool2d::forward(const Tensor& input) { return adaptive_avg_pool2d(input, output_size.pair()); }

std::string AdaptiveAvgPool2d::extra_repr() const { return "output_size=" + size_repr(output_size); }

}  // namespace nnlite::nn
