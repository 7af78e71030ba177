// One step of the recurrent cells, with torch's weight layout and gate order:
// rnn_tanh_cell / rnn_relu_cell, lstm_cell (gates i, f, g, o) and gru_cell
// (gates r, z, n). Each is the two GEMMs (linear) and then the gate math as
// recorded elementwise ops, so autograd differentiates it to any order; the
// gate math is not one fused kernel yet. An OpScope makes each call one
// export node.
//
// Shapes: input [N, I] or [I] (unbatched), h and c [N, H] or [H];
// w_ih [G*H, I], w_hh [G*H, H], b_ih and b_hh [G*H] or undefined, with G = 1
// (rnn), 4 (lstm) or 3 (gru).
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

// Checks the shapes against the weights; returns H.
int64_t check_cell(const char* op, const Tensor& x, const Tensor& h, const Tensor& w_ih, const Tensor& w_hh,
                   const Tensor& b_ih, const Tensor& b_hh, int64_t gates) {
  NNLITE_CHECK(w_ih.dim() == 2 && w_hh.dim() == 2, Value, op, ": expected 2-d weights, got w_ih ",
               ops::describe(w_ih), " and w_hh ", ops::describe(w_hh));
  const int64_t H = w_hh.size(1), I = w_ih.size(1);
  NNLITE_CHECK(w_ih.size(0) == gates * H && w_hh.size(0) == gates * H, Value, op, ": expected w_ih [", gates * H,
               ", input_size] and w_hh [", gates * H, ", ", H, "], got ", ops::describe(w_ih), " and ",
               ops::describe(w_hh));
  for (const Tensor* b : {&b_ih, &b_hh})
    NNLITE_CHECK(!b->defined() || (b->dim() == 1 && b->size(0) == gates * H), Value, op, ": expected biases of shape [",
                 gates * H, "], got ", ops::describe(*b));
  NNLITE_CHECK(x.dim() == 1 || x.dim() == 2, Value, op, ": Expected input to be 1D or 2D, got ", x.dim(),
               "D instead");
  NNLITE_CHECK(x.size(-1) == I, Value, op, ": input has inconsistent input_size: got ", x.size(-1), " expected ", I);
  NNLITE_CHECK(h.dim() == x.dim(), Value, op, ": Expected hidden to be ", x.dim(), "D for ", x.dim(),
               "D input, got ", h.dim(), "D instead");
  NNLITE_CHECK(h.size(-1) == H, Value, op, ": hidden has inconsistent hidden_size: got ", h.size(-1), ", expected ",
               H);
  NNLITE_CHECK(x.dim() == 1 || x.size(0) == h.size(0), Value, op, ": Input batch size ", x.size(0),
               " doesn't match hidden batch size ", h.size(0));
  return H;
}

// x @ w_ih^T + b_ih and h @ w_hh^T + b_hh, the two GEMMs of every cell.
std::pair<Tensor, Tensor> gemms(const Tensor& x, const Tensor& h, const Tensor& w_ih, const Tensor& w_hh,
                                const Tensor& b_ih, const Tensor& b_hh) {
  return {linear(x, w_ih, b_ih), linear(h, w_hh, b_hh)};
}

Tensor rnn_cell(const char* op, bool relu_act, const Tensor& x, const Tensor& h, const Tensor& w_ih,
                const Tensor& w_hh, const Tensor& b_ih, const Tensor& b_hh) {
  exported::OpScope scope;
  check_cell(op, x, h, w_ih, w_hh, b_ih, b_hh, 1);
  auto [gi, gh] = gemms(x, h, w_ih, w_hh, b_ih, b_hh);
  Tensor y = relu_act ? relu(gi + gh) : tanh(gi + gh);
  NNLITE_REPORT(op, {x, h, w_ih, w_hh, b_ih, b_hh}, {y});
  return y;
}

}  // namespace

Tensor rnn_tanh_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                     const Tensor& b_ih, const Tensor& b_hh) {
  return rnn_cell("rnn_tanh_cell", false, input, hx, w_ih, w_hh, b_ih, b_hh);
}

Tensor rnn_relu_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                     const Tensor& b_ih, const Tensor& b_hh) {
  return rnn_cell("rnn_relu_cell", true, input, hx, w_ih, w_hh, b_ih, b_hh);
}

std::pair<Tensor, Tensor> lstm_cell(const Tensor& input, const Tensor& hx, const Tensor& cx, const Tensor& w_ih,
                                    const Tensor& w_hh, const Tensor& b_ih, const Tensor& b_hh) {
  exported::OpScope scope;
  const int64_t H = check_cell("lstm_cell", input, hx, w_ih, w_hh, b_ih, b_hh, 4);
  NNLITE_CHECK(cx.defined() && cx.shape() == hx.shape(), Value,
               "lstm_cell: expected the cell state c to have the shape of h ", ops::describe(hx), ", got ",
               ops::describe(cx));
  auto [gi, gh] = gemms(input, hx, w_ih, w_hh, b_ih, b_hh);
  Tensor g = gi + gh;  // [N, 4H]: i, f, g, o
  const int64_t d = g.dim() - 1;
  Tensor i = sigmoid(g.narrow(d, 0, H)), f = sigmoid(g.narrow(d, H, H));
  Tensor cand = tanh(g.narrow(d, 2 * H, H)), o = sigmoid(g.narrow(d, 3 * H, H));
  Tensor c = f * cx + i * cand;
  Tensor h = o * tanh(c);
  NNLITE_REPORT("lstm_cell", {input, hx, cx, w_ih, w_hh, b_ih, b_hh}, {h, c});
  return {h, c};
}

Tensor gru_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh, const Tensor& b_ih,
                const Tensor& b_hh) {
  exported::OpScope scope;
  const int64_t H = check_cell("gru_cell", input, hx, w_ih, w_hh, b_ih, b_hh, 3);
  auto [gi, gh] = gemms(input, hx, w_ih, w_hh, b_ih, b_hh);  // [N, 3H] each: r, z, n
  const int64_t d = gi.dim() - 1;
  Tensor r = sigmoid(gi.narrow(d, 0, H) + gh.narrow(d, 0, H));
  Tensor z = sigmoid(gi.narrow(d, H, H) + gh.narrow(d, H, H));
  // b_hn stays inside the reset product, as torch has it.
  Tensor n = tanh(gi.narrow(d, 2 * H, H) + r * gh.narrow(d, 2 * H, H));
  Tensor h = n + z * (hx - n);  // (1 - z) * n + z * h
  NNLITE_REPORT("gru_cell", {input, hx, w_ih, w_hh, b_ih, b_hh}, {h});
  return h;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_recurrent_cell_schemas(Registry& r) {
  const char* no_onnx = "not written yet: the GEMMs and gate math would map to Gemm, Sigmoid, Tanh, Mul and Add";
  using Cell = Tensor (*)(const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Tensor&);
  for (auto [name, f] : {std::pair<const char*, Cell>{"rnn_tanh_cell", &rnn_tanh_cell},
                         {"rnn_relu_cell", &rnn_relu_cell},
                         {"gru_cell", &gru_cell}})
    r.add(OpSchema(name)
              .inputs({"input", "hx", "w_ih", "w_hh", "b_ih?", "b_hh?"})
              .differentiable()
              .no_onnx(no_onnx)
              .kernel([f = f](Attrs&) -> Kernel {
                return [f](const TensorList& in) {
                  return one(f(in[0], in[1], in[2], in[3], input_or_none(in, 4), input_or_none(in, 5)));
                };
              }));
  r.add(OpSchema("lstm_cell")
            .inputs({"input", "hx", "cx", "w_ih", "w_hh", "b_ih?", "b_hh?"})
            .outputs(2)
            .differentiable()
            .no_onnx(no_onnx)
            .kernel([](Attrs&) -> Kernel {
              return [](const TensorList& in) {
                auto hc = lstm_cell(in[0], in[1], in[2], in[3], in[4], input_or_none(in, 5), input_or_none(in, 6));
                return TensorList{hc.first, hc.second};
              };
            }));
}

}  // namespace nnlite::schema
