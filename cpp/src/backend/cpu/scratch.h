// Per-thread scratch buffers that live across calls: the page faults of a
// fresh buffer cost more than a small convolution. `Slot` separates buffers
// that one thread uses at the same time.
#pragma once
#include <cstddef>
#include <vector>

namespace nnlite::cpu {

template <typename T, int Slot = 0>
T* thread_scratch(size_t n) {
  thread_local std::vector<T> buf;
  if (buf.size() < n) buf.resize(n);
  return buf.data();
}

}  // namespace nnlite::cpu
