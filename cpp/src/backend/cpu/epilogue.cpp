// See epilogue.h. Threads only where the sweep is long enough to repay a
// parallel region (a batch-1 feature map is not).
#include "backend/cpu/epilogue.h"

#include <algorithm>

namespace nnlite::cpu {
namespace {

constexpr int64_t kParallelFrom = 1 << 16;

template <typename T>
void apply(T* y, const T* r, int64_t n, bool relu) {
  if (r && relu) {
#pragma omp parallel for simd schedule(static) if (n >= kParallelFrom)
    for (int64_t i = 0; i < n; ++i) y[i] = std::max(y[i] + r[i], T(0));
  } else if (r) {
#pragma omp parallel for simd schedule(static) if (n >= kParallelFrom)
    for (int64_t i = 0; i < n; ++i) y[i] += r[i];
  } else if (relu) {
#pragma omp parallel for simd schedule(static) if (n >= kParallelFrom)
    for (int64_t i = 0; i < n; ++i) y[i] = std::max(y[i], T(0));
  }
}

}  // namespace

void add_relu_inplace(float* y, const float* residual, int64_t n, bool relu) { apply(y, residual, n, relu); }
void add_relu_inplace(double* y, const double* residual, int64_t n, bool relu) { apply(y, residual, n, relu); }

}  // namespace nnlite::cpu
