// nnlite._C.scaled_dot_product_attention with torch's argument names and
// defaults (plus a keyword-only generator for the dropout draws).
#include <pybind11/stl.h>

#include <optional>

#include "bindings.h"
#include "convert.h"
#include "nnlite/ops.h"

namespace nnlite::py_bind {

namespace {
}  // namespace

void init_attention(py::module_& m) {
  m.def(
      "scaled_dot_product_attention",
      [](const Tensor& q, const Tensor& k, const Tensor& v, const std::optional<Tensor>& mask, double dropout_p, bool is_causal,
         std::optional<double> scale, bool enable_gqa, Generator* gen) {
        return scaled_dot_product_attention(q, k, v, or_undefined(mask), dropout_p, is_causal, scale, enable_gqa,
                                            gen);
      },
      py::arg("query"), py::arg("key"), py::arg("value"), py::arg("attn_mask") = py::none(),
      py::arg("dropout_p") = 0.0, py::arg("is_causal") = false, py::kw_only(), py::arg("scale") = py::none(),
      py::arg("enable_gqa") = false, py::arg("generator") = py::none(),
      "softmax(query @ key^T * scale + attn_mask) @ value over [..., L, E] x [..., S, E] x [..., S, Ev].");
}

}  // namespace nnlite::py_bind
