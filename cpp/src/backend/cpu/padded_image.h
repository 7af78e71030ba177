// The zero-padded copy of an image that the direct convolution and im2col
// read (and col2im writes), split into its column phases when the stride is s > 1 (phase q holds
// the padded columns q, q + s, ...), so that the inputs of consecutive
// outputs at any tap are consecutive elements:
//   P [C, sw, Hp, Wq], Hp = H + 2 ph, Wq = ceil((W + 2 pw) / sw)
//   output (oh, ow) at tap (c, i, j) reads P[c, (j dw) % sw, oh sh + i dh, ow + (j dw) / sw]
//                                       = P[off[t] + oh * (sh Wq) + ow]
#pragma once
#include <cstdint>

#include "backend/backend.h"

namespace nnlite::cpu {

struct PaddedImage {
  int64_t Hp, Wq, size;  // size: elements of P for all C channels
};

PaddedImage padded_image_of(const backend::ConvGeometry& g);

// Channels [c0, c1) of x [C, H, W] into P (float and double).
template <typename T>
void pad_channels(const T* x, T* P, const backend::ConvGeometry& g, const PaddedImage& p, int64_t c0, int64_t c1);

// The adjoint: channels [c0, c1) of x [C, H, W] from P, padding dropped.
template <typename T>
void unpad_channels(const T* P, T* x, const backend::ConvGeometry& g, const PaddedImage& p, int64_t c0, int64_t c1);

// off[t] for tap t = (c, i, j), in a weight's [C, kh, kw] order: see above.
void tap_offsets(const backend::ConvGeometry& g, const PaddedImage& p, int64_t* off);

}  // namespace nnlite::cpu
