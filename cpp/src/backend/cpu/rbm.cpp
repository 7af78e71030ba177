// CPU kernels of rbm_cd_step: sparse-row products and hashed Bernoulli draws.
// The loops are axpys over contiguous rows; target_clones builds AVX-512 and
// AVX2 copies of each kernel beside the baseline one and the loader picks the
// best the CPU has (the bodies are inlined into every copy).
#include "backend/cpu/rbm.h"

#include <algorithm>
#include <vector>

#include "backend/cpu/loops.h"

namespace nnlite::cpu {

namespace {

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define NNLITE_RBM_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#define NNLITE_RBM_INLINE inline __attribute__((always_inline))
#else
#define NNLITE_RBM_CLONES
#define NNLITE_RBM_INLINE inline
#endif

// y[n] += a * x[n] (a = 1 for a binary unit: an FMA costs what an add does).
template <typename T>
NNLITE_RBM_INLINE void axpy(T* __restrict y, const T* __restrict x, T a, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] += a * x[i];
}

// Columns per block: a block's accumulator (64 floats: four AVX-512 or eight
// AVX2 registers) stays in registers while the nonzeros' rows stream in.
constexpr int64_t kBlock = 64;

// acc[0, w) += a * x[0, w): w == kBlock takes the fixed-width loop the compiler unrolls.
template <typename T>
NNLITE_RBM_INLINE void axpy_block(T* __restrict acc, const T* __restrict x, T a, int64_t w) {
  if (w == kBlock)
    axpy(acc, x, a, kBlock);
  else
    axpy(acc, x, a, w);
}

// The positions i < n where x[i * stride] != 0, written to idx; returns their
// count. Branch-free: binary data's zeros and ones come in no predictable order.
template <typename T>
NNLITE_RBM_INLINE int64_t nonzeros(const T* x, int64_t stride, int64_t n, int64_t* idx) {
  int64_t count = 0;
  for (int64_t i = 0; i < n; ++i) {
    idx[count] = i;
    count += x[i * stride] != T(0);
  }
  return count;
}

// out [R, N] = bias + x [R, J] @ m [J, N] over x's nonzeros.
template <typename T>
NNLITE_RBM_INLINE void sparse_matmul(const T* x, const T* m, const T* bias, T* out, int64_t R, int64_t J, int64_t N) {
  std::vector<int64_t> nz(J);
  for (int64_t r = 0; r < R; ++r) {
    const T* xr = x + r * J;
    const int64_t count = nonzeros(xr, 1, J, nz.data());
    for (int64_t c = 0; c < N; c += kBlock) {
      const int64_t w = std::min(kBlock, N - c);
      alignas(64) T acc[kBlock];
      for (int64_t n = 0; n < w; ++n) acc[n] = bias[c + n];
      for (int64_t i = 0; i < count; ++i) axpy_block(acc, m + nz[i] * N + c, xr[nz[i]], w);
      for (int64_t n = 0; n < w; ++n) out[r * N + c + n] = acc[n];
    }
  }
}

// m [J, N] += x [R, J]^T @ p [R, N] over x's nonzeros, one row of m at a time
// (its block accumulates in registers over the rows r where x[r, j] != 0).
template <typename T>
NNLITE_RBM_INLINE void sparse_update(const T* x, const T* p, T* m, int64_t R, int64_t J, int64_t N) {
  std::vector<int64_t> rows(R);
  for (int64_t j = 0; j < J; ++j) {
    const int64_t count = nonzeros(x + j, J, R, rows.data());
    if (count == 0) continue;
    for (int64_t c = 0; c < N; c += kBlock) {
      const int64_t w = std::min(kBlock, N - c);
      T* mj = m + j * N + c;
      alignas(64) T acc[kBlock];
      for (int64_t n = 0; n < w; ++n) acc[n] = mj[n];
      for (int64_t i = 0; i < count; ++i) axpy_block(acc, p + rows[i] * N + c, x[rows[i] * J + j], w);
      for (int64_t n = 0; n < w; ++n) mj[n] = acc[n];
    }
  }
}

NNLITE_RBM_CLONES void sparse_matmul_f(const float* x, const float* m, const float* b, float* o, int64_t R, int64_t J,
                                       int64_t N) {
  sparse_matmul(x, m, b, o, R, J, N);
}
NNLITE_RBM_CLONES void sparse_matmul_d(const double* x, const double* m, const double* b, double* o, int64_t R,
                                       int64_t J, int64_t N) {
  sparse_matmul(x, m, b, o, R, J, N);
}
NNLITE_RBM_CLONES void sparse_update_f(const float* x, const float* p, float* m, int64_t R, int64_t J, int64_t N) {
  sparse_update(x, p, m, R, J, N);
}
NNLITE_RBM_CLONES void sparse_update_d(const double* x, const double* p, double* m, int64_t R, int64_t J, int64_t N) {
  sparse_update(x, p, m, R, J, N);
}

// splitmix64's finaliser: a bijective mix, so distinct counters give
// distinct, well-spread 64-bit values.
NNLITE_RBM_INLINE uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Uniforms of 32 bits, two per hash, compared in double so float32 p keeps
// its resolution: p below 2^-32 never fires, which an RBM does not notice.
template <typename T>
NNLITE_RBM_INLINE void bernoulli(const T* p, uint64_t key, T* o, int64_t n) {
  constexpr double k2_32 = 4294967296.0;
  const int64_t pairs = n / 2;
  for (int64_t i = 0; i < pairs; ++i) {
    const uint64_t z = mix(key + static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ull);
    o[2 * i] = static_cast<double>(static_cast<uint32_t>(z)) < static_cast<double>(p[2 * i]) * k2_32 ? T(1) : T(0);
    o[2 * i + 1] = static_cast<double>(static_cast<uint32_t>(z >> 32)) < static_cast<double>(p[2 * i + 1]) * k2_32
                       ? T(1) : T(0);
  }
  if (n % 2) {
    const uint64_t z = mix(key + static_cast<uint64_t>(pairs) * 0x9E3779B97F4A7C15ull);
    o[n - 1] = static_cast<double>(static_cast<uint32_t>(z)) < static_cast<double>(p[n - 1]) * k2_32 ? T(1) : T(0);
  }
}

NNLITE_RBM_CLONES void bernoulli_f(const float* p, uint64_t key, float* o, int64_t n) { bernoulli(p, key, o, n); }
NNLITE_RBM_CLONES void bernoulli_d(const double* p, uint64_t key, double* o, int64_t n) { bernoulli(p, key, o, n); }

}  // namespace

void rbm_sparse_matmul(const Tensor& x, const Tensor& m, const Tensor& bias, Tensor& out) {
  const int64_t R = x.size(0), J = x.size(1), N = m.size(1);
  if (x.dtype() == DType::Float32)
    sparse_matmul_f(x.data<float>(), m.data<float>(), bias.data<float>(), out.data<float>(), R, J, N);
  else
    sparse_matmul_d(x.data<double>(), m.data<double>(), bias.data<double>(), out.data<double>(), R, J, N);
}

void rbm_sparse_update(const Tensor& x, const Tensor& p, Tensor& m) {
  const int64_t R = x.size(0), J = x.size(1), N = p.size(1);
  if (x.dtype() == DType::Float32)
    sparse_update_f(x.data<float>(), p.data<float>(), m.data<float>(), R, J, N);
  else
    sparse_update_d(x.data<double>(), p.data<double>(), m.data<double>(), R, J, N);
}

void rbm_bernoulli(const Tensor& p, uint64_t key, Tensor& out) {
  if (p.dtype() == DType::Float32)
    bernoulli_f(p.data<float>(), key, out.data<float>(), p.numel());
  else
    bernoulli_d(p.data<double>(), key, out.data<double>(), p.numel());
}

double rbm_density(const Tensor& x) {
  double frac = 0;
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    const int64_t n = x.numel();
    int64_t nonzero = 0;
    for (int64_t i = 0; i < n; ++i) nonzero += xp[i] != T(0);
    frac = n ? static_cast<double>(nonzero) / static_cast<double>(n) : 0.0;
  });
  return frac;
}

}  // namespace nnlite::cpu
