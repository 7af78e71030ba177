// Linear: holds weight and bias, calls the linear op.
#include "nnlite/nn/linear.h"

#include "nnlite/nn/init.h"
#include "nnlite/ops.h"
#include "pyformat.h"

namespace nnlite::nn {

Linear::Linear(int64_t in_features_, int64_t out_features_, bool with_bias, DType dtype)
    : Module("Linear"), in_features(in_features_), out_features(out_features_) {
  NNLITE_CHECK(in_features >= 0, Value, "Linear: in_features must be a non-negative integer but got ", in_features);
  NNLITE_CHECK(out_features >= 0, Value, "Linear: out_features must be a non-negative integer but got ",
               out_features);
  weight = register_parameter("weight", empty({out_features, in_features}, dtype));
  if (with_bias) bias = register_parameter("bias", empty({out_features}, dtype));
  reset_parameters();
}

void Linear::reset_parameters() { init::reset_linear_(weight, bias); }

Tensor Linear::forward(const Tensor& input) { return linear(input, weight, bias); }

std::string Linear::extra_repr() const {
  return "in_features=" + std::to_string(in_features) + ", out_features=" + std::to_string(out_features) +
         ", bias=" + detail::py_bool(bias.defined());
}

}  // namespace nnlite::nn
