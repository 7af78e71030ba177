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
#include "backend/cuda/gemm_plan.h"
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

// ---- the GEMMs of the three convolutions (conv.cu), per chunk and group ----
// Below, Cg = C/G, Kg = K/G, CKg = Cg*kh*kw, CK = C*kh*kw, HWo = Ho*Wo, and a
// chunk is images [n0, n0 + count).

// Forward: y[n, gi] [Kg, HWo] = w[gi] [Kg, CKg] @ cols[n, gi] [CKg, HWo],
// batched over the chunk. cols: image n0's cols [CK, HWo], images CK*HWo
// apart (x itself for a pointwise convolution); y: the whole output.
template <typename T>
GemmArgs<T> conv_forward_gemm(const backend::ConvGeometry& g, const T* w, const T* cols, T* y, int64_t n0,
                              int64_t count, int64_t gi) {
  const int64_t Kg = g.K / g.groups, CKg = (g.C / g.groups) * g.kh * g.kw, CK = g.C * g.kh * g.kw;
  const int64_t HWo = g.Ho * g.Wo;
  GemmArgs<T> p{};
  p.B = count, p.M = Kg, p.N = HWo, p.K = CKg;
  p.a = w + gi * Kg * CKg, p.sa = {0, CKg, 1};  // the same weights for every image
  p.b = cols + gi * CKg * HWo, p.sb = {CK * HWo, HWo, 1};
  p.c = y + (n0 * g.K + gi * Kg) * HWo, p.sc = {g.K * HWo, HWo, 1};
  p.a_k_fast = true, p.b_n_fast = true;
  return p;
}

// Input grad: cols[n, gi] [CKg, HWo] = w[gi]^T [CKg, Kg] @ gy[n, gi] [Kg, HWo],
// batched over the chunk; cols as in the forward (gx itself when pointwise).
template <typename T>
GemmArgs<T> conv_input_grad_gemm(const backend::ConvGeometry& g, const T* w, const T* gy, T* cols, int64_t n0,
                                 int64_t count, int64_t gi) {
  const int64_t Kg = g.K / g.groups, CKg = (g.C / g.groups) * g.kh * g.kw, CK = g.C * g.kh * g.kw;
  const int64_t HWo = g.Ho * g.Wo;
  GemmArgs<T> p{};
  p.B = count, p.M = CKg, p.N = HWo, p.K = Kg;
  p.a = w + gi * Kg * CKg, p.sa = {0, 1, CKg};  // w[gi] [Kg, CKg] read transposed
  p.b = gy + (n0 * g.K + gi * Kg) * HWo, p.sb = {g.K * HWo, HWo, 1};
  p.c = cols + gi * CKg * HWo, p.sc = {CK * HWo, HWo, 1};
  p.a_k_fast = false, p.b_n_fast = true;
  return p;
}

// Weight grad of one chunk, batched over groups, summing over the chunk's
// L = count*HWo pixels: gw[gi] [Kg, CKg] (+)= gyt[gi] [Kg, L] @ cols[gi]^T [L, CKg],
// with gyt [K, count, HWo] (gy_transposed_index) and cols [CK, count, HWo]
// (im2col with ColLayout{HWo, L}).
template <typename T>
GemmArgs<T> conv_weight_grad_gemm(const backend::ConvGeometry& g, const T* gyt, const T* cols, T* gw, int64_t count,
                                  bool accumulate) {
  const int64_t Kg = g.K / g.groups, CKg = (g.C / g.groups) * g.kh * g.kw, L = count * g.Ho * g.Wo;
  GemmArgs<T> p{};
  p.B = g.groups, p.M = Kg, p.N = CKg, p.K = L;
  p.a = gyt, p.sa = {Kg * L, L, 1};
  p.b = cols, p.sb = {CKg * L, 1, L};
  p.c = gw, p.sc = {Kg * CKg, CKg, 1};
  p.accumulate = accumulate;
  p.a_k_fast = true, p.b_n_fast = false;
  return p;
}

// Where element i of a chunk of gy [count, K, HWo] goes in gyt [K, count, HWo].
NNLITE_HD inline int64_t gy_transposed_index(int64_t i, int64_t K, int64_t HWo, int64_t count) {
  const int64_t p = i % HWo, k = (i / HWo) % K, n = i / (HWo * K);
  return (k * count + n) * HWo + p;
}

// Where element i of an im2col chunk (n, r, p) in row-major [count, CK, HWo]
// order is written, and what it reads (-1: padding, else an offset in x
// from image n0's start).
struct Im2colStep {
  int64_t dst, src;
};
NNLITE_HD inline Im2colStep im2col_step(const backend::ConvGeometry& g, int64_t i, ColLayout lay) {
  const int64_t rows = g.C * g.kh * g.kw, HWo = g.Ho * g.Wo;
  const int64_t p = i % HWo, r = (i / HWo) % rows, n = i / (HWo * rows);
  const int64_t src = im2col_source(g, r, p);
  return {n * lay.image + r * lay.row + p, src < 0 ? -1 : n * g.C * g.H * g.W + src};
}

// gx element i (row-major [count, C, H, W]) from the chunk's cols (per-image layout).
template <typename T>
NNLITE_HD T col2im_element(const T* cols, const backend::ConvGeometry& g, int64_t i) {
  const int64_t HW = g.H * g.W, HWo = g.Ho * g.Wo, CK = g.C * g.kh * g.kw;
  const int64_t n = i / (g.C * HW), c = (i / HW) % g.C, h = (i % HW) / g.W, w = i % g.W;
  return col2im_gather(cols + n * CK * HWo, HWo, g, c, h, w);
}

}  // namespace nnlite::cuda_impl
