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

#include <omp.h>

namespace nnlite::cpu {

using backend::IndexFault;
using backend::RecurrentGeometry;
using backend::RnnMode;

namespace {

int64_t gate_count(RnnMode m) { return m == RnnMode::Lstm ? 4 : m == RnnMode::Gru ? 3 : 1; }

// Step s of the walk -> time index t.
inline int64_t time_of(const RecurrentGeometry& g, int64_t s) { return g.reverse ? g.T - 1 - s : s; }

template <typename T>
void copy_rows(T* dst, const T* src, int64_t n) {
  std::memcpy(dst, src, sizeof(T) * n);
}

// dst[c * ldd + r] = src[r * lds + c] for r < rows, c < cols, in 16 x 16
// tiles: a tile reads 16 lines and writes 16 whole lines, so power-of-two
// strides (which map every row to one cache set) cost no re-reads.
template <typename T>
void transpose_into(const T* src, int64_t lds, int64_t rows, int64_t cols, T* dst, int64_t ldd) {
  constexpr int64_t B = 16;
  for (int64_t r0 = 0; r0 < rows; r0 += B)
    for (int64_t c0 = 0; c0 < cols; c0 += B) {
      const int64_t r1 = std::min(rows, r0 + B), c1 = std::min(cols, c0 + B);
      for (int64_t c = c0; c < c1; ++c)
        for (int64_t r = r0; r < r1; ++r) dst[c * ldd + r] = src[r * lds + c];
    }
}

// A contiguous copy of the 2-d m transposed.
Tensor transposed(const Tensor& m) {
  const int64_t R = m.shape()[0], C = m.shape()[1];
  Tensor out = empty({C, R}, m.dtype(), m.device());
  dispatch_float(m.dtype(), [&](auto tag) {
    using T = decltype(tag);
    transpose_into(m.data<T>(), C, R, C, out.data<T>(), R);
  });
  return out;
}

// The time loops run in one parallel region per call: thread k owns a slice
// of the H units (all gates of those units) and a slice of the P state
// columns, computes their part of each step's GEMMs and gate math, and meets
// the others at one barrier per step (two with a projection), instead of a
// fork and join per GEMM and per gate pass. Slices are whole vectors (8).
inline void slice_of(int64_t n, int k, int nt, int64_t& lo, int64_t& hi) {
  const int64_t chunk = ((n + nt - 1) / nt + 7) / 8 * 8;
  lo = std::min(n, k * chunk);
  hi = std::min(n, lo + chunk);
}

// This thread's units [u0, u1) of H and state columns [s0, s1) of P.
struct Slices {
  int64_t u0, u1, s0, s1;
};
inline Slices my_slices(int64_t H, int64_t P) {
  const int k = omp_get_thread_num(), nt = omp_get_num_threads();
  Slices r;
  slice_of(H, k, nt, r.u0, r.u1);
  slice_of(P, k, nt, r.s0, r.s1);
  return r;
}

// Threads for a step of N rows x G*H gates x P inputs: one below ~128K
// multiply-adds per step (a barrier costs more than it saves), never more
// than there are vector-wide unit slices.
inline int team_size(int64_t N, int64_t GH, int64_t P, int64_t H) {
  if (N * GH * P < (int64_t{1} << 17)) return 1;
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(omp_get_max_threads(), H / 16)));
}

template <typename T>
void copy_cols(T* dst, int64_t ldd, const T* src, int64_t lds, int64_t rows, int64_t lo, int64_t hi) {
  if (hi > lo)
    for (int64_t b = 0; b < rows; ++b) std::memcpy(dst + b * ldd + lo, src + b * lds + lo, sizeof(T) * (hi - lo));
}

template <typename T>
void forward(const RecurrentGeometry& g, const Tensor& x, const Tensor& h0, const Tensor& c0,
             const backend::RecurrentWeights& w, const int64_t* len, Tensor& y, Tensor& hn, Tensor& cn,
             backend::RecurrentSaved& saved) {
  const auto& K = kernels<T>();
  const int64_t T_ = g.T, N = g.N, I = g.I, H = g.H, P = g.P, G = gate_count(g.mode), GH = G * H;
  const bool lstm = g.mode == RnnMode::Lstm, gru = g.mode == RnnMode::Gru, relu = g.mode == RnnMode::Relu;
  const bool train = saved.act.defined(), proj = w.w_hr.defined();
  const T* wih = w.w_ih.data<T>();
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

  // Two state buffers [N, P], swapped every step: a step reads all of one
  // while its threads write their columns of the other.
  T* hbuf = thread_scratch<T, 0>(2 * N * P + N * GH + (proj ? N * (H + P) : 0) + (gru && !train ? N * 4 * H : 0));
  T *hc = hbuf, *hx = hbuf + N * P, *gh = hbuf + 2 * N * P;
  T* hpre = proj ? gh + N * GH : nullptr;  // [N, H] then the projected [N, P]
  T* act_tmp = (gru && !train) ? gh + N * GH + (proj ? N * (H + P) : 0) : nullptr;
  copy_rows(hc, h0.data<T>(), N * P);
  T* c = lstm ? cn.data<T>() : nullptr;
  if (lstm) copy_rows(c, c0.data<T>(), N * H);
  T* yp = y.data<T>();
  T* act = train ? saved.act.data<T>() : nullptr;
  T* hprev = train ? saved.h_prev.data<T>() : nullptr;
  T* cprev = train && lstm ? saved.c_prev.data<T>() : nullptr;
  const int64_t A = lstm || gru ? 4 * H : H;
  const int team = team_size(N, GH, P, H);
  const bool h0_zero = std::all_of(hc, hc + N * P, [](T v) { return v == T(0); });
  // The step GEMMs multiply by w_hh^T and w_hr^T. w_hh is copied once per
  // call with each thread's rows (its G gate blocks) side by side, so a step
  // is one GEMM per thread, and gh holds its columns the same way (gate blocks
  // `hs` apart). For three rows or more the copy is transposed ([P, GH]),
  // which packs with row copies, and each thread packs its columns once for
  // all steps (gemm_prepacked). One or two rows skip
  // packing and read B's columns in place as dot products, so there the copy
  // keeps w_hh's row layout ([GH, P]). w_hr^T likewise. A sequence of one
  // or two steps (a generation loop) reads w_hh in place, one GEMM per gate
  // block: there the copy would cost more than it saves.
  const bool permute = T_ > 2, transpose = permute && N > 2;
  Tensor whh_p = permute ? empty({transpose ? P : GH, transpose ? GH : P}, x.dtype(), x.device()) : w.w_hh;
  Tensor whr_t = N > 2 && proj ? transposed(w.w_hr) : w.w_hr;
  T* wB = whh_p.data<T>();
  const T* whh = w.w_hh.data<T>();
  const T* rB = ptr_or_null<T>(whr_t);
  std::vector<T> bhh_p(gru && bhh && permute ? GH : 0);  // GRU's b_hh in the same column order
  const int64_t whr_rs = N > 2 ? P : 1, whr_cs = N > 2 ? 1 : H;  // B = w_hr^T [H, P]: its strides

#pragma omp parallel num_threads(team)
  {
    const auto [u0, u1, s0, s1] = my_slices(H, P);
    const int64_t us = u1 - u0;
    // Where this thread's gate block q, unit j sits in gh's columns.
    const int64_t gh0 = permute ? G * u0 : u0, hs = permute ? us : H;
    for (int64_t q = 0; q < G && permute; ++q) {
      if (transpose)
        transpose_into(whh + (q * H + u0) * P, P, us, P, wB + gh0 + q * hs, GH);
      else
        copy_rows(wB + (gh0 + q * hs) * P, whh + (q * H + u0) * P, us * P);
      for (int64_t j = 0; j < us && !bhh_p.empty(); ++j) bhh_p[gh0 + q * hs + j] = bhh[q * H + u0 + j];
    }
    const T* bh = !bhh_p.empty() ? bhh_p.data() : gru ? bhh : nullptr;
    // This thread's columns of w_hh^T [P, G * us], packed for the GEMM once
    // for all steps instead of at every step (it is 1/3 to 1/2 of a step's
    // product at 32 rows).
    // (Slot 5: a per-thread buffer kept across calls, so no page faults per call.)
    T* packed = nullptr;
    if (transpose && us > 0) {
      packed = thread_scratch<T, 5>(static_cast<size_t>(K.pack_b(P, G * us, nullptr, GH, 1, nullptr)));
      K.pack_b(P, G * us, wB + gh0, GH, 1, packed);
    }
    T *cur = hc, *nxt = hx;
#pragma omp barrier
    for (int64_t s = 0; s < T_; ++s) {
      const int64_t t = time_of(g, s);
      T* yt = yp + t * N * P;
      T* git = gi + t * N * GH;
      if (train) copy_cols(hprev + t * N * P, P, cur, P, N, s0, s1);
      if (cprev) copy_cols(cprev + t * N * H, H, c, H, N, u0, u1);
      if (us > 0 && s == 0 && h0_zero) {  // a zero initial state (the layers' default): h @ w_hh^T is 0
        for (int64_t b = 0; b < N; ++b)
          for (int64_t q = 0; q < G; ++q)
            for (int64_t j = 0; j < us; ++j) gh[b * GH + gh0 + q * hs + j] = bh ? bh[gh0 + q * hs + j] : T(0);
      } else if (packed) {
        K.gemm_prepacked(N, G * us, P, cur, P, 1, packed, gh + gh0, GH, bh ? bh + gh0 : nullptr, false);
      } else if (us > 0 && permute) {  // one or two rows: B read in place, [GH, P]
        K.gemm(N, G * us, P, cur, P, 1, wB + gh0 * P, 1, P, gh + gh0, GH, bh ? bh + gh0 : nullptr, false);
      } else {
        for (int64_t q = 0; q < G && us > 0; ++q)
          K.gemm(N, us, P, cur, P, 1, whh + (q * H + u0) * P, 1, P, gh + q * H + u0, GH,
                 bh ? bh + q * H + u0 : nullptr, false);
      }
      for (int64_t b = 0; b < N && us > 0; ++b) {
        const bool active = !len || t < len[b];
        T* out = proj ? hpre + b * H : nxt + b * P;  // this step's h (before any projection)
        if (!active) {
          if (!proj) {
            copy_rows(out + u0, cur + b * P + u0, us);
            std::fill(yt + b * P + u0, yt + b * P + u1, T(0));
          }
          continue;
        }
        const T* gib = git + b * GH + u0;
        const T* ghb = gh + b * GH + gh0;
        if (lstm) {
          K.lstm_gates(gib, ghb, us, H, hs, git + b * GH + u0, c + b * H + u0, out + u0);
        } else if (gru) {
          T* ab = (train ? act + (t * N + b) * A : act_tmp + b * A) + u0;
          K.gru_gates(gib, ghb, cur + b * P + u0, us, H, hs, ab, out + u0);
        } else {
          K.rnn_gates(gib, ghb, us, relu, out + u0);
          if (train) copy_rows(act + (t * N + b) * A + u0, out + u0, us);
        }
        if (!proj) copy_rows(yt + b * P + u0, out + u0, us);
      }
      if (proj) {
#pragma omp barrier
        T* hp = hpre + N * H;
        if (s1 > s0) K.gemm(N, s1 - s0, H, hpre, H, 1, rB + s0 * whr_cs, whr_rs, whr_cs, hp + s0, P, nullptr, false);
        for (int64_t b = 0; b < N && s1 > s0; ++b) {
          const bool active = !len || t < len[b];
          copy_rows(nxt + b * P + s0, (active ? hp : cur) + b * P + s0, s1 - s0);
          if (active)
            copy_rows(yt + b * P + s0, hp + b * P + s0, s1 - s0);
          else
            std::fill(yt + b * P + s0, yt + b * P + s1, T(0));
        }
      }
#pragma omp barrier
      std::swap(cur, nxt);
    }
#pragma omp single
    copy_rows(hn.data<T>(), cur, N * P);
  }
}

// sum over rows of m [rows, n] -> out [n], columns split over threads.
template <typename T>
void column_sums(const T* m, int64_t rows, int64_t n, T* out) {
  const auto& K = kernels<T>();
  const int64_t blocks = (n + 63) / 64;
#pragma omp parallel for schedule(static) num_threads(threads_for(rows * n))
  for (int64_t j = 0; j < blocks; ++j) {
    const int64_t lo = j * 64, w = std::min<int64_t>(64, n - lo);
    std::fill(out + lo, out + lo + w, T(0));
    for (int64_t r = 0; r < rows; ++r) K.accumulate(out + lo, m + r * n + lo, w);
  }
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
  // dh [N, P] carried back, dc [N, H] (LSTM), dho [N, P] = dh + gy[t] (no
  // projection), dhpre [N, H] (projection), dh_new [N, P], direct [N, H] (GRU: dh * z).
  T* buf = thread_scratch<T, 0>(3 * N * P + 3 * N * H);
  T *dh = buf, *dho_step = buf + N * P, *dh_new = buf + 2 * N * P;
  T *dc = buf + 3 * N * P, *dhpre = dc + N * H, *direct = dhpre + N * H;
  copy_rows(dh, ghn.data<T>(), N * P);
  if (lstm) copy_rows(dc, gcn.data<T>(), N * H);
  T* hpre_all = proj ? hpre_t.data<T>() : nullptr;
  const int team = team_size(N, GH, P, H);

#pragma omp parallel num_threads(team)
  {
    const auto [u0, u1, s0, s1] = my_slices(H, P);
    const int64_t us = u1 - u0;
    // This thread's state columns of w_hh [GH, s1 - s0], packed once for the
    // carried-gradient GEMM of every step (as in the forward).
    T* packed = nullptr;
    if (N > 2 && T_ > 2 && s1 > s0) {
      packed = thread_scratch<T, 5>(static_cast<size_t>(K.pack_b(GH, s1 - s0, nullptr, P, 1, nullptr)));
      K.pack_b(GH, s1 - s0, whh + s0, P, 1, packed);
    }
    for (int64_t s = T_ - 1; s >= 0; --s) {
      const int64_t t = time_of(g, s);
      T* dgit = dgi + t * N * GH;
      T* dght = dgh + t * N * GH;
      T* dho = proj ? dho_t.data<T>() + t * N * P : dho_step;
      for (int64_t b = 0; b < N; ++b) {
        const bool active = !len || t < len[b];
        const T* gyb = gyp + (t * N + b) * P;
        for (int64_t j = s0; j < s1; ++j) dho[b * P + j] = active ? dh[b * P + j] + gyb[j] : T(0);
      }
      if (proj) {
#pragma omp barrier
        if (us > 0) K.gemm(N, us, P, dho, P, 1, whr + u0, H, 1, dhpre + u0, H, nullptr, false);
      }
      const T* dcell = proj ? dhpre : dho;  // the gradient at the gate kernel's h output
      for (int64_t b = 0; b < N && us > 0; ++b) {
        const int64_t r = t * N + b;
        if (len && t >= len[b]) {
          // w_hr's gradient multiplies this row of h_pre by a zero dho: it
          // must hold a number, not what the buffer held (0 * NaN is NaN).
          if (proj) std::fill(hpre_all + r * H + u0, hpre_all + r * H + u1, T(0));
          for (int64_t q = 0; q * H < GH; ++q) {
            std::fill(dgit + b * GH + q * H + u0, dgit + b * GH + q * H + u1, T(0));
            if (gru) std::fill(dght + b * GH + q * H + u0, dght + b * GH + q * H + u1, T(0));
          }
          continue;
        }
        if (lstm)
          K.lstm_gates_backward(act + r * A + u0, cprev + r * H + u0, dcell + b * H + u0, us, H, dc + b * H + u0,
                                dgit + b * GH + u0, proj ? hpre_all + r * H + u0 : nullptr);
        else if (gru)
          K.gru_gates_backward(act + r * A + u0, hprev + r * P + u0, dcell + b * H + u0, us, H, dgit + b * GH + u0,
                               dght + b * GH + u0, direct + b * H + u0);
        else
          K.rnn_gates_backward(act + r * A + u0, dcell + b * H + u0, us, relu, dgit + b * GH + u0);
      }
#pragma omp barrier
      // The gradient carried to the previous state: dgates @ w_hh (+ dh * z),
      // this thread's state columns.
      if (s == 0 && !out.dh0.defined()) continue;  // nothing needs the gradient of h0
      if (packed)
        K.gemm_prepacked(N, s1 - s0, GH, dght, GH, 1, packed, dh_new + s0, P, nullptr, false);
      else if (s1 > s0)
        K.gemm(N, s1 - s0, GH, dght, GH, 1, whh + s0, P, 1, dh_new + s0, P, nullptr, false);
      for (int64_t b = 0; b < N && s1 > s0; ++b) {
        if (len && t >= len[b]) continue;
        if (gru) K.accumulate(dh_new + b * P + s0, direct + b * H + s0, s1 - s0);
        copy_rows(dh + b * P + s0, dh_new + b * P + s0, s1 - s0);
      }
    }
  }

  if (out.dh0.defined()) copy_rows(out.dh0.data<T>(), dh, N * P);
  if (out.dc0.defined()) copy_rows(out.dc0.data<T>(), dc, N * H);
  if (out.dx.defined()) K.gemm(TN, I, GH, dgi, GH, 1, wih, I, 1, out.dx.data<T>(), I, nullptr, false);
  if (out.dw_ih.defined()) K.gemm(GH, I, TN, dgi, 1, GH, x.data<T>(), I, 1, out.dw_ih.data<T>(), I, nullptr, false);
  if (out.dw_hh.defined()) K.gemm(GH, P, TN, dgh, 1, GH, hprev, P, 1, out.dw_hh.data<T>(), P, nullptr, false);
  if (out.db_ih.defined()) column_sums(dgi, TN, GH, out.db_ih.data<T>());
  if (out.db_hh.defined() && !gru && out.db_ih.defined())  // the same sums: dgh is dgi
    copy_rows(out.db_hh.data<T>(), out.db_ih.data<T>(), GH);
  else if (out.db_hh.defined())
    column_sums(dgh, TN, GH, out.db_hh.data<T>());
  if (out.dw_hr.defined())
    K.gemm(P, H, TN, dho_t.data<T>(), 1, P, hpre_all, H, 1, out.dw_hr.data<T>(), H, nullptr, false);
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
