// Direct convolution: every output tile accumulates straight from a padded
// copy of the image (isa/direct_conv.cc), with no im2col matrix, no packed
// operands and no Winograd transforms. Few images (batch-1 inference) are
// where that wins: there the other routes spend more on unrolling, packing
// and transforming each call than on multiplying.
#pragma once
#include "backend/backend.h"

namespace nnlite::cpu {

bool direct_conv_applies(const backend::ConvGeometry& g);

// x [N, C, H, W], w [K, C, kh, kw], bias [K] or undefined -> y [N, K, Ho, Wo],
// with the epilogue applied to each tile before it is stored.
void direct_conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, const backend::Epilogue& e, Tensor& y,
                   const backend::ConvGeometry& g);

}  // namespace nnlite::cpu
