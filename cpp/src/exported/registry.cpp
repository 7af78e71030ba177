// The op registry, filled once on first use by the family files.
#include "exported/registry.h"

#include <utility>

#include "nnlite/error.h"

namespace nnlite::exported {

void OpRegistry::add(const std::string& name, OpSpec spec) {
  NNLITE_CHECK(!ops_.count(name), Runtime, "graph op registry: op '", name, "' registered twice");
  ops_.emplace(name, std::move(spec));
}

const OpSpec* OpRegistry::find(const std::string& name) const {
  auto it = ops_.find(name);
  return it == ops_.end() ? nullptr : &it->second;
}

std::vector<std::string> OpRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& kv : ops_) out.push_back(kv.first);
  return out;
}

const OpRegistry& op_registry() {
  // Built on first use (thread-safe static initialisation), never modified after.
  static const OpRegistry registry = [] {
    OpRegistry r;
    register_layer_ops(r);
    register_math_ops(r);
    register_shape_ops(r);
    return r;
  }();
  return registry;
}

OpSpec unary_spec(std::function<Kernel(Attrs&)> prepare) {
  OpSpec s;
  s.prepare = std::move(prepare);
  return s;
}

}  // namespace nnlite::exported
