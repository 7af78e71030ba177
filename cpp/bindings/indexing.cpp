// Python indexing: x[...] and x[...] = v, with ints, slices, None, Ellipsis,
// and advanced indices (int/bool tensors, lists, numpy arrays).
#include "indexing.h"

namespace nnlite::py_bind {

namespace {

// A Python range indexes as the list it spans (x[range(n), y], as torch allows).
bool is_range(py::handle item) { return PyRange_Check(item.ptr()); }

bool is_advanced(py::handle item) {
  return py::isinstance<Tensor>(item) || py::isinstance<py::list>(item) || py::isinstance<py::array>(item) ||
         is_range(item);
}

Tensor advanced_tensor(py::handle item) {
  if (py::isinstance<Tensor>(item)) return item.cast<Tensor>();
  py::object data = py::reinterpret_borrow<py::object>(item);
  if (is_range(item)) data = py::list(data);
  Tensor t = tensor_from_data(data, std::nullopt);
  NNLITE_CHECK(t.dtype() != DType::Float32 && t.dtype() != DType::Float64, Index,
               "index: tensors used as indices must be integer or bool, got float values");
  return t;
}

}  // namespace

Indexed apply_index(const Tensor& x, py::handle key) {
  std::vector<py::handle> items;
  if (py::isinstance<py::tuple>(key)) {
    for (py::handle h : key) items.push_back(h);
  } else {
    items.push_back(key);
  }
  // How many dims the items consume, to size the ellipsis.
  int64_t consumed = 0;
  int ellipses = 0;
  for (py::handle it : items) {
    if (it.is_none()) continue;
    if (it.ptr() == Py_Ellipsis) {
      ++ellipses;
      continue;
    }
    if (py::isinstance<Tensor>(it) && it.cast<Tensor>().dtype() == DType::Bool)
      consumed += it.cast<Tensor>().dim();
    else
      consumed += 1;
  }
  NNLITE_CHECK(ellipses <= 1, Index, "index: an index can only have a single ellipsis ('...')");
  NNLITE_CHECK(consumed <= x.dim(), Index, "index: too many indices for a tensor of ", x.dim(),
               " dimensions (", consumed, " given)");

  Indexed r{x, {}, false};
  int64_t d = 0, covered = 0;
  for (py::handle it : items) {
    if (it.is_none()) {
      r.view = r.view.unsqueeze(d);  // d >= the dims the advanced list covers
      ++d;
    } else if (it.ptr() == Py_Ellipsis) {
      d += x.dim() - consumed;
    } else if (PyBool_Check(it.ptr())) {
      NNLITE_FAIL(Index, "index: Python bools are not supported as indices; use a bool tensor");
    } else if (py::isinstance<py::int_>(it) || (py::hasattr(it, "__index__") && !is_advanced(it) &&
                                                !py::isinstance<py::slice>(it))) {
      r.view = r.view.select(d, it.cast<int64_t>());
    } else if (py::isinstance<py::slice>(it)) {
      py::slice s = py::reinterpret_borrow<py::slice>(it);
      py::object start = s.attr("start"), stop = s.attr("stop"), step = s.attr("step");
      int64_t st = step.is_none() ? 1 : step.cast<int64_t>();
      NNLITE_CHECK(st > 0, Value, "index: slice step must be positive, got ", st);
      int64_t a = start.is_none() ? 0 : start.cast<int64_t>();
      int64_t b = stop.is_none() ? INT64_MAX : stop.cast<int64_t>();
      r.view = r.view.slice(d, a, b, st);
      ++d;
    } else if (is_advanced(it)) {
      // The list holds one entry per ':' dim and per index tensor; a mask covers mask.dim() dims.
      Tensor t = advanced_tensor(it);
      while (covered < d) {
        r.advanced.push_back(Tensor());
        ++covered;
      }
      r.advanced.push_back(t);
      r.has_advanced = true;
      int64_t span = t.dtype() == DType::Bool ? t.dim() : 1;
      covered += span;
      d += span;
    } else {
      NNLITE_FAIL(Type, "index: unsupported index type ", type_name(it),
                  "; expected int, slice, None, Ellipsis, list or tensor");
    }
  }
  return r;
}

}  // namespace nnlite::py_bind
