// Adam and AdamW: one fused adam_step per group and step count (python/nnlite/optim/adam.py).
#include <map>

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

void Adam::check_options(const AdamOptions& o) const {
  using nnlite::detail::py_float;
  NNLITE_CHECK(o.lr >= 0.0, Value, name(), ": invalid learning rate: ", py_float(o.lr));
  NNLITE_CHECK(o.eps >= 0.0, Value, name(), ": invalid epsilon value: ", py_float(o.eps));
  for (size_t i = 0; i < 2; ++i)
    NNLITE_CHECK(o.betas[i] >= 0.0 && o.betas[i] < 1.0, Value, name(), ": invalid beta parameter at index ", i, ": ",
                 py_float(o.betas[i]));
  NNLITE_CHECK(o.weight_decay >= 0.0, Value, name(), ": invalid weight_decay value: ", py_float(o.weight_decay));
}

const AdamState* Adam::state(const Tensor& param) const {
  auto it = state_.find(param.impl());
  return it == state_.end() ? nullptr : &it->second;
}

void Adam::step() {
  NoGradGuard no_grad;
  struct Batch {
    TensorList params, grads, exp_avgs, exp_avg_sqs, max_sqs;
  };
  for (auto& group : groups_) {
    const AdamOptions& o = group.options;
    // Parameters whose step counts differ (one got its first grad late) are
    // updated in one call per distinct count.
    std::map<int64_t, Batch> by_step;
    for (const Tensor& p : group.params) {
      Tensor grad = p.grad();
      if (!grad.defined()) continue;
      AdamState& s = state_[p.impl()];
      if (s.step == 0 && !s.exp_avg.defined()) {
        s.exp_avg = zeros_like(p);
        s.exp_avg_sq = zeros_like(p);
      }
      if (o.amsgrad && !s.max_exp_avg_sq.defined()) s.max_exp_avg_sq = zeros_like(p);
      s.step += 1;
      Batch& b = by_step[s.step];
      b.params.push_back(p);
      b.grads.push_back(grad);
      b.exp_avgs.push_back(s.exp_avg);
      b.exp_avg_sqs.push_back(s.exp_avg_sq);
      if (o.amsgrad) b.max_sqs.push_back(s.max_exp_avg_sq);
    }
    for (auto& [step, b] : by_step)
      adam_step(b.params, b.grads, b.exp_avgs, b.exp_avg_sqs, b.max_sqs, step, o.lr, o.betas[0], o.betas[1], o.eps,
                o.weight_decay, o.amsgrad, o.decoupled_weight_decay, o.maximize);
  }
}

AdamW::AdamW(TensorList params, AdamWOptions o)
    : Adam("AdamW", std::move(params),
           AdamOptions{o.lr, o.betas, o.eps, o.weight_decay, o.amsgrad, o.maximize, /*decoupled_weight_decay=*/true}) {}

}  // namespace nnlite::optim
