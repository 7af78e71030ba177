// Bindings of exported inference graphs (nnlite/graph.h): loading a graph
// file and running it. The Python wrapper (nnlite.load_graph) adds the
// call syntax; everything else is the C++ API as is. Also the op schemas
// (ops/schema.h), which say which ops a graph may hold and how they map to
// ONNX, for the tests and the docs.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "nnlite/graph.h"
#include "ops/schema.h"

namespace py = pybind11;

namespace nnlite::py_bind {

namespace {

const char* input_kind(schema::Input::Kind k) {
  switch (k) {
    case schema::Input::Required: return "required";
    case schema::Input::Optional: return "optional";
    case schema::Input::ZeroOrMore: return "zero_or_more";
    case schema::Input::OneOrMore: return "one_or_more";
  }
  return "?";
}

py::dict schema_dict(const schema::OpSchema& s) {
  py::list inputs, attrs;
  for (const schema::Input& in : s.input_list())
    inputs.append(py::dict(py::arg("name") = in.name, py::arg("kind") = input_kind(in.kind)));
  for (const schema::Attr& a : s.attr_list())
    attrs.append(py::dict(py::arg("name") = a.name, py::arg("type") = schema::attr_type_name(a.type)));
  return py::dict(py::arg("name") = s.name(), py::arg("inputs") = inputs, py::arg("attrs") = attrs,
                  py::arg("outputs") = s.num_outputs(), py::arg("differentiable") = s.is_differentiable(),
                  py::arg("exportable") = s.is_graph_op(), py::arg("exported_as") = s.exported_as(),
                  py::arg("export_note") = s.export_note(), py::arg("onnx") = s.onnx_ops(),
                  py::arg("onnx_note") = s.onnx_note());
}

schema::AttrType attr_type(const std::string& name) {
  for (int i = 0; i <= static_cast<int>(schema::AttrType::Shape); ++i)
    if (name == schema::attr_type_name(static_cast<schema::AttrType>(i))) return static_cast<schema::AttrType>(i);
  throw py::value_error("op schema: unknown attribute type '" + name + "'");
}

// A schema built from a description with the same builder the family files
// use, then checked; for the tests (nnlite._C._testing). export: "kernel" (an
// identity kernel), "as" or "none"; onnx: None (not given), a list, or a
// string (no_onnx's reason).
py::dict make_schema(const std::string& name, const std::vector<std::string>& inputs,
                     const std::vector<std::pair<std::string, std::string>>& attrs, int outputs, bool differentiable,
                     const std::string& export_kind, const std::vector<std::string>& exported_as,
                     const std::string& why, const py::object& onnx) {
  schema::OpSchema s(name);
  s.inputs(inputs).outputs(outputs).differentiable(differentiable);
  for (const auto& [attr, type] : attrs) s.add_attr({attr, attr_type(type)});
  if (export_kind == "kernel")
    s.kernel([](schema::Attrs&) -> schema::Kernel { return [](const TensorList& in) { return in; }; });
  else if (export_kind == "as")
    s.recorded_as(exported_as, why);
  else if (export_kind == "none")
    s.not_exportable(why);
  else if (!export_kind.empty())
    throw py::value_error("op schema: export must be 'kernel', 'as', 'none' or '', got '" + export_kind + "'");
  if (py::isinstance<py::str>(onnx))
    s.no_onnx(onnx.cast<std::string>());
  else if (!onnx.is_none())
    s.onnx(onnx.cast<std::vector<std::string>>());
  s.validate();
  py::dict d = schema_dict(s);
  d["min_inputs"] = s.min_inputs();
  d["max_inputs"] = s.max_inputs();
  return d;
}

}  // namespace

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
  m.def("load_graph", &load_graph, py::arg("path"), py::arg("optimize") = true,
        py::call_guard<py::gil_scoped_release>(),
        "Load a graph file written by nnlite.export; optimize: fold batch norm and fuse epilogues at load.");
  m.def(
      "parse_graph",
      [](const py::bytes& data, const std::string& name, bool optimize) {
        char* buf = nullptr;
        Py_ssize_t len = 0;
        if (PyBytes_AsStringAndSize(data.ptr(), &buf, &len) != 0) throw py::error_already_set();
        py::gil_scoped_release release;  // `data` keeps the buffer alive
        return parse_graph(reinterpret_cast<const uint8_t*>(buf), static_cast<size_t>(len), name, optimize);
      },
      py::arg("data"), py::arg("name") = "<bytes>", py::arg("optimize") = true, "Load a graph from the bytes of a graph file.");
  m.def("graph_op_names", &graph_op_names, "The ops a graph file may use.");
  m.def(
      "op_schemas",
      [] {
        py::list out;
        for (const auto& entry : schema::registry().all()) out.append(schema_dict(entry.second));
        return out;
      },
      "Every op's schema, by name: a dict with name, inputs ([{name, kind}], kind one of required, optional, "
      "zero_or_more, one_or_more), attrs ([{name, type}]), outputs (-1: as many as the node names), "
      "differentiable, exportable (a graph op), exported_as and export_note (what export records instead, or why "
      "not), onnx (the ONNX ops it becomes) and onnx_note (why it has none).");
  py::module_ testing = m.def_submodule("_testing", "Hooks for nnlite's own tests; not a public API.");
  testing.def("make_schema", &make_schema, py::arg("name"), py::arg("inputs") = std::vector<std::string>{},
              py::arg("attrs") = std::vector<std::pair<std::string, std::string>>{}, py::arg("outputs") = 1,
              py::arg("differentiable") = false, py::arg("export") = "", py::arg("exported_as") = std::vector<std::string>{},
              py::arg("why") = "", py::arg("onnx") = py::none(),
              "Build and check an op schema the way a family file does; returns it as op_schemas() shows one, "
              "with min_inputs and max_inputs, or raises RuntimeError naming what is wrong.");
}

}  // namespace nnlite::py_bind
