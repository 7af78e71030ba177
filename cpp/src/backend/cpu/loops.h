// Shared machinery of the CPU kernels: dtype dispatch and the strided
// iteration that turns any N-operand elementwise op into calls on 1-D runs.
#pragma once
#include <omp.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#include "nnlite/tensor.h"

namespace nnlite::cpu {

// f(T{}) with T the C++ type of `t`.
template <typename F>
void dispatch_all(DType t, F&& f) {
  switch (t) {
    case DType::Bool: f(bool{}); return;
    case DType::UInt8: f(uint8_t{}); return;
    case DType::Int32: f(int32_t{}); return;
    case DType::Int64: f(int64_t{}); return;
    case DType::Float32: f(float{}); return;
    case DType::Float64: f(double{}); return;
  }
}

template <typename F>
void dispatch_float(DType t, F&& f) {
  if (t == DType::Float32) return f(float{});
  if (t == DType::Float64) return f(double{});
  NNLITE_FAIL(Type, "internal: floating-point kernel called with ", dtype_name(t));
}

// Elements below which an elementwise op runs on one thread.
constexpr int64_t kGrain = 32768;

// Threads for `n` units of work of about `cost` element-operations each.
inline int threads_for(int64_t n, int64_t grain = kGrain) {
  if (n < grain) return 1;
  return static_cast<int>(std::min<int64_t>(omp_get_max_threads(), (n + grain - 1) / grain));
}

// body(i) for i in [0, n): n units of about `cost` element-operations each,
// threaded when there are many. One thread runs the loop inline: even a
// one-thread OpenMP region builds a team (about 0.7 us, a third of a small
// pooling call from Python).
template <typename F>
void parallel_for(int64_t n, int64_t cost, F&& body) {
  const int threads = threads_for(n * std::max<int64_t>(cost, 1));
  if (threads <= 1) {
    for (int64_t i = 0; i < n; ++i) body(i);
    return;
  }
#pragma omp parallel for schedule(static) num_threads(threads)
  for (int64_t i = 0; i < n; ++i) body(i);
}

// Calls body(ptrs, strides, len) over runs of the last (coalesced) dimension
// of `shape`, for N operands with element strides `strides[k]` and byte base
// pointers `base[k]`; `ptrs` are byte pointers, `strides` element strides.
// Runs are split across threads when the tensor is large.
template <size_t N, typename F>
void for_each_run(const Shape& shape, const std::array<const Shape*, N>& strides,
                  const std::array<char*, N>& base, const std::array<int64_t, N>& itemsizes, F&& body,
                  int64_t grain = kGrain) {
  // Drop size-1 dims and merge dims that are contiguous for every operand.
  std::vector<int64_t> sizes;
  std::vector<std::array<int64_t, N>> st;
  int64_t total = 1;
  for (size_t d = 0; d < shape.size(); ++d) {
    total *= shape[d];
    if (shape[d] == 1) continue;
    std::array<int64_t, N> s{};
    for (size_t k = 0; k < N; ++k) s[k] = (*strides[k])[d];
    if (!sizes.empty()) {
      bool merge = true;
      for (size_t k = 0; k < N; ++k) merge = merge && st.back()[k] == s[k] * shape[d];
      if (merge) {
        sizes.back() *= shape[d];
        st.back() = s;
        continue;
      }
    }
    sizes.push_back(shape[d]);
    st.push_back(s);
  }
  if (total == 0) return;
  if (sizes.empty()) {
    sizes.push_back(1);
    st.push_back({});
  }
  const int nd = static_cast<int>(sizes.size());
  const int64_t inner = sizes.back();
  std::array<int64_t, N> inner_stride = st.back();

  auto run_range = [&](int64_t start, int64_t end) {
    // Position of `start` as (outer multi-index, column).
    std::vector<int64_t> idx(nd, 0);
    int64_t rem = start / inner, col = start % inner;
    for (int d = nd - 2; d >= 0; --d) {
      idx[d] = rem % sizes[d];
      rem /= sizes[d];
    }
    int64_t pos = start;
    while (pos < end) {
      int64_t len = std::min(inner - col, end - pos);
      std::array<char*, N> ptrs;
      for (size_t k = 0; k < N; ++k) {
        int64_t off = col * inner_stride[k];
        for (int d = 0; d < nd - 1; ++d) off += idx[d] * st[d][k];
        ptrs[k] = base[k] + off * itemsizes[k];
      }
      body(ptrs, inner_stride, len);
      pos += len;
      col = 0;
      for (int d = nd - 2; d >= 0; --d) {
        if (++idx[d] < sizes[d]) break;
        idx[d] = 0;
      }
    }
  };

  int nt = threads_for(total, grain);
  if (nt <= 1) {
    run_range(0, total);
    return;
  }
#pragma omp parallel num_threads(nt)
  {
    int t = omp_get_thread_num(), n = omp_get_num_threads();
    int64_t chunk = (total + n - 1) / n;
    int64_t s = std::min<int64_t>(total, t * chunk), e = std::min<int64_t>(total, s + chunk);
    if (s < e) run_range(s, e);
  }
}

inline char* bytes(const Tensor& t) { return static_cast<char*>(t.data_ptr()); }

// The data of an optional tensor (a bias, a gradient not asked for), or null.
template <typename T>
T* ptr_or_null(const Tensor& t) {
  return t.defined() ? t.data<T>() : nullptr;
}

}  // namespace nnlite::cpu
