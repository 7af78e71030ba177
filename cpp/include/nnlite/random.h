// A seedable random generator (xoshiro256**). nnlite::manual_seed seeds the
// default one that every random op uses when given no generator.
#pragma once
#include <cstdint>

namespace nnlite {

class Generator {
 public:
  explicit Generator(uint64_t seed = 5489u) { manual_seed(seed); }
  void manual_seed(uint64_t seed);
  uint64_t initial_seed() const { return seed_; }
  uint64_t next_u64();
  double next_double();  // uniform in [0, 1)
  float next_float();    // uniform in [0, 1)
  double next_normal();  // standard normal (Box-Muller)

 private:
  uint64_t seed_ = 0;
  uint64_t s_[4] = {0, 0, 0, 0};
  bool has_spare_ = false;
  double spare_ = 0;
};

Generator& default_generator();
void manual_seed(uint64_t seed);

}  // namespace nnlite
