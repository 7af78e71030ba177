// Lets bindings take and return nnlite::Shape as a Python list of ints,
// exactly as pybind11/stl.h converts the std::vector<int64_t> it used to be.
#pragma once
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <vector>

#include "nnlite/shape.h"

namespace pybind11::detail {
template <>
struct type_caster<nnlite::Shape> {
  using Vec = std::vector<int64_t>;
  PYBIND11_TYPE_CASTER(nnlite::Shape, make_caster<Vec>::name);
  bool load(handle src, bool convert) {
    make_caster<Vec> vec;
    if (!vec.load(src, convert)) return false;
    value = cast_op<Vec&>(vec);
    return true;
  }
  static handle cast(const nnlite::Shape& s, return_value_policy policy, handle parent) {
    return make_caster<Vec>::cast(Vec(s.begin(), s.end()), policy, parent);
  }
};
}  // namespace pybind11::detail
