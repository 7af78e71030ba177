// Device memory for tensors: a caching allocator (bookkeeping in
// block_cache.h) over cudaMalloc/cudaFree, and the memory figures of
// nnlite.cuda. NNLITE_NO_CUDA_MEMORY_CACHING=1 (PyTorch's
// PYTORCH_NO_CUDA_MEMORY_CACHING) gives every tensor its own exact-size
// cudaMalloc, so compute-sanitizer sees an overrun of a tensor's bytes that
// a larger cached block would hide; the memory figures then stay at zero.
#include <cstdlib>
#include <string>

#include "backend/cuda/block_cache.h"
#include "backend/cuda/common.cuh"
#include "backend/cuda/cuda_backend.h"
#include "nnlite/device.h"

namespace nnlite::cuda_impl {

namespace {
void* device_alloc(size_t n) {
  void* p = nullptr;
  const cudaError_t err = cudaMalloc(&p, n);
  if (err == cudaErrorMemoryAllocation) {
    cudaGetLastError();  // out of memory is not sticky: clear it and let the cache retry
    return nullptr;
  }
  NNLITE_CUDA_CHECK(err, "cudaMalloc");
  return p;
}

void device_free(void* p, size_t) { cudaFree(p); }

BlockCache& cache() {
  static BlockCache* c = new BlockCache(device_alloc, device_free);  // never destroyed: tensors may outlive statics
  return *c;
}

bool caching_off() {
  static const bool off = [] {
    const char* e = std::getenv("NNLITE_NO_CUDA_MEMORY_CACHING");
    return e && *e && std::string(e) != "0";
  }();
  return off;
}

std::string mib(size_t n) { return std::to_string(n / (1024.0 * 1024.0)) + " MiB"; }
}  // namespace

void* CudaBackend::allocate(size_t nbytes) {
  if (nbytes == 0) return nullptr;
  // Uncached sizes round up to whole 32-bit words: the 1-byte atomic adds
  // (atomic_add.cuh) compare-and-swap the aligned word that holds their byte.
  void* p = caching_off() ? device_alloc((nbytes + 3) & ~size_t(3)) : cache().allocate(nbytes);
  if (!p) {
    const BlockCache::Stats s = cache().stats();
    NNLITE_FAIL(Runtime, "CUDA out of memory: could not allocate ", nbytes, " bytes (", mib(nbytes),
                ") for a tensor; ", mib(s.allocated), " allocated by nnlite, ", mib(s.reserved),
                " reserved (the cache was emptied and the allocation retried)");
  }
  return p;
}

void CudaBackend::deallocate(void* p, size_t nbytes) {
  if (caching_off())
    device_free(p, nbytes);
  else
    cache().release(p);
}

}  // namespace nnlite::cuda_impl

namespace nnlite::cuda {
using cuda_impl::cache;
size_t memory_allocated() { return is_available() ? cache().stats().allocated : 0; }
size_t max_memory_allocated() { return is_available() ? cache().stats().peak_allocated : 0; }
size_t memory_reserved() { return is_available() ? cache().stats().reserved : 0; }
void reset_peak_memory_stats() {
  if (is_available()) cache().reset_peak();
}
void empty_cache() {
  if (!is_available()) return;
  // Kernels still queued may use cached blocks' neighbours; cudaFree syncs anyway.
  NNLITE_CUDA_CHECK(cudaStreamSynchronize(cuda_impl::stream()), "empty_cache");
  cache().empty_cache();
}
void synchronize() {
  if (is_available()) NNLITE_CUDA_CHECK(cudaStreamSynchronize(cuda_impl::stream()), "synchronize");
  backend::run_deferred_checks();  // the errors of ops whose checks waited for the device
}
}  // namespace nnlite::cuda
