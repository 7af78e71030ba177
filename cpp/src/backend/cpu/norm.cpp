// Fused normalization over x [A, C, L] (see backend::NormGeometry): the
// statistics, the forward affine map and the backward, each one or two passes
// over the data instead of a chain of generic ops that allocate a tensor each.
// Work is split into rows (the L values of one (a, c)) or blocks (the K values
// of one (a, c, j)) across threads; per-row sums go to buffers that are then
// combined per channel in a fixed order, so no result depends on how the rows
// were split (the same bits for any thread count).
#include <cmath>
#include <limits>
#include <vector>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/isa/kernels.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

using backend::NormGeometry;

namespace {

// f(i) for i in [0, n); threaded when the n units of `cost` elements are many.
template <typename F>
void parallel_for(int64_t n, int64_t cost, F&& f) {
#pragma omp parallel for schedule(static) num_threads(threads_for(n * std::max<int64_t>(cost, 1)))
  for (int64_t i = 0; i < n; ++i) f(i);
}

// mean, var (optional), rstd: [C]. Each row's mean and squared deviations
// come from the row kernel; rows of a channel (all of L values) combine
// exactly: M2 = sum_a (M2_a + L * (mean_a - mean)^2).
template <typename T>
void stats(const T* x, const NormGeometry& g, double eps, T* mean, T* var, T* rstd) {
  const int64_t A = g.A, C = g.C, L = g.L, M = A * L;
  if (M == 0) {  // no values: the statistics are 0/0, as a composite would give
    const T nan = std::numeric_limits<T>::quiet_NaN();
    for (int64_t c = 0; c < C; ++c) mean[c] = rstd[c] = nan;
    if (var)
      for (int64_t c = 0; c < C; ++c) var[c] = nan;
    return;
  }
  std::vector<double> row_mean(A * C), row_m2(A * C);
  parallel_for(A * C, L, [&](int64_t r) { kernels<T>().norm_moments(x + r * L, L, &row_mean[r], &row_m2[r]); });
  parallel_for(C, A, [&](int64_t c) {
    double mu = 0;
    for (int64_t a = 0; a < A; ++a) mu += row_mean[a * C + c];
    mu /= static_cast<double>(A);
    double m2 = 0;
    for (int64_t a = 0; a < A; ++a) {
      const double d = row_mean[a * C + c] - mu;
      m2 += row_m2[a * C + c] + static_cast<double>(L) * d * d;
    }
    const double v = m2 / static_cast<double>(M);
    mean[c] = static_cast<T>(mu);
    if (var) var[c] = static_cast<T>(v);
    rstd[c] = static_cast<T>(1.0 / std::sqrt(v + eps));
  });
}

// y [A, C, L] = (x - mean[c]) * rstd[c] * w + b; w, b [P * J] or both null.
template <typename T>
void forward(const T* x, const T* mean, const T* rstd, const T* w, const T* b, T* y, const NormGeometry& g) {
  const auto& k = kernels<T>();
  if (w && g.K == 1) {  // one weight per element of a row (J == L): layer norm
    parallel_for(g.A * g.C, g.L, [&](int64_t r) {
      const int64_t c = r % g.C, off = (c % g.P) * g.J;
      k.norm_apply_vec(x + r * g.L, g.L, mean[c], rstd[c], w + off, b + off, y + r * g.L);
    });
    return;
  }
  // One scale and shift per block of K values; without affine, a block is a row.
  const int64_t J = w ? g.J : 1, K = w ? g.K : g.L;
  parallel_for(g.A * g.C * J, K, [&](int64_t u) {
    const int64_t j = u % J, c = (u / J) % g.C;
    T s = rstd[c], t = 0;
    if (w) {
      const int64_t q = (c % g.P) * J + j;
      s *= w[q];
      t = b[q];
    }
    k.norm_apply(x + u * K, K, mean[c], s, t, y + u * K);
  });
}

// Backward when each block of K values has one weight (or there is none):
// batch_norm and group_norm. gx, gw, gb may be null (not wanted).
template <typename T>
void backward_blocks(const T* gy, const T* x, const T* mean, const T* rstd, const T* w, bool batch, T* gx, T* gw,
                     T* gb, const NormGeometry& g) {
  const auto& k = kernels<T>();
  const int64_t A = g.A, C = g.C, M = A * g.L;
  const int64_t J = w ? g.J : 1, K = w ? g.K : g.L, U = A * C * J;
  auto weight = [&](int64_t c, int64_t j) { return w ? static_cast<double>(w[(c % g.P) * J + j]) : 1.0; };

  // Pass 1: per block, s1 = sum(gy) and s2 = sum(gy * (x - mean)).
  std::vector<double> s1, s2;
  if ((batch && gx) || gw || gb) {
    s1.resize(U);
    s2.resize(U);
    parallel_for(U, K, [&](int64_t u) {
      const int64_t c = (u / J) % C;
      k.norm_grad_sums(gy + u * K, x + u * K, nullptr, K, mean[c], &s1[u], &s2[u]);
    });
  }
  // gweight = sum(gy * xhat), gbias = sum(gy) over the blocks of each parameter.
  if (gw || gb) {
    parallel_for(g.P * J, C / g.P * A, [&](int64_t q) {
      const int64_t p = q / J, j = q % J;
      double dw = 0, db = 0;
      for (int64_t c = p; c < C; c += g.P)
        for (int64_t a = 0; a < A; ++a) {
          const int64_t u = (a * C + c) * J + j;
          dw += s2[u] * static_cast<double>(rstd[c]);
          db += s1[u];
        }
      if (gw) gw[q] = static_cast<T>(dw);
      if (gb) gb[q] = static_cast<T>(db);
    });
  }
  if (!gx) return;
  // Per channel, with g' = gy * w: S1 = sum(g'), S2 = sum(g' * (x - mean)).
  // dx = rstd * (g' - S1 / M - xhat * rstd * S2 / M), xhat = (x - mean) * rstd.
  std::vector<double> S1(C, 0.0), S2(C, 0.0);
  if (batch && M > 0) {
    parallel_for(C, A * J, [&](int64_t c) {
      for (int64_t a = 0; a < A; ++a)
        for (int64_t j = 0; j < J; ++j) {
          const int64_t u = (a * C + c) * J + j;
          S1[c] += weight(c, j) * s1[u];
          S2[c] += weight(c, j) * s2[u];
        }
      S1[c] /= static_cast<double>(M);
      S2[c] /= static_cast<double>(M);
    });
  }
  parallel_for(U, K, [&](int64_t u) {
    const int64_t j = u % J, c = (u / J) % C;
    const double r = rstd[c];
    k.norm_dx(gy + u * K, x + u * K, nullptr, K, mean[c], static_cast<T>(r * weight(c, j)),
              static_cast<T>(-r * r * r * S2[c]), static_cast<T>(-r * S1[c]), gx + u * K);
  });
}

// Backward with one weight per element of a row (K == 1, J == L): layer norm.
template <typename T>
void backward_elementwise(const T* gy, const T* x, const T* mean, const T* rstd, const T* w, bool batch, T* gx,
                          T* gw, T* gb, const NormGeometry& g) {
  const auto& k = kernels<T>();
  const int64_t A = g.A, C = g.C, L = g.L, M = A * L;
  // gweight[q], gbias[q] for q = p * L + l: column sums over the rows r = (a, c)
  // with c % P == p. Threads own column blocks and add rows in order.
  if (gw || gb) {
    constexpr int64_t kCols = 256;
    const int64_t blocks = (L + kCols - 1) / kCols;
    parallel_for(g.P * blocks, C / g.P * A * kCols, [&](int64_t t) {
      const int64_t p = t / blocks, l0 = (t % blocks) * kCols, n = std::min(kCols, L - l0);
      double dw[kCols] = {}, db[kCols] = {};
      for (int64_t c = p; c < C; c += g.P)
        for (int64_t a = 0; a < A; ++a) {
          const T* gr = gy + (a * C + c) * L + l0;
          const T* xr = x + (a * C + c) * L + l0;
          const T m = mean[c];
          const double r = rstd[c];
#pragma omp simd
          for (int64_t i = 0; i < n; ++i) {
            dw[i] += static_cast<double>(gr[i] * (xr[i] - m)) * r;
            db[i] += static_cast<double>(gr[i]);
          }
        }
      for (int64_t i = 0; i < n; ++i) {
        if (gw) gw[p * L + l0 + i] = static_cast<T>(dw[i]);
        if (gb) gb[p * L + l0 + i] = static_cast<T>(db[i]);
      }
    });
  }
  if (!gx) return;
  // Per row, with g' = gy * w: s1 = sum(g'), s2 = sum(g' * (x - mean)); rows
  // of one channel add up in order.
  std::vector<double> S1(C, 0.0), S2(C, 0.0);
  if (batch && M > 0) {
    std::vector<double> s1(A * C), s2(A * C);
    parallel_for(A * C, L, [&](int64_t r) {
      const int64_t c = r % C;
      k.norm_grad_sums(gy + r * L, x + r * L, w + (c % g.P) * L, L, mean[c], &s1[r], &s2[r]);
    });
    for (int64_t r = 0; r < A * C; ++r) {
      S1[r % C] += s1[r];
      S2[r % C] += s2[r];
    }
    for (int64_t c = 0; c < C; ++c) {
      S1[c] /= static_cast<double>(M);
      S2[c] /= static_cast<double>(M);
    }
  }
  parallel_for(A * C, L, [&](int64_t r) {
    const int64_t c = r % C;
    const double rs = rstd[c];
    k.norm_dx(gy + r * L, x + r * L, w + (c % g.P) * L, L, mean[c], static_cast<T>(rs),
              static_cast<T>(-rs * rs * rs * S2[c]), static_cast<T>(-rs * S1[c]), gx + r * L);
  });
}

template <typename T>
T* ptr_or_null(const Tensor& t) {
  return t.defined() ? t.data<T>() : nullptr;
}

}  // namespace

void CpuBackend::norm_stats(const Tensor& x, double eps, Tensor& mean, Tensor& var, Tensor& rstd,
                            const NormGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    stats<T>(x.data<T>(), g, eps, mean.data<T>(), ptr_or_null<T>(var), rstd.data<T>());
  });
}

void CpuBackend::norm_forward(const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight,
                              const Tensor& bias, Tensor& y, const NormGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    forward<T>(x.data<T>(), mean.data<T>(), rstd.data<T>(), ptr_or_null<T>(weight), ptr_or_null<T>(bias),
               y.data<T>(), g);
  });
}

void CpuBackend::norm_backward(const Tensor& gy, const Tensor& x, const Tensor& mean, const Tensor& rstd,
                               const Tensor& weight, bool batch_stats, Tensor& gx, Tensor& gweight, Tensor& gbias,
                               const NormGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* w = ptr_or_null<T>(weight);
    auto run = w && g.K == 1 ? backward_elementwise<T> : backward_blocks<T>;
    run(gy.data<T>(), x.data<T>(), mean.data<T>(), rstd.data<T>(), w, batch_stats, ptr_or_null<T>(gx),
        ptr_or_null<T>(gweight), ptr_or_null<T>(gbias), g);
  });
}

}  // namespace nnlite::cpu
