// RNN, LSTM, GRU (python/nnlite/nn/rnn.py): whole sequences, one op call
// (rnn_tanh_layer, lstm_layer, ...) per layer and direction, with torch's
// options, parameter names (weight_ih_l0, bias_hh_l1_reverse, weight_hr_l0),
// layout and initialisation U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)).
// Input [T, N, I] ([N, T, I] with batch_first) or unbatched [T, I]; states
// [num_layers * directions, N, size] (or without N). Packed sequences are
// Python only (the ops take per-row lengths).
//
//   nn::LSTM lstm(nn::LSTMOptions(10, 20).num_layers(2).bidirectional(true));
//   auto [y, hc] = lstm.forward(x, {});      // hc = (h_n, c_n)
#pragma once
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "nnlite/nn/arg.h"
#include "nnlite/nn/module.h"

namespace nnlite::nn {

// The options all three share.
#define NNLITE_RNN_OPTIONS                      \
  NNLITE_ARG(int64_t, input_size);              \
  NNLITE_ARG(int64_t, hidden_size);             \
  NNLITE_ARG(int64_t, num_layers) = 1;          \
  NNLITE_ARG(bool, bias) = true;                \
  NNLITE_ARG(bool, batch_first) = false;        \
  NNLITE_ARG(double, dropout) = 0.0;            \
  NNLITE_ARG(bool, bidirectional) = false

// nn::RNNOptions(in, hidden).nonlinearity("relu").num_layers(2)
struct RNNOptions {
  RNNOptions(int64_t input_size, int64_t hidden_size) : input_size_(input_size), hidden_size_(hidden_size) {}
  NNLITE_RNN_OPTIONS;
  NNLITE_ARG(std::string, nonlinearity) = "tanh";  // "tanh" or "relu"
};

// nn::LSTMOptions(in, hidden).proj_size(8)
struct LSTMOptions {
  LSTMOptions(int64_t input_size, int64_t hidden_size) : input_size_(input_size), hidden_size_(hidden_size) {}
  NNLITE_RNN_OPTIONS;
  NNLITE_ARG(int64_t, proj_size) = 0;
};

struct GRUOptions {
  GRUOptions(int64_t input_size, int64_t hidden_size) : input_size_(input_size), hidden_size_(hidden_size) {}
  NNLITE_RNN_OPTIONS;
};
#undef NNLITE_RNN_OPTIONS

// The stack of layers and directions; mode "RNN_TANH", "RNN_RELU", "LSTM" or "GRU".
class RNNBase : public Module {
 public:
  void reset_parameters();
  std::string extra_repr() const override;
  void flatten_parameters() {}  // torch compacts cuDNN weights here; nothing to do

  std::string mode;
  int64_t input_size, hidden_size, num_layers, proj_size;
  bool bias, batch_first, bidirectional;
  double dropout;
  // Per layer and direction (l0, l0_reverse, l1, ...): w_ih, w_hh, then
  // b_ih, b_hh (with bias) and w_hr (with proj_size), as registered.
  std::vector<std::vector<Tensor>> all_weights;

 protected:
  RNNBase(const char* type, std::string mode, int64_t input_size, int64_t hidden_size, int64_t num_layers, bool bias,
          bool batch_first, double dropout, bool bidirectional, int64_t proj_size);
  // (output, h_n, c_n) in the caller's layout; h0 / c0 undefined for zeros; c_n undefined but for LSTM.
  std::tuple<Tensor, Tensor, Tensor> run(const Tensor& input, const Tensor& h0, const Tensor& c0);

 private:
  Tensor state(const Tensor& hx, bool batched, int64_t N, int64_t size, const char* what, const Tensor& like) const;
};

// Elman RNN: h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh), or relu.
class RNN : public RNNBase {
 public:
  explicit RNN(const RNNOptions& o);
  RNN(int64_t input_size, int64_t hidden_size) : RNN(RNNOptions(input_size, hidden_size)) {}
  Tensor forward(const Tensor& input) override { return forward(input, Tensor()).first; }
  std::pair<Tensor, Tensor> forward(const Tensor& input, const Tensor& hx);  // (output, h_n)
};

// LSTM with gates i, f, g, o; proj_size > 0 projects h by weight_hr.
class LSTM : public RNNBase {
 public:
  explicit LSTM(const LSTMOptions& o);
  LSTM(int64_t input_size, int64_t hidden_size) : LSTM(LSTMOptions(input_size, hidden_size)) {}
  Tensor forward(const Tensor& input) override { return std::get<0>(forward(input, {})); }
  // (output, (h_n, c_n)); hx = (h_0, c_0), undefined tensors for zeros.
  std::tuple<Tensor, std::pair<Tensor, Tensor>> forward(const Tensor& input, const std::pair<Tensor, Tensor>& hx);
};

// GRU with gates r, z, n.
class GRU : public RNNBase {
 public:
  explicit GRU(const GRUOptions& o);
  GRU(int64_t input_size, int64_t hidden_size) : GRU(GRUOptions(input_size, hidden_size)) {}
  Tensor forward(const Tensor& input) override { return forward(input, Tensor()).first; }
  std::pair<Tensor, Tensor> forward(const Tensor& input, const Tensor& hx);  // (output, h_n)
};

}  // namespace nnlite::nn
