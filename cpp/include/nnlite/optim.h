// nnlite::optim: SGD, Adam and AdamW with the rules, defaults and error
// messages of nnlite.optim in Python; each step is one fused C++ call
// (sgd_step / adam_step) per parameter group.
//
// Options are fluent builders, as in libtorch, whose constructors also take
// the options positionally in Python's argument order:
//   optim::SGD opt(model.parameters(), optim::SGDOptions(0.05).momentum(0.9).weight_decay(5e-4));
//   optim::SGD opt(model.parameters(), {0.05, 0.9, 0, 5e-4, true});   // lr, momentum, dampening, wd, nesterov
//   optim::Adam opt(model.parameters(), optim::AdamOptions(1e-3).betas({0.9, 0.99}));
// The step itself (buffers, step counts, the fused update) is
// sgd_group_step / adam_group_step, which nnlite.optim calls too.
// Several groups: pass std::vector<optim::ParamGroup<optim::SGDOptions>>.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "nnlite/nn/arg.h"
#include "nnlite/tensor.h"

namespace nnlite::optim {

template <typename Options>
struct ParamGroup {
  TensorList params;
  Options options;
};

namespace detail {
// Python's add_param_group checks: defined leaf tensors, no duplicates within
// the group or with `taken` (the parameters of earlier groups).
void check_param_group(const std::string& optimizer, const TensorList& params, const TensorList& taken);
[[noreturn]] void empty_parameter_list(const std::string& optimizer);
}  // namespace detail

// What every optimizer offers, whatever its options.
class Optimizer {
 public:
  virtual ~Optimizer();
  Optimizer(const Optimizer&) = delete;
  Optimizer& operator=(const Optimizer&) = delete;

  virtual void step() = 0;
  // Drop (or zero) the .grad of every parameter.
  void zero_grad(bool set_to_none = true);
  const std::string& name() const { return name_; }
  virtual size_t num_param_groups() const = 0;
  // Every parameter, in group order.
  virtual TensorList parameters() const = 0;
  double lr(size_t group = 0) const { return group_lr(group); }
  void set_lr(double lr);  // of every group (what a scheduler does)

 protected:
  explicit Optimizer(std::string name) : name_(std::move(name)) {}
  virtual double group_lr(size_t group) const = 0;
  virtual void set_group_lr(size_t group, double lr) = 0;

 private:
  std::string name_;
};

// Param groups of one options type.
template <typename Options>
class OptimizerWith : public Optimizer {
 public:
  std::vector<ParamGroup<Options>>& param_groups() { return groups_; }
  const std::vector<ParamGroup<Options>>& param_groups() const { return groups_; }

  void add_param_group(ParamGroup<Options> group) {
    check_options(group.options);
    detail::check_param_group(name(), group.params, parameters());
    groups_.push_back(std::move(group));
  }
  size_t num_param_groups() const override { return groups_.size(); }
  TensorList parameters() const override {
    TensorList out;
    for (const auto& g : groups_) out.insert(out.end(), g.params.begin(), g.params.end());
    return out;
  }

 protected:
  explicit OptimizerWith(std::string name) : Optimizer(std::move(name)) {}
  // Derived constructors call this (not the base constructor, which cannot
  // reach the derived check_options).
  void init_groups(std::vector<ParamGroup<Options>> groups) {
    if (groups.empty()) detail::empty_parameter_list(name());
    for (auto& g : groups) add_param_group(std::move(g));
  }
  void init_params(TensorList params, const Options& options) {
    if (params.empty()) detail::empty_parameter_list(name());
    add_param_group({std::move(params), options});
  }
  virtual void check_options(const Options& options) const = 0;
  double group_lr(size_t group) const override { return groups_.at(group).options.lr(); }
  void set_group_lr(size_t group, double lr) override { groups_.at(group).options.lr(lr); }

  std::vector<ParamGroup<Options>> groups_;
};

// ---- SGD ----------------------------------------------------------------------

class SGDOptions {
 public:
  SGDOptions(double lr = 1e-3, double momentum = 0, double dampening = 0, double weight_decay = 0,  // NOLINT
             bool nesterov = false, bool maximize = false)
      : lr_(lr), momentum_(momentum), dampening_(dampening), weight_decay_(weight_decay), nesterov_(nesterov),
        maximize_(maximize) {}
  NNLITE_ARG(double, lr);
  NNLITE_ARG(double, momentum);
  NNLITE_ARG(double, dampening);
  NNLITE_ARG(double, weight_decay);
  NNLITE_ARG(bool, nesterov);  // needs momentum > 0 and dampening 0
  NNLITE_ARG(bool, maximize);
};

// The hyperparameter checks, shared with nnlite.optim.SGD (Value errors naming the optimizer).
void check_sgd_options(const SGDOptions& o);

// SGD with momentum (a parameter's first update starts its buffer from the
// gradient, PyTorch's rule), dampening, Nesterov momentum and weight decay.
class SGD : public OptimizerWith<SGDOptions> {
 public:
  explicit SGD(TensorList params, SGDOptions options = {});
  explicit SGD(std::vector<ParamGroup<SGDOptions>> groups);
  void step() override;
  // The momentum buffer of `param` (undefined before its first update with momentum).
  Tensor momentum_buffer(const Tensor& param) const;
  // Set (or, undefined, drop) the buffer of `param`, as load_state_dict does.
  void set_momentum_buffer(const Tensor& param, const Tensor& buffer);

 protected:
  void check_options(const SGDOptions& o) const override;

 private:
  std::unordered_map<const TensorImpl*, Tensor> buffers_;
};

// ---- Adam and AdamW -------------------------------------------------------------

using Betas = std::array<double, 2>;  // (beta1, beta2)

class AdamOptions {
 public:
  AdamOptions(double lr = 1e-3, std::array<double, 2> betas = {0.9, 0.999}, double eps = 1e-8,  // NOLINT
              double weight_decay = 0, bool amsgrad = false, bool maximize = false, bool decoupled_weight_decay = false)
      : lr_(lr), betas_(betas), eps_(eps), weight_decay_(weight_decay), amsgrad_(amsgrad), maximize_(maximize),
        decoupled_weight_decay_(decoupled_weight_decay) {}
  NNLITE_ARG(double, lr);
  NNLITE_ARG(Betas, betas);
  NNLITE_ARG(double, eps);
  NNLITE_ARG(double, weight_decay);
  NNLITE_ARG(bool, amsgrad);
  NNLITE_ARG(bool, maximize);
  NNLITE_ARG(bool, decoupled_weight_decay);  // true: AdamW
};

// The hyperparameter checks of Adam and AdamW (`name`), shared with nnlite.optim.
void check_adam_options(const std::string& name, const AdamOptions& o);

struct AdamState {
  int64_t step = 0;
  Tensor exp_avg, exp_avg_sq, max_exp_avg_sq;  // max_exp_avg_sq only with amsgrad
};

// Adam; the step count lives per parameter, as in PyTorch.
class Adam : public OptimizerWith<AdamOptions> {
 public:
  explicit Adam(TensorList params, AdamOptions options = {});
  explicit Adam(std::vector<ParamGroup<AdamOptions>> groups);
  void step() override;
  // The state of `param` (null before its first update).
  const AdamState* state(const Tensor& param) const;
  // Replace the state of `param`, as load_state_dict does.
  void set_state(const Tensor& param, AdamState state);

 protected:
  Adam(const char* name, TensorList params, const AdamOptions& options);
  void check_options(const AdamOptions& o) const override;

 private:
  std::unordered_map<const TensorImpl*, AdamState> state_;
};

// AdamW's defaults differ from Adam's in weight_decay (1e-2).
class AdamWOptions {
 public:
  AdamWOptions(double lr = 1e-3, std::array<double, 2> betas = {0.9, 0.999}, double eps = 1e-8,  // NOLINT
               double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false)
      : lr_(lr), betas_(betas), eps_(eps), weight_decay_(weight_decay), amsgrad_(amsgrad), maximize_(maximize) {}
  NNLITE_ARG(double, lr);
  NNLITE_ARG(Betas, betas);
  NNLITE_ARG(double, eps);
  NNLITE_ARG(double, weight_decay);
  NNLITE_ARG(bool, amsgrad);
  NNLITE_ARG(bool, maximize);
};

// Adam with decoupled weight decay: param *= 1 - lr * weight_decay before the Adam update.
class AdamW : public Adam {
 public:
  explicit AdamW(TensorList params, AdamWOptions options = {});
};

}  // namespace nnlite::optim
