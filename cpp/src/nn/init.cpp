// Weight initialisations: the bounds are computed in the same order of double
// operations as python/nnlite/nn/init.py, then the C++ random fills run.
#include "nnlite/nn/init.h"

#include <cmath>

#include "nnlite/autograd.h"
#include "nnlite/ops.h"
#include "pyformat.h"

namespace nnlite::nn::init {
namespace {

bool is_empty(const Tensor& t) {
  for (int64_t s : t.shape())
    if (s == 0) return true;
  return false;
}

double kaiming_std(const Tensor& t, double a, FanMode mode, const std::string& nonlinearity) {
  auto [fan_in, fan_out] = calculate_fan_in_and_fan_out(t);
  const int64_t fan = mode == FanMode::FanIn ? fan_in : fan_out;
  return calculate_gain(nonlinearity, a) / std::sqrt(static_cast<double>(fan));
}

}  // namespace

double calculate_gain(const std::string& nonlinearity, std::optional<double> param) {
  static const char* linear_like[] = {"linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                                      "conv_transpose3d", "sigmoid"};
  for (const char* name : linear_like)
    if (nonlinearity == name) return 1;
  if (nonlinearity == "tanh") return 5.0 / 3;
  if (nonlinearity == "relu") return std::sqrt(2.0);
  if (nonlinearity == "leaky_relu") {
    const double slope = param.value_or(0.01);
    return std::sqrt(2.0 / (1 + std::pow(slope, 2.0)));
  }
  if (nonlinearity == "selu") return 3.0 / 4;
  NNLITE_FAIL(Value, "calculate_gain: unsupported nonlinearity ", detail::py_str(nonlinearity));
}

std::pair<int64_t, int64_t> calculate_fan_in_and_fan_out(const Tensor& t) {
  NNLITE_CHECK(t.dim() >= 2, Value,
               "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (got shape ",
               shape_str(t.shape()), ")");
  int64_t receptive = 1;
  for (int64_t d = 2; d < t.dim(); ++d) receptive *= t.size(d);
  return {t.size(1) * receptive, t.size(0) * receptive};
}

Tensor& uniform_(Tensor& t, double a, double b, Generator* gen) {
  NNLITE_CHECK(a <= b, Value, "uniform_: expected a <= b but got a=", detail::py_float(a), ", b=", detail::py_float(b));
  NoGradGuard no_grad;
  return nnlite::uniform_(t, a, b, gen);
}

Tensor& normal_(Tensor& t, double mean, double std, Generator* gen) {
  NNLITE_CHECK(std >= 0, Value, "normal_: expected std >= 0 but got ", detail::py_float(std));
  NoGradGuard no_grad;
  return nnlite::normal_(t, mean, std, gen);
}

Tensor& constant_(Tensor& t, double value) {
  NoGradGuard no_grad;
  return fill_(t, value);
}

Tensor& ones_(Tensor& t) { return constant_(t, 1.0); }

Tensor& zeros_(Tensor& t) {
  NoGradGuard no_grad;
  return zero_(t);
}

Tensor& xavier_uniform_(Tensor& t, double gain, Generator* gen) {
  auto [fan_in, fan_out] = calculate_fan_in_and_fan_out(t);
  const double std = gain * std::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
  const double bound = std::sqrt(3.0) * std;  // a uniform of this half-width has standard deviation std
  NoGradGuard no_grad;
  return nnlite::uniform_(t, -bound, bound, gen);
}

Tensor& xavier_normal_(Tensor& t, double gain, Generator* gen) {
  auto [fan_in, fan_out] = calculate_fan_in_and_fan_out(t);
  const double std = gain * std::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
  NoGradGuard no_grad;
  return nnlite::normal_(t, 0.0, std, gen);
}

Tensor& kaiming_uniform_(Tensor& t, double a, FanMode mode, const std::string& nonlinearity, Generator* gen) {
  if (is_empty(t)) return t;
  const double bound = std::sqrt(3.0) * kaiming_std(t, a, mode, nonlinearity);
  NoGradGuard no_grad;
  return nnlite::uniform_(t, -bound, bound, gen);
}

Tensor& kaiming_normal_(Tensor& t, double a, FanMode mode, const std::string& nonlinearity, Generator* gen) {
  if (is_empty(t)) return t;
  const double std = kaiming_std(t, a, mode, nonlinearity);
  NoGradGuard no_grad;
  return nnlite::normal_(t, 0.0, std, gen);
}

void reset_linear_(Tensor& weight, Tensor& bias, Generator* gen) {
  kaiming_uniform_(weight, std::sqrt(5.0), FanMode::FanIn, "leaky_relu", gen);
  if (!bias.defined()) return;
  const int64_t fan_in = calculate_fan_in_and_fan_out(weight).first;
  const double bound = fan_in > 0 ? 1 / std::sqrt(static_cast<double>(fan_in)) : 0;
  init::uniform_(bias, -bound, bound, gen);
}

void reset_conv_(Tensor& weight, Tensor& bias, Generator* gen) {
  kaiming_uniform_(weight, std::sqrt(5.0), FanMode::FanIn, "leaky_relu", gen);
  if (!bias.defined()) return;
  const int64_t fan_in = calculate_fan_in_and_fan_out(weight).first;
  if (fan_in == 0) return;
  const double bound = 1 / std::sqrt(static_cast<double>(fan_in));
  init::uniform_(bias, -bound, bound, gen);
}

void reset_affine_(Tensor& weight, Tensor& bias) {
  if (weight.defined()) ones_(weight);
  if (bias.defined()) zeros_(bias);
}

void reset_running_stats_(Tensor& running_mean, Tensor& running_var, Tensor& num_batches_tracked) {
  NoGradGuard no_grad;
  if (running_mean.defined()) zero_(running_mean);
  if (running_var.defined()) fill_(running_var, 1);
  if (num_batches_tracked.defined()) zero_(num_batches_tracked);
}

}  // namespace nnlite::nn::init
