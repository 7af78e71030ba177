// Indexing ops: gather/scatter along a dim, index_select, advanced indexing
// (x[idx], x[mask], x[i, j]) and its assignment form, masked_fill, nonzero.
// Advanced indexing is reduced to flat element offsets computed with int64
// tensor arithmetic, then one take/put kernel.
#include "ops/op_util.h"

namespace nnlite {

namespace {

Tensor as_index(const Tensor& idx, const char* op) {
  NNLITE_CHECK(idx.dtype() == DType::Int64 || idx.dtype() == DType::Int32, Type, op,
               ": indices must be an int64 or int32 tensor, got ", ops::describe(idx));
  return idx.to(DType::Int64).contiguous();
}

// Raise IndexError unless every index is in [-size, size); return them wrapped.
Tensor check_range(const Tensor& idx, int64_t size, const char* op, int64_t dim, bool allow_negative = true) {
  Tensor c = idx.contiguous();
  const int64_t* p = c.data<int64_t>();
  bool negative = false;
  const int64_t lo = allow_negative ? -size : 0;
  for (int64_t i = 0; i < c.numel(); ++i) {
    NNLITE_CHECK(p[i] >= lo && p[i] < size, Index, op, ": index ", p[i], " is out of bounds for dimension ", dim,
                 " with size ", size);
    negative = negative || p[i] < 0;
  }
  if (!negative) return c;
  return where(lt(c, zeros({}, DType::Int64)), c + full({}, static_cast<double>(size), DType::Int64), c).contiguous();
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
  for (const Tensor& r : raw) {
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
      idx[k] = check_range(idx[k], x.shape()[k], op, static_cast<int64_t>(k));
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
  Tensor off = zeros(Shape(rank, 1), DType::Int64);
  auto placed = [rank](const Tensor& t, int64_t at) {  // t's dims moved to position `at` of a rank-`rank` shape
    Shape s(rank, 1);
    for (int64_t i = 0; i < t.dim(); ++i) s[at + i] = t.shape()[i];
    return t.reshape(s);
  };
  int64_t pos = 0;
  for (int64_t k : sliced_before) {
    off = off + placed(arange(x.shape()[k]) * full({}, static_cast<double>(strides[k]), DType::Int64), pos);
    ++pos;
  }
  for (int64_t k : adv) {
    Tensor b = idx[k].expand(bshape) * full({}, static_cast<double>(strides[k]), DType::Int64);
    off = off + placed(b.contiguous(), pos);
  }
  pos += nb;
  for (int64_t k : sliced_after) {
    off = off + placed(arange(x.shape()[k]) * full({}, static_cast<double>(strides[k]), DType::Int64), pos);
    ++pos;
  }
  return off.contiguous();
}

}  // namespace

Tensor gather(const Tensor& x, int64_t dim, const Tensor& index) {
  int64_t d = ops::wrap_dim(dim, x.dim(), "gather");
  Tensor idx = as_index(index, "gather");
  check_gather_shapes("gather", x, d, idx);
  idx = check_range(idx, x.dim() == 0 ? 1 : x.shape()[d], "gather", d, false);
  Tensor out = empty(idx.shape(), x.dtype(), x.device());
  ops::backend_of({x, idx}, "gather").gather(x, d, idx, out);
  Shape xs = x.shape();
  return record("gather", out, {x}, [xs, d, idx](const Tensor& g, const std::vector<bool>&) {
    return TensorList{scatter_add(zeros(xs, g.dtype(), g.device()), d, idx, g)};
  });
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
  idx = check_range(idx, x.dim() == 0 ? 1 : x.shape()[d], name, d, false);
  Tensor out = x.detach().clone();
  ops::backend_of({x, idx, src}, name).scatter(out, d, idx, src.contiguous(), accumulate);
  return record(name, out, {x, src}, [d, idx, accumulate](const Tensor& g, const std::vector<bool>& n) {
    Tensor gx;
    if (n[0]) gx = accumulate ? g : scatter(g, d, idx, zeros(idx.shape(), g.dtype(), g.device()));
    return TensorList{gx, n[1] ? gather(g, d, idx) : Tensor()};
  });
}
}  // namespace

Tensor scatter(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatter_impl("scatter", x, dim, index, src, false);
}
Tensor scatter_add(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatter_impl("scatter_add", x, dim, index, src, true);
}

Tensor index_select(const Tensor& x, int64_t dim, const Tensor& index) {
  NNLITE_CHECK(x.dim() > 0, Index, "index_select: cannot index a 0-d tensor");
  int64_t d = ops::wrap_dim(dim, x.dim(), "index_select");
  Tensor idx = as_index(index, "index_select");
  NNLITE_CHECK(idx.dim() <= 1, Value, "index_select: index must be 1-d, got shape ", shape_str(idx.shape()));
  idx = check_range(idx.reshape({-1}), x.shape()[d], "index_select", d);
  Shape out_shape = x.shape();
  out_shape[d] = idx.numel();
  Tensor out = empty(out_shape, x.dtype(), x.device());
  ops::backend_of({x, idx}, "index_select").index_select(x, d, idx, out);
  Shape xs = x.shape();
  return record("index_select", out, {x}, [xs, d, idx](const Tensor& g, const std::vector<bool>&) {
    TensorList ind(d + 1);
    ind[d] = idx;
    return TensorList{index_put(zeros(xs, g.dtype(), g.device()), ind, g, true)};
  });
}

Tensor index(const Tensor& x, const TensorList& indices) {
  Tensor off = flat_offsets(x, indices, "index");
  return take_flat(x, off);
}

Tensor index_put(const Tensor& x, const TensorList& indices, const Tensor& values, bool accumulate) {
  Tensor off = flat_offsets(x, indices, "index_put");
  ops::broadcast_shapes(values.shape(), off.shape(), "index_put");
  NNLITE_CHECK(values.dim() <= off.dim() || values.numel() == 1, Value, "index_put: values of shape ",
               shape_str(values.shape()), " cannot be broadcast to the indexed shape ", shape_str(off.shape()));
  Tensor v = (values.dim() > off.dim() ? values.reshape({}) : values).to(x.dtype());
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
  return where(mask, scalar_tensor(value, x.dtype()), x);
}

Tensor nonzero(const Tensor& x) { return ops::backend_of(x).nonzero(x); }

}  // namespace nnlite
