// The lookup behind doc_of: one table, filled once from the per-family files.
#include "docstrings.h"

#include <unordered_map>

namespace nnlite::py_bind {

namespace {

std::unordered_map<std::string, std::string>& table() {
  static std::unordered_map<std::string, std::string> t;
  return t;
}

void add(const std::string& name, std::string doc) { table()[name] = std::move(doc); }

}  // namespace

const char* doc_of(const std::string& name) {
  static const bool filled = [] {
    add_op_docs(&add);
    add_creation_docs(&add);
    add_tensor_docs(&add);
    add_method_docs(&add);
    add_index_docs(&add);
    add_random_docs(&add);
    return true;
  }();
  (void)filled;
  auto it = table().find(name);
  return it == table().end() ? "" : it->second.c_str();
}

}  // namespace nnlite::py_bind
