// Custom differentiable ops written by users: a forward computed with any
// ops (autograd off) and a backward that maps output gradients to input
// gradients, as torch::autograd::Function / torch.autograd.Function.
//
//   struct MulConst : nnlite::autograd::Function<MulConst> {
//     static Tensor forward(FunctionCtx* ctx, Tensor x, double c) {
//       ctx->saved_data["c"] = c;
//       return x * c;
//     }
//     static TensorList backward(FunctionCtx* ctx, const TensorList& g) {
//       return {g[0] * ctx->saved_data["c"].to_double(), Tensor()};  // one per forward argument
//     }
//   };
//   Tensor y = MulConst::apply(x, 2.0);
//
// The backward runs with grad mode set to create_graph, so a backward written
// with nnlite ops gives higher-order gradients.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "nnlite/autograd.h"
#include "nnlite/scalar.h"

namespace nnlite::autograd {

class FunctionCtx;
// A Scalar that saved_data["k"] can create empty (0.0) before assigning.
struct SavedScalar : Scalar {
  using Scalar::Scalar;
  SavedScalar() : Scalar(0.0) {}
  SavedScalar(const Scalar& s) : Scalar(s) {}  // NOLINT: implicit on purpose
};
using CustomForwardFn = std::function<TensorList(FunctionCtx& ctx)>;
// One gradient per output (undefined where none flowed, unless grads are
// materialised) -> one gradient per tensor input (undefined for none).
using CustomBackwardFn = std::function<TensorList(FunctionCtx& ctx, const TensorList& grad_outputs)>;

// What forward leaves for backward.
class FunctionCtx {
 public:
  FunctionCtx() = default;
  virtual ~FunctionCtx() = default;
  FunctionCtx(const FunctionCtx&) = delete;
  FunctionCtx& operator=(const FunctionCtx&) = delete;

  // In forward: tensors (inputs, outputs or others; undefined allowed) that
  // backward reads. An in-place change to one of them before backward raises.
  void save_for_backward(const TensorList& tensors);
  // In forward: these outputs get no gradient (and do not require grad).
  void mark_non_differentiable(const TensorList& outputs);
  // false: backward gets undefined gradients for outputs no gradient reached
  // (default true: zeros of the output's shape).
  void set_materialize_grads(bool value) { materialize_grads_ = value; }
  bool materialize_grads() const { return materialize_grads_; }

  // In backward: the saved tensors (saved outputs keep their history, so a
  // backward under create_graph differentiates through them).
  TensorList get_saved_variables() const;
  TensorList saved_tensors() const { return get_saved_variables(); }
  // Per tensor input: does backward need its gradient?
  const std::vector<bool>& needs_input_grad() const { return needs_; }
  bool needs_input_gradient(size_t i) const { return i < needs_.size() && needs_[i]; }

  std::map<std::string, SavedScalar> saved_data;  // non-tensor values for backward

 private:
  friend TensorList custom_function(const std::string&, const TensorList&, const CustomForwardFn&, CustomBackwardFn,
                                    std::shared_ptr<FunctionCtx>);
  struct Saved {
    Tensor data;                 // an input or other tensor; for an output, a history-free alias
    std::weak_ptr<Node> node;    // an output's node: weak, so ctx -> output -> node -> ctx is no cycle
    bool is_output = false;
  };
  std::string name_;
  bool materialize_grads_ = true;
  std::vector<bool> needs_;
  TensorList to_save_;                        // during forward only
  std::vector<std::shared_ptr<TensorImpl>> non_differentiable_;  // during forward only
  std::vector<Saved> saved_;
};

// Run forward(ctx) with autograd off, then (when grad mode is on and an input
// requires grad) connect its differentiable outputs to one backward step that
// calls backward(ctx, grad_outputs) once with the gradients of all outputs.
// `name` names the step (grad_fn "<name>Backward") and its errors: backward
// must return one gradient per input, each of the input's shape (or one that
// sums to it), else a Runtime error naming it. `ctx` may be given (a
// subclass, as the Python binding does); a fresh one is made otherwise.
TensorList custom_function(const std::string& name, const TensorList& inputs, const CustomForwardFn& forward,
                           CustomBackwardFn backward, std::shared_ptr<FunctionCtx> ctx = nullptr);

namespace detail {
std::string demangle(const char* mangled);
// Keep the gradients of the tensor arguments; others must be undefined.
TensorList tensor_argument_grads(const std::string& name, const TensorList& grads, const std::vector<bool>& is_tensor);
inline void collect(TensorList& out, std::vector<bool>& is_tensor, const Tensor& t) {
  out.push_back(t);
  is_tensor.push_back(true);
}
template <typename A>
void collect(TensorList&, std::vector<bool>& is_tensor, const A&) {
  is_tensor.push_back(false);
}
inline TensorList as_list(Tensor t) { return TensorList{std::move(t)}; }
inline TensorList as_list(TensorList ts) { return ts; }
}  // namespace detail

// libtorch-style CRTP base: T has static forward(FunctionCtx*, args...)
// returning a Tensor or a TensorList, and static backward(FunctionCtx*,
// const TensorList& grad_outputs) returning one gradient per forward argument
// (undefined for non-tensor arguments and for inputs without a gradient).
template <typename T>
struct Function {
  template <typename... Args>
  static auto apply(Args&&... args) {
    TensorList inputs;
    std::vector<bool> is_tensor;
    (detail::collect(inputs, is_tensor, args), ...);
    using R = decltype(T::forward(static_cast<FunctionCtx*>(nullptr), std::forward<Args>(args)...));
    static_assert(std::is_same_v<R, Tensor> || std::is_same_v<R, TensorList>,
                  "Function<T>: T::forward must return a Tensor or a TensorList");
    const std::string name = detail::demangle(typeid(T).name());
    TensorList out = custom_function(
        name, inputs,
        [&](FunctionCtx& ctx) { return detail::as_list(T::forward(&ctx, std::forward<Args>(args)...)); },
        [name, is_tensor](FunctionCtx& ctx, const TensorList& grads) {
          return detail::tensor_argument_grads(name, T::backward(&ctx, grads), is_tensor);
        });
    if constexpr (std::is_same_v<R, Tensor>)
      return out[0];
    else
      return out;
  }
};

}  // namespace nnlite::autograd
