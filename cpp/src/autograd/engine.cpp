// The backward engine: count how many edges reach each node, then run nodes
// whose gradients are complete, in a loop (no recursion, so graphs of any
// depth work).
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "nnlite/autograd.h"
#include "nnlite/ops.h"

namespace nnlite {

std::shared_ptr<Node> gradient_edge(const Tensor& t);  // graph.cpp

namespace {

// Add `g` into the buffer slot, out of place: a gradient tensor may be shared
// by several edges (add's backward passes the same tensor to both inputs).
void accumulate(std::unordered_map<Node*, Tensor>& buf, Node* n, const Tensor& g) {
  auto it = buf.find(n);
  if (it == buf.end())
    buf.emplace(n, g);
  else
    it->second = add(it->second, g);
}

Tensor conform(const Tensor& g, const Node& n) {
  NNLITE_CHECK(g.shape() == n.out_shape, Runtime, "backward: the gradient flowing into ", n.name,
               " has shape ", shape_str(g.shape()), " but its output has shape ", shape_str(n.out_shape));
  return g.dtype() == n.out_dtype ? g : g.to(n.out_dtype);
}

Tensor apply_hooks(const std::vector<GradHook>& hooks, Tensor g) {
  if (hooks.empty()) return g;
  for (const GradHook& h : hooks) {
    Tensor r = h(g);
    if (r.defined()) {
      NNLITE_CHECK(r.shape() == g.shape(), Runtime, "hook: returned a gradient of shape ", shape_str(r.shape()),
                   " for a tensor of shape ", shape_str(g.shape()));
      g = r;
    }
  }
  return g;
}

// A gradient stored in .grad must not alias a tensor that someone else holds
// (add's backward hands one tensor to both inputs; a user's seed gradient is
// theirs): adopt it only when this is the last handle, else copy.
Tensor owned(Tensor g, bool create_graph) {
  bool unique = g.impl_ptr().use_count() == 1 && g.storage().use_count() == 1 && g.is_contiguous();
  if (!unique) {
    GradModeGuard mode(create_graph);
    return create_graph ? g.clone() : g.detach().clone();
  }
  return create_graph || !g.grad_fn() ? g : g.detach();
}

void accumulate_into_leaf(const std::shared_ptr<TensorImpl>& leaf, Tensor g, bool create_graph) {
  g = apply_hooks(leaf->hooks, std::move(g));
  if (!leaf->grad) {
    leaf->grad = owned(std::move(g), create_graph).impl_ptr();
  } else {
    GradModeGuard mode(create_graph);
    leaf->grad = add(Tensor(leaf->grad), g).impl_ptr();
  }
  for (const PostAccumulateGradHook& hook : leaf->post_accumulate_hooks) hook(Tensor(leaf));
}

// The callbacks queued during the backward pass running on this thread (a
// hook may start another backward: each pass keeps its own list).
thread_local std::vector<std::function<void()>>* queued_callbacks = nullptr;

struct CallbackScope {
  std::vector<std::function<void()>> callbacks;
  std::vector<std::function<void()>>* outer;
  CallbackScope() : outer(queued_callbacks) { queued_callbacks = &callbacks; }
  ~CallbackScope() { queued_callbacks = outer; }
  void run() {
    for (size_t i = 0; i < callbacks.size(); ++i) {   // by index: a callback may queue another
      std::function<void()> fn = callbacks[i];
      fn();
    }
  }
};

}  // namespace

void autograd::queue_callback(std::function<void()> fn) {
  NNLITE_CHECK(queued_callbacks != nullptr, Runtime,
               "queue_callback: no backward pass is running on this thread; call it from a hook during backward()");
  queued_callbacks->push_back(std::move(fn));
}

TensorList run_backward(const TensorList& outputs, const TensorList& grads, bool retain_graph, bool create_graph,
                        const TensorList& inputs, bool allow_unused) {
  NNLITE_CHECK(grads.empty() || grads.size() == outputs.size(), Value, "backward: got ", grads.size(),
               " gradients for ", outputs.size(), " outputs");
  std::unordered_map<Node*, Tensor> buf;
  std::vector<std::shared_ptr<Node>> roots;
  for (size_t i = 0; i < outputs.size(); ++i) {
    const Tensor& y = outputs[i];
    NNLITE_CHECK(y.defined() && y.requires_grad(), Runtime, "backward: element ", i,
                 " of the outputs does not require grad and has no grad_fn");
    Tensor g = grads.empty() ? Tensor() : grads[i];
    if (!g.defined()) {
      NNLITE_CHECK(y.numel() == 1, Runtime, "backward: grad can be created implicitly only for outputs with one "
                   "element, but the output has shape ", shape_str(y.shape()));
      g = ones_like(y);
    }
    NNLITE_CHECK(g.shape() == y.shape(), Value, "backward: gradient of shape ", shape_str(g.shape()),
                 " given for an output of shape ", shape_str(y.shape()));
    roots.push_back(gradient_edge(y));
    accumulate(buf, roots.back().get(), g);
  }

  // Count the edges into every node reachable from the roots.
  std::unordered_map<Node*, int> deps;
  std::unordered_set<Node*> seen;
  std::vector<Node*> stack;
  for (auto& r : roots)
    if (seen.insert(r.get()).second) stack.push_back(r.get());
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    for (auto& e : n->next) {
      if (!e) continue;
      deps[e.get()]++;
      if (seen.insert(e.get()).second) stack.push_back(e.get());
    }
  }

  // torch.autograd.grad: capture at the inputs' nodes instead of touching .grad.
  std::unordered_map<Node*, size_t> capture;
  std::vector<std::shared_ptr<Node>> input_nodes;
  for (size_t i = 0; i < inputs.size(); ++i) {
    NNLITE_CHECK(inputs[i].defined() && inputs[i].requires_grad(), Runtime, "autograd.grad: input ", i,
                 " does not require grad");
    input_nodes.push_back(gradient_edge(inputs[i]));
    capture[input_nodes.back().get()] = i;
  }
  TensorList results(inputs.size());

  GradModeGuard mode(create_graph);
  CallbackScope callbacks;
  std::deque<std::shared_ptr<Node>> ready;
  std::unordered_set<Node*> queued;
  for (auto& r : roots)
    if (deps[r.get()] == 0 && queued.insert(r.get()).second) ready.push_back(r);

  while (!ready.empty()) {
    std::shared_ptr<Node> node = std::move(ready.front());
    ready.pop_front();
    Tensor g;
    auto it = buf.find(node.get());
    if (it != buf.end()) {
      g = conform(it->second, *node);
      buf.erase(it);
    }
    std::vector<Tensor> in_grads;
    if (g.defined()) {
      g = apply_hooks(node->hooks, g);
      if (auto kept = node->retained.lock()) {
        Tensor prev = kept->grad ? Tensor(kept->grad) : Tensor();
        kept->grad = (prev.defined() ? add(prev, g) : owned(g, create_graph)).impl_ptr();
      }
      auto cap = capture.find(node.get());
      if (cap != capture.end()) results[cap->second] = node->leaf ? apply_hooks(node->leaf->hooks, g) : g;
      if (node->leaf) {
        if (inputs.empty()) accumulate_into_leaf(node->leaf, std::move(g), create_graph);
        continue;
      }
      for (auto& [storage, version] : node->saved_versions)
        NNLITE_CHECK(storage->version() == version, Runtime, "backward: one of the tensors saved by ", node->name,
                     " for the gradient computation was modified by an in-place operation (version ",
                     storage->version(), ", expected ", version, "); clone it before changing it in place");
      NNLITE_CHECK(node->backward != nullptr, Runtime, "backward: trying to backward through ", node->name,
                   " a second time, but its saved tensors were freed after the first backward; "
                   "pass retain_graph=True the first time");
      in_grads = node->backward(g, node->needs);
      if (!retain_graph) {
        node->backward = nullptr;
        node->saved_versions.clear();
      }
    }
    for (size_t i = 0; i < node->next.size(); ++i) {
      Node* child = node->next[i].get();
      if (!child) continue;
      if (i < in_grads.size() && in_grads[i].defined()) accumulate(buf, child, in_grads[i]);
      if (--deps[child] == 0 && queued.insert(child).second) ready.push_back(node->next[i]);
    }
  }

  for (size_t i = 0; i < inputs.size(); ++i)
    NNLITE_CHECK(results[i].defined() || allow_unused, Runtime, "autograd.grad: input ", i,
                 " was not used to compute the outputs; pass allow_unused=True if that is intended");
  callbacks.run();
  return results;
}

}  // namespace nnlite
