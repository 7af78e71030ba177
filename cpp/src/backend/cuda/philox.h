// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2,
// 3", SC'11): a counter-based generator, so element i of a random tensor is a
// pure function of (key, i) and every thread draws its own numbers without
// shared state. The key comes from one draw of the nnlite.Generator per call,
// so seeded runs repeat. Host and device compile the same code; the host-side
// test checks the published known-answer vectors.
#pragma once
#include <cstdint>

#include "backend/cuda/host_device.h"

namespace nnlite::cuda_impl {

struct Philox4 {
  uint32_t v[4];
};

NNLITE_HD inline void mulhilo32(uint32_t a, uint32_t b, uint32_t& hi, uint32_t& lo) {
  const uint64_t p = static_cast<uint64_t>(a) * static_cast<uint64_t>(b);
  hi = static_cast<uint32_t>(p >> 32);
  lo = static_cast<uint32_t>(p);
}

// Ten rounds of Philox4x32 on counter c with key (k0, k1).
NNLITE_HD inline Philox4 philox4x32_10(Philox4 c, uint32_t k0, uint32_t k1) {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += 0x9E3779B9u;  // the Weyl key schedule
      k1 += 0xBB67AE85u;
    }
    uint32_t hi0, lo0, hi1, lo1;
    mulhilo32(0xD2511F53u, c.v[0], hi0, lo0);
    mulhilo32(0xCD9E8D57u, c.v[2], hi1, lo1);
    c = Philox4{{hi1 ^ c.v[1] ^ k0, lo1, hi0 ^ c.v[3] ^ k1, lo0}};
  }
  return c;
}

// The four words for element `i` of a call keyed by `key`; `round` numbers the
// extra blocks an element needs (rejection sampling, Poisson's loop).
NNLITE_HD inline Philox4 philox_block(uint64_t key, uint64_t i, uint32_t round = 0) {
  Philox4 c{{static_cast<uint32_t>(i), static_cast<uint32_t>(i >> 32), round, 0u}};
  return philox4x32_10(c, static_cast<uint32_t>(key), static_cast<uint32_t>(key >> 32));
}

// Uniform in [0, 1): 24 bits for float, 53 bits (two words) for double.
NNLITE_HD inline float unit_float(uint32_t w) { return static_cast<float>(w >> 8) * (1.0f / 16777216.0f); }
NNLITE_HD inline double unit_double(uint32_t hi, uint32_t lo) {
  const uint64_t x = (static_cast<uint64_t>(hi) << 32) | lo;
  return static_cast<double>(x >> 11) * (1.0 / 9007199254740992.0);
}
NNLITE_HD inline uint64_t word64(uint32_t hi, uint32_t lo) { return (static_cast<uint64_t>(hi) << 32) | lo; }

}  // namespace nnlite::cuda_impl

namespace nnlite::cuda_impl {

// A stream of uniforms for one element, for draws that need a varying number
// of them (rejection, Poisson): element i's blocks are rounds 0, 1, 2, ...
struct PhiloxStream {
  uint64_t key, i;
  uint32_t round = 0;
  int used = 2;  // doubles taken from `block` (two per block)
  Philox4 block{};

  NNLITE_HD PhiloxStream(uint64_t k, uint64_t elem) : key(k), i(elem) {}
  NNLITE_HD uint64_t next_u64() {
    if (used == 2) {
      block = philox_block(key, i, round++);
      used = 0;
    }
    const int k = 2 * used++;
    return word64(block.v[k], block.v[k + 1]);
  }
  NNLITE_HD double next_double() { return static_cast<double>(next_u64() >> 11) * (1.0 / 9007199254740992.0); }
};

}  // namespace nnlite::cuda_impl
