// Factory functions. Each resolves its TensorOptions (the op's default dtype
// where none is given), allocates on the requested device and fills the
// tensor with that device's backend kernels (fill, iota, uniform, normal,
// randint): a device without a backend fails at the allocation, with the
// backend's own message. While an export records, a filled tensor whose
// sizes follow a graph value is recorded as a "full" node, and random ones
// sized like that are refused.
#include <cmath>

#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

// Checks before any allocation, so a bad request costs nothing.
void check_requires_grad(const char* op, DType dtype, const TensorOptions& o) {
  NNLITE_CHECK(!o.requires_grad() || is_floating(dtype), Type, op, ": only floating-point tensors can require "
               "gradients, but the requested dtype is ", dtype_name(dtype));
}

Tensor finish(Tensor t, const TensorOptions& o) {
  if (o.requires_grad()) t.requires_grad_(true);
  return t;
}

// A *_like op's options: the fields given, the rest from x.
TensorOptions like(const Tensor& x, const TensorOptions& o) {
  return TensorOptions()
      .dtype(o.has_dtype() ? o.dtype() : x.dtype())
      .device(o.has_device() ? o.device() : x.device())
      .requires_grad(o.requires_grad());
}

// The dtype a Python number of this kind makes (torch's inference): bool,
// int64, or the default float32.
DType inferred(const Scalar& v) {
  return v.kind() == Scalar::Kind::Bool ? DType::Bool
                                        : (v.kind() == Scalar::Kind::Int ? DType::Int64 : DType::Float32);
}

// `like`: the tensor a *_like op copies its sizes from (they follow it in a graph).
Tensor filled(const char* op, const Shape& shape, Scalar value, DType dtype, const TensorOptions& o,
              const Tensor& like = Tensor()) {
  exported::OpScope scope;
  check_requires_grad(op, dtype, o);
  Tensor t = empty(shape, dtype, o.device());
  backend::backend_for(o.device()).fill(t, value);
  if (exported::reporting()) {
    if (like.defined()) exported::note_shape_of(like);
    exported::report_shaped("full", op, Tensor(), shape, {t},
                            {{"value", exported::jscalar(value)}, {"dtype", exported::jdtype(dtype)}});
  }
  return finish(t, o);
}

// Random numbers cannot be part of a graph: refused when their sizes follow a graph value.
void refuse_random(const char* op, const Shape& shape, const Tensor& like = Tensor()) {
  if (!exported::reporting()) return;
  if (like.defined()) exported::note_shape_of(like);
  exported::refuse_sized(op, shape, "is not supported in exported graphs (random numbers sized like a tensor "
                         "computed from the model's inputs; exported graphs are deterministic)");
}

enum class Draw { Uniform, Normal };

Tensor random(const char* op, Draw draw, const Shape& shape, Generator* gen, const TensorOptions& o,
              const Tensor& like = Tensor()) {
  exported::OpScope scope;
  refuse_random(op, shape, like);
  const DType dtype = o.dtype();
  NNLITE_CHECK(is_floating(dtype), Type, op, ": dtype must be floating-point, got ", dtype_name(dtype));
  Tensor t = empty(shape, dtype, o.device());
  backend::Backend& b = backend::backend_for(o.device());
  Generator& g = gen ? *gen : default_generator();
  if (draw == Draw::Uniform)
    b.uniform(t, 0, 1, g);
  else
    b.normal(t, 0, 1, g);
  return finish(t, o);
}

}  // namespace

Tensor empty(const Shape& shape, const TensorOptions& o) {
  check_requires_grad("empty", o.dtype(), o);
  return finish(empty(shape, o.dtype(), o.device()), o);
}

Tensor zeros(const Shape& shape, const TensorOptions& o) { return filled("zeros", shape, 0, o.dtype(), o); }
Tensor ones(const Shape& shape, const TensorOptions& o) { return filled("ones", shape, 1, o.dtype(), o); }
Tensor full(const Shape& shape, Scalar value, const TensorOptions& o) {
  return filled("full", shape, value, o.has_dtype() ? o.dtype() : inferred(value), o);
}

Tensor zeros_like(const Tensor& x, const TensorOptions& o) {
  const TensorOptions lo = like(x, o);
  return filled("zeros_like", x.shape(), 0, lo.dtype(), lo, x);
}
Tensor ones_like(const Tensor& x, const TensorOptions& o) {
  const TensorOptions lo = like(x, o);
  return filled("ones_like", x.shape(), 1, lo.dtype(), lo, x);
}
Tensor full_like(const Tensor& x, Scalar value, const TensorOptions& o) {
  const TensorOptions lo = like(x, o);
  return filled("full_like", x.shape(), value, lo.dtype(), lo, x);
}
Tensor empty_like(const Tensor& x, const TensorOptions& o) { return empty(x.shape(), like(x, o)); }
Tensor rand_like(const Tensor& x, const TensorOptions& o) {
  return random("rand_like", Draw::Uniform, x.shape(), nullptr, like(x, o), x);
}
Tensor randn_like(const Tensor& x, const TensorOptions& o) {
  return random("randn_like", Draw::Normal, x.shape(), nullptr, like(x, o), x);
}

Tensor arange(Scalar end, const TensorOptions& o) { return arange(0, end, 1, o); }
Tensor arange(Scalar start, Scalar end, const TensorOptions& o) { return arange(start, end, 1, o); }

Tensor arange(Scalar start_s, Scalar end_s, Scalar step_s, const TensorOptions& o) {
  const bool all_int = !start_s.is_floating() && !end_s.is_floating() && !step_s.is_floating();
  const DType dtype = o.has_dtype() ? o.dtype() : (all_int ? DType::Int64 : DType::Float32);
  check_requires_grad("arange", dtype, o);
  const double start = start_s.to_double(), end = end_s.to_double(), step = step_s.to_double();
  NNLITE_CHECK(step != 0, Value, "arange: step must be non-zero");
  NNLITE_CHECK(std::isfinite(start) && std::isfinite(end) && std::isfinite(step), Value,
               "arange: start, end and step must be finite");
  NNLITE_CHECK((end - start) / step >= 0 || start == end, Value, "arange: step ", step,
               " goes the wrong way from ", start, " to ", end);
  double count = std::ceil((end - start) / step);
  if (all_int) {  // exact for big ints
    int64_t a = start_s.to<int64_t>(), b = end_s.to<int64_t>(), s = step_s.to<int64_t>();
    count = static_cast<double>(b > a ? (b - a + s - 1) / s : (s < 0 && a > b ? (a - b - s - 1) / -s : 0));
  }
  NNLITE_CHECK(count < 1e12, Value, "arange: ", count, " elements is too many");
  Tensor t = empty({static_cast<int64_t>(std::max(0.0, count))}, dtype, o.device());
  backend::backend_for(o.device()).iota(t, start_s, step_s);
  return finish(t, o);
}

Tensor linspace(double start, double end, int64_t steps, const TensorOptions& o) {
  check_requires_grad("linspace", o.dtype(), o);
  NNLITE_CHECK(steps >= 0, Value, "linspace: number of steps must be non-negative, got ", steps);
  Tensor t = empty({steps}, o.dtype(), o.device());
  double step = steps > 1 ? (end - start) / static_cast<double>(steps - 1) : 0;
  backend::backend_for(o.device()).iota(t, start, step);
  return finish(t, o);
}

Tensor eye(int64_t n, const TensorOptions& o) { return eye(n, n, o); }

Tensor eye(int64_t n, int64_t m, const TensorOptions& o) {
  check_requires_grad("eye", o.dtype(), o);
  NNLITE_CHECK(n >= 0 && m >= 0, Value, "eye: n and m must be non-negative, got n=", n, " m=", m);
  Tensor t = zeros({n, m}, o.dtype(), o.device());
  Tensor diag = ops::view_raw(t, {std::min(n, m)}, {m + 1}, 0);
  backend::backend_for(o.device()).fill(diag, 1);
  return finish(t, o);
}

Tensor rand(const Shape& shape, const TensorOptions& o) { return random("rand", Draw::Uniform, shape, nullptr, o); }
Tensor rand(const Shape& shape, Generator* gen, const TensorOptions& o) {
  return random("rand", Draw::Uniform, shape, gen, o);
}
Tensor randn(const Shape& shape, const TensorOptions& o) { return random("randn", Draw::Normal, shape, nullptr, o); }
Tensor randn(const Shape& shape, Generator* gen, const TensorOptions& o) {
  return random("randn", Draw::Normal, shape, gen, o);
}

Tensor randint(int64_t high, const Shape& shape, const TensorOptions& o) { return randint(0, high, shape, nullptr, o); }
Tensor randint(int64_t low, int64_t high, const Shape& shape, const TensorOptions& o) {
  return randint(low, high, shape, nullptr, o);
}

Tensor randint(int64_t low, int64_t high, const Shape& shape, Generator* gen, const TensorOptions& o) {
  exported::OpScope scope;
  refuse_random("randint", shape);
  const DType dtype = o.has_dtype() ? o.dtype() : DType::Int64;
  check_requires_grad("randint", dtype, o);
  NNLITE_CHECK(high > low, Value, "randint: expected low < high, got low=", low, " high=", high);
  Tensor t = empty(shape, dtype, o.device());
  backend::backend_for(o.device()).randint(t, low, high, gen ? *gen : default_generator());
  return finish(t, o);
}

Tensor randperm(int64_t n, const TensorOptions& o) { return randperm(n, nullptr, o); }

// The permutation is drawn as int64 by the device's own randperm kernel, then cast.
Tensor randperm(int64_t n, Generator* gen, const TensorOptions& o) {
  const DType dtype = o.has_dtype() ? o.dtype() : DType::Int64;
  check_requires_grad("randperm", dtype, o);
  NNLITE_CHECK(n >= 0, Value, "randperm: n must be non-negative, got ", n);
  Tensor t = empty({n}, DType::Int64, o.device());
  backend::backend_for(o.device()).randperm(t, gen ? *gen : default_generator());
  return finish(t.to(dtype), o);
}

Tensor detail::tensor_from_values(const void* data, int64_t n, DType source, const TensorOptions& o) {
  const DType dtype = o.has_dtype() ? o.dtype() : (source == DType::Float64 ? DType::Float32 : source);
  check_requires_grad("tensor", dtype, o);
  backend::backend_for(o.device());
  Tensor values = from_blob(const_cast<void*>(data), {n}, source);  // the caller's buffer: copied below
  Tensor t = empty({n}, dtype);
  backend::cpu_backend().copy(values, t);
  return finish(t.to(o.device()), o);
}

// ---- the older (dtype, device) spellings ------------------------------------

Tensor zeros(const Shape& shape, DType dtype, Device device) {
  return zeros(shape, TensorOptions(dtype).device(device));
}
Tensor ones(const Shape& shape, DType dtype, Device device) { return ones(shape, TensorOptions(dtype).device(device)); }
Tensor full(const Shape& shape, Scalar value, DType dtype, Device device) {
  return full(shape, value, TensorOptions(dtype).device(device));
}
Tensor arange(Scalar start, Scalar end, Scalar step, DType dtype, Device device) {
  return arange(start, end, step, TensorOptions(dtype).device(device));
}
Tensor linspace(double start, double end, int64_t steps, DType dtype, Device device) {
  return linspace(start, end, steps, TensorOptions(dtype).device(device));
}
Tensor eye(int64_t n, int64_t m, DType dtype, Device device) { return eye(n, m, TensorOptions(dtype).device(device)); }
Tensor eye(int64_t n, std::optional<int64_t> m, DType dtype, Device device) {
  return eye(n, m.value_or(n), TensorOptions(dtype).device(device));
}
Tensor rand(const Shape& shape, DType dtype, Generator* gen) { return rand(shape, gen, dtype); }
Tensor randn(const Shape& shape, DType dtype, Generator* gen) { return randn(shape, gen, dtype); }
Tensor randint(int64_t low, int64_t high, const Shape& shape, DType dtype, Generator* gen) {
  return randint(low, high, shape, gen, dtype);
}

Tensor randperm(int64_t n, Generator* gen) { return randperm(n, gen, TensorOptions()); }

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
