// Building the graph: grad mode, recording nodes, and freeing long chains
// without recursion.
#include <vector>

#include "nnlite/autograd.h"

namespace nnlite {

namespace {
thread_local bool g_grad_enabled = true;
}

bool grad_enabled() { return g_grad_enabled; }
void set_grad_enabled(bool on) { g_grad_enabled = on; }

void release_node(std::shared_ptr<Node>&& n) {
  if (!n) return;
  if (n.use_count() > 1) {  // someone else keeps it alive: no cascade here
    n.reset();
    return;
  }
  thread_local std::vector<std::shared_ptr<Node>> pending;
  thread_local bool draining = false;
  pending.push_back(std::move(n));
  if (draining) return;
  draining = true;
  while (!pending.empty()) {
    std::shared_ptr<Node> p = std::move(pending.back());
    pending.pop_back();
    p.reset();  // ~Node hands its children back to `pending`
  }
  draining = false;
}

Node::~Node() {
  for (auto& e : next) release_node(std::move(e));
  backward = nullptr;  // captured tensors release their grad_fn through release_node too
}

bool any_requires_grad(const TensorList& inputs) {
  for (const Tensor& t : inputs)
    if (t.defined() && t.requires_grad()) return true;
  return false;
}

// The node that receives the gradient of `t`: its grad_fn, or for a leaf
// the (cached) AccumulateGrad node.
std::shared_ptr<Node> gradient_edge(const Tensor& t) {
  if (!t.defined() || !t.requires_grad()) return nullptr;
  if (t.grad_fn()) return t.grad_fn();
  TensorImpl* impl = t.impl();
  std::shared_ptr<Node> acc = impl->grad_accumulator.lock();
  if (!acc) {
    acc = std::make_shared<Node>();
    acc->name = "AccumulateGrad";
    acc->leaf = t.impl_ptr();
    acc->out_shape = t.shape();
    acc->out_dtype = t.dtype();
    impl->grad_accumulator = acc;
  }
  return acc;
}

Tensor record(const char* name, Tensor out, const TensorList& inputs, BackwardFn backward,
              const TensorList& saved) {
  if (!grad_enabled() || !any_requires_grad(inputs)) return out;
  auto node = std::make_shared<Node>();
  node->name = name;
  node->next.reserve(inputs.size());
  for (const Tensor& in : inputs) {
    node->next.push_back(gradient_edge(in));
    node->needs.push_back(node->next.back() != nullptr);
  }
  node->backward = std::move(backward);
  for (const Tensor& s : saved)
    if (s.defined()) node->saved_versions.emplace_back(s.storage(), s.version());
  node->out_shape = out.shape();
  node->out_dtype = out.dtype();
  out.impl()->grad_fn = std::move(node);
  out.impl()->requires_grad = true;
  return out;
}

}  // namespace nnlite
