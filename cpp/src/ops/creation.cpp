// Factory functions.
#include <cmath>

#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {
// A filled tensor; recorded as a "full" node when its sizes follow a graph
// value (sizes noted by the bindings, or x's own for the *_like ops).
Tensor filled(const char* op, const Shape& shape, Scalar value, DType dtype, Device device,
              const Tensor& like = Tensor()) {
  exported::OpScope scope;
  Tensor t = empty(shape, dtype, device);
  backend::backend_for(device).fill(t, value);
  if (exported::reporting()) {
    if (like.defined()) exported::note_shape_of(like);
    exported::report_shaped("full", op, Tensor(), shape, {t},
                            {{"value", exported::jscalar(value)}, {"dtype", exported::jdtype(dtype)}});
  }
  return t;
}

// Random numbers cannot be part of a graph: refused when their sizes follow a graph value.
void refuse_random(const char* op, const Shape& shape) {
  exported::refuse_sized(op, shape, "is not supported in exported graphs (random numbers sized like a tensor "
                         "computed from the model's inputs; exported graphs are deterministic)");
}
}  // namespace

Tensor zeros(const Shape& shape, DType dtype, Device device) { return filled("zeros", shape, 0, dtype, device); }
Tensor ones(const Shape& shape, DType dtype, Device device) { return filled("ones", shape, 1, dtype, device); }
Tensor full(const Shape& shape, Scalar value, DType dtype, Device device) {
  return filled("full", shape, value, dtype, device);
}

Tensor zeros_like(const Tensor& x) { return filled("zeros_like", x.shape(), 0, x.dtype(), x.device(), x); }
Tensor ones_like(const Tensor& x) { return filled("ones_like", x.shape(), 1, x.dtype(), x.device(), x); }
Tensor full_like(const Tensor& x, Scalar value) {
  return filled("full_like", x.shape(), value, x.dtype(), x.device(), x);
}

Tensor arange(Scalar start_s, Scalar end_s, Scalar step_s, DType dtype, Device device) {
  const double start = start_s.to_double(), end = end_s.to_double(), step = step_s.to_double();
  NNLITE_CHECK(step != 0, Value, "arange: step must be non-zero");
  NNLITE_CHECK(std::isfinite(start) && std::isfinite(end) && std::isfinite(step), Value,
               "arange: start, end and step must be finite");
  NNLITE_CHECK((end - start) / step >= 0 || start == end, Value, "arange: step ", step,
               " goes the wrong way from ", start, " to ", end);
  double count = std::ceil((end - start) / step);
  if (!start_s.is_floating() && !end_s.is_floating() && !step_s.is_floating()) {  // exact for big ints
    int64_t a = start_s.to<int64_t>(), b = end_s.to<int64_t>(), s = step_s.to<int64_t>();
    count = static_cast<double>(b > a ? (b - a + s - 1) / s : (s < 0 && a > b ? (a - b - s - 1) / -s : 0));
  }
  NNLITE_CHECK(count < 1e12, Value, "arange: ", count, " elements is too many");
  Tensor t = empty({static_cast<int64_t>(std::max(0.0, count))}, dtype, device);
  backend::backend_for(device).iota(t, start_s, step_s);
  return t;
}

Tensor linspace(double start, double end, int64_t steps, DType dtype, Device device) {
  NNLITE_CHECK(steps >= 0, Value, "linspace: number of steps must be non-negative, got ", steps);
  Tensor t = empty({steps}, dtype, device);
  double step = steps > 1 ? (end - start) / static_cast<double>(steps - 1) : 0;
  backend::backend_for(device).iota(t, start, step);
  return t;
}

Tensor eye(int64_t n, std::optional<int64_t> m_opt, DType dtype, Device device) {
  const int64_t m = m_opt.value_or(n);
  NNLITE_CHECK(n >= 0 && m >= 0, Value, "eye: n and m must be non-negative, got n=", n, " m=", m);
  Tensor t = zeros({n, m}, dtype, device);
  Tensor diag = ops::view_raw(t, {std::min(n, m)}, {m + 1}, 0);
  backend::backend_for(device).fill(diag, 1);
  return t;
}

Tensor rand(const Shape& shape, DType dtype, Generator* gen) {
  exported::OpScope scope;
  if (exported::reporting()) refuse_random("rand", shape);
  NNLITE_CHECK(is_floating(dtype), Type, "rand: dtype must be floating-point, got ", dtype_name(dtype));
  Tensor t = empty(shape, dtype);
  backend::cpu_backend().uniform(t, 0, 1, gen ? *gen : default_generator());
  return t;
}

Tensor randn(const Shape& shape, DType dtype, Generator* gen) {
  exported::OpScope scope;
  if (exported::reporting()) refuse_random("randn", shape);
  NNLITE_CHECK(is_floating(dtype), Type, "randn: dtype must be floating-point, got ", dtype_name(dtype));
  Tensor t = empty(shape, dtype);
  backend::cpu_backend().normal(t, 0, 1, gen ? *gen : default_generator());
  return t;
}

Tensor randint(int64_t low, int64_t high, const Shape& shape, DType dtype, Generator* gen) {
  exported::OpScope scope;
  if (exported::reporting()) refuse_random("randint", shape);
  NNLITE_CHECK(high > low, Value, "randint: expected low < high, got low=", low, " high=", high);
  Tensor t = empty(shape, dtype);
  backend::cpu_backend().randint(t, low, high, gen ? *gen : default_generator());
  return t;
}

Tensor randperm(int64_t n, Generator* gen) {
  NNLITE_CHECK(n >= 0, Value, "randperm: n must be non-negative, got ", n);
  Tensor t = empty({n}, DType::Int64);
  backend::backend_for(t.device()).randperm(t, gen ? *gen : default_generator());
  return t;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): the creation ops a graph can hold ----
namespace nnlite::schema {

void register_creation_schemas(Registry& r) {
  using A = AttrType;
  // A filled tensor whose shape may follow the inputs' sizes; the inputs are
  // only the tensors the shape refers to (often none).
  r.add(OpSchema("full")
            .inputs({"sizes_of*"})
            .attrs({{"shape", A::Shape}, {"value", A::Scalar}, {"dtype", A::DType}})
            .onnx({"Expand", "ConstantOfShape"})
            .kernel([](Attrs& a) -> Kernel {
              exported::ShapeSpec shape = a.shape("shape");
              Scalar value = a.scalar("value");
              DType dtype = a.dtype("dtype");
              return [=](const TensorList& in) {
                return one(full(exported::resolve_shape(shape, in, "full"), value, dtype));
              };
            }));
}

}  // namespace nnlite::schema
