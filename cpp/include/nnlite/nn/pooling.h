// 2-d pooling (python/nnlite/nn/pooling.py): MaxPool2d, AvgPool2d,
// AdaptiveAvgPool2d over [N, C, H, W] or [C, H, W] inputs. The ops check the options.
#pragma once
#include <optional>
#include <utility>

#include "nnlite/nn/module.h"
#include "nnlite/nn/size2.h"

namespace nnlite::nn {

// Maximum over kh x kw windows; stride defaults to the kernel size.
class MaxPool2d : public Module {
 public:
  explicit MaxPool2d(Size2 kernel_size, std::optional<Size2> stride = std::nullopt, Size2 padding = 0,
                     Size2 dilation = 1, bool ceil_mode = false);
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
  Tensor forward(const Tensor& input) override;
  std::string extra_repr() const override;

  Size2 kernel_size, stride, padding;
  bool ceil_mode, count_include_pad;
};

// Average pooling to a fixed output size.
class AdaptiveAvgPool2d : public Module {
 public:
  explicit AdaptiveAvgPool2d(Size2 size) : Module("AdaptiveAvgPool2d"), output_size(size) {}
  Tensor forward(const Tensor& input) override;
  std::string extra_repr() const override;

  Size2 output_size;
};

}  // namespace nnlite::nn
