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


// ---- safetensors ------------------------------------------------------------

// io::IoError becomes the OSError subclass that its errno picks
// (FileNotFoundError, PermissionError, ...), as Python's own file functions do.
[[noreturn]] void raise_os_error(const io::IoError& e) {
  PyObject* exc = PyObject_CallFunction(PyExc_OSError, "is", e.error_number(), e.what());
  if (exc == nullptr) throw py::error_already_set();
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc)), exc);
  Py_DECREF(exc);
  throw py::error_already_set();
}

// Run `f` without the GIL (it reads or writes files and copies tensors, no
// Python objects) and translate file-system errors.
template <typename F>
auto without_gil(F f) {
  try {
    py::gil_scoped_release release;
    return f();
  } catch (const io::IoError& e) {
    raise_os_error(e);
  }
}

py::tuple tensors_and_metadata(io::TensorMap tensors, io::Metadata metadata) {
  py::dict t;
  for (auto& [name, tensor] : tensors) t[py::str(name)] = py::cast(std::move(tensor));
  return py::make_tuple(t, py::cast(metadata));
}

void bind_safetensors(py::module_& m) {
  m.def(
      "save_safetensors",
      [](const io::TensorMap& tensors, const std::string& path, const io::Metadata& metadata) {
        without_gil([&] {
          io::save(tensors, path, metadata);
          return 0;
        });
      },
      py::arg("tensors"), py::arg("path"), py::arg("metadata") = io::Metadata{},
      "Write {name: Tensor} and {str: str} metadata to a safetensors file (temporary file, fsync, rename).");
  m.def(
      "load_safetensors",
      [](const std::string& path) {
        io::Metadata metadata;
        io::TensorMap tensors = without_gil([&] { return io::load(path, &metadata); });
        return tensors_and_metadata(std::move(tensors), std::move(metadata));
      },
      py::arg("path"), "Read a safetensors file: ({name: Tensor} in name order, {str: str} metadata).");
  m.def(
      "safetensors_to_bytes",
      [](const io::TensorMap& tensors, const io::Metadata& metadata) {
        std::vector<uint8_t> out = without_gil([&] { return io::save_to_bytes(tensors, metadata); });
        return py::bytes(reinterpret_cast<const char*>(out.data()), out.size());
      },
      py::arg("tensors"), py::arg("metadata") = io::Metadata{}, "The bytes of the safetensors file save_safetensors writes.");
  m.def(
      "safetensors_from_bytes",
      [](const py::bytes& data, const std::string& name) {
        char* buf = nullptr;
        Py_ssize_t len = 0;
        if (PyBytes_AsStringAndSize(data.ptr(), &buf, &len) != 0) throw py::error_already_set();
        io::Metadata metadata;
        // `data` keeps the buffer alive while the GIL is released.
        io::TensorMap tensors = without_gil([&] {
          return io::load_from_bytes(reinterpret_cast<const uint8_t*>(buf), static_cast<size_t>(len), &metadata, name);
        });
        return tensors_and_metadata(std::move(tensors), std::move(metadata));
      },
      py::arg("data"), py::arg("name") = "<bytes>",
      "Parse the bytes of a safetensors file; `name` stands for the file in error messages.");
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
  bind_safetensors(m);
}

}  // namespace nnlite::py_bind
