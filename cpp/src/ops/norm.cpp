// Normalization layers: batch_norm, layer_norm and group_norm.
//
// All three view the input as x3 [A, C, L] and standardize every "channel" c
// over its A * L values (batch norm: A = N, C = channels, L = H * W; layer
// and group norm: A = 1, one row per normalized slice), then apply the
// optional affine map. Each is one recorded op over (x, weight, bias) whose
// forward and backward are the backend's fused norm kernels; only a backward
// under create_graph falls back to a composite of recorded ops, so that it
// can itself be differentiated.
#include <cmath>

#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/norm_fused.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

using backend::NormGeometry;
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

// t summed over the dims where `shape` (t's rank) is 1, then shaped like `like`.
Tensor sum_to(const Tensor& t, const Shape& shape, const Shape& like) {
  Dims dims;
  for (int64_t d = 0; d < t.dim(); ++d)
    if (shape[d] == 1) dims.push_back(d);
  return (dims.empty() ? t : sum(t, dims, true)).reshape(like);
}

// How a normalization maps onto the kernels: the [A, C, L] geometry, and the
// shape (x's rank) that weight and bias are viewed as to broadcast over x.
struct NormSpec {
  const char* name;
  NormGeometry geo;
  Shape affine_shape;
  Shape param_shape;  // weight's and bias's own shape
  double eps;
};

// The composite VJP, written with recorded ops (create_graph only). With
// batch statistics, dx = rstd * (g' - mean(g') - xhat * mean(g' * xhat)) per
// channel, g' = g * weight; with fixed statistics (eval), dx = rstd * g'.
TensorList composite_backward(const NormSpec& s, const Tensor& g, const Tensor& x, const Tensor& weight,
                              const Tensor& fixed_mean, const Tensor& fixed_rstd, const std::vector<bool>& need,
                              size_t iw, size_t ib) {
  const Shape x3_shape{s.geo.A, s.geo.C, s.geo.L};
  const Shape stat_shape{1, s.geo.C, 1};
  Tensor x3 = x.reshape(x3_shape);
  Tensor mean, rstd;
  const bool batch = !fixed_mean.defined();
  if (batch) {
    mean = channel_mean(x3);
    Tensor xc = x3 - mean;
    rstd = rsqrt(channel_mean(xc * xc) + s.eps);
  } else {
    mean = fixed_mean.reshape(stat_shape);
    rstd = fixed_rstd.reshape(stat_shape);
  }
  Tensor xhat = ((x3 - mean) * rstd).reshape(x.shape());
  Tensor gw = weight.defined() ? g * weight.reshape(s.affine_shape) : g;
  TensorList r(need.size());
  if (need[0]) {
    Tensor g3 = gw.reshape(x3_shape), xh3 = xhat.reshape(x3_shape);
    Tensor dx = batch ? rstd * (g3 - channel_mean(g3) - xh3 * channel_mean(g3 * xh3)) : rstd * g3;
    r[0] = dx.reshape(x.shape());
  }
  if (iw && need[iw]) r[iw] = sum_to(g * xhat, s.affine_shape, s.param_shape);
  if (ib && need[ib]) r[ib] = sum_to(g, s.affine_shape, s.param_shape);
  return r;
}

// The one recorded op of the three layers: y = (x3 - mean) * rstd * weight +
// bias, then relu?(y + residual?) when `e` asks (batch norm followed by a
// residual add and ReLU, run on each row while it is in cache). Without
// `fixed_mean`/`fixed_rstd` ([C], eval-mode batch norm) the statistics are
// x3's own, and *batch_mean / *batch_var (biased), when given, receive them
// ([C]).
Tensor normalize(const NormSpec& s, const Tensor& x, const Tensor& weight, const Tensor& bias,
                 const Tensor& fixed_mean, const Tensor& fixed_rstd, Tensor* batch_mean, Tensor* batch_var,
                 const backend::Epilogue& e = {}) {
  backend::Backend& be = ops::backend_of(x);
  const Tensor xc = x.detach().contiguous();
  const bool batch = !fixed_mean.defined();
  Tensor mean = fixed_mean, rstd = fixed_rstd;
  if (batch) {
    mean = empty({s.geo.C}, x.dtype(), x.device());
    rstd = empty({s.geo.C}, x.dtype(), x.device());
    Tensor var = batch_var ? empty({s.geo.C}, x.dtype(), x.device()) : Tensor();
    be.norm_stats(xc, s.eps, mean, var, rstd, s.geo);
    if (batch_mean) *batch_mean = mean;
    if (batch_var) *batch_var = var;
  }
  // The kernels take weight and bias together: a lone one gets a constant partner.
  Tensor wk = weight.defined() ? weight.detach().contiguous() : Tensor();
  Tensor bk = bias.defined() ? bias.detach().contiguous() : Tensor();
  if (wk.defined() != bk.defined()) {
    const Shape& ps = wk.defined() ? wk.shape() : bk.shape();
    if (!wk.defined()) wk = ones(ps, x.dtype(), x.device());
    if (!bk.defined()) bk = zeros(ps, x.dtype(), x.device());
  }
  const Tensor& residual = e.residual;
  const backend::Epilogue ek{residual.defined() ? residual.detach().contiguous() : Tensor(), e.relu};
  Tensor y = empty(x.shape(), x.dtype(), x.device());
  be.norm_forward(xc, mean, rstd, wk, bk, ek, y, s.geo);

  TensorList inputs{x};
  size_t iw = 0, ib = 0, ir = 0;
  if (weight.defined()) iw = inputs.size(), inputs.push_back(weight);
  if (bias.defined()) ib = inputs.size(), inputs.push_back(bias);
  if (residual.defined()) ir = inputs.size(), inputs.push_back(residual);
  TensorList saved{x};
  if (weight.defined()) saved.push_back(weight);
  // ReLU's gradient mask comes from y (> 0 where the pre-ReLU value is), kept
  // detached so that y's node does not hold y.
  const Tensor yd = e.relu ? y.detach() : Tensor();
  if (e.relu) saved.push_back(y);
  return record(s.name, y, inputs,
                [s, x, xc, weight, wk, mean, rstd, batch, iw, ib, ir, yd](const Tensor& g_out,
                                                                          const std::vector<bool>& need) {
    // g: the gradient at the normalization's output, before the add and ReLU.
    const Tensor g = yd.defined() ? ops::relu_grad(yd, g_out) : g_out;
    TensorList r(need.size());
    if (ir && need[ir]) r[ir] = g;
    if (grad_enabled()) {
      TensorList n = composite_backward(s, g, x, weight, batch ? Tensor() : mean, batch ? Tensor() : rstd, need, iw,
                                        ib);
      for (size_t i = 0; i < n.size(); ++i)
        if (n[i].defined()) r[i] = n[i];  // all but the residual's
      return r;
    }
    Tensor gx, gw, gb;
    if (need[0]) gx = empty(x.shape(), x.dtype(), x.device());
    if (iw && need[iw]) gw = empty(s.param_shape, x.dtype(), x.device());
    if (ib && need[ib]) gb = empty(s.param_shape, x.dtype(), x.device());
    ops::backend_of(x).norm_backward(g.detach().contiguous(), xc, mean, rstd, wk, batch, gx, gw, gb, s.geo);
    r[0] = gx;
    if (iw) r[iw] = gw;
    if (ib) r[ib] = gb;
    return r;
  }, saved);
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

int64_t prod_from(const Shape& s, size_t start) {
  int64_t p = 1;
  for (size_t i = start; i < s.size(); ++i) p *= s[i];
  return p;
}

}  // namespace

namespace {
Tensor batch_norm_impl(const Tensor& x, Tensor running_mean, Tensor running_var, const Tensor& weight, const Tensor& bias,
                       bool training, double momentum, double eps, const backend::Epilogue& e = {}) {
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

  const int64_t N = x.size(0), L = prod_from(x.shape(), 2), M = N * L;
  const NormSpec spec{op, NormGeometry{N, C, L, 1, L, C}, cshape, Shape{C}, eps};
  if (!training) {
    NNLITE_CHECK(running_mean.defined(), Value, op,
                 ": running_mean and running_var must be defined in evaluation mode (training=False)");
    // Eval standardizes with the running statistics, which are constants here.
    Tensor mean, rstd;
    {
      NoGradGuard no_grad;
      mean = running_mean.detach().clone();  // a later update must not change saved values
      rstd = rsqrt(running_var.detach() + eps).contiguous();
    }
    return normalize(spec, x, weight, bias, mean, rstd, nullptr, nullptr, e);
  }

  NNLITE_CHECK(M != 1, Value, op, ": expected more than 1 value per channel when training, got input of shape ",
               shape_str(x.shape()));
  const bool update = running_mean.defined() && M > 0;
  Tensor mean, var;
  Tensor y = normalize(spec, x, weight, bias, Tensor(), Tensor(), update ? &mean : nullptr, update ? &var : nullptr, e);
  if (update) {
    // running = (1 - momentum) * running + momentum * batch statistic, with the
    // unbiased variance, as torch does; never part of the graph.
    NoGradGuard no_grad;
    Tensor unbiased = var * (static_cast<double>(M) / static_cast<double>(M - 1));
    copy_(running_mean, running_mean * (1.0 - momentum) + mean * momentum);
    copy_(running_var, running_var * (1.0 - momentum) + unbiased * momentum);
  }
  return y;
}
}  // namespace

Tensor batch_norm(const Tensor& x, Tensor running_mean, Tensor running_var, const Tensor& weight, const Tensor& bias,
                  bool training, double momentum, double eps) {
  exported::OpScope scope;
  if (exported::reporting() && training && (running_mean.defined() || running_var.defined()))
    exported::refuse("batch_norm", {x}, "in training mode updates its running statistics; export records the model "
                     "in eval mode, so call it with training=False (or without running stats)");
  Tensor y = batch_norm_impl(x, running_mean, running_var, weight, bias, training, momentum, eps);
  NNLITE_REPORT("batch_norm", {x, running_mean, running_var, weight, bias}, {y},
                {{"training", exported::jbool(training)}, {"momentum", exported::jnum(momentum)},
                 {"eps", exported::jnum(eps)}});
  return y;
}

namespace {
// What BatchNorm1d/2d's forward decides, for both nn APIs (torch's module
// rules): in training with tracked statistics num_batches_tracked counts the
// batch and the update factor is momentum, or 1 / num_batches_tracked for a
// cumulative average when momentum is unset; batch statistics are used in
// training, and in eval when there are no running statistics; running
// statistics are updated only when tracked.
struct BatchNormCall {
  Tensor running_mean, running_var;  // undefined when not used
  bool batch_stats;
  double factor;
};

BatchNormCall module_rules(const Tensor& x, const Tensor& running_mean, const Tensor& running_var,
                           Tensor num_batches_tracked, bool training, bool track_running_stats,
                           std::optional<double> momentum, const std::string& module) {
  if (!module.empty()) {
    // The module fixes the input rank: BatchNorm1d [N, C] or [N, C, L], BatchNorm2d [N, C, H, W].
    const bool one_d = module == "BatchNorm1d";
    NNLITE_CHECK(one_d || module == "BatchNorm2d", Value, "batch_norm_module: unknown module '", module,
                 "' (expected BatchNorm1d or BatchNorm2d)");
    const bool ok = one_d ? (x.dim() == 2 || x.dim() == 3) : x.dim() == 4;
    NNLITE_CHECK(ok, Value, module, ": expected ", one_d ? "2D or 3D" : "4D", " input (got ", x.dim(),
                 "D input of shape ", shape_str(x.shape()), ")");
  }
  double factor = momentum.value_or(0.0);
  if (training && track_running_stats && num_batches_tracked.defined()) {
    NoGradGuard no_grad;
    add_(num_batches_tracked, scalar_tensor(int64_t{1}, num_batches_tracked.dtype(), true));
    if (!momentum) factor = 1.0 / num_batches_tracked.item();
  }
  const bool use_batch_stats = training || (!running_mean.defined() && !running_var.defined());
  const bool keep_running = !training || track_running_stats;
  return {keep_running ? running_mean : Tensor(), keep_running ? running_var : Tensor(), use_batch_stats, factor};
}
}  // namespace

Tensor batch_norm_module(const Tensor& x, Tensor running_mean, Tensor running_var, Tensor num_batches_tracked,
                         const Tensor& weight, const Tensor& bias, bool training, bool track_running_stats,
                         std::optional<double> momentum, double eps, const std::string& module) {
  const BatchNormCall c = module_rules(x, running_mean, running_var, num_batches_tracked, training,
                                       track_running_stats, momentum, module);
  return batch_norm(x, c.running_mean, c.running_var, weight, bias, c.batch_stats, c.factor, eps);
}

Tensor batch_norm_module_fused(const Tensor& x, Tensor running_mean, Tensor running_var, Tensor num_batches_tracked,
                               const Tensor& weight, const Tensor& bias, bool training, bool track_running_stats,
                               std::optional<double> momentum, double eps, const std::string& module,
                               const Tensor& residual, bool relu) {
  if (exported::recording_active()) {  // an export records the ops this one stands for
    Tensor y = batch_norm_module(x, running_mean, running_var, num_batches_tracked, weight, bias, training,
                                 track_running_stats, momentum, eps, module);
    if (residual.defined()) y = y + residual;
    return relu ? nnlite::relu(y) : y;
  }
  const char* op = "batch_norm";
  if (residual.defined()) {
    check_like_input(op, "residual", residual, x);
    NNLITE_CHECK(residual.shape() == x.shape(), Value, op, ": residual must have the input's shape (",
                 describe(x), "), got ", describe(residual));
  }
  const BatchNormCall c = module_rules(x, running_mean, running_var, num_batches_tracked, training,
                                       track_running_stats, momentum, module);
  exported::OpScope scope;
  return batch_norm_impl(x, c.running_mean, c.running_var, weight, bias, c.batch_stats, c.factor, eps,
                         {residual, relu});
}

namespace {
Tensor layer_norm_impl(const Tensor& x, const Shape& normalized_shape, const Tensor& weight, const Tensor& bias,
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
  // x [*, normalized_shape] -> [1, rows, L]: one standardized row per leading
  // index; weight and bias hold one value per element of a row.
  const int64_t L = prod_from(normalized_shape, 0);
  const int64_t rows = prod_from(Shape(x.shape().begin(), x.shape().end() - static_cast<int64_t>(k)), 0);
  Shape affine_shape(static_cast<size_t>(x.dim()) - k, 1);
  affine_shape.insert(affine_shape.end(), normalized_shape.begin(), normalized_shape.end());
  const NormSpec spec{op, NormGeometry{1, rows, L, L, 1, 1}, affine_shape, normalized_shape, eps};
  return normalize(spec, x, weight, bias, Tensor(), Tensor(), nullptr, nullptr);
}
}  // namespace

Tensor layer_norm(const Tensor& x, const Shape& normalized_shape, const Tensor& weight, const Tensor& bias,
                  double eps) {
  exported::OpScope scope;
  Tensor y = layer_norm_impl(x, normalized_shape, weight, bias, eps);
  NNLITE_REPORT("layer_norm", {x, weight, bias}, {y},
                {{"normalized_shape", exported::jints(normalized_shape)}, {"eps", exported::jnum(eps)}});
  return y;
}

namespace {
Tensor group_norm_impl(const Tensor& x, int64_t num_groups, const Tensor& weight, const Tensor& bias, double eps) {
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
  // x [N, C, *] -> [1, N * G, (C / G) * HW]; the C / G channels of a group
  // are its row's J blocks of HW values, one weight each.
  const int64_t HW = prod_from(x.shape(), 2), Cg = C / num_groups;
  const NormSpec spec{op, NormGeometry{1, N * num_groups, Cg * HW, Cg, HW, num_groups}, channel_shape(x), Shape{C},
                      eps};
  return normalize(spec, x, weight, bias, Tensor(), Tensor(), nullptr, nullptr);
}
}  // namespace

Tensor group_norm(const Tensor& x, int64_t num_groups, const Tensor& weight, const Tensor& bias, double eps) {
  exported::OpScope scope;
  Tensor y = group_norm_impl(x, num_groups, weight, bias, eps);
  NNLITE_REPORT("group_norm", {x, weight, bias}, {y},
                {{"num_groups", exported::jint(num_groups)}, {"eps", exported::jnum(eps)}});
  return y;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_norm_schemas(Registry& r) {
  using A = AttrType;
  // x [N, C, *], running_mean [C]?, running_var [C]?, weight [C]?, bias [C]?
  // Graphs never update running statistics: with training set (batch
  // statistics), the running tensors must be absent.
  r.add(OpSchema("batch_norm")
            .inputs({"input", "running_mean?", "running_var?", "weight?", "bias?"})
            .attrs({{"training", A::Bool}, {"momentum", A::Float}, {"eps", A::Float}})
            .differentiable()
            .onnx({"BatchNormalization"})
            .kernel([](Attrs& a) -> Kernel {
              bool training = a.boolean("training", false);
              double momentum = a.number("momentum", 0.1), eps = a.number("eps", 1e-5);
              std::string where = a.where();
              return [=](const TensorList& in) {
                NNLITE_CHECK(!training || (!input_or_none(in, 1).defined() && !input_or_none(in, 2).defined()),
                             Value, where,
                             ": batch_norm with training=true would update running statistics; a graph cannot");
                return one(batch_norm(in[0], input_or_none(in, 1), input_or_none(in, 2), input_or_none(in, 3),
                                      input_or_none(in, 4), training, momentum, eps));
              };
            }));
  r.add(OpSchema("layer_norm")
            .inputs({"input", "weight?", "bias?"})
            .attrs({{"normalized_shape", A::Ints}, {"eps", A::Float}})
            .differentiable()
            .onnx({"LayerNormalization", "Reshape"})
            .kernel([](Attrs& a) -> Kernel {
              Shape normalized = a.ints("normalized_shape");
              double eps = a.number("eps", 1e-5);
              return [=](const TensorList& in) {
                return one(layer_norm(in[0], normalized, input_or_none(in, 1), input_or_none(in, 2), eps));
              };
            }));
  r.add(OpSchema("group_norm")
            .inputs({"input", "weight?", "bias?"})
            .attrs({{"num_groups", A::Int}, {"eps", A::Float}})
            .differentiable()
            .no_onnx("GroupNormalization arrives in opset 18; nnlite.onnx writes opset 17")
            .kernel([](Attrs& a) -> Kernel {
              int64_t groups = a.integer("num_groups");
              double eps = a.number("eps", 1e-5);
              return [=](const TensorList& in) {
                return one(group_norm(in[0], groups, input_or_none(in, 1), input_or_none(in, 2), eps));
              };
            }));
}

}  // namespace nnlite::schema
