// The direct convolution's second register tile, with output channels in
// the vector lanes (cpu/direct_conv.cpp chooses it): NV vectors of L output
// channels x NP output pixels, one accumulator each. Each tap t (input
// channel, kernel row, kernel column) loads the NV weight vectors of the
// block's packed [taps][NV L] panel and broadcasts the input value each
// pixel reads at that tap.
//
// direct_conv.cc puts L consecutive output columns in a vector instead,
// which leaves lanes idle on maps whose width is not a multiple of L
// (ResNet-18's 28-, 14- and 7-wide layers: 1/8 of them on AVX2). Here the
// pixels are independent broadcasts, so they run on across rows and any
// stride reads its inputs in place. The price is the packed weights, which
// direct_conv.cpp keeps between calls (packed_weights.h).
#include <cstring>

#include "backend/cpu/isa/entries.h"
#include "backend/cpu/isa/helpers.h"

namespace nnlite::cpu {
namespace {

constexpr int kLaneVecBytes = NNLITE_ISA_NS::vector_bytes;
constexpr int kLaneVectors = NNLITE_ISA_NS::direct_conv_lane_vectors;  // NV
constexpr int kLanePixels = NNLITE_ISA_NS::direct_conv_lanes_pixels;  // NP
constexpr int kFewPixels = 3;  // the remainder tile of 1 to 3 pixels

template <typename T>
struct LaneVec {
  typedef T V __attribute__((vector_size(kLaneVecBytes)));
  static constexpr int L = kLaneVecBytes / static_cast<int>(sizeof(T));
};

// Output pixels q[0..NP) (row-major indices into [Ho, Wo]; at most `count`
// real, the rest repeat the last) of channels [k0, k0 + rows): accumulate
// over the taps, then bias, residual, ReLU and the store, channel by channel.
template <typename T, int NP>
void lane_tile(const T* x, const int64_t* __restrict off, int64_t taps, int64_t rs, const T* wp, const T* bias,
               const T* residual, bool relu, T* y, int64_t HWo, int64_t Wo, int64_t k0, int rows, int64_t q0,
               int count) {
  using V = typename LaneVec<T>::V;
  constexpr int L = LaneVec<T>::L, NV = kLaneVectors;
  const T* xs[NP];
  for (int p = 0; p < NP; ++p) {
    const int64_t q = q0 + (p < count ? p : count - 1);
    xs[p] = x + (q / Wo) * rs + q % Wo;
  }
  V acc[NP][NV];
  for (int p = 0; p < NP; ++p)
    for (int v = 0; v < NV; ++v) acc[p][v] = V{};
#pragma GCC unroll 4
  for (int64_t t = 0; t < taps; ++t) {
    const int64_t o = off[t];
    V w[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) std::memcpy(&w[v], wp + (t * NV + v) * L, sizeof(V));
#pragma GCC unroll 8
    for (int p = 0; p < NP; ++p) {
      const T a = xs[p][o];
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) acc[p][v] += a * w[v];
    }
  }
  // The accumulators hold [pixel][channel]; y is [channel][pixel].
  T out[NP][NV * L];
  for (int p = 0; p < NP; ++p) std::memcpy(out[p], acc[p], sizeof(acc[p]));
  for (int r = 0; r < rows; ++r) {
    const int64_t at = (k0 + r) * HWo + q0;
    const T b = bias ? bias[k0 + r] : T(0);
    for (int p = 0; p < count; ++p) {
      T v = out[p][r] + b;
      if (residual) v += residual[at + p];
      if (relu) v = v < T(0) ? T(0) : v;  // NaN stays NaN, as in relu
      y[at + p] = v;
    }
  }
}

}  // namespace

namespace NNLITE_ISA_NS {

template <typename T>
void direct_conv_lanes(const T* x, const int64_t* off, int64_t taps, int64_t rs, const T* wp, const T* bias,
                       const T* residual, bool relu, T* y, int64_t K, int64_t Ho, int64_t Wo, int64_t k0,
                       int64_t q0, int64_t q1) {
  const int rows = static_cast<int>(min_of<int64_t>(direct_conv_lanes_channels<T>, K - k0));
  const int64_t HWo = Ho * Wo;
  int64_t q = q0;
  for (; q + kLanePixels <= q1; q += kLanePixels)
    lane_tile<T, kLanePixels>(x, off, taps, rs, wp, bias, residual, relu, y, HWo, Wo, k0, rows, q, kLanePixels);
  const int left = static_cast<int>(q1 - q);
  if (left > kFewPixels)  // 4 or 5: a full tile, its last pixel repeated
    lane_tile<T, kLanePixels>(x, off, taps, rs, wp, bias, residual, relu, y, HWo, Wo, k0, rows, q, left);
  else if (left > 0)
    lane_tile<T, kFewPixels>(x, off, taps, rs, wp, bias, residual, relu, y, HWo, Wo, k0, rows, q, left);
}

NNLITE_ISA_ENTRY(direct_conv_lanes);

}  // namespace NNLITE_ISA_NS
}  // namespace nnlite::cpu
