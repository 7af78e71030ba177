// CPU kernel of rbm_cd_step: hashed Bernoulli draws (its products with
// binary units are backend/cpu/binary_gemm.h's). target_clones builds
// AVX-512 and AVX2 copies beside the baseline one (backend/cpu/clones.h).
#include "backend/cpu/rbm.h"

#include "backend/cpu/clones.h"

namespace nnlite::cpu {

namespace {

// splitmix64's finaliser: a bijective mix, so distinct counters give
// distinct, well-spread 64-bit values.
NNLITE_CLONE_INLINE uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Uniforms of 32 bits, two per hash, compared in double so float32 p keeps
// its resolution: p below 2^-32 never fires, which an RBM does not notice.
template <typename T>
NNLITE_CLONE_INLINE void bernoulli(const T* p, uint64_t key, T* o, int64_t n) {
  constexpr double k2_32 = 4294967296.0;
  const int64_t pairs = n / 2;
  for (int64_t i = 0; i < pairs; ++i) {
    const uint64_t z = mix(key + static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ull);
    o[2 * i] = static_cast<double>(static_cast<uint32_t>(z)) < static_cast<double>(p[2 * i]) * k2_32 ? T(1) : T(0);
    o[2 * i + 1] = static_cast<double>(static_cast<uint32_t>(z >> 32)) < static_cast<double>(p[2 * i + 1]) * k2_32
                       ? T(1) : T(0);
  }
  if (n % 2) {
    const uint64_t z = mix(key + static_cast<uint64_t>(pairs) * 0x9E3779B97F4A7C15ull);
    o[n - 1] = static_cast<double>(static_cast<uint32_t>(z)) < static_cast<double>(p[n - 1]) * k2_32 ? T(1) : T(0);
  }
}

NNLITE_CLONES void bernoulli_f(const float* p, uint64_t key, float* o, int64_t n) { bernoulli(p, key, o, n); }
NNLITE_CLONES void bernoulli_d(const double* p, uint64_t key, double* o, int64_t n) { bernoulli(p, key, o, n); }

}  // namespace

void rbm_bernoulli(const Tensor& p, uint64_t key, Tensor& out) {
  if (p.dtype() == DType::Float32)
    bernoulli_f(p.data<float>(), key, out.data<float>(), p.numel());
  else
    bernoulli_d(p.data<double>(), key, out.data<double>(), p.numel());
}

}  // namespace nnlite::cpu
