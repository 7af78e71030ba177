// CPU kernel of rbm_cd_step (ops/rbm.cpp) besides the binary-operand
// products of backend/cpu/binary_gemm.h.
#pragma once
#include <cstdint>

#include "nnlite/tensor.h"

namespace nnlite::cpu {

// p and out contiguous, one floating dtype.
// out = 1 where u < p else 0, u uniform in [0, 1) from a hash of (key, element index):
// one generator draw (the key) per call, and no sequential state per element.
void rbm_bernoulli(const Tensor& p, uint64_t key, Tensor& out);

}  // namespace nnlite::cpu
