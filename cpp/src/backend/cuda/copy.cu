// copy: device to device (any strides, casts) in one strided kernel; one
// value from the host as a fill; host to device and device to host through a
// contiguous staging buffer in the destination's dtype (the CPU backend does the host-side strides and casts,
// one cudaMemcpyAsync moves the bytes).
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/launch.cuh"
#include "backend/cuda/pinned.h"

namespace nnlite::cuda_impl {

namespace {

// Casts as the CPU backend does: to bool means "non-zero".
template <typename D, typename S>
__device__ inline D cast_to(S v) {
  if constexpr (std::is_same_v<D, bool>) return v != S(0);
  else return static_cast<D>(v);
}

void copy_on_device(const Tensor& src, Tensor& dst) {
  const int64_t n = dst.numel();
  const bool flat = src.is_contiguous() && dst.is_contiguous();
  if (flat && src.dtype() == dst.dtype()) {
    if (n > 0)
      NNLITE_CUDA_CHECK(cudaMemcpyAsync(dst.data_ptr(), src.data_ptr(), n * dst.itemsize(),
                                        cudaMemcpyDeviceToDevice, stream()),
                        "copy (device to device)");
    return;
  }
  NNLITE_CUDA_DISPATCH_ALL(dst.dtype(), D,
    NNLITE_CUDA_DISPATCH_ALL(src.dtype(), S,
      D* y = ptr<D>(dst);
      const S* x = ptr<S>(src);
      if (flat) return launch_flat(n, "copy", [=] __device__(int64_t i) { y[i] = cast_to<D>(x[i]); });
      launch_strided<2>(dst.shape(), {&dst.strides(), &src.strides()}, "copy",
                        [=] __device__(int64_t, const int64_t(&o)[2]) { y[o[0]] = cast_to<D>(x[o[1]]); });
    );
  );
}

}  // namespace

void CudaBackend::copy(const Tensor& src, Tensor& dst) {
  const bool src_cpu = src.device().is_cpu(), dst_cpu = dst.device().is_cpu();
  NNLITE_CHECK(!(src_cpu && dst_cpu), Runtime, "internal: the CUDA backend was asked to copy CPU to CPU");
  if (!src_cpu && !dst_cpu) return copy_on_device(src, dst);
  // One value from the host (a number, a 0-d constant): it rides in a fill
  // kernel's arguments, with no staging copy and no wait.
  if (src_cpu && dst.numel() == 1) return fill(dst, src.item_scalar());
  const size_t nbytes = static_cast<size_t>(dst.numel()) * dst.itemsize();
  if (dst_cpu) {  // device -> host
    Tensor staged = (src.is_contiguous() && src.dtype() == dst.dtype()) ? src : empty(dst.shape(), dst.dtype(), src.device());
    if (staged.data_ptr() != src.data_ptr()) copy_on_device(src, staged);
    Tensor host = dst.is_contiguous() ? dst : empty(dst.shape(), dst.dtype(), Device());
    if (nbytes > 0)
      NNLITE_CUDA_CHECK(cudaMemcpyAsync(host.data_ptr(), staged.data_ptr(), nbytes, cudaMemcpyDeviceToHost, stream()),
                        "copy (device to host)");
    // The host reads the values next: wait for them (the one place a copy
    // syncs), then run the checks that were waiting for the device.
    NNLITE_CUDA_CHECK(cudaStreamSynchronize(stream()), "copy (device to host)");
    backend::run_deferred_checks();
    if (host.data_ptr() != dst.data_ptr()) backend::cpu_backend().copy(host, dst);
    return;
  }
  // host -> device
  Tensor host = (src.is_contiguous() && src.dtype() == dst.dtype()) ? src : empty(dst.shape(), dst.dtype(), Device());
  if (host.data_ptr() != src.data_ptr()) backend::cpu_backend().copy(src, host);
  Tensor staged = dst.is_contiguous() ? dst : empty(dst.shape(), dst.dtype(), dst.device());
  if (nbytes > 0)
    NNLITE_CUDA_CHECK(cudaMemcpyAsync(staged.data_ptr(), host.data_ptr(), nbytes, cudaMemcpyHostToDevice, stream()),
                      "copy (host to device)");
  // A pageable source is staged by the driver before the call returns, but a
  // temporary `host` buffer is freed when this function returns, and a
  // page-locked source is read when the stream gets there: wait for those,
  // unless the caller asked for a non-blocking copy of its pinned source.
  const bool staged_here = host.data_ptr() != src.data_ptr();
  if (staged_here || (!backend::NonBlockingCopy::asked() && cuda::is_pinned(src)))
    NNLITE_CUDA_CHECK(cudaStreamSynchronize(stream()), "copy (host to device)");
  if (staged.data_ptr() != dst.data_ptr()) copy_on_device(staged, dst);
}

}  // namespace nnlite::cuda_impl
