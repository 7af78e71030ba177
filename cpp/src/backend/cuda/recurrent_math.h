// The recurrent layers of the CUDA backend (recurrent.cu), as plain C++ that
// nvcc compiles into the kernels and g++ into the host-side tests
// (_C._cuda_host.recurrent_layer): the per-element gate math (functors with
// NNLITE_HD bodies, one call per element of a launch) and the whole time loop
// around it, written once against an executor `Ex` that the device and the
// host test each supply:
//   ex.each(n, f, what)  f(i) for i in [0, n) (device: one launch on the stream)
//   ex.gemm(args, what)  the backend's GEMM (gemm_plan.h's GemmArgs)
//   ex.copy(dst, src, n) n elements, same memory
//   ex.template scratch<T>(n)  n elements that live as long as `ex`
// so the host test runs the very step decomposition the GPU runs.
//
// The contract is the CPU backend's (backend.h, cpu/recurrent.cpp): G gate
// blocks of H units (LSTM i, f, g, o; GRU r, z, n; tanh/relu one), GH = G*H,
// row b of the batch active at time t when t < lengths[b]; an inactive row
// keeps its state, outputs 0 and gets zero gate gradients. Per step of the
// forward: gh [N, GH] = h [N, P] @ w_hh^T (+ b_hh for GRU, whose r multiplies
// it), one fused gate launch over [N, H], and with LSTM's projection
// y[t] [N, P] = h_pre [N, H] @ w_hr^T plus one launch over [N, P] for the
// masking. Nothing here waits for the device.
#pragma once
#include <math.h>

#include <cstdint>

#include "backend/backend.h"
#include "backend/cuda/gemm_plan.h"
#include "backend/cuda/host_device.h"

namespace nnlite::cuda_impl {

using backend::RnnMode;

template <typename T>
NNLITE_HD inline T rnn_sigmoid(T v) {
  return T(1) / (T(1) + hd_exp(-v));  // exp(-v) = inf for very negative v gives exactly 0
}

inline int64_t rnn_gates(RnnMode m) { return m == RnnMode::Lstm ? 4 : m == RnnMode::Gru ? 3 : 1; }
// Step s of the walk -> time index t.
inline int64_t rnn_time_of(int64_t T, bool reverse, int64_t s) { return reverse ? T - 1 - s : s; }

// ---- the per-element bodies ---------------------------------------------------

// One forward step's gate math, element i = b * H + k of [N, H]. gi [N, GH]
// (x W_ih^T + biases, this step's rows), gh [N, GH] (h W_hh^T, + b_hh for
// GRU); h_in [N, P] and c_in [N, H] the state before the step. Writes
// h_out [N, P] and y [N, P] (no projection) or h_pre [N, H] (projection: the
// projection launch writes h_out and y); c_out [N, H] (LSTM); act [N, A]
// when training (may be gi itself for LSTM: each element reads its four gate
// inputs before it writes them back).
template <typename T>
struct ForwardStep {
  RnnMode mode;
  int64_t H, P, t;
  const int64_t* len;
  const T* gi;
  const T* gh;
  const T* h_in;
  const T* c_in;
  T* h_out;
  T* y;
  T* h_pre;
  T* c_out;
  T* act;

  NNLITE_HD void operator()(int64_t i) const {
    const int64_t b = i / H, k = i % H;
    const int64_t G = mode == RnnMode::Lstm ? 4 : mode == RnnMode::Gru ? 3 : 1, GH = G * H;
    const int64_t A = G == 1 ? H : 4 * H;
    const bool active = !len || t < len[b];
    if (!active) {
      if (!h_pre) {
        h_out[b * P + k] = h_in[b * P + k];
        y[b * P + k] = T(0);
      }
      if (mode == RnnMode::Lstm) c_out[i] = c_in[i];
      return;
    }
    const T* x = gi + b * GH;
    const T* h = gh + b * GH;
    T* a = act ? act + b * A : nullptr;
    T out;
    if (mode == RnnMode::Lstm) {
      const T ig = rnn_sigmoid(x[k] + h[k]);
      const T fg = rnn_sigmoid(x[H + k] + h[H + k]);
      const T gg = hd_tanh(x[2 * H + k] + h[2 * H + k]);
      const T og = rnn_sigmoid(x[3 * H + k] + h[3 * H + k]);
      const T c = fg * c_in[i] + ig * gg;
      if (a) {
        a[k] = ig;
        a[H + k] = fg;
        a[2 * H + k] = gg;
        a[3 * H + k] = og;
      }
      c_out[i] = c;
      out = og * hd_tanh(c);
    } else if (mode == RnnMode::Gru) {
      const T r = rnn_sigmoid(x[k] + h[k]);
      const T z = rnn_sigmoid(x[H + k] + h[H + k]);
      const T hn = h[2 * H + k];
      const T n = hd_tanh(x[2 * H + k] + r * hn);
      if (a) {
        a[k] = r;
        a[H + k] = z;
        a[2 * H + k] = n;
        a[3 * H + k] = hn;
      }
      out = n + z * (h_in[b * P + k] - n);
    } else {
      const T v = x[k] + h[k];
      out = mode == RnnMode::Tanh ? hd_tanh(v) : (v > T(0) ? v : (v != v ? v : T(0)));
      if (a) a[k] = out;
    }
    if (h_pre) {
      h_pre[i] = out;
    } else {
      h_out[b * P + k] = out;
      y[b * P + k] = out;
    }
  }
};

// LSTM's projection, element i = b * P + j of [N, P], after the GEMM wrote
// y [N, P] = h_pre @ w_hr^T for every row: active rows take it as their new
// state, inactive rows keep h_in and output 0.
template <typename T>
struct ProjectStep {
  int64_t P, t;
  const int64_t* len;
  const T* h_in;
  T* h_out;
  T* y;

  NNLITE_HD void operator()(int64_t i) const {
    const int64_t b = i / P;
    if (!len || t < len[b]) {
      h_out[i] = y[i];
    } else {
      h_out[i] = h_in[i];
      y[i] = T(0);
    }
  }
};

// The gradient at a step's output, element i = b * P + j of [N, P]: dho =
// dh (carried from later steps) + gy[t] for active rows, 0 for inactive ones
// (used with the projection, where dho also feeds w_hr's gradient).
template <typename T>
struct OutputGrad {
  int64_t P, t;
  const int64_t* len;
  const T* dh;
  const T* gy;
  T* dho;

  NNLITE_HD void operator()(int64_t i) const {
    const int64_t b = i / P;
    dho[i] = (!len || t < len[b]) ? dh[i] + gy[i] : T(0);
  }
};

// One backward step's gate math, element i = b * H + k of [N, H], from the
// saved act [N, A], h_prev [N, P] (GRU), c_prev [N, H] (LSTM). The gradient
// at the gate kernel's h output is dh_pre [N, H] (projection) or dh + gy
// ([N, P] each). Writes dgi [N, GH] (input side) and, for GRU, dgh [N, GH]
// (hidden side: n's block is scaled by r) and direct [N, H] = dh * z (the
// part of h_prev's gradient that skips W_hh); dc [N, H] (LSTM) is read and
// overwritten with c_prev's gradient; h_pre [N, H] = o * tanh(c_t) when not
// null (w_hr's gradient). Inactive rows: zero gate gradients (and h_pre), dc
// untouched.
template <typename T>
struct BackwardStep {
  RnnMode mode;
  int64_t H, P, t;
  const int64_t* len;
  const T* act;
  const T* h_prev;
  const T* c_prev;
  const T* dh;
  const T* gy;
  const T* dh_pre;
  T* dc;
  T* dgi;
  T* dgh;
  T* direct;
  T* h_pre;

  NNLITE_HD void operator()(int64_t i) const {
    const int64_t b = i / H, k = i % H;
    const int64_t G = mode == RnnMode::Lstm ? 4 : mode == RnnMode::Gru ? 3 : 1, GH = G * H;
    const int64_t A = G == 1 ? H : 4 * H;
    T* di = dgi + b * GH;
    if (len && t >= len[b]) {
      for (int64_t q = 0; q < G; ++q) {
        di[q * H + k] = T(0);
        if (mode == RnnMode::Gru) dgh[b * GH + q * H + k] = T(0);
      }
      // w_hr's gradient multiplies this row's zero dho by h_pre: it must be
      // a number, not whatever the scratch held.
      if (h_pre) h_pre[i] = T(0);
      return;
    }
    const T d_out = dh_pre ? dh_pre[i] : dh[b * P + k] + gy[b * P + k];
    const T* a = act + b * A;
    if (mode == RnnMode::Lstm) {
      const T ig = a[k], fg = a[H + k], gg = a[2 * H + k], og = a[3 * H + k];
      const T cp = c_prev[i];
      const T tc = hd_tanh(fg * cp + ig * gg);
      const T d = dc[i] + d_out * og * (T(1) - tc * tc);
      di[k] = d * gg * ig * (T(1) - ig);
      di[H + k] = d * cp * fg * (T(1) - fg);
      di[2 * H + k] = d * ig * (T(1) - gg * gg);
      di[3 * H + k] = d_out * tc * og * (T(1) - og);
      dc[i] = d * fg;
      if (h_pre) h_pre[i] = og * tc;
    } else if (mode == RnnMode::Gru) {
      const T r = a[k], z = a[H + k], n = a[2 * H + k], hn = a[3 * H + k];
      const T hp = h_prev[b * P + k];
      const T dn = d_out * (T(1) - z) * (T(1) - n * n);
      const T dz = d_out * (hp - n) * z * (T(1) - z);
      const T dr = dn * hn * r * (T(1) - r);
      T* dh_ = dgh + b * GH;
      di[k] = dh_[k] = dr;
      di[H + k] = dh_[H + k] = dz;
      di[2 * H + k] = dn;
      dh_[2 * H + k] = dn * r;
      direct[i] = d_out * z;
    } else {
      const T h = a[k];
      di[k] = mode == RnnMode::Relu ? (h > T(0) ? d_out : T(0)) : d_out * (T(1) - h * h);
    }
  }
};

// The carried gradient after a step, element i = b * P + j of [N, P]: active
// rows take dh_new (= dgh @ w_hh) plus GRU's direct part, inactive rows keep dh.
template <typename T>
struct CarryGrad {
  int64_t P, t;
  const int64_t* len;
  const T* dh_new;
  const T* direct;
  T* dh;

  NNLITE_HD void operator()(int64_t i) const {
    const int64_t b = i / P;
    if (len && t >= len[b]) return;
    dh[i] = dh_new[i] + (direct ? direct[i] : T(0));
  }
};

// out [C, n]: element i = c * n + j sums column j of rows [c * chunk,
// (c + 1) * chunk) of m [rows, n] in order. Two passes (chunks, then the C
// partial rows) give the bias gradients enough threads when T*N is large
// and G*H small, in a fixed order (the same bits every run).
template <typename T>
struct ColumnSum {
  int64_t rows, n, chunk;
  const T* m;
  T* out;

  NNLITE_HD void operator()(int64_t i) const {
    const int64_t j = i % n, c = i / n;
    const int64_t r1 = (c + 1) * chunk < rows ? (c + 1) * chunk : rows;
    T acc = T(0);
    for (int64_t r = c * chunk; r < r1; ++r) acc += m[r * n + j];
    out[i] = acc;
  }
};

// out[j] = a[j] + b[j] (the two biases of the input projection).
template <typename T>
struct AddVectors {
  const T* a;
  const T* b;
  T* out;
  NNLITE_HD void operator()(int64_t j) const { out[j] = a[j] + b[j]; }
};

// ---- the time loops ---------------------------------------------------------------

// out [n] = the column sums of m [rows, n] (ColumnSum in two passes).
template <typename T, typename Ex>
void column_sums(Ex& ex, const T* m, int64_t rows, int64_t n, T* out, const char* what) {
  constexpr int64_t kChunk = 256;
  const int64_t chunks = (rows + kChunk - 1) / kChunk;
  if (chunks <= 1) {
    ex.each(n, ColumnSum<T>{rows, n, rows > 0 ? rows : 1, m, out}, what);
    return;
  }
  T* partial = ex.template scratch<T>(chunks * n);
  ex.each(chunks * n, ColumnSum<T>{rows, n, kChunk, m, partial}, what);
  ex.each(n, ColumnSum<T>{chunks, n, chunks, partial, out}, what);
}

// Row-major [M, K] operand with leading dimension ld (transposed: the
// [K, M] matrix read as its transpose).
inline MatStrides rows_of(int64_t ld) { return {0, ld, 1}; }
inline MatStrides cols_of(int64_t ld) { return {0, 1, ld}; }

// c [M, N] (row-major, contiguous) = a @ b (+ bias), one product.
template <typename T>
GemmArgs<T> rnn_gemm(int64_t M, int64_t N, int64_t K, const T* a, MatStrides sa, const T* b, MatStrides sb, T* c,
                     const T* bias) {
  GemmArgs<T> p{};
  p.B = 1, p.M = M, p.N = N, p.K = K;
  p.a = a, p.sa = sa, p.b = b, p.sb = sb, p.c = c, p.sc = {M * N, N, 1};
  p.bias = bias, p.bias_stride = 1, p.accumulate = false;
  p.a_k_fast = sa.col == 1, p.b_n_fast = sb.col == 1;
  return p;
}

// Pointers of one forward call (backend.h's tensors, contiguous; biases,
// w_hr, lengths and the c tensors null when absent; act, h_prev, c_prev null
// in inference).
template <typename T>
struct ForwardIo {
  const T *x, *h0, *c0, *w_ih, *w_hh, *b_ih, *b_hh, *w_hr;
  const int64_t* len;
  T *y, *hn, *cn, *act, *h_prev, *c_prev;
};

template <typename T, typename Ex>
void recurrent_forward_loop(Ex& ex, const backend::RecurrentGeometry& g, const ForwardIo<T>& io) {
  const int64_t T_ = g.T, N = g.N, I = g.I, H = g.H, P = g.P, GH = rnn_gates(g.mode) * H;
  const bool lstm = g.mode == RnnMode::Lstm, gru = g.mode == RnnMode::Gru, train = io.act != nullptr;
  const bool proj = io.w_hr != nullptr;
  if (T_ == 0) {  // no step: the final state is the initial one
    ex.copy(io.hn, io.h0, N * P);
    if (lstm) ex.copy(io.cn, io.c0, N * H);
    return;
  }
  // Input projection of all steps: gi [T*N, GH] = x [T*N, I] @ w_ih^T + bias.
  // GRU keeps b_hh for the step GEMM (r multiplies W_hn h + b_hn); the
  // others add both biases here. LSTM in training writes its activations over
  // gi in place, so there gi is the saved act tensor.
  const T* bias_in = io.b_ih;
  if (!gru && io.b_hh) {
    if (io.b_ih) {
      T* bsum = ex.template scratch<T>(GH);
      ex.each(GH, AddVectors<T>{io.b_ih, io.b_hh, bsum}, "recurrent_forward");
      bias_in = bsum;
    } else {
      bias_in = io.b_hh;
    }
  }
  T* gi = lstm && train ? io.act : ex.template scratch<T>(T_ * N * GH);
  ex.gemm(rnn_gemm<T>(T_ * N, GH, I, io.x, rows_of(I), io.w_ih, cols_of(I), gi, bias_in), "recurrent_forward");

  T* gh = ex.template scratch<T>(N * GH);
  T* h_pre = proj ? ex.template scratch<T>(N * H) : nullptr;
  // The state each step starts from: in training the saved h_prev[t] (and
  // c_prev[t]) itself, so the steps save it for free; in inference two
  // buffers used in turn. The last step writes hn (cn).
  T* hbuf = train ? nullptr : ex.template scratch<T>(2 * N * P);
  T* cbuf = train || !lstm ? nullptr : ex.template scratch<T>(2 * N * H);
  const auto h_at = [&](int64_t s) -> T* {  // the state step s starts from (s >= 1 in inference)
    return train ? io.h_prev + rnn_time_of(T_, g.reverse, s) * N * P : hbuf + ((s - 1) % 2) * N * P;
  };
  const auto c_at = [&](int64_t s) -> T* {
    return train ? io.c_prev + rnn_time_of(T_, g.reverse, s) * N * H : cbuf + ((s - 1) % 2) * N * H;
  };
  if (train) {
    ex.copy(h_at(0), io.h0, N * P);
    if (lstm) ex.copy(c_at(0), io.c0, N * H);
  }
  const int64_t A = lstm || gru ? 4 * H : H;
  for (int64_t s = 0; s < T_; ++s) {
    const int64_t t = rnn_time_of(T_, g.reverse, s);
    const bool last = s + 1 == T_;
    const T* h_in = train || s > 0 ? h_at(s) : io.h0;
    const T* c_in = lstm ? (train || s > 0 ? c_at(s) : io.c0) : nullptr;
    T* h_out = last ? io.hn : h_at(s + 1);
    T* c_out = lstm ? (last ? io.cn : c_at(s + 1)) : nullptr;
    T* yt = io.y + t * N * P;
    // gh [N, GH] = h_in [N, P] @ w_hh^T (w_hh [GH, P] read transposed).
    ex.gemm(rnn_gemm<T>(N, GH, P, h_in, rows_of(P), io.w_hh, cols_of(P), gh, gru ? io.b_hh : nullptr),
            "recurrent_forward");
    ForwardStep<T> f{g.mode, H, P, t, io.len, gi + t * N * GH, gh, h_in, c_in, h_out, yt, h_pre, c_out,
                     train ? io.act + t * N * A : nullptr};
    ex.each(N * H, f, "recurrent_forward");
    if (proj) {
      // y[t] [N, P] = h_pre [N, H] @ w_hr^T (w_hr [P, H]), then the masking.
      ex.gemm(rnn_gemm<T>(N, P, H, h_pre, rows_of(H), io.w_hr, cols_of(H), yt, nullptr), "recurrent_forward");
      ex.each(N * P, ProjectStep<T>{P, t, io.len, h_in, h_out, yt}, "recurrent_forward");
    }
  }
}

// Pointers of one backward call (grads null where not wanted; w_hr, c_prev,
// gcn, lengths null when absent).
template <typename T>
struct BackwardIo {
  const T *x, *w_ih, *w_hh, *w_hr;
  const int64_t* len;
  const T *act, *h_prev, *c_prev, *gy, *ghn, *gcn;
  T *dx, *dh0, *dc0, *dw_ih, *dw_hh, *db_ih, *db_hh, *dw_hr;
};

// Back through time: per step (in reverse walk order) the output gradient
// (projection: dho, then dh_pre [N, H] = dho @ w_hr), one fused gate launch,
// and the gradient carried to the previous state, dgh [N, GH] @ w_hh [GH, P]
// (+ GRU's direct part, masked by a carry launch). The gate gradients of all
// steps are kept, so dx, the weight gradients and the bias sums are each one
// GEMM (or launch) over all T*N rows afterwards.
template <typename T, typename Ex>
void recurrent_backward_loop(Ex& ex, const backend::RecurrentGeometry& g, const BackwardIo<T>& io) {
  const int64_t T_ = g.T, N = g.N, I = g.I, H = g.H, P = g.P, GH = rnn_gates(g.mode) * H, TN = T_ * N;
  const bool lstm = g.mode == RnnMode::Lstm, gru = g.mode == RnnMode::Gru, proj = io.w_hr != nullptr;
  const int64_t A = lstm || gru ? 4 * H : H;
  const char* what = "recurrent_backward";
  T* dgi = ex.template scratch<T>(TN * GH);
  T* dgh = gru ? ex.template scratch<T>(TN * GH) : dgi;  // they differ only for GRU
  T* dh = ex.template scratch<T>(N * P);
  T* dc = lstm ? ex.template scratch<T>(N * H) : nullptr;
  T* direct = gru ? ex.template scratch<T>(N * H) : nullptr;
  T* dho = proj ? ex.template scratch<T>(TN * P) : nullptr;     // every step's, for w_hr's gradient
  T* hpre = proj ? ex.template scratch<T>(TN * H) : nullptr;    // likewise
  T* dh_pre = proj ? ex.template scratch<T>(N * H) : nullptr;
  // Without lengths and GRU's direct part the GEMM writes the carried
  // gradient in place (the gate launch has read it already).
  const bool carry = io.len || gru;
  T* dh_new = carry ? ex.template scratch<T>(N * P) : dh;
  ex.copy(dh, io.ghn, N * P);
  if (lstm) ex.copy(dc, io.gcn, N * H);

  for (int64_t s = T_ - 1; s >= 0; --s) {
    const int64_t t = rnn_time_of(T_, g.reverse, s);
    const T* gyt = io.gy + t * N * P;
    if (proj) {
      T* dhot = dho + t * N * P;
      ex.each(N * P, OutputGrad<T>{P, t, io.len, dh, gyt, dhot}, what);
      // dh_pre [N, H] = dho [N, P] @ w_hr [P, H]
      ex.gemm(rnn_gemm<T>(N, H, P, dhot, rows_of(P), io.w_hr, rows_of(H), dh_pre, nullptr), what);
    }
    BackwardStep<T> b{g.mode,
                      H,
                      P,
                      t,
                      io.len,
                      io.act + t * N * A,
                      io.h_prev + t * N * P,
                      lstm ? io.c_prev + t * N * H : nullptr,
                      dh,
                      gyt,
                      dh_pre,
                      dc,
                      dgi + t * N * GH,
                      dgh + t * N * GH,
                      direct,
                      proj ? hpre + t * N * H : nullptr};
    ex.each(N * H, b, what);
    if (s == 0 && !io.dh0) break;  // nothing needs the gradient of h0
    // dh_new [N, P] = dgh [N, GH] @ w_hh [GH, P]
    ex.gemm(rnn_gemm<T>(N, P, GH, dgh + t * N * GH, rows_of(GH), io.w_hh, rows_of(P), dh_new, nullptr), what);
    if (carry) ex.each(N * P, CarryGrad<T>{P, t, io.len, dh_new, direct, dh}, what);
  }

  if (io.dh0) ex.copy(io.dh0, dh, N * P);
  if (io.dc0) ex.copy(io.dc0, dc, N * H);
  // dx [TN, I] = dgi [TN, GH] @ w_ih [GH, I]
  if (io.dx) ex.gemm(rnn_gemm<T>(TN, I, GH, dgi, rows_of(GH), io.w_ih, rows_of(I), io.dx, nullptr), what);
  // dw_ih [GH, I] = dgi^T @ x [TN, I]; dw_hh [GH, P] = dgh^T @ h_prev [TN, P]
  if (io.dw_ih) ex.gemm(rnn_gemm<T>(GH, I, TN, dgi, cols_of(GH), io.x, rows_of(I), io.dw_ih, nullptr), what);
  if (io.dw_hh) ex.gemm(rnn_gemm<T>(GH, P, TN, dgh, cols_of(GH), io.h_prev, rows_of(P), io.dw_hh, nullptr), what);
  if (io.db_ih) column_sums(ex, dgi, TN, GH, io.db_ih, what);
  if (io.db_hh && !gru && io.db_ih)  // the same sums: dgh is dgi
    ex.copy(io.db_hh, io.db_ih, GH);
  else if (io.db_hh)
    column_sums(ex, dgh, TN, GH, io.db_hh, what);
  // dw_hr [P, H] = dho^T [P, TN] @ h_pre [TN, H]
  if (io.dw_hr) ex.gemm(rnn_gemm<T>(P, H, TN, dho, cols_of(P), hpre, rows_of(H), io.dw_hr, nullptr), what);
}

}  // namespace nnlite::cuda_impl
