// The optimizers whose update is a composition of ops (ops/optim_rules.cpp):
// nnlite.optim passes each parameter's state dict (torch's keys) and the
// group's hyperparameters, and gets the updated state dicts back.
#include "bindings.h"
#include "convert.h"

namespace nnlite::py_bind {

namespace {

OptimizerHyper to_hyper(const py::dict& d) {
  OptimizerHyper h;
  for (auto [key, value] : d) h[py::cast<std::string>(key)] = py::float_(py::reinterpret_borrow<py::object>(value)).cast<double>();
  return h;
}

OptimizerParamState to_state(const py::dict& d) {
  OptimizerParamState s;
  for (auto [key, value] : d) {
    if (value.is_none()) continue;
    const auto name = py::cast<std::string>(key);
    if (py::isinstance<Tensor>(value))
      s.tensors[name] = py::cast<Tensor>(value);
    else
      s.numbers[name] = py::float_(py::reinterpret_borrow<py::object>(value)).cast<double>();
  }
  return s;
}

py::dict to_dict(const OptimizerParamState& s) {
  py::dict d;
  for (const auto& [key, value] : s.numbers) d[py::str(key)] = value;
  for (const auto& [key, t] : s.tensors) d[py::str(key)] = t;
  return d;
}

}  // namespace

void init_optim_rules(py::module_& m) {
  m.def("rule_optimizer_names", &rule_optimizer_names);
  m.def(
      "check_rule_optimizer_options",
      [](const std::string& name, const py::dict& hyper) { check_rule_optimizer_options(name, to_hyper(hyper)); },
      py::arg("name"), py::arg("hyper"), "nnlite::optim's hyperparameter checks of a rule optimizer.");
  m.def(
      "rule_optimizer_group_step",
      [](const std::string& name, const TensorList& params, const py::list& states, const py::dict& hyper) {
        std::vector<OptimizerParamState> s;
        for (auto d : states) s.push_back(to_state(py::cast<py::dict>(d)));
        const OptimizerHyper h = to_hyper(hyper);
        {
          py::gil_scoped_release release;
          rule_optimizer_group_step(name, params, s, h);
        }
        py::list out;
        for (const auto& one : s) out.append(to_dict(one));
        return out;
      },
      py::arg("name"), py::arg("params"), py::arg("states"), py::arg("hyper"),
      "One step of a rule optimizer (Adagrad, RMSprop, Adadelta, NAdam, RAdam, LARS, LAMB) over a group; returns the parameters' new state dicts.");
}

}  // namespace nnlite::py_bind
