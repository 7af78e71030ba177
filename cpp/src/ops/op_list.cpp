// The differentiable ops: the schema entries (ops/schema.h) that say so.
// Nothing to edit here when an op is added; its schema entry is enough.
#include "nnlite/ops.h"
#include "ops/schema.h"

namespace nnlite {

const std::vector<std::string>& op_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, s] : schema::registry().all())
      if (s.is_differentiable()) out.push_back(name);
    return out;
  }();
  return names;
}

}  // namespace nnlite
