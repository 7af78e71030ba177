// Argument types that exist for their names: each accepts any Python object,
// exactly as the py::object it replaces, and the conversion helpers
// (dims_from, dtype_from, operand, ...) still judge the value and raise the
// error naming the op. What they add is the type pybind11 prints in the
// signature, and so in help() and the generated stub (python/nnlite/_C/):
// `dim: int | collections.abc.Sequence[int] | None` instead of `dim: object`.
#pragma once
#include <pybind11/pybind11.h>

namespace nnlite::py_bind {

#define NNLITE_NAMED_OBJECT(Name)                                  \
  class Name : public pybind11::object {                           \
   public:                                                         \
    using pybind11::object::object;                                \
    Name() = default;                                              \
    Name(const pybind11::object& o) : pybind11::object(o) {}       \
    static bool check_(pybind11::handle) { return true; }          \
  };

NNLITE_NAMED_OBJECT(DimsArg)         // None (all dims), one dim or several
NNLITE_NAMED_OBJECT(OptDimArg)       // None (all dims) or one dim
NNLITE_NAMED_OBJECT(SizeArg)         // a shape: one int or a sequence of them
NNLITE_NAMED_OBJECT(DTypeArg)        // nnlite.dtype, its name, a NumPy dtype or None
NNLITE_NAMED_OBJECT(DeviceArg)       // nnlite.device, "cpu"/"cuda:0", an index or None
NNLITE_NAMED_OBJECT(TensorOrNumber)  // a Tensor or a Python/NumPy number
NNLITE_NAMED_OBJECT(OptBool)         // True, False or None (the default)
NNLITE_NAMED_OBJECT(OptNumber)       // a number or None
NNLITE_NAMED_OBJECT(TensorSeq)       // a list or tuple of Tensors
NNLITE_NAMED_OBJECT(MaybeTensor)       // a Tensor or None
NNLITE_NAMED_OBJECT(TensorSelf)      // self of an in-place method, returned for chaining

#undef NNLITE_NAMED_OBJECT

}  // namespace nnlite::py_bind

namespace pybind11::detail {
#define NNLITE_ARG_NAME(Name, text) \
  template <>                        \
  struct handle_type_name<nnlite::py_bind::Name> { static constexpr auto name = const_name(text); };

NNLITE_ARG_NAME(DimsArg, "int | collections.abc.Sequence[int] | None")
NNLITE_ARG_NAME(OptDimArg, "int | None")
NNLITE_ARG_NAME(SizeArg, "int | collections.abc.Sequence[int]")
NNLITE_ARG_NAME(DTypeArg, "nnlite._C.dtype | None")
NNLITE_ARG_NAME(DeviceArg, "nnlite._C.device | str | int | None")
NNLITE_ARG_NAME(TensorOrNumber, "nnlite._C.Tensor | float | int | bool")
NNLITE_ARG_NAME(OptBool, "bool | None")
NNLITE_ARG_NAME(OptNumber, "float | int | None")
NNLITE_ARG_NAME(TensorSeq, "collections.abc.Sequence[nnlite._C.Tensor]")
NNLITE_ARG_NAME(MaybeTensor, "nnlite._C.Tensor | None")
NNLITE_ARG_NAME(TensorSelf, "nnlite._C.Tensor")

#undef NNLITE_ARG_NAME
}  // namespace pybind11::detail
