// See zero_grad.h.
#include "nn/zero_grad.h"

#include "nnlite/autograd.h"
#include "nnlite/ops.h"

namespace nnlite::detail {

void zero_grads(const TensorList& params, bool set_to_none) {
  NoGradGuard no_grad;
  for (Tensor p : params) {  // a handle: set_grad reaches the parameter itself
    Tensor g = p.grad();
    if (!g.defined()) continue;
    if (set_to_none)
      p.set_grad(Tensor());
    else
      zero_(g);
  }
}

}  // namespace nnlite::detail
