// Unary elementwise ops and activations, each forward next to its backward.
#include <cmath>
#include <limits>

#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

using backend::Unary;
using backend::UnaryParams;
using ops::backend_of;

namespace {

// Run a floating unary kernel (ints are promoted to float32, like torch).
// Both report the call to an active export recorder as graph op `name` with
// `attrs` (the caller holds the OpScope).
Tensor apply_float(const char* name, Unary op, const Tensor& x, UnaryParams p = {},
                   exported::NodeAttrs attrs = {}) {
  Tensor xf = is_floating(x.dtype()) ? x : x.to(DType::Float32);
  Tensor out = empty(xf.shape(), xf.dtype(), xf.device());
  backend_of(xf).unary(op, xf, out, p);
  NNLITE_REPORT(name, {x}, {out}, std::move(attrs));
  return out;
}

// Ops defined for every numeric dtype (neg, abs, sign, relu, clamp).
Tensor apply_any(const char* name, Unary op, const Tensor& x, UnaryParams p = {}, bool report = true) {
  NNLITE_CHECK(x.dtype() != DType::Bool, Type, name, ": not defined for bool tensors; got ", ops::describe(x));
  Tensor out = empty(x.shape(), x.dtype(), x.device());
  backend_of(x).unary(op, x, out, p);
  if (report) NNLITE_REPORT(name, {x}, {out});
  return out;
}

TensorList one(const Tensor& g) { return TensorList{g}; }

}  // namespace

Tensor neg(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_any("neg", Unary::Neg, x);
  return record("neg", y, {x}, [](const Tensor& g, const std::vector<bool>&) { return one(-g); });
}

Tensor abs(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_any("abs", Unary::Abs, x);
  return record("abs", y, {x}, [x](const Tensor& g, const std::vector<bool>&) { return one(g * sign(x)); }, {x});
}

Tensor sign(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_any("sign", Unary::Sign, x);
  return record("sign", y, {x}, [](const Tensor& g, const std::vector<bool>&) { return one(zeros_like(g)); });
}

Tensor exp(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("exp", Unary::Exp, x);
  Tensor yd = y.detach();
  // With create_graph (grad mode on in backward) recompute from x so the
  // gradient stays differentiable; otherwise reuse the saved output.
  return record("exp", y, {x}, [x, yd](const Tensor& g, const std::vector<bool>&) {
    return one(g * (grad_enabled() ? exp(x) : yd));
  }, {y});
}

Tensor log(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("log", Unary::Log, x);
  return record("log", y, {x}, [x](const Tensor& g, const std::vector<bool>&) { return one(g / x); }, {x});
}

Tensor sqrt(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("sqrt", Unary::Sqrt, x);
  Tensor yd = y.detach();
  return record("sqrt", y, {x}, [x, yd](const Tensor& g, const std::vector<bool>&) {
    return one(g / (2.0 * (grad_enabled() ? sqrt(x) : yd)));
  }, {y});
}

Tensor rsqrt(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("rsqrt", Unary::Rsqrt, x);
  return record("rsqrt", y, {x},
                [x](const Tensor& g, const std::vector<bool>&) { return one(g * -0.5 * rsqrt(x) / x); }, {x});
}

Tensor sin(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("sin", Unary::Sin, x);
  return record("sin", y, {x}, [x](const Tensor& g, const std::vector<bool>&) { return one(g * cos(x)); }, {x});
}

Tensor cos(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("cos", Unary::Cos, x);
  return record("cos", y, {x}, [x](const Tensor& g, const std::vector<bool>&) { return one(-g * sin(x)); }, {x});
}

Tensor erf(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("erf", Unary::Erf, x);
  return record("erf", y, {x}, [x](const Tensor& g, const std::vector<bool>&) {
    return one(g * (2.0 / std::sqrt(M_PI)) * exp(-(x * x)));
  }, {x});
}

Tensor log1p(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("log1p", Unary::Log1p, x);
  return record("log1p", y, {x}, [x](const Tensor& g, const std::vector<bool>&) { return one(g / (x + 1.0)); }, {x});
}

Tensor expm1(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("expm1", Unary::Expm1, x);
  return record("expm1", y, {x}, [x](const Tensor& g, const std::vector<bool>&) { return one(g * exp(x)); }, {x});
}

Tensor log2(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("log2", Unary::Log2, x);
  return record("log2", y, {x},
                [x](const Tensor& g, const std::vector<bool>&) { return one(g / (x * M_LN2)); }, {x});
}

Tensor log10(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("log10", Unary::Log10, x);
  return record("log10", y, {x},
                [x](const Tensor& g, const std::vector<bool>&) { return one(g / (x * M_LN10)); }, {x});
}

// tanh, sigmoid: the derivative is written with the input so that it can be
// differentiated again (higher-order gradients).
Tensor tanh(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("tanh", Unary::Tanh, x);
  return record("tanh", y, {x}, [x](const Tensor& g, const std::vector<bool>&) {
    Tensor t = tanh(x);
    return one(g * (1.0 - t * t));
  }, {x});
}

Tensor sigmoid(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_float("sigmoid", Unary::Sigmoid, x);
  return record("sigmoid", y, {x}, [x](const Tensor& g, const std::vector<bool>&) {
    Tensor s = sigmoid(x);
    return one(g * s * (1.0 - s));
  }, {x});
}

Tensor relu(const Tensor& x) {
  exported::OpScope scope;
  Tensor y = apply_any("relu", Unary::Relu, x);
  // Like torch: the gradient passes wherever x is not <= 0 (NaN included).
  return record("relu", y, {x}, [x](const Tensor& g, const std::vector<bool>&) { return one(ops::relu_grad(x, g)); },
                {x});
}

namespace ops {
Tensor relu_grad(const Tensor& x, const Tensor& g) {
  // create_graph: recorded ops, so that this gradient is differentiable.
  if (grad_enabled() || g.dtype() != x.dtype()) return where(le(x, zeros({}, x.dtype())), zeros({}, g.dtype()), g);
  Tensor gx = empty(x.shape(), g.dtype(), g.device());  // one fused pass instead of a mask and a select
  backend_of(x).binary(backend::Binary::ReluGrad, x, g, gx);
  return gx;
}
}  // namespace ops

Tensor leaky_relu(const Tensor& x, double slope) {
  exported::OpScope scope;
  ops::check_floating(x, "leaky_relu");
  Tensor y = apply_float("leaky_relu", Unary::LeakyRelu, x, {slope, 0}, {{"negative_slope", exported::jnum(slope)}});
  return record("leaky_relu", y, {x}, [x, slope](const Tensor& g, const std::vector<bool>&) {
    return one(where(gt(x, zeros({}, x.dtype())), g, g * slope));
  }, {x});
}

Tensor gelu(const Tensor& x, bool tanh_approximation) {
  exported::OpScope scope;
  ops::check_floating(x, "gelu");
  Tensor y = apply_float("gelu", tanh_approximation ? Unary::GeluTanh : Unary::Gelu, x, {},
                         {{"approximate", exported::jstr(tanh_approximation ? "tanh" : "none")}});
  return record("gelu", y, {x}, [x, tanh_approximation](const Tensor& g, const std::vector<bool>&) {
    if (!tanh_approximation) {
      Tensor cdf = 0.5 * (1.0 + erf(x * M_SQRT1_2));
      Tensor pdf = exp(-0.5 * x * x) * (1.0 / std::sqrt(2 * M_PI));
      return one(g * (cdf + x * pdf));
    }
    const double k = std::sqrt(2.0 / M_PI), c = 0.044715;
    Tensor t = tanh(k * (x + c * x * x * x));
    return one(g * (0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * k * (1.0 + 3 * c * x * x)));
  }, {x});
}

Tensor elu(const Tensor& x, double alpha) {
  exported::OpScope scope;
  ops::check_floating(x, "elu");
  Tensor y = apply_float("elu", Unary::Elu, x, {alpha, 0}, {{"alpha", exported::jnum(alpha)}});
  return record("elu", y, {x}, [x, alpha](const Tensor& g, const std::vector<bool>&) {
    return one(where(gt(x, zeros({}, x.dtype())), g, g * alpha * exp(x)));
  }, {x});
}

Tensor softplus(const Tensor& x, double beta, double threshold) {
  exported::OpScope scope;
  ops::check_floating(x, "softplus");
  NNLITE_CHECK(beta != 0, Value, "softplus: beta must be non-zero");
  Tensor y = apply_float("softplus", Unary::Softplus, x, {beta, threshold},
                         {{"beta", exported::jnum(beta)}, {"threshold", exported::jnum(threshold)}});
  return record("softplus", y, {x}, [x, beta, threshold](const Tensor& g, const std::vector<bool>&) {
    Tensor bx = x * beta;
    return one(where(gt(bx, full({}, threshold, x.dtype())), g, g * sigmoid(bx)));
  }, {x});
}

Tensor clamp(const Tensor& x, std::optional<Scalar> lo, std::optional<Scalar> hi) {
  exported::OpScope scope;
  NNLITE_CHECK(lo || hi, Value, "clamp: at least one of min and max must be given");
  auto wrap = [](const Scalar& s) { return scalar_tensor(s, s.dtype(), true); };
  // Like torch, the bounds take part in type promotion (int tensor, float bound -> float).
  auto report_clamp = [&](const Tensor& y) {
    exported::NodeAttrs attrs;
    if (lo) attrs.emplace_back("min", exported::jscalar(*lo));
    if (hi) attrs.emplace_back("max", exported::jscalar(*hi));
    NNLITE_REPORT("clamp", {x}, {y}, std::move(attrs));
    return y;
  };
  TensorList operands{x};
  if (lo) operands.push_back(wrap(*lo));
  if (hi) operands.push_back(wrap(*hi));
  DType t = ops::result_type(operands);
  Tensor xc = x.to(t);
  if (!is_floating(t)) {  // integers: exact comparisons with the wrapped bounds
    Tensor y = xc;
    if (lo) y = where(lt(y, wrap(*lo)), wrap(*lo).to(t), y);
    if (hi) y = where(gt(y, wrap(*hi)), wrap(*hi).to(t), y);
    return report_clamp(y.same(x) ? x.clone() : y);
  }
  const double inf = std::numeric_limits<double>::infinity();
  double a = lo ? lo->to_double() : -inf, b = hi ? hi->to_double() : inf;
  Tensor y = report_clamp(apply_any("clamp", Unary::Clamp, xc, {a, b}, false));
  return record("clamp", y, {xc}, [xc, a, b](const Tensor& g, const std::vector<bool>&) {
    Tensor inside = logical_and(ge(xc, scalar_tensor(a, DType::Float64, true)),
                                le(xc, scalar_tensor(b, DType::Float64, true)));
    return one(g * inside);
  }, {xc});
}

Tensor logical_not(const Tensor& x) {
  exported::OpScope scope;
  Tensor out = empty(x.shape(), DType::Bool, x.device());
  backend_of(x).unary(Unary::LogicalNot, x, out, {});
  NNLITE_REPORT("logical_not", {x}, {out});
  return out;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file, and the cast "to" ----
namespace nnlite::schema {

void register_unary_schemas(Registry& r) {
  using A = AttrType;
  struct Plain {
    const char* name;
    Tensor (*f)(const Tensor&);
    const char* onnx;
  };
  // Elementwise, one input, no attributes.
  const Plain plain[] = {
      {"neg", &neg, "Neg"},          {"abs", &nnlite::abs, "Abs"},         {"sign", &sign, "Sign"},
      {"exp", &nnlite::exp, "Exp"},  {"log", &nnlite::log, "Log"},         {"sqrt", &nnlite::sqrt, "Sqrt"},
      {"sin", &nnlite::sin, "Sin"},  {"cos", &nnlite::cos, "Cos"},         {"erf", &nnlite::erf, "Erf"},
      {"tanh", &nnlite::tanh, "Tanh"}, {"sigmoid", &sigmoid, "Sigmoid"},   {"relu", &relu, "Relu"},
  };
  // ONNX has no log1p, expm1, log2, log10: each is two ONNX nodes (onnx/ops.py).
  const struct {
    const char* name;
    Tensor (*f)(const Tensor&);
    std::vector<std::string> onnx;
  } composed[] = {
      {"log1p", &log1p, {"Add", "Log"}}, {"expm1", &expm1, {"Exp", "Sub"}},
      {"log2", &log2, {"Log", "Div"}},   {"log10", &log10, {"Log", "Div"}},
  };
  for (const auto& p : composed)
    r.add(OpSchema(p.name).inputs({"input"}).differentiable().onnx(p.onnx).kernel(unary_kernel(p.f)));
  for (const Plain& p : plain)
    r.add(OpSchema(p.name).inputs({"input"}).differentiable().onnx({p.onnx}).kernel(unary_kernel(p.f)));
  r.add(OpSchema("rsqrt").inputs({"input"}).differentiable().onnx({"Sqrt", "Reciprocal"}).kernel(unary_kernel(&rsqrt)));
  r.add(OpSchema("logical_not").inputs({"input"}).onnx({"Not"}).kernel(unary_kernel(&logical_not)));

  r.add(OpSchema("leaky_relu")
            .inputs({"input"})
            .attrs({{"negative_slope", A::Float}})
            .differentiable()
            .onnx({"LeakyRelu"})
            .kernel([](Attrs& a) -> Kernel {
              double slope = a.number("negative_slope", 0.01);
              return [=](const TensorList& in) { return one(leaky_relu(in[0], slope)); };
            }));
  // 0.5 x (1 + erf(x / sqrt 2)), or the tanh approximation, written with ONNX arithmetic.
  r.add(OpSchema("gelu")
            .inputs({"input"})
            .attrs({{"approximate", A::String}})
            .differentiable()
            .onnx({"Erf", "Tanh", "Mul", "Div", "Add"})
            .kernel([](Attrs& a) -> Kernel {
              std::string approximate = a.string("approximate", "none");
              NNLITE_CHECK(approximate == "none" || approximate == "tanh", Value, a.where(),
                           ": attribute 'approximate' must be 'none' or 'tanh', got '", approximate, "'");
              bool use_tanh = approximate == "tanh";
              return [=](const TensorList& in) { return one(gelu(in[0], use_tanh)); };
            }));
  r.add(OpSchema("elu")
            .inputs({"input"})
            .attrs({{"alpha", A::Float}})
            .differentiable()
            .onnx({"Elu"})
            .kernel([](Attrs& a) -> Kernel {
              double alpha = a.number("alpha", 1.0);
              return [=](const TensorList& in) { return one(elu(in[0], alpha)); };
            }));
  // log(1 + exp(beta x)) / beta, and x where beta x > threshold.
  r.add(OpSchema("softplus")
            .inputs({"input"})
            .attrs({{"beta", A::Float}, {"threshold", A::Float}})
            .differentiable()
            .onnx({"Softplus", "Mul", "Div", "Greater", "Where"})
            .kernel([](Attrs& a) -> Kernel {
              double beta = a.number("beta", 1.0), threshold = a.number("threshold", 20.0);
              return [=](const TensorList& in) { return one(softplus(in[0], beta, threshold)); };
            }));
  // min, max: absent for no bound.
  r.add(OpSchema("clamp")
            .inputs({"input"})
            .attrs({{"min", A::Scalar}, {"max", A::Scalar}})
            .differentiable()
            .onnx({"Clip"})
            .kernel([](Attrs& a) -> Kernel {
              std::optional<Scalar> lo = a.optional_scalar("min"), hi = a.optional_scalar("max");
              return [=](const TensorList& in) { return one(clamp(in[0], lo, hi)); };
            }));
  // Tensor::to(DType) (core/tensor.cpp); the gradient flows between floating dtypes.
  r.add(OpSchema("to")
            .inputs({"input"})
            .attrs({{"dtype", A::DType}})
            .differentiable()
            .onnx({"Cast"})
            .kernel([](Attrs& a) -> Kernel {
              DType dtype = a.dtype("dtype");
              return [=](const TensorList& in) { return one(in[0].to(dtype)); };
            }));
}

}  // namespace nnlite::schema
