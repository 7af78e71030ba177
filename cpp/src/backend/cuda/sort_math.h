// Sort keys of the CUDA sort (sort.cu): each value maps to an unsigned integer
// whose unsigned order is the CPU backend's order (cpu/sort.cpp), so a stable
// radix sort of the keys sorts the values: NaN after every number (all NaNs
// equal), -0.0 equal to +0.0, signed integers in signed order. Plain C++, also
// checked on the host against the CPU's comparison.
#pragma once
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "backend/cuda/host_device.h"

namespace nnlite::cuda_impl {

template <typename T>
using sort_key_t = std::conditional_t<sizeof(T) == 8, uint64_t, std::conditional_t<sizeof(T) == 4, uint32_t, uint8_t>>;

template <typename T>
NNLITE_HD inline sort_key_t<T> sort_key(T v) {
  using K = sort_key_t<T>;
  if constexpr (std::is_floating_point_v<T>) {
    constexpr K sign = K(1) << (8 * sizeof(K) - 1);
    if (v != v) return static_cast<K>(~K(0));  // every NaN: the largest key
    if (v == T(0)) v = T(0);                   // -0.0 sorts with +0.0
    K bits;
    memcpy(&bits, &v, sizeof bits);
    // Negative: flip all bits (larger magnitude sorts first); else set the sign bit.
    return (bits & sign) ? static_cast<K>(~bits) : static_cast<K>(bits | sign);
  } else if constexpr (std::is_signed_v<T>) {
    constexpr K sign = K(1) << (8 * sizeof(K) - 1);
    return static_cast<K>(static_cast<K>(v) ^ sign);
  } else {
    return static_cast<K>(v);
  }
}

// The fewest low bits that hold every value in [0, n) (radix passes): at least 1.
inline int bits_for(uint64_t n) {
  int b = 1;
  while (b < 64 && n > 0 && ((n - 1) >> b) != 0) ++b;
  return b;
}

}  // namespace nnlite::cuda_impl
