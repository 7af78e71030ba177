// CPU kernels of leaky_sequence (ops/spiking.cpp): a layer of leaky
// integrate-and-fire neurons over all T time steps in one pass, and its
// backward through time with a surrogate spike derivative.
#pragma once
#include "nnlite/tensor.h"

namespace nnlite::cpu {

enum class LifReset { Subtract, Zero, None };
enum class LifSurrogate { ATan, FastSigmoid, Sigmoid, StraightThrough };

struct LifConfig {
  LifReset reset;
  LifSurrogate surrogate;
  double slope;  // atan's alpha, the sigmoids' slope; unused by straight-through
};

// All contiguous, one dtype; n neurons. x [T, n], mem0 [n], beta [n] (raw,
// clamped to [0, 1] here), threshold [n] -> spk [T, n], mem [T, n].
void lif_forward(const Tensor& x, const Tensor& mem0, const Tensor& beta, const Tensor& threshold,
                 const LifConfig& cfg, Tensor& spk, Tensor& mem);

// g_spk, g_mem [T, n] (gradients of the outputs), mem [T, n] (the forward's
// trace) -> gx [T, n], g_mem0, g_beta, g_threshold [n].
void lif_backward(const Tensor& g_spk, const Tensor& g_mem, const Tensor& mem, const Tensor& mem0,
                  const Tensor& beta, const Tensor& threshold, const LifConfig& cfg, Tensor& gx, Tensor& g_mem0,
                  Tensor& g_beta, Tensor& g_threshold);

}  // namespace nnlite::cpu
