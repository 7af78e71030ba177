// See epilogue.h. Threads only where the sweep is long enough to repay a
// parallel region (a batch-1 feature map is not).
#include "backend/cpu/epilogue.h"

#include <omp.h>

#include <algorithm>

namespace nnlite::cpu {
namespace {

constexpr int64_t kParallelFrom = 1 << 16;

// y[0, n) = relu?(y + r?). v < 0 ? 0 : v rather than std::max: GCC turns
// std::max into a branch per element here (mispredicted half the time on
// activations), this into a compare and a blend. NaN stays NaN, as in
// relu's kernel.
template <typename T>
void apply_run(T* __restrict y, const T* __restrict r, int64_t n, bool relu) {
  if (r && relu) {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) {
      const T v = y[i] + r[i];
      y[i] = v < T(0) ? T(0) : v;
    }
  } else if (r) {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) y[i] += r[i];
  } else if (relu) {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) y[i] = y[i] < T(0) ? T(0) : y[i];
  }
}

// Not one `omp parallel for simd ... if (n >= ...)`: GCC vectorises that loop
// only in the parallel case and leaves the serial one (every batch-1 feature
// map) a scalar loop with a branch per element, 5 ns an element.
template <typename T>
void apply(T* y, const T* r, int64_t n, bool relu) {
  if (n < kParallelFrom) return apply_run(y, r, n, relu);
#pragma omp parallel
  {
    const int64_t nt = omp_get_num_threads(), t = omp_get_thread_num();
    const int64_t per = (n / nt + 15) / 16 * 16, lo = std::min(n, t * per), hi = std::min(n, lo + per);
    apply_run(y + lo, r ? r + lo : nullptr, hi - lo, relu);
  }
}

}  // namespace

void add_relu_inplace(float* y, const float* residual, int64_t n, bool relu) { apply(y, residual, n, relu); }
void add_relu_inplace(double* y, const double* residual, int64_t n, bool relu) { apply(y, residual, n, relu); }
void add_relu_row(float* y, const float* residual, int64_t n, bool relu) { apply_run(y, residual, n, relu); }
void add_relu_row(double* y, const double* residual, int64_t n, bool relu) { apply_run(y, residual, n, relu); }

}  // namespace nnlite::cpu
