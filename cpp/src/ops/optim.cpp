// Fused optimizer steps: one call updates every parameter of a group.
#include <cmath>
#include <map>

#include "ops/op_util.h"

namespace nnlite {

namespace {
void check_group(const char* op, const TensorList& params, const TensorList& grads) {
  NNLITE_CHECK(params.size() == grads.size(), Value, op, ": got ", params.size(), " parameters but ", grads.size(),
               " gradients");
  for (size_t i = 0; i < params.size(); ++i) {
    ops::check_floating(params[i], op);
    NNLITE_CHECK(params[i].is_contiguous(), Value, op, ": parameter ", i, " is not contiguous");
    NNLITE_CHECK(grads[i].shape() == params[i].shape() && grads[i].dtype() == params[i].dtype(), Value, op,
                 ": gradient ", i, " (", ops::describe(grads[i]), ") does not match its parameter (",
                 ops::describe(params[i]), ")");
  }
}
void check_state(const char* op, const char* what, const TensorList& params, const TensorList& state) {
  NNLITE_CHECK(state.size() == params.size(), Value, op, ": got ", state.size(), " ", what, " for ", params.size(),
               " parameters");
  for (size_t i = 0; i < params.size(); ++i)
    NNLITE_CHECK(state[i].shape() == params[i].shape() && state[i].dtype() == params[i].dtype() &&
                     state[i].is_contiguous(),
                 Value, op, ": ", what, " ", i, " (", ops::describe(state[i]), ") does not match its parameter (",
                 ops::describe(params[i]), ")");
}
}  // namespace

void sgd_step(TensorList params, const TensorList& grads, TensorList bufs, double lr, double momentum,
              double dampening, double weight_decay, bool nesterov, bool maximize, bool first_step) {
  check_group("sgd_step", params, grads);
  NNLITE_CHECK(!nesterov || (momentum > 0 && dampening == 0), Value,
               "sgd_step: nesterov momentum requires a positive momentum and zero dampening");
  if (momentum != 0) check_state("sgd_step", "momentum buffers", params, bufs);
  NoGradGuard ng;
  for (size_t i = 0; i < params.size(); ++i) {
    Tensor g = grads[i].contiguous();
    Tensor buf = momentum != 0 ? bufs[i] : Tensor();
    ops::backend_of({params[i], g}, "sgd_step")
        .sgd_step(params[i], g, buf, lr, momentum, dampening, weight_decay, nesterov, maximize, first_step);
    params[i].storage()->bump_version();
  }
}

void adam_step(TensorList params, const TensorList& grads, TensorList exp_avgs, TensorList exp_avg_sqs,
               TensorList max_exp_avg_sqs, int64_t step, double lr, double beta1, double beta2, double eps,
               double weight_decay, bool amsgrad, bool decoupled_weight_decay, bool maximize) {
  check_group("adam_step", params, grads);
  check_state("adam_step", "exp_avgs", params, exp_avgs);
  check_state("adam_step", "exp_avg_sqs", params, exp_avg_sqs);
  if (amsgrad) check_state("adam_step", "max_exp_avg_sqs", params, max_exp_avg_sqs);
  NNLITE_CHECK(step >= 1, Value, "adam_step: step must be at least 1, got ", step);
  const double bc1 = 1 - std::pow(beta1, static_cast<double>(step));
  const double bc2 = 1 - std::pow(beta2, static_cast<double>(step));
  NoGradGuard ng;
  for (size_t i = 0; i < params.size(); ++i) {
    Tensor g = grads[i].contiguous();
    Tensor vmax = amsgrad ? max_exp_avg_sqs[i] : Tensor();
    ops::backend_of({params[i], g}, "adam_step")
        .adam_step(params[i], g, exp_avgs[i], exp_avg_sqs[i], vmax, lr, beta1, beta2, eps, weight_decay, amsgrad,
                   decoupled_weight_decay, maximize, bc1, bc2);
    params[i].storage()->bump_version();
  }
}

// ---- a parameter group's step: the bookkeeping both optim APIs share --------

void sgd_group_step(const TensorList& params, TensorList& bufs, double lr, double momentum, double dampening,
                    double weight_decay, bool nesterov, bool maximize) {
  NNLITE_CHECK(bufs.size() == params.size(), Value, "sgd_group_step: got ", bufs.size(), " momentum buffers for ",
               params.size(), " parameters");
  NoGradGuard ng;
  // Parameters whose buffer starts this step (it is set from the gradient)
  // and those that already have one (or need none) take one call each.
  TensorList fresh_p, fresh_g, fresh_b, run_p, run_g, run_b;
  for (size_t i = 0; i < params.size(); ++i) {
    Tensor grad = params[i].grad();
    if (!grad.defined()) continue;
    if (momentum == 0) {
      run_p.push_back(params[i]);
      run_g.push_back(grad);
      continue;
    }
    const bool fresh = !bufs[i].defined();
    if (fresh) bufs[i] = zeros_like(params[i]);
    (fresh ? fresh_p : run_p).push_back(params[i]);
    (fresh ? fresh_g : run_g).push_back(grad);
    (fresh ? fresh_b : run_b).push_back(bufs[i]);
  }
  if (!fresh_p.empty())
    sgd_step(fresh_p, fresh_g, fresh_b, lr, momentum, dampening, weight_decay, nesterov, maximize, true);
  if (!run_p.empty()) sgd_step(run_p, run_g, run_b, lr, momentum, dampening, weight_decay, nesterov, maximize, false);
}

void adam_group_step(const TensorList& params, std::vector<int64_t>& steps, TensorList& exp_avgs,
                     TensorList& exp_avg_sqs, TensorList& max_exp_avg_sqs, double lr, double beta1, double beta2,
                     double eps, double weight_decay, bool amsgrad, bool decoupled_weight_decay, bool maximize) {
  const size_t n = params.size();
  NNLITE_CHECK(steps.size() == n && exp_avgs.size() == n && exp_avg_sqs.size() == n && max_exp_avg_sqs.size() == n,
               Value, "adam_group_step: the state lists (", steps.size(), " steps, ", exp_avgs.size(), " exp_avgs, ",
               exp_avg_sqs.size(), " exp_avg_sqs, ", max_exp_avg_sqs.size(), " max_exp_avg_sqs) must match the ", n,
               " parameters");
  NoGradGuard ng;
  struct Batch {
    TensorList params, grads, exp_avgs, exp_avg_sqs, max_sqs;
  };
  // The step count lives per parameter (as in PyTorch); parameters whose
  // counts differ (one got its first grad late) take one call per count.
  std::map<int64_t, Batch> by_step;
  for (size_t i = 0; i < n; ++i) {
    Tensor grad = params[i].grad();
    if (!grad.defined()) continue;
    if (!exp_avgs[i].defined()) exp_avgs[i] = zeros_like(params[i]);
    if (!exp_avg_sqs[i].defined()) exp_avg_sqs[i] = zeros_like(params[i]);
    if (amsgrad && !max_exp_avg_sqs[i].defined()) max_exp_avg_sqs[i] = zeros_like(params[i]);
    steps[i] += 1;
    Batch& b = by_step[steps[i]];
    b.params.push_back(params[i]);
    b.grads.push_back(grad);
    b.exp_avgs.push_back(exp_avgs[i]);
    b.exp_avg_sqs.push_back(exp_avg_sqs[i]);
    if (amsgrad) b.max_sqs.push_back(max_exp_avg_sqs[i]);
  }
  for (auto& [step, b] : by_step)
    adam_step(b.params, b.grads, b.exp_avgs, b.exp_avg_sqs, b.max_sqs, step, lr, beta1, beta2, eps, weight_decay,
              amsgrad, decoupled_weight_decay, maximize);
}

}  // namespace nnlite
