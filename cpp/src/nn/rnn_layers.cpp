// RNN, LSTM, GRU: the parameters of every layer and direction, and the loop
// over layers and directions around the sequence ops (ops/recurrent_layers.cpp).
// Checks and messages are those of python/nnlite/nn/rnn.py.
#include "nnlite/nn/rnn_layers.h"

#include <cmath>

#include "nnlite/nn/init.h"
#include "nnlite/ops.h"
#include "pyformat.h"

namespace nnlite::nn {

namespace {

int64_t gates_of(const std::string& mode) { return mode == "LSTM" ? 4 : mode == "GRU" ? 3 : 1; }

std::string py_tuple(const Shape& s) {
  std::string out = "(";
  for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + ")";
}

}  // namespace

RNNBase::RNNBase(const char* type, std::string mode_, int64_t input_size_, int64_t hidden_size_, int64_t num_layers_,
                 bool bias_, bool batch_first_, double dropout_, bool bidirectional_, int64_t proj_size_)
    : Module(type), mode(std::move(mode_)), input_size(input_size_), hidden_size(hidden_size_),
      num_layers(num_layers_), proj_size(proj_size_), bias(bias_), batch_first(batch_first_),
      bidirectional(bidirectional_), dropout(dropout_) {
  NNLITE_CHECK(dropout >= 0 && dropout <= 1, Value, type,
               ": dropout should be a number in range [0, 1] representing the probability of an element being "
               "zeroed, got ", detail::py_float(dropout));
  NNLITE_CHECK(hidden_size > 0, Value, type, ": hidden_size must be greater than zero, got ", hidden_size);
  NNLITE_CHECK(num_layers > 0, Value, type, ": num_layers must be greater than zero, got ", num_layers);
  NNLITE_CHECK(input_size >= 0, Value, type, ": input_size must be non-negative, got ", input_size);
  NNLITE_CHECK(proj_size >= 0, Value, type,
               ": proj_size should be a positive integer or zero to disable projections, got ", proj_size);
  NNLITE_CHECK(proj_size < hidden_size, Value, type, ": proj_size has to be smaller than hidden_size, got ",
               proj_size, " >= ", hidden_size);
  const int64_t g = gates_of(mode) * hidden_size, real = proj_size ? proj_size : hidden_size;
  const int64_t D = bidirectional ? 2 : 1;
  for (int64_t layer = 0; layer < num_layers; ++layer)
    for (int64_t d = 0; d < D; ++d) {
      const std::string suffix = "_l" + std::to_string(layer) + (d ? "_reverse" : "");
      const int64_t in = layer == 0 ? input_size : real * D;
      std::vector<Tensor> ws{register_parameter("weight_ih" + suffix, empty({g, in})),
                             register_parameter("weight_hh" + suffix, empty({g, real}))};
      if (bias) {
        ws.push_back(register_parameter("bias_ih" + suffix, empty({g})));
        ws.push_back(register_parameter("bias_hh" + suffix, empty({g})));
      }
      if (proj_size) ws.push_back(register_parameter("weight_hr" + suffix, empty({proj_size, hidden_size})));
      all_weights.push_back(std::move(ws));
    }
  reset_parameters();
}

void RNNBase::reset_parameters() {
  // torch: every parameter U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)), in registration order.
  const double k = 1.0 / std::sqrt(static_cast<double>(hidden_size));
  for (auto& ws : all_weights)
    for (Tensor& w : ws) init::uniform_(w, -k, k);
}

std::string RNNBase::extra_repr() const {
  std::string s = std::to_string(input_size) + ", " + std::to_string(hidden_size);
  if (proj_size) s += ", proj_size=" + std::to_string(proj_size);
  if (num_layers != 1) s += ", num_layers=" + std::to_string(num_layers);
  if (!bias) s += ", bias=False";
  if (batch_first) s += ", batch_first=True";
  if (dropout != 0) s += ", dropout=" + detail::py_float(dropout);
  if (bidirectional) s += ", bidirectional=True";
  return s;
}

Tensor RNNBase::state(const Tensor& hx, bool batched, int64_t N, int64_t size, const char* what,
                      const Tensor& like) const {
  const Shape want{num_layers * (bidirectional ? 2 : 1), N, size};
  if (!hx.defined()) return zeros(want, like.dtype(), like.device());
  const int64_t rank = batched ? 3 : 2;
  NNLITE_CHECK(hx.dim() == rank, Value, type_name(), ": For ", batched ? "batched 3-D" : "unbatched 2-D",
               " input, ", what, " should also be ", rank, "-D but got ", hx.dim(), "-D tensor");
  Tensor h = batched ? hx : hx.unsqueeze(1);
  NNLITE_CHECK(h.shape() == want, Value, type_name(), ": Expected ", what, " size ",
               py_tuple(batched ? want : Shape{want[0], want[2]}), ", got ", shape_str(hx.shape()));
  return h;
}

std::tuple<Tensor, Tensor, Tensor> RNNBase::run(const Tensor& input, const Tensor& h0_, const Tensor& c0_) {
  NNLITE_CHECK(input.dim() == 2 || input.dim() == 3, Value, type_name(), ": Expected input to be 2D or 3D, got ",
               input.dim(), "D instead");
  NNLITE_CHECK(input.size(-1) == input_size, Value, type_name(),
               ": input.size(-1) must be equal to input_size. Expected ", input_size, ", got ", input.size(-1));
  const bool batched = input.dim() == 3, lstm = mode == "LSTM";
  Tensor x = !batched ? input.unsqueeze(1) : batch_first ? input.transpose(0, 1) : input;
  const int64_t N = x.size(1), real = proj_size ? proj_size : hidden_size, D = bidirectional ? 2 : 1;
  Tensor h0 = state(h0_, batched, N, real, lstm ? "hidden[0]" : "hidden", x);
  Tensor c0 = lstm ? state(c0_, batched, N, hidden_size, "hidden[1]", x) : Tensor();
  TensorList hs, cs;
  for (int64_t layer = 0; layer < num_layers; ++layer) {
    TensorList outs;
    for (int64_t d = 0; d < D; ++d) {
      const int64_t k = layer * D + d;
      const std::vector<Tensor>& w = all_weights[k];
      const Tensor b_ih = bias ? w[2] : Tensor(), b_hh = bias ? w[3] : Tensor();
      std::pair<Tensor, Tensor> yh;
      if (lstm) {
        auto [y, h, c] = lstm_layer(x, h0.select(0, k), c0.select(0, k), w[0], w[1], b_ih, b_hh,
                                    proj_size ? w.back() : Tensor(), d == 1);
        yh = {y, h};
        cs.push_back(c);
      } else {
        auto op = mode == "GRU" ? &gru_layer : mode == "RNN_RELU" ? &rnn_relu_layer : &rnn_tanh_layer;
        yh = op(x, h0.select(0, k), w[0], w[1], b_ih, b_hh, d == 1, Tensor());
      }
      outs.push_back(yh.first);
      hs.push_back(yh.second);
    }
    x = D == 1 ? outs[0] : cat(outs, 2);
    if (dropout > 0 && is_training() && layer < num_layers - 1) x = nnlite::dropout(x, dropout, true);
  }
  Tensor h_n = stack(hs, 0), c_n = lstm ? stack(cs, 0) : Tensor();
  if (!batched) {
    x = x.squeeze(1), h_n = h_n.squeeze(1);
    if (lstm) c_n = c_n.squeeze(1);
  } else if (batch_first) {
    x = x.transpose(0, 1);
  }
  return {x, h_n, c_n};
}

namespace {
std::string rnn_mode(const RNNOptions& o) {
  NNLITE_CHECK(o.nonlinearity() == "tanh" || o.nonlinearity() == "relu", Value, "RNN: Unknown nonlinearity '",
               o.nonlinearity(), "'. Select from 'tanh' or 'relu'.");
  return o.nonlinearity() == "tanh" ? "RNN_TANH" : "RNN_RELU";
}
}  // namespace

RNN::RNN(const RNNOptions& o)
    : RNNBase("RNN", rnn_mode(o), o.input_size(), o.hidden_size(), o.num_layers(), o.bias(), o.batch_first(),
              o.dropout(), o.bidirectional(), 0) {}

std::pair<Tensor, Tensor> RNN::forward(const Tensor& input, const Tensor& hx) {
  auto [y, h, c] = run(input, hx, Tensor());
  return {y, h};
}

LSTM::LSTM(const LSTMOptions& o)
    : RNNBase("LSTM", "LSTM", o.input_size(), o.hidden_size(), o.num_layers(), o.bias(), o.batch_first(),
              o.dropout(), o.bidirectional(), o.proj_size()) {}

std::tuple<Tensor, std::pair<Tensor, Tensor>> LSTM::forward(const Tensor& input,
                                                            const std::pair<Tensor, Tensor>& hx) {
  auto [y, h, c] = run(input, hx.first, hx.second);
  return {y, {h, c}};
}

GRU::GRU(const GRUOptions& o)
    : RNNBase("GRU", "GRU", o.input_size(), o.hidden_size(), o.num_layers(), o.bias(), o.batch_first(), o.dropout(),
              o.bidirectional(), 0) {}

std::pair<Tensor, Tensor> GRU::forward(const Tensor& input, const Tensor& hx) {
  auto [y, h, c] = run(input, hx, Tensor());
  return {y, h};
}

}  // namespace nnlite::nn
