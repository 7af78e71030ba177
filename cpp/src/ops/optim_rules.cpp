// Adagrad, RMSprop, Adadelta, NAdam and RAdam (torch.optim's single-tensor
// update rules) and the large-batch LARS and LAMB, written as compositions of
// ops (so they run on any backend).
// nnlite.optim (Python) and nnlite::optim (C++) both call
// rule_optimizer_group_step; only the state dicts move in and out.
#include <cmath>
#include <functional>

#include "nn/pyformat.h"
#include "ops/op_util.h"

namespace nnlite {

namespace {

using State = OptimizerParamState;
using Hyper = OptimizerHyper;

struct Rule {
  std::vector<const char*> keys;  // every hyperparameter the rule reads
  std::function<void(const std::string&, const Hyper&)> check;
  // p is updated in place; g is the gradient (already negated for maximize).
  std::function<void(Tensor& p, Tensor g, State& s, const Hyper& h)> update;
};

double get(const Hyper& h, const char* key) { return h.at(key); }

void check_range(const std::string& name, bool ok, const char* what, double value) {
  NNLITE_CHECK(ok, Value, name, ": invalid ", what, ": ", detail::py_float(value));
}
void check_lr_eps_wd(const std::string& name, const Hyper& h) {
  check_range(name, get(h, "lr") >= 0, "learning rate", get(h, "lr"));
  check_range(name, get(h, "eps") >= 0, "epsilon value", get(h, "eps"));
  check_range(name, get(h, "weight_decay") >= 0, "weight_decay value", get(h, "weight_decay"));
}
void check_betas(const std::string& name, const Hyper& h) {
  for (const char* key : {"beta1", "beta2"}) {
    const double b = get(h, key);
    NNLITE_CHECK(b >= 0 && b < 1, Value, name, ": invalid beta parameter at index ", key[4] == '1' ? 0 : 1, ": ",
                 detail::py_float(b));
  }
}

// The state tensor `key`, made from `init` the first time.
Tensor& slot(State& s, const char* key, const Tensor& p, double init = 0.0) {
  auto it = s.tensors.find(key);
  if (it == s.tensors.end() || !it->second.defined()) it = s.tensors.insert_or_assign(key, full_like(p, init)).first;
  return it->second;
}
// dst = value, in place (the state tensors keep their identity, as in torch).
void set(Tensor& dst, const Tensor& value) { copy_(dst, value); }
double next_step(State& s) { return s.numbers["step"] += 1; }
// L2 weight decay folded into the gradient (torch's non-decoupled form).
Tensor decayed(const Tensor& g, const Tensor& p, double wd) { return wd != 0 ? g + p * wd : g; }

void adagrad(Tensor& p, Tensor g, State& s, const Hyper& h) {
  const double step = next_step(s);
  Tensor& sum = slot(s, "sum", p, get(h, "initial_accumulator_value"));
  g = decayed(g, p, get(h, "weight_decay"));
  const double clr = get(h, "lr") / (1 + (step - 1) * get(h, "lr_decay"));
  set(sum, sum + g * g);
  set(p, p - g / (sqrt(sum) + get(h, "eps")) * clr);
}

void rmsprop(Tensor& p, Tensor g, State& s, const Hyper& h) {
  next_step(s);
  const double alpha = get(h, "alpha"), momentum = get(h, "momentum"), lr = get(h, "lr");
  Tensor& square_avg = slot(s, "square_avg", p);
  g = decayed(g, p, get(h, "weight_decay"));
  set(square_avg, square_avg * alpha + g * g * (1 - alpha));
  Tensor avg;
  if (get(h, "centered") != 0) {
    Tensor& grad_avg = slot(s, "grad_avg", p);
    set(grad_avg, grad_avg + (g - grad_avg) * (1 - alpha));  // lerp towards g
    avg = sqrt(square_avg - grad_avg * grad_avg) + get(h, "eps");
  } else {
    avg = sqrt(square_avg) + get(h, "eps");
  }
  if (momentum > 0) {
    Tensor& buf = slot(s, "momentum_buffer", p);
    set(buf, buf * momentum + g / avg);
    set(p, p - buf * lr);
  } else {
    set(p, p - g / avg * lr);
  }
}

void adadelta(Tensor& p, Tensor g, State& s, const Hyper& h) {
  next_step(s);
  const double rho = get(h, "rho"), eps = get(h, "eps");
  Tensor& square_avg = slot(s, "square_avg", p);
  Tensor& acc_delta = slot(s, "acc_delta", p);
  g = decayed(g, p, get(h, "weight_decay"));
  set(square_avg, square_avg * rho + g * g * (1 - rho));
  Tensor delta = sqrt(acc_delta + eps) / sqrt(square_avg + eps) * g;
  set(acc_delta, acc_delta * rho + delta * delta * (1 - rho));
  set(p, p - delta * get(h, "lr"));
}

// NAdam and RAdam: weight decay either decoupled (param shrinks first) or L2.
Tensor adam_like_decay(Tensor& p, const Tensor& g, const Hyper& h) {
  const double wd = get(h, "weight_decay");
  if (wd == 0) return g;
  if (get(h, "decoupled_weight_decay") != 0) {
    set(p, p * (1 - get(h, "lr") * wd));
    return g;
  }
  return g + p * wd;
}
// exp_avg, exp_avg_sq <- the moving averages of g and g * g.
void update_moments(Tensor& m, Tensor& v, const Tensor& g, double beta1, double beta2) {
  set(m, m + (g - m) * (1 - beta1));
  set(v, v * beta2 + g * g * (1 - beta2));
}

void nadam(Tensor& p, Tensor g, State& s, const Hyper& h) {
  const double step = next_step(s);
  const double lr = get(h, "lr"), beta1 = get(h, "beta1"), beta2 = get(h, "beta2");
  const double decay = get(h, "momentum_decay");
  auto mu_product_it = s.numbers.try_emplace("mu_product", 1.0).first;
  Tensor& m = slot(s, "exp_avg", p);
  Tensor& v = slot(s, "exp_avg_sq", p);
  g = adam_like_decay(p, g, h);
  const double bc2 = 1 - std::pow(beta2, step);
  const double mu = beta1 * (1 - 0.5 * std::pow(0.96, step * decay));
  const double mu_next = beta1 * (1 - 0.5 * std::pow(0.96, (step + 1) * decay));
  // torch keeps mu_product in a float32 tensor: round as it does.
  const double mu_product = static_cast<float>(static_cast<float>(mu_product_it->second) * static_cast<float>(mu));
  mu_product_it->second = mu_product;
  update_moments(m, v, g, beta1, beta2);
  Tensor denom = sqrt(v / bc2) + get(h, "eps");
  const double mu_product_next = mu_product * mu_next;
  set(p, p - g / denom * (lr * (1 - mu) / (1 - mu_product)));
  set(p, p - m / denom * (lr * mu_next / (1 - mu_product_next)));
}

void radam(Tensor& p, Tensor g, State& s, const Hyper& h) {
  const double step = next_step(s);
  const double lr = get(h, "lr"), beta1 = get(h, "beta1"), beta2 = get(h, "beta2");
  Tensor& m = slot(s, "exp_avg", p);
  Tensor& v = slot(s, "exp_avg_sq", p);
  g = adam_like_decay(p, g, h);
  update_moments(m, v, g, beta1, beta2);
  const double bc1 = 1 - std::pow(beta1, step), bc2 = 1 - std::pow(beta2, step);
  Tensor m_hat = m / bc1;
  // The variance of the adaptive rate is tractable only once rho_t > 5;
  // before that the step is plain momentum SGD.
  const double rho_inf = 2 / (1 - beta2) - 1;
  const double rho_t = rho_inf - 2 * step * std::pow(beta2, step) / bc2;
  if (rho_t > 5) {
    const double rect =
        std::sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t));
    Tensor adaptive = std::sqrt(bc2) / (sqrt(v) + get(h, "eps"));
    set(p, p - m_hat * lr * adaptive * rect);
  } else {
    set(p, p - m_hat * lr);
  }
}

// The layer-wise trust ratio of LARS and LAMB: numerator / denominator where
// both norms are positive, else 1 (a fresh or all-zero layer takes the plain
// step). A 0-d tensor, so no value is read back to the host.
Tensor trust_ratio(const Tensor& weight_norm, const Tensor& update_norm, const Tensor& numerator,
                   const Tensor& denominator) {
  Tensor zero = zeros_like(weight_norm);
  Tensor ok = logical_and(gt(weight_norm, zero), gt(update_norm, zero));
  return where(ok, numerator / denominator, ones_like(weight_norm));
}
Tensor l2_norm(const Tensor& t) { return sqrt(sum(t * t)); }

// A layer is adapted when it is weight-decayed or always_adapt is set: biases
// and normalisation parameters go in a group with weight_decay 0 and keep the
// plain step, as the large-batch recipes (You et al., Goyal et al.) do.
bool adapts(const Hyper& h) { return get(h, "weight_decay") != 0 || get(h, "always_adapt") != 0; }
// LARS's trust_clip (LARC): the local rate never exceeds the global one.
Tensor clipped(const Tensor& ratio, const Hyper& h) {
  return get(h, "trust_clip") != 0 ? clamp(ratio / get(h, "lr"), std::nullopt, 1.0) : ratio;
}

// LARS (You, Gitman and Ginsburg 2017): the gradient plus weight decay, scaled
// by trust_coefficient * ||p|| / (||g|| + weight_decay * ||p|| + eps), then
// SGD with momentum (torch's dampening and nesterov).
void lars(Tensor& p, Tensor g, State& s, const Hyper& h) {
  next_step(s);
  const double wd = get(h, "weight_decay"), momentum = get(h, "momentum");
  if (adapts(h)) {
    Tensor pn = l2_norm(p), gn = l2_norm(g);
    Tensor ratio = trust_ratio(pn, gn, pn * get(h, "trust_coefficient"), gn + pn * wd + get(h, "eps"));
    g = decayed(g, p, wd) * clipped(ratio, h);
  } else {
    g = decayed(g, p, wd);
  }
  if (momentum != 0) {
    auto it = s.tensors.find("momentum_buffer");
    if (it == s.tensors.end() || !it->second.defined()) {
      s.tensors["momentum_buffer"] = g.clone();
    } else {
      set(it->second, it->second * momentum + g * (1 - get(h, "dampening")));
    }
    const Tensor& buf = s.tensors["momentum_buffer"];
    g = get(h, "nesterov") != 0 ? g + buf * momentum : buf;
  }
  set(p, p - g * get(h, "lr"));
}

// LAMB (You et al. 2019): Adam's bias-corrected direction plus decoupled
// weight decay, u = m_hat / (sqrt(v_hat) + eps) + weight_decay * p, scaled by
// ||p|| / ||u||.
void lamb(Tensor& p, Tensor g, State& s, const Hyper& h) {
  const double step = next_step(s);
  const double beta1 = get(h, "beta1"), beta2 = get(h, "beta2"), wd = get(h, "weight_decay");
  Tensor& m = slot(s, "exp_avg", p);
  Tensor& v = slot(s, "exp_avg_sq", p);
  update_moments(m, v, g, beta1, beta2);
  const bool correct = get(h, "bias_correction") != 0;
  const double bc1 = correct ? 1 - std::pow(beta1, step) : 1, bc2 = correct ? 1 - std::pow(beta2, step) : 1;
  Tensor u = (m / bc1) / (sqrt(v / bc2) + get(h, "eps"));
  if (wd != 0) u = u + p * wd;
  if (adapts(h)) {
    Tensor pn = l2_norm(p), un = l2_norm(u);
    u = u * clipped(trust_ratio(pn, un, pn, un), h);
  }
  set(p, p - u * get(h, "lr"));
}

const std::map<std::string, Rule>& rules() {
  static const std::map<std::string, Rule> table = {
      {"Adagrad",
       {{"lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps", "maximize"},
        [](const std::string& n, const Hyper& h) {
          check_lr_eps_wd(n, h);
          check_range(n, get(h, "lr_decay") >= 0, "lr_decay value", get(h, "lr_decay"));
          check_range(n, get(h, "initial_accumulator_value") >= 0, "initial_accumulator_value value",
                      get(h, "initial_accumulator_value"));
        },
        adagrad}},
      {"RMSprop",
       {{"lr", "alpha", "eps", "weight_decay", "momentum", "centered", "maximize"},
        [](const std::string& n, const Hyper& h) {
          check_lr_eps_wd(n, h);
          check_range(n, get(h, "momentum") >= 0, "momentum value", get(h, "momentum"));
          check_range(n, get(h, "alpha") >= 0, "alpha value", get(h, "alpha"));
        },
        rmsprop}},
      {"Adadelta",
       {{"lr", "rho", "eps", "weight_decay", "maximize"},
        [](const std::string& n, const Hyper& h) {
          check_lr_eps_wd(n, h);
          check_range(n, get(h, "rho") >= 0 && get(h, "rho") <= 1, "rho value", get(h, "rho"));
        },
        adadelta}},
      {"NAdam",
       {{"lr", "beta1", "beta2", "eps", "weight_decay", "momentum_decay", "decoupled_weight_decay", "maximize"},
        [](const std::string& n, const Hyper& h) {
          check_lr_eps_wd(n, h);
          check_betas(n, h);
          check_range(n, get(h, "momentum_decay") >= 0, "momentum_decay value", get(h, "momentum_decay"));
        },
        nadam}},
      {"RAdam",
       {{"lr", "beta1", "beta2", "eps", "weight_decay", "decoupled_weight_decay", "maximize"},
        [](const std::string& n, const Hyper& h) {
          check_lr_eps_wd(n, h);
          check_betas(n, h);
        },
        radam}},
      {"LARS",
       {{"lr", "momentum", "dampening", "weight_decay", "nesterov", "trust_coefficient", "eps", "trust_clip",
         "always_adapt", "maximize"},
        [](const std::string& n, const Hyper& h) {
          check_lr_eps_wd(n, h);
          check_range(n, get(h, "momentum") >= 0, "momentum value", get(h, "momentum"));
          check_range(n, get(h, "trust_coefficient") > 0, "trust_coefficient value", get(h, "trust_coefficient"));
          NNLITE_CHECK(get(h, "nesterov") == 0 || (get(h, "momentum") > 0 && get(h, "dampening") == 0), Value, n,
                       ": Nesterov momentum requires a momentum and zero dampening");
        },
        lars}},
      {"LAMB",
       {{"lr", "beta1", "beta2", "eps", "weight_decay", "bias_correction", "trust_clip", "always_adapt",
         "maximize"},
        [](const std::string& n, const Hyper& h) {
          check_lr_eps_wd(n, h);
          check_betas(n, h);
        },
        lamb}},
  };
  return table;
}

const Rule& rule_of(const std::string& optimizer) {
  auto it = rules().find(optimizer);
  NNLITE_CHECK(it != rules().end(), Value, "rule_optimizer_group_step: no optimizer named '", optimizer, "'");
  return it->second;
}

}  // namespace

std::vector<std::string> rule_optimizer_names() {
  std::vector<std::string> out;
  for (const auto& [name, rule] : rules()) out.push_back(name);
  return out;
}

void check_rule_optimizer_options(const std::string& optimizer, const OptimizerHyper& hyper) {
  const Rule& rule = rule_of(optimizer);
  for (const char* key : rule.keys)
    NNLITE_CHECK(hyper.count(key), Value, optimizer, ": missing hyperparameter '", key, "'");
  rule.check(optimizer, hyper);
}

void rule_optimizer_group_step(const std::string& optimizer, const TensorList& params,
                               std::vector<OptimizerParamState>& states, const OptimizerHyper& hyper) {
  const Rule& rule = rule_of(optimizer);
  check_rule_optimizer_options(optimizer, hyper);
  NNLITE_CHECK(states.size() == params.size(), Value, optimizer, ": got ", states.size(), " states for ",
               params.size(), " parameters");
  const bool maximize = hyper.at("maximize") != 0;
  NoGradGuard ng;
  for (size_t i = 0; i < params.size(); ++i) {
    Tensor p = params[i];
    Tensor g = p.grad();
    if (!g.defined()) continue;
    ops::check_floating(p, optimizer.c_str());
    NNLITE_CHECK(g.shape() == p.shape(), Value, optimizer, ": gradient ", i, " (", ops::describe(g),
                 ") does not match its parameter (", ops::describe(p), ")");
    for (auto& [key, t] : states[i].tensors)
      NNLITE_CHECK(!t.defined() || t.shape() == p.shape(), Value, optimizer, ": state '", key, "' of parameter ", i,
                   " (", ops::describe(t), ") does not match its parameter (", ops::describe(p), ")");
    rule.update(p, maximize ? -g : g, states[i], hyper);
  }
}

}  // namespace nnlite
