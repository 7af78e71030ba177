// Max pooling without indices (the inference path) of one instruction set
// (see entries.h), for strides 1 and 2; cpu/pool.cpp runs the other cases
// and every pooling that records indices for a backward pass.
#include <algorithm>
#include <limits>

#include "backend/cpu/isa/entries.h"
#include "backend/cpu/isa/helpers.h"

namespace nnlite::cpu {
namespace {

using backend::PoolGeometry;

// y[i] = the maximum of rows[t][i] over t < count (count >= 1), NaN where one
// of them is NaN (as torch). Three rows a pass (a loop over rows inside the
// vectorised loop over i would gather); `u > v ? u : v` is one vector max,
// whose NaN handling (it returns v) is corrected once per pass by unordered
// compares instead of a compare and blend per row.
template <typename T>
void max_rows(const T* const* rows, int64_t count, int64_t n, T* y) {
  const T nan = std::numeric_limits<T>::quiet_NaN();
  for (int64_t t = 0; t < count; t += 3) {
    const T* a = rows[t];
    const T* b = rows[t + 1 < count ? t + 1 : t];  // a repeated row leaves the maximum unchanged
    const T* c = rows[t + 2 < count ? t + 2 : t];
    const T* m = t == 0 ? a : y;
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) {
      const T ab = a[i] > b[i] ? a[i] : b[i], cm = c[i] > m[i] ? c[i] : m[i];
      const bool any_nan = __builtin_isunordered(a[i], b[i]) | __builtin_isunordered(c[i], m[i]);
      y[i] = any_nan ? nan : (ab > cm ? ab : cm);
    }
  }
}

// One plane, in [H, W] -> out [Ho, Wo], stride S across. Each input row is
// first written once into a padded row with -inf borders (stride 2: its even
// columns, then its odd ones), so that every tap of an output row is a
// contiguous vector load without border cases. (A run-time stride loads one
// element per lane: about 3 cycles a tap, 5x onnxruntime's time on
// ResNet-18's 112x112 max pool.) Padding taps are -inf, so each maximum is
// the one of the window's taps inside the image, as the indexed loop finds.
template <typename T, int S>
void pool_plane(const T* in, T* out, const PoolGeometry& g) {
  constexpr T lowest = -std::numeric_limits<T>::infinity();
  // A padded row covers the image and every window of a row's outputs, rounded up to whole strides.
  const int64_t span = std::max(g.W + 2 * g.pw, (g.Wo - 1) * S + (g.kw - 1) * g.dw + 1);
  const int64_t Wp = (span + S - 1) / S * S, part = Wp / S;  // a split row: S parts of `part` columns
  T* rows = scratch<T>(0, static_cast<size_t>(g.H * Wp));
  for (int64_t h = 0; h < g.H; ++h) {
    const T* row = in + h * g.W;
    T* p = rows + h * Wp;
    // Padded column c (image column c - pw) goes to part c % S, position c / S.
    const auto put = [&](int64_t c) {
      p[(c % S) * part + c / S] = c >= g.pw && c < g.pw + g.W ? row[c - g.pw] : lowest;
    };
    const int64_t k_lo = (g.pw + S - 1) / S;                 // the first k whose S columns all lie in the image
    const int64_t k_hi = std::max(k_lo, (g.W + g.pw) / S);  // one past the last
    for (int64_t c = 0; c < k_lo * S; ++c) put(c);
    for (int64_t c = k_hi * S; c < Wp; ++c) put(c);
    if constexpr (S == 1) {
      std::copy(row + (k_lo - g.pw), row + (k_hi - g.pw), p + k_lo);
    } else {
#pragma omp simd
      for (int64_t k = k_lo; k < k_hi; ++k) {
        p[k] = row[2 * k - g.pw];
        p[part + k] = row[2 * k + 1 - g.pw];
      }
    }
  }
  const T* src[64];  // a pointer per tap of one output row's windows, each read at ow
  for (int64_t oh = 0; oh < g.Ho; ++oh) {
    int64_t n = 0;
    for (int64_t i = 0; i < g.kh; ++i) {
      const int64_t h = oh * g.sh - g.ph + i * g.dh;
      if (h < 0 || h >= g.H) continue;  // a padding row: -inf
      for (int64_t j = 0; j < g.kw; ++j) {
        const int64_t c = j * g.dw;  // output ow reads padded column ow S + c
        src[n++] = rows + h * Wp + (c % S) * part + c / S;
      }
    }
    T* o = out + oh * g.Wo;
    if (n == 0)  // the window overhangs the image (ceil_mode): as the indexed loop
      std::fill(o, o + g.Wo, lowest);
    else
      max_rows(src, n, g.Wo, o);
  }
}

}  // namespace

namespace NNLITE_ISA_NS {

template <typename T>
void max_pool_values(const T* in, T* out, const PoolGeometry& g) {
  if (g.sw == 1)
    pool_plane<T, 1>(in, out, g);
  else
    pool_plane<T, 2>(in, out, g);
}

NNLITE_ISA_ENTRY(max_pool_values);

}  // namespace NNLITE_ISA_NS
}  // namespace nnlite::cpu
