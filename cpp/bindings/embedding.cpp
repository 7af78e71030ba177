// Embedding ops: nnlite._C.embedding, embedding_backward, embedding_renorm_
// (torch.embedding's argument order: weight first).
#include "bindings.h"
#include "convert.h"

namespace nnlite::py_bind {

void init_embedding(py::module_& m) {
  m.def("embedding", [](const Tensor& weight, const Tensor& indices, int64_t padding_idx, bool scale, bool sparse) {
    return embedding(weight, indices, padding_idx, scale, sparse);
  }, py::arg("weight"), py::arg("indices"), py::arg("padding_idx") = -1, py::arg("scale_grad_by_freq") = false,
        py::arg("sparse") = false);
  m.def("embedding_backward", [](const Tensor& grad, const Tensor& indices, int64_t num_weights, int64_t padding_idx,
                                 bool scale) {
    return embedding_backward(grad, indices, num_weights, padding_idx, scale);
  }, py::arg("grad"), py::arg("indices"), py::arg("num_weights"), py::arg("padding_idx") = -1,
        py::arg("scale_grad_by_freq") = false);
  m.def("embedding_renorm_", [](Tensor weight, const Tensor& indices, double max_norm, double norm_type) {
    return embedding_renorm_(weight, indices, max_norm, norm_type);
  }, py::arg("weight"), py::arg("indices"), py::arg("max_norm"), py::arg("norm_type") = 2.0);
}

}  // namespace nnlite::py_bind
