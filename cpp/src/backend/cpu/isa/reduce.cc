// Row reductions of one instruction set (see entries.h): the sum of a
// contiguous run and softmax / log_softmax over one contiguous row.
#include <cmath>

#include "backend/cpu/isa/entries.h"
#include "backend/cpu/isa/helpers.h"
#include "backend/cpu/isa/vmath.h"

namespace nnlite::cpu::NNLITE_ISA_NS {

template <typename T>
double sum(const T* x, int64_t n) {
  // Vector partial sums over blocks, blocks added in double: fast and within
  // a few ulps for long rows.
  double total = 0;
  for (int64_t s = 0; s < n; s += 4096) {
    int64_t e = min_of<int64_t>(n, s + 4096);
    T acc = 0;
#pragma omp simd reduction(+ : acc)
    for (int64_t i = s; i < e; ++i) acc += x[i];
    total += acc;
  }
  return total;
}

template <typename T>
void softmax_row(const T* x, T* y, int64_t n, bool log) {
  if (n == 0) return;
  T m = x[0];
  for (int64_t i = 1; i < n; ++i) m = max_of(m, x[i]);
  double s = 0;
  if (log) {
    T acc = 0;
#pragma omp simd reduction(+ : acc)
    for (int64_t i = 0; i < n; ++i) acc += vmath::exp(x[i] - m);
    s = acc;
    T shift = m + static_cast<T>(std::log(s));
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) y[i] = x[i] - shift;
  } else {
    T acc = 0;
#pragma omp simd reduction(+ : acc)
    for (int64_t i = 0; i < n; ++i) {
      y[i] = vmath::exp(x[i] - m);
      acc += y[i];
    }
    T inv = T(1) / acc;
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) y[i] *= inv;
  }
}

NNLITE_ISA_ENTRY(sum);
NNLITE_ISA_ENTRY(softmax_row);

}  // namespace nnlite::cpu::NNLITE_ISA_NS
