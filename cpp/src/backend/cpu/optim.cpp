// Fused optimizer steps: one pass over each parameter, SIMD via the table.
#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/isa/kernels.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

void CpuBackend::sgd_step(Tensor& param, const Tensor& grad, Tensor& buf, double lr, double momentum,
                          double dampening, double weight_decay, bool nesterov, bool maximize, bool first_step) {
  dispatch_float(param.dtype(), [&](auto tag) {
    using T = decltype(tag);
    kernels<T>().sgd(param.data<T>(), grad.data<T>(), buf.defined() ? buf.data<T>() : nullptr, param.numel(), lr,
                     momentum, dampening, weight_decay, nesterov, maximize, first_step);
  });
}

void CpuBackend::adam_step(Tensor& param, const Tensor& grad, Tensor& m, Tensor& v, Tensor& vmax, double lr,
                           double beta1, double beta2, double eps, double weight_decay, bool amsgrad, bool decoupled,
                           bool maximize, double bias_correction1, double bias_correction2) {
  dispatch_float(param.dtype(), [&](auto tag) {
    using T = decltype(tag);
    kernels<T>().adam(param.data<T>(), grad.data<T>(), m.data<T>(), v.data<T>(),
                      vmax.defined() ? vmax.data<T>() : nullptr, param.numel(), lr, beta1, beta2, eps,
                      weight_decay, amsgrad, decoupled, maximize, bias_correction1, bias_correction2);
  });
}

}  // namespace nnlite::cpu
