// Helpers shared by the binding files of tensor ops.
#pragma once
#include <pybind11/pybind11.h>

#include <utility>

#include "docstrings.h"
#include "nnlite/tensor.h"

namespace nnlite::py_bind {

using TensorClass = pybind11::class_<Tensor>;

// Bind f as nnlite.<name>(input, ...) and as Tensor.<name>(...), both with
// the docstring of docstrings_*.cpp.
template <typename F, typename... A>
void both(pybind11::module_& m, TensorClass& c, const char* name, F f, A... a) {
  m.def(name, f, pybind11::arg("input"), a..., doc_of(name));
  c.def(name, f, a..., doc_of(name));
}

// (values, indices) as torch returns them: a named tuple (nnlite._format).
inline pybind11::object values_indices(const std::pair<Tensor, Tensor>& r) {
  return pybind11::module_::import("nnlite._format").attr("values_indices")(r.first, r.second);
}

}  // namespace nnlite::py_bind
