// View ops: new geometry over the same storage, no copy. Each records a
// backward that maps the gradient back to the input's geometry.
#include <algorithm>
#include <limits>
#include <optional>

#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

// A view of `base`; under autograd it is marked as a view so that in-place
// changes to it are refused (they would bypass the base's history).
Tensor make_view(const Tensor& base, const Shape& shape, const Shape& strides, int64_t offset, const char* name,
                 BackwardFn backward) {
  Tensor v = ops::view_raw(base, shape, strides, offset);
  // Saving the base's version makes backward through this view raise if the
  // base is later changed in place: the view's history would be stale.
  v = record(name, v, {base}, std::move(backward), {base});
  if (v.requires_grad()) v.impl()->is_view = true;
  return v;
}

// Strides that let `shape` view memory laid out as (old_shape, old_strides),
// or nothing when the dims it merges are not contiguous with each other.
std::optional<Shape> view_strides(const Shape& old_shape, const Shape& old_strides, const Shape& shape) {
  if (old_shape.empty() || shape_numel(old_shape) == 0) return contiguous_strides(shape);
  Shape st(shape.size(), 1);
  int64_t view_d = static_cast<int64_t>(shape.size()) - 1;
  int64_t chunk_stride = old_strides.back(), tensor_numel = 1, view_numel = 1;
  for (int64_t d = static_cast<int64_t>(old_shape.size()) - 1; d >= 0; --d) {
    tensor_numel *= old_shape[d];
    // A chunk ends where the next outer dim does not continue it in memory.
    bool chunk_end = d == 0 || (old_shape[d - 1] != 1 && old_strides[d - 1] != tensor_numel * chunk_stride);
    if (!chunk_end) continue;
    while (view_d >= 0 && (view_numel < tensor_numel || shape[view_d] == 1)) {
      st[view_d] = view_numel * chunk_stride;
      view_numel *= shape[view_d];
      --view_d;
    }
    if (view_numel != tensor_numel) return std::nullopt;
    if (d > 0) {
      chunk_stride = old_strides[d - 1];
      tensor_numel = view_numel = 1;
    }
  }
  if (view_d != -1) return std::nullopt;
  return st;
}

Shape infer_shape(const Shape& shape, int64_t numel, const char* op, const Shape& from) {
  Shape out = shape;
  int64_t known = 1, infer = -1;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == -1) {
      NNLITE_CHECK(infer < 0, Value, op, ": only one dimension can be -1, got ", shape_str(shape));
      infer = static_cast<int64_t>(i);
    } else {
      NNLITE_CHECK(out[i] >= 0, Value, op, ": invalid size ", out[i], " in shape ", shape_str(shape));
      known *= out[i];
    }
  }
  if (infer >= 0) {
    NNLITE_CHECK(known != 0 && numel % known == 0, Value, op, ": shape ", shape_str(shape),
                 " is invalid for an input of shape ", shape_str(from), " (", numel, " elements)");
    out[infer] = numel / known;
  }
  NNLITE_CHECK(shape_numel(out) == numel, Value, op, ": shape ", shape_str(shape), " is invalid for an input of shape ",
               shape_str(from), " (", numel, " elements)");
  return out;
}

Tensor transpose_impl(const Tensor& x, int64_t d0, int64_t d1);
Tensor flatten_impl(const Tensor& x, int64_t start, int64_t end);

BackwardFn reshape_back(const Shape& in_shape) {
  return [in_shape](const Tensor& g, const std::vector<bool>&) { return TensorList{g.reshape(in_shape)}; };
}

}  // namespace

Tensor Tensor::view(const Shape& shape) const {
  exported::OpScope scope;
  Shape s = infer_shape(shape, numel(), "view", this->shape());
  auto st = view_strides(this->shape(), strides(), s);
  NNLITE_CHECK(st.has_value(), Value, "view: shape ", shape_str(s), " is not compatible with the input's shape ",
               shape_str(this->shape()), " and strides ", shape_str(strides()),
               " (its dims span non-contiguous memory); use reshape() instead");
  Tensor v = make_view(*this, s, *st, offset(), "view", reshape_back(this->shape()));
  if (exported::reporting()) exported::report_shaped("reshape", "view", *this, shape, {v});
  return v;
}

Tensor Tensor::reshape(const Shape& shape) const {
  exported::OpScope scope;
  Shape s = infer_shape(shape, numel(), "reshape", this->shape());
  if (s == this->shape()) return *this;
  Tensor v = view_strides(this->shape(), strides(), s) ? view(s) : contiguous().view(s);
  if (exported::reporting()) exported::report_shaped("reshape", "reshape", *this, shape, {v});
  return v;
}

Tensor Tensor::permute(const Shape& dims) const {
  exported::OpScope scope;
  const int64_t n = dim();
  NNLITE_CHECK(static_cast<int64_t>(dims.size()) == n, Value, "permute: got ", dims.size(),
               " dims for a tensor of ", n, " dimensions");
  Shape shape(n), st(n), inverse(n);
  std::vector<bool> seen(n, false);
  for (int64_t i = 0; i < n; ++i) {
    int64_t d = ops::wrap_dim(dims[i], n, "permute");
    NNLITE_CHECK(!seen[d], Value, "permute: dimension ", d, " repeats in ", shape_str(dims));
    seen[d] = true;
    shape[i] = this->shape()[d];
    st[i] = strides()[d];
    inverse[d] = i;
  }
  Tensor v = make_view(*this, shape, st, offset(), "permute", [inverse](const Tensor& g, const std::vector<bool>&) {
    return TensorList{g.permute(inverse)};
  });
  NNLITE_REPORT("permute", {*this}, {v}, {{"dims", exported::jints(dims)}});
  return v;
}

Tensor Tensor::transpose(int64_t d0, int64_t d1) const {
  exported::OpScope scope;
  Tensor v = transpose_impl(*this, d0, d1);
  NNLITE_REPORT("transpose", {*this}, {v}, {{"dim0", exported::jint(d0)}, {"dim1", exported::jint(d1)}});
  return v;
}

namespace {
Tensor transpose_impl(const Tensor& x, int64_t d0, int64_t d1) {
  const int64_t n = x.dim();
  if (n == 0) return x.permute({});
  Shape perm(n);
  for (int64_t i = 0; i < n; ++i) perm[i] = i;
  std::swap(perm[ops::wrap_dim(d0, n, "transpose")], perm[ops::wrap_dim(d1, n, "transpose")]);
  return x.permute(perm);
}
}  // namespace

Tensor Tensor::t() const {
  NNLITE_CHECK(dim() <= 2, Value, "t: expects a tensor with at most 2 dimensions, got shape ", shape_str(shape()),
               "; use transpose(d0, d1) or permute for more");
  return dim() < 2 ? permute(dim() == 1 ? Shape{0} : Shape{}) : transpose(0, 1);
}

Tensor Tensor::expand(const Shape& shape) const {
  exported::OpScope scope;
  const int64_t n = static_cast<int64_t>(shape.size()), k = dim();
  NNLITE_CHECK(n >= k, Value, "expand: cannot expand shape ", shape_str(this->shape()), " to ", shape_str(shape),
               " (fewer dimensions)");
  Shape out(n), st(n, 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t j = i - (n - k);
    int64_t want = shape[i];
    if (j < 0) {
      NNLITE_CHECK(want >= 0, Value, "expand: size -1 is not allowed for a new leading dimension in ",
                   shape_str(shape));
      out[i] = want;
      continue;
    }
    int64_t have = this->shape()[j];
    if (want == -1) want = have;
    NNLITE_CHECK(want == have || have == 1, Value, "expand: cannot expand shape ", shape_str(this->shape()), " to ",
                 shape_str(shape), " (dimension ", i, ": size ", have, " is not 1)");
    out[i] = want;
    st[i] = want == have ? strides()[j] : 0;
  }
  // Element counts past int64 would wrap numel() (2^32 * 2^32 reads as 0), also for shapes from a graph file.
  int64_t count = 1;
  for (int64_t d : out)
    NNLITE_CHECK(!__builtin_mul_overflow(count, d, &count), Value, "expand: shape ", shape_str(shape),
                 " has more elements than int64 can count");
  Shape in_shape = this->shape();
  Tensor v = make_view(*this, out, st, offset(), "expand", [in_shape](const Tensor& g, const std::vector<bool>&) {
    return TensorList{sum_to(g, in_shape)};
  });
  if (exported::reporting()) exported::report_shaped("expand", "expand", *this, shape, {v});
  return v;
}

Tensor Tensor::squeeze() const {
  exported::OpScope scope;
  Shape s, st;
  for (int64_t i = 0; i < dim(); ++i)
    if (shape()[i] != 1) {
      s.push_back(shape()[i]);
      st.push_back(strides()[i]);
    }
  Tensor v = make_view(*this, s, st, offset(), "squeeze", reshape_back(shape()));
  NNLITE_REPORT("squeeze", {*this}, {v});
  return v;
}

Tensor Tensor::squeeze(int64_t d) const {
  exported::OpScope scope;
  if (dim() == 0) return *this;
  const int64_t given = d;
  d = ops::wrap_dim(d, dim(), "squeeze");
  if (shape()[d] != 1) return *this;
  Shape s = shape(), st = strides();
  s.erase(s.begin() + d);
  st.erase(st.begin() + d);
  Tensor v = make_view(*this, s, st, offset(), "squeeze", reshape_back(shape()));
  NNLITE_REPORT("squeeze", {*this}, {v}, {{"dims", exported::jints({given})}});
  return v;
}

Tensor Tensor::unsqueeze(int64_t d) const {
  exported::OpScope scope;
  const int64_t given = d;
  d = ops::wrap_dim(d, dim() + 1, "unsqueeze");
  Shape s = shape(), st = strides();
  int64_t stride = d < dim() ? strides()[d] * shape()[d] : 1;
  s.insert(s.begin() + d, 1);
  st.insert(st.begin() + d, stride);
  Tensor v = make_view(*this, s, st, offset(), "unsqueeze", reshape_back(shape()));
  NNLITE_REPORT("unsqueeze", {*this}, {v}, {{"dim", exported::jint(given)}});
  return v;
}

Tensor Tensor::flatten(int64_t start, int64_t end) const {
  exported::OpScope scope;
  Tensor v = flatten_impl(*this, start, end);
  NNLITE_REPORT("flatten", {*this}, {v}, {{"start_dim", exported::jint(start)}, {"end_dim", exported::jint(end)}});
  return v;
}

namespace {
Tensor flatten_impl(const Tensor& x, int64_t start, int64_t end) {
  if (x.dim() == 0) return x.reshape({1});
  start = ops::wrap_dim(start, x.dim(), "flatten");
  end = ops::wrap_dim(end, x.dim(), "flatten");
  NNLITE_CHECK(start <= end, Value, "flatten: start_dim ", start, " comes after end_dim ", end);
  const Shape& shape = x.shape();
  Shape s(shape.begin(), shape.begin() + start);
  int64_t m = 1;
  for (int64_t i = start; i <= end; ++i) m *= shape[i];
  s.push_back(m);
  s.insert(s.end(), shape.begin() + end + 1, shape.end());
  return x.reshape(s);
}
}  // namespace

namespace {
// The gradient of a slice: zeros with g written into the sliced region. A
// differentiable op of its own, whose backward is the slice again.
Tensor slice_backward(const Tensor& g, const Shape& in_shape, int64_t d, int64_t start, int64_t step) {
  Tensor z = zeros(in_shape, g.dtype(), g.device());
  int64_t len = g.shape()[d];
  Tensor region = ops::view_raw(z, g.shape(), [&] {
    Shape st = z.strides();
    st[d] *= step;
    return st;
  }(), start * z.strides()[d]);
  ops::backend_of(z).copy(g, region);
  return record("slice_backward", z, {g}, [d, start, step, len](const Tensor& gg, const std::vector<bool>&) {
    return TensorList{gg.slice(d, start, start + len * step, step)};
  });
}
}  // namespace

Tensor Tensor::slice(int64_t d, int64_t start, int64_t stop, int64_t step) const {
  exported::OpScope scope;
  const int64_t d_in = d, start_in = start, stop_in = stop;
  d = ops::wrap_dim(d, dim(), "slice");
  NNLITE_CHECK(step > 0, Value, "slice: step must be positive, got ", step);
  const int64_t n = shape()[d];
  auto clampi = [n](int64_t i) {
    if (i < 0) i += n;
    return std::min(std::max<int64_t>(i, 0), n);
  };
  start = clampi(start);
  stop = clampi(stop);
  int64_t len = stop > start ? (stop - start + step - 1) / step : 0;
  Shape s = shape(), st = strides();
  s[d] = len;
  st[d] *= step;
  Shape in_shape = shape();
  Tensor v = make_view(*this, s, st, offset() + start * strides()[d], "slice",
                       [in_shape, d, start, step](const Tensor& g, const std::vector<bool>&) {
                         return TensorList{slice_backward(g, in_shape, d, start, step)};
                       });
  if (exported::reporting()) {
    if (start == 0 && len == n && step == 1) {  // x[:]: the same values
      exported::report_alias(v, *this);
    } else {
      exported::NodeAttrs attrs{{"dim", exported::jint(d_in)}, {"start", exported::jint(start_in)},
                                {"step", exported::jint(step)}};
      if (stop_in != std::numeric_limits<int64_t>::max()) attrs.emplace_back("stop", exported::jint(stop_in));
      exported::report("slice", {*this}, {v}, std::move(attrs));
    }
  }
  return v;
}

Tensor Tensor::narrow(int64_t d, int64_t start, int64_t length) const {
  exported::OpScope scope;
  const int64_t d_in = d, start_in = start;
  d = ops::wrap_dim(d, dim(), "narrow");
  const int64_t n = shape()[d];
  if (start < 0) start += n;
  NNLITE_CHECK(start >= 0 && length >= 0 && start + length <= n, Index, "narrow: range [", start, ", ",
               start + length, ") is out of bounds for dimension ", d, " of size ", n);
  Tensor v = slice(d, start, start + length);
  NNLITE_REPORT("narrow", {*this}, {v}, {{"dim", exported::jint(d_in)}, {"start", exported::jint(start_in)},
                                         {"length", exported::jint(length)}});
  return v;
}

Tensor Tensor::select(int64_t d, int64_t index) const {
  exported::OpScope scope;
  const int64_t d_in = d, index_in = index;
  NNLITE_CHECK(dim() > 0, Index, "select: cannot index a 0-d tensor");
  d = ops::wrap_dim(d, dim(), "select");
  const int64_t n = shape()[d];
  NNLITE_CHECK(index >= -n && index < n, Index, "index ", index, " is out of bounds for dimension ", d,
               " with size ", n);
  if (index < 0) index += n;
  Tensor v = slice(d, index, index + 1).squeeze(d);
  NNLITE_REPORT("select", {*this}, {v}, {{"dim", exported::jint(d_in)}, {"index", exported::jint(index_in)}});
  return v;
}

Tensor Tensor::as_strided(const Shape& shape, const Shape& strides, int64_t offset) const {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("as_strided", {*this});
  NNLITE_CHECK(shape.size() == strides.size(), Value, "as_strided: ", shape.size(), " sizes but ", strides.size(),
               " strides");
  // Check that every element stays inside the storage.
  int64_t lo = offset, hi = offset;
  if (shape_numel(shape) > 0)
    for (size_t i = 0; i < shape.size(); ++i) {
      int64_t reach = (shape[i] - 1) * strides[i];
      (reach < 0 ? lo : hi) += reach;
    }
  const int64_t cap = static_cast<int64_t>(storage()->nbytes() / itemsize());
  NNLITE_CHECK(lo >= 0 && (shape_numel(shape) == 0 || hi < cap), Index, "as_strided: the view reaches elements [",
               lo, ", ", hi, "] but the storage holds ", cap);
  return ops::view_raw(*this, shape, strides, offset);
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
// Views stay views in a graph; values in a graph are never written in place.
namespace nnlite::schema {

namespace {

void register_reshapes(Registry& r) {
  using A = AttrType;
  r.add(OpSchema("view")
            .inputs({"input"})
            .attrs({{"shape", A::Shape}})
            .differentiable()
            .recorded_as({"reshape"}, "a graph never writes in place, so a view and a reshape are the same there"));
  // inputs: x, then any tensors whose sizes the shape refers to ({"dim_of": k, "dim": d}).
  r.add(OpSchema("reshape")
            .inputs({"input", "sizes_of*"})
            .attrs({{"shape", A::Shape}})
            .differentiable()
            .onnx({"Reshape"})
            .kernel([](Attrs& a) -> Kernel {
              exported::ShapeSpec shape = a.shape("shape");
              return [=](const TensorList& in) {
                return one(in[0].reshape(exported::resolve_shape(shape, in, "reshape")));
              };
            }));
  r.add(OpSchema("expand")
            .inputs({"input", "sizes_of*"})
            .attrs({{"shape", A::Shape}})
            .differentiable()
            .onnx({"Expand"})
            .kernel([](Attrs& a) -> Kernel {
              exported::ShapeSpec shape = a.shape("shape");
              return [=](const TensorList& in) {
                return one(in[0].expand(exported::resolve_shape(shape, in, "expand")));
              };
            }));
  r.add(OpSchema("flatten")
            .inputs({"input"})
            .attrs({{"start_dim", A::Int}, {"end_dim", A::Int}})
            .differentiable()
            .onnx({"Flatten", "Reshape"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t start = a.integer("start_dim", 0), end = a.integer("end_dim", -1);
              return [=](const TensorList& in) { return one(in[0].flatten(start, end)); };
            }));
}

void register_dim_moves(Registry& r) {
  using A = AttrType;
  r.add(OpSchema("transpose")
            .inputs({"input"})
            .attrs({{"dim0", A::Int}, {"dim1", A::Int}})
            .differentiable()
            .onnx({"Transpose"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t d0 = a.integer("dim0"), d1 = a.integer("dim1");
              return [=](const TensorList& in) { return one(in[0].transpose(d0, d1)); };
            }));
  r.add(OpSchema("permute")
            .inputs({"input"})
            .attrs({{"dims", A::Ints}})
            .differentiable()
            .onnx({"Transpose"})
            .kernel([](Attrs& a) -> Kernel {
              Shape dims = a.ints("dims");
              return [=](const TensorList& in) { return one(in[0].permute(dims)); };
            }));
  // dims absent: every dim of size one, decided on each run as in eager mode.
  r.add(OpSchema("squeeze")
            .inputs({"input"})
            .attrs({{"dims", A::Ints}})
            .differentiable()
            .onnx({"Squeeze"})
            .kernel([](Attrs& a) -> Kernel {
              bool all = !a.has("dims");
              Shape dims = a.ints("dims", {});
              return [=](const TensorList& in) {
                if (all) return one(in[0].squeeze());
                // highest dim first keeps the others in place
                Shape wrapped;
                for (int64_t d : dims) {
                  NNLITE_CHECK(d >= -in[0].dim() && d < in[0].dim(), Index, "squeeze: dim ", d,
                               " is out of range for a tensor of ", in[0].dim(), " dims");
                  wrapped.push_back(d < 0 ? d + in[0].dim() : d);
                }
                std::sort(wrapped.rbegin(), wrapped.rend());
                Tensor t = in[0];
                for (int64_t d : wrapped) t = t.squeeze(d);
                return one(t);
              };
            }));
  r.add(OpSchema("unsqueeze")
            .inputs({"input"})
            .attrs({{"dim", A::Int}})
            .differentiable()
            .onnx({"Unsqueeze"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t dim = a.integer("dim");
              return [=](const TensorList& in) { return one(in[0].unsqueeze(dim)); };
            }));
}

void register_slicing(Registry& r) {
  using A = AttrType;
  // stop absent: to the end (Python's x[a::s]).
  r.add(OpSchema("slice")
            .inputs({"input"})
            .attrs({{"dim", A::Int}, {"start", A::Int}, {"stop", A::Int}, {"step", A::Int}})
            .differentiable()
            .onnx({"Slice"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t dim = a.integer("dim"), start = a.integer("start", 0);
              int64_t stop = a.integer("stop", std::numeric_limits<int64_t>::max()), step = a.integer("step", 1);
              NNLITE_CHECK(step > 0, Value, a.where(), ": attribute 'step' must be positive, got ", step);
              return [=](const TensorList& in) { return one(in[0].slice(dim, start, stop, step)); };
            }));
  r.add(OpSchema("select")
            .inputs({"input"})
            .attrs({{"dim", A::Int}, {"index", A::Int}})
            .differentiable()
            .onnx({"Gather"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t dim = a.integer("dim"), index = a.integer("index");
              return [=](const TensorList& in) { return one(in[0].select(dim, index)); };
            }));
  r.add(OpSchema("narrow")
            .inputs({"input"})
            .attrs({{"dim", A::Int}, {"start", A::Int}, {"length", A::Int}})
            .differentiable()
            .onnx({"Slice"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t dim = a.integer("dim"), start = a.integer("start"), length = a.integer("length");
              return [=](const TensorList& in) { return one(in[0].narrow(dim, start, length)); };
            }));
}

}  // namespace

void register_view_schemas(Registry& r) {
  register_reshapes(r);
  register_dim_moves(r);
  register_slicing(r);
}

}  // namespace nnlite::schema
