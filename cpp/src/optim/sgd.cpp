// SGD: one fused sgd_step per parameter group (python/nnlite/optim/sgd.py).
#include "nnlite/autograd.h"
#include "nnlite/ops.h"
#include "nnlite/optim.h"
#include "../nn/pyformat.h"

namespace nnlite::optim {

SGD::SGD(TensorList params, SGDOptions options) : OptimizerWith("SGD") { init_params(std::move(params), options); }

SGD::SGD(std::vector<ParamGroup<SGDOptions>> groups) : OptimizerWith("SGD") { init_groups(std::move(groups)); }

void SGD::check_options(const SGDOptions& o) const {
  using nnlite::detail::py_float;
  NNLITE_CHECK(o.lr >= 0.0, Value, "SGD: invalid learning rate: ", py_float(o.lr));
  NNLITE_CHECK(o.momentum >= 0.0, Value, "SGD: invalid momentum value: ", py_float(o.momentum));
  NNLITE_CHECK(o.weight_decay >= 0.0, Value, "SGD: invalid weight_decay value: ", py_float(o.weight_decay));
  NNLITE_CHECK(!o.nesterov || (o.momentum > 0 && o.dampening == 0), Value,
               "SGD: Nesterov momentum requires a momentum and zero dampening");
}

Tensor SGD::momentum_buffer(const Tensor& param) const {
  auto it = buffers_.find(param.impl());
  return it == buffers_.end() ? Tensor() : it->second;
}

void SGD::step() {
  NoGradGuard no_grad;
  for (auto& group : groups_) {
    const SGDOptions& o = group.options;
    // Parameters whose buffer starts this step (it is set from the gradient)
    // and those that already have one (or need none) take one call each.
    TensorList fresh_p, fresh_g, fresh_b, run_p, run_g, run_b;
    for (const Tensor& p : group.params) {
      Tensor grad = p.grad();
      if (!grad.defined()) continue;
      if (o.momentum == 0) {
        run_p.push_back(p);
        run_g.push_back(grad);
        continue;
      }
      auto it = buffers_.find(p.impl());
      if (it == buffers_.end()) {
        Tensor buf = zeros_like(p);
        buffers_.emplace(p.impl(), buf);
        fresh_p.push_back(p);
        fresh_g.push_back(grad);
        fresh_b.push_back(buf);
      } else {
        run_p.push_back(p);
        run_g.push_back(grad);
        run_b.push_back(it->second);
      }
    }
    if (!fresh_p.empty())
      sgd_step(fresh_p, fresh_g, fresh_b, o.lr, o.momentum, o.dampening, o.weight_decay, o.nesterov, o.maximize, true);
    if (!run_p.empty())
      sgd_step(run_p, run_g, run_b, o.lr, o.momentum, o.dampening, o.weight_decay, o.nesterov, o.maximize, false);
  }
}

}  // namespace nnlite::optim
