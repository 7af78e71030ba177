// An eval-mode batch norm folded into the layer before it (conv2d or linear),
// shared by load_graph's optimiser (exported/optimize.cpp) and the eager eval
// fusion of nnlite.nn (python/nnlite/nn/_fusion.py):
//   scale = gamma / sqrt(var + eps);  w'[k] = w[k] * scale[k];  b' = (b - mean) * scale + beta
// computed in float64 with the ops (any device), returned in w's dtype.
#pragma once
#include <utility>

#include "nnlite/tensor.h"

namespace nnlite {

// w [K, ...], b [K]?, mean [K], var [K], gamma [K]?, beta [K]? (undefined = absent)
// -> (w' shaped as w, b' [K]). Raises ValueError naming fold_batch_norm when
// the operands do not fit; no autograd record (inference only).
std::pair<Tensor, Tensor> fold_batch_norm(const Tensor& w, const Tensor& b, const Tensor& mean, const Tensor& var,
                                          const Tensor& gamma, const Tensor& beta, double eps);

}  // namespace nnlite
