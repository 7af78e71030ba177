// RBM training step: nnlite._C.rbm_cd_step (nnlite.models.RBM.cd_step and .fit call it).
#include "bindings.h"
#include "convert.h"

namespace nnlite::py_bind {

void init_rbm(py::module_& m) {
  m.def("rbm_cd_step", [](Tensor& weight, Tensor& visible_bias, Tensor& hidden_bias, const Tensor& input,
                          std::optional<Tensor> chain, double lr, int64_t k, int64_t batch_size, Generator* g) {
    return rbm_cd_step(weight, visible_bias, hidden_bias, input, chain ? *chain : Tensor(), lr, k, batch_size, g);
  }, py::arg("weight"), py::arg("visible_bias"), py::arg("hidden_bias"), py::arg("input"), py::arg("chain"),
        py::arg("lr"), py::arg("k") = 1, py::arg("batch_size") = 0, py::arg("generator") = py::none());
}

}  // namespace nnlite::py_bind
