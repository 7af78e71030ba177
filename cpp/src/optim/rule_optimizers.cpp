// Adagrad, RMSprop, Adadelta, NAdam, RAdam, LARS, LAMB: the options as torch names them and
// the holder that keeps each parameter's state between rule_optimizer_group_step
// calls (python/nnlite/optim/adaptive.py does the same with opt.state[p]).
#include "nnlite/autograd.h"
#include "nnlite/ops.h"
#include "nnlite/optim.h"

namespace nnlite::optim {

OptimizerHyper AdagradOptions::hyper() const {
  return {{"lr", lr()}, {"lr_decay", lr_decay()}, {"weight_decay", weight_decay()},
          {"initial_accumulator_value", initial_accumulator_value()}, {"eps", eps()}, {"maximize", maximize()}};
}

OptimizerHyper RMSpropOptions::hyper() const {
  return {{"lr", lr()}, {"alpha", alpha()}, {"eps", eps()}, {"weight_decay", weight_decay()},
          {"momentum", momentum()}, {"centered", centered()}, {"maximize", maximize()}};
}

OptimizerHyper AdadeltaOptions::hyper() const {
  return {{"lr", lr()}, {"rho", rho()}, {"eps", eps()}, {"weight_decay", weight_decay()}, {"maximize", maximize()}};
}

OptimizerHyper NAdamOptions::hyper() const {
  return {{"lr", lr()},
          {"beta1", betas()[0]},
          {"beta2", betas()[1]},
          {"eps", eps()},
          {"weight_decay", weight_decay()},
          {"momentum_decay", momentum_decay()},
          {"decoupled_weight_decay", decoupled_weight_decay()},
          {"maximize", maximize()}};
}

OptimizerHyper RAdamOptions::hyper() const {
  return {{"lr", lr()},         {"beta1", betas()[0]},
          {"beta2", betas()[1]}, {"eps", eps()},
          {"weight_decay", weight_decay()}, {"decoupled_weight_decay", decoupled_weight_decay()},
          {"maximize", maximize()}};
}

OptimizerHyper LARSOptions::hyper() const {
  return {{"lr", lr()},
          {"momentum", momentum()},
          {"dampening", dampening()},
          {"weight_decay", weight_decay()},
          {"nesterov", nesterov()},
          {"trust_coefficient", trust_coefficient()},
          {"eps", eps()},
          {"trust_clip", trust_clip()},
          {"always_adapt", always_adapt()},
          {"maximize", maximize()}};
}

OptimizerHyper LAMBOptions::hyper() const {
  return {{"lr", lr()},
          {"beta1", betas()[0]},
          {"beta2", betas()[1]},
          {"eps", eps()},
          {"weight_decay", weight_decay()},
          {"bias_correction", bias_correction()},
          {"trust_clip", trust_clip()},
          {"always_adapt", always_adapt()},
          {"maximize", maximize()}};
}

template <typename Options>
RuleOptimizer<Options>::RuleOptimizer(const char* name, TensorList params, const Options& options)
    : OptimizerWith<Options>(name) {
  this->init_params(std::move(params), options);
}

template <typename Options>
RuleOptimizer<Options>::RuleOptimizer(const char* name, std::vector<ParamGroup<Options>> groups)
    : OptimizerWith<Options>(name) {
  this->init_groups(std::move(groups));
}

template <typename Options>
void RuleOptimizer<Options>::check_options(const Options& o) const {
  check_rule_optimizer_options(this->name(), o.hyper());
}

template <typename Options>
const OptimizerParamState* RuleOptimizer<Options>::state(const Tensor& param) const {
  auto it = state_.find(param.impl());
  return it == state_.end() ? nullptr : &it->second;
}

template <typename Options>
void RuleOptimizer<Options>::set_state(const Tensor& param, OptimizerParamState state) {
  state_[param.impl()] = std::move(state);
}

template <typename Options>
void RuleOptimizer<Options>::step() {
  for (auto& group : this->groups_) {
    std::vector<OptimizerParamState> states;
    for (const Tensor& p : group.params) {
      const OptimizerParamState* s = state(p);
      states.push_back(s ? *s : OptimizerParamState{});
    }
    rule_optimizer_group_step(this->name(), group.params, states, group.options.hyper());
    for (size_t i = 0; i < states.size(); ++i)
      if (!states[i].numbers.empty()) state_[group.params[i].impl()] = std::move(states[i]);
  }
}

template class RuleOptimizer<AdagradOptions>;
template class RuleOptimizer<RMSpropOptions>;
template class RuleOptimizer<AdadeltaOptions>;
template class RuleOptimizer<NAdamOptions>;
template class RuleOptimizer<RAdamOptions>;
template class RuleOptimizer<LARSOptions>;
template class RuleOptimizer<LAMBOptions>;

}  // namespace nnlite::optim
