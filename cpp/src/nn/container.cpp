// Sequential and ModuleList: indexing and Sequential's forward.
#include "nnlite/nn/container.h"

namespace nnlite::nn {

std::shared_ptr<Module> ModuleHolder::operator[](int64_t index) const {
  const auto& children = child_entries();
  const int64_t n = static_cast<int64_t>(children.size());
  NNLITE_CHECK(index >= -n && index < n, Index, type_name(), ": index ", index, " is out of range for length ", n);
  return children[static_cast<size_t>(index < 0 ? index + n : index)].second;
}

void ModuleHolder::wrong_type(int64_t index, const std::string& actual) const {
  NNLITE_FAIL(Type, type_name(), ": module ", index, " is a ", actual, ", not the type asked for");
}

Tensor Sequential::forward(const Tensor& input) {
  Tensor x = input;
  for (const auto& entry : child_entries()) x = entry.second->forward(x);
  return x;
}

}  // namespace nnlite::nn
