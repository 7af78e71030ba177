// nn::Module: the base class of every layer, a tree of named parameters,
// buffers and submodules, like torch.nn.Module and nnlite.nn.Module. The
// names it gives ("0.weight", "bn.running_mean", ...) are Python's, so state
// dicts move between the two APIs unchanged.
//
// Tensors are handles: a layer keeps its parameters in members (`weight`) and
// in the registry at once, both pointing at the same tensor. load_state_dict
// copies values into those tensors in place, so the handles stay valid.
// Modules are move-only; share one between containers with std::shared_ptr.
#pragma once
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "nnlite/tensor.h"

namespace nnlite::nn {

// What load_state_dict(strict = false) skipped.
struct LoadResult {
  std::vector<std::string> missing_keys;
  std::vector<std::string> unexpected_keys;
};

class Module {
 public:
  // `type_name` is the class name that errors and repr() show ("Linear").
  explicit Module(std::string type_name = "Module");
  virtual ~Module();
  Module(Module&&) = default;
  Module& operator=(Module&&) = default;
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  const std::string& type_name() const { return type_name_; }

  // Layers with one input override forward; losses take (input, target).
  virtual Tensor forward(const Tensor& input);
  Tensor operator()(const Tensor& input) { return forward(input); }

  // ---- registration ----------------------------------------------------
  // Registering a name again replaces the old entry (and moves it last), as
  // attribute assignment does in Python. Names may not be empty or hold ".".
  // A parameter is a leaf: `value` is detached and marked requires_grad.
  Tensor register_parameter(const std::string& name, const Tensor& value, bool requires_grad = true);
  Tensor register_buffer(const std::string& name, const Tensor& value, bool persistent = true);
  template <typename M>
  std::shared_ptr<M> register_module(const std::string& name, std::shared_ptr<M> module) {
    add_module(name, module);
    return module;
  }
  void add_module(const std::string& name, std::shared_ptr<Module> module);

  // ---- traversal (registration order, each tensor and module once) ------
  TensorList parameters(bool recurse = true) const;
  std::vector<std::pair<std::string, Tensor>> named_parameters(bool recurse = true) const;
  TensorList buffers(bool recurse = true) const;
  std::vector<std::pair<std::string, Tensor>> named_buffers(bool recurse = true) const;
  std::vector<std::shared_ptr<Module>> children() const;
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> named_children() const;
  // This module (named "") and every descendant, depth first.
  std::vector<std::pair<std::string, Module*>> named_modules();
  // "a.b" -> the submodule; Index error naming the missing part.
  std::shared_ptr<Module> get_submodule(const std::string& target) const;

  // ---- state -----------------------------------------------------------
  // Parameters and persistent buffers by dotted name (no history attached).
  std::map<std::string, Tensor> state_dict() const;
  // Copies values in place. strict: every key must match; shapes must always
  // match. Nothing is copied unless the whole load succeeds. Errors carry
  // Python's message ("Error(s) in loading state_dict for ...").
  LoadResult load_state_dict(const std::map<std::string, Tensor>& state, bool strict = true);

  // ---- modes and gradients ---------------------------------------------
  Module& train(bool on = true);  // this module and all descendants
  Module& eval() { return train(false); }
  bool is_training() const { return training_; }
  Module& requires_grad_(bool on = true);
  void zero_grad(bool set_to_none = true);

  // ---- device and dtype (module->to(kCUDA), as libtorch) ----------------
  // Every parameter, buffer and gradient moves in place (set_data): the
  // members, the registry and an optimizer built before keep their handles.
  // to(dtype) converts the floating-point ones only.
  Module& to(Device device, bool non_blocking = false);
  Module& to(DType dtype);

  // ---- printing --------------------------------------------------------
  virtual std::string extra_repr() const { return ""; }
  std::string repr() const;  // like Python's repr(module)

 protected:
  // Every child entry, duplicates included (what Sequential runs in order).
  const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& child_entries() const { return children_; }

  bool training_ = true;

 private:
  void forget(const std::string& name);
  // Depth-first list of this module and its descendants with their prefixes.
  // unique: each module once (traversal); otherwise once per name that
  // reaches it (state dicts, as in PyTorch). `seen` holds the visited modules,
  // or the ancestors when not unique (a cycle raises).
  void walk(const std::string& prefix, std::vector<std::pair<std::string, const Module*>>& out,
            std::set<const Module*>& seen, bool unique = true) const;
  std::vector<std::pair<std::string, Tensor>> state_entries() const;
  std::vector<std::pair<std::string, Tensor>> named_members(bool params, bool recurse) const;

  std::string type_name_;
  std::vector<std::pair<std::string, Tensor>> parameters_;
  std::vector<std::pair<std::string, Tensor>> buffers_;
  std::set<std::string> non_persistent_;
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> children_;
};

std::ostream& operator<<(std::ostream& os, const Module& m);

}  // namespace nnlite::nn
