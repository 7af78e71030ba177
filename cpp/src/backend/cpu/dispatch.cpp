// Chooses the SIMD kernel table once, from the CPU's features, and owns the
// thread count.
#include <omp.h>

#include <cstdlib>
#include <cstring>

#include "backend/cpu/isa/kernels.h"

namespace nnlite::cpu {

extern const IsaKernels kernels_generic;
#ifdef NNLITE_HAVE_ISA_AVX2
extern const IsaKernels kernels_avx2;
#endif
#ifdef NNLITE_HAVE_ISA_AVX512
extern const IsaKernels kernels_avx512;
#endif

namespace {
const IsaKernels* select() {
  // NNLITE_SIMD=generic|avx2|avx512 caps the choice (for tests and benchmarks).
  const char* cap = std::getenv("NNLITE_SIMD");
  auto allowed = [cap](const char* name) {
    if (!cap) return true;
    if (std::strcmp(cap, "generic") == 0) return false;
    if (std::strcmp(cap, "avx2") == 0) return std::strcmp(name, "avx2") == 0;
    return true;
  };
#if defined(__x86_64__) || defined(_M_X64)
  __builtin_cpu_init();
#ifdef NNLITE_HAVE_ISA_AVX512
  if (allowed("avx512") && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq"))
    return &kernels_avx512;
#endif
#ifdef NNLITE_HAVE_ISA_AVX2
  if (allowed("avx2") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return &kernels_avx2;
#endif
#endif
  (void)allowed;
  return &kernels_generic;
}
}  // namespace

const IsaKernels& isa() {
  static const IsaKernels* chosen = select();
  return *chosen;
}

}  // namespace nnlite::cpu

namespace nnlite::backend {
const char* simd_level() { return cpu::isa().name; }
int get_num_threads() { return omp_get_max_threads(); }
void set_num_threads(int n) {
  NNLITE_CHECK(n >= 1, Value, "set_num_threads: expected a positive thread count, got ", n);
  omp_set_num_threads(n);
}
}  // namespace nnlite::backend
