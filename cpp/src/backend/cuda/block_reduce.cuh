// Deterministic block-wide reductions: every thread folds a fixed, strided
// share of a row in order, then warps combine with shuffles and the warps'
// results combine in shared memory, always in the same tree. So a sum gives
// the same bits on every run (no atomics). Blocks are kThreads wide.
#pragma once
#include <cstdint>

#include "backend/backend.h"
#include "backend/cuda/common.cuh"
#include "backend/cuda/reduce_math.h"

namespace nnlite::cuda_impl {

// Shuffles for every accumulator type (bool and uint8 travel as int).
template <typename A>
__device__ inline A shfl_down(A v, int d) {
  if constexpr (sizeof(A) < 4) return static_cast<A>(__shfl_down_sync(0xffffffffu, static_cast<int>(v), d));
  else return __shfl_down_sync(0xffffffffu, v, d);
}

// The reduction of the block's partials; the result is valid in thread 0.
// Every thread of the block must call it (it synchronises).
template <typename A>
__device__ inline Partial<A> block_reduce(backend::Reduce op, Partial<A> p) {
  constexpr int kWarps = kThreads / 32;
  __shared__ A vals[kWarps];
  __shared__ int64_t idxs[kWarps];
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  for (int d = 16; d > 0; d /= 2) p = combine(op, p, Partial<A>{shfl_down(p.v, d), shfl_down(p.i, d)});
  if (lane == 0) {
    vals[warp] = p.v;
    idxs[warp] = p.i;
  }
  __syncthreads();
  if (warp == 0) {
    p = lane < kWarps ? Partial<A>{vals[lane], idxs[lane]} : identity_of<A>(op);
    for (int d = 16; d > 0; d /= 2) p = combine(op, p, Partial<A>{shfl_down(p.v, d), shfl_down(p.i, d)});
  }
  __syncthreads();  // the shared slots may be reused by the caller's next row
  return p;
}

// The accumulator of sums and products: double for floats, int64 for
// integers (wrapping as the CPU's T arithmetic does once cast back).
template <typename T>
using sum_acc_t = std::conditional_t<std::is_floating_point_v<T>, double, int64_t>;

}  // namespace nnlite::cuda_impl
