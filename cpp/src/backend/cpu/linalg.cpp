// Batched matrix multiply (on the packed GEMM of isa/gemm.cc) and softmax.
#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/isa/kernels.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

// a [B,M,K], b [B,K,N] with any strides; out [B,M,N] contiguous; bias [N] or undefined.
namespace {
// Integer matmul: exact, plain loops (ints are not a speed path).
template <typename T>
void matmul_int(const Tensor& a, const Tensor& b, const Tensor& bias, Tensor& out) {
  const int64_t B = out.shape()[0], M = out.shape()[1], N = out.shape()[2], K = a.shape()[2];
  const auto& sa = a.strides();
  const auto& sb = b.strides();
  T* o = out.data<T>();
  for (int64_t i = 0; i < B; ++i)
    for (int64_t r = 0; r < M; ++r)
      for (int64_t c = 0; c < N; ++c) {
        T acc = bias.defined() ? bias.data<T>()[c * bias.strides()[0]] : T(0);
        for (int64_t k = 0; k < K; ++k)
          acc += a.data<T>()[i * sa[0] + r * sa[1] + k * sa[2]] * b.data<T>()[i * sb[0] + k * sb[1] + c * sb[2]];
        o[(i * M + r) * N + c] = acc;
      }
}
}  // namespace

void CpuBackend::matmul(const Tensor& a, const Tensor& b, const Tensor& bias, Tensor& out) {
  const int64_t B = out.shape()[0], M = out.shape()[1], N = out.shape()[2], K = a.shape()[2];
  if (!is_floating(out.dtype())) {
    dispatch_all(out.dtype(), [&](auto tag) { matmul_int<decltype(tag)>(a, b, bias, out); });
    return;
  }
  dispatch_float(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* bias_ptr = bias.defined() ? bias.data<T>() : nullptr;
    Tensor bias_c = bias.defined() && !bias.is_contiguous() ? bias.contiguous() : bias;
    if (bias_c.defined()) bias_ptr = bias_c.data<T>();
    const auto& sa = a.strides();
    const auto& sb = b.strides();
    auto one = [&](int64_t i) {
      kernels<T>().gemm(M, N, K, a.data<T>() + i * sa[0], sa[1], sa[2], b.data<T>() + i * sb[0], sb[1], sb[2],
                        out.data<T>() + i * M * N, N, bias_ptr, false);
    };
    // Many small products: one per thread. Few large ones: the GEMM threads itself.
    const bool per_batch = B > 1 && static_cast<double>(M) * N * K < 256.0 * 256 * 256;
    if (per_batch) {
#pragma omp parallel for schedule(static) num_threads(threads_for(B * M * N * K, 1 << 16))
      for (int64_t i = 0; i < B; ++i) one(i);
    } else {
      for (int64_t i = 0; i < B; ++i) one(i);
    }
  });
}

// x contiguous; softmax over `dim`, viewed as [outer, n, inner].
void CpuBackend::softmax(const Tensor& x, int64_t dim, bool log, Tensor& out) {
  const Shape& s = x.shape();
  int64_t outer = 1, inner = 1, n = s[dim];
  for (int64_t d = 0; d < dim; ++d) outer *= s[d];
  for (int64_t d = dim + 1; d < static_cast<int64_t>(s.size()); ++d) inner *= s[d];
  if (outer * inner * n == 0) return;
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = x.data<T>();
    T* dst = out.data<T>();
    if (inner == 1) {
      parallel_for(outer, n, [&](int64_t o) { kernels<T>().softmax_row(src + o * n, dst + o * n, n, log); });
      return;
    }
#pragma omp parallel num_threads(threads_for(outer * n * inner))
    {
      std::vector<T> row(n), res(n);
#pragma omp for schedule(static)
      for (int64_t oi = 0; oi < outer * inner; ++oi) {
        int64_t o = oi / inner, i = oi % inner;
        const T* base = src + o * n * inner + i;
        for (int64_t k = 0; k < n; ++k) row[k] = base[k * inner];
        kernels<T>().softmax_row(row.data(), res.data(), n, log);
        T* ob = dst + o * n * inner + i;
        for (int64_t k = 0; k < n; ++k) ob[k * inner] = res[k];
      }
    }
  });
}

}  // namespace nnlite::cpu
