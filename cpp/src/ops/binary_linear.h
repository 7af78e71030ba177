// linear's event-driven path (ops/binary_linear.cpp), tried before the dense GEMM.
#pragma once
#include "nnlite/tensor.h"

namespace nnlite::ops {

// linear(x, w, bias) when x is binary (every element 0 or 1) and sparse, as
// sums of the weight columns its ones select, recorded for autograd; an
// undefined tensor when x is not such an input or the product is too small
// to gain (the caller then runs the dense GEMM). Arguments already checked.
Tensor binary_linear(const Tensor& x, const Tensor& w, const Tensor& bias);

}  // namespace nnlite::ops
