// *p += v atomically for every dtype (scatter/put with accumulate). 1-byte
// types have no atomicAdd: they go through a compare-and-swap on the aligned
// 32-bit word that holds them. bool adds as "or" (the CPU's bool(a + b)).
#pragma once
#include <cstdint>
#include <type_traits>

namespace nnlite::cuda_impl {

template <typename T>
__device__ inline void atomic_add(T* p, T v) {
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double> || std::is_same_v<T, int32_t>) {
    atomicAdd(p, v);
  } else if constexpr (std::is_same_v<T, int64_t>) {
    atomicAdd(reinterpret_cast<unsigned long long*>(p), static_cast<unsigned long long>(v));  // two's complement wraps
  } else {
    static_assert(sizeof(T) == 1, "atomic_add: unexpected dtype");
    const uintptr_t addr = reinterpret_cast<uintptr_t>(p);
    unsigned int* word = reinterpret_cast<unsigned int*>(addr & ~uintptr_t(3));
    const unsigned shift = static_cast<unsigned>(addr & 3) * 8;
    unsigned int old = *word, assumed;
    do {
      assumed = old;
      const T cur = static_cast<T>((assumed >> shift) & 0xffu);
      T sum;
      if constexpr (std::is_same_v<T, bool>) sum = cur || v;
      else sum = static_cast<T>(cur + v);
      const unsigned int next = (assumed & ~(0xffu << shift)) | (static_cast<unsigned int>(sum) << shift);
      old = atomicCAS(word, assumed, next);
    } while (old != assumed);
  }
}

}  // namespace nnlite::cuda_impl
