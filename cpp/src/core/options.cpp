#include "nnlite/options.h"

namespace nnlite {

std::string TensorOptions::str() const {
  std::string s = "TensorOptions(dtype=";
  s += dtype_ ? dtype_name(*dtype_) : "(default)";
  s += ", device=";
  s += device_ ? device_->str() : "(default)";
  s += requires_grad_ ? ", requires_grad=true)" : ", requires_grad=false)";
  return s;
}

std::ostream& operator<<(std::ostream& os, const TensorOptions& o) { return os << o.str(); }

}  // namespace nnlite
