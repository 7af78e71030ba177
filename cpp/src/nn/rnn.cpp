// RNNCell, LSTMCell, GRUCell: hold the weights, call the cell ops.
#include "nnlite/nn/rnn.h"

#include <cmath>

#include "nnlite/nn/init.h"
#include "nnlite/ops.h"
#include "pyformat.h"

namespace nnlite::nn {

RNNCellBase::RNNCellBase(const char* type, int64_t input_size_, int64_t hidden_size_, bool bias, int64_t gates)
    : Module(type), input_size(input_size_), hidden_size(hidden_size_) {
  NNLITE_CHECK(input_size >= 0 && hidden_size >= 0, Value, type,
               ": input_size and hidden_size must be non-negative integers but got ", input_size, " and ",
               hidden_size);
  weight_ih = register_parameter("weight_ih", empty({gates * hidden_size, input_size}));
  weight_hh = register_parameter("weight_hh", empty({gates * hidden_size, hidden_size}));
  if (bias) {
    bias_ih = register_parameter("bias_ih", empty({gates * hidden_size}));
    bias_hh = register_parameter("bias_hh", empty({gates * hidden_size}));
  }
  reset_parameters();
}

void RNNCellBase::reset_parameters() {
  // torch: every parameter U(-1/sqrt(H), 1/sqrt(H)), in registration order.
  const double k = hidden_size > 0 ? 1.0 / std::sqrt(static_cast<double>(hidden_size)) : 0.0;
  for (Tensor* p : {&weight_ih, &weight_hh, &bias_ih, &bias_hh})
    if (p->defined()) init::uniform_(*p, -k, k);
}

std::string RNNCellBase::extra_repr() const {
  std::string s = std::to_string(input_size) + ", " + std::to_string(hidden_size);
  if (!bias_ih.defined()) s += ", bias=False";
  if (nonlinearity_ != "tanh") s += ", nonlinearity=" + nonlinearity_;
  return s;
}

Tensor RNNCellBase::state_or_zeros(const Tensor& input, const Tensor& hx) const {
  if (hx.defined()) return hx;
  if (input.dim() == 2) return zeros({input.size(0), hidden_size}, input.dtype(), input.device());
  return zeros({hidden_size}, input.dtype(), input.device());  // the op rejects a bad input rank
}

RNNCell::RNNCell(const RNNCellOptions& o) : RNNCellBase("RNNCell", o.input_size(), o.hidden_size(), o.bias(), 1) {
  NNLITE_CHECK(o.nonlinearity() == "tanh" || o.nonlinearity() == "relu", Value,
               "RNNCell: Unknown nonlinearity: ", o.nonlinearity(), " (expected 'tanh' or 'relu')");
  nonlinearity_ = o.nonlinearity();
}

Tensor RNNCell::forward(const Tensor& input, const Tensor& hx) {
  Tensor h = state_or_zeros(input, hx);
  return nonlinearity_ == "relu" ? rnn_relu_cell(input, h, weight_ih, weight_hh, bias_ih, bias_hh)
                                 : rnn_tanh_cell(input, h, weight_ih, weight_hh, bias_ih, bias_hh);
}

LSTMCell::LSTMCell(const LSTMCellOptions& o) : RNNCellBase("LSTMCell", o.input_size(), o.hidden_size(), o.bias(), 4) {}

std::pair<Tensor, Tensor> LSTMCell::forward(const Tensor& input, const std::pair<Tensor, Tensor>& hx) {
  return lstm_cell(input, state_or_zeros(input, hx.first), state_or_zeros(input, hx.second), weight_ih, weight_hh,
                   bias_ih, bias_hh);
}

GRUCell::GRUCell(const GRUCellOptions& o) : RNNCellBase("GRUCell", o.input_size(), o.hidden_size(), o.bias(), 3) {}

Tensor GRUCell::forward(const Tensor& input, const Tensor& hx) {
  return gru_cell(input, state_or_zeros(input, hx), weight_ih, weight_hh, bias_ih, bias_hh);
}

}  // namespace nnlite::nn
