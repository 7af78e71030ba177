// NNLITE_HD marks the per-element math that both nvcc (inside kernels) and
// g++ (in the host-side tests, against the CPU backend) compile.
#pragma once

#if defined(__CUDACC__)
#define NNLITE_HD __host__ __device__
#else
#define NNLITE_HD
#endif
