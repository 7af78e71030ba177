// Bindings of export recording (nnlite/export.h): the recorder that
// nnlite.export and nnlite.onnx.export run a model under, the recording it
// gives, save_graph, and nnlite.ExportError. The recording itself happens in
// the ops; see cpp/src/exported/recorder.h for the side channel through which
// the shape conversion (convert.cpp) passes sizes read from x.shape.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "convert.h"
#include "nnlite/export.h"

namespace py = pybind11;

namespace nnlite::py_bind {

namespace {

NamedTensors named_from(py::handle named) {
  NamedTensors out;
  if (named.is_none()) return out;
  for (py::handle item : named) {
    auto pair = py::reinterpret_borrow<py::tuple>(item);
    NNLITE_CHECK(pair.size() == 2, Type, "GraphRecorder: named constants must be (name, Tensor) pairs");
    if (pair[1].is_none()) continue;  // an absent buffer
    out.emplace_back(pair[0].cast<std::string>(), pair[1].cast<Tensor>());
  }
  return out;
}

// A small model written in C++ and recorded with export_graph, for the tests:
// linear -> relu -> view(-1, 2, k) -> sum(2) -> + bias / 2, on [N, in] inputs.
GraphRecording export_cpp_example(const Tensor& weight, const Tensor& bias) {
  auto fn = [&](const TensorList& in) {
    Tensor h = relu(linear(in[0], weight, bias));
    Tensor s = sum(h.view({-1, 2, h.size(1) / 2}), {2});
    return TensorList{s + 0.5 * mean(s, {1}, true), h.flatten()};
  };
  return export_graph(fn, {randn({3, weight.size(1)})}, {{"fc.weight", weight}, {"fc.bias", bias}});
}

}  // namespace

void init_recording(py::module_& m) {
  py::register_exception<ExportError>(m, "ExportError", PyExc_ValueError);

  py::class_<GraphRecording>(m, "GraphRecording", "What one export recorded (nnlite/export.h).")
      .def_readonly("graph_json", &GraphRecording::graph_json)
      .def_readonly("constants", &GraphRecording::constants)
      .def_property_readonly("values", [](const GraphRecording& r) {
        py::dict out;
        for (const auto& [name, v] : r.values) {
          py::tuple shape(v.shape.size());
          for (size_t i = 0; i < v.shape.size(); ++i) shape[i] = py::int_(v.shape[i]);
          out[py::str(name)] = py::make_tuple(dtype_name(v.dtype), shape);
        }
        return out;
      }, "{value name: (dtype name, shape)} as seen while recording");

  py::class_<GraphRecorder>(m, "GraphRecorder",
                            "Records the ops this thread runs on graph values while it is entered (a context "
                            "manager); other threads are not affected.")
      .def(py::init([](py::object named, std::string producer) {
        return std::make_unique<GraphRecorder>(named_from(named), std::move(producer));
      }), py::arg("named_constants") = py::none(), py::arg("producer") = "")
      .def("__enter__", [](py::object self) {
        self.cast<GraphRecorder&>().start();
        return self;
      })
      .def("__exit__", [](GraphRecorder& r, py::args) {
        r.stop();
        return false;
      })
      .def_property_readonly("active", &GraphRecorder::active)
      .def("add_input", &GraphRecorder::add_input, py::arg("input"))
      .def("finish", &GraphRecorder::finish, py::arg("outputs"));

  m.def("save_graph", &save_graph, py::arg("recording"), py::arg("path"), py::call_guard<py::gil_scoped_release>(),
        "Write a recording as a graph file (atomically).");
  m.def("_export_cpp_example", &export_cpp_example, py::arg("weight"), py::arg("bias"),
        py::call_guard<py::gil_scoped_release>(), "A model written in C++, recorded by nnlite::export_graph (tests).");
}

}  // namespace nnlite::py_bind
