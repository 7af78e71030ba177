// Draws with tensor parameters, with torch's names and arguments:
// nnlite.bernoulli / poisson (and Tensor.bernoulli), Tensor.bernoulli_ and
// Tensor.exponential_. normal and randint_like take the factories' keyword
// options, so they are bound with them (creation.cpp).
#include "bindings.h"
#include "both.h"
#include "convert.h"

namespace nnlite::py_bind {

void init_sampling(py::module_& m) {
  TensorClass c = py::reinterpret_borrow<TensorClass>(m.attr("Tensor"));
  // bernoulli(input): input holds the probabilities; bernoulli(input, p): one p for input's shape.
  both(m, c, "bernoulli", [](const Tensor& x, std::optional<double> p, Generator* g) {
    return p ? bernoulli(x, *p, g) : bernoulli(x, g);
  }, py::arg("p") = py::none(), py::kw_only(), py::arg("generator") = py::none());
  m.def("poisson", [](const Tensor& rates, Generator* g) { return poisson(rates, g); }, py::arg("input"),
        py::arg("generator") = py::none(), doc_of("poisson"));
  c.def("bernoulli_", [](py::object self, py::object p, Generator* g) {
    Tensor& t = self.cast<Tensor&>();
    if (py::isinstance<Tensor>(p))
      bernoulli_(t, p.cast<const Tensor&>(), g);
    else
      bernoulli_(t, float_arg(p, "bernoulli_", "p"), g);
    return self;
  }, py::arg("p") = 0.5, py::kw_only(), py::arg("generator") = py::none(), doc_of("Tensor.bernoulli_"));
  c.def("exponential_", [](py::object self, double lambd, Generator* g) {
    exponential_(self.cast<Tensor&>(), lambd, g);
    return self;
  }, py::arg("lambd") = 1.0, py::kw_only(), py::arg("generator") = py::none(), doc_of("Tensor.exponential_"));
}

}  // namespace nnlite::py_bind
