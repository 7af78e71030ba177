// CPU memory: 64-byte aligned blocks, so SIMD loads of fresh tensors never
// split cache lines.
#include <cstdlib>

#include "backend/cpu/cpu_backend.h"

namespace nnlite::cpu {

void* CpuBackend::allocate(size_t nbytes) {
  size_t rounded = ((nbytes + 63) / 64) * 64;
  if (rounded == 0) rounded = 64;
  void* p = std::aligned_alloc(64, rounded);
  NNLITE_CHECK(p != nullptr, Runtime, "allocate: out of memory allocating ", nbytes, " bytes on the CPU");
  return p;
}

void CpuBackend::deallocate(void* p) { std::free(p); }

}  // namespace nnlite::cpu

namespace nnlite::backend {
Backend& cpu_backend() {
  static cpu::CpuBackend instance;
  return instance;
}
}  // namespace nnlite::backend
