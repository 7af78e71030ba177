// Ops that move or keep elements by their position: tril, triu (a mask of
// the last two dims), roll, flip (reorderings, composed of narrow/cat and
// index_select) and cumsum (a backend scan). Each runs its composition without
// recording and records one node whose backward is the same kind of op
// (tril of the gradient, the opposite roll, the same flip, a reversed
// cumsum), so higher-order gradients work.
#include <algorithm>

#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

// x with the elements outside the band zeroed: tril keeps column - row <= k,
// triu keeps column - row >= k, over the last two dims.
Tensor triangle(const char* op, const Tensor& x, int64_t k, bool lower) {
  NNLITE_CHECK(x.dim() >= 2, Value, op, ": expected a tensor of at least 2 dimensions, got ", ops::describe(x));
  const int64_t rows = x.size(-2), cols = x.size(-1);
  Tensor out;
  {
    NoGradGuard ng;
    Tensor offset = arange(0, cols, 1, DType::Int64, x.device()).reshape({1, cols}) -
                    arange(0, rows, 1, DType::Int64, x.device()).reshape({rows, 1});
    Tensor band = full({}, k, DType::Int64, x.device());
    Tensor keep = lower ? le(offset, band) : ge(offset, band);
    out = where(keep, x.detach(), scalar_tensor(0, x.dtype()).to(x.device()));
  }
  return record(op, out, {x}, [op, k, lower](const Tensor& g, const std::vector<bool>&) {
    return TensorList{triangle(op, g, k, lower)};
  });
}

std::vector<int64_t> unique_dims(const char* op, const std::vector<int64_t>& dims, int64_t rank) {
  std::vector<int64_t> out;
  for (int64_t d : dims) {
    int64_t w = ops::wrap_dim(d, std::max<int64_t>(rank, 1), op);
    NNLITE_CHECK(std::find(out.begin(), out.end(), w) == out.end(), Value, op, ": dim ", w,
                 " appears more than once in the dims given");
    out.push_back(w);
  }
  return out;
}

}  // namespace

Tensor tril(const Tensor& x, int64_t diagonal) {
  exported::OpScope scope;
  Tensor y = triangle("tril", x, diagonal, true);
  NNLITE_REPORT("tril", {x}, {y}, {{"diagonal", exported::jint(diagonal)}});
  return y;
}
Tensor triu(const Tensor& x, int64_t diagonal) {
  exported::OpScope scope;
  Tensor y = triangle("triu", x, diagonal, false);
  NNLITE_REPORT("triu", {x}, {y}, {{"diagonal", exported::jint(diagonal)}});
  return y;
}

static Tensor roll_impl(const Tensor& x, const std::vector<int64_t>& shifts, const std::vector<int64_t>& dims) {
  if (dims.empty()) {  // over the flattened tensor
    NNLITE_CHECK(shifts.size() == 1, Value, "roll: without dims, expected one shift, got ", shifts.size());
    return roll(x.reshape({-1}), shifts, {0}).reshape(x.shape());
  }
  NNLITE_CHECK(shifts.size() == dims.size(), Value, "roll: got ", shifts.size(), " shifts for ", dims.size(),
               " dims (expected one shift per dim)");
  std::vector<int64_t> wrapped;
  for (int64_t d : dims) wrapped.push_back(ops::wrap_dim(d, std::max<int64_t>(x.dim(), 1), "roll"));
  Tensor out = x.detach();
  {
    NoGradGuard ng;
    bool moved = false;
    for (size_t i = 0; i < wrapped.size() && x.dim() > 0; ++i) {
      const int64_t d = wrapped[i], n = x.size(d);
      const int64_t s = n == 0 ? 0 : ((shifts[i] % n) + n) % n;
      if (s == 0) continue;
      // The last s elements move to the front.
      out = cat({out.narrow(d, n - s, s), out.narrow(d, 0, n - s)}, d);
      moved = true;
    }
    if (!moved) out = out.clone();  // a new tensor, never x itself
  }
  std::vector<int64_t> back;
  for (int64_t s : shifts) back.push_back(-s);
  return record("roll", out, {x}, [back, wrapped](const Tensor& g, const std::vector<bool>&) {
    return TensorList{roll(g, back, wrapped)};
  });
}

static Tensor flip_impl(const Tensor& x, const std::vector<int64_t>& dims) {
  std::vector<int64_t> ds = unique_dims("flip", dims, x.dim());
  Tensor out = x.detach();
  {
    NoGradGuard ng;
    if (x.dim() == 0 || ds.empty()) out = out.clone();  // a new tensor, never x itself
    else
      for (int64_t d : ds) out = index_select(out, d, arange(x.size(d) - 1, -1, -1, DType::Int64, x.device()));
  }
  return record("flip", out, {x}, [ds](const Tensor& g, const std::vector<bool>&) { return TensorList{flip(g, ds)}; });
}

static Tensor cumsum_impl(const Tensor& x_in, int64_t dim, std::optional<DType> dtype) {
  Tensor x = dtype ? x_in.to(*dtype) : x_in;
  if (x.dim() == 0) {
    ops::wrap_dim(dim, 1, "cumsum");
    return cumsum(x.reshape({1}), 0, std::nullopt).reshape({});
  }
  const int64_t d = ops::wrap_dim(dim, x.dim(), "cumsum");
  const bool floating = x.dtype() == DType::Float32 || x.dtype() == DType::Float64;
  Tensor out = empty(x.shape(), floating ? x.dtype() : DType::Int64, x.device());
  ops::backend_of(x).cumsum(x, d, out);
  return record("cumsum", out, {x}, [d](const Tensor& g, const std::vector<bool>&) {
    // Each input adds to every later output: the gradient is the running sum from the end.
    return TensorList{flip(cumsum(flip(g, {d}), d), {d})};
  });
}

// The public ops: each records itself once for export (the impls call ops).
Tensor roll(const Tensor& x, const std::vector<int64_t>& shifts, const std::vector<int64_t>& dims) {
  exported::OpScope scope;
  Tensor y = roll_impl(x, shifts, dims);
  NNLITE_REPORT("roll", {x}, {y}, {{"shifts", exported::jints(shifts)}, {"dims", exported::jints(dims)}});
  return y;
}

Tensor flip(const Tensor& x, const std::vector<int64_t>& dims) {
  exported::OpScope scope;
  Tensor y = flip_impl(x, dims);
  NNLITE_REPORT("flip", {x}, {y}, {{"dims", exported::jints(dims)}});
  return y;
}

Tensor cumsum(const Tensor& x, int64_t dim, std::optional<DType> dtype) {
  exported::OpScope scope;
  Tensor y = cumsum_impl(x, dim, dtype);
  if (exported::reporting()) {
    exported::NodeAttrs attrs = {{"dim", exported::jint(dim)}};
    if (dtype) attrs.emplace_back("dtype", exported::jdtype(*dtype));
    exported::report("cumsum", {x}, {y}, std::move(attrs));
  }
  return y;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_positional_schemas(Registry& r) {
  using A = AttrType;
  using Triangle = Tensor (*)(const Tensor&, int64_t);
  for (auto [name, f] : {std::pair<const char*, Triangle>{"tril", &tril}, {"triu", &triu}})
    r.add(OpSchema(name)
              .inputs({"input"})
              .attrs({{"diagonal", A::Int}})
              .differentiable()
              .onnx({"Trilu"})
              .kernel([f = f](Attrs& a) -> Kernel {
                int64_t k = a.integer("diagonal", 0);
                return [=](const TensorList& in) { return one(f(in[0], k)); };
              }));
  r.add(OpSchema("roll")
            .inputs({"input"})
            .attrs({{"shifts", A::Ints}, {"dims", A::Ints}})
            .differentiable()
            .no_onnx("not written yet: two Slices and a Concat per dim, with the shift taken modulo a size that "
                     "may only be known when the graph runs")
            .kernel([](Attrs& a) -> Kernel {
              std::vector<int64_t> shifts = a.ints("shifts"), dims = a.ints("dims", {});
              return [=](const TensorList& in) { return one(roll(in[0], shifts, dims)); };
            }));
  r.add(OpSchema("flip")
            .inputs({"input"})
            .attrs({{"dims", A::Ints}})
            .differentiable()
            .onnx({"Slice", "Identity"})
            .kernel([](Attrs& a) -> Kernel {
              std::vector<int64_t> dims = a.ints("dims");
              return [=](const TensorList& in) { return one(flip(in[0], dims)); };
            }));
  r.add(OpSchema("cumsum")
            .inputs({"input"})
            .attrs({{"dim", A::Int}, {"dtype", A::DType}})
            .differentiable()
            .onnx({"CumSum", "Cast"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t dim = a.integer("dim");
              std::optional<DType> dtype;
              if (a.has("dtype")) dtype = a.dtype("dtype");
              return [=](const TensorList& in) { return one(cumsum(in[0], dim, dtype)); };
            }));
}

}  // namespace nnlite::schema
