// The bookkeeping of the CUDA caching allocator, kept free of CUDA so the
// host-side tests drive it with a fake device (cudaMalloc and cudaFree are
// slow and synchronise the device; a training step allocates the same sizes
// every iteration, so freed blocks are kept and handed out again).
//
// Sizes are rounded to a size class: multiples of 512 bytes below 1 MiB,
// multiples of 2 MiB above. A request reuses the smallest cached block of at
// least its class that is not much larger (under twice the class for small
// blocks, within an eighth for large ones); otherwise a new block comes from
// the device. When the device is out of memory the cache is released and the
// request retried once. All kernels run on one stream, so a block freed on
// the host may be handed out at once: the next kernel that uses it is ordered
// after every kernel that used it before.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>

namespace nnlite::cuda_impl {

class BlockCache {
 public:
  using RawAlloc = std::function<void*(size_t)>;  // nullptr when the device is out of memory
  using RawFree = std::function<void(void*, size_t)>;

  struct Stats {
    size_t allocated = 0;      // bytes in blocks handed out (size classes)
    size_t peak_allocated = 0;
    size_t reserved = 0;       // bytes held from the device: handed out + cached
    size_t cached_blocks = 0;
    size_t device_allocs = 0;  // calls to the raw allocator that succeeded
  };

  static constexpr size_t kSmallLimit = size_t(1) << 20;
  static constexpr size_t kSmallRound = 512;
  static constexpr size_t kLargeRound = size_t(2) << 20;

  BlockCache(RawAlloc raw_alloc, RawFree raw_free) : raw_alloc_(std::move(raw_alloc)), raw_free_(std::move(raw_free)) {}
  BlockCache(const BlockCache&) = delete;
  BlockCache& operator=(const BlockCache&) = delete;

  static size_t size_class(size_t n) {
    const size_t r = n < kSmallLimit ? kSmallRound : kLargeRound;
    return (n + r - 1) / r * r;
  }
  // The largest cached block a request of class c may take.
  static size_t reuse_limit(size_t c) { return c < kSmallLimit ? 2 * c - 1 : c + c / 8; }

  // A block of at least n bytes, or nullptr when the device has none even
  // after the cache was released (n == 0 gives nullptr too).
  void* allocate(size_t n) {
    if (n == 0) return nullptr;
    std::lock_guard<std::mutex> lock(mu_);
    const size_t c = size_class(n);
    auto it = free_.lower_bound(c);
    if (it != free_.end() && it->first <= reuse_limit(c)) {
      void* p = it->second;
      const size_t size = it->first;
      free_.erase(it);
      return hand_out(p, size);
    }
    void* p = raw_alloc_(c);
    if (!p) {
      release_cached();
      p = raw_alloc_(c);
      if (!p) return nullptr;
    }
    stats_.reserved += c;
    ++stats_.device_allocs;
    return hand_out(p, c);
  }

  // Takes a block back into the cache; false when p was not handed out here.
  bool release(void* p) {
    if (!p) return true;
    std::lock_guard<std::mutex> lock(mu_);
    auto it = live_.find(p);
    if (it == live_.end()) return false;
    stats_.allocated -= it->second;
    free_.emplace(it->second, p);
    live_.erase(it);
    return true;
  }

  // Returns every cached block to the device (torch.cuda.empty_cache).
  void empty_cache() {
    std::lock_guard<std::mutex> lock(mu_);
    release_cached();
  }

  void reset_peak() {
    std::lock_guard<std::mutex> lock(mu_);
    stats_.peak_allocated = stats_.allocated;
  }

  Stats stats() const {
    std::lock_guard<std::mutex> lock(mu_);
    Stats s = stats_;
    s.cached_blocks = free_.size();
    return s;
  }

 private:
  void* hand_out(void* p, size_t size) {
    live_.emplace(p, size);
    stats_.allocated += size;
    if (stats_.allocated > stats_.peak_allocated) stats_.peak_allocated = stats_.allocated;
    return p;
  }
  void release_cached() {
    for (auto& [size, p] : free_) {
      raw_free_(p, size);
      stats_.reserved -= size;
    }
    free_.clear();
  }

  RawAlloc raw_alloc_;
  RawFree raw_free_;
  mutable std::mutex mu_;
  std::multimap<size_t, void*> free_;       // size -> cached block
  std::unordered_map<void*, size_t> live_;  // block -> its size
  Stats stats_;
};

}  // namespace nnlite::cuda_impl
