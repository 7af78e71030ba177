#pragma once
#include "convert.h"

namespace nnlite::py_bind {

// The result of the basic part of an index (a view) and the advanced indices
// left to apply to that view (one entry per leading dim, undefined for ':').
struct Indexed {
  Tensor view;
  TensorList advanced;
  bool has_advanced;
};
Indexed apply_index(const Tensor& x, py::handle key);

}  // namespace nnlite::py_bind
