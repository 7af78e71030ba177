#include "ops/op_util.h"

#include <algorithm>

namespace nnlite::ops {

int64_t wrap_dim(int64_t d, int64_t n, const char* op) {
  int64_t lo = n == 0 ? -1 : -n, hi = n == 0 ? 0 : n - 1;  // a 0-d tensor accepts dim 0 and -1
  NNLITE_CHECK(d >= lo && d <= hi, Index, op, ": dimension ", d, " is out of range for a tensor of ", n,
               " dimensions (expected ", lo, " to ", hi, ")");
  if (n == 0) return 0;
  return d < 0 ? d + n : d;
}

std::vector<int64_t> wrap_dims(const Dims& dims, int64_t n, const char* op) {
  std::vector<int64_t> out;
  if (dims.empty()) {
    for (int64_t d = 0; d < n; ++d) out.push_back(d);
    return out;
  }
  for (int64_t d : dims) {
    int64_t w = wrap_dim(d, n, op);
    NNLITE_CHECK(std::find(out.begin(), out.end(), w) == out.end() || n == 0, Value, op, ": dimension ", d,
                 " appears more than once in the list of dims");
    if (n > 0) out.push_back(w);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op) {
  size_t n = std::max(a.size(), b.size());
  Shape out(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    NNLITE_CHECK(da == db || da == 1 || db == 1, Value, op, ": shapes ", shape_str(a), " and ", shape_str(b),
                 " cannot be broadcast together (dimension ", i, ": ", da, " vs ", db, ")");
    out[i] = da == 1 ? db : da;
  }
  return out;
}

namespace {
int category(DType t) { return t == DType::Bool ? 0 : (is_floating(t) ? 2 : 1); }
}  // namespace

DType result_type(const TensorList& ts) {
  bool has[3] = {false, false, false};
  DType best[3] = {DType::Bool, DType::Bool, DType::Bool};
  for (const Tensor& t : ts) {
    if (!t.defined()) continue;
    int prio = t.impl()->wrapped_number ? 0 : (t.dim() == 0 ? 1 : 2);
    DType d = t.dtype();
    if (prio == 0) d = is_floating(d) ? DType::Float32 : (d == DType::Bool ? DType::Bool : DType::Int64);
    best[prio] = has[prio] ? promote_types(best[prio], d) : d;
    has[prio] = true;
  }
  bool found = false;
  DType r = DType::Float32;
  for (int p = 2; p >= 0; --p) {
    if (!has[p]) continue;
    if (!found) {
      r = best[p];
      found = true;
    } else if (category(best[p]) > category(r)) {
      r = best[p];
    }
  }
  return r;
}

namespace {
// The device shared by the tensors that `skip` does not set aside (the CPU when it sets all aside).
template <typename Skip>
Device common_device(const TensorList& ts, const char* op, Skip&& skip) {
  const Tensor* first = nullptr;
  for (const Tensor& t : ts) {
    if (!t.defined() || skip(t)) continue;
    if (!first) {
      first = &t;
      continue;
    }
    NNLITE_CHECK(t.device() == first->device(), Value, op, ": expected all tensors on the same device, got ",
                 first->device().str(), " and ", t.device().str());
  }
  return first ? first->device() : Device();
}
}  // namespace

backend::Backend& backend_of(const TensorList& ts, const char* op) {
  return backend::backend_for(common_device(ts, op, [](const Tensor& t) {
    return t.dim() == 0 && t.device().is_cpu() && t.impl()->wrapped_number;
  }));
}

Device operands_device(const TensorList& ts, const char* op) {
  return common_device(ts, op, [](const Tensor& t) { return t.dim() == 0 && t.device().is_cpu(); });
}

Tensor view_raw(const Tensor& t, const Shape& shape, const Shape& strides, int64_t offset) {
  auto impl = std::make_shared<TensorImpl>();
  impl->storage = t.storage();
  impl->shape = shape;
  impl->strides = strides;
  impl->offset = offset;
  impl->dtype = t.dtype();
  return Tensor(std::move(impl));
}

Tensor expand_raw(const Tensor& t, const Shape& shape) {
  if (t.shape() == shape) return t;
  const size_t n = shape.size(), k = t.shape().size();
  Shape st(n, 0);
  for (size_t i = 0; i < k; ++i) {
    size_t j = n - k + i;
    st[j] = t.shape()[i] == 1 && shape[j] != 1 ? 0 : t.strides()[i];
  }
  return view_raw(t, shape, st, t.offset());
}

void check_floating(const Tensor& t, const char* op) {
  NNLITE_CHECK(is_floating(t.dtype()), Type, op, ": expected a floating-point tensor, got ", describe(t));
}

std::string describe(const Tensor& t) {
  return std::string(dtype_name(t.dtype())) + " tensor of shape " + shape_str(t.shape());
}

}  // namespace nnlite::ops
