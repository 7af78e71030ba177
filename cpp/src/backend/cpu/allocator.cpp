// CPU memory: 64-byte aligned blocks, so SIMD loads of fresh tensors never
// split cache lines. Large blocks are kept after they are freed and handed
// out again for the next request of the same size: a training step asks for
// the same sizes every iteration, and fresh pages cost a page fault each
// (the largest single cost of allocation on this kind of machine).
#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "backend/cpu/cpu_backend.h"

namespace nnlite::cpu {

namespace {

constexpr size_t kCacheFrom = size_t(64) << 10;   // smaller blocks go straight to malloc
constexpr size_t kCacheLimit = size_t(1) << 30;   // at most this many idle bytes are kept

class BlockCache {
 public:
  void* take(size_t bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = free_.find(bytes);
    if (it == free_.end() || it->second.empty()) return nullptr;
    void* p = it->second.back();
    it->second.pop_back();
    idle_ -= bytes;
    return p;
  }

  // Keep p for reuse; false when the cache is full (the caller frees it).
  bool give(void* p, size_t bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    if (idle_ + bytes > kCacheLimit) return false;
    free_[bytes].push_back(p);
    idle_ += bytes;
    return true;
  }

  std::mutex mu_;
  std::unordered_map<size_t, std::vector<void*>> free_;
  size_t idle_ = 0;
};

BlockCache& cache() {
  static BlockCache* c = new BlockCache();  // never destroyed: storages may outlive static destruction
  return *c;
}

// Blocks under kCacheFrom (the storage of scalars and small tensors, one or
// more per op) are kept in per-thread lists: aligned_alloc splits and merges
// heap chunks on every call, and freeing a few KiB next to the top of the
// heap consolidates it, which costs more than a small kernel. Blocks up to
// 1 KiB are kept per size (64 of each); larger ones in a few slots of any
// size, so that a thread keeps at most kMediumKeep x 64 KiB of them. A block
// freed on another thread joins that thread's lists. Builds with
// AddressSanitizer skip these lists so that every block is checked.
constexpr size_t kSmallMax = 1024;  // blocks up to this size (a multiple of 64)
constexpr int kSmallKeep = 64;      // blocks kept per size and thread
constexpr int kSmallSizes = kSmallMax / 64;
constexpr int kMediumKeep = 16;     // blocks of (kSmallMax, kCacheFrom) bytes kept per thread

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kKeepSmall = false;
#else
constexpr bool kKeepSmall = true;
#endif

// Plain arrays, trivially destructible, so that a storage freed late in a
// thread's exit (after the thread's other thread_locals are gone) still
// finds valid lists: once `closed`, blocks go straight back to free().
struct SmallBlocks {
  void* blocks[kSmallSizes][kSmallKeep];
  int count[kSmallSizes];
  void* medium[kMediumKeep];
  size_t medium_bytes[kMediumKeep];
  int medium_count;
  bool closed;
};

SmallBlocks& small_blocks() {
  thread_local SmallBlocks lists{};
  thread_local struct Release {
    ~Release() {
      for (int c = 0; c < kSmallSizes; ++c)
        while (lists.count[c] > 0) std::free(lists.blocks[c][--lists.count[c]]);
      while (lists.medium_count > 0) std::free(lists.medium[--lists.medium_count]);
      lists.closed = true;
    }
  } release;
  (void)release;
  return lists;
}

void* take_small(size_t bytes) {
  SmallBlocks& s = small_blocks();
  if (bytes > kSmallMax) {
    for (int i = 0; i < s.medium_count; ++i) {
      if (s.medium_bytes[i] != bytes) continue;
      void* p = s.medium[i];
      --s.medium_count;
      s.medium[i] = s.medium[s.medium_count];
      s.medium_bytes[i] = s.medium_bytes[s.medium_count];
      return p;
    }
    return nullptr;
  }
  int c = static_cast<int>(bytes / 64) - 1;
  return s.count[c] > 0 ? s.blocks[c][--s.count[c]] : nullptr;
}

bool give_small(void* p, size_t bytes) {
  SmallBlocks& s = small_blocks();
  if (s.closed) return false;
  if (bytes > kSmallMax) {
    if (s.medium_count == kMediumKeep) return false;
    s.medium[s.medium_count] = p;
    s.medium_bytes[s.medium_count++] = bytes;
    return true;
  }
  int c = static_cast<int>(bytes / 64) - 1;
  if (s.count[c] == kSmallKeep) return false;
  s.blocks[c][s.count[c]++] = p;
  return true;
}

size_t rounded(size_t nbytes) {
  if (nbytes >= kCacheFrom) return (nbytes + 4095) / 4096 * 4096;
  size_t r = (nbytes + 63) / 64 * 64;
  return r == 0 ? 64 : r;
}

}  // namespace

void* CpuBackend::allocate(size_t nbytes) {
  const size_t bytes = rounded(nbytes);
  if (kKeepSmall && bytes < kCacheFrom) {
    if (void* p = take_small(bytes)) return p;
  } else if (bytes >= kCacheFrom) {
    if (void* p = cache().take(bytes)) return p;
  }
  void* p = std::aligned_alloc(64, bytes);
  NNLITE_CHECK(p != nullptr, Runtime, "allocate: out of memory allocating ", nbytes, " bytes on the CPU");
  return p;
}

void CpuBackend::deallocate(void* p, size_t nbytes) {
  const size_t bytes = rounded(nbytes);
  if (kKeepSmall && bytes < kCacheFrom && give_small(p, bytes)) return;
  if (bytes >= kCacheFrom && cache().give(p, bytes)) return;
  std::free(p);
}

}  // namespace nnlite::cpu

namespace nnlite::backend {
Backend& cpu_backend() {
  static cpu::CpuBackend instance;
  return instance;
}
}  // namespace nnlite::backend
