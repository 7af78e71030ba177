// Reductions. The reduced dims are moved last (a view; a copy only when they
// are not already contiguous) so every output element reduces one
// contiguous row; sums over leading dims of a contiguous tensor instead add
// whole rows, which reads memory once in order.
#include <limits>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/isa/kernels.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

using backend::Reduce;

namespace {

template <typename T>
void reduce_row(Reduce op, const T* x, int64_t n, T* out_val, int64_t* out_idx) {
  switch (op) {
    case Reduce::Sum:
      if constexpr (std::is_floating_point_v<T>) {
        *out_val = static_cast<T>(kernels<T>().sum(x, n));
      } else {
        T acc = 0;
        for (int64_t i = 0; i < n; ++i) acc = static_cast<T>(acc + x[i]);
        *out_val = acc;
      }
      return;
    case Reduce::Prod: {
      T acc = 1;
      for (int64_t i = 0; i < n; ++i) acc = static_cast<T>(acc * x[i]);
      *out_val = acc;
      return;
    }
    case Reduce::Max:
    case Reduce::Min:
    case Reduce::ArgMax:
    case Reduce::ArgMin: {
      const bool want_max = op == Reduce::Max || op == Reduce::ArgMax;
      int64_t best = 0;
      for (int64_t i = 1; i < n; ++i) {
        T v = x[i], b = x[best];
        if (b != b) break;  // NaN wins, like torch
        if (v != v || (want_max ? v > b : v < b)) best = i;
      }
      if (out_val) *out_val = x[best];
      if (out_idx) *out_idx = best;
      return;
    }
  }
}

// Sum over the leading `r` rows of a contiguous [r, k] block into out [k].
// Rows are added in blocks in T, blocks in double, so long sums stay exact to
// a few ulps (a plain running float sum stops growing at 2^24).
template <typename T>
void sum_leading(const T* x, int64_t r, int64_t k, T* out) {
  constexpr int64_t kBlock = 256;
  int nt = threads_for(r * k);
  int64_t chunk = (k + nt - 1) / nt;
  if (nt > 1 && chunk < 64) nt = 1, chunk = k;
#pragma omp parallel for num_threads(nt) schedule(static)
  for (int t = 0; t < nt; ++t) {
    int64_t j0 = t * chunk, j1 = std::min(k, j0 + chunk);
    if (j0 >= j1) continue;
    const int64_t w = j1 - j0;
    std::vector<double> total(r > kBlock ? w : 0, 0.0);
    for (int64_t b = 0; b < r; b += kBlock) {
      T* part = out + j0;
      std::fill(part, part + w, T(0));
      for (int64_t i = b; i < std::min(r, b + kBlock); ++i) kernels<T>().accumulate(part, x + i * k + j0, w);
      if (r > kBlock)
        for (int64_t j = 0; j < w; ++j) total[j] += part[j];
    }
    if (r > kBlock)
      for (int64_t j = 0; j < w; ++j) out[j0 + j] = static_cast<T>(total[j]);
  }
}

// Sum over the outer and inner dims of a contiguous [r1, k, r2] block into
// out [k] (per-channel sums of NCHW tensors: r1 = N, k = C, r2 = H*W). Each
// contiguous r2-row is summed with the vector kernel; rows add up in double.
template <typename T>
void sum_outer_inner(const T* x, int64_t r1, int64_t k, int64_t r2, T* out) {
  parallel_for(k, r1 * r2, [&](int64_t j) {
    double acc = 0;
    for (int64_t i = 0; i < r1; ++i) acc += kernels<T>().sum(x + (i * k + j) * r2, r2);
    out[j] = static_cast<T>(acc);
  });
}

}  // namespace

void CpuBackend::reduce(Reduce op, const Tensor& x, const std::vector<int64_t>& dims, Tensor& out) {
  const int64_t nd = x.dim();
  std::vector<bool> reduced(nd, false);
  for (int64_t d : dims) reduced[d] = true;
  int64_t r = 1;
  for (int64_t d : dims) r *= x.shape()[d];
  const int64_t outer = out.numel();
  if (outer == 0) return;

  // Sum over leading dims of a contiguous floating tensor: add rows.
  bool leading = !dims.empty() && dims.back() == static_cast<int64_t>(dims.size()) - 1;
  if (op == Reduce::Sum && leading && x.is_contiguous() && is_floating(x.dtype()) && r > 1 && outer > 1) {
    dispatch_float(x.dtype(), [&](auto tag) {
      using T = decltype(tag);
      sum_leading<T>(x.data<T>(), r, outer, out.data<T>());
    });
    return;
  }

  // Reduced dims = a prefix and a suffix of a contiguous tensor: no copy needed.
  if (op == Reduce::Sum && x.is_contiguous() && is_floating(x.dtype()) && !dims.empty()) {
    int64_t a = 0, b = nd;
    while (a < nd && reduced[a]) ++a;
    while (b > a && reduced[b - 1]) --b;
    bool middle_kept = true;
    for (int64_t d = a; d < b; ++d) middle_kept = middle_kept && !reduced[d];
    if (middle_kept && b < nd) {
      int64_t r1 = 1, r2 = 1;
      for (int64_t d = 0; d < a; ++d) r1 *= x.shape()[d];
      for (int64_t d = b; d < nd; ++d) r2 *= x.shape()[d];
      dispatch_float(x.dtype(), [&](auto tag) {
        using T = decltype(tag);
        sum_outer_inner<T>(x.data<T>(), r1, outer, r2, out.data<T>());
      });
      return;
    }
  }

  Shape perm;
  for (int64_t d = 0; d < nd; ++d)
    if (!reduced[d]) perm.push_back(d);
  for (int64_t d : dims) perm.push_back(d);
  Tensor rows = x.detach().permute(perm).contiguous();  // [outer, r] in memory

  const bool is_arg = op == Reduce::ArgMax || op == Reduce::ArgMin;
  dispatch_all(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = rows.data<T>();
    parallel_for(outer, r, [&](int64_t o) {
      if (r == 0) {  // empty reductions: sum 0, prod 1 (max/min are rejected by the op)
        if (!is_arg) out.data<T>()[o] = static_cast<T>(op == Reduce::Prod ? 1 : 0);
        return;
      }
      if (is_arg)
        reduce_row<T>(op, src + o * r, r, nullptr, out.data<int64_t>() + o);
      else
        reduce_row<T>(op, src + o * r, r, out.data<T>() + o, nullptr);
    });
  });
}

}  // namespace nnlite::cpu
