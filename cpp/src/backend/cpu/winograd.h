// 3x3, stride-1 convolutions by Winograd F(4x4, 3x3): a quarter of the
// multiplies of im2col + GEMM, at the price of transforms that scale with
// channels rather than channels squared, so it pays once both channel counts
// are moderate. Forward and weight gradient; the stride-1 input gradient is a
// forward convolution (see conv.cpp) and comes here through conv2d.
#pragma once
#include "backend/backend.h"

namespace nnlite::cpu {

bool winograd_applies(const backend::ConvGeometry& g);
// Whether the forward convolution y = conv(x, w) runs here rather than
// direct (measured per shape; see winograd.cpp). Stateful: it notes whether
// w is unchanged since the last call, which lets Winograd keep its filter.
bool winograd_wins(const backend::ConvGeometry& g, const Tensor& w);

// x [N, C, H, W], w [K, C, 3, 3], bias [K] or undefined -> y [N, K, Ho, Wo]
void winograd_conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, Tensor& y, const backend::ConvGeometry& g);
// x [N, C, H, W], gy [N, K, Ho, Wo] -> gw [K, C, 3, 3]
void winograd_conv2d_weight_grad(const Tensor& x, const Tensor& gy, Tensor& gw, const backend::ConvGeometry& g);

}  // namespace nnlite::cpu
