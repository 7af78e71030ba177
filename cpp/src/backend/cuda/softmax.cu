// softmax / log_softmax over the middle dim of a contiguous [outer, n, inner]
// tensor: one block per (outer, inner) row, three passes over the row (max,
// sum of exp in double, write), each combined deterministically.
#include <algorithm>
#include <cmath>

#include "backend/cuda/block_reduce.cuh"
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/launch.cuh"

namespace nnlite::cuda_impl {

namespace {

template <typename T>
__global__ void softmax_kernel(const T* x, T* y, int64_t rows, int64_t n, int64_t inner, bool log) {
  using backend::Reduce;
  __shared__ double shared_max, shared_sum;
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    const int64_t base = (r / inner) * n * inner + r % inner;
    Partial<T> mx = identity_of<T>(Reduce::Max);
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) mx = combine(Reduce::Max, mx, Partial<T>{x[base + j * inner], j});
    mx = block_reduce(Reduce::Max, mx);
    if (threadIdx.x == 0) shared_max = static_cast<double>(mx.v);
    __syncthreads();
    const double m = shared_max;
    Partial<double> s = identity_of<double>(Reduce::Sum);
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) s.v += exp(static_cast<double>(x[base + j * inner]) - m);
    s = block_reduce(Reduce::Sum, s);
    if (threadIdx.x == 0) shared_sum = s.v;
    __syncthreads();
    const double total = shared_sum, log_total = ::log(total);
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) {
      const double d = static_cast<double>(x[base + j * inner]) - m;
      y[base + j * inner] = static_cast<T>(log ? d - log_total : exp(d) / total);
    }
    __syncthreads();  // shared_max/shared_sum are rewritten for the next row
  }
}

}  // namespace

void CudaBackend::softmax(const Tensor& x, int64_t dim, bool log, Tensor& out) {
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < dim; ++d) outer *= x.shape()[d];
  for (int64_t d = dim + 1; d < x.dim(); ++d) inner *= x.shape()[d];
  const int64_t n = x.dim() == 0 ? 1 : x.shape()[dim];
  const int64_t rows = outer * inner;
  if (rows == 0 || n == 0) return;
  const unsigned grid = static_cast<unsigned>(std::min<int64_t>(rows, int64_t(1) << 20));
  NNLITE_CUDA_DISPATCH_FLOAT(x.dtype(), T,
    softmax_kernel<T><<<grid, kThreads, 0, stream()>>>(ptr<T>(x), ptr<T>(out), rows, n, inner, log);
    NNLITE_CUDA_LAUNCHED("softmax");
  );
}

}  // namespace nnlite::cuda_impl
