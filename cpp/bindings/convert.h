// Conversions between Python objects and nnlite types, shared by the binding
// files.
#pragma once
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>

#include "nnlite/nnlite.h"
#include "arg_types.h"
#include "shape_caster.h"

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
inline std::string type_name(py::handle o) { return Py_TYPE(o.ptr())->tp_name; }  // for messages
// nnlite.dtype, a string name, numpy dtype or None.
std::optional<DType> dtype_from(py::handle o);
Device device_from(py::handle o);
// nested lists / numpy arrays / numbers -> Tensor (a copy)
Tensor tensor_from_data(py::handle data, std::optional<DType> dtype);
// An int argument (Python int or NumPy integer); TypeError naming op and argument otherwise.
int64_t int_arg(py::handle o, const char* op, const char* name);
double float_arg(py::handle o, const char* op, const char* name);
// A sequence that is not a string.
bool is_sequence(py::handle o);
// An int, or a sequence of one or two ints, as (height, width); errors name op and argument.
Pair pair_arg(py::handle o, const char* op, const char* name);
// Python bool/int/float or a NumPy scalar -> Scalar (ints stay exact); throws TypeError.
Scalar scalar_from(py::handle o, const char* op);
Tensor from_numpy(const py::array& a);
py::array to_numpy(const Tensor& t);
py::object dtype_object(DType t);

// torch.set_default_dtype / set_default_device, for what Python code creates: the floating dtype
// that factories and tensor() give when no dtype is named (float32 unless set), and the device
// factories use when none is named (unset: the CPU). The C++ API keeps its own defaults.
DType default_float_dtype();
void set_default_float_dtype(DType d);
std::optional<Device> default_device();
void set_default_device(std::optional<Device> d);

// An optional tensor argument (None for an absent bias, weight or mask) and the
// undefined Tensor the C++ ops take for "absent".
using OptTensor = std::optional<Tensor>;
inline Tensor or_undefined(const OptTensor& t) { return t ? *t : Tensor(); }

}  // namespace nnlite::py_bind

namespace pybind11::detail {
// Lets bindings take nnlite::Scalar (and std::optional<Scalar>) arguments.
template <>
struct type_caster<nnlite::Scalar> {
  PYBIND11_TYPE_CASTER(nnlite::Scalar, const_name("float | int | bool"));
  type_caster() : value(0.0) {}
  bool load(handle src, bool) {
    if (!nnlite::py_bind::is_number(src)) return false;
    value = nnlite::py_bind::scalar_from(src, "argument");
    return true;
  }
  static handle cast(const nnlite::Scalar& s, return_value_policy, handle) {
    if (s.is_floating()) return PyFloat_FromDouble(s.to_double());
    return PyLong_FromLongLong(s.to<int64_t>());
  }
};
}  // namespace pybind11::detail
