// The CUDA backend's GEMM (gemm.cu), shared by matmul and the convolutions
// (conv.cu): c[b] (= or +=) a[b] @ bb[b] (+ bias per column) for b < B, on the
// backend's stream. Float32/64 go to cuBLAS when it is loaded, enabled and
// the strides fit one strided-batched call; everything else (and integer
// dtypes) to the own tiled kernel. See gemm_plan.h for the argument layout.
#pragma once
#include "backend/cuda/gemm_plan.h"

namespace nnlite::cuda_impl {

// Instantiated for float, double, uint8_t, int32_t and int64_t. `what` names
// the op in errors. Writes nothing when B, M or N is 0; with K == 0 the
// product is zero (c gets the bias, or keeps its values when accumulating).
template <typename T>
void gemm(const GemmArgs<T>& p, const char* what);

}  // namespace nnlite::cuda_impl
