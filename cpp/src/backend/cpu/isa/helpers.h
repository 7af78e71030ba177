// Small helpers that several family files of one instruction set use (see
// entries.h). Everything here is inline with internal linkage: each family
// file, compiled once per instruction set, gets its own copy, inlined into
// its loops exactly as when all families shared one file.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace nnlite::cpu {
namespace {

template <typename T>
inline T min_of(T a, T b) { return a < b ? a : b; }
template <typename T>
inline T max_of(T a, T b) { return a > b ? a : b; }

// Per-thread buffers reused across calls: page faults are expensive. Slots
// 0, 1: the GEMM's packed panels; 2: winograd's padded images. (Each file
// has its own buffers, so a slot is only ever grown by one family.)
template <typename T>
T* scratch(int which, size_t count) {
  thread_local T* bufs[3] = {nullptr, nullptr, nullptr};
  thread_local size_t caps[3] = {0, 0, 0};
  if (caps[which] < count) {
    std::free(bufs[which]);
    size_t bytes = ((count * sizeof(T) + 63) / 64) * 64;
    bufs[which] = static_cast<T*>(std::aligned_alloc(64, bytes));
    caps[which] = count;
  }
  return bufs[which];
}

}  // namespace
}  // namespace nnlite::cpu
