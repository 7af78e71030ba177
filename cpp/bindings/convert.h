// Conversions between Python objects and nnlite types, shared by the binding
// files.
#pragma once
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>

#include "nnlite/nnlite.h"

namespace nnlite::py_bind {
namespace py = pybind11;

// (2, 3), [2, 3] or 2, 3 -> Shape; negative sizes are left for the op to judge.
Shape shape_from_args(const py::args& args, const char* op);
Shape shape_from_object(py::handle o, const char* op);
// None -> {} (all dims), int -> {d}, sequence -> dims.
Dims dims_from(py::handle o, const char* op);
// A Tensor, or a Python/NumPy number as a wrapped 0-d tensor.
Tensor operand(py::handle o, const char* op);
bool is_number(py::handle o);
// nnlite.dtype, a string name, numpy dtype or None.
std::optional<DType> dtype_from(py::handle o);
Device device_from(py::handle o);
// nested lists / numpy arrays / numbers -> Tensor (a copy)
Tensor tensor_from_data(py::handle data, std::optional<DType> dtype);
Tensor from_numpy(const py::array& a);
py::array to_numpy(const Tensor& t);
py::object dtype_object(DType t);

}  // namespace nnlite::py_bind
