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
#include "backend/cpu/epilogue.h"
#include "backend/cpu/isa/kernels.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

using backend::NormGeometry;

namespace {

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

// y [A, C, L] = relu?((x - mean[c]) * rstd[c] * w + b + r?); w, b [P * J] or
// both null, r [A, C, L] or null. The epilogue runs on each row or block
// right after it is written, while it is still in L1.
template <typename T>
void forward(const T* x, const T* mean, const T* rstd, const T* w, const T* b, const T* r, bool relu, T* y,
             const NormGeometry& g) {
  const auto& k = kernels<T>();
  const bool epilogue = r || relu;
  if (w && g.K == 1) {  // one weight per element of a row (J == L): layer norm
    parallel_for(g.A * g.C, g.L, [&](int64_t i) {
      const int64_t c = i % g.C, off = (c % g.P) * g.J;
      k.norm_apply_vec(x + i * g.L, g.L, mean[c], rstd[c], w + off, b + off, y + i * g.L);
      if (epilogue) add_relu_row(y + i * g.L, r ? r + i * g.L : nullptr, g.L, relu);
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
    if (epilogue) add_relu_row(y + u * K, r ? r + u * K : nullptr, K, relu);
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

// ---- short rows: batch_norm over [N, C] or [N, C, L] with small L.
// Per-row calls would cost more than the few values they touch, so x is read
// as a matrix [A, W = C * L] instead: threads own blocks of columns and add
// the A rows into double sums in order, and the maps run along whole rows.
// Used when J == 1 (one weight per channel, or none).

constexpr int64_t kShortRow = 32;
constexpr int64_t kColumnBlock = 512;

bool use_columns(const NormGeometry& g, const void* w) { return g.A > 1 && g.L < kShortRow && (!w || g.J == 1); }

// acc[j] = sum_a f(a, j) for the W columns, in double; f returns a double.
template <typename F>
std::vector<double> column_sums(int64_t A, int64_t W, F&& f) {
  std::vector<double> acc(W, 0.0);
  const int64_t blocks = (W + kColumnBlock - 1) / kColumnBlock;
  parallel_for(blocks, A * kColumnBlock, [&](int64_t blk) {
    const int64_t j0 = blk * kColumnBlock, j1 = std::min(W, j0 + kColumnBlock);
    double* out = acc.data();
    for (int64_t a = 0; a < A; ++a) {
#pragma omp simd
      for (int64_t j = j0; j < j1; ++j) out[j] += f(a, j);
    }
  });
  return acc;
}

// The per-column copy [W] of a per-channel value [C].
template <typename T>
std::vector<T> per_column(const NormGeometry& g, const std::vector<double>& v) {
  std::vector<T> out(g.C * g.L);
  for (int64_t j = 0; j < g.C * g.L; ++j) out[j] = static_cast<T>(v[j / g.L]);
  return out;
}

// Sum of each channel's L columns of acc [W] -> [C].
std::vector<double> fold_columns(const NormGeometry& g, const std::vector<double>& acc) {
  std::vector<double> out(g.C, 0.0);
  for (int64_t j = 0; j < g.C * g.L; ++j) out[j / g.L] += acc[j];
  return out;
}

template <typename T>
void stats_columns(const T* x, const NormGeometry& g, double eps, T* mean, T* var, T* rstd) {
  const int64_t W = g.C * g.L, M = g.A * g.L;
  std::vector<double> mu = fold_columns(g, column_sums(g.A, W, [&](int64_t a, int64_t j) {
    return static_cast<double>(x[a * W + j]);
  }));
  for (double& m : mu) m /= static_cast<double>(M);
  // Squared deviations from the mean rounded to T, corrected as in norm_moments.
  const std::vector<T> m = per_column<T>(g, mu);
  std::vector<double> d = fold_columns(g, column_sums(g.A, W, [&](int64_t a, int64_t j) {
    return static_cast<double>(x[a * W + j] - m[j]);
  }));
  std::vector<double> q = fold_columns(g, column_sums(g.A, W, [&](int64_t a, int64_t j) {
    const double v = static_cast<double>(x[a * W + j] - m[j]);
    return v * v;
  }));
  for (int64_t c = 0; c < g.C; ++c) {
    const double v = std::max(0.0, q[c] - d[c] * d[c] / static_cast<double>(M)) / static_cast<double>(M);
    mean[c] = static_cast<T>(mu[c]);
    if (var) var[c] = static_cast<T>(v);
    rstd[c] = static_cast<T>(1.0 / std::sqrt(v + eps));
  }
}

template <typename T>
void forward_columns(const T* x, const T* mean, const T* rstd, const T* w, const T* b, const T* r, bool relu, T* y,
                     const NormGeometry& g) {
  const int64_t W = g.C * g.L;
  std::vector<T> m(W), s(W), t(W);
  for (int64_t j = 0; j < W; ++j) {
    const int64_t c = j / g.L;
    m[j] = mean[c];
    s[j] = w ? rstd[c] * w[c % g.P] : rstd[c];
    t[j] = w ? b[c % g.P] : T(0);
  }
  parallel_for(g.A, W, [&](int64_t a) {
    const T* xr = x + a * W;
    T* yr = y + a * W;
#pragma omp simd
    for (int64_t j = 0; j < W; ++j) yr[j] = (xr[j] - m[j]) * s[j] + t[j];
    if (r || relu) add_relu_row(yr, r ? r + a * W : nullptr, W, relu);
  });
}

template <typename T>
void backward_columns(const T* gy, const T* x, const T* mean, const T* rstd, const T* w, bool batch, T* gx, T* gw,
                      T* gb, const NormGeometry& g) {
  const int64_t W = g.C * g.L, M = g.A * g.L;
  std::vector<double> mu(mean, mean + g.C);
  const std::vector<T> m = per_column<T>(g, mu);
  // Per channel: s1 = sum(gy), s2 = sum(gy * (x - mean)).
  std::vector<double> s1, s2;
  if ((batch && gx) || gw || gb) {
    s1 = fold_columns(g, column_sums(g.A, W, [&](int64_t a, int64_t j) { return static_cast<double>(gy[a * W + j]); }));
    s2 = fold_columns(g, column_sums(g.A, W, [&](int64_t a, int64_t j) {
      return static_cast<double>(gy[a * W + j]) * static_cast<double>(x[a * W + j] - m[j]);
    }));
  }
  // One parameter per channel (J == 1); with P < C, channels c, c + P, ... share one.
  if (gw || gb) {
    for (int64_t p = 0; p < g.P; ++p) {
      double dw = 0, db = 0;
      for (int64_t c = p; c < g.C; c += g.P) {
        dw += s2[c] * static_cast<double>(rstd[c]);
        db += s1[c];
      }
      if (gw) gw[p] = static_cast<T>(dw);
      if (gb) gb[p] = static_cast<T>(db);
    }
  }
  if (!gx) return;
  // dx = a * gy + b * (x - mean) + c per column (see backward_blocks).
  std::vector<T> ca(W), cb(W), cc(W);
  for (int64_t j = 0; j < W; ++j) {
    const int64_t c = j / g.L;
    const double r = rstd[c], wc = w ? static_cast<double>(w[c % g.P]) : 1.0;
    const double S1 = batch && M > 0 ? wc * s1[c] / static_cast<double>(M) : 0.0;
    const double S2 = batch && M > 0 ? wc * s2[c] / static_cast<double>(M) : 0.0;
    ca[j] = static_cast<T>(r * wc);
    cb[j] = static_cast<T>(-r * r * r * S2);
    cc[j] = static_cast<T>(-r * S1);
  }
  parallel_for(g.A, W, [&](int64_t a) {
    const T* gr = gy + a * W;
    const T* xr = x + a * W;
    T* dr = gx + a * W;
#pragma omp simd
    for (int64_t j = 0; j < W; ++j) dr[j] = ca[j] * gr[j] + cb[j] * (xr[j] - m[j]) + cc[j];
  });
}

}  // namespace

void CpuBackend::norm_stats(const Tensor& x, double eps, Tensor& mean, Tensor& var, Tensor& rstd,
                            const NormGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    auto run = use_columns(g, nullptr) && g.A * g.L > 0 ? stats_columns<T> : stats<T>;
    run(x.data<T>(), g, eps, mean.data<T>(), ptr_or_null<T>(var), rstd.data<T>());
  });
}

void CpuBackend::norm_forward(const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight,
                              const Tensor& bias, const backend::Epilogue& e, Tensor& y, const NormGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* w = ptr_or_null<T>(weight);
    auto run = use_columns(g, w) ? forward_columns<T> : forward<T>;
    run(x.data<T>(), mean.data<T>(), rstd.data<T>(), w, ptr_or_null<T>(bias), ptr_or_null<T>(e.residual), e.relu,
        y.data<T>(), g);
  });
}

void CpuBackend::norm_backward(const Tensor& gy, const Tensor& x, const Tensor& mean, const Tensor& rstd,
                               const Tensor& weight, bool batch_stats, Tensor& gx, Tensor& gweight, Tensor& gbias,
                               const NormGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* w = ptr_or_null<T>(weight);
    auto run = use_columns(g, w) ? backward_columns<T> : w && g.K == 1 ? backward_elementwise<T> : backward_blocks<T>;
    run(gy.data<T>(), x.data<T>(), mean.data<T>(), rstd.data<T>(), w, batch_stats, ptr_or_null<T>(gx),
        ptr_or_null<T>(gweight), ptr_or_null<T>(gbias), g);
  });
}

}  // namespace nnlite::cpu
