// cat, stack, split, chunk.
#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {
Tensor cat_impl(const TensorList& xs, int64_t dim) {
  NNLITE_CHECK(!xs.empty(), Value, "cat: expected a non-empty list of tensors");
  // torch skips 1-d empty tensors for legacy reasons; we require matching ranks.
  const Tensor& ref = xs[0];
  const int64_t nd = ref.dim();
  NNLITE_CHECK(nd > 0, Value, "cat: zero-dimensional tensors cannot be concatenated; use stack");
  int64_t d = ops::wrap_dim(dim, nd, "cat");
  DType t = ops::result_type(xs);
  ops::backend_of(xs, "cat");
  Shape out_shape = ref.shape();
  out_shape[d] = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    const Tensor& x = xs[i];
    NNLITE_CHECK(x.dim() == nd, Value, "cat: tensor ", i, " has ", x.dim(), " dimensions but tensor 0 has ", nd);
    for (int64_t k = 0; k < nd; ++k)
      NNLITE_CHECK(k == d || x.shape()[k] == ref.shape()[k], Value, "cat: sizes of tensors must match except in "
                   "dimension ", d, "; tensor ", i, " has shape ", shape_str(x.shape()), " but tensor 0 has ",
                   shape_str(ref.shape()));
    out_shape[d] += x.shape()[d];
  }
  Tensor out = empty(out_shape, t, ref.device());
  std::vector<int64_t> sizes;
  int64_t at = 0;
  for (const Tensor& x : xs) {
    Shape st = out.strides();
    Tensor region = ops::view_raw(out, x.shape(), st, at * st[d]);
    ops::backend_of(out).copy(x, region);
    at += x.shape()[d];
    sizes.push_back(x.shape()[d]);
  }
  return record("cat", out, xs, [sizes, d](const Tensor& g, const std::vector<bool>&) { return split(g, sizes, d); });
}
}  // namespace

Tensor cat(const TensorList& xs, int64_t dim) {
  exported::OpScope scope;
  Tensor y = cat_impl(xs, dim);
  NNLITE_REPORT("cat", xs, {y}, {{"dim", exported::jint(dim)}});
  return y;
}

namespace {
Tensor stack_impl(const TensorList& xs, int64_t dim) {
  NNLITE_CHECK(!xs.empty(), Value, "stack: expected a non-empty list of tensors");
  int64_t d = ops::wrap_dim(dim, xs[0].dim() + 1, "stack");
  TensorList parts;
  for (size_t i = 0; i < xs.size(); ++i) {
    NNLITE_CHECK(xs[i].shape() == xs[0].shape(), Value, "stack: all tensors must have the same shape; tensor ", i,
                 " has shape ", shape_str(xs[i].shape()), " but tensor 0 has ", shape_str(xs[0].shape()));
    parts.push_back(xs[i].unsqueeze(d));
  }
  return cat(parts, d);
}
}  // namespace

Tensor stack(const TensorList& xs, int64_t dim) {
  exported::OpScope scope;
  Tensor y = stack_impl(xs, dim);
  NNLITE_REPORT("stack", xs, {y}, {{"dim", exported::jint(dim)}});
  return y;
}

namespace {
TensorList split_sizes(const Tensor& x, const std::vector<int64_t>& sizes, int64_t dim) {
  int64_t d = ops::wrap_dim(dim, x.dim(), "split");
  int64_t total = 0;
  for (int64_t s : sizes) {
    NNLITE_CHECK(s >= 0, Value, "split: sizes must be non-negative, got ", shape_str(sizes));
    total += s;
  }
  NNLITE_CHECK(total == x.shape()[d], Value, "split: sizes ", shape_str(sizes), " add up to ", total,
               " but dimension ", d, " has size ", x.shape()[d]);
  TensorList out;
  int64_t at = 0;
  for (int64_t s : sizes) {
    out.push_back(x.narrow(d, at, s));
    at += s;
  }
  return out;
}
}  // namespace

TensorList split(const Tensor& x, const std::vector<int64_t>& sizes, int64_t dim) {
  exported::OpScope scope;
  TensorList out = split_sizes(x, sizes, dim);
  NNLITE_REPORT("split", {x}, out, {{"sizes", exported::jints(sizes)}, {"dim", exported::jint(dim)}});
  return out;
}

TensorList split(const Tensor& x, int64_t split_size, int64_t dim) {
  exported::OpScope scope;
  NNLITE_CHECK(split_size > 0, Value, "split: split_size must be positive, got ", split_size);
  int64_t d = ops::wrap_dim(dim, x.dim(), "split");
  std::vector<int64_t> sizes;
  for (int64_t at = 0; at < x.shape()[d]; at += split_size) sizes.push_back(std::min(split_size, x.shape()[d] - at));
  if (sizes.empty()) sizes.push_back(0);
  TensorList out = split(x, sizes, d);
  NNLITE_REPORT("split", {x}, out, {{"split_size", exported::jint(split_size)}, {"dim", exported::jint(dim)}});
  return out;
}

TensorList chunk(const Tensor& x, int64_t chunks, int64_t dim) {
  exported::OpScope scope;
  NNLITE_CHECK(chunks > 0, Value, "chunk: number of chunks must be positive, got ", chunks);
  int64_t d = ops::wrap_dim(dim, x.dim(), "chunk");
  int64_t n = x.shape()[d];
  TensorList out = split(x, std::max<int64_t>(1, (n + chunks - 1) / chunks), d);
  NNLITE_REPORT("chunk", {x}, out, {{"chunks", exported::jint(chunks)}, {"dim", exported::jint(dim)}});
  return out;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_join_schemas(Registry& r) {
  using A = AttrType;
  r.add(OpSchema("cat")
            .inputs({"tensors+"})
            .attrs({{"dim", A::Int}})
            .differentiable()
            .onnx({"Concat", "Cast"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t dim = a.integer("dim", 0);
              return [=](const TensorList& in) { return one(cat(in, dim)); };
            }));
  r.add(OpSchema("stack")
            .inputs({"tensors+"})
            .attrs({{"dim", A::Int}})
            .differentiable()
            .onnx({"Unsqueeze", "Concat"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t dim = a.integer("dim", 0);
              return [=](const TensorList& in) { return one(stack(in, dim)); };
            }));
  // As many outputs as pieces; a run whose sizes give another count fails
  // when the graph checks the outputs of the node. Either "split_size" (equal
  // pieces, the last smaller) or "sizes".
  r.add(OpSchema("split")
            .inputs({"input"})
            .attrs({{"split_size", A::Int}, {"sizes", A::Ints}, {"dim", A::Int}})
            .outputs(-1)
            .differentiable()
            .onnx({"Split"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t dim = a.integer("dim", 0);
              if (a.has("split_size")) {
                int64_t size = a.integer("split_size");
                return [=](const TensorList& in) { return split(in[0], size, dim); };
              }
              std::vector<int64_t> sizes = a.ints("sizes");
              return [=](const TensorList& in) { return split(in[0], sizes, dim); };
            }));
  r.add(OpSchema("chunk")
            .inputs({"input"})
            .attrs({{"chunks", A::Int}, {"dim", A::Int}})
            .outputs(-1)
            .differentiable()
            .onnx({"Split"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t chunks = a.integer("chunks"), dim = a.integer("dim", 0);
              return [=](const TensorList& in) { return chunk(in[0], chunks, dim); };
            }));
}

}  // namespace nnlite::schema
