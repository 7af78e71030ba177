// conv2d with a fused inference epilogue, for the steps load_graph fuses
// (exported/fused_step.cpp): y = relu?(conv2d(x, w, bias) + residual?), with
// the add and ReLU applied by the backend to the convolution's output (the
// CPU's direct convolution applies them to each tile in registers). No
// autograd record and no export report: graphs run with autograd off.
#pragma once
#include "nnlite/ops.h"

namespace nnlite {

// x [N, C, H, W] (or 3-d), w [K, C/groups, kh, kw], bias [K]?, residual
// broadcastable to [N, K, Ho, Wo] or undefined -> [N, K, Ho, Wo]
Tensor conv2d_fused(const Tensor& x, const Tensor& w, const Tensor& bias, Pair stride, Pair padding, Pair dilation,
                    int64_t groups, const Tensor& residual, bool relu);

}  // namespace nnlite
