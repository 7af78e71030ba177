// Bindings of the dataset file parsers (nnlite/io.h). Decompression stays in
// Python; these only turn bytes or an uncompressed file into a Tensor.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "nnlite/io.h"

namespace py = pybind11;

namespace nnlite::py_bind {

namespace {

io::CifarKind cifar_kind(const std::string& kind) {
  if (kind == "cifar10") return io::CifarKind::Cifar10;
  if (kind == "cifar100") return io::CifarKind::Cifar100;
  NNLITE_FAIL(Value, "read_cifar: kind must be 'cifar10' or 'cifar100', got '", kind, "'");
}

// (images uint8 [N, 3, 32, 32], labels int64 [N], coarse labels int64 [N] or None)
py::tuple cifar_tuple(io::CifarData d) {
  py::object coarse = d.coarse_labels.defined() ? py::cast(d.coarse_labels) : py::none();
  return py::make_tuple(d.images, d.labels, coarse);
}

void bind_cifar(py::module_& m) {
  m.def(
      "parse_cifar",
      [](const py::bytes& data, const std::string& kind, const std::string& name) {
        char* buf = nullptr;
        Py_ssize_t len = 0;
        if (PyBytes_AsStringAndSize(data.ptr(), &buf, &len) != 0) throw py::error_already_set();
        const io::CifarKind k = cifar_kind(kind);
        io::CifarData d;
        {
          py::gil_scoped_release release;  // `data` keeps the buffer alive
          d = io::parse_cifar(reinterpret_cast<const uint8_t*>(buf), static_cast<size_t>(len), k, name);
        }
        return cifar_tuple(std::move(d));
      },
      py::arg("data"), py::arg("kind"), py::arg("name") = "<bytes>",
      "Parse the bytes of a CIFAR binary file; kind is 'cifar10' or 'cifar100'. Returns (images, labels, "
      "coarse_labels or None).");
  m.def(
      "read_cifar",
      [](const std::vector<std::string>& paths, const std::string& kind) {
        const io::CifarKind k = cifar_kind(kind);
        io::CifarData d;
        {
          py::gil_scoped_release release;
          d = io::read_cifar(paths, k);
        }
        return cifar_tuple(std::move(d));
      },
      py::arg("paths"), py::arg("kind"),
      "Read and concatenate CIFAR binary files. Returns (images, labels, coarse_labels or None).");
}

}  // namespace

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
  bind_cifar(m);
}

}  // namespace nnlite::py_bind
