// The recurrent layers' time loops (see backend.h, RecurrentGeometry).
//
// Forward: the input projection of every step is one GEMM
// ([T*N, I] x [I, G*H], with the biases that do not sit inside a gate
// product); then each step is one GEMM h @ w_hh^T ([N, P] x [P, G*H]) and one
// pass of the fused gate kernel (isa/recurrent.cc) per batch row, plus, for
// LSTM with proj_size, one GEMM h_pre @ w_hr^T.
//
// Backward: walks the steps in reverse processing order, one GEMM per step
// (dgates @ w_hh) for the gradient carried to the previous state; the gate
// gradients of all steps are kept, so the weight gradients, the input
// gradient and the bias sums are each one GEMM (or pass) over all steps.
//
// Lengths: row b is active at step t when t < lengths[b], in both
// directions (the reverse walk reaches a row's last valid step first, with
// its initial state untouched). An inactive row keeps its state, outputs 0 and
// gets zero gate gradients, so it adds nothing to any sum.
#include <algorithm>
#include <cstring>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/isa/kernels.h"
#include "backend/cpu/loops.h"
#include "backend/cpu/scratch.h"

namespace nnlite::cpu {

using backend::IndexFault;
using backend::RecurrentGeometry;
using backend::RnnMode;

namespace {

int64_t gate_count(RnnMode m) { return m == RnnMode::Lstm ? 4 : m == RnnMode::Gru ? 3 : 1; }

template <typename T>
const T* ptr_or_null(const Tensor& t) {
  return t.defined() ? t.data<T>() : nullptr;
}

// Step s of the walk -> time index t.
inline int64_t time_of(const RecurrentGeometry& g, int64_t s) { return g.reverse ? g.T - 1 - s : s; }

// Threads for a pass over rows of `width` values each (gate math costs tens
// of operations per value).
inline int row_threads(int64_t rows, int64_t width) { return threads_for(rows * width * 16); }

template <typename T>
void copy_rows(T* dst, const T* src, int64_t n) {
  std::memcpy(dst, src, sizeof(T) * n);
}

template <typename T>
void forward(const RecurrentGeometry& g, const Tensor& x, const Tensor& h0, const Tensor& c0,
             const backend::RecurrentWeights& w, const int64_t* len, Tensor& y, Tensor& hn, Tensor& cn,
             backend::RecurrentSaved& saved) {
  const auto& K = kernels<T>();
  const int64_t T_ = g.T, N = g.N, I = g.I, H = g.H, P = g.P, GH = gate_count(g.mode) * H;
  const bool lstm = g.mode == RnnMode::Lstm, gru = g.mode == RnnMode::Gru, relu = g.mode == RnnMode::Relu;
  const bool train = saved.act.defined(), proj = w.w_hr.defined();
  const T *wih = w.w_ih.data<T>(), *whh = w.w_hh.data<T>(), *whr = ptr_or_null<T>(w.w_hr);
  const T *bih = ptr_or_null<T>(w.b_ih), *bhh = ptr_or_null<T>(w.b_hh);

  // Input projection of all steps. GRU keeps b_hh for the hidden GEMM (r
  // multiplies W_hn h + b_hn); the others add both biases here.
  std::vector<T> bsum;
  const T* bias_in = bih;
  if (!gru && bhh) {
    bsum.assign(bhh, bhh + GH);
    if (bih)
      for (int64_t j = 0; j < GH; ++j) bsum[j] += bih[j];
    bias_in = bsum.data();
  }
  // LSTM writes its activations over the projection in place, so in training
  // the saved act tensor is the projection's buffer.
  Tensor gi_t = (lstm && train) ? saved.act : empty({T_, N, GH}, x.dtype(), x.device());
  T* gi = gi_t.data<T>();
  K.gemm(T_ * N, GH, I, x.data<T>(), I, 1, wih, 1, I, gi, GH, bias_in, false);

  T* h = hn.data<T>();
  copy_rows(h, h0.data<T>(), N * P);
  T* c = lstm ? cn.data<T>() : nullptr;
  if (lstm) copy_rows(c, c0.data<T>(), N * H);
  T* gh = thread_scratch<T, 0>(N * GH);
  T* hpre = proj ? thread_scratch<T, 1>(N * (H + P)) : nullptr;  // [N, H] then [N, P]
  T* act_tmp = (gru && !train) ? thread_scratch<T, 2>(N * 4 * H) : nullptr;
  T* yp = y.data<T>();
  T* act = train ? saved.act.data<T>() : nullptr;
  const int64_t A = lstm || gru ? 4 * H : H;

  for (int64_t s = 0; s < T_; ++s) {
    const int64_t t = time_of(g, s);
    if (train) {
      copy_rows(saved.h_prev.data<T>() + t * N * P, h, N * P);
      if (lstm) copy_rows(saved.c_prev.data<T>() + t * N * H, c, N * H);
    }
    K.gemm(N, GH, P, h, P, 1, whh, 1, P, gh, GH, gru ? bhh : nullptr, false);
    T* yt = yp + t * N * P;
    T* git = gi + t * N * GH;
#pragma omp parallel for schedule(static) num_threads(row_threads(N, GH))
    for (int64_t b = 0; b < N; ++b) {
      if (len && t >= len[b]) {
        std::fill(yt + b * P, yt + (b + 1) * P, T(0));
        continue;
      }
      const T* gib = git + b * GH;
      const T* ghb = gh + b * GH;
      T* hb = h + b * P;
      if (lstm) {
        // h_pre goes to the state directly, or through the projection below.
        K.lstm_gates(gib, ghb, H, git + b * GH, c + b * H, proj ? hpre + b * H : hb);
      } else if (gru) {
        T* ab = train ? act + (t * N + b) * A : act_tmp + b * A;
        K.gru_gates(gib, ghb, hb, H, ab, hb);
      } else {
        K.rnn_gates(gib, ghb, H, relu, hb);
        if (train) copy_rows(act + (t * N + b) * A, hb, H);
      }
      if (!proj) copy_rows(yt + b * P, hb, P);
    }
    if (proj) {
      T* hp = hpre + N * H;
      K.gemm(N, P, H, hpre, H, 1, whr, 1, H, hp, P, nullptr, false);
      for (int64_t b = 0; b < N; ++b) {
        if (len && t >= len[b]) continue;
        copy_rows(h + b * P, hp + b * P, P);
        copy_rows(yt + b * P, hp + b * P, P);
      }
    }
  }
}

// sum over rows of m [rows, n] -> out [n]
template <typename T>
void column_sums(const T* m, int64_t rows, int64_t n, T* out) {
  std::fill(out, out + n, T(0));
  const auto& K = kernels<T>();
  for (int64_t r = 0; r < rows; ++r) K.accumulate(out, m + r * n, n);
}

template <typename T>
void backward(const RecurrentGeometry& g, const Tensor& x, const backend::RecurrentWeights& w, const int64_t* len,
              const backend::RecurrentSaved& saved, const Tensor& gy, const Tensor& ghn, const Tensor& gcn,
              backend::RecurrentGrads& out) {
  const auto& K = kernels<T>();
  const int64_t T_ = g.T, N = g.N, I = g.I, H = g.H, P = g.P, GH = gate_count(g.mode) * H, TN = T_ * N;
  const bool lstm = g.mode == RnnMode::Lstm, gru = g.mode == RnnMode::Gru, relu = g.mode == RnnMode::Relu;
  const bool proj = w.w_hr.defined();
  const int64_t A = lstm || gru ? 4 * H : H;
  const T *wih = w.w_ih.data<T>(), *whh = w.w_hh.data<T>(), *whr = ptr_or_null<T>(w.w_hr);
  const T *act = saved.act.data<T>(), *hprev = saved.h_prev.data<T>(), *cprev = ptr_or_null<T>(saved.c_prev);
  const T* gyp = gy.data<T>();

  // Gate gradients of every step: for the input side (dgi) and the hidden
  // side (dgh); they differ only for GRU, whose n gate has r inside.
  Tensor dgi_t = empty({T_, N, GH}, x.dtype(), x.device());
  Tensor dgh_t = gru ? empty({T_, N, GH}, x.dtype(), x.device()) : dgi_t;
  T *dgi = dgi_t.data<T>(), *dgh = dgh_t.data<T>();
  // With a projection: the gradient at each step's projected output and the
  // unprojected h_pre, for w_hr's gradient.
  Tensor dho_t, hpre_t;
  if (proj) {
    dho_t = empty({T_, N, P}, x.dtype(), x.device());
    hpre_t = empty({T_, N, H}, x.dtype(), x.device());
  }
  T* dh = thread_scratch<T, 0>(N * P);
  copy_rows(dh, ghn.data<T>(), N * P);
  T* dc = lstm ? thread_scratch<T, 1>(N * H) : nullptr;
  if (lstm) copy_rows(dc, gcn.data<T>(), N * H);
  T* dho_step = thread_scratch<T, 2>(N * P);      // dh + gy[t] per row (no projection)
  T* dhpre = proj ? thread_scratch<T, 3>(N * H) : nullptr;
  T* dh_new = thread_scratch<T, 4>(N * P);
  T* direct = gru ? thread_scratch<T, 5>(N * H) : nullptr;  // GRU: dh * z

  for (int64_t s = T_ - 1; s >= 0; --s) {
    const int64_t t = time_of(g, s);
    T* dgit = dgi + t * N * GH;
    T* dght = dgh + t * N * GH;
    T* dho = proj ? dho_t.data<T>() + t * N * P : dho_step;
    for (int64_t b = 0; b < N; ++b) {
      const bool active = !len || t < len[b];
      const T* gyb = gyp + (t * N + b) * P;
      for (int64_t k = 0; k < P; ++k) dho[b * P + k] = active ? dh[b * P + k] + gyb[k] : T(0);
    }
    if (proj) K.gemm(N, H, P, dho, P, 1, whr, H, 1, dhpre, H, nullptr, false);
    const T* dcell = proj ? dhpre : dho;  // the gradient at the gate kernel's h output
#pragma omp parallel for schedule(static) num_threads(row_threads(N, GH))
    for (int64_t b = 0; b < N; ++b) {
      const int64_t r = t * N + b;
      if (len && t >= len[b]) {
        std::fill(dgit + b * GH, dgit + (b + 1) * GH, T(0));
        if (gru) std::fill(dght + b * GH, dght + (b + 1) * GH, T(0));
        continue;
      }
      if (lstm)
        K.lstm_gates_backward(act + r * A, cprev + r * H, dcell + b * H, H, dc + b * H, dgit + b * GH,
                              proj ? hpre_t.data<T>() + r * H : nullptr);
      else if (gru)
        K.gru_gates_backward(act + r * A, hprev + r * P, dcell + b * H, H, dgit + b * GH, dght + b * GH,
                             direct + b * H);
      else
        K.rnn_gates_backward(act + r * A, dcell + b * H, H, relu, dgit + b * GH);
    }
    // The gradient carried to the previous state: dgates @ w_hh (+ dh * z).
    K.gemm(N, P, GH, dght, GH, 1, whh, P, 1, dh_new, P, nullptr, false);
    for (int64_t b = 0; b < N; ++b) {
      if (len && t >= len[b]) continue;
      if (gru) K.accumulate(dh_new + b * P, direct + b * H, P);
      copy_rows(dh + b * P, dh_new + b * P, P);
    }
  }

  if (out.dh0.defined()) copy_rows(out.dh0.data<T>(), dh, N * P);
  if (out.dc0.defined()) copy_rows(out.dc0.data<T>(), dc, N * H);
  if (out.dx.defined()) K.gemm(TN, I, GH, dgi, GH, 1, wih, I, 1, out.dx.data<T>(), I, nullptr, false);
  if (out.dw_ih.defined()) K.gemm(GH, I, TN, dgi, 1, GH, x.data<T>(), I, 1, out.dw_ih.data<T>(), I, nullptr, false);
  if (out.dw_hh.defined()) K.gemm(GH, P, TN, dgh, 1, GH, hprev, P, 1, out.dw_hh.data<T>(), P, nullptr, false);
  if (out.db_ih.defined()) column_sums(dgi, TN, GH, out.db_ih.data<T>());
  if (out.db_hh.defined()) column_sums(dgh, TN, GH, out.db_hh.data<T>());
  if (out.dw_hr.defined())
    K.gemm(P, H, TN, dho_t.data<T>(), 1, P, hpre_t.data<T>(), H, 1, out.dw_hr.data<T>(), H, nullptr, false);
}

}  // namespace

IndexFault CpuBackend::recurrent_forward(const RecurrentGeometry& g, const Tensor& x, const Tensor& h0,
                                         const Tensor& c0, const backend::RecurrentWeights& w, const Tensor& lengths,
                                         Tensor& y, Tensor& hn, Tensor& cn, backend::RecurrentSaved& saved) {
  const int64_t* len = lengths.defined() ? lengths.data<int64_t>() : nullptr;
  if (len)
    for (int64_t b = 0; b < g.N; ++b)
      if (len[b] < 0 || len[b] > g.T) return {true, len[b]};
  dispatch_float(x.dtype(), [&](auto tag) { forward<decltype(tag)>(g, x, h0, c0, w, len, y, hn, cn, saved); });
  return {};
}

void CpuBackend::recurrent_backward(const RecurrentGeometry& g, const Tensor& x, const backend::RecurrentWeights& w,
                                    const Tensor& lengths, const backend::RecurrentSaved& saved, const Tensor& gy,
                                    const Tensor& ghn, const Tensor& gcn, backend::RecurrentGrads& grads) {
  const int64_t* len = lengths.defined() ? lengths.data<int64_t>() : nullptr;
  dispatch_float(x.dtype(), [&](auto tag) { backward<decltype(tag)>(g, x, w, len, saved, gy, ghn, gcn, grads); });
}

}  // namespace nnlite::cpu
