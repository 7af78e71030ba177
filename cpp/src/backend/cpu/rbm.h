// CPU kernels of rbm_cd_step (ops/rbm.cpp). Binary units make most products
// of an RBM's update sums of selected rows: a row of x with few nonzeros (a
// binarised image, ~13% of MNIST's pixels are on) costs only its nonzeros.
#pragma once
#include <cstdint>

#include "nnlite/tensor.h"

namespace nnlite::cpu {

// All contiguous, one floating dtype.
// out [R, N] = bias [N] + x [R, J] @ m [J, N], visiting only x's nonzeros.
void rbm_sparse_matmul(const Tensor& x, const Tensor& m, const Tensor& bias, Tensor& out);
// m [J, N] += x [R, J]^T @ p [R, N], visiting only x's nonzeros.
void rbm_sparse_update(const Tensor& x, const Tensor& p, Tensor& m);
// out = 1 where u < p else 0, u uniform in [0, 1) from a hash of (key, element index):
// one generator draw (the key) per call, and no sequential state per element.
void rbm_bernoulli(const Tensor& p, uint64_t key, Tensor& out);
// The fraction of x's elements that are nonzero.
double rbm_density(const Tensor& x);

}  // namespace nnlite::cpu
