// Engine helpers of the in-place ops (defined in inplace.cpp), for the op
// files and the bindings; not part of the public API.
#pragma once
#include "nnlite/tensor.h"

namespace nnlite::detail {

// Replace t's values by `result` (same shape) and, under grad mode, its history.
Tensor& assign_(Tensor& t, const Tensor& result, const char* op);
// `x` itself, or a private copy when `x` shares memory with `target` and the
// op computing target's new value (from x and `other`) records for backward.
Tensor inplace_input(const Tensor& x, const Tensor& target, const Tensor& other = Tensor());

}  // namespace nnlite::detail
