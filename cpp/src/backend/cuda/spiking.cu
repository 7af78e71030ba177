// Leaky integrate-and-fire over time (backend::LifConfig), forward and
// backward: one thread per neuron walks its T steps (spiking_math.h); no
// atomics, so results repeat bit for bit.
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/launch.cuh"
#include "backend/cuda/spiking_math.h"

namespace nnlite::cuda_impl {

// x [T, n], mem0, beta, threshold [n] -> spk, mem [T, n]
void CudaBackend::lif_forward(const Tensor& x, const Tensor& mem0, const Tensor& beta, const Tensor& threshold,
                              const backend::LifConfig& cfg, Tensor& spk, Tensor& mem) {
  const int64_t steps = x.shape()[0], n = mem0.numel();
  const backend::LifReset reset = cfg.reset;
  NNLITE_CUDA_DISPATCH_FLOAT(x.dtype(), T,
    const T *xp = ptr<T>(x), *m0 = ptr<T>(mem0), *bp = ptr<T>(beta), *tp = ptr<T>(threshold);
    T *sp = ptr<T>(spk), *mp = ptr<T>(mem);
    launch_flat(n, "leaky_sequence", [=] __device__(int64_t j) {
      lif_forward_neuron(reset, xp, m0, bp, tp, sp, mp, steps, n, j);
    });
  );
}

// g_spk, g_mem, mem [T, n] -> gx [T, n], g_mem0, g_beta, g_threshold [n]
void CudaBackend::lif_backward(const Tensor& g_spk, const Tensor& g_mem, const Tensor& mem, const Tensor& mem0,
                               const Tensor& beta, const Tensor& threshold, const backend::LifConfig& cfg,
                               Tensor& gx, Tensor& g_mem0, Tensor& g_beta, Tensor& g_threshold) {
  const int64_t steps = mem.shape()[0], n = mem0.numel();
  NNLITE_CUDA_DISPATCH_FLOAT(mem.dtype(), T,
    const T *gs = ptr<T>(g_spk), *gm = ptr<T>(g_mem), *mp = ptr<T>(mem), *m0 = ptr<T>(mem0);
    const T *bp = ptr<T>(beta), *tp = ptr<T>(threshold);
    T *gxp = ptr<T>(gx), *gm0 = ptr<T>(g_mem0), *gb = ptr<T>(g_beta), *gt = ptr<T>(g_threshold);
    launch_flat(n, "leaky_sequence backward", [=] __device__(int64_t j) {
      lif_backward_neuron(cfg, gs, gm, mp, m0, bp, tp, gxp, gm0, gb, gt, steps, n, j);
    });
  );
}

}  // namespace nnlite::cuda_impl
