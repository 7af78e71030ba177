// Conv2d and ConvTranspose2d (python/nnlite/nn/conv.py): hold weight and
// bias, check the options as Python does and call the conv ops; the padding
// rule ('same', 'valid', padding_mode) is the op conv2d_module's, shared with Python.
#pragma once
#include <string>
#include <type_traits>
#include <vector>

#include "nnlite/nn/arg.h"
#include "nnlite/nn/module.h"
#include "nnlite/nn/size2.h"

namespace nnlite::nn {

// Conv2d's padding: an int, a pair {h, w}, "valid" (none) or "same" (the
// output keeps the input's size; stride 1 only).
struct ConvPadding {
  enum class Mode { Explicit, Valid, Same };
  Mode mode = Mode::Explicit;
  Size2 size = 0;
  std::string text;  // what was given, for the error message

  // A template, so that a literal 0 is an int here rather than a null const char*.
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  ConvPadding(T v) : size(static_cast<int64_t>(v)) {}  // NOLINT: implicit on purpose
  ConvPadding(int64_t h, int64_t w) : size(h, w) {}
  ConvPadding(Size2 s) : size(s) {}  // NOLINT
  ConvPadding(const char* s) : ConvPadding(std::string(s)) {}  // NOLINT
  ConvPadding(const std::string& s);  // NOLINT: "same" or "valid"
};

// nn::Conv2dOptions(3, 16, 3).stride(1).padding(1).bias(false)
struct Conv2dOptions {
  Conv2dOptions(int64_t in_channels, int64_t out_channels, Size2 kernel_size)
      : in_channels_(in_channels), out_channels_(out_channels), kernel_size_(kernel_size) {}
  NNLITE_ARG(int64_t, in_channels);
  NNLITE_ARG(int64_t, out_channels);
  NNLITE_ARG(Size2, kernel_size);
  NNLITE_ARG(Size2, stride) = 1;
  NNLITE_ARG(ConvPadding, padding) = 0;
  NNLITE_ARG(Size2, dilation) = 1;
  NNLITE_ARG(int64_t, groups) = 1;
  NNLITE_ARG(bool, bias) = true;
  NNLITE_ARG(std::string, padding_mode) = "zeros";
  NNLITE_ARG(DType, dtype) = DType::Float32;
};

// nn::ConvTranspose2dOptions(16, 3, 4).stride(2).padding(1)
struct ConvTranspose2dOptions {
  ConvTranspose2dOptions(int64_t in_channels, int64_t out_channels, Size2 kernel_size)
      : in_channels_(in_channels), out_channels_(out_channels), kernel_size_(kernel_size) {}
  NNLITE_ARG(int64_t, in_channels);
  NNLITE_ARG(int64_t, out_channels);
  NNLITE_ARG(Size2, kernel_size);
  NNLITE_ARG(Size2, stride) = 1;
  NNLITE_ARG(Size2, padding) = 0;
  NNLITE_ARG(Size2, output_padding) = 0;
  NNLITE_ARG(int64_t, groups) = 1;
  NNLITE_ARG(bool, bias) = true;
  NNLITE_ARG(Size2, dilation) = 1;
  NNLITE_ARG(DType, dtype) = DType::Float32;
};

// 2-d convolution of [N, C, H, W] (or [C, H, W]) input; weight
// [out_channels, in_channels / groups, kh, kw]. padding_mode "zeros",
// "reflect", "replicate" or "circular" (the last three pad with pad() first).
class Conv2d : public Module {
 public:
  Conv2d(int64_t in_channels, int64_t out_channels, Size2 kernel_size, Size2 stride = 1, ConvPadding padding = 0,
         Size2 dilation = 1, int64_t groups = 1, bool bias = true, const std::string& padding_mode = "zeros",
         DType dtype = DType::Float32);
  explicit Conv2d(const Conv2dOptions& o)
      : Conv2d(o.in_channels(), o.out_channels(), o.kernel_size(), o.stride(), o.padding(), o.dilation(), o.groups(),
               o.bias(), o.padding_mode(), o.dtype()) {}
  Tensor forward(const Tensor& input) override;
  void reset_parameters();
  std::string extra_repr() const override;

  int64_t in_channels, out_channels;
  Size2 kernel_size, stride;
  ConvPadding padding;
  Size2 dilation;
  int64_t groups;
  std::string padding_mode;
  Tensor weight, bias;  // bias undefined when bias = false
};

// 2-d transposed convolution; weight [in_channels, out_channels / groups, kh, kw].
class ConvTranspose2d : public Module {
 public:
  ConvTranspose2d(int64_t in_channels, int64_t out_channels, Size2 kernel_size, Size2 stride = 1, Size2 padding = 0,
                  Size2 output_padding = 0, int64_t groups = 1, bool bias = true, Size2 dilation = 1,
                  DType dtype = DType::Float32);
  explicit ConvTranspose2d(const ConvTranspose2dOptions& o)
      : ConvTranspose2d(o.in_channels(), o.out_channels(), o.kernel_size(), o.stride(), o.padding(),
                        o.output_padding(), o.groups(), o.bias(), o.dilation(), o.dtype()) {}
  Tensor forward(const Tensor& input) override;
  // The output_padding is chosen so that the output's spatial size is output_size ({h, w}, or with N and C).
  Tensor forward(const Tensor& input, const std::vector<int64_t>& output_size);
  void reset_parameters();
  std::string extra_repr() const override;

  int64_t in_channels, out_channels;
  Size2 kernel_size, stride, padding, output_padding;
  int64_t groups;
  Size2 dilation;
  Tensor weight, bias;
};

}  // namespace nnlite::nn
