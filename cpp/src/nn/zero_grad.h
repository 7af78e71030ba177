// Clearing gradients, shared by Module::zero_grad and Optimizer::zero_grad so
// both treat set_to_none the same way.
#pragma once
#include "nnlite/tensor.h"

namespace nnlite::detail {

// Drop each parameter's gradient (set_to_none) or fill it with zeros in place;
// parameters without a gradient are left alone. Not recorded by autograd.
void zero_grads(const TensorList& params, bool set_to_none);

}  // namespace nnlite::detail
