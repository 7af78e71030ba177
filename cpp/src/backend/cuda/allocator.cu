// Device memory for tensors. A plain cudaMalloc/cudaFree for now; the caching
// allocator (blocks reused by size class) replaces it.
#include "backend/cuda/common.cuh"
#include "backend/cuda/cuda_backend.h"

namespace nnlite::cuda_impl {

void* CudaBackend::allocate(size_t nbytes) {
  void* p = nullptr;
  if (nbytes == 0) return nullptr;
  NNLITE_CUDA_CHECK(cudaMalloc(&p, nbytes), "allocate");
  return p;
}

void CudaBackend::deallocate(void* p, size_t) {
  if (p) cudaFree(p);
}

}  // namespace nnlite::cuda_impl
