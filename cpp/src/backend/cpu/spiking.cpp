// Leaky integrate-and-fire over time (backend::LifConfig has the rules): each
// neuron's T steps are sequential, neurons are independent, so threads split
// the neurons and every result is the same whatever the thread count.
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "backend/cpu/clones.h"
#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

using backend::LifConfig;
using backend::LifReset;
using backend::LifSurrogate;

namespace {

template <LifSurrogate s, typename T>
inline T surrogate_grad(T slope, T u) {
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

// Neurons are split into blocks of kNeuronBlock; a block walks its T steps in
// order with the neuron loop innermost, so each step reads and writes one
// contiguous run. The reset mode and surrogate are template arguments so the
// inner loops are branch-free selects the compiler can vectorise.
constexpr int64_t kNeuronBlock = 512;

// One step of a block: prev, x -> mem, spk (len neurons). The runs never
// overlap (restrict) and the reset is a select, not a branch: the spikes come
// in no predictable order, and the loop vectorises.
template <typename T, LifReset R>
NNLITE_CLONE_INLINE void forward_step(const T* __restrict prev, const T* __restrict xt, const T* __restrict bp,
                         const T* __restrict tp, T* __restrict mt, T* __restrict st, int64_t len) {
  for (int64_t j = 0; j < len; ++j) {
    const T b = clamp01(bp[j]), th = tp[j], m = prev[j];
    // Selects of T values (a bool converted to T keeps GCC from vectorising).
    T next;
    if constexpr (R == LifReset::Subtract)
      next = b * m + xt[j] - (m - th > T(0) ? th : T(0));
    else if constexpr (R == LifReset::Zero)
      next = b * (m - th > T(0) ? T(0) : m) + xt[j];
    else
      next = b * m + xt[j];
    mt[j] = next;
    st[j] = next - th > T(0) ? T(1) : T(0);
  }
}

// forward_step for the runtime reset mode, one copy per instruction set
// (non-template: GCC vectorises target_clones copies of plain functions).
template <typename T>
NNLITE_CLONE_INLINE void forward_step_any(LifReset r, const T* prev, const T* xt, const T* bp, const T* tp, T* mt,
                                          T* st, int64_t len) {
  if (r == LifReset::Subtract)
    forward_step<T, LifReset::Subtract>(prev, xt, bp, tp, mt, st, len);
  else if (r == LifReset::Zero)
    forward_step<T, LifReset::Zero>(prev, xt, bp, tp, mt, st, len);
  else
    forward_step<T, LifReset::None>(prev, xt, bp, tp, mt, st, len);
}
NNLITE_CLONES void forward_step_t(LifReset r, const float* prev, const float* xt, const float* bp, const float* tp,
                                  float* mt, float* st, int64_t len) {
  forward_step_any(r, prev, xt, bp, tp, mt, st, len);
}
NNLITE_CLONES void forward_step_t(LifReset r, const double* prev, const double* xt, const double* bp,
                                  const double* tp, double* mt, double* st, int64_t len) {
  forward_step_any(r, prev, xt, bp, tp, mt, st, len);
}

template <typename T, LifReset R>
void forward_block(const T* xp, const T* m0, const T* bp, const T* tp, T* sp, T* mp, int64_t steps, int64_t n,
                   int64_t lo, int64_t len) {
  for (int64_t t = 0; t < steps; ++t)
    forward_step_t(R, t > 0 ? mp + (t - 1) * n + lo : m0 + lo, xp + t * n + lo, bp + lo, tp + lo, mp + t * n + lo,
                   sp + t * n + lo, len);
}

template <typename T, LifReset R, LifSurrogate S>
void backward_block(const T* gs, const T* gm, const T* mp, const T* m0, const T* bp, const T* tp, T slope, T* gxp,
                    T* gm0, T* gb, T* gt, int64_t steps, int64_t n, int64_t lo, int64_t len) {
  // carry: dL/dmem[t] from the steps after t; then the running sums per neuron
  T carry[kNeuronBlock] = {}, grad_b[kNeuronBlock] = {}, grad_th[kNeuronBlock] = {};
  for (int64_t t = steps - 1; t >= 0; --t) {
    const int64_t k = t * n + lo;
    const T* prev = t > 0 ? mp + k - n : m0 + lo;
    for (int64_t j = 0; j < len; ++j) {
      const T b = clamp01(bp[lo + j]), th = tp[lo + j];
      const T d = surrogate_grad<S>(slope, mp[k + j] - th);
      const T g = gm[k + j] + gs[k + j] * d + carry[j];
      const bool reset = prev[j] - th > T(0);
      const T keep = (R == LifReset::Zero && reset) ? T(0) : T(1);
      gxp[k + j] = g;
      grad_b[j] += g * keep * prev[j];
      grad_th[j] -= gs[k + j] * d + ((R == LifReset::Subtract && reset) ? g : T(0));
      carry[j] = g * b * keep;
    }
  }
  for (int64_t j = 0; j < len; ++j) {
    const T b = bp[lo + j];
    gm0[lo + j] = carry[j];
    // clamp passes the gradient on [0, 1] (boundaries included), as torch's
    gb[lo + j] = (b >= T(0) && b <= T(1)) ? grad_b[j] : T(0);
    gt[lo + j] = grad_th[j];
  }
}

// Calls f(std::integral_constant<LifReset, R>{}) for the runtime mode.
template <typename F>
void with_reset(LifReset r, F&& f) {
  if (r == LifReset::Subtract) return f(std::integral_constant<LifReset, LifReset::Subtract>{});
  if (r == LifReset::Zero) return f(std::integral_constant<LifReset, LifReset::Zero>{});
  f(std::integral_constant<LifReset, LifReset::None>{});
}

template <typename F>
void with_surrogate(LifSurrogate s, F&& f) {
  using S = LifSurrogate;
  if (s == S::ATan) return f(std::integral_constant<S, S::ATan>{});
  if (s == S::FastSigmoid) return f(std::integral_constant<S, S::FastSigmoid>{});
  if (s == S::Sigmoid) return f(std::integral_constant<S, S::Sigmoid>{});
  f(std::integral_constant<S, S::StraightThrough>{});
}

void CpuBackend::lif_forward(const Tensor& x, const Tensor& mem0, const Tensor& beta, const Tensor& threshold,
                             const LifConfig& cfg, Tensor& spk, Tensor& mem) {
  const int64_t steps = x.shape()[0], n = mem0.numel(), blocks = (n + kNeuronBlock - 1) / kNeuronBlock;
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    with_reset(cfg.reset, [&](auto r) {
      const T *xp = x.data<T>(), *m0 = mem0.data<T>(), *bp = beta.data<T>(), *tp = threshold.data<T>();
      T *sp = spk.data<T>(), *mp = mem.data<T>();
#pragma omp parallel for schedule(static) num_threads(threads_for(n * steps))
      for (int64_t blk = 0; blk < blocks; ++blk)
        forward_block<T, decltype(r)::value>(xp, m0, bp, tp, sp, mp, steps, n, blk * kNeuronBlock,
                                             std::min(kNeuronBlock, n - blk * kNeuronBlock));
    });
  });
}

void CpuBackend::lif_backward(const Tensor& g_spk, const Tensor& g_mem, const Tensor& mem, const Tensor& mem0,
                              const Tensor& beta, const Tensor& threshold, const LifConfig& cfg, Tensor& gx,
                              Tensor& g_mem0, Tensor& g_beta, Tensor& g_threshold) {
  const int64_t steps = mem.shape()[0], n = mem0.numel(), blocks = (n + kNeuronBlock - 1) / kNeuronBlock;
  dispatch_float(mem.dtype(), [&](auto tag) {
    using T = decltype(tag);
    with_reset(cfg.reset, [&](auto r) {
      with_surrogate(cfg.surrogate, [&](auto s) {
        const T *gs = g_spk.data<T>(), *gm = g_mem.data<T>(), *mp = mem.data<T>(), *m0 = mem0.data<T>();
        const T *bp = beta.data<T>(), *tp = threshold.data<T>();
        T *gxp = gx.data<T>(), *gm0 = g_mem0.data<T>(), *gb = g_beta.data<T>(), *gt = g_threshold.data<T>();
#pragma omp parallel for schedule(static) num_threads(threads_for(n * steps))
        for (int64_t blk = 0; blk < blocks; ++blk)
          backward_block<T, decltype(r)::value, decltype(s)::value>(
              gs, gm, mp, m0, bp, tp, T(cfg.slope), gxp, gm0, gb, gt, steps, n, blk * kNeuronBlock,
              std::min(kNeuronBlock, n - blk * kNeuronBlock));
      });
    });
  });
}

}  // namespace nnlite::cpu
