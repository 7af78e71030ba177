// The single list of differentiable ops. The Python tests check that each one
// has a forward and backward test against PyTorch; add the name here when
// you add an op.
#include "nnlite/ops.h"

namespace nnlite {

const std::vector<std::string>& op_names() {
  static const std::vector<std::string> names = {
      // elementwise
      "neg", "abs", "exp", "log", "sqrt", "rsqrt", "sin", "cos", "erf", "tanh", "sigmoid", "relu", "leaky_relu",
      "gelu", "elu", "softplus", "clamp", "add", "sub", "mul", "div", "pow", "maximum", "minimum", "where",
      // reductions
      "sum", "mean", "var", "std", "prod", "amax", "amin", "max", "min", "logsumexp",
      // linear algebra and layers
      "matmul", "linear", "softmax", "log_softmax", "dropout",
      // convolution, pooling, normalization, resampling
      "conv2d", "conv_transpose2d", "max_pool2d", "max_pool2d_with_indices", "avg_pool2d", "adaptive_avg_pool2d",
      "batch_norm", "layer_norm", "group_norm", "dropout2d", "upsample_nearest2d", "pad",
      // losses
      "mse_loss", "l1_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits", "nll_loss",
      "cross_entropy",
      // shape
      "view", "reshape", "permute", "transpose", "expand", "squeeze", "unsqueeze", "flatten", "slice", "select",
      "cat", "stack", "split", "chunk",
      // indexing
      "gather", "scatter", "scatter_add", "index_select", "index", "index_put", "masked_fill",
  };
  return names;
}

}  // namespace nnlite
