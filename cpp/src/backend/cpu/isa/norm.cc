// Row kernels of the fused normalization (batch/layer/group/instance norm,
// driven by cpu/norm.cpp) for one instruction set (see entries.h). A "row" is
// n contiguous values of one channel; the caller splits the channels' rows
// across threads and combines the per-row results in a fixed order. Sums run
// in T across vector lanes over blocks of kNormBlock values and in double
// across blocks, like sum() in reduce.cc.
#include "backend/cpu/isa/entries.h"
#include "backend/cpu/isa/helpers.h"

namespace nnlite::cpu::NNLITE_ISA_NS {

constexpr int64_t kNormBlock = 1024;

// Mean of x[0..n) and the sum of squared deviations from it (n > 0). Two
// passes: the second one usually finds the row still in L1.
template <typename T>
void norm_moments(const T* x, int64_t n, double* mean, double* m2) {
  double s = 0;
  for (int64_t b = 0; b < n; b += kNormBlock) {
    const int64_t e = min_of(n, b + kNormBlock);
    T acc = 0;
#pragma omp simd reduction(+ : acc)
    for (int64_t i = b; i < e; ++i) acc += x[i];
    s += acc;
  }
  const double mu = s / static_cast<double>(n);
  const T m = static_cast<T>(mu);
  double q = 0, d = 0;
  for (int64_t b = 0; b < n; b += kNormBlock) {
    const int64_t e = min_of(n, b + kNormBlock);
    T accq = 0, accd = 0;
#pragma omp simd reduction(+ : accq, accd)
    for (int64_t i = b; i < e; ++i) {
      const T v = x[i] - m;
      accd += v;
      accq += v * v;
    }
    q += accq;
    d += accd;
  }
  // The deviations were taken from m, mu rounded to T: remove the part that
  // rounding adds (sum (x-m)^2 = M2 + (sum (x-m))^2 / n). Their sum also
  // corrects the mean: the first pass adds values far from zero in T
  // (1e4 + N(0, 1) loses ~1e-3 of the mean over a block when the sum runs
  // in one lane), the second adds small deviations.
  *mean = static_cast<double>(m) + d / static_cast<double>(n);
  *m2 = max_of(0.0, q - d * d / static_cast<double>(n));
}

// y = (x - m) * s + t over one row (a per-channel affine map).
template <typename T>
void norm_apply(const T* x, int64_t n, T m, T s, T t, T* y) {
#pragma omp simd
  for (int64_t i = 0; i < n; ++i) y[i] = (x[i] - m) * s + t;
}

// y = (x - m) * r * w[i] + b[i] over one row (layer norm's elementwise affine).
template <typename T>
void norm_apply_vec(const T* x, int64_t n, T m, T r, const T* w, const T* b, T* y) {
#pragma omp simd
  for (int64_t i = 0; i < n; ++i) y[i] = (x[i] - m) * r * w[i] + b[i];
}

// s1 = sum(g'), s2 = sum(g' * (x - m)) over one row, with g' = g * w when w
// is given (w: one weight per element of the row), else g.
template <typename T>
void norm_grad_sums(const T* g, const T* x, const T* w, int64_t n, T m, double* s1, double* s2) {
  double t1 = 0, t2 = 0;
  for (int64_t b = 0; b < n; b += kNormBlock) {
    const int64_t e = min_of(n, b + kNormBlock);
    T a1 = 0, a2 = 0;
    if (w) {
#pragma omp simd reduction(+ : a1, a2)
      for (int64_t i = b; i < e; ++i) {
        const T gi = g[i] * w[i];
        a1 += gi;
        a2 += gi * (x[i] - m);
      }
    } else {
#pragma omp simd reduction(+ : a1, a2)
      for (int64_t i = b; i < e; ++i) {
        a1 += g[i];
        a2 += g[i] * (x[i] - m);
      }
    }
    t1 += a1;
    t2 += a2;
  }
  *s1 = t1;
  *s2 = t2;
}

// dx = a * g' + b * (x - m) + c over one row, g' as in norm_grad_sums.
template <typename T>
void norm_dx(const T* g, const T* x, const T* w, int64_t n, T m, T a, T b, T c, T* dx) {
  if (w) {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) dx[i] = a * (g[i] * w[i]) + b * (x[i] - m) + c;
  } else {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) dx[i] = a * g[i] + b * (x[i] - m) + c;
  }
}

NNLITE_ISA_ENTRY(norm_moments);
NNLITE_ISA_ENTRY(norm_apply);
NNLITE_ISA_ENTRY(norm_apply_vec);
NNLITE_ISA_ENTRY(norm_grad_sums);
NNLITE_ISA_ENTRY(norm_dx);

}  // namespace nnlite::cpu::NNLITE_ISA_NS
