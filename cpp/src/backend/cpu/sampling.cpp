// Draws whose parameters come from a tensor (bernoulli, poisson) and the
// exponential fill. Like random.cpp, values come from one sequential
// generator in row-major order, so a seed gives the same tensor whatever the
// thread count.
#include <cmath>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

namespace {

// Knuth's product of uniforms: exact, and cheap while the mean is small
// (about rate + 1 uniforms per draw).
int64_t poisson_small(double rate, Generator& g) {
  const double limit = std::exp(-rate);
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
int64_t poisson_large(double rate, Generator& g) {
  const double slam = std::sqrt(rate), loglam = std::log(rate);
  const double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4), v_r = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const double u = g.next_double() - 0.5, v = g.next_double();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / us + b) * u + rate + 0.43);
    if (us >= 0.07 && v <= v_r) return static_cast<int64_t>(k);
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <= -rate + k * loglam - std::lgamma(k + 1))
      return static_cast<int64_t>(k);
  }
}

}  // namespace

void CpuBackend::bernoulli(const Tensor& p, Tensor& out, Generator& g) {
  dispatch_float(p.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* pp = p.data<T>();
    T* o = out.data<T>();
    const int64_t n = out.numel();
    // Doubles for both dtypes: a float32 uniform (24 bits) would make p = 1e-9 never fire.
    for (int64_t i = 0; i < n; ++i) o[i] = g.next_double() < static_cast<double>(pp[i]) ? T(1) : T(0);
  });
}

void CpuBackend::poisson(const Tensor& rates, Tensor& out, Generator& g) {
  dispatch_float(rates.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* r = rates.data<T>();
    T* o = out.data<T>();
    const int64_t n = out.numel();
    for (int64_t i = 0; i < n; ++i) {
      const double rate = static_cast<double>(r[i]);
      o[i] = static_cast<T>(rate == 0 ? 0 : (rate < 10 ? poisson_small(rate, g) : poisson_large(rate, g)));
    }
  });
}

void CpuBackend::exponential(Tensor& t, double lambd, Generator& g) {
  dispatch_float(t.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* p = t.data<T>();
    const int64_t n = t.numel();
    for (int64_t i = 0; i < n; ++i) p[i] = static_cast<T>(-std::log1p(-g.next_double()) / lambd);
  });
}

}  // namespace nnlite::cpu
