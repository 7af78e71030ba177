// The per-neuron math of the CUDA leaky integrate-and-fire kernels
// (spiking.cu), shared with the host-side tests. One thread runs one neuron's
// T steps in order (they are sequential); neighbouring threads take
// neighbouring neurons, so each step's reads and writes are coalesced. The
// rules are backend::LifConfig's; the CPU backend's cpu/spiking.cpp computes
// the same expressions in the same order, vectorised across neurons.
#pragma once
#include <cmath>
#include <cstdint>

#include "backend/backend.h"
#include "backend/cuda/host_device.h"

namespace nnlite::cuda_impl {

template <typename T>
NNLITE_HD inline T lif_clamp01(T b) { return b < T(0) ? T(0) : (b > T(1) ? T(1) : b); }

// d spk / d mem at u = mem - threshold.
template <typename T>
NNLITE_HD inline T lif_surrogate_grad(backend::LifSurrogate s, T slope, T u) {
  switch (s) {
    case backend::LifSurrogate::ATan: {
      const T z = T(M_PI / 2) * slope * u;
      return slope / T(2) / (T(1) + z * z);
    }
    case backend::LifSurrogate::FastSigmoid: {
      const T d = slope * (u < T(0) ? -u : u) + T(1);
      return T(1) / (d * d);
    }
    case backend::LifSurrogate::Sigmoid: {
      const T e = hd_exp(-slope * u);
      return slope * e / ((e + T(1)) * (e + T(1)));
    }
    case backend::LifSurrogate::StraightThrough:
      break;
  }
  return T(1);
}

// Neuron j of n: x, spk, mem [T, n] (contiguous), mem0, beta, threshold [n].
template <typename T>
NNLITE_HD void lif_forward_neuron(backend::LifReset reset, const T* x, const T* mem0, const T* beta,
                                  const T* threshold, T* spk, T* mem, int64_t steps, int64_t n, int64_t j) {
  const T b = lif_clamp01(beta[j]), th = threshold[j];
  T m = mem0[j];
  for (int64_t t = 0, k = j; t < steps; ++t, k += n) {
    T next;
    if (reset == backend::LifReset::Subtract)
      next = b * m + x[k] - (m - th > T(0) ? th : T(0));
    else if (reset == backend::LifReset::Zero)
      next = b * (m - th > T(0) ? T(0) : m) + x[k];
    else
      next = b * m + x[k];
    mem[k] = next;
    spk[k] = next - th > T(0) ? T(1) : T(0);
    m = next;
  }
}

// Neuron j of n, back through time: g_spk, g_mem, mem [T, n] -> gx [T, n],
// g_mem0, g_beta, g_threshold [n]. `carry` is dL/dmem[t] from the steps after t.
template <typename T>
NNLITE_HD void lif_backward_neuron(const backend::LifConfig& cfg, const T* g_spk, const T* g_mem, const T* mem,
                                   const T* mem0, const T* beta, const T* threshold, T* gx, T* g_mem0, T* g_beta,
                                   T* g_threshold, int64_t steps, int64_t n, int64_t j) {
  const T b = lif_clamp01(beta[j]), th = threshold[j], slope = T(cfg.slope);
  T carry = T(0), grad_b = T(0), grad_th = T(0);
  for (int64_t t = steps - 1; t >= 0; --t) {
    const int64_t k = t * n + j;
    const T prev = t > 0 ? mem[k - n] : mem0[j];
    const T d = lif_surrogate_grad(cfg.surrogate, slope, mem[k] - th);
    const T g = g_mem[k] + g_spk[k] * d + carry;
    const bool fired = prev - th > T(0);
    const T keep = (cfg.reset == backend::LifReset::Zero && fired) ? T(0) : T(1);
    gx[k] = g;
    grad_b += g * keep * prev;
    grad_th -= g_spk[k] * d + ((cfg.reset == backend::LifReset::Subtract && fired) ? g : T(0));
    carry = g * b * keep;
  }
  g_mem0[j] = carry;
  // clamp passes the gradient on [0, 1] (boundaries included), as torch's
  g_beta[j] = (beta[j] >= T(0) && beta[j] <= T(1)) ? grad_b : T(0);
  g_threshold[j] = grad_th;
}

}  // namespace nnlite::cuda_impl
