// Bindings of the dataset file parsers (nnlite/io.h). Decompression stays in
// Python; these only turn bytes or an uncompressed file into a Tensor.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "nnlite/io.h"

namespace py = pybind11;

namespace nnlite::py_bind {

void init_io(py::module_& m) {
  m.def(
      "parse_idx",
      [](const py::bytes& data, const std::string& name) {
        char* buf = nullptr;
        Py_ssize_t len = 0;
        if (PyBytes_AsStringAndSize(data.ptr(), &buf, &len) != 0) throw py::error_already_set();
        // `data` keeps the buffer alive while the GIL is released.
        py::gil_scoped_release release;
        return io::parse_idx(reinterpret_cast<const uint8_t*>(buf), static_cast<size_t>(len), name);
      },
      py::arg("data"), py::arg("name") = "<bytes>",
      "Parse the bytes of an (uncompressed) IDX file into a Tensor; `name` appears in error messages.");
  m.def(
      "read_idx",
      [](const std::string& path) {
        py::gil_scoped_release release;
        return io::read_idx(path);
      },
      py::arg("path"), "Read an uncompressed IDX file into a Tensor.");
}

}  // namespace nnlite::py_bind
