// Normalization layers (python/nnlite/nn/normalization.py): BatchNorm1d,
// BatchNorm2d, LayerNorm, GroupNorm. The modules hold parameters and buffers;
// the math is in the ops, and BatchNorm's rules (which statistics, the batch
// count, the running update) in the op batch_norm_module, which Python's
// BatchNorm calls too.
#pragma once
#include <optional>

#include "nnlite/nn/arg.h"
#include "nnlite/nn/module.h"

namespace nnlite::nn {

// nn::BatchNorm2dOptions(16).momentum(0.01).eps(1e-3); momentum std::nullopt
// is a cumulative moving average.
struct BatchNormOptions {
  BatchNormOptions(int64_t num_features) : num_features_(num_features) {}  // NOLINT: implicit, like libtorch
  NNLITE_ARG(int64_t, num_features);
  NNLITE_ARG(double, eps) = 1e-5;
  NNLITE_ARG(std::optional<double>, momentum) = 0.1;
  NNLITE_ARG(bool, affine) = true;
  NNLITE_ARG(bool, track_running_stats) = true;
  NNLITE_ARG(DType, dtype) = DType::Float32;
};
using BatchNorm1dOptions = BatchNormOptions;
using BatchNorm2dOptions = BatchNormOptions;

// nn::LayerNormOptions({8}).eps(1e-6).elementwise_affine(false)
struct LayerNormOptions {
  LayerNormOptions(Shape normalized_shape) : normalized_shape_(std::move(normalized_shape)) {}  // NOLINT
  NNLITE_ARG(Shape, normalized_shape);
  NNLITE_ARG(double, eps) = 1e-5;
  NNLITE_ARG(bool, elementwise_affine) = true;
  NNLITE_ARG(bool, bias) = true;
  NNLITE_ARG(DType, dtype) = DType::Float32;
};

// nn::GroupNormOptions(4, 16).eps(1e-3)
struct GroupNormOptions {
  GroupNormOptions(int64_t num_groups, int64_t num_channels) : num_groups_(num_groups), num_channels_(num_channels) {}
  NNLITE_ARG(int64_t, num_groups);
  NNLITE_ARG(int64_t, num_channels);
  NNLITE_ARG(double, eps) = 1e-5;
  NNLITE_ARG(bool, affine) = true;
  NNLITE_ARG(DType, dtype) = DType::Float32;
};

// Shared by BatchNorm1d/2d. Parameters weight (ones) and bias (zeros) when
// affine; buffers running_mean, running_var and num_batches_tracked (int64,
// 0-d) when track_running_stats. momentum nullopt: cumulative moving average.
class BatchNorm : public Module {
 public:
  Tensor forward(const Tensor& input) override;
  void reset_running_stats();
  void reset_parameters();
  std::string extra_repr() const override;

  int64_t num_features;
  double eps;
  std::optional<double> momentum;
  bool affine, track_running_stats;
  Tensor weight, bias;                                       // undefined unless affine
  Tensor running_mean, running_var, num_batches_tracked;     // undefined unless track_running_stats

 protected:
  // type_name "BatchNorm1d" or "BatchNorm2d" also fixes the input ranks (batch_norm_module checks them).
  BatchNorm(const char* type_name, int64_t num_features, double eps, std::optional<double> momentum, bool affine,
            bool track_running_stats, DType dtype);
};

// [N, C] or [N, C, L] inputs, normalised over N (and L) per channel.
class BatchNorm1d : public BatchNorm {
 public:
  explicit BatchNorm1d(int64_t features, double epsilon = 1e-5, std::optional<double> momentum_ = 0.1,
                       bool with_affine = true, bool track_stats = true, DType dtype = DType::Float32)
      : BatchNorm("BatchNorm1d", features, epsilon, momentum_, with_affine, track_stats, dtype) {}
  explicit BatchNorm1d(const BatchNormOptions& o)
      : BatchNorm1d(o.num_features(), o.eps(), o.momentum(), o.affine(), o.track_running_stats(), o.dtype()) {}
};

// [N, C, H, W] inputs, normalised over N, H, W per channel.
class BatchNorm2d : public BatchNorm {
 public:
  explicit BatchNorm2d(int64_t features, double epsilon = 1e-5, std::optional<double> momentum_ = 0.1,
                       bool with_affine = true, bool track_stats = true, DType dtype = DType::Float32)
      : BatchNorm("BatchNorm2d", features, epsilon, momentum_, with_affine, track_stats, dtype) {}
  explicit BatchNorm2d(const BatchNormOptions& o)
      : BatchNorm2d(o.num_features(), o.eps(), o.momentum(), o.affine(), o.track_running_stats(), o.dtype()) {}
};

// Normalises over the trailing dims `normalized_shape`, with an elementwise affine of that shape.
class LayerNorm : public Module {
 public:
  explicit LayerNorm(Shape normalized_shape, double eps = 1e-5, bool elementwise_affine = true, bool bias = true,
                     DType dtype = DType::Float32);
  explicit LayerNorm(const LayerNormOptions& o)
      : LayerNorm(o.normalized_shape(), o.eps(), o.elementwise_affine(), o.bias(), o.dtype()) {}
  Tensor forward(const Tensor& input) override;
  void reset_parameters();
  std::string extra_repr() const override;

  Shape normalized_shape;
  double eps;
  bool elementwise_affine;
  Tensor weight, bias;
};

// Normalises each sample over groups of num_channels / num_groups channels, with a per-channel affine.
class GroupNorm : public Module {
 public:
  GroupNorm(int64_t num_groups, int64_t num_channels, double eps = 1e-5, bool affine = true,
            DType dtype = DType::Float32);
  explicit GroupNorm(const GroupNormOptions& o)
      : GroupNorm(o.num_groups(), o.num_channels(), o.eps(), o.affine(), o.dtype()) {}
  Tensor forward(const Tensor& input) override;
  void reset_parameters();
  std::string extra_repr() const override;

  int64_t num_groups, num_channels;
  double eps;
  bool affine;
  Tensor weight, bias;
};

}  // namespace nnlite::nn
