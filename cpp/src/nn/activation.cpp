// Activation modules: each forward is one op.
#include "nnlite/nn/activation.h"

#include "nnlite/ops.h"
#include "pyformat.h"

namespace nnlite::nn {

Tensor ReLU::forward(const Tensor& input) { return relu(input); }

Tensor LeakyReLU::forward(const Tensor& input) { return leaky_relu(input, negative_slope); }
std::string LeakyReLU::extra_repr() const { return "negative_slope=" + detail::py_float(negative_slope); }

GELU::GELU(const std::string& approx) : Module("GELU"), approximate(approx) {
  NNLITE_CHECK(approximate == "none" || approximate == "tanh", Value,
               "GELU: approximate must be 'none' or 'tanh' but got ", detail::py_str(approximate));
}
Tensor GELU::forward(const Tensor& input) { return gelu(input, approximate == "tanh"); }
std::string GELU::extra_repr() const { return "approximate=" + detail::py_str(approximate); }

Tensor ELU::forward(const Tensor& input) { return elu(input, alpha); }
std::string ELU::extra_repr() const { return "alpha=" + detail::py_float(alpha); }

Tensor Softplus::forward(const Tensor& input) { return softplus(input, beta, threshold); }
std::string Softplus::extra_repr() const {
  return "beta=" + detail::py_float(beta) + ", threshold=" + detail::py_float(threshold);
}

Tensor Sigmoid::forward(const Tensor& input) { return sigmoid(input); }

Tensor Tanh::forward(const Tensor& input) { return tanh(input); }

Tensor Softmax::forward(const Tensor& input) { return softmax(input, dim); }
std::string Softmax::extra_repr() const { return "dim=" + std::to_string(dim); }

Tensor LogSoftmax::forward(const Tensor& input) { return log_softmax(input, dim); }
std::string LogSoftmax::extra_repr() const { return "dim=" + std::to_string(dim); }

}  // namespace nnlite::nn
