// Indexing kernels: gather/scatter along a dim, index_select, flat take/put
// and nonzero. Indices were range-checked by the op layer.
#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

namespace {
// Walk every element of `shape` (row-major), giving its multi-index.
template <typename F>
void for_each_index(const Shape& shape, F&& f) {
  int64_t total = shape_numel(shape);
  std::vector<int64_t> idx(shape.size(), 0);
  for (int64_t n = 0; n < total; ++n) {
    f(idx);
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
}  // namespace

void CpuBackend::gather(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) {
  dispatch_all(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = x.data<T>();
    const int64_t* ip = index.data<int64_t>();
    T* dst = out.data<T>();
    int64_t n = 0;
    for_each_index(out.shape(), [&](std::vector<int64_t>& idx) {
      int64_t keep = idx[dim];
      int64_t j = ip[offset_of(idx, index.strides())];
      idx[dim] = j;
      dst[n++] = src[offset_of(idx, x.strides())];
      idx[dim] = keep;
    });
  });
}

void CpuBackend::scatter(Tensor& out, int64_t dim, const Tensor& index, const Tensor& src, bool accumulate) {
  dispatch_all(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* s = src.data<T>();
    const int64_t* ip = index.data<int64_t>();
    T* dst = out.data<T>();
    for_each_index(index.shape(), [&](std::vector<int64_t>& idx) {
      T v = s[offset_of(idx, src.strides())];
      int64_t keep = idx[dim];
      idx[dim] = ip[offset_of(idx, index.strides())];
      T& d = dst[offset_of(idx, out.strides())];
      d = accumulate ? static_cast<T>(d + v) : v;
      idx[dim] = keep;
    });
  });
}

void CpuBackend::index_select(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) {
  // Viewed as [outer, n, inner] -> [outer, k, inner]; inner rows are copied whole.
  const Shape& s = x.shape();
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < dim; ++d) outer *= s[d];
  for (int64_t d = dim + 1; d < x.dim(); ++d) inner *= s[d];
  const int64_t n = s[dim], k = index.numel();
  Tensor xc = x.contiguous();
  Tensor ic = index.contiguous();
  const char* src = static_cast<const char*>(xc.data_ptr());
  char* dst = static_cast<char*>(out.data_ptr());
  const int64_t* ip = ic.data<int64_t>();
  const size_t row = static_cast<size_t>(inner) * x.itemsize();
#pragma omp parallel for schedule(static) num_threads(threads_for(outer * k * inner))
  for (int64_t ok = 0; ok < outer * k; ++ok) {
    int64_t o = ok / k, j = ok % k;
    std::memcpy(dst + (o * k + j) * row, src + (o * n + ip[j]) * row, row);
  }
}

void CpuBackend::take(const Tensor& x, const Tensor& idx, Tensor& out) {
  dispatch_all(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = x.data<T>();
    const int64_t* ip = idx.data<int64_t>();
    T* dst = out.data<T>();
    const int64_t n = idx.numel();
#pragma omp parallel for schedule(static) num_threads(threads_for(n))
    for (int64_t i = 0; i < n; ++i) dst[i] = src[ip[i]];
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
