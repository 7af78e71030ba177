// Poisson draws from any source of uniforms (`g.next_double()` in [0, 1)):
// the CPU backend passes its Generator, the CUDA kernels a per-element Philox
// stream, so both backends run the same algorithm.
#pragma once
#include <cmath>
#include <cstdint>

#include "backend/cuda/host_device.h"

namespace nnlite::cpu {

// The C math functions are called as ::exp, ::log, ...: a translation unit that
// also declares nnlite::exp(Tensor) (a unity build) would otherwise hide them.

// Knuth's product of uniforms: exact, and cheap while the mean is small
// (about rate + 1 uniforms per draw).
template <typename G>
NNLITE_HD int64_t poisson_small(double rate, G& g) {
  const double limit = ::exp(-rate);
  int64_t k = 0;
  double prod = g.next_double();
  while (prod > limit) {
    ++k;
    prod *= g.next_double();
  }
  return k;
}

// Hörmann's transformed rejection with squeeze (PTRS, 1993): about two
// uniforms per draw whatever the rate, for rates >= 10.
template <typename G>
NNLITE_HD int64_t poisson_large(double rate, G& g) {
  const double slam = ::sqrt(rate), loglam = ::log(rate);
  const double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4), v_r = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const double u = g.next_double() - 0.5, v = g.next_double();
    const double us = 0.5 - ::fabs(u);
    const double k = ::floor((2 * a / us + b) * u + rate + 0.43);
    if (us >= 0.07 && v <= v_r) return static_cast<int64_t>(k);
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (::log(v) + ::log(inv_alpha) - ::log(a / (us * us) + b) <= -rate + k * loglam - ::lgamma(k + 1))
      return static_cast<int64_t>(k);
  }
}

template <typename G>
NNLITE_HD int64_t poisson_draw(double rate, G& g) {
  return rate == 0 ? 0 : (rate < 10 ? poisson_small(rate, g) : poisson_large(rate, g));
}

}  // namespace nnlite::cpu
