// The recurrent layers over a whole sequence, one layer in one direction per
// call: rnn_tanh_layer, rnn_relu_layer, lstm_layer (with an optional
// projection w_hr, torch's proj_size) and gru_layer, with torch's weight
// layout and gate order (as the cells in recurrent_cells.cpp). The time loop
// and the gate math run in the backend (backend.h, recurrent_forward /
// recurrent_backward); this file checks the arguments and hangs the
// hand-written backward (back through time) on all outputs at once through
// custom_function, so gradients may flow from y, h_n and c_n together.
//
// Shapes: input [T, N, I] (time-major), hx [N, P], cx [N, H] (LSTM), w_ih
// [G*H, I], w_hh [G*H, P], b_ih / b_hh [G*H] or undefined, w_hr [P, H] or
// undefined (P = H without it); lengths int64 [N] or undefined: row b runs the
// steps t < lengths[b] only (PyTorch's packed-sequence semantics: padded
// outputs 0, final state from the row's last valid step, reverse starting
// there). Outputs y [T, N, P], h_n [N, P] (and c_n [N, H]).
//
// The backward is not itself differentiable: a double backward through
// these ops (create_graph=True) raises NotImplemented.
#include "exported/attrs.h"
#include "exported/recorder.h"
#include "nnlite/custom_function.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

using backend::RnnMode;

int64_t gates_of(RnnMode m) { return m == RnnMode::Lstm ? 4 : m == RnnMode::Gru ? 3 : 1; }

// Every check a user can fail, worded with the op; returns the geometry.
backend::RecurrentGeometry check_layer(const char* op, RnnMode mode, const Tensor& x, const Tensor& hx,
                                       const Tensor& cx, const backend::RecurrentWeights& w, const Tensor& lengths,
                                       bool reverse) {
  NNLITE_CHECK(x.defined() && x.dim() == 3, Value, op, ": expected input of shape [seq_len, batch, input_size], got ",
               x.defined() ? ops::describe(x) : std::string("nothing"));
  ops::check_floating(x, op);
  NNLITE_CHECK(w.w_ih.defined() && w.w_hh.defined() && w.w_ih.dim() == 2 && w.w_hh.dim() == 2, Value, op,
               ": expected 2-d weights w_ih and w_hh");
  const int64_t G = gates_of(mode), T = x.size(0), N = x.size(1), I = x.size(2);
  NNLITE_CHECK(w.w_ih.size(0) % G == 0, Value, op, ": w_ih must have ", G, " * hidden_size rows, got ",
               ops::describe(w.w_ih));
  const int64_t H = w.w_ih.size(0) / G;
  const bool proj = w.w_hr.defined();
  NNLITE_CHECK(!proj || mode == RnnMode::Lstm, Value, op, ": only lstm_layer takes a projection w_hr");
  NNLITE_CHECK(!proj || (w.w_hr.dim() == 2 && w.w_hr.size(1) == H), Value, op, ": expected w_hr of shape [proj_size, ",
               H, "], got ", proj ? ops::describe(w.w_hr) : std::string());
  const int64_t P = proj ? w.w_hr.size(0) : H;
  NNLITE_CHECK(w.w_ih.size(1) == I, Value, op, ": input has inconsistent input_size: got ", I, ", expected ",
               w.w_ih.size(1), " (w_ih is ", ops::describe(w.w_ih), ")");
  NNLITE_CHECK(w.w_hh.size(0) == G * H && w.w_hh.size(1) == P, Value, op, ": expected w_hh of shape [", G * H, ", ",
               P, "], got ", ops::describe(w.w_hh));
  for (const Tensor* b : {&w.b_ih, &w.b_hh})
    NNLITE_CHECK(!b->defined() || (b->dim() == 1 && b->size(0) == G * H), Value, op,
                 ": expected biases of shape [", G * H, "], got ", ops::describe(*b));
  NNLITE_CHECK(hx.defined() && hx.dim() == 2 && hx.size(0) == N && hx.size(1) == P, Value, op,
               ": Expected hidden size [", N, ", ", P, "], got ",
               hx.defined() ? shape_str(hx.shape()) : std::string("nothing"));
  if (mode == RnnMode::Lstm)
    NNLITE_CHECK(cx.defined() && cx.dim() == 2 && cx.size(0) == N && cx.size(1) == H, Value, op,
                 ": Expected cell size [", N, ", ", H, "], got ",
                 cx.defined() ? shape_str(cx.shape()) : std::string("nothing"));
  else
    NNLITE_CHECK(!cx.defined(), Value, op, ": takes no cell state");
  for (const Tensor* t : {&hx, &cx, &w.w_ih, &w.w_hh, &w.b_ih, &w.b_hh, &w.w_hr})
    NNLITE_CHECK(!t->defined() || t->dtype() == x.dtype(), Type, op, ": expected every state and weight to be ",
                 dtype_name(x.dtype()), " like the input, got ", ops::describe(*t));
  if (lengths.defined())
    NNLITE_CHECK(lengths.dtype() == DType::Int64 && lengths.dim() == 1 && lengths.size(0) == N, Value, op,
                 ": expected lengths as an int64 tensor of shape [", N, "], got ", ops::describe(lengths));
  return {mode, T, N, I, H, P, reverse};
}

Tensor contiguous_or_none(const Tensor& t) { return t.defined() ? t.contiguous() : Tensor(); }

TensorList run_layer(const char* op, RnnMode mode, const Tensor& x, const Tensor& hx, const Tensor& cx,
                     const backend::RecurrentWeights& w, bool reverse, const Tensor& lengths) {
  exported::OpScope scope;
  const backend::RecurrentGeometry g = check_layer(op, mode, x, hx, cx, w, lengths, reverse);
  backend::Backend& be = ops::backend_of({x, hx, cx, w.w_ih, w.w_hh, w.b_ih, w.b_hh, w.w_hr, lengths}, op);
  const bool lstm = mode == RnnMode::Lstm;
  const TensorList inputs{x, hx, cx, w.w_ih, w.w_hh, w.b_ih, w.b_hh, w.w_hr};
  const std::string name = op;

  auto forward = [&](autograd::FunctionCtx& ctx) {
    bool train = false;
    for (bool b : ctx.needs_input_grad()) train = train || b;
    const Tensor xc = x.contiguous(), len = contiguous_or_none(lengths);
    const backend::RecurrentWeights wc{w.w_ih.contiguous(), w.w_hh.contiguous(), contiguous_or_none(w.b_ih),
                                       contiguous_or_none(w.b_hh), contiguous_or_none(w.w_hr)};
    const auto opts = [&](Shape s) { return empty(std::move(s), x.dtype(), x.device()); };
    Tensor y = opts({g.T, g.N, g.P}), hn = opts({g.N, g.P}), cn = lstm ? opts({g.N, g.H}) : Tensor();
    backend::RecurrentSaved saved;
    if (train) {
      saved.act = opts({g.T, g.N, mode == RnnMode::Lstm || mode == RnnMode::Gru ? 4 * g.H : g.H});
      saved.h_prev = opts({g.T, g.N, g.P});
      if (lstm) saved.c_prev = opts({g.T, g.N, g.H});
    }
    const backend::IndexFault f =
        be.recurrent_forward(g, xc, hx.contiguous(), contiguous_or_none(cx), wc, len, y, hn, cn, saved);
    NNLITE_CHECK(!f.found, Value, op, ": every length must be within [0, seq_len = ", g.T, "], got ", f.value);
    if (train)
      ctx.save_for_backward({xc, wc.w_ih, wc.w_hh, wc.w_hr, len, saved.act, saved.h_prev, saved.c_prev});
    return lstm ? TensorList{y, hn, cn} : TensorList{y, hn};
  };

  // bp: backends are process-wide singletons, so it outlives every graph.
  auto backward = [g, name, lstm, bp = &be](autograd::FunctionCtx& ctx, const TensorList& grads) {
    NNLITE_CHECK(!grad_enabled(), NotImplemented, name,
                 ": double backward is not supported (its backward is a hand-written time loop); compute "
                 "higher-order gradients through the cell ops (rnn_tanh_cell, lstm_cell, gru_cell) instead");
    const TensorList s = ctx.get_saved_variables();
    const Tensor &xc = s[0], &len = s[4];
    const backend::RecurrentWeights wc{s[1], s[2], Tensor(), Tensor(), s[3]};
    const backend::RecurrentSaved saved{s[5], s[6], s[7]};
    const auto need = [&](size_t i, Shape shape) {
      return ctx.needs_input_gradient(i) ? empty(std::move(shape), xc.dtype(), xc.device()) : Tensor();
    };
    const int64_t GH = gates_of(g.mode) * g.H;
    backend::RecurrentGrads out{need(0, {g.T, g.N, g.I}), need(1, {g.N, g.P}), need(2, {g.N, g.H}),
                                need(3, {GH, g.I}),       need(4, {GH, g.P}),  need(5, {GH}),
                                need(6, {GH}),            need(7, {g.P, g.H})};
    bp->recurrent_backward(g, xc, wc, len, saved, grads[0].contiguous(), grads[1].contiguous(),
                          lstm ? grads[2].contiguous() : Tensor(), out);
    return TensorList{out.dx, out.dh0, out.dc0, out.dw_ih, out.dw_hh, out.db_ih, out.db_hh, out.dw_hr};
  };
  TensorList outs = autograd::custom_function(name, inputs, forward, backward);
  TensorList reported{x, hx};
  if (lstm) reported.push_back(cx);
  for (const Tensor* t : {&w.w_ih, &w.w_hh, &w.b_ih, &w.b_hh}) reported.push_back(*t);
  if (lstm) reported.push_back(w.w_hr);
  reported.push_back(lengths);
  NNLITE_REPORT(op, reported, outs, {{"reverse", exported::jbool(reverse)}});
  return outs;
}

}  // namespace

std::pair<Tensor, Tensor> rnn_tanh_layer(const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                                         const Tensor& w_hh, const Tensor& b_ih, const Tensor& b_hh, bool reverse,
                                         const Tensor& lengths) {
  TensorList o = run_layer("rnn_tanh_layer", RnnMode::Tanh, input, hx, Tensor(), {w_ih, w_hh, b_ih, b_hh, Tensor()},
                           reverse, lengths);
  return {o[0], o[1]};
}

std::pair<Tensor, Tensor> rnn_relu_layer(const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                                         const Tensor& w_hh, const Tensor& b_ih, const Tensor& b_hh, bool reverse,
                                         const Tensor& lengths) {
  TensorList o = run_layer("rnn_relu_layer", RnnMode::Relu, input, hx, Tensor(), {w_ih, w_hh, b_ih, b_hh, Tensor()},
                           reverse, lengths);
  return {o[0], o[1]};
}

std::pair<Tensor, Tensor> gru_layer(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                                    const Tensor& b_ih, const Tensor& b_hh, bool reverse, const Tensor& lengths) {
  TensorList o = run_layer("gru_layer", RnnMode::Gru, input, hx, Tensor(), {w_ih, w_hh, b_ih, b_hh, Tensor()},
                           reverse, lengths);
  return {o[0], o[1]};
}

std::tuple<Tensor, Tensor, Tensor> lstm_layer(const Tensor& input, const Tensor& hx, const Tensor& cx,
                                              const Tensor& w_ih, const Tensor& w_hh, const Tensor& b_ih,
                                              const Tensor& b_hh, const Tensor& w_hr, bool reverse,
                                              const Tensor& lengths) {
  TensorList o = run_layer("lstm_layer", RnnMode::Lstm, input, hx, cx, {w_ih, w_hh, b_ih, b_hh, w_hr}, reverse,
                           lengths);
  return {o[0], o[1], o[2]};
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_recurrent_layer_schemas(Registry& r) {
  using A = AttrType;
  const char* no_onnx = "not written yet: would map to ONNX RNN / LSTM / GRU (their gate order differs from torch's)";
  using Layer = std::pair<Tensor, Tensor> (*)(const Tensor&, const Tensor&, const Tensor&, const Tensor&,
                                              const Tensor&, const Tensor&, bool, const Tensor&);
  for (auto [name, f] : {std::pair<const char*, Layer>{"rnn_tanh_layer", &rnn_tanh_layer},
                         {"rnn_relu_layer", &rnn_relu_layer},
                         {"gru_layer", &gru_layer}})
    r.add(OpSchema(name)
              .inputs({"input", "hx", "w_ih", "w_hh", "b_ih?", "b_hh?", "lengths?"})
              .attrs({{"reverse", A::Bool}})
              .outputs(2)
              .differentiable()
              .no_onnx(no_onnx)
              .kernel([f = f](Attrs& a) -> Kernel {
                const bool reverse = a.boolean("reverse", false);
                return [f, reverse](const TensorList& in) {
                  auto yh = f(in[0], in[1], in[2], in[3], input_or_none(in, 4), input_or_none(in, 5), reverse,
                              input_or_none(in, 6));
                  return TensorList{yh.first, yh.second};
                };
              }));
  r.add(OpSchema("lstm_layer")
            .inputs({"input", "hx", "cx", "w_ih", "w_hh", "b_ih?", "b_hh?", "w_hr?", "lengths?"})
            .attrs({{"reverse", A::Bool}})
            .outputs(3)
            .differentiable()
            .no_onnx(no_onnx)
            .kernel([](Attrs& a) -> Kernel {
              const bool reverse = a.boolean("reverse", false);
              return [reverse](const TensorList& in) {
                auto [y, h, c] = lstm_layer(in[0], in[1], in[2], in[3], in[4], input_or_none(in, 5),
                                            input_or_none(in, 6), input_or_none(in, 7), reverse,
                                            input_or_none(in, 8));
                return TensorList{y, h, c};
              };
            }));
}

}  // namespace nnlite::schema
