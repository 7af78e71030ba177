// Leaky integrate-and-fire over time, one neuron per loop iteration: each
// neuron's T steps are sequential, neurons are independent, so threads split
// the neurons and every result is the same whatever the thread count.
//
// Per neuron, with b = clamp(beta, 0, 1) and the reset r[t] = H(mem[t-1] - th)
// held constant (detached), as snnTorch:
//   subtract: mem[t] = b mem[t-1] + x[t] - r[t] th
//   zero:     mem[t] = b (1 - r[t]) mem[t-1] + x[t]
//   none:     mem[t] = b mem[t-1] + x[t]
//   spk[t] = H(mem[t] - th), with d spk / d mem = surrogate'(mem[t] - th)
#include "backend/cpu/spiking.h"

#include <cmath>

#include "backend/cpu/loops.h"

namespace nnlite::cpu {

namespace {

template <typename T>
inline T surrogate_grad(LifSurrogate s, T slope, T u) {
  switch (s) {
    case LifSurrogate::ATan: {
      const T z = T(M_PI / 2) * slope * u;
      return slope / T(2) / (T(1) + z * z);
    }
    case LifSurrogate::FastSigmoid: {
      const T d = slope * std::abs(u) + T(1);
      return T(1) / (d * d);
    }
    case LifSurrogate::Sigmoid: {
      const T e = std::exp(-slope * u);
      return slope * e / ((e + T(1)) * (e + T(1)));
    }
    case LifSurrogate::StraightThrough:
      return T(1);
  }
  return T(0);
}

template <typename T>
inline T clamp01(T b) { return b < T(0) ? T(0) : (b > T(1) ? T(1) : b); }

}  // namespace

void lif_forward(const Tensor& x, const Tensor& mem0, const Tensor& beta, const Tensor& threshold,
                 const LifConfig& cfg, Tensor& spk, Tensor& mem) {
  const int64_t steps = x.shape()[0], n = mem0.numel();
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T *xp = x.data<T>(), *m0 = mem0.data<T>(), *bp = beta.data<T>(), *tp = threshold.data<T>();
    T *sp = spk.data<T>(), *mp = mem.data<T>();
#pragma omp parallel for schedule(static) num_threads(threads_for(n * steps))
    for (int64_t i = 0; i < n; ++i) {
      const T b = clamp01(bp[i]), th = tp[i];
      T m = m0[i];
      for (int64_t t = 0; t < steps; ++t) {
        const int64_t k = t * n + i;
        const bool reset = m - th > T(0);
        if (cfg.reset == LifReset::Subtract)
          m = b * m + xp[k] - (reset ? th : T(0));
        else if (cfg.reset == LifReset::Zero)
          m = b * (reset ? T(0) : m) + xp[k];
        else
          m = b * m + xp[k];
        mp[k] = m;
        sp[k] = m - th > T(0) ? T(1) : T(0);
      }
    }
  });
}

void lif_backward(const Tensor& g_spk, const Tensor& g_mem, const Tensor& mem, const Tensor& mem0,
                  const Tensor& beta, const Tensor& threshold, const LifConfig& cfg, Tensor& gx, Tensor& g_mem0,
                  Tensor& g_beta, Tensor& g_threshold) {
  const int64_t steps = mem.shape()[0], n = mem0.numel();
  dispatch_float(mem.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T *gs = g_spk.data<T>(), *gm = g_mem.data<T>(), *mp = mem.data<T>(), *m0 = mem0.data<T>();
    const T *bp = beta.data<T>(), *tp = threshold.data<T>();
    T *gxp = gx.data<T>(), *gm0 = g_mem0.data<T>(), *gb = g_beta.data<T>(), *gt = g_threshold.data<T>();
    const T slope = T(cfg.slope);
#pragma omp parallel for schedule(static) num_threads(threads_for(n * steps))
    for (int64_t i = 0; i < n; ++i) {
      const T b = clamp01(bp[i]), th = tp[i];
      T carry = 0, grad_b = 0, grad_th = 0;  // carry: dL/dmem[t] from steps after t
      for (int64_t t = steps - 1; t >= 0; --t) {
        const int64_t k = t * n + i;
        const T prev = t > 0 ? mp[k - n] : m0[i];
        const T d = surrogate_grad(cfg.surrogate, slope, mp[k] - th);
        const T g = gm[k] + gs[k] * d + carry;
        grad_th -= gs[k] * d;
        const bool reset = prev - th > T(0);
        const T keep = (cfg.reset == LifReset::Zero && reset) ? T(0) : T(1);
        gxp[k] = g;
        grad_b += g * keep * prev;
        if (cfg.reset == LifReset::Subtract && reset) grad_th -= g;
        carry = g * b * keep;
      }
      gm0[i] = carry;
      // clamp passes the gradient on [0, 1] (boundaries included), as torch's
      gb[i] = (bp[i] >= T(0) && bp[i] <= T(1)) ? grad_b : T(0);
      gt[i] = grad_th;
    }
  });
}

}  // namespace nnlite::cpu
