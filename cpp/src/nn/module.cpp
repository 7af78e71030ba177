// nn::Module: registration, traversal, state dicts, modes and repr. The
// rules (name checks, duplicate removal, the load_state_dict messages) are
// those of python/nnlite/nn/module.py.
#include <algorithm>
#include <sstream>

#include "nnlite/autograd.h"
#include "nnlite/nn/module.h"
#include "nnlite/ops.h"
#include "nn/zero_grad.h"

namespace nnlite::nn {
namespace {

void check_name(const char* kind, const std::string& name) {
  NNLITE_CHECK(!name.empty(), Value, kind, " name cannot be the empty string");
  NNLITE_CHECK(name.find('.') == std::string::npos, Value, kind, " name cannot contain \".\", got: ", name);
}

template <typename T>
void erase_name(std::vector<std::pair<std::string, T>>& entries, const std::string& name) {
  entries.erase(std::remove_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == name; }),
                entries.end());
}

std::string join(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

// Every line but the first indented by two spaces (nested reprs).
std::string indent(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += "  ";
  }
  return out;
}

}  // namespace

Module::Module(std::string type_name) : type_name_(std::move(type_name)) {}
Module::~Module() = default;

Tensor Module::forward(const Tensor&) {
  NNLITE_FAIL(NotImplemented, "Module [", type_name_, "] is missing the required \"forward\" function");
}

void Module::forget(const std::string& name) {
  erase_name(parameters_, name);
  erase_name(buffers_, name);
  erase_name(children_, name);
  non_persistent_.erase(name);
}

Tensor Module::register_parameter(const std::string& name, const Tensor& value, bool requires_grad) {
  check_name("parameter", name);
  NNLITE_CHECK(value.defined(), Value, "register_parameter: parameter '", name,
               "' is an undefined Tensor; leave an optional parameter unregistered instead");
  // A parameter is a leaf sharing the caller's storage, like nn.Parameter(data).
  Tensor p = value.detach();
  p.requires_grad_(requires_grad);
  forget(name);
  parameters_.emplace_back(name, p);
  return p;
}

Tensor Module::register_buffer(const std::string& name, const Tensor& value, bool persistent) {
  check_name("buffer", name);
  NNLITE_CHECK(value.defined(), Value, "register_buffer: buffer '", name,
               "' is an undefined Tensor; leave an optional buffer unregistered instead");
  forget(name);
  buffers_.emplace_back(name, value);
  if (!persistent) non_persistent_.insert(name);
  return value;
}

void Module::add_module(const std::string& name, std::shared_ptr<Module> module) {
  check_name("module", name);
  NNLITE_CHECK(module != nullptr, Value, "add_module: module '", name, "' is null");
  NNLITE_CHECK(module.get() != this, Value, "add_module: a module cannot be its own child ('", name, "')");
  forget(name);
  children_.emplace_back(name, std::move(module));
}

// ---- traversal ----------------------------------------------------------

void Module::walk(const std::string& prefix, std::vector<std::pair<std::string, const Module*>>& out,
                  std::set<const Module*>& seen, bool unique) const {
  if (unique) {
    if (!seen.insert(this).second) return;  // a module shared twice is listed once
  } else {
    NNLITE_CHECK(seen.insert(this).second, Value, "state_dict: the module tree has a cycle through '", prefix,
                 "' (", type_name_, ")");
  }
  out.emplace_back(prefix, this);
  for (const auto& [name, child] : children_) child->walk(join(prefix, name), out, seen, unique);
  if (!unique) seen.erase(this);  // only ancestors count: a shared module may appear again elsewhere
}

std::vector<std::pair<std::string, Tensor>> Module::named_members(bool params, bool recurse) const {
  std::vector<std::pair<std::string, const Module*>> modules;
  if (recurse) {
    std::set<const Module*> seen;
    walk("", modules, seen);
  } else {
    modules.emplace_back("", this);
  }
  std::vector<std::pair<std::string, Tensor>> out;
  std::set<const TensorImpl*> seen;  // tied weights appear once, under their first name
  for (const auto& [prefix, m] : modules)
    for (const auto& [name, t] : params ? m->parameters_ : m->buffers_)
      if (seen.insert(t.impl()).second) out.emplace_back(join(prefix, name), t);
  return out;
}

std::vector<std::pair<std::string, Tensor>> Module::named_parameters(bool recurse) const {
  return named_members(true, recurse);
}

TensorList Module::parameters(bool recurse) const {
  TensorList out;
  for (auto& entry : named_members(true, recurse)) out.push_back(entry.second);
  return out;
}

std::vector<std::pair<std::string, Tensor>> Module::named_buffers(bool recurse) const {
  return named_members(false, recurse);
}

TensorList Module::buffers(bool recurse) const {
  TensorList out;
  for (auto& entry : named_members(false, recurse)) out.push_back(entry.second);
  return out;
}

std::vector<std::pair<std::string, std::shared_ptr<Module>>> Module::named_children() const {
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> out;
  std::set<const Module*> seen;
  for (const auto& entry : children_)
    if (seen.insert(entry.second.get()).second) out.push_back(entry);
  return out;
}

std::vector<std::shared_ptr<Module>> Module::children() const {
  std::vector<std::shared_ptr<Module>> out;
  for (auto& entry : named_children()) out.push_back(entry.second);
  return out;
}

std::vector<std::pair<std::string, Module*>> Module::named_modules() {
  std::vector<std::pair<std::string, const Module*>> found;
  std::set<const Module*> seen;
  walk("", found, seen);
  std::vector<std::pair<std::string, Module*>> out;
  // The tree is reachable from a non-const `this`, so handing out mutable
  // pointers is what the caller could do anyway.
  for (auto& [name, m] : found) out.emplace_back(name, const_cast<Module*>(m));
  return out;
}

std::shared_ptr<Module> Module::get_submodule(const std::string& target) const {
  NNLITE_CHECK(!target.empty(), Value, "get_submodule: the target is empty (this module itself is not shared)");
  const Module* m = this;
  std::shared_ptr<Module> found;
  std::stringstream parts(target);
  std::string part;
  while (std::getline(parts, part, '.')) {
    auto it = std::find_if(m->children_.begin(), m->children_.end(), [&](const auto& e) { return e.first == part; });
    NNLITE_CHECK(it != m->children_.end(), Index, m->type_name_, " has no submodule '", part, "' (looking up '",
                 target, "')");
    found = it->second;
    m = found.get();
  }
  return found;
}

// ---- state --------------------------------------------------------------

// Parameters and persistent buffers under every name that reaches them: a
// submodule registered twice appears twice, as in Python's and PyTorch's state dicts.
std::vector<std::pair<std::string, Tensor>> Module::state_entries() const {
  std::vector<std::pair<std::string, const Module*>> modules;
  std::set<const Module*> ancestors;
  walk("", modules, ancestors, /*unique=*/false);
  std::vector<std::pair<std::string, Tensor>> out;
  for (const auto& [prefix, m] : modules) {
    for (const auto& [name, p] : m->parameters_) out.emplace_back(join(prefix, name), p);
    for (const auto& [name, b] : m->buffers_)
      if (!m->non_persistent_.count(name)) out.emplace_back(join(prefix, name), b);
  }
  return out;
}

std::map<std::string, Tensor> Module::state_dict() const {
  std::map<std::string, Tensor> out;
  for (const auto& [key, t] : state_entries()) out.emplace(key, t.detach());
  return out;
}

LoadResult Module::load_state_dict(const std::map<std::string, Tensor>& state, bool strict) {
  // The tensors state_dict() would save, in module order (the order of Python's messages).
  std::vector<std::pair<std::string, Tensor>> expected = state_entries();
  LoadResult result;
  std::set<std::string> known;
  std::vector<std::string> problems;
  for (const auto& [key, target] : expected) {
    known.insert(key);
    auto it = state.find(key);
    if (it == state.end()) {
      result.missing_keys.push_back(key);
      continue;
    }
    NNLITE_CHECK(it->second.defined(), Type, "load_state_dict: value for '", key,
                 "' must be an nnlite.Tensor but got an undefined Tensor");
    if (it->second.shape() != target.shape())
      problems.push_back("size mismatch for " + key + ": copying a param with shape " + shape_str(it->second.shape()) +
                         " from checkpoint, the shape in current model is " + shape_str(target.shape()) + ".");
  }
  for (const auto& entry : state)
    if (!known.count(entry.first)) result.unexpected_keys.push_back(entry.first);
  auto quoted = [](const std::vector<std::string>& keys) {
    std::string s;
    for (size_t i = 0; i < keys.size(); ++i) s += (i ? ", \"" : "\"") + keys[i] + "\"";
    return s;
  };
  if (strict) {
    if (!result.unexpected_keys.empty())
      problems.insert(problems.begin(), "Unexpected key(s) in state_dict: " + quoted(result.unexpected_keys) + ".");
    if (!result.missing_keys.empty())
      problems.insert(problems.begin(), "Missing key(s) in state_dict: " + quoted(result.missing_keys) + ".");
  }
  if (!problems.empty()) {
    std::string msg = "Error(s) in loading state_dict for " + type_name_ + ":";
    for (const auto& p : problems) msg += "\n\t" + p;
    throw Error(ErrorKind::Value, msg);
  }
  NoGradGuard no_grad;
  for (auto& [key, target] : expected) {
    auto it = state.find(key);
    if (it != state.end()) copy_(target, it->second);
  }
  return result;
}

// ---- modes and gradients ------------------------------------------------

Module& Module::train(bool on) {
  for (auto& entry : named_modules()) entry.second->training_ = on;
  return *this;
}

Module& Module::requires_grad_(bool on) {
  for (auto& p : parameters()) p.requires_grad_(on);
  return *this;
}

namespace {
// Each parameter and buffer of `m` and its descendants, and their gradients,
// replaced in place by convert(tensor) where `applies`.
template <typename Applies, typename Convert>
void convert_tensors(Module& m, Applies&& applies, Convert&& convert) {
  auto in_place = [&](const Tensor& t) {
    if (t.defined() && applies(t)) t.set_data(convert(t.detach()));
  };
  for (Tensor& t : m.parameters()) {
    in_place(t);
    in_place(t.grad());
  }
  for (Tensor& t : m.buffers()) in_place(t);
}
}  // namespace

Module& Module::to(Device device, bool non_blocking) {
  convert_tensors(*this, [&](const Tensor& t) { return t.device() != device; },
                  [&](const Tensor& t) { return t.to(device, non_blocking); });
  return *this;
}

Module& Module::to(DType dtype) {
  NNLITE_CHECK(is_floating(dtype), Type, "Module.to: expected a floating-point dtype, got ", dtype_name(dtype));
  convert_tensors(*this, [&](const Tensor& t) { return is_floating(t.dtype()) && t.dtype() != dtype; },
                  [&](const Tensor& t) { return t.to(dtype); });
  return *this;
}

void Module::zero_grad(bool set_to_none) { nnlite::detail::zero_grads(parameters(), set_to_none); }

// ---- printing -----------------------------------------------------------

std::string Module::repr() const {
  const std::string extra = extra_repr();
  std::vector<std::string> lines;
  if (!extra.empty()) {
    std::stringstream ss(extra);
    for (std::string line; std::getline(ss, line);) lines.push_back(line);
  }
  const size_t extra_lines = lines.size();
  for (const auto& [name, child] : children_) lines.push_back("(" + name + "): " + indent(child->repr()));
  std::string body;
  if (extra_lines == 1 && children_.empty()) {
    body = lines[0];
  } else if (!lines.empty()) {
    body = "\n";
    for (const auto& line : lines) body += "  " + line + "\n";
  }
  return type_name_ + "(" + body + ")";
}

std::ostream& operator<<(std::ostream& os, const Module& m) { return os << m.repr(); }

}  // namespace nnlite::nn
