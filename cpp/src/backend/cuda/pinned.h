// Page-locked host memory for tensors (DataLoader(pin_memory=True),
// Tensor.pin_memory()): copies from it to the GPU run asynchronously on the
// backend's stream. Declared here for the bindings only; defined in
// pinned.cu, or in no_cuda.cpp without CUDA.
#pragma once
#include "nnlite/tensor.h"

namespace nnlite::cuda {
Tensor pin_memory(const Tensor& x);  // a CPU copy of x in page-locked memory
bool is_pinned(const Tensor& x);
}  // namespace nnlite::cuda
