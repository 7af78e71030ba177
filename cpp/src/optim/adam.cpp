// Adam and AdamW: one fused adam_step per group and step count (python/nnlite/optim/adam.py).
#include "nnlite/autograd.h"
#include "nnlite/ops.h"
#include "nnlite/optim.h"
#include "../nn/pyformat.h"

namespace nnlite::optim {

Adam::Adam(TensorList params, AdamOptions options) : Adam("Adam", std::move(params), options) {}

Adam::Adam(const char* name, TensorList params, const AdamOptions& options) : OptimizerWith(name) {
  init_params(std::move(params), options);
}

Adam::Adam(std::vector<ParamGroup<AdamOptions>> groups) : OptimizerWith("Adam") { init_groups(std::move(groups)); }

void Adam::check_options(const AdamOptions& o) const { check_adam_options(name(), o); }

void check_adam_options(const std::string& name, const AdamOptions& o) {
  using nnlite::detail::py_float;
  NNLITE_CHECK(o.lr() >= 0.0, Value, name, ": invalid learning rate: ", py_float(o.lr()));
  NNLITE_CHECK(o.eps() >= 0.0, Value, name, ": invalid epsilon value: ", py_float(o.eps()));
  for (size_t i = 0; i < 2; ++i)
    NNLITE_CHECK(o.betas()[i] >= 0.0 && o.betas()[i] < 1.0, Value, name, ": invalid beta parameter at index ", i,
                 ": ", py_float(o.betas()[i]));
  NNLITE_CHECK(o.weight_decay() >= 0.0, Value, name, ": invalid weight_decay value: ", py_float(o.weight_decay()));
}

const AdamState* Adam::state(const Tensor& param) const {
  auto it = state_.find(param.impl());
  return it == state_.end() ? nullptr : &it->second;
}

void Adam::set_state(const Tensor& param, AdamState state) { state_[param.impl()] = std::move(state); }

void Adam::step() {
  for (auto& group : groups_) {
    const AdamOptions& o = group.options;
    const size_t n = group.params.size();
    std::vector<int64_t> steps(n, 0);
    TensorList exp_avgs(n), exp_avg_sqs(n), max_sqs(n);
    for (size_t i = 0; i < n; ++i) {
      if (const AdamState* s = state(group.params[i])) {
        steps[i] = s->step;
        exp_avgs[i] = s->exp_avg;
        exp_avg_sqs[i] = s->exp_avg_sq;
        max_sqs[i] = s->max_exp_avg_sq;
      }
    }
    adam_group_step(group.params, steps, exp_avgs, exp_avg_sqs, max_sqs, o.lr(), o.betas()[0], o.betas()[1], o.eps(),
                    o.weight_decay(), o.amsgrad(), o.decoupled_weight_decay(), o.maximize());
    for (size_t i = 0; i < n; ++i)
      if (steps[i] > 0) state_[group.params[i].impl()] = AdamState{steps[i], exp_avgs[i], exp_avg_sqs[i], max_sqs[i]};
  }
}

AdamW::AdamW(TensorList params, AdamWOptions o)
    : Adam("AdamW", std::move(params),
           AdamOptions(o.lr(), o.betas(), o.eps(), o.weight_decay(), o.amsgrad(), o.maximize(),
                       /*decoupled_weight_decay=*/true)) {}

}  // namespace nnlite::optim
