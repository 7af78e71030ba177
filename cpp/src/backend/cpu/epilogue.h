// The inference epilogue a fused graph step applies to a convolution's or a
// linear layer's output in place: y = relu?(y + residual?). One pass over y
// instead of an add and a relu that each allocate and sweep it.
#pragma once
#include <cstdint>

namespace nnlite::cpu {

// y [n] (+)= residual [n] (may be null), then max(., 0) when `relu`.
void add_relu_inplace(float* y, const float* residual, int64_t n, bool relu);
void add_relu_inplace(double* y, const double* residual, int64_t n, bool relu);

}  // namespace nnlite::cpu
