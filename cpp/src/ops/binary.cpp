// Binary elementwise ops with NumPy broadcasting and torch's type promotion.
// The backward of each reduces the gradient back to the input's shape.
#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

using backend::Binary;

namespace {

struct Prepared {
  Tensor a, b;  // cast to the compute dtype (differentiably)
  Shape broadcast;  // the output shape, unless `same_shape`
  bool same_shape = false;  // a and b have the output's shape (no copy of it is kept)
  backend::Backend* be;
  // The op's name and its arguments as given, for an export recording.
  const char* name;
  const Tensor* a_in;
  const Tensor* b_in;
  const Shape& shape() const { return same_shape ? a.shape() : broadcast; }
};

// The common case: same shape, same dtype, same device, and neither a
// wrapped Python number. The result type is then the inputs' dtype and no
// broadcasting or cast is needed, so the ops skip that bookkeeping (it costs
// as much as the kernel on small tensors).
bool simple(const Tensor& a, const Tensor& b) {
  return a.defined() && b.defined() && a.dtype() == b.dtype() && !a.impl()->wrapped_number &&
         !b.impl()->wrapped_number && a.device() == b.device() && a.shape() == b.shape();
}

DType result_type(const Tensor& a, const Tensor& b) {
  return simple(a, b) ? a.dtype() : ops::result_type(a, b);
}

Prepared prepare(const char* name, const Tensor& a, const Tensor& b, DType compute) {
  Prepared p;
  p.name = name;
  p.a_in = &a;
  p.b_in = &b;
  if (simple(a, b) && a.dtype() == compute) {
    p.a = a;
    p.b = b;
    p.same_shape = true;
    p.be = &backend::backend_for(a.device());
    return p;
  }
  NNLITE_CHECK(a.defined() && b.defined(), Value, name, ": got an undefined tensor");
  const Device device = ops::operands_device({a, b}, name);
  p.be = &backend::backend_for(device);
  p.broadcast = ops::broadcast_shapes(a.shape(), b.shape(), name);
  p.a = a.to(compute).to(device);
  p.b = b.to(compute).to(device);
  return p;
}

Tensor run(Binary op, const Prepared& p, DType out_dtype) {
  const Shape& shape = p.shape();
  Tensor out = empty(shape, out_dtype, p.a.device());
  if (p.same_shape)
    p.be->binary(op, p.a, p.b, out);
  else
    p.be->binary(op, ops::expand_raw(p.a, shape), ops::expand_raw(p.b, shape), out);
  NNLITE_REPORT(p.name, {*p.a_in, *p.b_in}, {out});
  return out;
}

// Whether record() would attach a node. Checked before building the
// backward closure, whose captures (shapes, tensors) and std::function cost
// allocations that are wasted when nothing records.
bool recording(const Prepared& p) { return grad_enabled() && (p.a.requires_grad() || p.b.requires_grad()); }

Tensor compare(const char* name, Binary op, const Tensor& a, const Tensor& b) {
  exported::OpScope scope;
  Prepared p = prepare(name, a, b, result_type(a, b));
  return run(op, p, DType::Bool);
}

DType arith_type(const char* name, const Tensor& a, const Tensor& b) {
  DType t = result_type(a, b);
  NNLITE_CHECK(t != DType::Bool, Type, name, ": not defined for two bool tensors; convert one first");
  return t;
}

}  // namespace

Tensor add(const Tensor& a, const Tensor& b) {
  exported::OpScope scope;
  DType t = arith_type("add", a, b);
  Prepared p = prepare("add", a, b, t);
  Tensor y = run(Binary::Add, p, t);
  if (!recording(p)) return y;
  if (p.same_shape)  // the gradient needs no reduction: a closure with no captures allocates nothing
    return record("add", y, {p.a, p.b}, [](const Tensor& g, const std::vector<bool>& n) {
      return TensorList{n[0] ? g : Tensor(), n[1] ? g : Tensor()};
    });
  Shape sa = p.a.shape(), sb = p.b.shape();
  return record("add", y, {p.a, p.b}, [sa, sb](const Tensor& g, const std::vector<bool>& n) {
    return TensorList{n[0] ? sum_to(g, sa) : Tensor(), n[1] ? sum_to(g, sb) : Tensor()};
  });
}

Tensor sub(const Tensor& a, const Tensor& b) {
  exported::OpScope scope;
  DType t = arith_type("sub", a, b);
  Prepared p = prepare("sub", a, b, t);
  Tensor y = run(Binary::Sub, p, t);
  if (!recording(p)) return y;
  if (p.same_shape)  // as in add
    return record("sub", y, {p.a, p.b}, [](const Tensor& g, const std::vector<bool>& n) {
      return TensorList{n[0] ? g : Tensor(), n[1] ? -g : Tensor()};
    });
  Shape sa = p.a.shape(), sb = p.b.shape();
  return record("sub", y, {p.a, p.b}, [sa, sb](const Tensor& g, const std::vector<bool>& n) {
    return TensorList{n[0] ? sum_to(g, sa) : Tensor(), n[1] ? sum_to(-g, sb) : Tensor()};
  });
}

Tensor mul(const Tensor& a, const Tensor& b) {
  exported::OpScope scope;
  DType t = result_type(a, b);
  Prepared p = prepare("mul", a, b, t);
  Tensor y = run(t == DType::Bool ? Binary::And : Binary::Mul, p, t);
  if (!recording(p)) return y;
  Tensor pa = p.a, pb = p.b;
  return record("mul", y, {pa, pb}, [pa, pb](const Tensor& g, const std::vector<bool>& n) {
    return TensorList{n[0] ? sum_to(g * pb, pa.shape()) : Tensor(), n[1] ? sum_to(g * pa, pb.shape()) : Tensor()};
  }, {pa, pb});
}

Tensor div(const Tensor& a, const Tensor& b) {
  exported::OpScope scope;
  DType t = result_type(a, b);
  if (!is_floating(t)) t = DType::Float32;  // true division
  Prepared p = prepare("div", a, b, t);
  Tensor y = run(Binary::Div, p, t);
  if (!recording(p)) return y;
  Tensor pa = p.a, pb = p.b;
  return record("div", y, {pa, pb}, [pa, pb](const Tensor& g, const std::vector<bool>& n) {
    return TensorList{n[0] ? sum_to(g / pb, pa.shape()) : Tensor(),
                      n[1] ? sum_to(-g * pa / (pb * pb), pb.shape()) : Tensor()};
  }, {pa, pb});
}

Tensor pow(const Tensor& a, const Tensor& b) {
  exported::OpScope scope;
  DType t = arith_type("pow", a, b);
  Prepared p = prepare("pow", a, b, t);
  Tensor y = run(Binary::Pow, p, t);
  if (!recording(p)) return y;
  Tensor pa = p.a, pb = p.b;
  return record("pow", y, {pa, pb}, [pa, pb](const Tensor& g, const std::vector<bool>& n) {
    Tensor ga, gb;
    if (n[0]) {
      Tensor d = pb * pow(pa, pb - 1.0);
      ga = sum_to(where(eq(pb, zeros({}, pb.dtype())), zeros({}, g.dtype()), g * d), pa.shape());
    }
    if (n[1]) {
      Tensor d = pow(pa, pb) * log(pa);
      Tensor zero_base = logical_and(eq(pa, zeros({}, pa.dtype())), ge(pb, zeros({}, pb.dtype())));
      gb = sum_to(where(zero_base, zeros({}, g.dtype()), g * d), pb.shape());
    }
    return TensorList{ga, gb};
  }, {pa, pb});
}

namespace {
// maximum/minimum: the gradient goes to the winner; ties split it in half.
Tensor extremum(const char* name, Binary op, const Tensor& a, const Tensor& b) {
  // on bools (torch allows them) the maximum is "or" and the minimum "and"
  if (result_type(a, b) == DType::Bool) return op == Binary::Max ? logical_or(a, b) : logical_and(a, b);
  exported::OpScope scope;
  DType t = arith_type(name, a, b);
  Prepared p = prepare(name, a, b, t);
  Tensor y = run(op, p, t);
  if (!recording(p)) return y;
  Tensor pa = p.a, pb = p.b;
  const bool is_max = op == Binary::Max;
  return record(name, y, {pa, pb}, [pa, pb, is_max](const Tensor& g, const std::vector<bool>& n) {
    Tensor half = g * 0.5, zero = zeros({}, g.dtype());
    Tensor tie = eq(pa, pb);
    Tensor a_wins = is_max ? gt(pa, pb) : lt(pa, pb);
    Tensor b_wins = is_max ? lt(pa, pb) : gt(pa, pb);
    return TensorList{n[0] ? sum_to(where(a_wins, g, where(tie, half, zero)), pa.shape()) : Tensor(),
                      n[1] ? sum_to(where(b_wins, g, where(tie, half, zero)), pb.shape()) : Tensor()};
  }, {pa, pb});
}
}  // namespace

namespace {
// fmod / remainder: r = a - q * b with q = trunc(a / b) (fmod) or floor(a / b)
// (remainder); dr/da = 1 and dr/db = -q wherever q is locally constant.
Tensor modulo(const char* name, Binary op, const Tensor& a, const Tensor& b) {
  exported::OpScope scope;
  DType t = arith_type(name, a, b);
  Prepared p = prepare(name, a, b, t);
  if (!is_floating(t))  // an integer remainder by zero has no value (torch raises too)
    NNLITE_CHECK(sum(eq(p.b, zeros({}, t, p.b.device())).to(DType::Int64)).item() == 0, Runtime, name,
                 ": integer division by zero (a divisor of the integer tensor is 0)");
  Tensor y = run(op, p, t);
  if (!recording(p)) return y;
  Tensor pa = p.a, pb = p.b;
  const bool floored = op == Binary::Remainder;
  return record(name, y, {pa, pb}, [pa, pb, floored](const Tensor& g, const std::vector<bool>& n) {
    Tensor gb;
    if (n[1]) {
      Tensor q = div(pa, pb);
      gb = sum_to(-g * (floored ? floor(q) : trunc(q)), pb.shape());
    }
    return TensorList{n[0] ? sum_to(g, pa.shape()) : Tensor(), gb};
  }, {pa, pb});
}
}  // namespace

Tensor fmod(const Tensor& a, const Tensor& b) { return modulo("fmod", Binary::Fmod, a, b); }
Tensor remainder(const Tensor& a, const Tensor& b) { return modulo("remainder", Binary::Remainder, a, b); }

Tensor maximum(const Tensor& a, const Tensor& b) { return extremum("maximum", Binary::Max, a, b); }
Tensor minimum(const Tensor& a, const Tensor& b) { return extremum("minimum", Binary::Min, a, b); }

Tensor eq(const Tensor& a, const Tensor& b) { return compare("eq", Binary::Eq, a, b); }
Tensor ne(const Tensor& a, const Tensor& b) { return compare("ne", Binary::Ne, a, b); }
Tensor lt(const Tensor& a, const Tensor& b) { return compare("lt", Binary::Lt, a, b); }
Tensor le(const Tensor& a, const Tensor& b) { return compare("le", Binary::Le, a, b); }
Tensor gt(const Tensor& a, const Tensor& b) { return compare("gt", Binary::Gt, a, b); }
Tensor ge(const Tensor& a, const Tensor& b) { return compare("ge", Binary::Ge, a, b); }
Tensor logical_and(const Tensor& a, const Tensor& b) { return compare("logical_and", Binary::And, a, b); }
Tensor logical_or(const Tensor& a, const Tensor& b) { return compare("logical_or", Binary::Or, a, b); }

Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b) {
  exported::OpScope scope;
  NNLITE_CHECK(cond.dtype() == DType::Bool, Type, "where: condition must be a bool tensor, got ",
               ops::describe(cond));
  DType t = ops::result_type(a, b);
  const Device device = ops::operands_device({cond, a, b}, "where");
  Shape shape = ops::broadcast_shapes(ops::broadcast_shapes(cond.shape(), a.shape(), "where"), b.shape(), "where");
  Tensor ca = a.to(t).to(device), cb = b.to(t).to(device);
  Tensor out = empty(shape, t, device);
  backend::backend_for(device).where(ops::expand_raw(cond.to(device), shape), ops::expand_raw(ca, shape),
                                     ops::expand_raw(cb, shape), out);
  NNLITE_REPORT("where", {cond, a, b}, {out});
  Shape sa = ca.shape(), sb = cb.shape();
  return record("where", out, {ca, cb}, [cond, sa, sb](const Tensor& g, const std::vector<bool>& n) {
    Tensor zero = zeros({}, g.dtype());
    return TensorList{n[0] ? sum_to(where(cond, g, zero), sa) : Tensor(),
                      n[1] ? sum_to(where(cond, zero, g), sb) : Tensor()};
  });
}

// ---- operators: Python-style numbers become wrapped 0-d tensors ----------
namespace {
Tensor num(double v) { return scalar_tensor(v, DType::Float64, true); }
}  // namespace

Tensor operator+(const Tensor& a, const Tensor& b) { return add(a, b); }
Tensor operator-(const Tensor& a, const Tensor& b) { return sub(a, b); }
Tensor operator*(const Tensor& a, const Tensor& b) { return mul(a, b); }
Tensor operator/(const Tensor& a, const Tensor& b) { return div(a, b); }
Tensor operator-(const Tensor& a) { return neg(a); }
Tensor operator+(const Tensor& a, double b) { return add(a, num(b)); }
Tensor operator-(const Tensor& a, double b) { return sub(a, num(b)); }
Tensor operator*(const Tensor& a, double b) { return mul(a, num(b)); }
Tensor operator/(const Tensor& a, double b) { return div(a, num(b)); }
Tensor operator*(double a, const Tensor& b) { return mul(num(a), b); }
Tensor operator+(double a, const Tensor& b) { return add(num(a), b); }
Tensor operator-(double a, const Tensor& b) { return sub(num(a), b); }
Tensor operator/(double a, const Tensor& b) { return div(num(a), b); }

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file, and "scalar" ----
namespace nnlite::schema {

void register_binary_schemas(Registry& r) {
  using A = AttrType;
  struct Entry {
    const char* name;
    Tensor (*f)(const Tensor&, const Tensor&);
    bool differentiable;
    std::vector<std::string> onnx;
  };
  // NumPy broadcasting and torch's type promotion, as the C++ ops do them.
  const Entry entries[] = {
      {"add", &add, true, {"Add"}},
      {"sub", &sub, true, {"Sub"}},
      {"mul", &mul, true, {"Mul"}},
      {"div", &div, true, {"Div"}},
      {"pow", &nnlite::pow, true, {"Pow"}},
      {"maximum", &maximum, true, {"Max"}},
      {"minimum", &minimum, true, {"Min"}},
      {"fmod", &fmod, true, {"Mod"}},
      {"remainder", &remainder, true, {"Mod", "Div", "Floor", "Mul", "Sub"}},
      {"eq", &eq, false, {"Equal"}},
      {"ne", &ne, false, {"Equal", "Not"}},
      {"lt", &lt, false, {"Less"}},
      {"le", &le, false, {"LessOrEqual"}},
      {"gt", &gt, false, {"Greater"}},
      {"ge", &ge, false, {"GreaterOrEqual"}},
      {"logical_and", &logical_and, false, {"And"}},
      {"logical_or", &logical_or, false, {"Or"}},
  };
  for (const Entry& e : entries)
    r.add(OpSchema(e.name)
              .inputs({"input", "other"})
              .differentiable(e.differentiable)
              .onnx(e.onnx)
              .kernel(binary_kernel(e.f)));
  r.add(OpSchema("where")
            .inputs({"condition", "input", "other"})
            .differentiable()
            .onnx({"Where"})
            .kernel([](Attrs&) -> Kernel {
              return [](const TensorList& in) { return one(where(in[0], in[1], in[2])); };
            }));
  // No inputs: the 0-d tensor a Python number becomes when it meets a tensor
  // (scalar_tensor, core), which does not promote within its category, so
  // x * 0.5 stays float32 for a float32 x, as in eager mode.
  r.add(OpSchema("scalar")
            .inputs({})
            .attrs({{"value", A::Scalar}})
            .no_onnx("nnlite.onnx folds it into a constant operand of the node that uses it")
            .kernel([](Attrs& a) -> Kernel {
              Scalar value = a.scalar("value");
              Tensor t = scalar_tensor(value, value.dtype(), true);
              return [t](const TensorList&) { return one(t); };
            }));
}

}  // namespace nnlite::schema
