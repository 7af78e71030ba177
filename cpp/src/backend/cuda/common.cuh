// What every CUDA kernel file shares: error checking that turns a CUDA error
// into an nnlite::Error naming the op, the stream all kernels run on, and the
// launch configuration of one-thread-per-element kernels.
#pragma once
#include <cuda_runtime.h>

#include <cstdint>

#include "nnlite/error.h"

namespace nnlite::cuda_impl {

// Raises a Runtime error naming `what` (the op or call) and CUDA's message;
// clears the sticky error state where CUDA allows, so the process stays usable.
void throw_cuda_error(cudaError_t err, const char* what);

#define NNLITE_CUDA_CHECK(expr, what)                                 \
  do {                                                                \
    cudaError_t nnlite_cuda_err_ = (expr);                            \
    if (nnlite_cuda_err_ != cudaSuccess) ::nnlite::cuda_impl::throw_cuda_error(nnlite_cuda_err_, what); \
  } while (0)

// Checks the launch just made (bad configuration, no kernel image for this GPU).
#define NNLITE_CUDA_LAUNCHED(what) NNLITE_CUDA_CHECK(cudaGetLastError(), what)

// The stream every kernel and copy of the backend is issued on (one per process
// for now: the legacy default stream's implicit syncs are avoided by using a
// non-blocking stream created on first use).
cudaStream_t stream();

// One thread per element, `threads` per block; the grid is capped so that a
// grid-stride loop covers any n (the cap keeps launches valid for n > 2^31).
constexpr int kThreads = 256;
inline unsigned blocks_for(int64_t n, int threads = kThreads) {
  int64_t b = (n + threads - 1) / threads;
  const int64_t cap = int64_t(1) << 20;
  return unsigned(b < 1 ? 1 : (b > cap ? cap : b));
}

}  // namespace nnlite::cuda_impl
