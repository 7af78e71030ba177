// ENGINE INTERNALS, not part of nnlite's API: the fields behind a Tensor.
// Ops, autograd and the bindings read and write them; applications use the
// Tensor accessors instead (shape/sizes, dtype, requires_grad, grad, ...).
// The public tensor.h includes this header only because its accessors are
// inline (they run once per op; a call into the library would cost more).
#pragma once
#include <functional>
#include <memory>
#include <vector>

#include "nnlite/dtype.h"
#include "nnlite/shape.h"

namespace nnlite {

class Tensor;
class Storage;
struct Node;

// A gradient hook: gets the gradient, returns a replacement or an undefined
// tensor to keep it. (Public: Tensor::register_hook takes one.)
using GradHook = std::function<Tensor(const Tensor&)>;
// Runs after a leaf's .grad has been updated, with the leaf itself
// (data-parallel training starts a bucket's all-reduce from it).
using PostAccumulateGradHook = std::function<void(const Tensor&)>;

namespace detail {

struct TensorImpl {
  std::shared_ptr<Storage> storage;
  Shape shape;
  Shape strides;  // in elements
  int64_t offset = 0;  // in elements
  DType dtype = DType::Float32;
  // A Python number turned into a 0-d tensor: it does not raise the result
  // type of a binary op within its category (int tensor + 1 stays int).
  bool wrapped_number = false;

  // autograd
  bool requires_grad = false;
  bool is_view = false;                 // shares storage with a differentiable base
  std::shared_ptr<TensorImpl> grad;     // .grad of a leaf (or a retained non-leaf)
  std::shared_ptr<Node> grad_fn;        // null for leaves
  std::weak_ptr<Node> grad_accumulator; // cached AccumulateGrad node of a leaf
  std::vector<GradHook> hooks;          // hooks of a leaf; a non-leaf's live on grad_fn
  std::vector<PostAccumulateGradHook> post_accumulate_hooks;  // leaves only
  bool retains_grad = false;

  ~TensorImpl();
};

}  // namespace detail

// The engine's code says TensorImpl; kept as an alias so it compiles unchanged.
using detail::TensorImpl;

}  // namespace nnlite
