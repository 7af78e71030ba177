// See padded_image.h.
#include "backend/cpu/padded_image.h"

#include <algorithm>

namespace nnlite::cpu {

using backend::ConvGeometry;

PaddedImage padded_image_of(const ConvGeometry& g) {
  const int64_t Hp = g.H + 2 * g.ph, Wq = (g.W + 2 * g.pw + g.sw - 1) / g.sw;
  return {Hp, Wq, g.C * g.sw * Hp * Wq};
}

namespace {

// Padded columns [lo, hi) of phase q: those that read an input column
// (i sw + q - pw in [0, W)); the others are zero.
struct PhaseColumns {
  int64_t lo, hi;
};

PhaseColumns phase_columns(const ConvGeometry& g, const PaddedImage& p, int64_t q) {
  const int64_t lo = std::min(p.Wq, std::max<int64_t>(0, (g.pw - q + g.sw - 1) / g.sw));
  const int64_t last = g.W - 1 + g.pw - q;  // of the padded columns; none when negative
  return {lo, last < 0 ? lo : std::max(lo, std::min(p.Wq, last / g.sw + 1))};
}

// Stride 2: input column j = 2m + b lands in phase (b + pw) % 2 at column
// m + (b + pw) / 2, so a row's even columns go to one phase from `even_at`
// on and its odd ones to the other from `odd_at` on (the adjoint reads them
// back the same way).
struct HalfColumns {
  int64_t even_phase, even_at, odd_at, pairs;  // pairs: W / 2 (an odd W's last column is even)
};

HalfColumns half_columns(const ConvGeometry& g) { return {g.pw % 2, g.pw / 2, (g.pw + 1) / 2, g.W / 2}; }

}  // namespace

// Rows are short (a few to a few dozen values), so the per-row work is kept
// to the copy: the column bounds are computed once per phase, and stride 2
// splits each input row into both phases in one pass (ResNet's downsampling
// layers: this copy was 40% of their direct convolution).
template <typename T>
void pad_channels(const T* x, T* P, const ConvGeometry& g, const PaddedImage& p, int64_t c0, int64_t c1) {
  const int64_t plane = p.Hp * p.Wq;  // one phase of one channel
  for (int64_t c = c0; c < c1; ++c) {
    const T* xc = x + c * g.H * g.W;
    T* Pc = P + c * g.sw * plane;
    for (int64_t q = 0; q < g.sw; ++q) {
      T* Pq = Pc + q * plane;
      std::fill(Pq, Pq + g.ph * p.Wq, T(0));
      std::fill(Pq + (g.ph + g.H) * p.Wq, Pq + plane, T(0));
    }
    if (g.sw == 1) {
      for (int64_t h = 0; h < g.H; ++h) {
        T* row = Pc + (h + g.ph) * p.Wq;
        std::fill(row, row + g.pw, T(0));
        std::copy(xc + h * g.W, xc + (h + 1) * g.W, row + g.pw);
        std::fill(row + g.pw + g.W, row + p.Wq, T(0));
      }
    } else if (g.sw == 2) {
      const PhaseColumns c0p = phase_columns(g, p, 0), c1p = phase_columns(g, p, 1);
      const HalfColumns hc = half_columns(g);
      for (int64_t h = 0; h < g.H; ++h) {
        T* r0 = Pc + (h + g.ph) * p.Wq;
        T* r1 = r0 + plane;
        std::fill(r0, r0 + c0p.lo, T(0));
        std::fill(r0 + c0p.hi, r0 + p.Wq, T(0));
        std::fill(r1, r1 + c1p.lo, T(0));
        std::fill(r1 + c1p.hi, r1 + p.Wq, T(0));
        T* __restrict even = (hc.even_phase == 0 ? r0 : r1) + hc.even_at;
        T* __restrict odd = (hc.even_phase == 0 ? r1 : r0) + hc.odd_at;
        const T* __restrict src = xc + h * g.W;
        for (int64_t m = 0; m < hc.pairs; ++m) {
          even[m] = src[2 * m];
          odd[m] = src[2 * m + 1];
        }
        if (g.W % 2) even[hc.pairs] = src[g.W - 1];
      }
    } else {
      for (int64_t q = 0; q < g.sw; ++q) {
        const PhaseColumns cols = phase_columns(g, p, q);
        for (int64_t h = 0; h < g.H; ++h) {
          T* row = Pc + (q * p.Hp + h + g.ph) * p.Wq;
          const T* s0 = xc + h * g.W + q - g.pw;
          std::fill(row, row + cols.lo, T(0));
          for (int64_t i = cols.lo; i < cols.hi; ++i) row[i] = s0[i * g.sw];
          std::fill(row + cols.hi, row + p.Wq, T(0));
        }
      }
    }
  }
}

void tap_offsets(const ConvGeometry& g, const PaddedImage& p, int64_t* off) {
  for (int64_t c = 0, t = 0; c < g.C; ++c)
    for (int64_t i = 0; i < g.kh; ++i)
      for (int64_t j = 0; j < g.kw; ++j, ++t)
        off[t] = ((c * g.sw + (j * g.dw) % g.sw) * p.Hp + i * g.dh) * p.Wq + (j * g.dw) / g.sw;
}

template <typename T>
void unpad_channels(const T* P, T* x, const ConvGeometry& g, const PaddedImage& p, int64_t c0, int64_t c1) {
  const int64_t plane = p.Hp * p.Wq;
  for (int64_t c = c0; c < c1; ++c) {
    T* xc = x + c * g.H * g.W;
    const T* Pc = P + c * g.sw * plane + g.ph * p.Wq;  // the first input row
    if (g.sw == 1) {
      for (int64_t h = 0; h < g.H; ++h) std::copy(Pc + h * p.Wq + g.pw, Pc + h * p.Wq + g.pw + g.W, xc + h * g.W);
    } else if (g.sw == 2) {  // the two phases interleaved back, as pad_channels split them
      const HalfColumns hc = half_columns(g);
      for (int64_t h = 0; h < g.H; ++h) {
        const T* r0 = Pc + h * p.Wq;
        const T* r1 = r0 + plane;
        const T* __restrict even = (hc.even_phase == 0 ? r0 : r1) + hc.even_at;
        const T* __restrict odd = (hc.even_phase == 0 ? r1 : r0) + hc.odd_at;
        T* __restrict dst = xc + h * g.W;
        for (int64_t m = 0; m < hc.pairs; ++m) {
          dst[2 * m] = even[m];
          dst[2 * m + 1] = odd[m];
        }
        if (g.W % 2) dst[g.W - 1] = even[hc.pairs];
      }
    } else {
      for (int64_t h = 0; h < g.H; ++h)
        for (int64_t w = 0; w < g.W; ++w) {
          const int64_t col = w + g.pw;
          xc[h * g.W + w] = Pc[(col % g.sw) * plane + h * p.Wq + col / g.sw];
        }
    }
  }
}

template void pad_channels<float>(const float*, float*, const ConvGeometry&, const PaddedImage&, int64_t, int64_t);
template void pad_channels<double>(const double*, double*, const ConvGeometry&, const PaddedImage&, int64_t, int64_t);
template void unpad_channels<float>(const float*, float*, const ConvGeometry&, const PaddedImage&, int64_t, int64_t);
template void unpad_channels<double>(const double*, double*, const ConvGeometry&, const PaddedImage&, int64_t,
                                     int64_t);

}  // namespace nnlite::cpu
