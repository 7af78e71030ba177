// Per-thread scratch buffers that live across calls: the page faults of a
// fresh buffer cost more than a small convolution. `Slot` separates buffers
// that one thread uses at the same time. 64-byte aligned, so that full-width
// vector stores never straddle two cache lines.
#pragma once
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>

namespace nnlite::cpu {

template <typename T, int Slot = 0>
T* thread_scratch(size_t n) {
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  thread_local std::unique_ptr<T, Free> buf;
  thread_local size_t cap = 0;
  if (cap < n) {
    const size_t bytes = (n * sizeof(T) + 63) / 64 * 64;
    T* p = static_cast<T*>(std::aligned_alloc(64, bytes));
    if (!p) throw std::bad_alloc();
    buf.reset(p);
    cap = n;
  }
  return buf.get();
}

}  // namespace nnlite::cpu
