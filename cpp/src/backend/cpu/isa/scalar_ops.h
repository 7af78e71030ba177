// The math of each elementwise op on one element, shared by the SIMD kernel
// files (compiled once per instruction set) and the generic integer paths.
// The CUDA kernels compile the same functions (NNLITE_HD), so the two
// backends share one definition of each op. Everything here has internal
// linkage so that the copies compiled with AVX-512 flags can never be picked
// by the linker for the baseline build.
#pragma once
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "backend/backend.h"
#include "backend/cuda/host_device.h"

namespace nnlite::cpu {
namespace {

template <typename T>
NNLITE_HD inline T relu_of(T x) { return x < T(0) ? T(0) : x; }  // NaN stays NaN

template <typename T>
NNLITE_HD inline T sigmoid_of(T x) {
  // Split by sign so exp never overflows.
  if (x >= T(0)) return T(1) / (T(1) + std::exp(-x));
  T e = std::exp(x);
  return e / (T(1) + e);
}

template <typename T>
NNLITE_HD inline T softplus_of(T x, T beta, T threshold) {
  T bx = beta * x;
  if (bx > threshold) return x;
  return std::log1p(std::exp(bx)) / beta;
}

template <typename T>
NNLITE_HD inline T gelu_of(T x) { return T(0.5) * x * (T(1) + std::erf(x * T(0.70710678118654752440))); }

template <typename T>
NNLITE_HD inline T gelu_tanh_of(T x) {
  const T k = T(0.79788456080286535588);  // sqrt(2/pi)
  return T(0.5) * x * (T(1) + std::tanh(k * (x + T(0.044715) * x * x * x)));
}

// One unary op on one element; `a`, `b` are the op's parameters.
template <typename T>
NNLITE_HD inline T unary_of(backend::Unary op, T x, T a, T b) {
  using backend::Unary;
  switch (op) {
    case Unary::Neg: return -x;
    case Unary::Abs: return x < T(0) ? -x : x;
    case Unary::Sign: return static_cast<T>((T(0) < x) - (x < T(0)));
    case Unary::Exp: return std::exp(x);
    case Unary::Log: return std::log(x);
    case Unary::Sqrt: return std::sqrt(x);
    case Unary::Rsqrt: return T(1) / std::sqrt(x);
    case Unary::Sin: return std::sin(x);
    case Unary::Cos: return std::cos(x);
    case Unary::Erf: return std::erf(x);
    case Unary::Tanh: return std::tanh(x);
    case Unary::Sigmoid: return sigmoid_of(x);
    case Unary::Relu: return relu_of(x);
    case Unary::LeakyRelu: return x < T(0) ? a * x : x;
    case Unary::Gelu: return gelu_of(x);
    case Unary::GeluTanh: return gelu_tanh_of(x);
    case Unary::Elu: return x < T(0) ? a * std::expm1(x) : x;
    case Unary::Softplus: return softplus_of(x, a, b);
    case Unary::Clamp: return x < a ? a : (x > b ? b : x);  // NaN passes through
    case Unary::LogicalNot: return static_cast<T>(x == T(0));
    case Unary::Log1p: return std::log1p(x);
    case Unary::Expm1: return std::expm1(x);
    case Unary::Log2: return std::log2(x);
    case Unary::Log10: return std::log10(x);
    case Unary::Floor: return std::floor(x);
    case Unary::Ceil: return std::ceil(x);
    case Unary::Round: return std::nearbyint(x);  // the default rounding mode: half to even
    case Unary::Trunc: return std::trunc(x);
  }
  return x;
}

// Integer variants: only the ops that make sense without fractions.
template <typename T>
NNLITE_HD inline T unary_int_of(backend::Unary op, T x, double a, double b) {
  using backend::Unary;
  switch (op) {
    case Unary::Neg: return static_cast<T>(-x);
    case Unary::Abs: return x < T(0) ? static_cast<T>(-x) : x;
    case Unary::Sign: return static_cast<T>((T(0) < x) - (x < T(0)));
    case Unary::Relu: return x > T(0) ? x : T(0);
    case Unary::Clamp: {
      double v = static_cast<double>(x);
      return static_cast<T>(v < a ? a : (v > b ? b : v));
    }
    case Unary::LogicalNot: return static_cast<T>(x == T(0));
    default: return x;  // the op layer rejects the others for integers
  }
}

template <typename T>
NNLITE_HD inline T pow_of(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::pow(a, b);
  } else {
    if (b < T(0)) return a == T(1) ? T(1) : T(0);  // integer pow: 1/a^n truncates
    T r = 1;
    while (b > T(0)) {
      if (b & T(1)) r = static_cast<T>(r * a);
      a = static_cast<T>(a * a);
      b = static_cast<T>(b >> 1);
    }
    return r;
  }
}

// Arithmetic binary op on one element pair (comparisons are separate).
template <typename T>
NNLITE_HD inline T binary_of(backend::Binary op, T a, T b) {
  using backend::Binary;
  switch (op) {
    case Binary::Add: return static_cast<T>(a + b);
    case Binary::Sub: return static_cast<T>(a - b);
    case Binary::Mul: return static_cast<T>(a * b);
    case Binary::Div: return static_cast<T>(a / b);
    case Binary::Pow: return pow_of(a, b);
    case Binary::Max: return (a != a) ? a : (a > b ? a : b);  // propagate NaN like torch.maximum
    case Binary::Min: return (a != a) ? a : (a < b ? a : b);
    case Binary::ReluGrad: return a <= T(0) ? T(0) : b;
    case Binary::Fmod:
      if constexpr (std::is_floating_point_v<T>) return std::fmod(a, b);
      else return static_cast<T>(a % b);
    case Binary::Remainder: {
      T r;
      if constexpr (std::is_floating_point_v<T>) r = std::fmod(a, b);
      else r = static_cast<T>(a % b);
      return (r != T(0) && ((r < T(0)) != (b < T(0)))) ? static_cast<T>(r + b) : r;
    }
    default: return a;
  }
}

template <typename T>
NNLITE_HD inline bool compare_of(backend::Binary op, T a, T b) {
  using backend::Binary;
  switch (op) {
    case Binary::Eq: return a == b;
    case Binary::Ne: return a != b;
    case Binary::Lt: return a < b;
    case Binary::Le: return a <= b;
    case Binary::Gt: return a > b;
    case Binary::Ge: return a >= b;
    case Binary::And: return (a != T(0)) && (b != T(0));
    case Binary::Or: return (a != T(0)) || (b != T(0));
    default: return false;
  }
}

}  // namespace
}  // namespace nnlite::cpu
