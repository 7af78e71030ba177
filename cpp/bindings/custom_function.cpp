// nnlite.autograd.Function's core: _C._FunctionCtx (the ctx Python
// subclasses) and _C._custom_function_apply, which runs a Python forward and
// records a node whose backward calls back into Python.
#include "bindings.h"
#include "convert.h"
#include "nnlite/custom_function.h"

namespace nnlite::py_bind {

namespace {

using autograd::FunctionCtx;

// A Python object owned from C++ code that may drop it without the GIL (the
// engine frees closures as it goes): the deleter takes the GIL.
std::shared_ptr<py::object> gil_owned(py::object o) {
  return std::shared_ptr<py::object>(new py::object(std::move(o)), [](py::object* p) {
    if (!Py_IsInitialized()) {  // interpreter gone: leak rather than touch it
      p->release();
      delete p;
      return;
    }
    py::gil_scoped_acquire gil;
    delete p;
  });
}

TensorList tensors_or_none(py::handle seq, const char* what) {
  TensorList out;
  for (py::handle h : seq) {
    if (h.is_none()) {
      out.emplace_back();
    } else {
      NNLITE_CHECK(py::isinstance<Tensor>(h), Type, what, ": expected tensors or None, got ",
                   std::string(py::str(py::type::of(h).attr("__name__"))));
      out.push_back(h.cast<Tensor>());
    }
  }
  return out;
}

py::tuple to_tuple(const TensorList& ts) {
  py::tuple out(ts.size());
  for (size_t i = 0; i < ts.size(); ++i) out[i] = ts[i].defined() ? py::cast(ts[i]) : py::none();
  return out;
}

}  // namespace

void init_custom_function(py::module_& m) {
  py::class_<FunctionCtx, std::shared_ptr<FunctionCtx>>(m, "_FunctionCtx", py::dynamic_attr())
      .def(py::init<>())
      .def("save_for_backward", [](FunctionCtx& c, py::args ts) {
        c.save_for_backward(tensors_or_none(ts, "save_for_backward"));
      })
      .def_property_readonly("saved_tensors", [](const FunctionCtx& c) { return to_tuple(c.saved_tensors()); })
      .def("mark_non_differentiable", [](FunctionCtx& c, py::args ts) {
        c.mark_non_differentiable(tensors_or_none(ts, "mark_non_differentiable"));
      })
      .def("set_materialize_grads", &FunctionCtx::set_materialize_grads, py::arg("value"));

  // forward(): the tensor outputs (a list); backward(grads: list of tensors or
  // None, one per output): one gradient or None per tensor input.
  m.def("_custom_function_apply", [](const std::string& name, std::shared_ptr<FunctionCtx> ctx,
                                     const TensorList& inputs, py::function forward, py::function backward) {
    auto bw = gil_owned(std::move(backward));
    return autograd::custom_function(
        name, inputs,
        [&forward, &name](FunctionCtx&) {
          py::object r = forward();
          return tensors_or_none(r, (name + ".forward").c_str());
        },
        [bw, name](FunctionCtx&, const TensorList& grads) {
          py::gil_scoped_acquire gil;
          py::object r = (*bw)(to_tuple(grads));
          return tensors_or_none(r, (name + ".backward").c_str());
        },
        std::move(ctx));
  }, py::arg("name"), py::arg("ctx"), py::arg("inputs"), py::arg("forward"), py::arg("backward"));
}

}  // namespace nnlite::py_bind
