// Embedding kernels: row lookup, the row-accumulating weight gradient and the
// in-place max_norm renormalisation. The gradient and the renormalisation
// write rows that several indices may hit, so each thread owns a range of
// output rows and scans all indices for its own: a row's terms are added by
// one thread in index order, so the bits never depend on the thread count.
#include <algorithm>
#include <climits>
#include <cmath>
#include <vector>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

using backend::IndexFault;

namespace {

// The first index (in order) outside [0, num).
IndexFault first_bad(const int64_t* ip, int64_t n, int64_t num) {
  for (int64_t i = 0; i < n; ++i)
    if (ip[i] < 0 || ip[i] >= num) return {true, ip[i]};
  return {};
}

// Row range [lo, hi) of `rows` owned by thread t of nt.
inline void owned_rows(int64_t rows, int t, int nt, int64_t& lo, int64_t& hi) {
  lo = rows * t / nt;
  hi = rows * (t + 1) / nt;
}

}  // namespace

// weight [num, D], indices [N] -> out [N, D]
IndexFault CpuBackend::embedding(const Tensor& weight, const Tensor& indices, Tensor& out) {
  const int64_t num = weight.shape()[0], D = weight.shape()[1], N = indices.numel();
  const int64_t* ip = indices.data<int64_t>();
  // Checked before any row is read: a bad index never touches memory.
  IndexFault fault = first_bad(ip, N, num);
  if (fault.found) return fault;
  dispatch_all(weight.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* w = weight.data<T>();
    T* o = out.data<T>();
    parallel_for(N, D, [&](int64_t i) { std::copy(w + ip[i] * D, w + (ip[i] + 1) * D, o + i * D); });
  });
  return {};
}

// grad [N, D], indices [N] -> gw [num, D] (zeroed)
IndexFault CpuBackend::embedding_backward(const Tensor& grad, const Tensor& indices, int64_t padding_idx,
                                          bool scale_by_freq, Tensor& gw) {
  const int64_t num = gw.shape()[0], D = gw.shape()[1], N = indices.numel();
  const int64_t* ip = indices.data<int64_t>();
  IndexFault fault = first_bad(ip, N, num);
  if (fault.found) return fault;
  dispatch_float(gw.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* g = grad.data<T>();
    T* out = gw.data<T>();
    // Each thread scans all N indices: worth it only with enough rows to add.
    const int nt_max = std::min<int64_t>(threads_for(N * std::max<int64_t>(D, 1)), std::max<int64_t>(num, 1));
#pragma omp parallel num_threads(nt_max)
    {
      int64_t lo, hi;
      owned_rows(num, omp_get_thread_num(), omp_get_num_threads(), lo, hi);
      std::vector<int64_t> count(scale_by_freq ? hi - lo : 0, 0);
      for (int64_t i = 0; i < N; ++i) {
        const int64_t r = ip[i];
        if (r < lo || r >= hi || r == padding_idx) continue;
        T* dst = out + r * D;
        const T* src = g + i * D;
        for (int64_t k = 0; k < D; ++k) dst[k] += src[k];
        if (scale_by_freq) ++count[r - lo];
      }
      if (scale_by_freq)
        for (int64_t r = lo; r < hi; ++r)
          if (count[r - lo] > 1) {
            T* dst = out + r * D;
            const T c = static_cast<T>(count[r - lo]);
            for (int64_t k = 0; k < D; ++k) dst[k] /= c;
          }
    }
  });
  return {};
}

// weight [num, D] in place, indices [N]
IndexFault CpuBackend::embedding_renorm(Tensor& weight, const Tensor& indices, double max_norm, double norm_type) {
  const int64_t num = weight.shape()[0], D = weight.shape()[1], N = indices.numel();
  const int64_t* ip = indices.data<int64_t>();
  IndexFault fault = first_bad(ip, N, num);
  if (fault.found) return fault;
  dispatch_float(weight.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* w = weight.data<T>();
    const int nt_max = std::min<int64_t>(threads_for(N * std::max<int64_t>(D, 1)), std::max<int64_t>(num, 1));
#pragma omp parallel num_threads(nt_max)
    {
      int64_t lo, hi;
      owned_rows(num, omp_get_thread_num(), omp_get_num_threads(), lo, hi);
      std::vector<char> done(hi - lo, 0);  // a repeated index renormalises its row once, like torch's unique()
      for (int64_t i = 0; i < N; ++i) {
        const int64_t r = ip[i];
        if (r < lo || r >= hi || done[r - lo]) continue;
        done[r - lo] = 1;
        T* row = w + r * D;
        double norm = 0;
        if (std::isinf(norm_type)) {
          for (int64_t k = 0; k < D; ++k) norm = std::max(norm, std::abs(static_cast<double>(row[k])));
        } else if (norm_type == 1) {
          for (int64_t k = 0; k < D; ++k) norm += std::abs(static_cast<double>(row[k]));
        } else if (norm_type == 2) {
          for (int64_t k = 0; k < D; ++k) norm += static_cast<double>(row[k]) * row[k];
          norm = std::sqrt(norm);
        } else {
          for (int64_t k = 0; k < D; ++k) norm += std::pow(std::abs(static_cast<double>(row[k])), norm_type);
          norm = std::pow(norm, 1.0 / norm_type);
        }
        if (norm > max_norm) {
          const T scale = static_cast<T>(max_norm / (norm + 1e-7));
          for (int64_t k = 0; k < D; ++k) row[k] *= scale;
        }
      }
    }
  });
  return {};
}

}  // namespace nnlite::cpu
