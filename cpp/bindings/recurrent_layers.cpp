// Recurrent sequence ops: nnlite._C.rnn_tanh_layer, rnn_relu_layer,
// gru_layer -> (y, h_n) and lstm_layer -> (y, h_n, c_n); optional tensors
// take None.
#include <pybind11/stl.h>

#include <optional>

#include "bindings.h"
#include "convert.h"

namespace nnlite::py_bind {

void init_recurrent_layers(py::module_& m) {
  using Layer = std::pair<Tensor, Tensor> (*)(const Tensor&, const Tensor&, const Tensor&, const Tensor&,
                                              const Tensor&, const Tensor&, bool, const Tensor&);
  for (auto [name, f] : {std::pair<const char*, Layer>{"rnn_tanh_layer", &rnn_tanh_layer},
                         {"rnn_relu_layer", &rnn_relu_layer},
                         {"gru_layer", &gru_layer}})
    m.def(name, [f = f](const Tensor& x, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                        const OptTensor& b_ih, const OptTensor& b_hh, bool reverse, const OptTensor& lengths) {
      auto yh = f(x, hx, w_ih, w_hh, or_undefined(b_ih), or_undefined(b_hh), reverse, or_undefined(lengths));
      return py::make_tuple(yh.first, yh.second);
    }, py::arg("input"), py::arg("hx"), py::arg("w_ih"), py::arg("w_hh"), py::arg("b_ih") = py::none(),
          py::arg("b_hh") = py::none(), py::arg("reverse") = false, py::arg("lengths") = py::none());
  m.def("lstm_layer", [](const Tensor& x, const Tensor& hx, const Tensor& cx, const Tensor& w_ih, const Tensor& w_hh,
                         const OptTensor& b_ih, const OptTensor& b_hh, const OptTensor& w_hr, bool reverse,
                         const OptTensor& lengths) {
    auto [y, h, c] = lstm_layer(x, hx, cx, w_ih, w_hh, or_undefined(b_ih), or_undefined(b_hh), or_undefined(w_hr),
                                reverse, or_undefined(lengths));
    return py::make_tuple(y, h, c);
  }, py::arg("input"), py::arg("hx"), py::arg("cx"), py::arg("w_ih"), py::arg("w_hh"), py::arg("b_ih") = py::none(),
        py::arg("b_hh") = py::none(), py::arg("w_hr") = py::none(), py::arg("reverse") = false,
        py::arg("lengths") = py::none());
}

}  // namespace nnlite::py_bind
