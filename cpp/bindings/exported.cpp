// Bindings of exported inference graphs (nnlite/graph.h): loading a graph
// file and running it. The Python wrapper (nnlite.load_graph) adds the
// call syntax; everything else is the C++ API as is.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "nnlite/graph.h"

namespace py = pybind11;

namespace nnlite::py_bind {

void init_exported(py::module_& m) {
  py::class_<Graph>(m, "Graph", "An exported inference graph; create one with load_graph(path).")
      .def("run", &Graph::run, py::arg("inputs"), py::call_guard<py::gil_scoped_release>(),
           "Run on one tensor per graph input; returns one tensor per graph output.")
      .def_property_readonly("inputs", [](const Graph& g) {
        py::list out;
        for (const GraphInput& in : g.inputs())
          out.append(py::dict(py::arg("name") = in.name, py::arg("rank") = in.rank, py::arg("dtype") = in.dtype,
                              py::arg("shape") = py::tuple(py::cast(in.example_shape))));
        return out;
      })
      .def_property_readonly("output_names", &Graph::output_names)
      .def_property_readonly("node_ops", &Graph::node_ops)
      .def_property_readonly("constants", &Graph::constants);
  m.def("load_graph", &load_graph, py::arg("path"), py::call_guard<py::gil_scoped_release>(),
        "Load a graph file written by nnlite.export.");
  m.def(
      "parse_graph",
      [](const py::bytes& data, const std::string& name) {
        char* buf = nullptr;
        Py_ssize_t len = 0;
        if (PyBytes_AsStringAndSize(data.ptr(), &buf, &len) != 0) throw py::error_already_set();
        py::gil_scoped_release release;  // `data` keeps the buffer alive
        return parse_graph(reinterpret_cast<const uint8_t*>(buf), static_cast<size_t>(len), name);
      },
      py::arg("data"), py::arg("name") = "<bytes>", "Load a graph from the bytes of a graph file.");
  m.def("graph_op_names", &graph_op_names, "The ops a graph file may use.");
}

}  // namespace nnlite::py_bind
