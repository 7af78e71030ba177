// Rounding to integers (floor, ceil, round, trunc, frac). Their gradient is
// zero almost everywhere, as torch defines it; frac = x - trunc(x) passes the
// gradient through unchanged. Integer tensors are already integral: they come
// back as a copy.
#include <cmath>

#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

using backend::Unary;
using ops::backend_of;

namespace {

Tensor rounding(const char* name, Unary op, const Tensor& x) {
  exported::OpScope scope;
  NNLITE_CHECK(x.dtype() != DType::Bool, Type, name, ": not defined for bool tensors; got ", ops::describe(x));
  Tensor out = empty(x.shape(), x.dtype(), x.device());
  if (is_floating(x.dtype()))
    backend_of(x).unary(op, x, out, {});
  else
    copy_(out, x);
  NNLITE_REPORT(name, {x}, {out});
  return record(name, out, {x}, [](const Tensor& g, const std::vector<bool>&) { return TensorList{zeros_like(g)}; });
}

}  // namespace

Tensor floor(const Tensor& x) { return rounding("floor", Unary::Floor, x); }
Tensor ceil(const Tensor& x) { return rounding("ceil", Unary::Ceil, x); }
Tensor trunc(const Tensor& x) { return rounding("trunc", Unary::Trunc, x); }

Tensor round(const Tensor& x, int64_t decimals) {
  if (decimals == 0) return rounding("round", Unary::Round, x);
  NNLITE_CHECK(is_floating(x.dtype()), Type, "round: decimals needs a floating-point tensor, got ",
               ops::describe(x));
  // torch's formula: scale, round half to even, scale back (a negative
  // decimals rounds to tens, hundreds, ...)
  const double scale = std::pow(10.0, static_cast<double>(decimals));
  return rounding("round", Unary::Round, x * scale) / scale;
}

Tensor frac(const Tensor& x) {
  NNLITE_CHECK(is_floating(x.dtype()), Type, "frac: needs a floating-point tensor, got ", ops::describe(x));
  return x - trunc(x);
}

}  // namespace nnlite

namespace nnlite::schema {

void register_rounding_schemas(Registry& r) {
  const struct {
    const char* name;
    Tensor (*f)(const Tensor&);
    std::vector<std::string> onnx;
  } ops[] = {{"floor", &floor, {"Floor"}}, {"ceil", &ceil, {"Ceil"}},
             {"trunc", &trunc, {"Sign", "Abs", "Floor", "Mul"}}};  // ONNX has no Trunc
  for (const auto& p : ops)
    r.add(OpSchema(p.name).inputs({"input"}).differentiable().onnx(p.onnx).kernel(unary_kernel(p.f)));
  r.add(OpSchema("round").inputs({"input"}).differentiable().onnx({"Round"}).kernel(
      unary_kernel(+[](const Tensor& x) { return nnlite::round(x); })));
}

}  // namespace nnlite::schema
