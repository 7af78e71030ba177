// The ops sequence models need, with torch's names, argument names and
// defaults: sort, argsort, topk, tril, triu, roll, flip, cumsum,
// masked_select, one_hot, multinomial (nnlite.* functions and Tensor
// methods), and the gradient clipping behind nnlite.nn.utils.
#include "bindings.h"
#include "both.h"
#include "convert.h"

namespace nnlite::py_bind {

namespace {

using Cls = TensorClass;

// An int or a sequence of ints, as torch takes shifts and dims.
std::vector<int64_t> ints_from(py::handle o, const char* op, const char* name) {
  if (py::isinstance<py::int_>(o) || py::hasattr(o, "__index__")) return {int_arg(o, op, name)};
  NNLITE_CHECK(py::isinstance<py::sequence>(o) && !py::isinstance<py::str>(o), Type, op, ": argument '", name,
               "' must be an int or a sequence of ints, got ", type_name(o));
  std::vector<int64_t> out;
  for (py::handle e : o) out.push_back(int_arg(e, op, name));
  return out;
}

}  // namespace

void init_sequence_ops(py::module_& m) {
  Cls c = py::reinterpret_borrow<Cls>(m.attr("Tensor"));
  both(m, c, "sort", [](const Tensor& x, int64_t dim, bool descending, bool stable) {
    return values_indices(sort(x, dim, descending, stable));
  }, py::arg("dim") = -1, py::arg("descending") = false, py::arg("stable") = false);
  both(m, c, "argsort", [](const Tensor& x, int64_t dim, bool descending, bool stable) {
    return argsort(x, dim, descending, stable);
  }, py::arg("dim") = -1, py::arg("descending") = false, py::arg("stable") = false);
  both(m, c, "topk", [](const Tensor& x, int64_t k, int64_t dim, bool largest, bool sorted) {
    return values_indices(topk(x, k, dim, largest, sorted));
  }, py::arg("k"), py::arg("dim") = -1, py::arg("largest") = true, py::arg("sorted") = true);
  both(m, c, "tril", [](const Tensor& x, int64_t k) { return tril(x, k); }, py::arg("diagonal") = 0);
  both(m, c, "triu", [](const Tensor& x, int64_t k) { return triu(x, k); }, py::arg("diagonal") = 0);
  both(m, c, "roll", [](const Tensor& x, SizeArg shifts, DimsArg dims) {
    return roll(x, ints_from(shifts, "roll", "shifts"),
                dims.is_none() ? std::vector<int64_t>{} : ints_from(dims, "roll", "dims"));
  }, py::arg("shifts"), py::arg("dims") = py::none());
  m.def("flip", [](const Tensor& x, SizeArg dims) { return flip(x, ints_from(dims, "flip", "dims")); },
        py::arg("input"), py::arg("dims"), doc_of("flip"));
  // x.flip(0, 1) and x.flip([0, 1]) / x.flip(dims=[0, 1])
  c.def("flip", [](const Tensor& x, py::args args, py::kwargs kwargs) {
    NNLITE_CHECK(args.size() == 0 || !kwargs.contains("dims"), Type, "flip: got dims both positionally and by name");
    if (kwargs.contains("dims")) return flip(x, ints_from(kwargs["dims"], "flip", "dims"));
    if (args.size() == 1) return flip(x, ints_from(args[0], "flip", "dims"));
    return flip(x, ints_from(args, "flip", "dims"));
  }, doc_of("Tensor.flip"));
  both(m, c, "cumsum", [](const Tensor& x, int64_t dim, DTypeArg dtype) {
    return cumsum(x, dim, dtype_from(dtype));
  }, py::arg("dim"), py::kw_only(), py::arg("dtype") = py::none());
  both(m, c, "masked_select", [](const Tensor& x, const Tensor& mask) { return masked_select(x, mask); },
       py::arg("mask"));
  m.def("one_hot", [](const Tensor& t, int64_t n) { return one_hot(t, n); }, py::arg("tensor"),
        py::arg("num_classes") = -1, doc_of("one_hot"));
  both(m, c, "multinomial", [](const Tensor& p, int64_t n, bool replacement, Generator* g) {
    return multinomial(p, n, replacement, g);
  }, py::arg("num_samples"), py::arg("replacement") = false, py::kw_only(), py::arg("generator") = py::none());
  // nnlite.nn.utils: lists of parameters, gradients changed in place.
  m.def("clip_grad_norm_", &nnlite::clip_grad_norm_, py::arg("parameters"), py::arg("max_norm"),
        py::arg("norm_type") = 2.0, py::arg("error_if_nonfinite") = false);
  m.def("clip_grad_value_", &nnlite::clip_grad_value_, py::arg("parameters"), py::arg("clip_value"));
}

}  // namespace nnlite::py_bind
