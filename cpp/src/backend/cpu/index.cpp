// Indexing kernels: gather/scatter along a dim, index_select, the flat offsets
// of advanced indexing, flat take/put and nonzero. Each kernel that reads
// user indices checks them as it uses them and reports the first bad one (see
// backend::IndexFault); take/put get offsets built by add_index_offsets.
#include <climits>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

using backend::IndexFault;

namespace {
// Walk the elements of `shape` (row-major), giving f their multi-index, until
// f returns false.
template <typename F>
void for_each_index(const Shape& shape, F&& f) {
  int64_t total = shape_numel(shape);
  std::vector<int64_t> idx(shape.size(), 0);
  for (int64_t n = 0; n < total; ++n) {
    if (!f(idx)) return;
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
}

int64_t offset_of(const std::vector<int64_t>& idx, const Shape& strides) {
  int64_t off = 0;
  for (size_t d = 0; d < idx.size(); ++d) off += idx[d] * strides[d];
  return off;
}

// The dim-wise kernels see a 0-d operand as shape [1] (torch's rule).
Shape dims_of(const Tensor& t) { return t.dim() == 0 ? Shape{1} : t.shape(); }
Shape strides_of(const Tensor& t) { return t.dim() == 0 ? Shape{0} : t.strides(); }

// The bad index at the smallest position, when threads find several.
class FirstFault {
 public:
  void report(int64_t pos, int64_t value) {
#pragma omp critical(nnlite_first_index_fault)
    if (pos < pos_) {
      pos_ = pos;
      value_ = value;
    }
  }
  IndexFault result() const { return pos_ == INT64_MAX ? IndexFault{} : IndexFault{true, value_}; }

 private:
  int64_t pos_ = INT64_MAX, value_ = 0;
};
}  // namespace

IndexFault CpuBackend::gather(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) {
  const Shape shape = dims_of(out), xs = strides_of(x), is = strides_of(index);
  const int64_t size = dims_of(x)[dim];
  IndexFault fault;
  dispatch_all(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = x.data<T>();
    const int64_t* ip = index.data<int64_t>();
    T* dst = out.data<T>();
    int64_t n = 0;
    for_each_index(shape, [&](std::vector<int64_t>& idx) {
      const int64_t keep = idx[dim], j = ip[offset_of(idx, is)];
      if (j < 0 || j >= size) {
        fault = {true, j};
        return false;
      }
      idx[dim] = j;
      dst[n++] = src[offset_of(idx, xs)];
      idx[dim] = keep;
      return true;
    });
  });
  return fault;
}

IndexFault CpuBackend::scatter(Tensor& out, int64_t dim, const Tensor& index, const Tensor& src, bool accumulate) {
  const Shape shape = dims_of(index), os = strides_of(out), is = strides_of(index), ss = strides_of(src);
  const int64_t size = dims_of(out)[dim];
  IndexFault fault;
  dispatch_all(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* s = src.data<T>();
    const int64_t* ip = index.data<int64_t>();
    T* dst = out.data<T>();
    for_each_index(shape, [&](std::vector<int64_t>& idx) {
      const int64_t keep = idx[dim], j = ip[offset_of(idx, is)];
      if (j < 0 || j >= size) {
        fault = {true, j};
        return false;
      }
      const T v = s[offset_of(idx, ss)];
      idx[dim] = j;
      T& d = dst[offset_of(idx, os)];
      d = accumulate ? static_cast<T>(d + v) : v;
      idx[dim] = keep;
      return true;
    });
  });
  return fault;
}

IndexFault CpuBackend::index_select(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) {
  // Viewed as [outer, n, inner] -> [outer, k, inner]; inner rows are copied whole.
  const Shape& s = x.shape();
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < dim; ++d) outer *= s[d];
  for (int64_t d = dim + 1; d < x.dim(); ++d) inner *= s[d];
  const int64_t n = s[dim], k = index.numel();
  // The k indices are checked and wrapped once, before the outer * k row copies.
  std::vector<int64_t> rows(static_cast<size_t>(k));
  const int64_t* ip = index.data<int64_t>();
  const int64_t istride = index.dim() == 0 ? 0 : index.strides()[0];
  for (int64_t j = 0; j < k; ++j) {
    const int64_t v = ip[j * istride], w = v < 0 ? v + n : v;
    if (w < 0 || w >= n) return {true, v};
    rows[j] = w;
  }
  Tensor xc = x.contiguous();
  const char* src = static_cast<const char*>(xc.data_ptr());
  char* dst = static_cast<char*>(out.data_ptr());
  const size_t row = static_cast<size_t>(inner) * x.itemsize();
  parallel_for(outer * k, inner, [&](int64_t ok) {
    const int64_t o = ok / k, j = ok % k;
    std::memcpy(dst + (o * k + j) * row, src + (o * n + rows[j]) * row, row);
  });
  return {};
}

IndexFault CpuBackend::add_index_offsets(const Tensor& index, int64_t size, int64_t stride, Tensor& offsets) {
  std::array<const Shape*, 2> st{&offsets.strides(), &index.strides()};
  const int64_t* base = offsets.data<int64_t>();
  FirstFault first;
  for_each_run<2>(offsets.shape(), st, {bytes(offsets), bytes(index)}, {8, 8}, [&](auto& ptr, auto& s, int64_t n) {
    int64_t* o = reinterpret_cast<int64_t*>(ptr[0]);
    const int64_t* ip = reinterpret_cast<const int64_t*>(ptr[1]);
    for (int64_t i = 0; i < n; ++i) {
      const int64_t v = ip[i * s[1]], w = v < 0 ? v + size : v;
      if (w < 0 || w >= size) {  // offsets is contiguous: its element position orders the faults
        first.report(o + i * s[0] - base, v);
        return;
      }
      o[i * s[0]] += w * stride;
    }
  });
  return first.result();
}

void CpuBackend::take(const Tensor& x, const Tensor& idx, Tensor& out) {
  dispatch_all(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = x.data<T>();
    const int64_t* ip = idx.data<int64_t>();
    T* dst = out.data<T>();
    const int64_t n = idx.numel();
    parallel_for(n, 1, [&](int64_t i) { dst[i] = src[ip[i]]; });
  });
}

void CpuBackend::put(Tensor& x, const Tensor& idx, const Tensor& v, bool accumulate) {
  dispatch_all(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* dst = x.data<T>();
    const int64_t* ip = idx.data<int64_t>();
    const T* src = v.data<T>();
    const int64_t n = idx.numel();
    // Sequential: repeated indices must add up (accumulate) or let the last win.
    for (int64_t i = 0; i < n; ++i) dst[ip[i]] = accumulate ? static_cast<T>(dst[ip[i]] + src[i]) : src[i];
  });
}

Tensor CpuBackend::nonzero(const Tensor& x) {
  Tensor xc = x.contiguous();
  const int64_t nd = x.dim(), total = x.numel();
  std::vector<int64_t> hits;
  dispatch_all(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* p = xc.data<T>();
    for (int64_t i = 0; i < total; ++i)
      if (p[i] != T(0)) hits.push_back(i);
  });
  Tensor out = empty({static_cast<int64_t>(hits.size()), nd}, DType::Int64);
  int64_t* o = out.data<int64_t>();
  for (size_t h = 0; h < hits.size(); ++h) {
    int64_t rem = hits[h];
    for (int64_t d = nd - 1; d >= 0; --d) {
      o[h * nd + d] = rem % x.shape()[d];
      rem /= x.shape()[d];
    }
  }
  return out;
}

}  // namespace nnlite::cpu
