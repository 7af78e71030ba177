// Spiking op: nnlite._C.leaky_sequence (nnlite.snn.Leaky.sequence calls it).
#include <pybind11/stl.h>

#include "bindings.h"
#include "convert.h"

namespace nnlite::py_bind {

void init_spiking(py::module_& m) {
  m.def("leaky_sequence", [](const Tensor& input, const Tensor& mem, const Tensor& beta, const Tensor& threshold,
                             const std::string& reset_mechanism, const std::string& surrogate, double slope) {
    auto out = leaky_sequence(input, mem, beta, threshold, reset_mechanism, surrogate, slope);
    return py::make_tuple(out.first, out.second);
  }, py::arg("input"), py::arg("mem"), py::arg("beta"), py::arg("threshold"), py::arg("reset_mechanism") = "subtract",
        py::arg("surrogate") = "atan", py::arg("slope") = 2.0);
}

}  // namespace nnlite::py_bind
