// Sorting along a dim: sort, argsort, topk. One backend kernel (sort) gives
// the first k values of each row in order with their positions; the values'
// gradient goes back to those positions (a scatter, itself differentiable).
#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

// The first k sorted values and their indices along dim. A 0-d x is sorted as
// shape [1] (torch's rule: dim 0 or -1) and its results are 0-d again.
std::pair<Tensor, Tensor> sorted_prefix(const char* op, const Tensor& x, int64_t dim, int64_t k, bool descending) {
  if (x.dim() == 0) {
    ops::wrap_dim(dim, 1, op);
    auto r = sorted_prefix(op, x.reshape({1}), 0, k, descending);
    return {r.first.reshape({}), r.second.reshape({})};
  }
  const int64_t d = ops::wrap_dim(dim, x.dim(), op);
  Shape out_shape = x.shape();
  out_shape[d] = k;
  Tensor values = empty(out_shape, x.dtype(), x.device());
  Tensor indices = empty(out_shape, DType::Int64, x.device());
  ops::backend_of(x).sort(x, d, k, descending, values, indices);
  Shape xs = x.shape();
  values = record(op, values, {x}, [xs, d, indices](const Tensor& g, const std::vector<bool>&) {
    return TensorList{scatter(zeros(xs, g.dtype(), g.device()), d, indices, g)};
  });
  return {values, indices};
}

int64_t size_along(const char* op, const Tensor& x, int64_t dim) {
  return x.dim() == 0 ? (ops::wrap_dim(dim, 1, op), 1) : x.size(ops::wrap_dim(dim, x.dim(), op));
}

}  // namespace

// Every sort is stable; `stable` is kept for torch's signature and the graph.
std::pair<Tensor, Tensor> sort(const Tensor& x, int64_t dim, bool descending, bool stable) {
  exported::OpScope scope;
  auto vi = sorted_prefix("sort", x, dim, size_along("sort", x, dim), descending);
  NNLITE_REPORT("sort", {x}, {vi.first, vi.second},
                {{"dim", exported::jint(dim)}, {"descending", exported::jbool(descending)},
                 {"stable", exported::jbool(stable)}});
  return vi;
}

Tensor argsort(const Tensor& x, int64_t dim, bool descending, bool stable) {
  exported::OpScope scope;
  Tensor i = sorted_prefix("argsort", x.detach(), dim, size_along("argsort", x, dim), descending).second;
  NNLITE_REPORT("argsort", {x}, {i},
                {{"dim", exported::jint(dim)}, {"descending", exported::jbool(descending)},
                 {"stable", exported::jbool(stable)}});
  return i;
}

// The values come out sorted whatever `sorted` says (kept for torch's signature and the graph).
std::pair<Tensor, Tensor> topk(const Tensor& x, int64_t k, int64_t dim, bool largest, bool sorted) {
  exported::OpScope scope;
  const int64_t n = size_along("topk", x, dim);
  NNLITE_CHECK(k >= 0 && k <= n, Value, "topk: k = ", k, " is out of range for dimension ", dim,
               " of the input of shape ", shape_str(x.shape()), " (expected 0 <= k <= ", n, ")");
  auto vi = sorted_prefix("topk", x, dim, k, largest);
  NNLITE_REPORT("topk", {x}, {vi.first, vi.second},
                {{"k", exported::jint(k)}, {"dim", exported::jint(dim)}, {"largest", exported::jbool(largest)},
                 {"sorted", exported::jbool(sorted)}});
  return vi;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_sort_schemas(Registry& r) {
  using A = AttrType;
  r.add(OpSchema("sort")
            .inputs({"input"})
            .attrs({{"dim", A::Int}, {"descending", A::Bool}, {"stable", A::Bool}})
            .outputs(2)
            .differentiable()
            .no_onnx("ONNX has no stable sort; TopK's order of equal values is unspecified")
            .kernel([](Attrs& a) -> Kernel {
              int64_t dim = a.integer("dim", -1);
              bool descending = a.boolean("descending", false), stable = a.boolean("stable", false);
              return [=](const TensorList& in) {
                auto vi = sort(in[0], dim, descending, stable);
                return TensorList{vi.first, vi.second};
              };
            }));
  r.add(OpSchema("argsort")
            .inputs({"input"})
            .attrs({{"dim", A::Int}, {"descending", A::Bool}, {"stable", A::Bool}})
            .no_onnx("ONNX has no stable sort; TopK's order of equal values is unspecified")
            .kernel([](Attrs& a) -> Kernel {
              int64_t dim = a.integer("dim", -1);
              bool descending = a.boolean("descending", false), stable = a.boolean("stable", false);
              return [=](const TensorList& in) { return one(argsort(in[0], dim, descending, stable)); };
            }));
  r.add(OpSchema("topk")
            .inputs({"input"})
            .attrs({{"k", A::Int}, {"dim", A::Int}, {"largest", A::Bool}, {"sorted", A::Bool}})
            .outputs(2)
            .differentiable()
            .onnx({"TopK"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t k = a.integer("k"), dim = a.integer("dim", -1);
              bool largest = a.boolean("largest", true), sorted = a.boolean("sorted", true);
              return [=](const TensorList& in) {
                auto vi = topk(in[0], k, dim, largest, sorted);
                return TensorList{vi.first, vi.second};
              };
            }));
}

}  // namespace nnlite::schema
