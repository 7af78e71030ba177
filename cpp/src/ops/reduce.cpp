// Reductions over any set of dims, with keepdim. The backward of each
// broadcasts the gradient back over the reduced dims.
#include <cmath>
#include <tuple>

#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

using backend::Reduce;

namespace {

Shape kept_shape(const Shape& s, const std::vector<int64_t>& dims) {
  Shape out = s;
  for (int64_t d : dims) out[d] = 1;
  return out;
}

Shape squeezed_shape(const Shape& s, const std::vector<int64_t>& dims) {
  Shape out;
  size_t j = 0;
  for (size_t d = 0; d < s.size(); ++d) {
    if (j < dims.size() && dims[j] == static_cast<int64_t>(d)) {
      ++j;
      continue;
    }
    out.push_back(s[d]);
  }
  return out;
}

// A reduction's report: dims as given ([] for all) and keepdim.
void report_reduce(const char* op, const Tensor& x, const Dims& d, bool keepdim, const Tensor& y) {
  NNLITE_REPORT(op, {x}, {y}, {{"dims", exported::jints(d)}, {"keepdim", exported::jbool(keepdim)}});
}

// Run the kernel; returns the result in keepdim form.
Tensor reduce_raw(Reduce op, const Tensor& x, const std::vector<int64_t>& dims, DType out_dtype) {
  Tensor out = empty(kept_shape(x.shape(), dims), out_dtype, x.device());
  ops::backend_of(x).reduce(op, x, dims, out);
  return out;
}

Tensor finish(const Tensor& kept, const Shape& x_shape, const std::vector<int64_t>& dims, bool keepdim) {
  return keepdim ? kept : kept.view(squeezed_shape(x_shape, dims));
}

// A gradient of the reduced result, shaped to broadcast against x.
Tensor unsqueeze_grad(const Tensor& g, const Shape& x_shape, const std::vector<int64_t>& dims, bool keepdim) {
  return keepdim ? g : g.reshape(kept_shape(x_shape, dims));
}

void check_nonempty(const char* op, const Tensor& x, const std::vector<int64_t>& dims) {
  for (int64_t d : dims)
    NNLITE_CHECK(x.shape()[d] != 0, Index, op, ": cannot reduce over dimension ", d, " of size 0 (input shape ",
                 shape_str(x.shape()), "); the result would be undefined");
  NNLITE_CHECK(x.numel() != 0 || !dims.empty(), Index, op, ": cannot reduce an empty tensor");
}

}  // namespace

Tensor sum(const Tensor& x, const Dims& d, bool keepdim) {
  exported::OpScope scope;
  auto dims = ops::wrap_dims(d, x.dim(), "sum");
  DType t = is_floating(x.dtype()) ? x.dtype() : DType::Int64;
  Tensor xc = x.to(t);
  Tensor y = finish(reduce_raw(Reduce::Sum, xc, dims, t), x.shape(), dims, keepdim);
  report_reduce("sum", x, d, keepdim, y);
  Shape xs = x.shape();
  return record("sum", y, {xc}, [xs, dims, keepdim](const Tensor& g, const std::vector<bool>&) {
    return TensorList{unsqueeze_grad(g, xs, dims, keepdim).expand(xs)};
  });
}

Tensor sum_to(const Tensor& x, const Shape& shape) {
  if (x.shape() == shape) return x;
  const int64_t lead = x.dim() - static_cast<int64_t>(shape.size());
  NNLITE_CHECK(lead >= 0, Value, "sum_to: cannot reduce shape ", shape_str(x.shape()), " to ", shape_str(shape));
  Dims dims;
  for (int64_t i = 0; i < lead; ++i) dims.push_back(i);
  for (size_t i = 0; i < shape.size(); ++i) {
    int64_t xi = x.shape()[lead + i];
    if (shape[i] == 1 && xi != 1) dims.push_back(lead + static_cast<int64_t>(i));
    else
      NNLITE_CHECK(shape[i] == xi, Value, "sum_to: cannot reduce shape ", shape_str(x.shape()), " to ",
                   shape_str(shape));
  }
  if (dims.empty()) return x.view(shape);
  return sum(x, dims, true).view(shape);
}

Tensor mean(const Tensor& x, const Dims& d, bool keepdim) {
  exported::OpScope scope;
  ops::check_floating(x, "mean");
  auto dims = ops::wrap_dims(d, x.dim(), "mean");
  int64_t n = 1;
  for (int64_t i : dims) n *= x.shape()[i];
  Tensor y = sum(x, d, keepdim) / static_cast<double>(n);
  report_reduce("mean", x, d, keepdim, y);
  return y;
}

namespace {
Tensor report_spread(const char* op, const Tensor& x, const Dims& d, double correction, bool keepdim, Tensor y) {
  NNLITE_REPORT(op, {x}, {y}, {{"dims", exported::jints(d)}, {"correction", exported::jnum(correction)},
                               {"keepdim", exported::jbool(keepdim)}});
  return y;
}
}  // namespace

Tensor var(const Tensor& x, const Dims& d, double correction, bool keepdim) {
  exported::OpScope scope;
  ops::check_floating(x, "var");
  auto dims = ops::wrap_dims(d, x.dim(), "var");
  int64_t n = 1;
  for (int64_t i : dims) n *= x.shape()[i];
  Tensor centered = x - mean(x, d, true);
  double denom = std::max(0.0, static_cast<double>(n) - correction);
  return report_spread("var", x, d, correction, keepdim, sum(centered * centered, d, keepdim) / denom);
}

Tensor std(const Tensor& x, const Dims& d, double correction, bool keepdim) {
  exported::OpScope scope;
  return report_spread("std", x, d, correction, keepdim, sqrt(var(x, d, correction, keepdim)));
}

Tensor prod(const Tensor& x, const Dims& d, bool keepdim) {
  exported::OpScope scope;
  auto dims = ops::wrap_dims(d, x.dim(), "prod");
  DType t = is_floating(x.dtype()) ? x.dtype() : DType::Int64;
  Tensor xc = x.to(t);
  Tensor kept = reduce_raw(Reduce::Prod, xc, dims, t);
  Tensor y = finish(kept, x.shape(), dims, keepdim);
  report_reduce("prod", x, d, keepdim, y);
  Shape xs = x.shape();
  return record("prod", y, {xc}, [xc, kept, xs, dims, keepdim](const Tensor& g, const std::vector<bool>&) {
    // d prod / d x_i = prod of the others; computed without dividing so zeros work.
    Tensor gk = unsqueeze_grad(g, xs, dims, keepdim);
    Tensor zero = zeros({}, xc.dtype());
    Tensor is_zero = eq(xc, zero);
    Tensor safe = where(is_zero, ones({}, xc.dtype()), xc);
    Tensor prod_nonzero = prod(safe, Dims(dims.begin(), dims.end()), true);
    Tensor zeros_count = sum(is_zero.to(DType::Int64), Dims(dims.begin(), dims.end()), true);
    Tensor one_zero = eq(zeros_count, ones({}, DType::Int64));
    Tensor no_zero = eq(zeros_count, zeros({}, DType::Int64));
    Tensor others = where(no_zero, prod_nonzero / safe,
                          where(logical_and(one_zero, is_zero), prod_nonzero, zero));
    return TensorList{gk * others};
  }, {xc});
}

namespace {
// amax/amin: the gradient is shared equally by all elements equal to the result.
Tensor extreme(const char* name, Reduce op, const Tensor& x, const Dims& d, bool keepdim) {
  exported::OpScope scope;
  auto dims = ops::wrap_dims(d, x.dim(), name);
  check_nonempty(name, x, dims);
  Tensor kept = reduce_raw(op, x, dims, x.dtype());
  Tensor y = finish(kept, x.shape(), dims, keepdim);
  report_reduce(name, x, d, keepdim, y);
  Shape xs = x.shape();
  return record(name, y, {x}, [x, kept, xs, dims, keepdim](const Tensor& g, const std::vector<bool>&) {
    Tensor mask = eq(x, kept).to(g.dtype());
    Tensor count = sum(mask, Dims(dims.begin(), dims.end()), true);
    return TensorList{unsqueeze_grad(g, xs, dims, keepdim) * mask / count};
  }, {x});
}
}  // namespace

Tensor amax(const Tensor& x, const Dims& d, bool keepdim) { return extreme("amax", Reduce::Max, x, d, keepdim); }
Tensor amin(const Tensor& x, const Dims& d, bool keepdim) { return extreme("amin", Reduce::Min, x, d, keepdim); }

Tensor logsumexp(const Tensor& x, const Dims& d, bool keepdim) {
  exported::OpScope scope;
  ops::check_floating(x, "logsumexp");
  auto dims = ops::wrap_dims(d, x.dim(), "logsumexp");
  Tensor m;
  {
    NoGradGuard ng;
    m = x.numel() == 0 ? zeros(kept_shape(x.shape(), dims), x.dtype(), x.device()) : amax(x, d, true);
    // A row of -inf (or inf) has no finite shift; use 0 there.
    Tensor finite = lt(abs(m), full({}, INFINITY, m.dtype()));
    m = where(finite, m, zeros({}, m.dtype()));
  }
  Tensor r = log(sum(exp(x - m), d, true)) + m;
  r = keepdim ? r : r.view(squeezed_shape(x.shape(), dims));
  report_reduce("logsumexp", x, d, keepdim, r);
  return r;
}

namespace {
std::pair<Tensor, Tensor> max_min_dim(const char* name, bool is_max, const Tensor& x, int64_t dim, bool keepdim) {
  exported::OpScope scope;
  int64_t dd = ops::wrap_dim(dim, x.dim(), name);
  std::vector<int64_t> dims{dd};
  if (x.dim() == 0) dims.clear();
  check_nonempty(name, x, dims);
  Tensor idx_kept = reduce_raw(is_max ? Reduce::ArgMax : Reduce::ArgMin, x, dims, DType::Int64);
  Tensor values_kept = x.dim() == 0 ? x.detach().clone() : gather(x.detach(), dd, idx_kept);
  Tensor values = finish(values_kept, x.shape(), dims, keepdim);
  Tensor indices = finish(idx_kept, x.shape(), dims, keepdim);
  Shape xs = x.shape();
  values = record(name, values, {x}, [xs, dd, idx_kept, dims, keepdim](const Tensor& g, const std::vector<bool>&) {
    Tensor gk = unsqueeze_grad(g, xs, dims, keepdim);
    if (xs.empty()) return TensorList{gk};
    return TensorList{scatter(zeros(xs, g.dtype(), g.device()), dd, idx_kept, gk)};
  });
  NNLITE_REPORT(name, {x}, {values, indices}, {{"dim", exported::jint(dim)}, {"keepdim", exported::jbool(keepdim)}});
  return {values, indices};
}

Tensor arg(const char* name, bool is_max, const Tensor& x, std::optional<int64_t> dim, bool keepdim) {
  exported::OpScope scope;
  auto report_arg = [&](const Tensor& y) {
    NNLITE_REPORT(name, {x}, {y}, {{"dim", dim ? exported::jint(*dim) : exported::Json()},
                                  {"keepdim", exported::jbool(keepdim)}});
    return y;
  };
  if (!dim) {
    Tensor flat = x.reshape({-1});
    NNLITE_CHECK(flat.numel() > 0, Index, name, ": cannot take the ", is_max ? "argmax" : "argmin",
                 " of an empty tensor");
    Tensor r = reduce_raw(is_max ? Reduce::ArgMax : Reduce::ArgMin, flat.detach(), {0}, DType::Int64);
    if (keepdim) return report_arg(r.reshape(Shape(x.dim(), 1)));
    return report_arg(r.view({}));
  }
  return report_arg(max_min_dim(name, is_max, x.detach(), *dim, keepdim).second);
}
}  // namespace

std::pair<Tensor, Tensor> max(const Tensor& x, int64_t dim, bool keepdim) {
  return max_min_dim("max", true, x, dim, keepdim);
}
std::pair<Tensor, Tensor> min(const Tensor& x, int64_t dim, bool keepdim) {
  return max_min_dim("min", false, x, dim, keepdim);
}
Tensor argmax(const Tensor& x, std::optional<int64_t> dim, bool keepdim) { return arg("argmax", true, x, dim, keepdim); }
Tensor argmin(const Tensor& x, std::optional<int64_t> dim, bool keepdim) {
  return arg("argmin", false, x, dim, keepdim);
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_reduce_schemas(Registry& r) {
  using A = AttrType;
  using Reduce = Tensor (*)(const Tensor&, const Dims&, bool);
  struct Entry {
    const char* name;
    Reduce f;
    const char* onnx;
  };
  const Entry entries[] = {{"sum", &sum, "ReduceSum"},   {"mean", &mean, "ReduceMean"},
                           {"prod", &prod, "ReduceProd"}, {"amax", &amax, "ReduceMax"},
                           {"amin", &amin, "ReduceMin"},  {"logsumexp", &logsumexp, "ReduceLogSumExp"}};
  for (const Entry& e : entries) {
    auto f = e.f;
    // dims: [] (or absent) reduces every dim
    r.add(OpSchema(e.name)
              .inputs({"input"})
              .attrs({{"dims", A::Ints}, {"keepdim", A::Bool}})
              .differentiable()
              .onnx({e.onnx})
              .kernel([f](Attrs& a) -> Kernel {
                Dims dims = a.ints("dims", {});
                bool keepdim = a.boolean("keepdim", false);
                return [=](const TensorList& in) { return one(f(in[0], dims, keepdim)); };
              }));
  }
  using Spread = Tensor (*)(const Tensor&, const Dims&, double, bool);
  for (auto [name, f] : {std::pair<const char*, Spread>{"var", &var}, {"std", &nnlite::std}}) {
    r.add(OpSchema(name)
              .inputs({"input"})
              .attrs({{"dims", A::Ints}, {"correction", A::Float}, {"keepdim", A::Bool}})
              .differentiable()
              .no_onnx("opset 17 has no variance op")
              .kernel([f = f](Attrs& a) -> Kernel {
                Dims dims = a.ints("dims", {});
                double correction = a.number("correction", 1.0);
                bool keepdim = a.boolean("keepdim", false);
                return [=](const TensorList& in) { return one(f(in[0], dims, correction, keepdim)); };
              }));
  }
  // values and indices along one dim
  using MaxMin = std::pair<Tensor, Tensor> (*)(const Tensor&, int64_t, bool);
  const std::tuple<const char*, MaxMin, const char*, const char*> extremes[] = {
      {"max", &max, "ReduceMax", "ArgMax"}, {"min", &min, "ReduceMin", "ArgMin"}};
  for (const auto& [name, f, reduce_op, arg_op] : extremes) {
    r.add(OpSchema(name)
              .inputs({"input"})
              .attrs({{"dim", A::Int}, {"keepdim", A::Bool}})
              .outputs(2)
              .differentiable()
              .onnx({reduce_op, arg_op})
              .kernel([f = f](Attrs& a) -> Kernel {
                int64_t dim = a.integer("dim");
                bool keepdim = a.boolean("keepdim", false);
                return [=](const TensorList& in) {
                  auto vi = f(in[0], dim, keepdim);
                  return TensorList{vi.first, vi.second};
                };
              }));
  }
  using Arg = Tensor (*)(const Tensor&, std::optional<int64_t>, bool);
  for (auto [name, f, onnx_op] : {std::tuple<const char*, Arg, const char*>{"argmax", &argmax, "ArgMax"},
                                  {"argmin", &argmin, "ArgMin"}}) {
    r.add(OpSchema(name)
              .inputs({"input"})
              .attrs({{"dim", A::Int}, {"keepdim", A::Bool}})
              .onnx({onnx_op, "Reshape"})
              .kernel([f = f](Attrs& a) -> Kernel {
                std::optional<int64_t> dim = a.optional_integer("dim");  // absent: over the flattened tensor
                bool keepdim = a.boolean("keepdim", false);
                return [=](const TensorList& in) { return one(f(in[0], dim, keepdim)); };
              }));
  }
}

}  // namespace nnlite::schema
