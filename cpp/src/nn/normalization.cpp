// BatchNorm1d/2d, LayerNorm, GroupNorm: parameters and buffers, as
// python/nnlite/nn/normalization.py; the ops (batch_norm_module for
// BatchNorm's rules) and nn::init do the rest, for both APIs.
#include "nnlite/nn/normalization.h"

#include "nnlite/autograd.h"
#include "nnlite/nn/init.h"
#include "nnlite/ops.h"
#include "pyformat.h"

namespace nnlite::nn {
namespace {

void check_count(const char* cls, const char* name, int64_t v) {
  NNLITE_CHECK(v > 0, Value, cls, ": ", name, " must be a positive integer but got ", v);
}

std::string tuple_str(const Shape& s) {  // Python's repr of a tuple of ints
  std::string out = "(";
  for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + (s.size() == 1 ? ",)" : ")");
}

}  // namespace

// ---- BatchNorm ------------------------------------------------------------------

BatchNorm::BatchNorm(const char* type_name, int64_t num_features_, double eps_,
                     std::optional<double> momentum_, bool affine_, bool track_running_stats_, DType dtype)
    : Module(type_name),
      num_features(num_features_),
      eps(eps_),
      momentum(momentum_),
      affine(affine_),
      track_running_stats(track_running_stats_) {
  check_count(type_name, "num_features", num_features);
  NNLITE_CHECK(eps >= 0, Value, type_name, ": eps must be a non-negative number but got ", detail::py_float(eps));
  if (affine) {
    weight = register_parameter("weight", full({num_features}, 1.0, dtype));
    bias = register_parameter("bias", full({num_features}, 0.0, dtype));
  }
  if (track_running_stats) {
    running_mean = register_buffer("running_mean", full({num_features}, 0.0, dtype));
    running_var = register_buffer("running_var", full({num_features}, 1.0, dtype));
    num_batches_tracked = register_buffer("num_batches_tracked", zeros({}, DType::Int64));
  }
  reset_parameters();
}

void BatchNorm::reset_running_stats() {
  if (track_running_stats) init::reset_running_stats_(running_mean, running_var, num_batches_tracked);
}

void BatchNorm::reset_parameters() {
  reset_running_stats();
  init::reset_affine_(weight, bias);
}

Tensor BatchNorm::forward(const Tensor& input) {
  // Which statistics, the batch count and the running update: the op's rules,
  // shared with Python's BatchNorm.
  return batch_norm_module(input, running_mean, running_var, num_batches_tracked, weight, bias, training_,
                           track_running_stats, momentum, eps, type_name());
}

std::string BatchNorm::extra_repr() const {
  return std::to_string(num_features) + ", eps=" + detail::py_float(eps) +
         ", momentum=" + (momentum ? detail::py_float(*momentum) : "None") + ", affine=" + detail::py_bool(affine) +
         ", bias=" + detail::py_bool(bias.defined()) + ", track_running_stats=" + detail::py_bool(track_running_stats);
}

// ---- LayerNorm ------------------------------------------------------------------

LayerNorm::LayerNorm(Shape normalized_shape_, double eps_, bool elementwise_affine_, bool with_bias, DType dtype)
    : Module("LayerNorm"), normalized_shape(std::move(normalized_shape_)), eps(eps_),
      elementwise_affine(elementwise_affine_) {
  bool ok = !normalized_shape.empty();
  for (int64_t s : normalized_shape) ok = ok && s >= 0;
  NNLITE_CHECK(ok, Value, "LayerNorm: normalized_shape must be non-empty with non-negative sizes but got ",
               tuple_str(normalized_shape));
  if (elementwise_affine) {
    weight = register_parameter("weight", full(normalized_shape, 1.0, dtype));
    if (with_bias) bias = register_parameter("bias", full(normalized_shape, 0.0, dtype));
  }
}

void LayerNorm::reset_parameters() { init::reset_affine_(weight, bias); }

Tensor LayerNorm::forward(const Tensor& input) { return layer_norm(input, normalized_shape, weight, bias, eps); }

std::string LayerNorm::extra_repr() const {
  return tuple_str(normalized_shape) + ", eps=" + detail::py_float(eps) +
         ", elementwise_affine=" + detail::py_bool(elementwise_affine) + ", bias=" + detail::py_bool(bias.defined());
}

// ---- GroupNorm ------------------------------------------------------------------

GroupNorm::GroupNorm(int64_t num_groups_, int64_t num_channels_, double eps_, bool affine_, DType dtype)
    : Module("GroupNorm"), num_groups(num_groups_), num_channels(num_channels_), eps(eps_), affine(affine_) {
  check_count("GroupNorm", "num_groups", num_groups);
  check_count("GroupNorm", "num_channels", num_channels);
  NNLITE_CHECK(num_channels % num_groups == 0, Value, "GroupNorm: num_channels (", num_channels,
               ") must be divisible by num_groups (", num_groups, ")");
  if (affine) {
    weight = register_parameter("weight", full({num_channels}, 1.0, dtype));
    bias = register_parameter("bias", full({num_channels}, 0.0, dtype));
  }
}

void GroupNorm::reset_parameters() { init::reset_affine_(weight, bias); }

Tensor GroupNorm::forward(const Tensor& input) { return group_norm(input, num_groups, weight, bias, eps); }

std::string GroupNorm::extra_repr() const {
  return std::to_string(num_groups) + ", " + std::to_string(num_channels) + ", eps=" + detail::py_float(eps) +
         ", affine=" + detail::py_bool(affine) + ", bias=" + detail::py_bool(bias.defined());
}

}  // namespace nnlite::nn
