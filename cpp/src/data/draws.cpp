// Per-sample seeds and bounded integer draws. The Python transforms and the
// native loader both draw through these, so the same seed gives the same
// crop and flip on either path.
#include <limits>

#include "nnlite/data.h"

namespace nnlite::data {
namespace {
// The finaliser of splitmix64: a bijection that spreads every input bit.
inline uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
}  // namespace

uint64_t sample_seed(uint64_t base, uint64_t position) {
  // Mixing the base first keeps nearby bases (0, 1, 2...) from giving
  // overlapping seed sequences for consecutive positions.
  return mix64(mix64(base) + (position + 1) * 0x9E3779B97F4A7C15ull);
}

uint64_t uniform_below(Generator& g, uint64_t n) {
  NNLITE_CHECK(n > 0, Value, "uniform_below: the range must hold at least one value, got n=0");
  // Reject the top partial block of 2^64 so every value is equally likely.
  const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % n;
  uint64_t r;
  do r = g.next_u64();
  while (r >= limit);
  return r % n;
}

}  // namespace nnlite::data
