// Bindings of the layer ops, the losses and the fused optimizer steps, with
// the argument names and defaults of torch.nn.functional so that the Python
// wrappers in nnlite.nn.functional stay thin.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "bindings.h"
#include "nnlite/ops.h"

namespace py = pybind11;

namespace nnlite::py_bind {
namespace {

using OptTensor = std::optional<Tensor>;

Tensor or_undefined(const OptTensor& t) { return t ? *t : Tensor(); }

bool gelu_tanh(const std::string& approximate) {
  if (approximate == "none") return false;
  if (approximate == "tanh") return true;
  NNLITE_FAIL(Value, "gelu: approximate must be 'none' or 'tanh' but got '", approximate, "'");
}

void bind_layers(py::module_& m) {
  m.def(
      "linear", [](const Tensor& x, const Tensor& w, const OptTensor& b) { return linear(x, w, or_undefined(b)); },
      py::arg("input"), py::arg("weight"), py::arg("bias") = py::none(), "y = input @ weight.T + bias");
  m.def("relu", &nnlite::relu, py::arg("input"));
  m.def("leaky_relu", &nnlite::leaky_relu, py::arg("input"), py::arg("negative_slope") = 0.01);
  m.def(
      "gelu", [](const Tensor& x, const std::string& approximate) { return gelu(x, gelu_tanh(approximate)); },
      py::arg("input"), py::arg("approximate") = "none");
  m.def("elu", &nnlite::elu, py::arg("input"), py::arg("alpha") = 1.0);
  m.def("softplus", &nnlite::softplus, py::arg("input"), py::arg("beta") = 1.0, py::arg("threshold") = 20.0);
  m.def("sigmoid", &nnlite::sigmoid, py::arg("input"));
  m.def("tanh", &nnlite::tanh, py::arg("input"));
  m.def("softmax", &nnlite::softmax, py::arg("input"), py::arg("dim"));
  m.def("log_softmax", &nnlite::log_softmax, py::arg("input"), py::arg("dim"));
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

void bind_optim(py::module_& m) {
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
  bind_optim(m);
}

}  // namespace nnlite::py_bind
