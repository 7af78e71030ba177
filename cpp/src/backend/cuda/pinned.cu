// Page-locked host tensors: cudaHostAlloc'd memory wrapped as a CPU tensor
// whose deleter is cudaFreeHost (which waits for copies still reading it).
#include "backend/backend.h"
#include "backend/cuda/common.cuh"
#include "backend/cuda/pinned.h"
#include "nnlite/device.h"

namespace nnlite::cuda {

Tensor pin_memory(const Tensor& x) {
  NNLITE_CHECK(x.device().is_cpu(), Value, "pin_memory: expected a CPU tensor, got one on ", x.device().str());
  NNLITE_CHECK(is_available(), Runtime, "pin_memory: CUDA is not available: no GPU was found by the CUDA driver");
  const size_t nbytes = static_cast<size_t>(x.numel()) * x.itemsize();
  void* p = nullptr;
  NNLITE_CUDA_CHECK(cudaHostAlloc(&p, nbytes > 0 ? nbytes : 1, cudaHostAllocDefault), "pin_memory");
  Tensor out = from_blob(p, x.shape(), x.dtype(), [](void* q) { cudaFreeHost(q); });
  backend::cpu_backend().copy(x, out);
  return out;
}

bool is_pinned(const Tensor& x) {
  if (!x.device().is_cpu() || !is_available() || x.data_ptr() == nullptr) return false;
  cudaPointerAttributes a{};
  if (cudaPointerGetAttributes(&a, x.data_ptr()) != cudaSuccess) {
    cudaGetLastError();
    return false;
  }
  return a.type == cudaMemoryTypeHost;
}

}  // namespace nnlite::cuda
