// Embedding kernels: the row lookup, the weight gradient and the in-place
// max_norm renormalisation. Every kernel checks each index as it uses it and
// reports the first bad one (index_fault.cuh); the gradient and the
// renormalisation check all indices first and change nothing when one is bad
// (the CPU's contract). The gradient sorts the indices with their positions
// (CUB, stable) and lets the first thread of each run of equal indices add
// the run's rows in order (embedding_math.h): deterministic, no atomics.
#include <cub/device/device_radix_sort.cuh>

#include <algorithm>
#include <cmath>

#include "backend/cuda/block_reduce.cuh"
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/embedding_math.h"
#include "backend/cuda/index_fault.cuh"
#include "backend/cuda/sort_math.h"

namespace nnlite::cuda_impl {

using backend::IndexFault;

namespace {

// Reports the first index of ip [N] outside [0, num) and waits for the answer.
IndexFault check_indices(const Tensor& indices, int64_t num, const char* what) {
  FaultSlot fault(indices.device());
  const int64_t* ip = ptr<int64_t>(indices);
  int64_t* slot = fault.slot();
  launch_flat(indices.numel(), what, [=] __device__(int64_t i) {
    if (checked_index(ip[i], num, false) < 0) report_fault(slot, i);
  });
  return fault.read(indices);
}

// weight [num, D] in place: block per row, rows with flag[r] set are scaled
// by max_norm / (norm + 1e-7) when their norm exceeds max_norm.
template <typename T>
__global__ void renorm_kernel(T* w, const uint8_t* flag, int64_t num, int64_t D, double max_norm, double norm_type) {
  using backend::Reduce;
  __shared__ double scale;
  const bool inf = isinf(norm_type);
  const Reduce op = inf ? Reduce::Max : Reduce::Sum;
  for (int64_t r = blockIdx.x; r < num; r += gridDim.x) {
    if (!flag[r]) continue;  // the whole block skips together
    T* row = w + r * D;
    Partial<double> p = identity_of<double>(op);
    if (inf) p.i = 0;  // max over |v| >= 0: start from 0, as the CPU
    for (int64_t k = threadIdx.x; k < D; k += blockDim.x) {
      const double a = fabs(static_cast<double>(row[k]));
      const double v = inf ? a : norm_type == 1 ? a : norm_type == 2 ? a * a : pow(a, norm_type);
      p = combine(op, p, Partial<double>{v, k});
    }
    p = block_reduce(op, p);
    if (threadIdx.x == 0) {
      double norm = p.v;
      if (!inf && norm_type == 2) norm = sqrt(norm);
      else if (!inf && norm_type != 1) norm = pow(norm, 1.0 / norm_type);
      scale = norm > max_norm ? max_norm / (norm + 1e-7) : 1.0;
    }
    __syncthreads();
    if (scale != 1.0) {
      const T s = static_cast<T>(scale);
      for (int64_t k = threadIdx.x; k < D; k += blockDim.x) row[k] *= s;
    }
    __syncthreads();  // scale is rewritten for the next row
  }
}

}  // namespace

// weight [num, D], indices [N] -> out [N, D]
IndexFault CudaBackend::embedding(const Tensor& weight, const Tensor& indices, Tensor& out) {
  const int64_t num = weight.shape()[0], D = weight.shape()[1], N = indices.numel();
  FaultSlot fault(weight.device());
  NNLITE_CUDA_DISPATCH_ALL(weight.dtype(), T,
    const T* w = ptr<T>(weight);
    const int64_t* ip = ptr<int64_t>(indices);
    T* o = ptr<T>(out);
    int64_t* slot = fault.slot();
    launch_flat(N * D, "embedding", [=] __device__(int64_t e) {
      const int64_t i = e / D, d = e - i * D;
      const int64_t r = checked_index(ip[i], num, false);
      if (r < 0) return report_fault(slot, i);
      o[e] = w[r * D + d];
    });
  );
  if (N > 0 && D == 0) return check_indices(indices, num, "embedding");  // no element read any index
  return fault.later(indices);
}

// grad [N, D], indices [N] -> gw [num, D] (zeroed by the op)
IndexFault CudaBackend::embedding_backward(const Tensor& grad, const Tensor& indices, int64_t padding_idx,
                                           bool scale_by_freq, Tensor& gw) {
  const int64_t num = gw.shape()[0], D = gw.shape()[1], N = indices.numel();
  IndexFault fault = check_indices(indices, num, "embedding_backward");
  if (fault.found || N == 0 || D == 0) return fault;
  const Device dev = indices.device();
  // Sort (index, position) pairs by index; positions of equal indices stay in order.
  Tensor pos = empty(Shape{N}, DType::Int64, dev), keys = empty(Shape{N}, DType::Int64, dev),
         sorted_pos = empty(Shape{N}, DType::Int64, dev);
  int64_t* pp = ptr<int64_t>(pos);
  launch_flat(N, "embedding_backward", [=] __device__(int64_t i) { pp[i] = i; });
  const int64_t* ip = ptr<int64_t>(indices);
  int64_t* kp = ptr<int64_t>(keys);
  int64_t* sp = ptr<int64_t>(sorted_pos);
  // Indices are in [0, num): unsigned keys of bits_for(num) bits sort them.
  const uint64_t* kin = reinterpret_cast<const uint64_t*>(ip);
  uint64_t* kout = reinterpret_cast<uint64_t*>(kp);
  size_t bytes = 0;
  const int end_bit = bits_for(static_cast<uint64_t>(num));
  NNLITE_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(nullptr, bytes, kin, kout, pp, sp, N, 0, end_bit, stream()),
                    "embedding_backward");
  Tensor temp = empty(Shape{static_cast<int64_t>(bytes) + 1}, DType::UInt8, dev);
  NNLITE_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(temp.data_ptr(), bytes, kin, kout, pp, sp, N, 0, end_bit,
                                                    stream()),
                    "embedding_backward");
  NNLITE_CUDA_DISPATCH_FLOAT(gw.dtype(), T,
    const T* g = ptr<T>(grad);
    T* out = ptr<T>(gw);
    launch_flat(N * D, "embedding_backward", [=] __device__(int64_t e) {
      const int64_t i = e / D, d = e - i * D;
      embedding_grad_run(kp, sp, N, i, d, D, g, padding_idx, scale_by_freq, out);
    });
  );
  return {};
}

// weight [num, D] in place, indices [N]
IndexFault CudaBackend::embedding_renorm(Tensor& weight, const Tensor& indices, double max_norm, double norm_type) {
  const int64_t num = weight.shape()[0], D = weight.shape()[1], N = indices.numel();
  IndexFault fault = check_indices(indices, num, "embedding_renorm");
  if (fault.found || N == 0 || D == 0) return fault;
  const Device dev = weight.device();
  // flag [num]: the rows some index references (each is renormalised once, like torch's unique()).
  Tensor flags = empty(Shape{num}, DType::UInt8, dev);
  uint8_t* fp = ptr<uint8_t>(flags);
  NNLITE_CUDA_CHECK(cudaMemsetAsync(fp, 0, static_cast<size_t>(num), stream()), "embedding_renorm");
  const int64_t* ip = ptr<int64_t>(indices);
  launch_flat(N, "embedding_renorm", [=] __device__(int64_t i) { fp[ip[i]] = 1; });
  const unsigned grid = static_cast<unsigned>(std::min<int64_t>(num, int64_t(1) << 20));
  NNLITE_CUDA_DISPATCH_FLOAT(weight.dtype(), T,
    renorm_kernel<T><<<grid, kThreads, 0, stream()>>>(ptr<T>(weight), fp, num, D, max_norm, norm_type);
    NNLITE_CUDA_LAUNCHED("embedding_renorm");
  );
  return {};
}

}  // namespace nnlite::cuda_impl
