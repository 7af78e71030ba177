// RNNCell, LSTMCell, GRUCell (python/nnlite/nn/rnn.py): one recurrent step,
// with torch's parameter names (weight_ih [G*H, I], weight_hh [G*H, H],
// bias_ih, bias_hh [G*H]) and initialisation U(-1/sqrt(H), 1/sqrt(H)) for all.
//
//   nn::LSTMCell cell(nn::LSTMCellOptions(10, 20).bias(false));
//   auto [h, c] = cell.forward(x, {h0, c0});
#pragma once
#include <string>
#include <utility>

#include "nnlite/nn/arg.h"
#include "nnlite/nn/module.h"

namespace nnlite::nn {

// nn::RNNCellOptions(in, hidden).nonlinearity("relu")
struct RNNCellOptions {
  RNNCellOptions(int64_t input_size, int64_t hidden_size) : input_size_(input_size), hidden_size_(hidden_size) {}
  NNLITE_ARG(int64_t, input_size);
  NNLITE_ARG(int64_t, hidden_size);
  NNLITE_ARG(bool, bias) = true;
  NNLITE_ARG(std::string, nonlinearity) = "tanh";  // "tanh" or "relu"
};

// nn::LSTMCellOptions(in, hidden).bias(false), and the same for GRUCell.
struct RNNCellBaseOptions {
  RNNCellBaseOptions(int64_t input_size, int64_t hidden_size) : input_size_(input_size), hidden_size_(hidden_size) {}
  NNLITE_ARG(int64_t, input_size);
  NNLITE_ARG(int64_t, hidden_size);
  NNLITE_ARG(bool, bias) = true;
};
using LSTMCellOptions = RNNCellBaseOptions;
using GRUCellOptions = RNNCellBaseOptions;

// Parameters and repr shared by the three cells; gates = 1, 4 or 3.
class RNNCellBase : public Module {
 public:
  void reset_parameters();
  std::string extra_repr() const override;

  int64_t input_size, hidden_size;
  Tensor weight_ih, weight_hh, bias_ih, bias_hh;  // biases undefined when bias = false

 protected:
  RNNCellBase(const char* type, int64_t input_size, int64_t hidden_size, bool bias, int64_t gates);
  // hx, or zeros shaped like it should be for input ([N, H] or [H]) when undefined.
  Tensor state_or_zeros(const Tensor& input, const Tensor& hx) const;
  std::string nonlinearity_ = "tanh";
};

// h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh) (or relu).
class RNNCell : public RNNCellBase {
 public:
  explicit RNNCell(const RNNCellOptions& o);
  RNNCell(int64_t input_size, int64_t hidden_size) : RNNCell(RNNCellOptions(input_size, hidden_size)) {}
  Tensor forward(const Tensor& input) override { return forward(input, Tensor()); }
  Tensor forward(const Tensor& input, const Tensor& hx);
};

// (h', c') with gates i, f, g, o.
class LSTMCell : public RNNCellBase {
 public:
  explicit LSTMCell(const LSTMCellOptions& o);
  LSTMCell(int64_t input_size, int64_t hidden_size) : LSTMCell(LSTMCellOptions(input_size, hidden_size)) {}
  // The single-input Module interface returns h' only; forward(input, {}) gives both.
  Tensor forward(const Tensor& input) override { return forward(input, {}).first; }
  std::pair<Tensor, Tensor> forward(const Tensor& input, const std::pair<Tensor, Tensor>& hx);
};

// h' with gates r, z, n.
class GRUCell : public RNNCellBase {
 public:
  explicit GRUCell(const GRUCellOptions& o);
  GRUCell(int64_t input_size, int64_t hidden_size) : GRUCell(GRUCellOptions(input_size, hidden_size)) {}
  Tensor forward(const Tensor& input) override { return forward(input, Tensor()); }
  Tensor forward(const Tensor& input, const Tensor& hx);
};

}  // namespace nnlite::nn
