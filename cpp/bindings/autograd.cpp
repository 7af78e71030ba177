// Grad mode and nnlite.autograd.grad.
#include "bindings.h"
#include "convert.h"
#include "docstrings.h"

namespace nnlite::py_bind {

void init_autograd(py::module_& m) {
  m.def("is_grad_enabled", &grad_enabled, doc_of("is_grad_enabled"));
  m.def("_queue_callback", [](py::function fn) {
    autograd::queue_callback([fn]() {
      py::gil_scoped_acquire gil;
      fn();
    });
  }, py::arg("callback"));
  m.def("set_grad_enabled_", &set_grad_enabled, py::arg("mode"));
  m.def("autograd_grad", [](const TensorList& outputs, const TensorList& inputs, py::object grad_outputs,
                            py::object retain_graph, bool create_graph, bool allow_unused) {
    TensorList gs;
    if (!grad_outputs.is_none()) {
      for (py::handle g : grad_outputs) gs.push_back(g.is_none() ? Tensor() : g.cast<Tensor>());
    }
    bool retain = retain_graph.is_none() ? create_graph : retain_graph.cast<bool>();
    TensorList r = autograd::grad(outputs, inputs, gs, retain, create_graph, allow_unused);
    py::list out;
    for (const Tensor& t : r) out.append(t.defined() ? py::cast(t) : py::none());
    return py::tuple(out);
  }, py::arg("outputs"), py::arg("inputs"), py::arg("grad_outputs") = py::none(),
        py::arg("retain_graph") = py::none(), py::arg("create_graph") = false, py::arg("allow_unused") = false);
  m.def("backward_many", [](const TensorList& outputs, py::object grads, py::object retain_graph, bool create_graph) {
    TensorList gs;
    if (!grads.is_none())
      for (py::handle g : grads) gs.push_back(g.is_none() ? Tensor() : g.cast<Tensor>());
    bool retain = retain_graph.is_none() ? create_graph : retain_graph.cast<bool>();
    run_backward(outputs, gs, retain, create_graph);
  }, py::arg("tensors"), py::arg("grad_tensors") = py::none(), py::arg("retain_graph") = py::none(),
        py::arg("create_graph") = false);
}

}  // namespace nnlite::py_bind
