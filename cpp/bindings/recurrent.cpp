// Recurrent cell ops: nnlite._C.rnn_tanh_cell, rnn_relu_cell, lstm_cell,
// gru_cell (torch's argument order; lstm_cell takes hx as (h, c)); the
// sequence layers are in recurrent_layers.cpp.
#include <pybind11/stl.h>

#include <optional>

#include "bindings.h"
#include "convert.h"

namespace nnlite::py_bind {

void init_recurrent(py::module_& m) {
  using Cell = Tensor (*)(const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Tensor&);
  for (auto [name, f] : {std::pair<const char*, Cell>{"rnn_tanh_cell", &rnn_tanh_cell},
                         {"rnn_relu_cell", &rnn_relu_cell},
                         {"gru_cell", &gru_cell}})
    m.def(name, [f = f](const Tensor& x, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                        const OptTensor& b_ih, const OptTensor& b_hh) {
      return f(x, hx, w_ih, w_hh, or_undefined(b_ih), or_undefined(b_hh));
    }, py::arg("input"), py::arg("hx"), py::arg("w_ih"), py::arg("w_hh"), py::arg("b_ih") = py::none(),
          py::arg("b_hh") = py::none());
  m.def("lstm_cell", [](const Tensor& x, const std::pair<Tensor, Tensor>& hx, const Tensor& w_ih, const Tensor& w_hh,
                        const OptTensor& b_ih, const OptTensor& b_hh) {
    auto hc = lstm_cell(x, hx.first, hx.second, w_ih, w_hh, or_undefined(b_ih), or_undefined(b_hh));
    return py::make_tuple(hc.first, hc.second);
  }, py::arg("input"), py::arg("hx"), py::arg("w_ih"), py::arg("w_hh"), py::arg("b_ih") = py::none(),
        py::arg("b_hh") = py::none());
  init_recurrent_layers(m);
}

}  // namespace nnlite::py_bind
