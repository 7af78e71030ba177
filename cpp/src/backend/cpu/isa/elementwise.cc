// Elementwise kernels of one instruction set (see entries.h): y = op(x),
// y = op(a, b) with scalar broadcast, and acc += x. Loops are written so the
// compiler vectorises them for the target; strides of 0 or 1 take the
// vectorised paths.
#include "backend/cpu/isa/entries.h"
#include "backend/cpu/isa/scalar_ops.h"
#include "backend/cpu/isa/vmath.h"

namespace nnlite::cpu {
namespace {

template <typename T, typename F>
inline void map1(const T* x, int64_t sx, T* y, int64_t n, F f) {
  if (sx == 1) {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) y[i] = f(x[i]);
  } else {
    for (int64_t i = 0; i < n; ++i) y[i] = f(x[i * sx]);
  }
}

template <typename T, typename F>
inline void map2(const T* a, int64_t sa, const T* b, int64_t sb, T* y, int64_t n, F f) {
  if (sa == 1 && sb == 1) {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) y[i] = f(a[i], b[i]);
  } else if (sa == 1 && sb == 0) {
    const T bv = *b;
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) y[i] = f(a[i], bv);
  } else if (sa == 0 && sb == 1) {
    const T av = *a;
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) y[i] = f(av, b[i]);
  } else {
    for (int64_t i = 0; i < n; ++i) y[i] = f(a[i * sa], b[i * sb]);
  }
}

}  // namespace

namespace NNLITE_ISA_NS {

template <typename T>
void unary(backend::Unary op, const T* x, int64_t sx, T* y, int64_t n, double pa, double pb) {
  using backend::Unary;
  const T a = static_cast<T>(pa), b = static_cast<T>(pb);
  // The common ops get their own loop so that the switch is outside it.
  switch (op) {
    case Unary::Relu: return map1(x, sx, y, n, [](T v) { return v < T(0) ? T(0) : v; });  // NaN stays NaN
    case Unary::Neg: return map1(x, sx, y, n, [](T v) { return -v; });
    case Unary::Exp: return map1(x, sx, y, n, [](T v) { return vmath::exp(v); });
    case Unary::Tanh: return map1(x, sx, y, n, [](T v) { return std::tanh(v); });
    case Unary::Sigmoid: return map1(x, sx, y, n, [](T v) { return vmath::sigmoid(v); });
    case Unary::Sqrt: return map1(x, sx, y, n, [](T v) { return std::sqrt(v); });
    default: return map1(x, sx, y, n, [op, a, b](T v) { return unary_of(op, v, a, b); });
  }
}

template <typename T>
void binary(backend::Binary op, const T* a, int64_t sa, const T* b, int64_t sb, T* y, int64_t n) {
  using backend::Binary;
  switch (op) {
    case Binary::Add: return map2(a, sa, b, sb, y, n, [](T u, T v) { return u + v; });
    case Binary::Sub: return map2(a, sa, b, sb, y, n, [](T u, T v) { return u - v; });
    case Binary::Mul: return map2(a, sa, b, sb, y, n, [](T u, T v) { return u * v; });
    case Binary::Div: return map2(a, sa, b, sb, y, n, [](T u, T v) { return u / v; });
    case Binary::ReluGrad: return map2(a, sa, b, sb, y, n, [](T u, T v) { return u <= T(0) ? T(0) : v; });
    default: return map2(a, sa, b, sb, y, n, [op](T u, T v) { return binary_of(op, u, v); });
  }
}

template <typename T>
void accumulate(T* acc, const T* x, int64_t n) {
#pragma omp simd
  for (int64_t i = 0; i < n; ++i) acc[i] += x[i];
}

NNLITE_ISA_ENTRY(unary);
NNLITE_ISA_ENTRY(binary);
NNLITE_ISA_ENTRY(accumulate);

}  // namespace NNLITE_ISA_NS
}  // namespace nnlite::cpu
