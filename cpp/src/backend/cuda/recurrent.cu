// The recurrent layers on the GPU (backend.h, RecurrentGeometry): the time
// loops and gate math of recurrent_math.h, run by a device executor: each
// per-element functor is one launch on the backend's stream, each GEMM the
// backend's own (gemm.cu: cuBLAS or the tiled kernel), scratch from the
// caching allocator. The host issues a whole sequence without waiting; the
// one sync is the check of `lengths` (a device tensor) before anything runs,
// so that a bad length computes nothing, as on the CPU.
#include <cstdint>
#include <vector>

#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/gemm.cuh"
#include "backend/cuda/index_fault.cuh"
#include "backend/cuda/launch.cuh"
#include "backend/cuda/recurrent_math.h"

namespace nnlite::cuda_impl {

using backend::IndexFault;
using backend::RecurrentGeometry;

namespace {

// recurrent_math.h's executor on the device. Scratch tensors stay alive until
// the executor goes out of scope; the caching allocator may hand their blocks
// out again while kernels still read them, which is safe because every later
// user runs on the same stream (block_cache.h).
class DeviceExec {
 public:
  DeviceExec(Device device, DType dtype) : device_(device), dtype_(dtype) {}

  template <typename F>
  void each(int64_t n, const F& f, const char* what) {
    launch_flat(n, what, f);
  }
  template <typename T>
  void gemm(const GemmArgs<T>& p, const char* what) {
    cuda_impl::gemm<T>(p, what);
  }
  template <typename T>
  void copy(T* dst, const T* src, int64_t n) {
    if (n > 0)
      NNLITE_CUDA_CHECK(cudaMemcpyAsync(dst, src, sizeof(T) * n, cudaMemcpyDeviceToDevice, stream()),
                        "recurrent layer: state copy");
  }
  template <typename T>
  T* scratch(int64_t n) {
    held_.push_back(empty(Shape{n > 0 ? n : 1}, dtype_, device_));
    return ptr<T>(held_.back());
  }

 private:
  Device device_;
  DType dtype_;
  std::vector<Tensor> held_;
};

template <typename T>
const T* ptr_or_null(const Tensor& t) {
  return t.defined() ? ptr<T>(t) : nullptr;
}
template <typename T>
T* mut_or_null(const Tensor& t) {
  return t.defined() ? ptr<T>(t) : nullptr;
}

}  // namespace

// x [T, N, I], h0 [N, P], c0 [N, H] (LSTM), lengths int64 [N] on the device
// or undefined -> y [T, N, P], hn [N, P], cn [N, H]; saved as on the CPU.
IndexFault CudaBackend::recurrent_forward(const RecurrentGeometry& g, const Tensor& x, const Tensor& h0,
                                          const Tensor& c0, const backend::RecurrentWeights& w,
                                          const Tensor& lengths, Tensor& y, Tensor& hn, Tensor& cn,
                                          backend::RecurrentSaved& saved) {
  const int64_t* len = lengths.defined() ? ptr<int64_t>(lengths) : nullptr;
  if (len && g.N > 0) {
    // Every length in [0, T]: one check and one wait before the loop, none inside it.
    FaultSlot fault(lengths.device());
    int64_t* slot = fault.slot();
    const int64_t bound = g.T + 1;
    launch_flat(g.N, "recurrent_forward", [=] __device__(int64_t b) {
      if (checked_index(len[b], bound, false) < 0) report_fault(slot, b);
    });
    const IndexFault f = fault.read(lengths);
    if (f.found) return f;
  }
  NNLITE_CUDA_DISPATCH_FLOAT(x.dtype(), T, {
    ForwardIo<T> io{ptr<T>(x),         ptr<T>(h0),          ptr_or_null<T>(c0),        ptr<T>(w.w_ih),
                    ptr<T>(w.w_hh),    ptr_or_null<T>(w.b_ih), ptr_or_null<T>(w.b_hh), ptr_or_null<T>(w.w_hr),
                    len,               ptr<T>(y),           ptr<T>(hn),                mut_or_null<T>(cn),
                    mut_or_null<T>(saved.act), mut_or_null<T>(saved.h_prev), mut_or_null<T>(saved.c_prev)};
    DeviceExec ex(x.device(), x.dtype());
    recurrent_forward_loop<T>(ex, g, io);
  });
  return {};
}

// gy [T, N, P], ghn [N, P], gcn [N, H] (LSTM) and the forward's saved tensors
// -> the gradients that are defined in grads.
void CudaBackend::recurrent_backward(const RecurrentGeometry& g, const Tensor& x, const backend::RecurrentWeights& w,
                                     const Tensor& lengths, const backend::RecurrentSaved& saved, const Tensor& gy,
                                     const Tensor& ghn, const Tensor& gcn, backend::RecurrentGrads& grads) {
  const int64_t* len = lengths.defined() ? ptr<int64_t>(lengths) : nullptr;
  NNLITE_CUDA_DISPATCH_FLOAT(x.dtype(), T, {
    BackwardIo<T> io{ptr<T>(x),
                     ptr<T>(w.w_ih),
                     ptr<T>(w.w_hh),
                     ptr_or_null<T>(w.w_hr),
                     len,
                     ptr<T>(saved.act),
                     ptr<T>(saved.h_prev),
                     ptr_or_null<T>(saved.c_prev),
                     ptr<T>(gy),
                     ptr<T>(ghn),
                     ptr_or_null<T>(gcn),
                     mut_or_null<T>(grads.dx),
                     mut_or_null<T>(grads.dh0),
                     mut_or_null<T>(grads.dc0),
                     mut_or_null<T>(grads.dw_ih),
                     mut_or_null<T>(grads.dw_hh),
                     mut_or_null<T>(grads.db_ih),
                     mut_or_null<T>(grads.db_hh),
                     mut_or_null<T>(grads.dw_hr)};
    DeviceExec ex(x.device(), x.dtype());
    recurrent_backward_loop<T>(ex, g, io);
  });
}

}  // namespace nnlite::cuda_impl
