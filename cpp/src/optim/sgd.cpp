// SGD: one fused sgd_step per parameter group (python/nnlite/optim/sgd.py).
#include "nnlite/autograd.h"
#include "nnlite/ops.h"
#include "nnlite/optim.h"
#include "../nn/pyformat.h"

namespace nnlite::optim {

SGD::SGD(TensorList params, SGDOptions options) : OptimizerWith("SGD") { init_params(std::move(params), options); }

SGD::SGD(std::vector<ParamGroup<SGDOptions>> groups) : OptimizerWith("SGD") { init_groups(std::move(groups)); }

void SGD::check_options(const SGDOptions& o) const { check_sgd_options(o); }

void check_sgd_options(const SGDOptions& o) {
  using nnlite::detail::py_float;
  NNLITE_CHECK(o.lr() >= 0.0, Value, "SGD: invalid learning rate: ", py_float(o.lr()));
  NNLITE_CHECK(o.momentum() >= 0.0, Value, "SGD: invalid momentum value: ", py_float(o.momentum()));
  NNLITE_CHECK(o.weight_decay() >= 0.0, Value, "SGD: invalid weight_decay value: ", py_float(o.weight_decay()));
  NNLITE_CHECK(!o.nesterov() || (o.momentum() > 0 && o.dampening() == 0), Value,
               "SGD: Nesterov momentum requires a momentum and zero dampening");
}

Tensor SGD::momentum_buffer(const Tensor& param) const {
  auto it = buffers_.find(param.impl());
  return it == buffers_.end() ? Tensor() : it->second;
}

void SGD::set_momentum_buffer(const Tensor& param, const Tensor& buffer) {
  if (buffer.defined())
    buffers_[param.impl()] = buffer;
  else
    buffers_.erase(param.impl());
}

void SGD::step() {
  for (auto& group : groups_) {
    const SGDOptions& o = group.options;
    TensorList bufs;
    for (const Tensor& p : group.params) bufs.push_back(momentum_buffer(p));
    sgd_group_step(group.params, bufs, o.lr(), o.momentum(), o.dampening(), o.weight_decay(), o.nesterov(),
                   o.maximize());
    for (size_t i = 0; i < bufs.size(); ++i)
      if (bufs[i].defined()) buffers_[group.params[i].impl()] = bufs[i];
  }
}

}  // namespace nnlite::optim
