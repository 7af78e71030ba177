// NNLITE_HD marks the per-element math that both nvcc (inside kernels) and
// g++ (in the host-side tests, against the CPU backend) compile.
#pragma once

#if defined(__CUDACC__)
#define NNLITE_HD __host__ __device__
#else
#define NNLITE_HD
#endif

#include <cmath>

namespace nnlite::cuda_impl {

// exp and tanh in T's own precision on both sides (expf on a float, as the
// CPU's std::exp(float)); plain exp would take a float through double on the host.
NNLITE_HD inline float hd_exp(float v) { return expf(v); }
NNLITE_HD inline double hd_exp(double v) { return exp(v); }
NNLITE_HD inline float hd_tanh(float v) { return tanhf(v); }
NNLITE_HD inline double hd_tanh(double v) { return tanh(v); }

}  // namespace nnlite::cuda_impl
