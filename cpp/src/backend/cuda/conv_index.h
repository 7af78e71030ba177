// Index math of the CUDA convolution (conv.cu), plain C++ so the host-side
// tests compare it with a NumPy reference:
//  - im2col: the unrolled matrix cols [C*kh*kw, Ho*Wo] per image, element
//    (r = (c*kh + i)*kw + j, p = oh*Wo + ow) = x[c, oh*sh - ph + i*dh, ow*sw - pw + j*dw]
//    or 0 in the padding;
//  - col2im as a gather: gx[c, h, w] = the sum of the cols elements that
//    im2col took from (c, h, w), one thread per gx element, no atomics, so
//    the sum has a fixed order (deterministic).
// Where the images of a chunk sit in cols is a ColLayout: element (n, r, p)
// at n * image + r * row + p. Per-image blocks (image = rows * Ho*Wo, row =
// Ho*Wo) feed the forward and input-grad GEMMs batched over images; rows
// spanning the chunk (image = Ho*Wo, row = nb * Ho*Wo) let the weight grad
// sum over all images in the GEMM's K.
#pragma once
#include <cstdint>

#include "backend/backend.h"
#include "backend/cuda/host_device.h"

namespace nnlite::cuda_impl {

struct ColLayout {
  int64_t image, row;
};

// The offset in one image x [C, H, W] that cols element (r, p) copies, or -1
// when it falls in the padding.
NNLITE_HD inline int64_t im2col_source(const backend::ConvGeometry& g, int64_t r, int64_t p) {
  const int64_t j = r % g.kw, i = (r / g.kw) % g.kh, c = r / (g.kw * g.kh);
  const int64_t ow = p % g.Wo, oh = p / g.Wo;
  const int64_t h = oh * g.sh - g.ph + i * g.dh, w = ow * g.sw - g.pw + j * g.dw;
  if (h < 0 || h >= g.H || w < 0 || w >= g.W) return -1;
  return (c * g.H + h) * g.W + w;
}

// gx[c, h, w] of one image: the sum over the kernel taps (i, j) whose window
// covers (h, w), read from that image's cols (laid out with row stride
// `row`). A tap covers it when h + ph - i*dh is a multiple of sh inside
// [0, Ho*sh), and likewise for w. Taps are summed in (i, j) order.
template <typename T>
NNLITE_HD T col2im_gather(const T* cols, int64_t row, const backend::ConvGeometry& g, int64_t c, int64_t h,
                          int64_t w) {
  T sum = T(0);
  for (int64_t i = 0; i < g.kh; ++i) {
    const int64_t th = h + g.ph - i * g.dh;
    if (th < 0 || th % g.sh != 0) continue;
    const int64_t oh = th / g.sh;
    if (oh >= g.Ho) continue;
    for (int64_t j = 0; j < g.kw; ++j) {
      const int64_t tw = w + g.pw - j * g.dw;
      if (tw < 0 || tw % g.sw != 0) continue;
      const int64_t ow = tw / g.sw;
      if (ow >= g.Wo) continue;
      sum += cols[((c * g.kh + i) * g.kw + j) * row + oh * g.Wo + ow];
    }
  }
  return sum;
}

// How many images one im2col chunk holds: as many as fit `budget` elements
// of cols (C*kh*kw * Ho*Wo each), at least 1, at most N.
inline int64_t conv_chunk_images(const backend::ConvGeometry& g, int64_t budget) {
  const int64_t per_image = g.C * g.kh * g.kw * g.Ho * g.Wo;
  if (per_image <= 0) return g.N > 0 ? g.N : 1;
  int64_t nb = budget / per_image;
  if (nb < 1) nb = 1;
  return nb < g.N ? nb : (g.N > 0 ? g.N : 1);
}

// A 1x1 convolution with stride 1 and no padding reads x itself as cols.
inline bool conv_is_pointwise(const backend::ConvGeometry& g) {
  return g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.ph == 0 && g.pw == 0;
}

}  // namespace nnlite::cuda_impl
