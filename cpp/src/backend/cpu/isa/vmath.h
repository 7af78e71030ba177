// exp written so that loops calling it vectorise: libm's exp is an opaque
// call per element (GCC only uses the vector versions in glibc's libmvec
// under -ffast-math, which we do not want for the rest of the kernels).
//
// exp(x) = 2^k * exp(r) with k = round(x / ln 2) and r = x - k ln 2 in
// [-ln2/2, ln2/2] (ln 2 split in two parts, Cody-Waite, so that k ln 2 is
// exact); exp(r) by its Taylor polynomial, short enough that truncation is
// below half an ulp; 2^k built from exponent bits in two halves so that
// results down in the subnormal range and up to overflow come out right.
// Within 1-2 ulp of the correctly rounded result (tests/test_ops_elementwise.py
// checks it against NumPy over the whole range).
//
// Internal linkage, like scalar_ops.h: every family file compiled with AVX-512
// flags has its own copy, which the linker can never substitute for the
// baseline one.
#pragma once
#include <cstdint>
#include <cstring>

namespace nnlite::cpu {
namespace {
namespace vmath {

template <typename To, typename From>
inline To bits_as(From v) {
  static_assert(sizeof(To) == sizeof(From));
  To out;
  std::memcpy(&out, &v, sizeof(To));
  return out;
}

inline float exp(float x) {
  // Beyond these the result is 0 or inf anyway; NaN goes to the low end too,
  // so that the integer conversion below stays defined (NaN is returned as is).
  const float xc = !(x >= -104.0f) ? -104.0f : (x > 89.0f ? 89.0f : x);
  constexpr float kShift = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
  const float k = (xc * 1.44269504088896341f + kShift) - kShift;
  const float r = (xc - k * 0.693145751953125f) - k * 1.42860682030941723e-06f;
  float p = 1.0f / 5040;
  p = p * r + 1.0f / 720;
  p = p * r + 1.0f / 120;
  p = p * r + 1.0f / 24;
  p = p * r + 1.0f / 6;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const auto ki = static_cast<int32_t>(k);
  const int32_t k1 = ki / 2, k2 = ki - k1;
  const float y = p * bits_as<float>((k1 + 127) << 23) * bits_as<float>((k2 + 127) << 23);
  return x != x ? x : y;
}

inline double exp(double x) {
  const double xc = !(x >= -746.0) ? -746.0 : (x > 710.0 ? 710.0 : x);  // as for float
  constexpr double kShift = 6755399441055744.0;  // 1.5 * 2^52
  const double k = (xc * 1.4426950408889634 + kShift) - kShift;
  const double r = (xc - k * 0.6931471803691238) - k * 1.9082149292705877e-10;
  // 1/n! for n = 13 down to 2
  constexpr double c[] = {1.0 / 6227020800, 1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880,
                          1.0 / 40320,      1.0 / 5040,      1.0 / 720,      1.0 / 120,     1.0 / 24,
                          1.0 / 6,          0.5};
  double p = c[0];
  for (int i = 1; i < 12; ++i) p = p * r + c[i];
  p = p * r + 1.0;
  p = p * r + 1.0;
  const auto ki = static_cast<int64_t>(k);
  const int64_t k1 = ki / 2, k2 = ki - k1;
  const double y = p * bits_as<double>((k1 + 1023) << 52) * bits_as<double>((k2 + 1023) << 52);
  return x != x ? x : y;
}

// 1 / (1 + exp(-x)) from e = exp(-|x|), which never overflows: for x < 0 it
// is e / (1 + e), which keeps the tiny (even subnormal) values of very
// negative x.
template <typename T>
inline T sigmoid(T x) {
  const T e = exp(x < T(0) ? x : -x);
  const T s = T(1) / (T(1) + e);
  return x < T(0) ? e * s : s;
}

}  // namespace vmath
}  // namespace
}  // namespace nnlite::cpu
