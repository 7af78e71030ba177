// 2-d pooling (python/nnlite/nn/pooling.py): MaxPool2d, AvgPool2d,
// AdaptiveAvgPool2d over [N, C, H, W] or [C, H, W] inputs. The ops check the options.
#pragma once
#include <optional>
#include <utility>

#include "nnlite/nn/arg.h"
#include "nnlite/nn/module.h"
#include "nnlite/nn/size2.h"

namespace nnlite::nn {

// nn::MaxPool2dOptions(3).stride(2).padding(1); stride defaults to the kernel size.
struct MaxPool2dOptions {
  MaxPool2dOptions(Size2 kernel_size) : kernel_size_(kernel_size) {}  // NOLINT
  NNLITE_ARG(Size2, kernel_size);
  NNLITE_ARG(std::optional<Size2>, stride);
  NNLITE_ARG(Size2, padding) = 0;
  NNLITE_ARG(Size2, dilation) = 1;
  NNLITE_ARG(bool, ceil_mode) = false;
};

// nn::AvgPool2dOptions(2).count_include_pad(false)
struct AvgPool2dOptions {
  AvgPool2dOptions(Size2 kernel_size) : kernel_size_(kernel_size) {}  // NOLINT
  NNLITE_ARG(Size2, kernel_size);
  NNLITE_ARG(std::optional<Size2>, stride);
  NNLITE_ARG(Size2, padding) = 0;
  NNLITE_ARG(bool, ceil_mode) = false;
  NNLITE_ARG(bool, count_include_pad) = true;
};

// nn::AdaptiveAvgPool2dOptions({7, 7})
struct AdaptiveAvgPool2dOptions {
  AdaptiveAvgPool2dOptions(Size2 output_size) : output_size_(output_size) {}  // NOLINT
  NNLITE_ARG(Size2, output_size);
};

// Maximum over kh x kw windows; stride defaults to the kernel size.
class MaxPool2d : public Module {
 public:
  explicit MaxPool2d(Size2 kernel_size, std::optional<Size2> stride = std::nullopt, Size2 padding = 0,
                     Size2 dilation = 1, bool ceil_mode = false);
  explicit MaxPool2d(const MaxPool2dOptions& o)
      : MaxPool2d(o.kernel_size(), o.stride(), o.padding(), o.dilation(), o.ceil_mode()) {}
  Tensor forward(const Tensor& input) override;
  // The values and each maximum's flat index (h * W + w) within its input plane.
  std::pair<Tensor, Tensor> forward_with_indices(const Tensor& input);
  std::string extra_repr() const override;

  Size2 kernel_size, stride, padding, dilation;
  bool ceil_mode;
};

// Mean over kh x kw windows; count_include_pad counts the zero padding in the divisor.
class AvgPool2d : public Module {
 public:
  explicit AvgPool2d(Size2 kernel_size, std::optional<Size2> stride = std::nullopt, Size2 padding = 0,
                     bool ceil_mode = false, bool count_include_pad = true);
  explicit AvgPool2d(const AvgPool2dOptions& o)
      : AvgPool2d(o.kernel_size(), o.stride(), o.padding(), o.ceil_mode(), o.count_include_pad()) {}
  Tensor forward(const Tensor& input) override;
  std::string extra_repr() const override;

  Size2 kernel_size, stride, padding;
  bool ceil_mode, count_include_pad;
};

// Average pooling to a fixed output size.
class AdaptiveAvgPool2d : public Module {
 public:
  explicit AdaptiveAvgPool2d(Size2 size) : Module("AdaptiveAvgPool2d"), output_size(size) {}
  explicit AdaptiveAvgPool2d(const AdaptiveAvgPool2dOptions& o) : AdaptiveAvgPool2d(o.output_size()) {}
  Tensor forward(const Tensor& input) override;
  std::string extra_repr() const override;

  Size2 output_size;
};

}  // namespace nnlite::nn
