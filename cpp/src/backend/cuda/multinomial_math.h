// The per-row math of the CUDA multinomial (multinomial.cu), shared with the
// host-side tests. It follows the CPU backend (cpu/multinomial.cpp) draw for
// draw; only the uniforms differ: draw s of row r uses the Philox uniform of
// element r * n + s of the call's key (philox.h), so a seed repeats a run.
#pragma once
#include <cstdint>

#include "backend/backend.h"
#include "backend/cuda/host_device.h"
#include "backend/cuda/philox.h"

namespace nnlite::cuda_impl {

// What is wrong with a row of C weights, the CPU's checks in its order: a
// value < 0, NaN or inf first, then a zero sum, then (without replacement)
// fewer positive weights than draws.
template <typename T>
NNLITE_HD int multinomial_row_fault(const T* p, int64_t C, int64_t n, bool replacement) {
  using F = backend::MultinomialFault;
  double total = 0;
  int64_t positive = 0;
  for (int64_t c = 0; c < C; ++c) {
    const double v = static_cast<double>(p[c]);
    if (!(v >= 0) || v - v != 0) return F::BadValue;  // v - v is NaN for inf
    total += v;
    positive += v > 0;
  }
  if (!(total > 0)) return F::ZeroSum;
  if (!replacement && positive < n) return F::TooFewCategories;
  return F::None;
}

// The uniform [0, 1) of draw s of row r: Philox element r * n + s.
NNLITE_HD inline double multinomial_uniform(uint64_t key, int64_t r, int64_t n, int64_t s) {
  const Philox4 b = philox_block(key, static_cast<uint64_t>(r * n + s));
  return unit_double(b.v[0], b.v[1]);
}

// The last category with a positive weight (0 if none): the draw when rounding
// puts u at the very end of the cumulative weights.
NNLITE_HD inline int64_t last_positive(const double* w, int64_t C) {
  for (int64_t c = C - 1; c > 0; --c)
    if (w[c] > 0) return c;
  return 0;
}

// With replacement: the first category whose cumulative weight exceeds
// u * total (binary search over cdf [C]; zero weights are never hit).
NNLITE_HD inline int64_t draw_from_cdf(const double* cdf, const double* w, int64_t C, double u) {
  const double target = u * cdf[C - 1];
  int64_t lo = 0, hi = C;  // upper bound: the first cdf[c] > target
  while (lo < hi) {
    const int64_t mid = lo + (hi - lo) / 2;
    if (cdf[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo < C ? lo : last_positive(w, C);
}

// Without replacement, one row: each draw scans the remaining weights w [C]
// (modified: drawn weights become 0) and writes out [n].
NNLITE_HD inline void draw_without_replacement(double* w, int64_t C, int64_t n, uint64_t key, int64_t r,
                                               int64_t* out) {
  for (int64_t s = 0; s < n; ++s) {
    double total = 0;
    for (int64_t c = 0; c < C; ++c) total += w[c];
    const double u = multinomial_uniform(key, r, n, s) * total;
    int64_t pick = -1;
    double acc = 0;
    for (int64_t c = 0; c < C && pick < 0; ++c)
      if (w[c] > 0 && (acc += w[c]) > u) pick = c;
    if (pick < 0) pick = last_positive(w, C);
    out[s] = pick;
    w[pick] = 0;
  }
}

}  // namespace nnlite::cuda_impl
