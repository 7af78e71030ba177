// Indexing ops: gather/scatter along a dim, index_select, advanced indexing
// (x[idx], x[mask], x[i, j]) and its assignment form, masked_fill, nonzero.
// Advanced indexing is reduced to flat element offsets (int64 tensor
// arithmetic plus the add_index_offsets kernel, which checks the indices),
// then one take/put kernel. Index checks happen in the kernels: ops never read
// index values on the host.
#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

Tensor as_index(const Tensor& idx, const char* op) {
  NNLITE_CHECK(idx.dtype() == DType::Int64 || idx.dtype() == DType::Int32, Type, op,
               ": indices must be an int64 or int32 tensor, got ", ops::describe(idx));
  return idx.to(DType::Int64).contiguous();
}

// The op's IndexError for what an index kernel reported.
void check_fault(backend::IndexFault f, const char* op, int64_t dim, int64_t size) {
  if (f.later)  // the device answers later: the check runs when the host next waits for it
    return backend::defer_check([later = std::move(f.later), op, dim, size] { check_fault(later(), op, dim, size); });
  NNLITE_CHECK(!f.found, Index, op, ": index ", f.value, " is out of bounds for dimension ", dim, " with size ", size);
}

void check_gather_shapes(const char* op, const Tensor& x, int64_t d, const Tensor& index) {
  NNLITE_CHECK(index.dim() == x.dim(), Value, op, ": index has ", index.dim(), " dimensions but the input has ",
               x.dim(), " (shapes ", shape_str(index.shape()), " and ", shape_str(x.shape()), ")");
  for (int64_t k = 0; k < x.dim(); ++k)
    NNLITE_CHECK(k == d || index.shape()[k] <= x.shape()[k], Value, op, ": index of shape ",
                 shape_str(index.shape()), " is larger than the input of shape ", shape_str(x.shape()),
                 " in dimension ", k);
}

// Differentiable flat take/put on a contiguous tensor of shape `shape`.
Tensor take_flat(const Tensor& x, const Tensor& offsets);
Tensor put_flat_zeros(const Tensor& v, const Tensor& offsets, const Shape& shape) {
  Tensor z = zeros(shape, v.dtype(), v.device());
  ops::backend_of(z).put(z, offsets, v.contiguous(), true);
  Tensor offs = offsets;
  return record("index_backward", z, {v}, [offs](const Tensor& g, const std::vector<bool>&) {
    return TensorList{take_flat(g, offs)};
  });
}
Tensor take_flat(const Tensor& x, const Tensor& offsets) {
  Tensor xc = x.contiguous();
  Tensor out = empty(offsets.shape(), x.dtype(), x.device());
  ops::backend_of(x).take(xc, offsets, out);
  Tensor offs = offsets;
  Shape xs = x.shape();
  return record("index", out, {x}, [offs, xs](const Tensor& g, const std::vector<bool>&) {
    return TensorList{put_flat_zeros(g, offs, xs)};
  });
}

// Flat offsets into contiguous x for x[indices], with NumPy's placement of the
// broadcast index dims: where the indexed dims were if they are adjacent,
// else in front.
Tensor flat_offsets(const Tensor& x, const TensorList& raw, const char* op) {
  // Masks become one integer index per dim they cover.
  TensorList idx;
  for (const Tensor& given : raw) {
    // Indices from the host (a list, a CPU tensor) index a tensor on any device, as in torch.
    const Tensor r = given.defined() ? given.to(x.device()) : given;
    if (r.defined() && r.dtype() == DType::Bool) {
      int64_t at = static_cast<int64_t>(idx.size());
      NNLITE_CHECK(at + r.dim() <= x.dim(), Index, op, ": a boolean mask of shape ", shape_str(r.shape()),
                   " indexes more dimensions than the tensor of shape ", shape_str(x.shape()), " has");
      for (int64_t k = 0; k < r.dim(); ++k)
        NNLITE_CHECK(r.shape()[k] == x.shape()[at + k], Index, op, ": the mask of shape ", shape_str(r.shape()),
                     " does not match the indexed tensor of shape ", shape_str(x.shape()), " at dimension ", at + k);
      Tensor nz = nonzero(r);
      for (int64_t k = 0; k < r.dim(); ++k) idx.push_back(nz.select(1, k));
    } else {
      idx.push_back(r.defined() ? as_index(r, op) : Tensor());
    }
  }
  NNLITE_CHECK(static_cast<int64_t>(idx.size()) <= x.dim(), Index, op, ": too many indices (", idx.size(),
               ") for a tensor of shape ", shape_str(x.shape()));
  while (static_cast<int64_t>(idx.size()) < x.dim()) idx.push_back(Tensor());

  Shape bshape;
  std::vector<int64_t> adv;
  for (size_t k = 0; k < idx.size(); ++k)
    if (idx[k].defined()) {
      bshape = adv.empty() ? idx[k].shape() : ops::broadcast_shapes(bshape, idx[k].shape(), op);
      adv.push_back(static_cast<int64_t>(k));
    }
  bool adjacent = adv.empty() || adv.back() - adv.front() + 1 == static_cast<int64_t>(adv.size());
  const int64_t nb = static_cast<int64_t>(bshape.size());
  Shape strides = contiguous_strides(x.shape());

  // Result layout: [before][B][after] when adjacent, else [B][sliced dims].
  std::vector<int64_t> sliced_before, sliced_after;
  for (int64_t k = 0; k < x.dim(); ++k) {
    if (idx[k].defined()) continue;
    if (adjacent && !adv.empty() && k < adv.front()) sliced_before.push_back(k);
    else sliced_after.push_back(k);
  }
  const int64_t rank = static_cast<int64_t>(sliced_before.size()) + nb + static_cast<int64_t>(sliced_after.size());
  const int64_t at_b = static_cast<int64_t>(sliced_before.size());  // where the broadcast index dims go
  Shape rshape(rank, 1);
  for (int64_t i = 0; i < at_b; ++i) rshape[i] = x.shape()[sliced_before[i]];
  for (int64_t i = 0; i < nb; ++i) rshape[at_b + i] = bshape[i];
  for (size_t i = 0; i < sliced_after.size(); ++i) rshape[at_b + nb + i] = x.shape()[sliced_after[i]];

  // Sliced dims: offsets += arange(size) * stride, placed at their position.
  Tensor off = zeros(rshape, DType::Int64, x.device());
  auto add_sliced = [&](int64_t k, int64_t pos) {
    Shape s(rank, 1);
    s[pos] = x.shape()[k];
    Tensor r = arange(0, x.shape()[k], 1, DType::Int64, x.device()) * full({}, strides[k], DType::Int64, x.device());
    off = off + r.reshape(s);
  };
  for (int64_t i = 0; i < at_b; ++i) add_sliced(sliced_before[i], i);
  for (size_t i = 0; i < sliced_after.size(); ++i) add_sliced(sliced_after[i], at_b + nb + static_cast<int64_t>(i));
  // Indexed dims: one checking kernel each, on the index broadcast in place.
  TensorList on_device = idx;
  on_device.push_back(x);
  backend::Backend& be = ops::backend_of(on_device, op);
  for (int64_t k : adv) {
    Tensor b = ops::expand_raw(idx[k], bshape);
    Shape st(rank, 0);
    for (int64_t i = 0; i < nb; ++i) st[at_b + i] = b.strides()[i];
    Tensor placed = ops::view_raw(b, rshape, st, b.offset());
    backend::IndexFault f = be.add_index_offsets(placed, x.shape()[k], strides[k], off);
    if (off.numel() == 0 && idx[k].numel() > 0) {  // nothing is read, but bad indices are still an error
      Tensor scratch = zeros(idx[k].shape(), DType::Int64, x.device());
      f = be.add_index_offsets(idx[k], x.shape()[k], 0, scratch);
    }
    check_fault(f, op, k, x.shape()[k]);
  }
  return off;
}

}  // namespace

namespace {
Tensor gather_impl(const Tensor& x, int64_t dim, const Tensor& index) {
  int64_t d = ops::wrap_dim(dim, x.dim(), "gather");
  Tensor idx = as_index(index, "gather");
  check_gather_shapes("gather", x, d, idx);
  Tensor out = empty(idx.shape(), x.dtype(), x.device());
  check_fault(ops::backend_of({x, idx}, "gather").gather(x, d, idx, out), "gather", d, x.dim() == 0 ? 1 : x.size(d));
  Shape xs = x.shape();
  return record("gather", out, {x}, [xs, d, idx](const Tensor& g, const std::vector<bool>&) {
    return TensorList{scatter_add(zeros(xs, g.dtype(), g.device()), d, idx, g)};
  });
}
}  // namespace

Tensor gather(const Tensor& x, int64_t dim, const Tensor& index) {
  exported::OpScope scope;
  Tensor y = gather_impl(x, dim, index);
  NNLITE_REPORT("gather", {x, index}, {y}, {{"dim", exported::jint(dim)}});
  return y;
}

namespace {
Tensor scatter_impl(const char* name, const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src_in,
                    bool accumulate) {
  int64_t d = ops::wrap_dim(dim, x.dim(), name);
  Tensor idx = as_index(index, name);
  check_gather_shapes(name, x, d, idx);
  NNLITE_CHECK(src_in.dim() == idx.dim(), Value, name, ": src of shape ", shape_str(src_in.shape()),
               " must have as many dimensions as index of shape ", shape_str(idx.shape()));
  Tensor src = src_in;
  for (int64_t k = 0; k < idx.dim(); ++k) {
    NNLITE_CHECK(src.shape()[k] >= idx.shape()[k], Value, name, ": src of shape ", shape_str(src_in.shape()),
                 " is smaller than index of shape ", shape_str(idx.shape()));
    if (src.shape()[k] > idx.shape()[k]) src = src.narrow(k, 0, idx.shape()[k]);
  }
  src = src.to(x.dtype());
  Tensor out = x.detach().clone();
  check_fault(ops::backend_of({x, idx, src}, name).scatter(out, d, idx, src.contiguous(), accumulate), name, d,
              x.dim() == 0 ? 1 : x.size(d));
  return record(name, out, {x, src}, [d, idx, accumulate](const Tensor& g, const std::vector<bool>& n) {
    Tensor gx;
    if (n[0]) gx = accumulate ? g : scatter(g, d, idx, zeros(idx.shape(), g.dtype(), g.device()));
    return TensorList{gx, n[1] ? gather(g, d, idx) : Tensor()};
  });
}
}  // namespace

Tensor scatter(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("scatter", {x, index, src});
  return scatter_impl("scatter", x, dim, index, src, false);
}
Tensor scatter_add(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("scatter_add", {x, index, src});
  return scatter_impl("scatter_add", x, dim, index, src, true);
}

namespace {
Tensor index_select_impl(const Tensor& x, int64_t dim, const Tensor& index) {
  NNLITE_CHECK(x.dim() > 0, Index, "index_select: cannot index a 0-d tensor");
  int64_t d = ops::wrap_dim(dim, x.dim(), "index_select");
  Tensor idx = as_index(index, "index_select");
  NNLITE_CHECK(idx.dim() <= 1, Value, "index_select: index must be 1-d, got shape ", shape_str(idx.shape()));
  idx = idx.reshape({-1});
  Shape out_shape = x.shape();
  out_shape[d] = idx.numel();
  Tensor out = empty(out_shape, x.dtype(), x.device());
  check_fault(ops::backend_of({x, idx}, "index_select").index_select(x, d, idx, out), "index_select", d,
              x.shape()[d]);
  Shape xs = x.shape();
  return record("index_select", out, {x}, [xs, d, idx](const Tensor& g, const std::vector<bool>&) {
    TensorList ind(d + 1);
    ind[d] = idx;
    return TensorList{index_put(zeros(xs, g.dtype(), g.device()), ind, g, true)};
  });
}
}  // namespace

Tensor index_select(const Tensor& x, int64_t dim, const Tensor& index) {
  exported::OpScope scope;
  Tensor y = index_select_impl(x, dim, index);
  NNLITE_REPORT("index_select", {x, index}, {y}, {{"dim", exported::jint(dim)}});
  return y;
}

Tensor index(const Tensor& x, const TensorList& indices) {
  exported::OpScope scope;
  if (exported::reporting()) {
    TensorList all{x};
    all.insert(all.end(), indices.begin(), indices.end());
    exported::refuse("indexing", all, "a tensor computed from the inputs with a Tensor is not supported in exported "
                     "graphs (nor with a list or an array; only ints, slices, None and ...); use index_select or "
                     "gather");
  }
  Tensor off = flat_offsets(x, indices, "index");
  return take_flat(x, off);
}

Tensor index_put(const Tensor& x, const TensorList& indices, const Tensor& values, bool accumulate) {
  exported::OpScope scope;
  if (exported::reporting()) {
    TensorList all{x, values};
    all.insert(all.end(), indices.begin(), indices.end());
    exported::refuse("index_put", all);
  }
  Tensor off = flat_offsets(x, indices, "index_put");
  ops::broadcast_shapes(values.shape(), off.shape(), "index_put");
  NNLITE_CHECK(values.dim() <= off.dim() || values.numel() == 1, Value, "index_put: values of shape ",
               shape_str(values.shape()), " cannot be broadcast to the indexed shape ", shape_str(off.shape()));
  Tensor v = (values.dim() > off.dim() ? values.reshape({}) : values).to(x.dtype()).to(x.device());
  Tensor vb = ops::expand_raw(v, off.shape()).contiguous();
  Tensor out = x.detach().contiguous().clone();
  ops::backend_of({x, v}, "index_put").put(out, off, vb, accumulate);
  Shape vs = v.shape();
  return record("index_put", out, {x, v}, [off, accumulate, vs](const Tensor& g, const std::vector<bool>& n) {
    Tensor gx, gv;
    if (n[0]) {
      gx = g;
      if (!accumulate) {
        gx = g.contiguous().clone();
        NoGradGuard ng;
        Tensor z = zeros(off.shape(), g.dtype(), g.device());
        ops::backend_of(gx).put(gx, off, z, false);
      }
    }
    if (n[1]) gv = sum_to(take_flat(g, off), vs);
    return TensorList{gx, gv};
  });
}

Tensor masked_fill(const Tensor& x, const Tensor& mask, Scalar value) {
  NNLITE_CHECK(mask.dtype() == DType::Bool, Type, "masked_fill: mask must be a bool tensor, got ",
               ops::describe(mask));
  Shape s = ops::broadcast_shapes(x.shape(), mask.shape(), "masked_fill");
  NNLITE_CHECK(s == x.shape(), Value, "masked_fill: mask of shape ", shape_str(mask.shape()),
               " does not broadcast to the input's shape ", shape_str(x.shape()));
  exported::OpScope scope;
  Tensor y = where(mask, scalar_tensor(value, x.dtype()), x);
  NNLITE_REPORT("masked_fill", {x, mask}, {y}, {{"value", exported::jscalar(value)}});
  return y;
}

Tensor nonzero(const Tensor& x) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("nonzero", {x});
  return ops::backend_of(x).nonzero(x);
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_index_schemas(Registry& r) {
  using A = AttrType;
  r.add(OpSchema("gather")
            .inputs({"input", "index"})
            .attrs({{"dim", A::Int}})
            .differentiable()
            .onnx({"GatherElements"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t dim = a.integer("dim");
              return [=](const TensorList& in) { return one(gather(in[0], dim, in[1])); };
            }));
  r.add(OpSchema("index_select")
            .inputs({"input", "index"})
            .attrs({{"dim", A::Int}})
            .differentiable()
            .onnx({"Gather"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t dim = a.integer("dim");
              return [=](const TensorList& in) { return one(index_select(in[0], dim, in[1])); };
            }));
  for (const char* name : {"scatter", "scatter_add"})
    r.add(OpSchema(name)
              .inputs({"input", "index", "src"})
              .attrs({{"dim", A::Int}})
              .differentiable()
              .not_exportable("the graph interpreter has no scatter kernel yet"));
  // indices: one per indexed dim, undefined for a full slice (Python's x[idx, :, mask])
  r.add(OpSchema("index")
            .inputs({"input", "indices+"})
            .differentiable()
            .not_exportable("export records basic indexing (ints, slices, None) as select, slice and "
                            "unsqueeze, but not tensor indices; index_select and gather export"));
  r.add(OpSchema("index_put")
            .inputs({"input", "indices+", "values"})
            .attrs({{"accumulate", A::Bool}})
            .differentiable()
            .not_exportable("x[idx] = v writes in place, and values in a graph are never written in place"));
  r.add(OpSchema("masked_fill")
            .inputs({"input", "mask"})
            .attrs({{"value", A::Scalar}})
            .differentiable()
            .onnx({"Where"})
            .kernel([](Attrs& a) -> Kernel {
              Scalar value = a.scalar("value");
              return [=](const TensorList& in) { return one(masked_fill(in[0], in[1], value)); };
            }));
}

}  // namespace nnlite::schema
