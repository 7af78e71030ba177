// Fused optimizer steps: one thread per parameter element, the same update
// (and the same order of float operations) as cpu/isa/optim.cc.
#include <cmath>

#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/launch.cuh"

namespace nnlite::cuda_impl {

void CudaBackend::sgd_step(Tensor& param, const Tensor& grad, Tensor& buf, double lr, double momentum,
                           double dampening, double weight_decay, bool nesterov, bool maximize, bool first_step) {
  NNLITE_CUDA_DISPATCH_FLOAT(param.dtype(), T,
    T* p = ptr<T>(param);
    const T* g = ptr<T>(grad);
    T* b = buf.defined() ? ptr<T>(buf) : nullptr;
    const T tlr = T(lr), tm = T(momentum), tdamp = T(1 - dampening), twd = T(weight_decay),
            sign = maximize ? T(-1) : T(1);
    const bool plain = momentum == 0;
    launch_flat(param.numel(), "sgd_step", [=] __device__(int64_t i) {
      const T d = sign * g[i] + twd * p[i];
      if (plain) {
        p[i] -= tlr * d;
        return;
      }
      const T v = first_step ? d : tm * b[i] + tdamp * d;
      b[i] = v;
      p[i] -= tlr * (nesterov ? d + tm * v : v);
    });
  );
}

void CudaBackend::adam_step(Tensor& param, const Tensor& grad, Tensor& m, Tensor& v, Tensor& vmax, double lr,
                            double beta1, double beta2, double eps, double weight_decay, bool amsgrad, bool decoupled,
                            bool maximize, double bias_correction1, double bias_correction2) {
  NNLITE_CUDA_DISPATCH_FLOAT(param.dtype(), T,
    T* p = ptr<T>(param);
    const T* g = ptr<T>(grad);
    T* mp = ptr<T>(m);
    T* vp = ptr<T>(v);
    T* vm = vmax.defined() ? ptr<T>(vmax) : nullptr;
    const T b1 = T(beta1), b2 = T(beta2), teps = T(eps), sign = maximize ? T(-1) : T(1);
    const T step_size = T(lr / bias_correction1), inv_bc2_sqrt = T(1 / std::sqrt(bias_correction2));
    const T decay = decoupled ? T(1 - lr * weight_decay) : T(1), l2 = decoupled ? T(0) : T(weight_decay);
    launch_flat(param.numel(), "adam_step", [=] __device__(int64_t i) {
      const T pi = p[i] * decay;
      const T gi = sign * g[i] + l2 * pi;
      const T mi = mp[i] + (T(1) - b1) * (gi - mp[i]);
      const T vi = b2 * vp[i] + (T(1) - b2) * gi * gi;
      mp[i] = mi;
      vp[i] = vi;
      T vv = vi;
      if (amsgrad) {
        vv = vm[i] > vi ? vm[i] : vi;
        vm[i] = vv;
      }
      p[i] = pi - step_size * mi / (sqrt(vv) * inv_bc2_sqrt + teps);
    });
  );
}

}  // namespace nnlite::cuda_impl
