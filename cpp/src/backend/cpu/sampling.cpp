// Draws whose parameters come from a tensor (bernoulli, poisson) and the
// exponential fill. Like random.cpp, values come from one sequential
// generator in row-major order, so a seed gives the same tensor whatever the
// thread count.
#include <cmath>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/loops.h"
#include "backend/cpu/poisson.h"

namespace nnlite::cpu {

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
      o[i] = static_cast<T>(poisson_draw(rate, g));
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
