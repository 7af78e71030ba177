// Bindings of the layer ops, the losses and the fused optimizer steps, with
// the argument names and defaults of torch.nn.functional so that the Python
// wrappers in nnlite.nn.functional stay thin.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "bindings.h"
#include "convert.h"
#include "docstrings.h"
#include "nnlite/nn/init.h"
#include "nnlite/ops.h"
#include "nnlite/optim.h"
#include "ops/norm_fused.h"

namespace py = pybind11;

namespace nnlite::py_bind {
namespace {

TensorList undefined_for_none(const std::vector<OptTensor>& ts) {
  TensorList out;
  out.reserve(ts.size());
  for (const auto& t : ts) out.push_back(or_undefined(t));
  return out;
}

std::vector<OptTensor> none_for_undefined(const TensorList& ts) {
  std::vector<OptTensor> out;
  out.reserve(ts.size());
  for (const auto& t : ts) out.push_back(t.defined() ? OptTensor(t) : std::nullopt);
  return out;
}

bool gelu_tanh(const std::string& approximate) {
  if (approximate == "none") return false;
  if (approximate == "tanh") return true;
  NNLITE_FAIL(Value, "gelu: approximate must be 'none' or 'tanh' but got '", approximate, "'");
}

void bind_layers(py::module_& m) {
  m.def(
      "linear", [](const Tensor& x, const Tensor& w, const OptTensor& b) { return linear(x, w, or_undefined(b)); },
      py::arg("input"), py::arg("weight"), py::arg("bias") = py::none(), "y = input @ weight.T + bias");
  m.def("relu", &nnlite::relu, py::arg("input"), doc_of("relu"));
  m.def("leaky_relu", &nnlite::leaky_relu, py::arg("input"), py::arg("negative_slope") = 0.01);
  m.def(
      "gelu", [](const Tensor& x, const std::string& approximate) { return gelu(x, gelu_tanh(approximate)); },
      py::arg("input"), py::arg("approximate") = "none");
  m.def("elu", &nnlite::elu, py::arg("input"), py::arg("alpha") = 1.0);
  m.def("softplus", &nnlite::softplus, py::arg("input"), py::arg("beta") = 1.0, py::arg("threshold") = 20.0);
  m.def("sigmoid", &nnlite::sigmoid, py::arg("input"), doc_of("sigmoid"));
  m.def("tanh", &nnlite::tanh, py::arg("input"), doc_of("tanh"));
  m.def("softmax", &nnlite::softmax, py::arg("input"), py::arg("dim"), doc_of("softmax"));
  m.def("log_softmax", &nnlite::log_softmax, py::arg("input"), py::arg("dim"), doc_of("log_softmax"));
  m.def(
      "dropout",
      [](const Tensor& x, double p, bool training, Generator* gen) { return dropout(x, p, training, gen); },
      py::arg("input"), py::arg("p") = 0.5, py::arg("training") = true, py::arg("generator") = py::none());
}

void bind_losses(py::module_& m) {
  m.def(
      "reduction_from_name", [](const std::string& name) { return static_cast<int>(reduction_from_name(name)); },
      py::arg("name"), "Check a reduction name; returns 0 (none), 1 (mean) or 2 (sum).");
  m.def(
      "mse_loss",
      [](const Tensor& x, const Tensor& t, const std::string& r) { return mse_loss(x, t, reduction_from_name(r)); },
      py::arg("input"), py::arg("target"), py::arg("reduction") = "mean");
  m.def(
      "l1_loss",
      [](const Tensor& x, const Tensor& t, const std::string& r) { return l1_loss(x, t, reduction_from_name(r)); },
      py::arg("input"), py::arg("target"), py::arg("reduction") = "mean");
  m.def(
      "binary_cross_entropy",
      [](const Tensor& x, const Tensor& t, const OptTensor& w, const std::string& r) {
        return binary_cross_entropy(x, t, or_undefined(w), reduction_from_name(r));
      },
      py::arg("input"), py::arg("target"), py::arg("weight") = py::none(), py::arg("reduction") = "mean");
  m.def(
      "binary_cross_entropy_with_logits",
      [](const Tensor& x, const Tensor& t, const OptTensor& w, const std::string& r, const OptTensor& pw) {
        return binary_cross_entropy_with_logits(x, t, or_undefined(w), or_undefined(pw), reduction_from_name(r));
      },
      py::arg("input"), py::arg("target"), py::arg("weight") = py::none(), py::arg("reduction") = "mean",
      py::arg("pos_weight") = py::none());
  m.def(
      "nll_loss",
      [](const Tensor& x, const Tensor& t, const OptTensor& w, int64_t ignore_index, const std::string& r) {
        return nll_loss(x, t, or_undefined(w), ignore_index, reduction_from_name(r));
      },
      py::arg("input"), py::arg("target"), py::arg("weight") = py::none(), py::arg("ignore_index") = -100,
      py::arg("reduction") = "mean");
  m.def(
      "cross_entropy",
      [](const Tensor& x, const Tensor& t, const OptTensor& w, int64_t ignore_index, const std::string& r,
         double label_smoothing) {
        return cross_entropy(x, t, or_undefined(w), ignore_index, reduction_from_name(r), label_smoothing);
      },
      py::arg("input"), py::arg("target"), py::arg("weight") = py::none(), py::arg("ignore_index") = -100,
      py::arg("reduction") = "mean", py::arg("label_smoothing") = 0.0);
}

// The module-level rules that both nn APIs share (nnlite.nn calls these, and
// nnlite::nn calls the same C++ functions).
void bind_module_rules(py::module_& m) {
  m.def(
      "batch_norm_module",
      [](const Tensor& x, const OptTensor& rm, const OptTensor& rv, const OptTensor& tracked, const OptTensor& w,
         const OptTensor& b, bool training, bool track_running_stats, std::optional<double> momentum, double eps,
         const std::string& module, const OptTensor& residual, bool relu) {
        if (residual || relu)
          return batch_norm_module_fused(x, or_undefined(rm), or_undefined(rv), or_undefined(tracked),
                                         or_undefined(w), or_undefined(b), training, track_running_stats, momentum,
                                         eps, module, or_undefined(residual), relu);
        return batch_norm_module(x, or_undefined(rm), or_undefined(rv), or_undefined(tracked), or_undefined(w),
                                 or_undefined(b), training, track_running_stats, momentum, eps, module);
      },
      py::arg("input"), py::arg("running_mean"), py::arg("running_var"), py::arg("num_batches_tracked"),
      py::arg("weight"), py::arg("bias"), py::arg("training"), py::arg("track_running_stats"), py::arg("momentum"),
      py::arg("eps"), py::arg("module") = "", py::arg("residual") = py::none(), py::arg("relu") = false,
      "BatchNorm1d/2d's forward: counts the batch, picks the statistics and the update factor, updates the "
      "running statistics; then relu?(. + residual?) on each row of the output (residual of the input's shape).");
  py::module_ init = m.def_submodule("_nn_init", "nnlite::nn::init, which nnlite.nn.init calls");
  auto fan_mode = [](bool fan_in) { return fan_in ? nn::init::FanMode::FanIn : nn::init::FanMode::FanOut; };
  init.def("calculate_gain", &nn::init::calculate_gain, py::arg("nonlinearity"), py::arg("param") = py::none());
  init.def("calculate_fan_in_and_fan_out", &nn::init::calculate_fan_in_and_fan_out, py::arg("tensor"));
  init.def("uniform_", [](Tensor& t, double a, double b, Generator* g) { nn::init::uniform_(t, a, b, g); },
           py::arg("tensor"), py::arg("a"), py::arg("b"), py::arg("generator") = py::none());
  init.def("normal_", [](Tensor& t, double mean, double std, Generator* g) { nn::init::normal_(t, mean, std, g); },
           py::arg("tensor"), py::arg("mean"), py::arg("std"), py::arg("generator") = py::none());
  init.def("xavier_uniform_", [](Tensor& t, double gain, Generator* g) { nn::init::xavier_uniform_(t, gain, g); },
           py::arg("tensor"), py::arg("gain"), py::arg("generator") = py::none());
  init.def("xavier_normal_", [](Tensor& t, double gain, Generator* g) { nn::init::xavier_normal_(t, gain, g); },
           py::arg("tensor"), py::arg("gain"), py::arg("generator") = py::none());
  init.def(
      "kaiming_uniform_",
      [fan_mode](Tensor& t, double a, bool fan_in, const std::string& nl, Generator* g) {
        nn::init::kaiming_uniform_(t, a, fan_mode(fan_in), nl, g);
      },
      py::arg("tensor"), py::arg("a"), py::arg("fan_in"), py::arg("nonlinearity"), py::arg("generator") = py::none());
  init.def(
      "kaiming_normal_",
      [fan_mode](Tensor& t, double a, bool fan_in, const std::string& nl, Generator* g) {
        nn::init::kaiming_normal_(t, a, fan_mode(fan_in), nl, g);
      },
      py::arg("tensor"), py::arg("a"), py::arg("fan_in"), py::arg("nonlinearity"), py::arg("generator") = py::none());
  init.def(
      "reset_linear_",
      [](Tensor& w, const OptTensor& b) {
        Tensor bias = or_undefined(b);
        nn::init::reset_linear_(w, bias);
      },
      py::arg("weight"), py::arg("bias"), "Linear's default initialisation of weight and bias.");
  init.def(
      "reset_conv_",
      [](Tensor& w, const OptTensor& b) {
        Tensor bias = or_undefined(b);
        nn::init::reset_conv_(w, bias);
      },
      py::arg("weight"), py::arg("bias"), "The convolutions' default initialisation of weight and bias.");
  init.def(
      "reset_affine_",
      [](const OptTensor& w, const OptTensor& b) {
        Tensor weight = or_undefined(w), bias = or_undefined(b);
        nn::init::reset_affine_(weight, bias);
      },
      py::arg("weight"), py::arg("bias"), "Normalization layers' affine parameters: weight ones, bias zeros.");
  init.def(
      "reset_running_stats_",
      [](const OptTensor& rm, const OptTensor& rv, const OptTensor& tracked) {
        Tensor a = or_undefined(rm), b = or_undefined(rv), c = or_undefined(tracked);
        nn::init::reset_running_stats_(a, b, c);
      },
      py::arg("running_mean"), py::arg("running_var"), py::arg("num_batches_tracked"),
      "BatchNorm's running statistics: mean 0, variance 1, no batches tracked.");
}

void bind_optim(py::module_& m) {
  m.def(
      "check_sgd_options",
      [](double lr, double momentum, double dampening, double weight_decay, bool nesterov, bool maximize) {
        optim::check_sgd_options(optim::SGDOptions(lr, momentum, dampening, weight_decay, nesterov, maximize));
      },
      py::arg("lr"), py::arg("momentum"), py::arg("dampening"), py::arg("weight_decay"), py::arg("nesterov"),
      py::arg("maximize"), "nnlite::optim's SGD hyperparameter checks.");
  m.def(
      "check_adam_options",
      [](const std::string& name, double lr, double beta1, double beta2, double eps, double weight_decay) {
        optim::check_adam_options(name, optim::AdamOptions(lr, {beta1, beta2}, eps, weight_decay));
      },
      py::arg("name"), py::arg("lr"), py::arg("beta1"), py::arg("beta2"), py::arg("eps"), py::arg("weight_decay"),
      "nnlite::optim's Adam/AdamW hyperparameter checks.");
  m.def(
      "sgd_group_step",
      [](const TensorList& params, const std::vector<OptTensor>& bufs, double lr, double momentum, double dampening,
         double weight_decay, bool nesterov, bool maximize) {
        TensorList b = undefined_for_none(bufs);
        {
          py::gil_scoped_release release;
          sgd_group_step(params, b, lr, momentum, dampening, weight_decay, nesterov, maximize);
        }
        return none_for_undefined(b);
      },
      py::arg("params"), py::arg("momentum_buffers"), py::arg("lr"), py::arg("momentum"), py::arg("dampening"),
      py::arg("weight_decay"), py::arg("nesterov"), py::arg("maximize"),
      "SGD's step over a parameter group; returns the momentum buffers (made where they started).");
  m.def(
      "adam_group_step",
      [](const TensorList& params, std::vector<int64_t> steps, const std::vector<OptTensor>& m1,
         const std::vector<OptTensor>& m2, const std::vector<OptTensor>& vmax, double lr, double beta1, double beta2,
         double eps, double weight_decay, bool amsgrad, bool decoupled, bool maximize) {
        TensorList a = undefined_for_none(m1), b = undefined_for_none(m2), c = undefined_for_none(vmax);
        {
          py::gil_scoped_release release;
          adam_group_step(params, steps, a, b, c, lr, beta1, beta2, eps, weight_decay, amsgrad, decoupled, maximize);
        }
        return py::make_tuple(steps, none_for_undefined(a), none_for_undefined(b), none_for_undefined(c));
      },
      py::arg("params"), py::arg("steps"), py::arg("exp_avgs"), py::arg("exp_avg_sqs"), py::arg("max_exp_avg_sqs"),
      py::arg("lr"), py::arg("beta1"), py::arg("beta2"), py::arg("eps"), py::arg("weight_decay"), py::arg("amsgrad"),
      py::arg("decoupled_weight_decay"), py::arg("maximize"),
      "Adam's step over a parameter group; returns (steps, exp_avgs, exp_avg_sqs, max_exp_avg_sqs).");
  // The tensor lists are converted while the GIL is held; the update itself
  // runs without it so other Python threads (data loading) keep going.
  m.def("sgd_step", &nnlite::sgd_step, py::arg("params"), py::arg("grads"), py::arg("momentum_buffers"), py::arg("lr"),
        py::arg("momentum"), py::arg("dampening"), py::arg("weight_decay"), py::arg("nesterov"), py::arg("maximize"),
        py::arg("first_step"), py::call_guard<py::gil_scoped_release>(),
        "One fused SGD update of every tensor in params, in place.");
  m.def("adam_step", &nnlite::adam_step, py::arg("params"), py::arg("grads"), py::arg("exp_avgs"), py::arg("exp_avg_sqs"),
        py::arg("max_exp_avg_sqs"), py::arg("step"), py::arg("lr"), py::arg("beta1"), py::arg("beta2"),
        py::arg("eps"), py::arg("weight_decay"), py::arg("amsgrad"), py::arg("decoupled_weight_decay"),
        py::arg("maximize"), py::call_guard<py::gil_scoped_release>(),
        "One fused Adam/AdamW update of every tensor in params, in place.");
}

}  // namespace

void init_nn(py::module_& m) {
  bind_layers(m);
  bind_losses(m);
  bind_module_rules(m);
  bind_optim(m);
}

}  // namespace nnlite::py_bind
