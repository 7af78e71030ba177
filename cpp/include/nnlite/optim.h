// nnlite::optim: SGD, Adam, AdamW, Adagrad, RMSprop, Adadelta, NAdam and RAdam with the rules, defaults and error
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
#include "nnlite/ops.h"
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


// ---- Adagrad, RMSprop, Adadelta, NAdam, RAdam, LARS, LAMB -------------------------
// Their update and checks are rule_optimizer_group_step / check_rule_optimizer_options
// (ops.h), which nnlite.optim calls too; the state per parameter has torch's keys.

class AdagradOptions {
 public:
  AdagradOptions(double lr = 1e-2, double lr_decay = 0, double weight_decay = 0,  // NOLINT
                 double initial_accumulator_value = 0, double eps = 1e-10, bool maximize = false)
      : lr_(lr), lr_decay_(lr_decay), weight_decay_(weight_decay),
        initial_accumulator_value_(initial_accumulator_value), eps_(eps), maximize_(maximize) {}
  NNLITE_ARG(double, lr);
  NNLITE_ARG(double, lr_decay);
  NNLITE_ARG(double, weight_decay);
  NNLITE_ARG(double, initial_accumulator_value);
  NNLITE_ARG(double, eps);
  NNLITE_ARG(bool, maximize);

 public:
  OptimizerHyper hyper() const;
};

class RMSpropOptions {
 public:
  RMSpropOptions(double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0,  // NOLINT
                 double momentum = 0, bool centered = false, bool maximize = false)
      : lr_(lr), alpha_(alpha), eps_(eps), weight_decay_(weight_decay), momentum_(momentum), centered_(centered),
        maximize_(maximize) {}
  NNLITE_ARG(double, lr);
  NNLITE_ARG(double, alpha);
  NNLITE_ARG(double, eps);
  NNLITE_ARG(double, weight_decay);
  NNLITE_ARG(double, momentum);
  NNLITE_ARG(bool, centered);
  NNLITE_ARG(bool, maximize);

 public:
  OptimizerHyper hyper() const;
};

class AdadeltaOptions {
 public:
  AdadeltaOptions(double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weight_decay = 0,  // NOLINT
                  bool maximize = false)
      : lr_(lr), rho_(rho), eps_(eps), weight_decay_(weight_decay), maximize_(maximize) {}
  NNLITE_ARG(double, lr);
  NNLITE_ARG(double, rho);
  NNLITE_ARG(double, eps);
  NNLITE_ARG(double, weight_decay);
  NNLITE_ARG(bool, maximize);

 public:
  OptimizerHyper hyper() const;
};

class NAdamOptions {
 public:
  NAdamOptions(double lr = 2e-3, Betas betas = {0.9, 0.999}, double eps = 1e-8, double weight_decay = 0,  // NOLINT
               double momentum_decay = 4e-3, bool decoupled_weight_decay = false, bool maximize = false)
      : lr_(lr), betas_(betas), eps_(eps), weight_decay_(weight_decay), momentum_decay_(momentum_decay),
        decoupled_weight_decay_(decoupled_weight_decay), maximize_(maximize) {}
  NNLITE_ARG(double, lr);
  NNLITE_ARG(Betas, betas);
  NNLITE_ARG(double, eps);
  NNLITE_ARG(double, weight_decay);
  NNLITE_ARG(double, momentum_decay);
  NNLITE_ARG(bool, decoupled_weight_decay);
  NNLITE_ARG(bool, maximize);

 public:
  OptimizerHyper hyper() const;
};

class RAdamOptions {
 public:
  RAdamOptions(double lr = 1e-3, Betas betas = {0.9, 0.999}, double eps = 1e-8, double weight_decay = 0,  // NOLINT
               bool decoupled_weight_decay = false, bool maximize = false)
      : lr_(lr), betas_(betas), eps_(eps), weight_decay_(weight_decay),
        decoupled_weight_decay_(decoupled_weight_decay), maximize_(maximize) {}
  NNLITE_ARG(double, lr);
  NNLITE_ARG(Betas, betas);
  NNLITE_ARG(double, eps);
  NNLITE_ARG(double, weight_decay);
  NNLITE_ARG(bool, decoupled_weight_decay);
  NNLITE_ARG(bool, maximize);

 public:
  OptimizerHyper hyper() const;
};

// LARS (You, Gitman and Ginsburg 2017): SGD with momentum whose step for each
// parameter tensor (a layer) is scaled by trust_coefficient * ||p|| /
// (||g|| + weight_decay * ||p|| + eps). Parameters of a group with
// weight_decay 0 (biases, normalisation) keep the plain step unless
// always_adapt; trust_clip caps the local rate at the global one (LARC).
class LARSOptions {
 public:
  LARSOptions(double lr = 1.0, double momentum = 0, double dampening = 0, double weight_decay = 0,  // NOLINT
              bool nesterov = false, double trust_coefficient = 1e-3, double eps = 1e-8, bool trust_clip = false,
              bool always_adapt = false, bool maximize = false)
      : lr_(lr), momentum_(momentum), dampening_(dampening), weight_decay_(weight_decay), nesterov_(nesterov),
        trust_coefficient_(trust_coefficient), eps_(eps), trust_clip_(trust_clip), always_adapt_(always_adapt),
        maximize_(maximize) {}
  NNLITE_ARG(double, lr);
  NNLITE_ARG(double, momentum);
  NNLITE_ARG(double, dampening);
  NNLITE_ARG(double, weight_decay);
  NNLITE_ARG(bool, nesterov);
  NNLITE_ARG(double, trust_coefficient);
  NNLITE_ARG(double, eps);
  NNLITE_ARG(bool, trust_clip);
  NNLITE_ARG(bool, always_adapt);
  NNLITE_ARG(bool, maximize);

 public:
  OptimizerHyper hyper() const;
};

// LAMB (You et al. 2019): Adam's direction plus decoupled weight decay, scaled
// per parameter tensor by ||p|| / ||update|| (same exclusion rule as LARS).
class LAMBOptions {
 public:
  LAMBOptions(double lr = 1e-3, Betas betas = {0.9, 0.999}, double eps = 1e-6, double weight_decay = 0.01,  // NOLINT
              bool bias_correction = true, bool trust_clip = false, bool always_adapt = false, bool maximize = false)
      : lr_(lr), betas_(betas), eps_(eps), weight_decay_(weight_decay), bias_correction_(bias_correction),
        trust_clip_(trust_clip), always_adapt_(always_adapt), maximize_(maximize) {}
  NNLITE_ARG(double, lr);
  NNLITE_ARG(Betas, betas);
  NNLITE_ARG(double, eps);
  NNLITE_ARG(double, weight_decay);
  NNLITE_ARG(bool, bias_correction);
  NNLITE_ARG(bool, trust_clip);
  NNLITE_ARG(bool, always_adapt);
  NNLITE_ARG(bool, maximize);

 public:
  OptimizerHyper hyper() const;
};

// The common holder: per-parameter state, one rule_optimizer_group_step per group.
// Instantiated for the seven options types above (rule_optimizers.cpp).
class RuleOptimizerBase {
 public:
  virtual ~RuleOptimizerBase() = default;
  // The state of `param` (null before its first update).
  virtual const OptimizerParamState* state(const Tensor& param) const = 0;
  // The options of group `group` as torch names them (betas as beta1/beta2).
  virtual OptimizerHyper group_hyper(size_t group) const = 0;
};

template <typename Options>
class RuleOptimizer : public OptimizerWith<Options>, public RuleOptimizerBase {
 public:
  RuleOptimizer(const char* name, TensorList params, const Options& options);
  RuleOptimizer(const char* name, std::vector<ParamGroup<Options>> groups);
  void step() override;
  const OptimizerParamState* state(const Tensor& param) const override;
  void set_state(const Tensor& param, OptimizerParamState state);  // as load_state_dict does
  OptimizerHyper group_hyper(size_t group) const override { return this->groups_.at(group).options.hyper(); }

 protected:
  void check_options(const Options& o) const override;

 private:
  std::unordered_map<const TensorImpl*, OptimizerParamState> state_;
};

class Adagrad : public RuleOptimizer<AdagradOptions> {
 public:
  explicit Adagrad(TensorList params, AdagradOptions options = {}) : RuleOptimizer("Adagrad", std::move(params), options) {}
  explicit Adagrad(std::vector<ParamGroup<AdagradOptions>> groups) : RuleOptimizer("Adagrad", std::move(groups)) {}
};

class RMSprop : public RuleOptimizer<RMSpropOptions> {
 public:
  explicit RMSprop(TensorList params, RMSpropOptions options = {}) : RuleOptimizer("RMSprop", std::move(params), options) {}
  explicit RMSprop(std::vector<ParamGroup<RMSpropOptions>> groups) : RuleOptimizer("RMSprop", std::move(groups)) {}
};

class Adadelta : public RuleOptimizer<AdadeltaOptions> {
 public:
  explicit Adadelta(TensorList params, AdadeltaOptions options = {}) : RuleOptimizer("Adadelta", std::move(params), options) {}
  explicit Adadelta(std::vector<ParamGroup<AdadeltaOptions>> groups) : RuleOptimizer("Adadelta", std::move(groups)) {}
};

class NAdam : public RuleOptimizer<NAdamOptions> {
 public:
  explicit NAdam(TensorList params, NAdamOptions options = {}) : RuleOptimizer("NAdam", std::move(params), options) {}
  explicit NAdam(std::vector<ParamGroup<NAdamOptions>> groups) : RuleOptimizer("NAdam", std::move(groups)) {}
};

class RAdam : public RuleOptimizer<RAdamOptions> {
 public:
  explicit RAdam(TensorList params, RAdamOptions options = {}) : RuleOptimizer("RAdam", std::move(params), options) {}
  explicit RAdam(std::vector<ParamGroup<RAdamOptions>> groups) : RuleOptimizer("RAdam", std::move(groups)) {}
};

class LARS : public RuleOptimizer<LARSOptions> {
 public:
  explicit LARS(TensorList params, LARSOptions options = {}) : RuleOptimizer("LARS", std::move(params), options) {}
  explicit LARS(std::vector<ParamGroup<LARSOptions>> groups) : RuleOptimizer("LARS", std::move(groups)) {}
};

class LAMB : public RuleOptimizer<LAMBOptions> {
 public:
  explicit LAMB(TensorList params, LAMBOptions options = {}) : RuleOptimizer("LAMB", std::move(params), options) {}
  explicit LAMB(std::vector<ParamGroup<LAMBOptions>> groups) : RuleOptimizer("LAMB", std::move(groups)) {}
};

}  // namespace nnlite::optim
