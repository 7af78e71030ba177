// The autograd graph: one Node per recorded op output, an iterative engine
// that walks the graph backwards, and the grad-mode switch (no_grad).
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "nnlite/tensor.h"

namespace nnlite {

// The vector-Jacobian product of an op: the gradient of its output in, one
// gradient per input out (undefined where needs[i] is false). Written with
// nnlite ops, so it runs on any device and can itself be differentiated.
using BackwardFn = std::function<TensorList(const Tensor& grad, const std::vector<bool>& needs)>;

struct Node {
  std::string name;
  std::vector<std::shared_ptr<Node>> next;   // one per input; null where no grad flows
  std::vector<bool> needs;                   // next[i] != null
  BackwardFn backward;                       // released after use unless retain_graph
  std::vector<std::pair<std::shared_ptr<Storage>, uint64_t>> saved_versions;
  std::vector<GradHook> hooks;               // tensor hooks on this node's output
  std::shared_ptr<TensorImpl> leaf;          // set for AccumulateGrad nodes only
  std::weak_ptr<TensorImpl> retained;        // non-leaf output that called retain_grad()
  Shape out_shape;
  DType out_dtype = DType::Float32;

  Node() = default;
  ~Node();  // frees long chains iteratively, never recursively
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
};

// Hand a node pointer over for destruction; chains of 100,000 nodes die in a
// loop instead of a deep recursion.
void release_node(std::shared_ptr<Node>&& n);

bool grad_enabled();
void set_grad_enabled(bool on);

// RAII switch, like torch.no_grad().
class GradModeGuard {
 public:
  explicit GradModeGuard(bool enabled) : prev_(grad_enabled()) { set_grad_enabled(enabled); }
  ~GradModeGuard() { set_grad_enabled(prev_); }
  GradModeGuard(const GradModeGuard&) = delete;
  GradModeGuard& operator=(const GradModeGuard&) = delete;

 private:
  bool prev_;
};
struct NoGradGuard : GradModeGuard {
  NoGradGuard() : GradModeGuard(false) {}
};

// Attach a node to `out` when grad mode is on and some input requires grad.
// `saved` are the tensors the backward closure reads: an in-place change to
// one of them before backward() raises instead of giving a wrong gradient.
Tensor record(const char* name, Tensor out, const TensorList& inputs, BackwardFn backward,
              const TensorList& saved = {});
bool any_requires_grad(const TensorList& inputs);

// Run backward from `outputs` seeded with `grads`. With `inputs` empty, leaf
// gradients are accumulated into .grad; otherwise the gradients with respect
// to `inputs` are returned and no .grad is touched (torch.autograd.grad).
TensorList run_backward(const TensorList& outputs, const TensorList& grads, bool retain_graph,
                        bool create_graph, const TensorList& inputs = {}, bool allow_unused = false);

namespace autograd {
// Run `fn` once the backward pass now running has finished (torch's
// Variable._execution_engine.queue_callback): data-parallel training waits
// for its gradient all-reduces there. Raises when no backward is running.
void queue_callback(std::function<void()> fn);

inline TensorList grad(const TensorList& outputs, const TensorList& inputs, const TensorList& grad_outputs = {},
                       bool retain_graph = false, bool create_graph = false, bool allow_unused = false) {
  return run_backward(outputs, grad_outputs, retain_graph || create_graph, create_graph, inputs, allow_unused);
}
}  // namespace autograd

}  // namespace nnlite
