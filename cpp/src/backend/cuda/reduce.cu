// Reductions: one block per output element, deterministic (block_reduce.cuh).
// x any strides: the kept dims index the block's row, the reduced dims the
// elements within it; out contiguous (x's rank, size 1 at reduced dims).
#include <algorithm>

#include "backend/cuda/block_reduce.cuh"
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/launch.cuh"

namespace nnlite::cuda_impl {

using backend::Reduce;

namespace {

template <typename T, typename A>
__global__ void reduce_kernel(Reduce op, const T* x, StridedIndex<1> kept, StridedIndex<1> red, int64_t M, int64_t R,
                              T* out_v, int64_t* out_i) {
  for (int64_t m = blockIdx.x; m < M; m += gridDim.x) {
    int64_t base[1];
    kept.offsets(m, base);
    Partial<A> p = identity_of<A>(op);
    for (int64_t j = threadIdx.x; j < R; j += blockDim.x) {
      int64_t o[1];
      red.offsets(j, o);
      p = combine(op, p, Partial<A>{static_cast<A>(x[base[0] + o[0]]), j});
    }
    p = block_reduce(op, p);
    if (threadIdx.x == 0) {
      if (out_i) out_i[m] = p.i < 0 ? 0 : p.i;
      else out_v[m] = static_cast<T>(p.v);
    }
  }
}

StridedIndex<1> index_over(const Tensor& x, const std::vector<int64_t>& dims, const char* what) {
  std::vector<int64_t> sizes, strides;
  for (int64_t d : dims) {
    sizes.push_back(x.shape()[d]);
    strides.push_back(x.strides()[d]);
  }
  StridedIndex<1> ix;
  NNLITE_CHECK(make_strided_index<1>(sizes, {strides}, ix), Value, what, ": the CUDA kernel handles at most ",
               kMaxDims, " dims, got shape ", shape_str(x.shape()));
  return ix;
}

}  // namespace

void CudaBackend::reduce(Reduce op, const Tensor& x, const std::vector<int64_t>& dims, Tensor& out) {
  const int64_t M = out.numel();
  if (M == 0) return;
  std::vector<int64_t> kept;
  std::vector<bool> reduced(x.dim(), false);
  for (int64_t d : dims) reduced[d] = true;
  for (int64_t d = 0; d < x.dim(); ++d)
    if (!reduced[d]) kept.push_back(d);
  int64_t R = 1;
  for (int64_t d : dims) R *= x.shape()[d];
  const StridedIndex<1> ik = index_over(x, kept, "reduce"), ir = index_over(x, dims, "reduce");
  const unsigned grid = static_cast<unsigned>(std::min<int64_t>(M, int64_t(1) << 20));
  const bool arg = op == Reduce::ArgMax || op == Reduce::ArgMin;
  NNLITE_CUDA_DISPATCH_ALL(x.dtype(), T,
    T* out_v = arg ? nullptr : ptr<T>(out);
    int64_t* out_i = arg ? ptr<int64_t>(out) : nullptr;
    if (op == Reduce::Sum || op == Reduce::Prod)
      reduce_kernel<T, sum_acc_t<T>><<<grid, kThreads, 0, stream()>>>(op, ptr<T>(x), ik, ir, M, R, out_v, out_i);
    else
      reduce_kernel<T, T><<<grid, kThreads, 0, stream()>>>(op, ptr<T>(x), ik, ir, M, R, out_v, out_i);
    NNLITE_CUDA_LAUNCHED("reduce");
  );
}

}  // namespace nnlite::cuda_impl
