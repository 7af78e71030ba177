// The CUDA side of the device abstraction: device queries, the backend
// instance, its stream and its error reporting. Allocation is in allocator.cu;
// each op family's kernels are in a file of their own.
#include <cuda_runtime.h>

#include "backend/cuda/common.cuh"
#include "backend/cuda/cuda_backend.h"
#include "nnlite/device.h"

namespace nnlite {
namespace cuda {
bool is_compiled() { return true; }

int device_count() {
  int n = 0;
  // Without a driver this returns an error (e.g. 35): that means zero GPUs.
  if (cudaGetDeviceCount(&n) != cudaSuccess) {
    cudaGetLastError();
    return 0;
  }
  return n;
}

bool is_available() { return device_count() > 0; }
}  // namespace cuda

namespace cuda_impl {
void throw_cuda_error(cudaError_t err, const char* what) {
  cudaGetLastError();  // clear the error where it is not sticky
  if (err == cudaErrorMemoryAllocation)
    NNLITE_FAIL(Runtime, what, ": CUDA out of memory (", cudaGetErrorString(err), ")");
  NNLITE_FAIL(Runtime, what, ": CUDA error ", int(err), " (", cudaGetErrorName(err), ": ", cudaGetErrorString(err),
              ")");
}

cudaStream_t stream() {
  static cudaStream_t s = [] {
    cudaStream_t created = nullptr;
    NNLITE_CUDA_CHECK(cudaStreamCreateWithFlags(&created, cudaStreamNonBlocking), "cuda stream");
    return created;
  }();
  return s;
}
}  // namespace cuda_impl

namespace backend {
Backend& cuda_backend(const char* op) {
  const char* sep = op ? ": " : "";
  if (!op) op = "";
  NNLITE_CHECK(cuda::is_available(), Runtime, op, sep, "CUDA is not available: no GPU was found by the CUDA driver");
  static cuda_impl::CudaBackend instance;
  return instance;
}
}  // namespace backend
}  // namespace nnlite
