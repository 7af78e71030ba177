// The data-cache sizes of this CPU, read once at first use. Kernels size their
// blocks from them (a block that spills out of L2 runs at L3 bandwidth).
#pragma once
#include <cstddef>

namespace nnlite::cpu {

struct CacheSizes {
  size_t l1d, l2, l3;  // bytes per core (l3: shared, whole cache)
};

const CacheSizes& cache_sizes();

}  // namespace nnlite::cpu
