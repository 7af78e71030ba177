// Normalization layers: batch_norm, layer_norm and group_norm.
//
// All three reshape the input to x3 [A, C, L] and standardize every "channel"
// c over its A * L values (batch norm: A = N, C = channels, L = H * W; layer
// and group norm: A = 1, one row per normalized slice). Standardizing is one
// recorded op with a closed-form backward; the optional affine part is made of
// ordinary ops, so its gradients come from autograd.
#include <cmath>

#include "ops/op_util.h"

namespace nnlite {

namespace {

using ops::describe;

// Mean over dims 0 and 2 of x3 [A, C, L] -> [1, C, 1]. Reducing the
// contiguous rows first and then the leading dim keeps both reductions on
// the kernels' fast paths (no transposed copy of the whole input).
Tensor channel_mean(const Tensor& x3) {
  const int64_t count = x3.size(0) * x3.size(2);
  Tensor s = sum(x3, {2}, true);
  if (x3.size(0) != 1) s = sum(s, {0}, true);
  return s / static_cast<double>(count);
}

struct Moments {
  Tensor mean, rstd;  // [1, C, 1] each
  Tensor var;         // biased variance, [1, C, 1]
};

Moments moments(const Tensor& x3, double eps) {
  Moments m;
  m.mean = channel_mean(x3);
  Tensor xc = x3 - m.mean;
  m.var = channel_mean(xc * xc);
  m.rstd = rsqrt(m.var + eps);
  return m;
}

// xhat = (x3 - mean) / sqrt(var + eps) per channel of x3 [A, C, L]; the
// statistics (detached, [1, C, 1]) go to *stats when it is given.
Tensor standardize(const char* name, const Tensor& x3, double eps, Moments* stats) {
  Moments m;
  Tensor y;
  {
    NoGradGuard no_grad;
    Tensor xd = x3.detach();
    m = moments(xd, eps);
    y = (xd - m.mean) * m.rstd;
  }
  if (stats) *stats = m;
  Tensor yd = y.detach();
  // VJP of standardization over M values per channel:
  //   dx = rstd * (g - mean(g) - xhat * mean(g * xhat)).
  // Under create_graph the statistics are recomputed from x3 with recorded
  // ops so that this gradient can itself be differentiated.
  return record(name, y, {x3}, [x3, yd, m, eps](const Tensor& g, const std::vector<bool>&) {
    Tensor xhat = yd, rstd = m.rstd;
    if (grad_enabled()) {
      Moments r = moments(x3, eps);
      xhat = (x3 - r.mean) * r.rstd;
      rstd = r.rstd;
    }
    return TensorList{rstd * (g - channel_mean(g) - xhat * channel_mean(g * xhat))};
  }, {y});
}

void check_eps(const char* op, double eps) {
  NNLITE_CHECK(eps >= 0 && std::isfinite(eps), Value, op, ": eps must be a finite non-negative number, got ", eps);
}

// weight, bias and running statistics must share the input's dtype (a
// float64 weight would silently turn a float32 layer into float64) and device.
void check_like_input(const char* op, const char* what, const Tensor& t, const Tensor& x) {
  NNLITE_CHECK(is_floating(t.dtype()), Type, op, ": ", what, " must be a floating-point tensor, got ", describe(t));
  NNLITE_CHECK(t.dtype() == x.dtype(), Type, op, ": ", what, " (", describe(t), ") must have the input's dtype (",
               describe(x), ")");
  NNLITE_CHECK(t.device() == x.device(), Value, op, ": ", what, " is on ", t.device().str(), " but the input is on ",
               x.device().str());
}

// weight/bias/running stats of a per-channel op: undefined, or a 1-d tensor
// of C elements like the input.
void check_per_channel(const char* op, const char* what, const Tensor& t, const Tensor& x, int64_t channels) {
  if (!t.defined()) return;
  check_like_input(op, what, t, x);
  NNLITE_CHECK(t.dim() == 1 && t.size(0) == channels, Value, op, ": ", what, " must have shape [", channels,
               "] to match the ", channels, " channels of the input (", describe(x), "), got shape ",
               shape_str(t.shape()));
}

// Shape [1, C, 1, ..., 1] with x's rank: a per-channel tensor broadcast over NC*.
Shape channel_shape(const Tensor& x) {
  Shape s(static_cast<size_t>(x.dim()), 1);
  s[1] = x.size(1);
  return s;
}

// y * weight + bias, each optional, reshaped to `shape` to broadcast.
Tensor affine(const Tensor& y, const Tensor& weight, const Tensor& bias, const Shape& shape) {
  Tensor out = y;
  if (weight.defined()) out = out * weight.reshape(shape);
  if (bias.defined()) out = out + bias.reshape(shape);
  return out;
}

int64_t prod_from(const Shape& s, size_t start) {
  int64_t p = 1;
  for (size_t i = start; i < s.size(); ++i) p *= s[i];
  return p;
}

}  // namespace

Tensor batch_norm(const Tensor& x, Tensor running_mean, Tensor running_var, const Tensor& weight, const Tensor& bias,
                  bool training, double momentum, double eps) {
  const char* op = "batch_norm";
  ops::check_floating(x, op);
  NNLITE_CHECK(x.dim() >= 2, Value, op, ": expected an input of shape [N, C] or [N, C, *], got ", describe(x));
  check_eps(op, eps);
  NNLITE_CHECK(std::isfinite(momentum), Value, op, ": momentum must be finite, got ", momentum);
  const int64_t C = x.size(1);
  check_per_channel(op, "weight", weight, x, C);
  check_per_channel(op, "bias", bias, x, C);
  check_per_channel(op, "running_mean", running_mean, x, C);
  check_per_channel(op, "running_var", running_var, x, C);
  NNLITE_CHECK(running_mean.defined() == running_var.defined(), Value, op,
               ": running_mean and running_var must both be given or both be None");
  const Shape cshape = channel_shape(x);

  if (!training) {
    NNLITE_CHECK(running_mean.defined(), Value, op,
                 ": running_mean and running_var must be defined in evaluation mode (training=False)");
    // Eval is a per-channel affine map: y = x * scale + shift.
    Tensor scale = rsqrt(running_var + eps);
    if (weight.defined()) scale = scale * weight;
    Tensor shift = -(running_mean * scale);
    if (bias.defined()) shift = shift + bias;
    return x * scale.reshape(cshape) + shift.reshape(cshape);
  }

  const int64_t N = x.size(0), L = prod_from(x.shape(), 2), M = N * L;
  NNLITE_CHECK(M != 1, Value, op, ": expected more than 1 value per channel when training, got input of shape ",
               shape_str(x.shape()));
  Moments stats;
  Tensor y = standardize(op, x.reshape({N, C, L}), eps, &stats).reshape(x.shape());
  if (running_mean.defined() && M > 0) {
    // running = (1 - momentum) * running + momentum * batch statistic, with the
    // unbiased variance, as torch does; never part of the graph.
    NoGradGuard no_grad;
    Tensor mean = stats.mean.reshape({C});
    Tensor var = stats.var.reshape({C}) * (static_cast<double>(M) / static_cast<double>(M - 1));
    copy_(running_mean, running_mean * (1.0 - momentum) + mean * momentum);
    copy_(running_var, running_var * (1.0 - momentum) + var * momentum);
  }
  return affine(y, weight, bias, cshape);
}

Tensor layer_norm(const Tensor& x, const Shape& normalized_shape, const Tensor& weight, const Tensor& bias,
                  double eps) {
  const char* op = "layer_norm";
  ops::check_floating(x, op);
  check_eps(op, eps);
  const size_t k = normalized_shape.size();
  NNLITE_CHECK(k >= 1, Value, op, ": normalized_shape must have at least one dimension, got []");
  bool match = static_cast<size_t>(x.dim()) >= k;
  for (size_t i = 0; match && i < k; ++i) match = x.shape()[x.dim() - k + i] == normalized_shape[i];
  NNLITE_CHECK(match, Value, op, ": normalized_shape ", shape_str(normalized_shape),
               " must equal the trailing dimensions of the input, got ", describe(x));
  for (const Tensor* t : {&weight, &bias}) {
    if (!t->defined()) continue;
    const char* what = t == &weight ? "weight" : "bias";
    check_like_input(op, what, *t, x);
    NNLITE_CHECK(t->shape() == normalized_shape, Value, op, ": ", what, " must have shape ",
                 shape_str(normalized_shape), " (normalized_shape), got ", shape_str(t->shape()));
  }
  // x [*, normalized_shape] -> [1, rows, L]: one standardized row per leading index.
  const int64_t L = prod_from(normalized_shape, 0);
  const int64_t rows = prod_from(Shape(x.shape().begin(), x.shape().end() - static_cast<int64_t>(k)), 0);
  Tensor y = standardize(op, x.reshape({1, rows, L}), eps, nullptr).reshape(x.shape());
  return affine(y, weight, bias, normalized_shape);
}

Tensor group_norm(const Tensor& x, int64_t num_groups, const Tensor& weight, const Tensor& bias, double eps) {
  const char* op = "group_norm";
  ops::check_floating(x, op);
  NNLITE_CHECK(x.dim() >= 2, Value, op, ": expected an input of shape [N, C, *] with at least 2 dimensions, got ",
               describe(x));
  check_eps(op, eps);
  const int64_t N = x.size(0), C = x.size(1);
  NNLITE_CHECK(num_groups > 0, Value, op, ": num_groups must be positive, got ", num_groups);
  NNLITE_CHECK(C % num_groups == 0, Value, op, ": the ", C, " channels of the input (", describe(x),
               ") are not divisible by num_groups=", num_groups);
  check_per_channel(op, "weight", weight, x, C);
  check_per_channel(op, "bias", bias, x, C);
  const int64_t L = (C / num_groups) * prod_from(x.shape(), 2);
  Tensor y = standardize(op, x.reshape({1, N * num_groups, L}), eps, nullptr).reshape(x.shape());
  return affine(y, weight, bias, channel_shape(x));
}

}  // namespace nnlite
