// nnlite._C._cpp: the C++ modules and optimizers (nnlite::nn, nnlite::optim)
// as Python handles, for tests/test_nn_parity.py, which builds each one in
// both languages from the same state and checks that they agree.
//
// make_module(type_name, kwargs) starts from the C++ Options (so the C++
// defaults are the ones used) and sets only the options given, by their
// Python names; an unknown option or type raises. module_types() and
// optimizer_types() list what can be built, so the test can require a case
// for each.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "bindings.h"
#include "convert.h"
#include "nnlite/nn.h"
#include "nnlite/optim.h"

namespace py = pybind11;

namespace nnlite::py_bind {
namespace {

using ModulePtr = std::shared_ptr<nn::Module>;
using OptimizerPtr = std::shared_ptr<optim::Optimizer>;
constexpr const char* kOp = "_cpp.make_module";

// The keyword arguments of one make_module call; every one must be used.
class Kwargs {
 public:
  Kwargs(std::string type, py::dict d) : type_(std::move(type)), d_(std::move(d)) {}
  bool has(const char* name) const { return d_.contains(name); }
  py::handle take(const char* name) {
    used_.insert(name);
    return d_[name];
  }
  void check_all_used() const {
    for (auto item : d_) {
      const std::string key = py::str(item.first);
      NNLITE_CHECK(used_.count(key), Value, kOp, ": ", type_, " has no option '", key, "'");
    }
  }

 private:
  std::string type_;
  py::dict d_;
  std::set<std::string> used_;
};

int64_t to_int(py::handle h) { return int_arg(h, kOp, "option"); }
double to_double(py::handle h) { return float_arg(h, kOp, "option"); }
bool to_bool(py::handle h) { return h.cast<bool>(); }
std::string to_str(py::handle h) { return h.cast<std::string>(); }
Shape to_shape(py::handle h) { return shape_from_object(h, kOp); }
Tensor to_tensor(py::handle h) { return h.is_none() ? Tensor() : h.cast<Tensor>(); }
Reduction to_reduction(py::handle h) { return reduction_from_name(to_str(h)); }
std::optional<double> to_opt_double(py::handle h) {
  return h.is_none() ? std::nullopt : std::optional<double>(to_double(h));
}

// An int or a sequence of one or two ints, as (height, width).
nn::Size2 to_size2(py::handle h) {
  if (py::isinstance<py::sequence>(h) && !py::isinstance<py::str>(h)) {
    auto s = py::reinterpret_borrow<py::sequence>(h);
    NNLITE_CHECK(s.size() == 1 || s.size() == 2, Value, kOp, ": expected an int or a pair, got ", s.size(),
                 " values");
    const int64_t a = to_int(s[0]);
    return {a, s.size() == 2 ? to_int(s[1]) : a};
  }
  return to_int(h);
}
std::optional<nn::Size2> to_opt_size2(py::handle h) {
  return h.is_none() ? std::nullopt : std::optional<nn::Size2>(to_size2(h));
}
nn::ConvPadding to_conv_padding(py::handle h) {
  if (py::isinstance<py::str>(h)) return nn::ConvPadding(to_str(h));
  return nn::ConvPadding(to_size2(h));
}

// Sets option `name` of options `o` from kwargs when given, through `conv`.
#define NNLITE_KW(o, name, conv) \
  if (k.has(#name)) o.name(conv(k.take(#name)))

template <typename M, typename O>
ModulePtr build(O options) {
  return std::make_shared<M>(options);
}

using Builder = std::function<ModulePtr(Kwargs&)>;

// Modules without options.
template <typename M>
Builder plain() {
  return [](Kwargs&) -> ModulePtr { return std::make_shared<M>(); };
}

template <typename M>
Builder batch_norm() {
  return [](Kwargs& k) {
    nn::BatchNormOptions o(to_int(k.take("num_features")));
    NNLITE_KW(o, eps, to_double);
    NNLITE_KW(o, momentum, to_opt_double);
    NNLITE_KW(o, affine, to_bool);
    NNLITE_KW(o, track_running_stats, to_bool);
    return build<M>(o);
  };
}

template <typename M>
Builder dropout() {
  return [](Kwargs& k) {
    nn::DropoutOptions o;
    NNLITE_KW(o, p, to_double);
    return build<M>(o);
  };
}

template <typename M>
Builder softmax() {
  return [](Kwargs& k) { return build<M>(nn::SoftmaxOptions(to_int(k.take("dim")))); };
}

Builder reduction_loss(std::function<ModulePtr(Reduction)> make) {
  return [make](Kwargs& k) { return make(k.has("reduction") ? to_reduction(k.take("reduction")) : Reduction::Mean); };
}

// RNN / LSTM / GRU: the shared options, plus nonlinearity or proj_size.
template <typename M, typename O>
Builder rnn_builder() {
  return [](Kwargs& k) {
    O o(to_int(k.take("input_size")), to_int(k.take("hidden_size")));
    NNLITE_KW(o, num_layers, to_int);
    NNLITE_KW(o, bias, to_bool);
    NNLITE_KW(o, batch_first, to_bool);
    NNLITE_KW(o, dropout, to_double);
    NNLITE_KW(o, bidirectional, to_bool);
    if constexpr (std::is_same_v<O, nn::RNNOptions>) NNLITE_KW(o, nonlinearity, to_str);
    if constexpr (std::is_same_v<O, nn::LSTMOptions>) NNLITE_KW(o, proj_size, to_int);
    return build<M>(o);
  };
}

const std::map<std::string, Builder>& module_builders() {
  static const std::map<std::string, Builder> builders = {
      {"Identity", plain<nn::Identity>()},
      {"Embedding",
       [](Kwargs& k) {
         nn::EmbeddingOptions o(to_int(k.take("num_embeddings")), to_int(k.take("embedding_dim")));
         if (k.has("padding_idx")) o.padding_idx(to_int(k.take("padding_idx")));
         if (k.has("max_norm")) o.max_norm(to_opt_double(k.take("max_norm")));
         NNLITE_KW(o, norm_type, to_double);
         NNLITE_KW(o, scale_grad_by_freq, to_bool);
         return build<nn::Embedding>(o);
       }},
      {"ReLU", plain<nn::ReLU>()},
      {"Sigmoid", plain<nn::Sigmoid>()},
      {"Tanh", plain<nn::Tanh>()},
      {"RNNCell",
       [](Kwargs& k) {
         nn::RNNCellOptions o(to_int(k.take("input_size")), to_int(k.take("hidden_size")));
         NNLITE_KW(o, bias, to_bool);
         NNLITE_KW(o, nonlinearity, to_str);
         return build<nn::RNNCell>(o);
       }},
      {"LSTMCell",
       [](Kwargs& k) {
         nn::LSTMCellOptions o(to_int(k.take("input_size")), to_int(k.take("hidden_size")));
         NNLITE_KW(o, bias, to_bool);
         return build<nn::LSTMCell>(o);
       }},
      {"GRUCell",
       [](Kwargs& k) {
         nn::GRUCellOptions o(to_int(k.take("input_size")), to_int(k.take("hidden_size")));
         NNLITE_KW(o, bias, to_bool);
         return build<nn::GRUCell>(o);
       }},
      {"RNN", rnn_builder<nn::RNN, nn::RNNOptions>()},
      {"LSTM", rnn_builder<nn::LSTM, nn::LSTMOptions>()},
      {"GRU", rnn_builder<nn::GRU, nn::GRUOptions>()},
      {"Linear",
       [](Kwargs& k) {
         nn::LinearOptions o(to_int(k.take("in_features")), to_int(k.take("out_features")));
         NNLITE_KW(o, bias, to_bool);
         return build<nn::Linear>(o);
       }},
      {"Conv2d",
       [](Kwargs& k) {
         nn::Conv2dOptions o(to_int(k.take("in_channels")), to_int(k.take("out_channels")),
                             to_size2(k.take("kernel_size")));
         NNLITE_KW(o, stride, to_size2);
         NNLITE_KW(o, padding, to_conv_padding);
         NNLITE_KW(o, dilation, to_size2);
         NNLITE_KW(o, groups, to_int);
         NNLITE_KW(o, bias, to_bool);
         NNLITE_KW(o, padding_mode, to_str);
         return build<nn::Conv2d>(o);
       }},
      {"ConvTranspose2d",
       [](Kwargs& k) {
         nn::ConvTranspose2dOptions o(to_int(k.take("in_channels")), to_int(k.take("out_channels")),
                                      to_size2(k.take("kernel_size")));
         NNLITE_KW(o, stride, to_size2);
         NNLITE_KW(o, padding, to_size2);
         NNLITE_KW(o, output_padding, to_size2);
         NNLITE_KW(o, groups, to_int);
         NNLITE_KW(o, bias, to_bool);
         NNLITE_KW(o, dilation, to_size2);
         return build<nn::ConvTranspose2d>(o);
       }},
      {"BatchNorm1d", batch_norm<nn::BatchNorm1d>()},
      {"BatchNorm2d", batch_norm<nn::BatchNorm2d>()},
      {"LayerNorm",
       [](Kwargs& k) {
         nn::LayerNormOptions o(to_shape(k.take("normalized_shape")));
         NNLITE_KW(o, eps, to_double);
         NNLITE_KW(o, elementwise_affine, to_bool);
         NNLITE_KW(o, bias, to_bool);
         return build<nn::LayerNorm>(o);
       }},
      {"GroupNorm",
       [](Kwargs& k) {
         nn::GroupNormOptions o(to_int(k.take("num_groups")), to_int(k.take("num_channels")));
         NNLITE_KW(o, eps, to_double);
         NNLITE_KW(o, affine, to_bool);
         return build<nn::GroupNorm>(o);
       }},
      {"MaxPool2d",
       [](Kwargs& k) {
         nn::MaxPool2dOptions o(to_size2(k.take("kernel_size")));
         NNLITE_KW(o, stride, to_opt_size2);
         NNLITE_KW(o, padding, to_size2);
         NNLITE_KW(o, dilation, to_size2);
         NNLITE_KW(o, ceil_mode, to_bool);
         return build<nn::MaxPool2d>(o);
       }},
      {"AvgPool2d",
       [](Kwargs& k) {
         nn::AvgPool2dOptions o(to_size2(k.take("kernel_size")));
         NNLITE_KW(o, stride, to_opt_size2);
         NNLITE_KW(o, padding, to_size2);
         NNLITE_KW(o, ceil_mode, to_bool);
         NNLITE_KW(o, count_include_pad, to_bool);
         return build<nn::AvgPool2d>(o);
       }},
      {"AdaptiveAvgPool2d",
       [](Kwargs& k) { return build<nn::AdaptiveAvgPool2d>(nn::AdaptiveAvgPool2dOptions(to_size2(k.take("output_size")))); }},
      {"Dropout", dropout<nn::Dropout>()},
      {"Dropout2d", dropout<nn::Dropout2d>()},
      {"LeakyReLU",
       [](Kwargs& k) {
         nn::LeakyReLUOptions o;
         NNLITE_KW(o, negative_slope, to_double);
         return build<nn::LeakyReLU>(o);
       }},
      {"GELU",
       [](Kwargs& k) {
         nn::GELUOptions o;
         NNLITE_KW(o, approximate, to_str);
         return build<nn::GELU>(o);
       }},
      {"ELU",
       [](Kwargs& k) {
         nn::ELUOptions o;
         NNLITE_KW(o, alpha, to_double);
         return build<nn::ELU>(o);
       }},
      {"Softplus",
       [](Kwargs& k) {
         nn::SoftplusOptions o;
         NNLITE_KW(o, beta, to_double);
         NNLITE_KW(o, threshold, to_double);
         return build<nn::Softplus>(o);
       }},
      {"Softmax", softmax<nn::Softmax>()},
      {"LogSoftmax", softmax<nn::LogSoftmax>()},
      {"Flatten",
       [](Kwargs& k) {
         nn::FlattenOptions o;
         NNLITE_KW(o, start_dim, to_int);
         NNLITE_KW(o, end_dim, to_int);
         return build<nn::Flatten>(o);
       }},
      {"MSELoss", reduction_loss([](Reduction r) { return std::make_shared<nn::MSELoss>(nn::MSELossOptions{r}); })},
      {"L1Loss", reduction_loss([](Reduction r) { return std::make_shared<nn::L1Loss>(nn::L1LossOptions{r}); })},
      {"BCELoss",
       [](Kwargs& k) {
         nn::BCELossOptions o;
         if (k.has("weight")) o.weight = to_tensor(k.take("weight"));
         if (k.has("reduction")) o.reduction = to_reduction(k.take("reduction"));
         return std::make_shared<nn::BCELoss>(o);
       }},
      {"BCEWithLogitsLoss",
       [](Kwargs& k) {
         nn::BCEWithLogitsLossOptions o;
         if (k.has("weight")) o.weight = to_tensor(k.take("weight"));
         if (k.has("reduction")) o.reduction = to_reduction(k.take("reduction"));
         if (k.has("pos_weight")) o.pos_weight = to_tensor(k.take("pos_weight"));
         return std::make_shared<nn::BCEWithLogitsLoss>(o);
       }},
      {"NLLLoss",
       [](Kwargs& k) {
         nn::NLLLossOptions o;
         if (k.has("weight")) o.weight = to_tensor(k.take("weight"));
         if (k.has("ignore_index")) o.ignore_index = to_int(k.take("ignore_index"));
         if (k.has("reduction")) o.reduction = to_reduction(k.take("reduction"));
         return std::make_shared<nn::NLLLoss>(o);
       }},
      {"CrossEntropyLoss",
       [](Kwargs& k) {
         nn::CrossEntropyLossOptions o;
         if (k.has("weight")) o.weight = to_tensor(k.take("weight"));
         if (k.has("ignore_index")) o.ignore_index = to_int(k.take("ignore_index"));
         if (k.has("reduction")) o.reduction = to_reduction(k.take("reduction"));
         if (k.has("label_smoothing")) o.label_smoothing = to_double(k.take("label_smoothing"));
         return std::make_shared<nn::CrossEntropyLoss>(o);
       }},
      {"ModuleList",
       [](Kwargs& k) {
         auto list = std::make_shared<nn::ModuleList>();
         if (k.has("modules"))
           for (py::handle m : k.take("modules")) list->push_back(m.cast<ModulePtr>());
         return list;
       }},
      {"Sequential",
       [](Kwargs& k) {
         auto seq = std::make_shared<nn::Sequential>();
         if (k.has("modules"))
           for (py::handle m : k.take("modules")) seq->push_back(m.cast<ModulePtr>());
         return seq;
       }},
  };
  return builders;
}

ModulePtr make_module(const std::string& type, py::dict kwargs) {
  const auto& builders = module_builders();
  auto it = builders.find(type);
  NNLITE_CHECK(it != builders.end(), Value, kOp, ": no C++ module named '", type, "'");
  Kwargs k(type, std::move(kwargs));
  ModulePtr m = it->second(k);
  k.check_all_used();
  return m;
}

// ---- optimizers -------------------------------------------------------------------

template <typename O>
void adam_betas_lr_eps_wd(Kwargs& k, O& o) {
  NNLITE_KW(o, lr, to_double);
  if (k.has("betas")) {
    auto s = k.take("betas").cast<std::vector<double>>();
    NNLITE_CHECK(s.size() == 2, Value, kOp, ": betas must be a pair");
    o.betas({s[0], s[1]});
  }
  NNLITE_KW(o, eps, to_double);
  NNLITE_KW(o, weight_decay, to_double);
}

template <typename O>
void adam_like(Kwargs& k, O& o) {
  adam_betas_lr_eps_wd(k, o);
  NNLITE_KW(o, amsgrad, to_bool);
  NNLITE_KW(o, maximize, to_bool);
}

// A numeric option of a rule optimizer by its torch name.
template <typename O>
void set_double_option(O& o, const std::string& name, double v) {
  if constexpr (std::is_same_v<O, optim::AdagradOptions>) {
    if (name == "lr_decay") o.lr_decay(v);
    if (name == "initial_accumulator_value") o.initial_accumulator_value(v);
  }
  if constexpr (std::is_same_v<O, optim::RMSpropOptions>) {
    if (name == "alpha") o.alpha(v);
    if (name == "momentum") o.momentum(v);
  }
  if constexpr (std::is_same_v<O, optim::AdadeltaOptions>) {
    if (name == "rho") o.rho(v);
  }
  if (name == "lr") o.lr(v);
  if (name == "eps") o.eps(v);
  if (name == "weight_decay") o.weight_decay(v);
}

OptimizerPtr make_optimizer(const std::string& type, const TensorList& params, py::dict kwargs) {
  Kwargs k(type, std::move(kwargs));
  OptimizerPtr opt;
  if (type == "SGD") {
    optim::SGDOptions o;
    NNLITE_KW(o, lr, to_double);
    NNLITE_KW(o, momentum, to_double);
    NNLITE_KW(o, dampening, to_double);
    NNLITE_KW(o, weight_decay, to_double);
    NNLITE_KW(o, nesterov, to_bool);
    NNLITE_KW(o, maximize, to_bool);
    k.check_all_used();
    opt = std::make_shared<optim::SGD>(params, o);
  } else if (type == "Adam") {
    optim::AdamOptions o;
    adam_like(k, o);
    NNLITE_KW(o, decoupled_weight_decay, to_bool);
    k.check_all_used();
    opt = std::make_shared<optim::Adam>(params, o);
  } else if (type == "AdamW") {
    optim::AdamWOptions o;
    adam_like(k, o);
    k.check_all_used();
    opt = std::make_shared<optim::AdamW>(params, o);
  } else if (type == "Adagrad") {
    optim::AdagradOptions o;
    for (auto* name : {"lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps"})
      if (k.has(name)) set_double_option(o, name, to_double(k.take(name)));
    NNLITE_KW(o, maximize, to_bool);
    opt = std::make_shared<optim::Adagrad>(params, o);
  } else if (type == "RMSprop") {
    optim::RMSpropOptions o;
    for (auto* name : {"lr", "alpha", "eps", "weight_decay", "momentum"})
      if (k.has(name)) set_double_option(o, name, to_double(k.take(name)));
    NNLITE_KW(o, centered, to_bool);
    NNLITE_KW(o, maximize, to_bool);
    opt = std::make_shared<optim::RMSprop>(params, o);
  } else if (type == "Adadelta") {
    optim::AdadeltaOptions o;
    for (auto* name : {"lr", "rho", "eps", "weight_decay"})
      if (k.has(name)) set_double_option(o, name, to_double(k.take(name)));
    NNLITE_KW(o, maximize, to_bool);
    opt = std::make_shared<optim::Adadelta>(params, o);
  } else if (type == "NAdam" || type == "RAdam") {
    auto both = [&](auto o) {
      adam_betas_lr_eps_wd(k, o);
      NNLITE_KW(o, decoupled_weight_decay, to_bool);
      NNLITE_KW(o, maximize, to_bool);
      return o;
    };
    if (type == "NAdam") {
      optim::NAdamOptions o;
      NNLITE_KW(o, momentum_decay, to_double);
      opt = std::make_shared<optim::NAdam>(params, both(o));
    } else {
      opt = std::make_shared<optim::RAdam>(params, both(optim::RAdamOptions()));
    }
  } else if (type == "LARS") {
    optim::LARSOptions o;
    NNLITE_KW(o, lr, to_double);
    NNLITE_KW(o, momentum, to_double);
    NNLITE_KW(o, dampening, to_double);
    NNLITE_KW(o, weight_decay, to_double);
    NNLITE_KW(o, trust_coefficient, to_double);
    NNLITE_KW(o, eps, to_double);
    NNLITE_KW(o, nesterov, to_bool);
    NNLITE_KW(o, trust_clip, to_bool);
    NNLITE_KW(o, always_adapt, to_bool);
    NNLITE_KW(o, maximize, to_bool);
    opt = std::make_shared<optim::LARS>(params, o);
  } else if (type == "LAMB") {
    optim::LAMBOptions o;
    adam_betas_lr_eps_wd(k, o);
    NNLITE_KW(o, bias_correction, to_bool);
    NNLITE_KW(o, trust_clip, to_bool);
    NNLITE_KW(o, always_adapt, to_bool);
    NNLITE_KW(o, maximize, to_bool);
    opt = std::make_shared<optim::LAMB>(params, o);
  } else {
    NNLITE_FAIL(Value, "_cpp.make_optimizer: no C++ optimizer named '", type, "'");
  }
  k.check_all_used();
  return opt;
}

// The per-parameter state with Python's keys (what nnlite.optim keeps in opt.state[p]).
py::dict optimizer_state(const optim::Optimizer& opt, const Tensor& param) {
  py::dict d;
  if (auto* sgd = dynamic_cast<const optim::SGD*>(&opt)) {
    Tensor buf = sgd->momentum_buffer(param);
    if (buf.defined()) d["momentum_buffer"] = buf;
  } else if (auto* adam = dynamic_cast<const optim::Adam*>(&opt)) {
    if (const optim::AdamState* s = adam->state(param)) {
      d["step"] = s->step;
      d["exp_avg"] = s->exp_avg;
      d["exp_avg_sq"] = s->exp_avg_sq;
      if (s->max_exp_avg_sq.defined()) d["max_exp_avg_sq"] = s->max_exp_avg_sq;
    }
  } else if (auto* rule = dynamic_cast<const optim::RuleOptimizerBase*>(&opt)) {
    if (const OptimizerParamState* s = rule->state(param)) {
      for (const auto& [key, value] : s->numbers) d[py::str(key)] = value;
      for (const auto& [key, t] : s->tensors) d[py::str(key)] = t;
    }
  }
  return d;
}

// The first group's options with Python's names (nnlite.optim's param_groups[0] without "params").
py::dict optimizer_options(const optim::Optimizer& opt) {
  py::dict d;
  if (auto* sgd = dynamic_cast<const optim::SGD*>(&opt)) {
    const optim::SGDOptions& o = sgd->param_groups().at(0).options;
    d["lr"] = o.lr(), d["momentum"] = o.momentum(), d["dampening"] = o.dampening();
    d["weight_decay"] = o.weight_decay(), d["nesterov"] = o.nesterov(), d["maximize"] = o.maximize();
  } else if (auto* adam = dynamic_cast<const optim::Adam*>(&opt)) {
    const optim::AdamOptions& o = adam->param_groups().at(0).options;
    d["lr"] = o.lr(), d["betas"] = py::make_tuple(o.betas()[0], o.betas()[1]), d["eps"] = o.eps();
    d["weight_decay"] = o.weight_decay(), d["amsgrad"] = o.amsgrad(), d["maximize"] = o.maximize();
    d["decoupled_weight_decay"] = o.decoupled_weight_decay();
  } else if (auto* rule = dynamic_cast<const optim::RuleOptimizerBase*>(&opt)) {
    OptimizerHyper h = rule->group_hyper(0);
    if (h.count("beta1")) d["betas"] = py::make_tuple(h["beta1"], h["beta2"]), h.erase("beta1"), h.erase("beta2");
    for (const auto& [key, value] : h) d[py::str(key)] = value;
  }
  return d;
}

py::object named_list(const std::vector<std::pair<std::string, Tensor>>& entries) {
  py::list out;
  for (const auto& [name, t] : entries) out.append(py::make_tuple(name, t));
  return std::move(out);
}

}  // namespace

void init_cpp_modules(py::module_& parent) {
  py::module_ m = parent.def_submodule("_cpp", "nnlite::nn / nnlite::optim as handles, for the parity tests");
  py::class_<nn::Module, ModulePtr>(m, "Module")
      .def(
          "forward",
          [](nn::Module& self, py::args args) -> py::object {
            if (args.size() == 2) {
              auto* loss = dynamic_cast<nn::Loss*>(&self);
              NNLITE_CHECK(loss, Value, self.type_name(), ": forward takes one input, got 2");
              return py::cast(loss->forward(args[0].cast<Tensor>(), args[1].cast<Tensor>()));
            }
            NNLITE_CHECK(args.size() == 1, Value, self.type_name(), ": forward takes 1 or 2 inputs, got ", args.size());
            // LSTMCell returns (h', c') as torch's does; the Module interface gives h' only.
            if (auto* lstm = dynamic_cast<nn::LSTMCell*>(&self)) {
              auto hc = lstm->forward(args[0].cast<Tensor>(), {});
              return py::make_tuple(hc.first, hc.second);
            }
            // The sequence layers return (output, h_n) and LSTM (output, (h_n, c_n)), as torch's.
            if (auto* lstm = dynamic_cast<nn::LSTM*>(&self)) {
              auto [y, hc] = lstm->forward(args[0].cast<Tensor>(), {});
              return py::make_tuple(y, py::make_tuple(hc.first, hc.second));
            }
            const Tensor x = args[0].cast<Tensor>();
            if (auto* rnn = dynamic_cast<nn::RNN*>(&self)) return py::cast(rnn->forward(x, Tensor()));
            if (auto* gru = dynamic_cast<nn::GRU*>(&self)) return py::cast(gru->forward(x, Tensor()));
            return py::cast(self.forward(args[0].cast<Tensor>()));
          })
      .def(
          "forward_output_size",
          [](nn::Module& self, const Tensor& x, const std::vector<int64_t>& output_size) {
            auto* conv = dynamic_cast<nn::ConvTranspose2d*>(&self);
            NNLITE_CHECK(conv, Value, self.type_name(), ": only ConvTranspose2d takes an output_size");
            return conv->forward(x, output_size);
          },
          py::arg("input"), py::arg("output_size"))
      .def("train", [](nn::Module& self, bool on) { self.train(on); }, py::arg("mode") = true)
      .def("eval", [](nn::Module& self) { self.eval(); })
      .def_property_readonly("training", &nn::Module::is_training)
      .def_property_readonly("type_name", &nn::Module::type_name)
      .def("state_dict", [](const nn::Module& self) { return self.state_dict(); })
      .def(
          "load_state_dict",
          [](nn::Module& self, const std::map<std::string, Tensor>& state, bool strict) {
            auto r = self.load_state_dict(state, strict);
            return py::make_tuple(r.missing_keys, r.unexpected_keys);
          },
          py::arg("state_dict"), py::arg("strict") = true)
      .def("named_parameters", [](const nn::Module& self) { return named_list(self.named_parameters()); })
      .def("named_buffers", [](const nn::Module& self) { return named_list(self.named_buffers()); })
      .def("__repr__", &nn::Module::repr);
  m.def("make_module", &make_module, py::arg("type_name"), py::arg("kwargs") = py::dict(),
        "Build nnlite::nn::<type_name> from its Options, setting the given options by their Python names.");
  m.def("module_types", [] {
    std::vector<std::string> names;
    for (const auto& entry : module_builders()) names.push_back(entry.first);
    return names;
  });

  py::class_<optim::Optimizer, OptimizerPtr>(m, "Optimizer")
      .def("step", [](optim::Optimizer& self) { self.step(); })
      .def("zero_grad", &optim::Optimizer::zero_grad, py::arg("set_to_none") = true)
      .def("state", &optimizer_state, py::arg("param"))
      .def("options", &optimizer_options)
      .def_property_readonly("name", &optim::Optimizer::name);
  m.def("make_optimizer", &make_optimizer, py::arg("type_name"), py::arg("params"), py::arg("kwargs") = py::dict(),
        "Build nnlite::optim::<type_name> over params from its Options, setting the given options.");
  m.def("optimizer_types", [] { return std::vector<std::string>{"Adadelta", "Adagrad", "Adam", "AdamW", "LAMB", "LARS", "NAdam", "RAdam", "RMSprop", "SGD"}; });
}

}  // namespace nnlite::py_bind
