// The epilogue a fused op applies to its output in place (backend::Epilogue):
// y = relu?(y + residual?), after a convolution or a linear layer (a fused
// graph step) or a normalization. One pass over y, or none where it runs on
// rows still in cache, instead of an add and a relu that each allocate and
// sweep it.
#pragma once
#include <cstdint>

namespace nnlite::cpu {

// y [n] (+)= residual [n] (may be null), then max(., 0) when `relu`.
void add_relu_inplace(float* y, const float* residual, int64_t n, bool relu);
void add_relu_inplace(double* y, const double* residual, int64_t n, bool relu);

// The same on one thread, for a caller that already splits the work (a row
// of a normalization, still in cache).
void add_relu_row(float* y, const float* residual, int64_t n, bool relu);
void add_relu_row(double* y, const double* residual, int64_t n, bool relu);

}  // namespace nnlite::cpu
