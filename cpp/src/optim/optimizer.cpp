// The Optimizer base: parameter-group checks (python/nnlite/optim/optimizer.py) and zero_grad.
#include <unordered_set>

#include "nnlite/autograd.h"
#include "nnlite/ops.h"
#include "nnlite/optim.h"
#include "nn/zero_grad.h"

namespace nnlite::optim {

namespace detail {

void check_param_group(const std::string& optimizer, const TensorList& params, const TensorList& taken) {
  std::unordered_set<const TensorImpl*> seen;
  for (size_t i = 0; i < params.size(); ++i) {
    const Tensor& p = params[i];
    NNLITE_CHECK(p.defined(), Type, optimizer, " can only optimize Tensors, but params[", i,
                 "] is an undefined Tensor");
    NNLITE_CHECK(p.is_leaf(), Value, optimizer, ": can't optimize a non-leaf Tensor (params[", i, "])");
    NNLITE_CHECK(seen.insert(p.impl()).second, Value, optimizer,
                 ": a parameter group contains the same parameter more than once");
  }
  for (const Tensor& t : taken)
    NNLITE_CHECK(!seen.count(t.impl()), Value, "some parameters appear in more than one parameter group");
}

void empty_parameter_list(const std::string& optimizer) {
  NNLITE_FAIL(Value, optimizer, ": got an empty parameter list");
}

}  // namespace detail

Optimizer::~Optimizer() = default;

void Optimizer::zero_grad(bool set_to_none) { nnlite::detail::zero_grads(parameters(), set_to_none); }

void Optimizer::set_lr(double lr) {
  for (size_t g = 0; g < num_param_groups(); ++g) set_group_lr(g, lr);
}

}  // namespace nnlite::optim
