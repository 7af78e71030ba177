// 2-d max and average pooling (strided or adaptive windows), forward and
// backward. The forward runs one thread per output, the backward one thread
// per input element, which gathers from the outputs whose windows hold it:
// no atomics, each gradient added in output order (the CPU's), so results
// repeat bit for bit. The per-element bodies are in pool_math.h.
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/launch.cuh"
#include "backend/cuda/pool_math.h"

namespace nnlite::cuda_impl {

using backend::PoolGeometry;

// x [N, C, H, W] -> y, indices [N, C, Ho, Wo]
void CudaBackend::max_pool2d(const Tensor& x, Tensor& y, Tensor& indices, const PoolGeometry& g) {
  const int64_t plane_in = g.H * g.W, plane_out = g.Ho * g.Wo;
  NNLITE_CUDA_DISPATCH_FLOAT(x.dtype(), T,
    const T* xp = ptr<T>(x);
    T* yp = ptr<T>(y);
    int64_t* ip = indices.defined() ? ptr<int64_t>(indices) : nullptr;
    launch_flat(g.N * g.C * plane_out, "max_pool2d", [=] __device__(int64_t i) {
      const int64_t p = i / plane_out, o = i - p * plane_out;
      int64_t arg;
      yp[i] = max_pool_at(g, xp + p * plane_in, o / g.Wo, o % g.Wo, &arg);
      if (ip) ip[i] = arg;
    });
  );
}

// gy, indices [N, C, Ho, Wo] -> gx [N, C, H, W]
void CudaBackend::max_pool2d_backward(const Tensor& gy, const Tensor& indices, Tensor& gx, const PoolGeometry& g) {
  const int64_t plane_in = g.H * g.W, plane_out = g.Ho * g.Wo;
  NNLITE_CUDA_DISPATCH_FLOAT(gy.dtype(), T,
    const T* gyp = ptr<T>(gy);
    const int64_t* ip = ptr<int64_t>(indices);
    T* gxp = ptr<T>(gx);
    launch_flat(g.N * g.C * plane_in, "max_pool2d_backward", [=] __device__(int64_t i) {
      const int64_t p = i / plane_in, e = i - p * plane_in;
      gxp[i] = max_pool_grad_at(g, gyp + p * plane_out, ip + p * plane_out, e / g.W, e % g.W);
    });
  );
}

// x [N, C, H, W] -> y [N, C, Ho, Wo]
void CudaBackend::avg_pool2d(const Tensor& x, Tensor& y, const PoolGeometry& g) {
  const int64_t plane_in = g.H * g.W, plane_out = g.Ho * g.Wo;
  NNLITE_CUDA_DISPATCH_FLOAT(x.dtype(), T,
    const T* xp = ptr<T>(x);
    T* yp = ptr<T>(y);
    launch_flat(g.N * g.C * plane_out, "avg_pool2d", [=] __device__(int64_t i) {
      const int64_t p = i / plane_out, o = i - p * plane_out;
      yp[i] = avg_pool_at(g, xp + p * plane_in, o / g.Wo, o % g.Wo);
    });
  );
}

// gy [N, C, Ho, Wo] -> gx [N, C, H, W]
void CudaBackend::avg_pool2d_backward(const Tensor& gy, Tensor& gx, const PoolGeometry& g) {
  const int64_t plane_in = g.H * g.W, plane_out = g.Ho * g.Wo;
  NNLITE_CUDA_DISPATCH_FLOAT(gy.dtype(), T,
    const T* gyp = ptr<T>(gy);
    T* gxp = ptr<T>(gx);
    launch_flat(g.N * g.C * plane_in, "avg_pool2d_backward", [=] __device__(int64_t i) {
      const int64_t p = i / plane_in, e = i - p * plane_in;
      gxp[i] = avg_pool_grad_at(g, gyp + p * plane_out, e / g.W, e % g.W);
    });
  );
}

}  // namespace nnlite::cuda_impl
