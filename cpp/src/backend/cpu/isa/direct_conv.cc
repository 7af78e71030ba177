// The direct convolution's register tile (cpu/direct_conv.cpp drives it):
// MR output channels x S segments of L consecutive output columns, one
// vector accumulator each. Each tap t (input channel, kernel row, kernel
// column) adds w[k, t] (broadcast) times the L input values the segment's
// outputs read at that tap, which the padded, phase-split input holds
// contiguously. No im2col matrix and no packing: the weights are read in
// their own [K, C*kh*kw] layout, one broadcast per row and tap.
//
// 256-bit vectors on AVX-512 as well: batch-1 feature maps are 7 to 32
// columns wide, and 16-lane segments would leave half their lanes idle on
// the 8-wide maps; the 32 registers hold twice the channels instead.
#include <cstring>

#include "backend/cpu/isa/entries.h"
#include "backend/cpu/isa/helpers.h"

namespace nnlite::cpu {
namespace {

#if defined(__AVX2__)
constexpr int kConvVecBytes = 32;
#else
constexpr int kConvVecBytes = 16;
#endif
// The tile: kConvMR output channels x kConvSegs segments. A block of at most
// 2/3 kConvMR channels (the last block of a layer whose channels are not a
// multiple: 16 = 6 + 6 + 4) gets a tile of 2/3 the rows and 3 segments, as
// many accumulators, instead of computing repeated rows (5-9% of a
// 16-channel layer, measured on AVX2).
constexpr int kConvMR = NNLITE_ISA_NS::direct_conv_channels;
constexpr int kConvSegs = 2;
constexpr int kConvFewMR = kConvMR * 2 / 3, kConvFewSegs = 3;

template <typename T>
struct ConvVec {
  typedef T V __attribute__((vector_size(kConvVecBytes)));
  static constexpr int L = kConvVecBytes / static_cast<int>(sizeof(T));
};

// One segment: L outputs of one row from column ow0, `count` of them real.
struct ConvSegment {
  int64_t x_base, y_base, count;
};

// Where a tile goes, and its epilogue: y = relu?(acc + residual?), applied
// to the tile's registers.
template <typename T>
struct ConvOut {
  T* y;               // [K, Ho, Wo] at the tile's first channel
  const T* residual;  // the same layout, or null
  bool relu;
};

// The first `count` lanes of a vector (all of them but at a row's end). A
// full vector is copied with a constant size, one vector move; a variable
// size is a call to memmove (9% of LeNet-5's first layer).
template <typename T>
inline void copy_lanes(void* dst, const void* src, int64_t count) {
  using V = typename ConvVec<T>::V;
  if (count == ConvVec<T>::L)
    std::memcpy(dst, src, sizeof(V));
  else
    std::memcpy(dst, src, static_cast<size_t>(count) * sizeof(T));
}

// Output channels w[r] (r < rows) over the S segments seg. Rows past `rows`
// repeat the last real row's weights and are not stored.
template <typename T, int MR, int S>
inline void conv_tile(const T* x, const int64_t* __restrict off, int64_t taps, const T* const* w, int rows,
                      const T* bias, ConvOut<T> out, int64_t plane, const ConvSegment* seg) {
  using V = typename ConvVec<T>::V;
  constexpr int L = ConvVec<T>::L;
  V acc[MR][S];
  for (int r = 0; r < MR; ++r)
    for (int s = 0; s < S; ++s) acc[r][s] = V{} + (bias ? bias[r < rows ? r : rows - 1] : T(0));
  const T* xs[S];
  for (int s = 0; s < S; ++s) xs[s] = x + seg[s].x_base;
  const T* wr[MR];
  for (int r = 0; r < MR; ++r) wr[r] = w[r < rows ? r : rows - 1];
#pragma GCC unroll 4  // 6-10% over the plain loop (AVX2, C = 256)
  for (int64_t t = 0; t < taps; ++t) {
    const int64_t o = off[t];
    V v[S];
#pragma GCC unroll 8  // else GCC keeps a loop at S = 3, and the accumulators in memory
    for (int s = 0; s < S; ++s) std::memcpy(&v[s], xs[s] + o, sizeof(V));
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) {
      const T a = wr[r][t];
#pragma GCC unroll 8
      for (int s = 0; s < S; ++s) acc[r][s] += a * v[s];
    }
  }
  for (int r = 0; r < rows; ++r)
    for (int s = 0; s < S; ++s) {
      const int64_t at = r * plane + seg[s].y_base;
      V v = acc[r][s];
      if (out.residual) {
        V res = V{};
        copy_lanes<T>(&res, out.residual + at, seg[s].count);
        v += res;
      }
      if (out.relu) v = v < V{} ? V{} : v;  // NaN stays NaN, as in relu
      copy_lanes<T>(out.y + at, &v, seg[s].count);
    }
}

// Channel blocks of MR in [k0, k1) over output rows [h0, h1), tiles of S segments.
template <typename T, int MR, int S>
void conv_rows(const T* x, const int64_t* off, int64_t taps, int64_t rs, const T* w, const T* bias,
               const T* residual, bool relu, T* y, int64_t Ho, int64_t Wo, int64_t k0, int64_t k1, int64_t h0,
               int64_t h1) {
  constexpr int L = ConvVec<T>::L;
  const int64_t per_row = (Wo + L - 1) / L, nseg = (h1 - h0) * per_row, plane = Ho * Wo;
  auto segment = [&](int64_t i) {
    const int64_t oh = h0 + i / per_row, ow0 = (i % per_row) * L;
    return ConvSegment{oh * rs + ow0, oh * Wo + ow0, min_of<int64_t>(L, Wo - ow0)};
  };
  for (int64_t k = k0; k < k1; k += MR) {
    const int rows = static_cast<int>(min_of<int64_t>(MR, k1 - k));
    const T* wrow[MR];
    for (int r = 0; r < rows; ++r) wrow[r] = w + (k + r) * taps;
    const T* b = bias ? bias + k : nullptr;
    const ConvOut<T> out{y + k * plane, residual ? residual + k * plane : nullptr, relu};
    int64_t i = 0;
    for (; i + S <= nseg; i += S) {
      ConvSegment seg[S];
      for (int s = 0; s < S; ++s) seg[s] = segment(i + s);
      conv_tile<T, MR, S>(x, off, taps, wrow, rows, b, out, plane, seg);
    }
    for (; i < nseg; ++i) {  // the last S - 1 at most
      const ConvSegment seg = segment(i);
      conv_tile<T, MR, 1>(x, off, taps, wrow, rows, b, out, plane, &seg);
    }
  }
}

}  // namespace

namespace NNLITE_ISA_NS {

template <typename T>
void direct_conv(const T* x, const int64_t* off, int64_t taps, int64_t rs, const T* w, const T* bias,
                 const T* residual, bool relu, T* y, int64_t Ho, int64_t Wo, int64_t k0, int64_t k1, int64_t h0,
                 int64_t h1) {
  if (k1 - k0 <= kConvFewMR)
    conv_rows<T, kConvFewMR, kConvFewSegs>(x, off, taps, rs, w, bias, residual, relu, y, Ho, Wo, k0, k1, h0, h1);
  else
    conv_rows<T, kConvMR, kConvSegs>(x, off, taps, rs, w, bias, residual, relu, y, Ho, Wo, k0, k1, h0, h1);
}

NNLITE_ISA_ENTRY(direct_conv);

}  // namespace NNLITE_ISA_NS
}  // namespace nnlite::cpu
