// The gate math of the recurrent layers for one instruction set (see
// entries.h): one pass over the H units of one batch row per call, forward
// and backward, for LSTM (gates i, f, g, o), GRU (r, z, n) and the plain
// tanh/relu RNN. The time loop and the GEMMs around them are in
// cpu/recurrent.cpp. exp comes from vmath, so these loops vectorise; tanh is
// written through it too (1 - 2 / (exp(2x) + 1)), exact to a few ulp of 1.
#include "backend/cpu/isa/entries.h"
#include "backend/cpu/isa/vmath.h"

namespace nnlite::cpu::NNLITE_ISA_NS {

namespace {

template <typename T>
inline T tanh_v(T x) {
  // Clamped so that exp never overflows; tanh(+-20) is +-1 to the last bit
  // in both float and double.
  const T xc = x > T(20) ? T(20) : (x < T(-20) ? T(-20) : x);
  const T r = T(1) - T(2) / (vmath::exp(T(2) * xc) + T(1));
  return x != x ? x : r;
}

}  // namespace

// gi, gh [4H] (the input and hidden projections, biases included), c [H] in
// (c_{t-1}) and out (c_t) -> act [4H] (i, f, g, o after their activations),
// h [H] = o * tanh(c_t). (n units from the pointers on; the gate blocks of
// gi and act are H apart, those of gh hs apart, so that a thread can take a
// slice of the units and keep its slice of gh contiguous.)
template <typename T>
void lstm_gates(const T* gi, const T* gh, int64_t n, int64_t H, int64_t hs, T* act, T* c, T* h) {
#pragma omp simd
  for (int64_t k = 0; k < n; ++k) {
    const T i = vmath::sigmoid(gi[k] + gh[k]);
    const T f = vmath::sigmoid(gi[H + k] + gh[hs + k]);
    const T g = tanh_v(gi[2 * H + k] + gh[2 * hs + k]);
    const T o = vmath::sigmoid(gi[3 * H + k] + gh[3 * hs + k]);
    const T cn = f * c[k] + i * g;
    act[k] = i;
    act[H + k] = f;
    act[2 * H + k] = g;
    act[3 * H + k] = o;
    c[k] = cn;
    h[k] = o * tanh_v(cn);
  }
}

// act [4H] and c_prev [H] of one step, dh [H] (the gradient at o * tanh(c_t)),
// dc [H] in (from later steps) and out (to c_prev) -> dg [4H], the gradients
// of the gates before their activations; h_pre [H] = o * tanh(c_t) when not
// null (the projection's weight gradient needs it).
template <typename T>
void lstm_gates_backward(const T* act, const T* c_prev, const T* dh, int64_t n, int64_t H, T* dc, T* dg, T* h_pre) {
#pragma omp simd
  for (int64_t k = 0; k < n; ++k) {
    const T i = act[k], f = act[H + k], g = act[2 * H + k], o = act[3 * H + k];
    const T tc = tanh_v(f * c_prev[k] + i * g);
    const T d = dc[k] + dh[k] * o * (T(1) - tc * tc);
    dg[k] = d * g * i * (T(1) - i);
    dg[H + k] = d * c_prev[k] * f * (T(1) - f);
    dg[2 * H + k] = d * i * (T(1) - g * g);
    dg[3 * H + k] = dh[k] * tc * o * (T(1) - o);
    dc[k] = d * f;
    if (h_pre) h_pre[k] = o * tc;
  }
}

// gi [3H] = x W_ih^T + b_ih, gh [3H] = h W_hh^T + b_hh, h_prev [H] -> h [H],
// act [4H] (r, z, n and the hidden part of n's pre-activation, W_hn h + b_hn,
// which r multiplies); gh's gate blocks hs apart, as for lstm_gates.
template <typename T>
void gru_gates(const T* gi, const T* gh, const T* h_prev, int64_t n, int64_t H, int64_t hs, T* act, T* h) {
#pragma omp simd
  for (int64_t k = 0; k < n; ++k) {
    const T r = vmath::sigmoid(gi[k] + gh[k]);
    const T z = vmath::sigmoid(gi[H + k] + gh[hs + k]);
    const T hn = gh[2 * hs + k];
    const T n = tanh_v(gi[2 * H + k] + r * hn);
    act[k] = r;
    act[H + k] = z;
    act[2 * H + k] = n;
    act[3 * H + k] = hn;
    h[k] = n + z * (h_prev[k] - n);
  }
}

// (LSTM and GRU: n units from the pointers on, their gate blocks H apart, so
// that a thread can take a slice of the units.)
// act [4H], h_prev [H], dh [H] (the gradient at h_t) -> dgi, dgh [3H] (of the
// input and hidden projections) and dh_prev [H] = the direct part dh * z (the
// caller adds dgh @ W_hh).
template <typename T>
void gru_gates_backward(const T* act, const T* h_prev, const T* dh, int64_t n, int64_t H, T* dgi, T* dgh,
                        T* dh_prev) {
#pragma omp simd
  for (int64_t k = 0; k < n; ++k) {
    const T r = act[k], z = act[H + k], n = act[2 * H + k], hn = act[3 * H + k];
    const T dn = dh[k] * (T(1) - z) * (T(1) - n * n);
    const T dz = dh[k] * (h_prev[k] - n) * z * (T(1) - z);
    const T dr = dn * hn * r * (T(1) - r);
    dgi[k] = dgh[k] = dr;
    dgi[H + k] = dgh[H + k] = dz;
    dgi[2 * H + k] = dn;
    dgh[2 * H + k] = dn * r;
    dh_prev[k] = dh[k] * z;
  }
}

// h [H] = tanh or relu of gi + gh.
template <typename T>
void rnn_gates(const T* gi, const T* gh, int64_t H, bool relu, T* h) {
  if (relu) {
#pragma omp simd
    for (int64_t k = 0; k < H; ++k) {
      const T v = gi[k] + gh[k];
      h[k] = v > T(0) ? v : (v != v ? v : T(0));
    }
    return;
  }
#pragma omp simd
  for (int64_t k = 0; k < H; ++k) h[k] = tanh_v(gi[k] + gh[k]);
}

// h [H] (the step's output), dh [H] -> dg [H], the gradient before the activation.
template <typename T>
void rnn_gates_backward(const T* h, const T* dh, int64_t H, bool relu, T* dg) {
  if (relu) {
#pragma omp simd
    for (int64_t k = 0; k < H; ++k) dg[k] = h[k] > T(0) ? dh[k] : T(0);
    return;
  }
#pragma omp simd
  for (int64_t k = 0; k < H; ++k) dg[k] = dh[k] * (T(1) - h[k] * h[k]);
}

NNLITE_ISA_ENTRY(lstm_gates);
NNLITE_ISA_ENTRY(lstm_gates_backward);
NNLITE_ISA_ENTRY(gru_gates);
NNLITE_ISA_ENTRY(gru_gates_backward);
NNLITE_ISA_ENTRY(rnn_gates);
NNLITE_ISA_ENTRY(rnn_gates_backward);

}  // namespace nnlite::cpu::NNLITE_ISA_NS
