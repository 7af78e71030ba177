// The math of the CUDA normalization kernels (norm.cu), shared with the
// host-side tests. x is [A, C, L] (backend::NormGeometry): channel c's M = A * L
// values are the rows (a, c); affine parameter q = (c % P) * J + j scales the
// K values (a, c, j, 0..K) of every channel c with c % P == q / J.
//  - batch_norm {N, C, H*W, 1, H*W, C}: channel = feature, q = c;
//  - layer_norm {1, rows, L, L, 1, 1}: channel = row, q = position in the row;
//  - group_norm {1, N*G, (C/G)*H*W, C/G, H*W, G}: channel = (n, group),
//    q = the feature (group * C/G + j).
// Sums over a channel (statistics, the backward's two sums) and over a
// parameter (its gradients) are "segments": each is cut into a fixed number
// of chunks, each chunk reduced by one block in a fixed tree, and the chunks
// merged in order, so the bits never change between runs.
#pragma once
#include <cmath>
#include <cstdint>

#include "backend/backend.h"
#include "backend/cuda/host_device.h"

namespace nnlite::cuda_impl {

// Running count, mean and sum of squared deviations (Welford), merged
// exactly (Chan et al.): the statistics of any split of the values.
struct Moments {
  double n = 0, mean = 0, m2 = 0;
  NNLITE_HD void push(double x) {
    n += 1;
    const double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  NNLITE_HD static Moments merge(const Moments& a, const Moments& b) {
    const double n = a.n + b.n;
    if (b.n == 0) return a;
    if (a.n == 0) return b;
    const double d = b.mean - a.mean;
    return {n, a.mean + d * (b.n / n), a.m2 + b.m2 + d * d * (a.n * (b.n / n))};
  }
};

// Two sums, added in double.
struct Sums2 {
  double s1 = 0, s2 = 0;
  NNLITE_HD void push(double a, double b) {
    s1 += a;
    s2 += b;
  }
  NNLITE_HD static Sums2 merge(const Sums2& a, const Sums2& b) { return {a.s1 + b.s1, a.s2 + b.s2}; }
};

// How many chunks each of `segments` segments of `len` values is cut into:
// enough blocks to fill a GPU, each chunk at least ~4096 values. A function of
// the shapes only (not of the device), so results repeat on every GPU.
NNLITE_HD inline int64_t norm_chunks(int64_t segments, int64_t len) {
  const int64_t by_len = (len + 4095) / 4096;
  const int64_t by_grid = segments >= 1024 ? 1 : 1024 / (segments < 1 ? 1 : segments);
  int64_t s = by_len < by_grid ? by_len : by_grid;
  if (s > 256) s = 256;
  return s < 1 ? 1 : s;
}
// The values [lo, hi) of chunk k of `chunks` over a segment of `len`.
NNLITE_HD inline void chunk_range(int64_t len, int64_t chunks, int64_t k, int64_t& lo, int64_t& hi) {
  lo = len * k / chunks;
  hi = len * (k + 1) / chunks;
}

// Offset in x of value e (in [0, A * L)) of channel c.
NNLITE_HD inline int64_t channel_offset(const backend::NormGeometry& g, int64_t c, int64_t e) {
  const int64_t a = e / g.L, l = e - a * g.L;
  return (a * g.C + c) * g.L + l;
}

// The values each affine parameter scales: (C / P) * A * K.
NNLITE_HD inline int64_t param_len(const backend::NormGeometry& g) { return g.C / g.P * g.A * g.K; }
// Value e of parameter q = p * J + j: its channel c and offset in x.
NNLITE_HD inline int64_t param_offset(const backend::NormGeometry& g, int64_t q, int64_t e, int64_t& c) {
  const int64_t p = q / g.J, j = q - p * g.J;
  const int64_t k = e % g.K, rest = e / g.K;
  const int64_t a = rest % g.A, cc = rest / g.A;
  c = p + cc * g.P;
  return (a * g.C + c) * g.L + j * g.K + k;
}

// Element i of x [A, C, L] -> its channel c and (with affine parameters) q.
NNLITE_HD inline void norm_locate(const backend::NormGeometry& g, int64_t i, int64_t& c, int64_t& q) {
  const int64_t r = i / g.L, l = i - r * g.L;
  c = r % g.C;
  q = (c % g.P) * g.J + l / g.K;
}

// Output element i of norm_forward: relu?((x - mean) * rstd * w + b +
// residual?), with w, b, residual null where absent (c, q from norm_locate).
// NaN stays NaN through the ReLU, as in relu.
template <typename T>
NNLITE_HD T norm_output(const T* x, const T* mean, const T* rstd, const T* w, const T* b, const T* residual, bool relu,
                        int64_t i, int64_t c, int64_t q) {
  const T v = (x[i] - mean[c]) * rstd[c];
  T out = w ? v * w[q] + b[q] : v;
  if (residual) out += residual[i];
  return relu && out < T(0) ? T(0) : out;
}

// The statistics of a channel from its merged moments: 0 values give NaN (0/0,
// as a composite of ops would).
template <typename T>
NNLITE_HD void norm_finish_stats(const Moments& m, double eps, T* mean, T* var, T* rstd) {
  if (m.n == 0) {
    const T nan = static_cast<T>(NAN);
    *mean = *rstd = nan;
    if (var) *var = nan;
    return;
  }
  const double v = m.m2 / m.n;
  *mean = static_cast<T>(m.mean);
  if (var) *var = static_cast<T>(v);
  *rstd = static_cast<T>(1.0 / sqrt(v + eps));
}

// One element of the input gradient: with g' = gy * w, xhat = (x - mean) * rstd,
// gx = rstd * (g' - S1 / M - xhat * rstd * S2 / M) when the statistics are the
// batch's (s1m = S1 / M, s2m = S2 / M of the channel), else rstd * g'.
template <typename T>
NNLITE_HD T norm_dx(T gy, T x, double mean, double rstd, double w, bool batch, double s1m, double s2m) {
  double d = rstd * w * static_cast<double>(gy);
  if (batch) d -= rstd * rstd * rstd * s2m * (static_cast<double>(x) - mean) + rstd * s1m;
  return static_cast<T>(d);
}

}  // namespace nnlite::cuda_impl
