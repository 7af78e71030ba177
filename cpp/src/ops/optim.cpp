// Fused optimizer steps: one call updates every parameter of a group.
#include <cmath>

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

}  // namespace nnlite
