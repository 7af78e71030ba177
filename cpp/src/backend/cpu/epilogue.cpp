// See epilogue.h. Threads only where the sweep is long enough to repay a
// parallel region (a batch-1 feature map is not).
#include "backend/cpu/epilogue.h"

#include <algorithm>

namespace nnlite::cpu {
namespace {

constexpr int64_t kParallelFrom = 1 << 16;

template <typename T>
void apply(T* y, const T* r, int64_t n, bool relu) {
  // v < 0 ? 0 : v rather than std::max: GCC turns std::max into a branch
  // per element here (mispredicted half the time on activations), this
  // into a compare and a blend. NaN stays NaN, as in relu's kernel.
  if (r && relu) {
#pragma omp parallel for simd schedule(static) if (n >= kParallelFrom)
    for (int64_t i = 0; i < n; ++i) {
      const T v = y[i] + r[i];
      y[i] = v < T(0) ? T(0) : v;
    }
  } else if (r) {
#pragma omp parallel for simd schedule(static) if (n >= kParallelFrom)
    for (int64_t i = 0; i < n; ++i) y[i] += r[i];
  } else if (relu) {
#pragma omp parallel for simd schedule(static) if (n >= kParallelFrom)
    for (int64_t i = 0; i < n; ++i) y[i] = y[i] < T(0) ? T(0) : y[i];
  }
}

}  // namespace

void add_relu_inplace(float* y, const float* residual, int64_t n, bool relu) { apply(y, residual, n, relu); }
void add_relu_inplace(double* y, const double* residual, int64_t n, bool relu) { apply(y, residual, n, relu); }

}  // namespace nnlite::cpu
