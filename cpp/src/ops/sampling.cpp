// Random draws whose parameters are tensors: bernoulli, normal (tensor mean
// and/or std), poisson, randint_like, and the in-place bernoulli_ and
// exponential_. Each checks its parameters on the whole tensor first (their
// extremes, read through the backend), then draws with the device's kernels
// from the given generator or the default one, so seeded runs repeat.
//
// Samples carry no gradient, as in torch: when a parameter requires grad the
// output is recorded with a zero gradient for it (torch's BernoulliBackward,
// PoissonBackward, NormalBackward); a reparameterised draw is written
// mean + std * randn_like(...) instead (nnlite.distributions' rsample).
#include <cfloat>
#include <cmath>

#include "exported/recorder.h"
#include "ops/inplace.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

Generator& gen_or_default(Generator* gen) { return gen ? *gen : default_generator(); }

void refuse_export(const char* op, const TensorList& inputs) {
  if (exported::reporting())
    exported::refuse(op, inputs, "is not supported in exported graphs (a random draw; exported graphs are "
                                 "deterministic inference)");
}

// x's values must lie in [lo, hi]; `what` names them in the error. NaN fails
// (amin/amax propagate it).
void check_values(const Tensor& x, const char* op, const char* what, double lo, double hi, const char* expected) {
  if (x.numel() == 0) return;
  NoGradGuard ng;
  const double mn = amin(x.detach()).item(), mx = amax(x.detach()).item();
  NNLITE_CHECK(mn >= lo && mx <= hi, Value, op, ": ", what, " must be ", expected, ", got values from ", mn, " to ",
               mx, " in the ", ops::describe(x));
}

void check_float_param(const Tensor& x, const char* op, const char* what) {
  NNLITE_CHECK(is_floating(x.dtype()), Type, op, ": expected a floating-point tensor of ", what, ", got ",
               ops::describe(x));
}

// torch's sampling ops have a zero gradient for their parameters: the output
// requires grad when one does, and backward sends zeros of each one's shape.
Tensor zero_gradient(const char* op, Tensor out, const TensorList& params) {
  TensorList inputs;
  std::vector<Shape> shapes;
  for (const Tensor& p : params) {
    if (!p.defined()) continue;
    inputs.push_back(p);
    shapes.push_back(p.shape());
  }
  return record(op, out, inputs, [shapes](const Tensor& g, const std::vector<bool>&) {
    TensorList grads;
    for (const Shape& s : shapes) grads.push_back(zeros(s, g.dtype(), g.device()));
    return grads;
  });
}

// out (a fresh contiguous tensor of p's shape and dtype) = bernoulli(p).
Tensor draw_bernoulli(const Tensor& p, Generator* gen) {
  Tensor pc = p.detach().contiguous();
  Tensor out = empty(p.shape(), p.dtype(), p.device());
  ops::backend_of(p).bernoulli(pc, out, gen_or_default(gen));
  return out;
}

// Fill t (any strides) through a contiguous scratch when it needs one.
template <typename F>
Tensor& fill_random_(Tensor& t, const char* op, F&& draw) {
  exported::OpScope scope;
  refuse_export(op, {t});
  ops::check_floating(t, op);
  Tensor fresh = draw();  // contiguous, t's shape and dtype
  // Under autograd assign_ checks leaves and views and gives t's old history a zero gradient.
  if (grad_enabled() && t.requires_grad()) return detail::assign_(t, fresh, op);
  ops::backend_of(t).copy(fresh, t);
  t.storage()->bump_version();
  return t;
}

}  // namespace

Tensor bernoulli(const Tensor& probs, Generator* gen) {
  exported::OpScope scope;
  refuse_export("bernoulli", {probs});
  check_float_param(probs, "bernoulli", "probabilities");
  check_values(probs, "bernoulli", "probabilities", 0, 1, "in [0, 1]");
  return zero_gradient("bernoulli", draw_bernoulli(probs, gen), {probs});
}

Tensor bernoulli(const Tensor& input, double p, Generator* gen) {
  exported::OpScope scope;
  refuse_export("bernoulli", {input});
  check_float_param(input, "bernoulli", "the input");
  NNLITE_CHECK(p >= 0 && p <= 1, Value, "bernoulli: p must be in [0, 1], got ", p);
  return draw_bernoulli(full(input.shape(), p, input.dtype(), input.device()), gen);
}

Tensor normal(const Tensor& mean, const Tensor& std, Generator* gen) {
  exported::OpScope scope;
  refuse_export("normal", {mean, std});
  check_float_param(mean, "normal", "means");
  check_float_param(std, "normal", "standard deviations");
  NNLITE_CHECK(mean.dtype() == std.dtype(), Type, "normal: mean and std must have the same dtype, got ",
               ops::describe(mean), " and ", ops::describe(std));
  check_values(std, "normal", "std", 0, INFINITY, "non-negative");
  const Shape shape = ops::broadcast_shapes(mean.shape(), std.shape(), "normal");
  Tensor out;
  {
    NoGradGuard ng;
    Tensor eps = empty(shape, mean.dtype(), mean.device());
    ops::backend_of(mean).normal(eps, 0, 1, gen_or_default(gen));
    out = add(mean.detach(), mul(std.detach(), eps));
  }
  return zero_gradient("normal", out, {mean, std});
}

Tensor normal(const Tensor& mean, double std, Generator* gen) {
  return normal(mean, full(Shape{}, std, mean.dtype(), mean.device()), gen);
}

Tensor normal(double mean, const Tensor& std, Generator* gen) {
  return normal(full(Shape{}, mean, std.dtype(), std.device()), std, gen);
}

Tensor normal(double mean, double std, const Shape& size, Generator* gen, const TensorOptions& o) {
  exported::OpScope scope;
  NNLITE_CHECK(std >= 0, Value, "normal: std must be non-negative, got ", std);
  NNLITE_CHECK(is_floating(o.dtype()), Type, "normal: dtype must be floating-point, got ", dtype_name(o.dtype()));
  Tensor out = empty(size, o.dtype(), o.device());
  ops::backend_of(out).normal(out, mean, std, gen_or_default(gen));
  if (o.requires_grad()) out.requires_grad_(true);
  return out;
}

Tensor poisson(const Tensor& rates, Generator* gen) {
  exported::OpScope scope;
  refuse_export("poisson", {rates});
  check_float_param(rates, "poisson", "rates");
  check_values(rates, "poisson", "rates", 0, DBL_MAX, "finite and non-negative");
  Tensor rc = rates.detach().contiguous();
  Tensor out = empty(rates.shape(), rates.dtype(), rates.device());
  ops::backend_of(rates).poisson(rc, out, gen_or_default(gen));
  return zero_gradient("poisson", out, {rates});
}

Tensor randint_like(const Tensor& x, int64_t high, const TensorOptions& o) { return randint_like(x, 0, high, nullptr, o); }
Tensor randint_like(const Tensor& x, int64_t low, int64_t high, const TensorOptions& o) {
  return randint_like(x, low, high, nullptr, o);
}
Tensor randint_like(const Tensor& x, int64_t low, int64_t high, Generator* gen, const TensorOptions& o) {
  exported::OpScope scope;
  refuse_export("randint_like", {x});
  const TensorOptions lo = TensorOptions()
                               .dtype(o.has_dtype() ? o.dtype() : x.dtype())
                               .device(o.has_device() ? o.device() : x.device())
                               .requires_grad(o.requires_grad());
  return randint(low, high, x.shape(), gen, lo);
}

Tensor& bernoulli_(Tensor& t, double p, Generator* gen) {
  NNLITE_CHECK(p >= 0 && p <= 1, Value, "bernoulli_: p must be in [0, 1], got ", p);
  return fill_random_(t, "bernoulli_", [&] { return draw_bernoulli(full(t.shape(), p, t.dtype(), t.device()), gen); });
}

Tensor& bernoulli_(Tensor& t, const Tensor& p, Generator* gen) {
  check_float_param(p, "bernoulli_", "probabilities");
  check_values(p, "bernoulli_", "probabilities", 0, 1, "in [0, 1]");
  NNLITE_CHECK(ops::broadcast_shapes(t.shape(), p.shape(), "bernoulli_") == t.shape(), Value,
               "bernoulli_: probabilities of shape ", shape_str(p.shape()), " cannot be broadcast to the shape ",
               shape_str(t.shape()), " of the tensor filled");
  return fill_random_(t, "bernoulli_", [&] { return draw_bernoulli(p.detach().to(t.dtype()).expand(t.shape()), gen); });
}

Tensor& exponential_(Tensor& t, double lambd, Generator* gen) {
  NNLITE_CHECK(lambd > 0, Value, "exponential_: lambd must be positive, got ", lambd);
  return fill_random_(t, "exponential_", [&] {
    Tensor out = empty(t.shape(), t.dtype(), t.device());
    ops::backend_of(t).exponential(out, lambd, gen_or_default(gen));
    return out;
  });
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_sampling_schemas(Registry& r) {
  const char* why = "a random draw: exported graphs are deterministic inference";
  // Differentiable as torch's are: a zero gradient for each parameter.
  r.add(OpSchema("bernoulli").inputs({"input"}).attrs({{"p", AttrType::Float}}).differentiable().not_exportable(why));
  r.add(OpSchema("normal").inputs({"mean", "std"}).differentiable().not_exportable(why));
  r.add(OpSchema("poisson").inputs({"input"}).differentiable().not_exportable(why));
  r.add(OpSchema("randint_like")
            .inputs({"input"})
            .attrs({{"low", AttrType::Int}, {"high", AttrType::Int}, {"dtype", AttrType::DType}})
            .not_exportable(why));
  r.add(OpSchema("bernoulli_").inputs({"input", "p?"}).attrs({{"p", AttrType::Float}}).not_exportable(why));
  r.add(OpSchema("exponential_").inputs({"input"}).attrs({{"lambd", AttrType::Float}}).not_exportable(why));
}

}  // namespace nnlite::schema
