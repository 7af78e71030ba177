// The fused optimizer steps of one instruction set (see entries.h): SGD (with
// momentum, dampening, Nesterov, weight decay) and Adam / AdamW (with
// AMSGrad), each one pass over n parameters and their state.
#include <cmath>

#include "backend/cpu/isa/entries.h"
#include "backend/cpu/isa/helpers.h"

namespace nnlite::cpu::NNLITE_ISA_NS {

template <typename T>
void sgd(T* p, const T* g, T* buf, int64_t n, double lr, double momentum, double dampening, double wd,
         bool nesterov, bool maximize, bool first_step) {
  const T tlr = T(lr), tm = T(momentum), tdamp = T(1 - dampening), twd = T(wd), sign = maximize ? T(-1) : T(1);
  if (momentum == 0) {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) p[i] -= tlr * (sign * g[i] + twd * p[i]);
    return;
  }
#pragma omp simd
  for (int64_t i = 0; i < n; ++i) {
    T d = sign * g[i] + twd * p[i];
    T b = first_step ? d : tm * buf[i] + tdamp * d;
    buf[i] = b;
    p[i] -= tlr * (nesterov ? d + tm * b : b);
  }
}

template <typename T>
void adam(T* p, const T* g, T* m, T* v, T* vmax, int64_t n, double lr, double beta1, double beta2, double eps,
          double wd, bool amsgrad, bool decoupled, bool maximize, double bc1, double bc2) {
  const T b1 = T(beta1), b2 = T(beta2), teps = T(eps), sign = maximize ? T(-1) : T(1);
  const T step_size = T(lr / bc1), inv_bc2_sqrt = T(1 / std::sqrt(bc2));
  const T decay = decoupled ? T(1 - lr * wd) : T(1), l2 = decoupled ? T(0) : T(wd);
#pragma omp simd
  for (int64_t i = 0; i < n; ++i) {
    T pi = p[i] * decay;
    T gi = sign * g[i] + l2 * pi;
    T mi = m[i] + (T(1) - b1) * (gi - m[i]);
    T vi = b2 * v[i] + (T(1) - b2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    T vv = vi;
    if (amsgrad) {
      vv = max_of(vmax[i], vi);
      vmax[i] = vv;
    }
    p[i] = pi - step_size * mi / (std::sqrt(vv) * inv_bc2_sqrt + teps);
  }
}

NNLITE_ISA_ENTRY(sgd);
NNLITE_ISA_ENTRY(adam);

}  // namespace nnlite::cpu::NNLITE_ISA_NS
