// batch_norm_module followed by a residual add and ReLU as one op, for the
// models' conv -> batch norm (-> + residual) (-> ReLU) chains in training
// (python/nnlite/nn/_fusion.py): the add and ReLU run on each row of the
// normalized output while it is in cache, and the backward takes ReLU's mask
// from the output, so the intermediate tensors and their passes are gone.
// One autograd node; an export records the three ops it stands for.
#pragma once
#include <optional>
#include <string>

#include "nnlite/ops.h"

namespace nnlite {

// relu?(batch_norm_module(x, ...) + residual?): residual undefined or of x's
// shape, dtype and device.
Tensor batch_norm_module_fused(const Tensor& x, Tensor running_mean, Tensor running_var, Tensor num_batches_tracked,
                               const Tensor& weight, const Tensor& bias, bool training, bool track_running_stats,
                               std::optional<double> momentum, double eps, const std::string& module,
                               const Tensor& residual, bool relu);

}  // namespace nnlite
