// Sequential and ModuleList (python/nnlite/nn/containers.py). Both hold
// their modules through std::shared_ptr, named "0", "1", ... in order, so
// parameter names match Python's ("0.weight", "2.bias").
//
//   nn::Sequential model{nn::Flatten(), nn::Linear(784, 10)};          // modules moved in
//   auto fc = std::make_shared<nn::Linear>(10, 10);
//   model.push_back(fc);                                               // or shared
//
// Use braces: a braced list builds its modules left to right, so they draw
// their initial weights in the order Python does (with the same seed, the same
// weights). Parentheses leave the order of the arguments to the compiler.
#pragma once
#include <memory>
#include <type_traits>
#include <utility>

#include "nnlite/nn/module.h"

namespace nnlite {
namespace detail {
// A module value (moved into a new shared_ptr) or a shared_ptr to a module.
template <typename M>
std::shared_ptr<nn::Module> to_shared(M&& m) {
  using D = std::decay_t<M>;
  if constexpr (std::is_base_of_v<nn::Module, D>) {
    return std::make_shared<D>(std::forward<M>(m));
  } else {
    static_assert(std::is_convertible_v<D, std::shared_ptr<nn::Module>>,
                  "Sequential/ModuleList take modules or std::shared_ptr<Module>");
    return std::shared_ptr<nn::Module>(std::forward<M>(m));
  }
}
template <typename M>
constexpr bool is_module_arg_v = std::is_base_of_v<nn::Module, std::decay_t<M>> ||
                                 std::is_convertible_v<std::decay_t<M>, std::shared_ptr<nn::Module>>;
}  // namespace detail

namespace nn {

class ModuleHolder : public Module {
 public:
  size_t size() const { return child_entries().size(); }
  bool empty() const { return size() == 0; }
  // Python-style index (negative counts from the end); Index error when out of range.
  std::shared_ptr<Module> operator[](int64_t index) const;
  // The module at `index` as a T (Type error naming both types when it is not one).
  template <typename T>
  std::shared_ptr<T> at(int64_t index) const {
    auto m = (*this)[index];
    auto t = std::dynamic_pointer_cast<T>(m);
    if (!t) wrong_type(index, m->type_name());
    return t;
  }
  template <typename M>
  void push_back(M&& module) {
    add_module(std::to_string(size()), detail::to_shared(std::forward<M>(module)));
  }
  void push_back(const std::string& name, std::shared_ptr<Module> module) { add_module(name, std::move(module)); }

 protected:
  explicit ModuleHolder(const char* type_name) : Module(type_name) {}
  [[noreturn]] void wrong_type(int64_t index, const std::string& actual) const;
};

// Runs its modules in order, each one's output the next one's input.
class Sequential : public ModuleHolder {
 public:
  Sequential() : ModuleHolder("Sequential") {}
  template <typename... Ms, std::enable_if_t<(sizeof...(Ms) > 0) && (detail::is_module_arg_v<Ms> && ...) &&
                                                 !(sizeof...(Ms) == 1 && (std::is_same_v<std::decay_t<Ms>, Sequential> && ...)),
                                             int> = 0>
  explicit Sequential(Ms&&... modules) : ModuleHolder("Sequential") {
    (push_back(std::forward<Ms>(modules)), ...);
  }
  Tensor forward(const Tensor& input) override;
};

// Holds modules (their parameters are registered); it has no forward.
class ModuleList : public ModuleHolder {
 public:
  ModuleList() : ModuleHolder("ModuleList") {}
  template <typename... Ms, std::enable_if_t<(sizeof...(Ms) > 0) && (detail::is_module_arg_v<Ms> && ...) &&
                                                 !(sizeof...(Ms) == 1 && (std::is_same_v<std::decay_t<Ms>, ModuleList> && ...)),
                                             int> = 0>
  explicit ModuleList(Ms&&... modules) : ModuleHolder("ModuleList") {
    (push_back(std::forward<Ms>(modules)), ...);
  }
};

}  // namespace nn
}  // namespace nnlite
