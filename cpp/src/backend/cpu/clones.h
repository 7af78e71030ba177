// Per-CPU copies of small kernels without the isa/ table: target_clones
// builds an AVX-512, an AVX2 and a baseline copy of a function and the loader
// picks the best the CPU has. Helpers marked NNLITE_CLONE_INLINE are inlined
// into every copy, so they are compiled once per instruction set.
#pragma once

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define NNLITE_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#define NNLITE_CLONE_INLINE inline __attribute__((always_inline))
#else
#define NNLITE_CLONES
#define NNLITE_CLONE_INLINE inline
#endif
