// Custom functions (nnlite/custom_function.h): run the user's forward with
// autograd off, then hang one backward step on its differentiable outputs.
//
// The engine gives each node one output gradient, but a custom backward must
// run once with the gradients of all its outputs. With one differentiable
// output its node is the step itself. With several, each output gets a small
// node that places its gradient into its slot of one flat vector and hands
// that to a shared step node; the engine adds the pieces and runs the step
// once, after all of them (it waits for every edge into a node).
#include <cxxabi.h>

#include <cstdlib>

#include "nnlite/custom_function.h"
#include "nnlite/ops.h"

namespace nnlite {

std::shared_ptr<Node> gradient_edge(const Tensor& t);  // graph.cpp

namespace autograd {

void FunctionCtx::save_for_backward(const TensorList& tensors) {
  to_save_ = tensors;
}

void FunctionCtx::mark_non_differentiable(const TensorList& outputs) {
  for (const Tensor& t : outputs)
    if (t.defined()) non_differentiable_.push_back(t.impl_ptr());
}

TensorList FunctionCtx::get_saved_variables() const {
  if (saved_.empty()) return to_save_;  // not recorded (no grad needed): the tensors as given
  TensorList out;
  for (const Saved& s : saved_) {
    if (!s.is_output || !s.data.defined()) {
      out.push_back(s.data);
      continue;
    }
    // A fresh alias of the output carrying its history again.
    Tensor t = s.data.detach();
    if (auto n = s.node.lock()) {
      t.impl()->grad_fn = std::move(n);
      t.impl()->requires_grad = true;
    }
    out.push_back(t);
  }
  return out;
}

namespace {

// Does `from` broadcast to `to`?
bool expandable(const Shape& from, const Shape& to) {
  if (from.size() > to.size()) return false;
  for (size_t i = 0; i < from.size(); ++i) {
    int64_t a = from[from.size() - 1 - i], b = to[to.size() - 1 - i];
    if (a != b && a != 1) return false;
  }
  return true;
}

struct InputMeta {
  Shape shape;
  DType dtype;
};
struct OutputMeta {
  Shape shape;
  DType dtype;
  Device device;
};

// What the backward step needs; shared by the step node and the slot nodes.
struct Step {
  std::string name;
  std::shared_ptr<FunctionCtx> ctx;
  CustomBackwardFn backward;
  std::vector<InputMeta> inputs;
  std::vector<OutputMeta> outputs;
  std::vector<int> diff;      // differentiable outputs, in order (slots of the flat gradient)
  std::vector<bool> reached;  // per diff slot: did a gradient arrive in this backward pass
  DType flat_dtype = DType::Float32;

  // Full list of output gradients -> input gradients for the engine.
  TensorList run(TensorList grads, const std::vector<bool>& needs) {
    for (size_t i = 0; i < grads.size(); ++i)
      if (!grads[i].defined() && ctx->materialize_grads())
        grads[i] = zeros(outputs[i].shape, outputs[i].dtype, outputs[i].device);
    TensorList res = backward(*ctx, grads);
    NNLITE_CHECK(res.size() == inputs.size(), Runtime, "function ", name, "Backward returned an incorrect number of "
                 "gradients (expected ", inputs.size(), ", got ", res.size(), ")");
    for (size_t i = 0; i < res.size(); ++i) {
      Tensor& g = res[i];
      if (!g.defined()) continue;
      if (!needs[i]) {
        g = Tensor();  // an input that needs no gradient: dropped, as torch does
        continue;
      }
      const InputMeta& in = inputs[i];
      if (g.shape() != in.shape) {
        NNLITE_CHECK(expandable(in.shape, g.shape()), Runtime, "function ", name,
                     "Backward returned an invalid gradient at index ", i, " - got ", shape_str(g.shape()),
                     " but expected shape compatible with ", shape_str(in.shape));
        g = sum_to(g, in.shape);
      }
      if (g.dtype() != in.dtype) g = g.to(in.dtype);
    }
    return res;
  }
};

Tensor flat_slot(const Step& s, size_t slot, const Tensor& g) {
  TensorList parts;
  for (size_t j = 0; j < s.diff.size(); ++j) {
    const OutputMeta& o = s.outputs[s.diff[j]];
    int64_t n = 1;
    for (int64_t d : o.shape) n *= d;
    parts.push_back(j == slot ? g.reshape({-1}).to(s.flat_dtype) : zeros({n}, s.flat_dtype, o.device));
  }
  return cat(parts, 0);
}

TensorList unflatten(Step& s, const Tensor& flat) {
  TensorList grads(s.outputs.size());
  int64_t at = 0;
  for (size_t j = 0; j < s.diff.size(); ++j) {
    const OutputMeta& o = s.outputs[s.diff[j]];
    int64_t n = 1;
    for (int64_t d : o.shape) n *= d;
    if (s.reached[j]) grads[s.diff[j]] = flat.narrow(0, at, n).reshape(o.shape).to(o.dtype);
    s.reached[j] = false;  // ready for the next backward pass (retain_graph)
    at += n;
  }
  return grads;
}

std::shared_ptr<Node> make_node(const std::string& name, const TensorList& inputs) {
  auto node = std::make_shared<Node>();
  node->name = name;
  for (const Tensor& in : inputs) {
    node->next.push_back(gradient_edge(in));
    node->needs.push_back(node->next.back() != nullptr);
  }
  return node;
}

}  // namespace

TensorList custom_function(const std::string& name, const TensorList& inputs, const CustomForwardFn& forward,
                           CustomBackwardFn backward, std::shared_ptr<FunctionCtx> ctx) {
  if (!ctx) ctx = std::make_shared<FunctionCtx>();
  ctx->name_ = name;
  const bool recording = grad_enabled() && any_requires_grad(inputs);
  ctx->needs_.clear();
  for (const Tensor& in : inputs) ctx->needs_.push_back(recording && in.defined() && in.requires_grad());

  TensorList outs;
  {
    NoGradGuard no_grad;
    outs = forward(*ctx);
  }
  // The tensors forward returned, before any aliasing (saved tensors and
  // marks refer to these).
  std::vector<TensorImpl*> raw;
  for (size_t i = 0; i < outs.size(); ++i) {
    NNLITE_CHECK(outs[i].defined(), Runtime, name, ".forward: output ", i, " is not a tensor");
    raw.push_back(outs[i].impl());
  }
  auto clear_forward_state = [&] {
    ctx->non_differentiable_.clear();
  };
  if (!recording) {
    clear_forward_state();
    return outs;
  }

  // An output that is an input (or an earlier output) becomes an alias, so
  // that its new history does not replace the input's.
  for (size_t i = 0; i < outs.size(); ++i) {
    bool taken = false;
    for (const Tensor& in : inputs) taken = taken || (in.defined() && in.same(outs[i]));
    for (size_t j = 0; j < i; ++j) taken = taken || raw[j] == raw[i];
    if (taken || outs[i].requires_grad()) outs[i] = outs[i].detach();
  }

  auto step = std::make_shared<Step>();
  step->name = name;
  step->ctx = ctx;
  step->backward = std::move(backward);
  for (const Tensor& in : inputs)
    step->inputs.push_back(in.defined() ? InputMeta{in.shape(), in.dtype()} : InputMeta{{}, DType::Float32});
  for (size_t i = 0; i < outs.size(); ++i) {
    step->outputs.push_back({outs[i].shape(), outs[i].dtype(), outs[i].device()});
    bool marked = false;
    for (auto& p : ctx->non_differentiable_) marked = marked || p.get() == raw[i];
    if (!marked && is_floating(outs[i].dtype())) step->diff.push_back(static_cast<int>(i));
  }
  clear_forward_state();
  step->reached.assign(step->diff.size(), false);
  if (step->diff.empty()) return outs;
  DType common = outs[step->diff[0]].dtype();
  for (int i : step->diff)
    if (outs[i].dtype() != common) common = DType::Float64;
  step->flat_dtype = common;

  // The step node, and the node each differentiable output hangs on.
  std::shared_ptr<Node> step_node = make_node(name, inputs);
  std::vector<std::shared_ptr<Node>> out_node(outs.size());
  if (step->diff.size() == 1) {
    const size_t k = step->diff[0];
    const size_t n_out = outs.size();
    step_node->out_shape = outs[k].shape();
    step_node->out_dtype = outs[k].dtype();
    step_node->backward = [step, k, n_out](const Tensor& g, const std::vector<bool>& needs) {
      TensorList grads(n_out);
      grads[k] = g;
      return step->run(std::move(grads), needs);
    };
    out_node[k] = step_node;
  } else {
    int64_t total = 0;
    for (int i : step->diff) total += outs[i].numel();
    step_node->out_shape = Shape{total};
    step_node->out_dtype = common;
    step_node->backward = [step](const Tensor& flat, const std::vector<bool>& needs) {
      return step->run(unflatten(*step, flat), needs);
    };
    for (size_t slot = 0; slot < step->diff.size(); ++slot) {
      const int i = step->diff[slot];
      auto n = std::make_shared<Node>();
      n->name = name;
      n->next.push_back(step_node);
      n->needs.push_back(true);
      n->out_shape = outs[i].shape();
      n->out_dtype = outs[i].dtype();
      n->backward = [step, slot](const Tensor& g, const std::vector<bool>&) {
        step->reached[slot] = true;
        return TensorList{flat_slot(*step, slot, g)};
      };
      out_node[i] = n;
    }
  }
  for (size_t i = 0; i < outs.size(); ++i) {
    if (!out_node[i]) continue;
    outs[i].impl()->grad_fn = out_node[i];
    outs[i].impl()->requires_grad = true;
  }

  // Saved tensors: outputs are kept without their history (the node is
  // referenced weakly), everything else as given.
  ctx->saved_.clear();
  for (const Tensor& t : ctx->to_save_) {
    FunctionCtx::Saved s;
    for (size_t i = 0; i < outs.size() && t.defined(); ++i)
      if (raw[i] == t.impl()) {
        s.is_output = true;
        s.data = outs[i].detach();
        s.node = out_node[i];
      }
    if (!s.is_output) s.data = t;
    if (t.defined()) step_node->saved_versions.emplace_back(t.storage(), t.version());
    ctx->saved_.push_back(std::move(s));
  }
  ctx->to_save_.clear();
  return outs;
}

namespace detail {

std::string demangle(const char* mangled) {
  int status = 0;
  char* d = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
  std::string out = (status == 0 && d) ? d : mangled;
  std::free(d);
  return out;
}

TensorList tensor_argument_grads(const std::string& name, const TensorList& grads,
                                 const std::vector<bool>& is_tensor) {
  NNLITE_CHECK(grads.size() == is_tensor.size(), Runtime, "function ", name, "Backward returned an incorrect number "
               "of gradients (expected ", is_tensor.size(), ", one per forward argument, got ", grads.size(), ")");
  TensorList out;
  for (size_t i = 0; i < grads.size(); ++i) {
    if (is_tensor[i]) {
      out.push_back(grads[i]);
    } else {
      NNLITE_CHECK(!grads[i].defined(), Runtime, "function ", name, "Backward returned a gradient for argument ", i,
                   ", which is not a tensor; return an undefined Tensor() there");
    }
  }
  return out;
}

}  // namespace detail
}  // namespace autograd
}  // namespace nnlite
