// nonzero: flags (x != 0) -> exclusive prefix sum (CUB, deterministic) ->
// the count read back on the host (it sizes the output) -> each non-zero
// element writes its coordinates at its rank, so rows come in row-major order.
#include <cub/device/device_scan.cuh>

#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/launch.cuh"

namespace nnlite::cuda_impl {

namespace {
struct DimSizes {  // x's shape, passed to the kernel by value
  int64_t v[kMaxDims];
};
}  // namespace

Tensor CudaBackend::nonzero(const Tensor& x) {
  const int64_t n = x.numel(), nd = x.dim();
  const Device dev = x.device();
  if (n == 0) return empty(Shape{0, nd}, DType::Int64, dev);
  Tensor flags = empty(Shape{n}, DType::Int64, dev), ranks = empty(Shape{n}, DType::Int64, dev);
  int64_t* fp = ptr<int64_t>(flags);
  NNLITE_CUDA_DISPATCH_ALL(x.dtype(), T,
    const T* xp = ptr<T>(x);
    launch_strided<1>(x.shape(), {&x.strides()}, "nonzero",
                      [=] __device__(int64_t i, const int64_t(&o)[1]) { fp[i] = xp[o[0]] != T(0) ? 1 : 0; });
  );
  size_t temp_bytes = 0;
  NNLITE_CUDA_CHECK(cub::DeviceScan::ExclusiveSum(nullptr, temp_bytes, fp, ptr<int64_t>(ranks), n, stream()),
                    "nonzero");
  Tensor temp = empty(Shape{static_cast<int64_t>(temp_bytes) + 1}, DType::UInt8, dev);
  NNLITE_CUDA_CHECK(cub::DeviceScan::ExclusiveSum(temp.data_ptr(), temp_bytes, fp, ptr<int64_t>(ranks), n, stream()),
                    "nonzero");
  int64_t last_rank = 0, last_flag = 0;
  NNLITE_CUDA_CHECK(cudaMemcpyAsync(&last_rank, ptr<int64_t>(ranks) + n - 1, 8, cudaMemcpyDeviceToHost, stream()),
                    "nonzero");
  NNLITE_CUDA_CHECK(cudaMemcpyAsync(&last_flag, fp + n - 1, 8, cudaMemcpyDeviceToHost, stream()), "nonzero");
  NNLITE_CUDA_CHECK(cudaStreamSynchronize(stream()), "nonzero");
  const int64_t count = last_rank + last_flag;
  Tensor out = empty(Shape{count, nd}, DType::Int64, dev);
  if (count == 0 || nd == 0) return out;
  NNLITE_CHECK(nd <= kMaxDims, Value, "nonzero: the CUDA kernel handles at most ", kMaxDims, " dims, got ", nd);
  DimSizes sz{};
  for (int64_t d = 0; d < nd; ++d) sz.v[d] = x.shape()[d];
  const int64_t* rp = ptr<int64_t>(ranks);
  int64_t* op = ptr<int64_t>(out);
  launch_flat(n, "nonzero", [=] __device__(int64_t i) {
    if (!fp[i]) return;
    int64_t* row = op + rp[i] * nd;
    int64_t rest = i;
    for (int64_t d = nd - 1; d >= 0; --d) {
      row[d] = rest % sz.v[d];
      rest /= sz.v[d];
    }
  });
  return out;
}

}  // namespace nnlite::cuda_impl
