// Dropout and Dropout2d: the probability check of python/nnlite/nn/dropout.py, then the ops.
#include "nnlite/nn/dropout.h"

#include "nnlite/ops.h"
#include "pyformat.h"

namespace nnlite::nn {

Dropout::Dropout(const char* type_name, double probability) : Module(type_name), p(probability) {
  NNLITE_CHECK(p >= 0 && p <= 1, Value, "Dropout: probability has to be between 0 and 1, but got ",
               detail::py_float(p));
}

Tensor Dropout::forward(const Tensor& input) { return dropout(input, p, training_); }

std::string Dropout::extra_repr() const { return "p=" + detail::py_float(p) + ", inplace=False"; }

Tensor Dropout2d::forward(const Tensor& input) { return dropout2d(input, p, training_); }

}  // namespace nnlite::nn
