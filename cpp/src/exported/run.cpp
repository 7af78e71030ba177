// Running a loaded graph: check the inputs against the declared ranks and
// dtypes, then run the steps in order with autograd off. Errors from an op
// keep their kind and gain the node that raised them.
#include "exported/program.h"
#include "nnlite/autograd.h"

namespace nnlite {

Graph::Graph() = default;
Graph::Graph(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

namespace {
const Graph::Impl& checked(const std::shared_ptr<const Graph::Impl>& impl) {
  NNLITE_CHECK(impl != nullptr, Runtime, "Graph: this graph is empty; create one with load_graph(path)");
  return *impl;
}
}  // namespace

TensorList Graph::run(const TensorList& inputs) const {
  const Impl& g = checked(impl_);
  NNLITE_CHECK(inputs.size() == g.inputs.size(), Value, "Graph.run: graph '", g.name, "' takes ", g.inputs.size(),
               " inputs, got ", inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    const GraphInput& spec = g.inputs[i];
    NNLITE_CHECK(inputs[i].defined(), Value, "Graph.run: input ", i, " ('", spec.name, "') is undefined");
    NNLITE_CHECK(inputs[i].dim() == spec.rank, Value, "Graph.run: input ", i, " ('", spec.name, "') must have ",
                 spec.rank, " dims (exported with shape ", shape_str(spec.example_shape), "), got shape ",
                 shape_str(inputs[i].shape()));
    NNLITE_CHECK(inputs[i].dtype() == spec.dtype, Type, "Graph.run: input ", i, " ('", spec.name, "') must be ",
                 dtype_name(spec.dtype), ", got ", dtype_name(inputs[i].dtype()));
  }
  NoGradGuard no_grad;
  std::vector<Tensor> env = g.initial;
  for (size_t i = 0; i < inputs.size(); ++i) env[static_cast<size_t>(g.input_slots[i])] = inputs[i];
  TensorList args;
  for (const Impl::Step& step : g.steps) {
    args.clear();
    for (int slot : step.inputs) args.push_back(slot < 0 ? Tensor() : env[static_cast<size_t>(slot)]);
    TensorList out;
    try {
      out = step.kernel(args);
    } catch (const Error& e) {
      throw Error(e.kind(), step.where + ": " + e.what());
    }
    NNLITE_CHECK(out.size() == step.outputs.size(), Value, step.where, ": gave ", out.size(),
                 " outputs for these inputs, but the graph names ", step.outputs.size(),
                 step.any_outputs ? " (the inputs' sizes differ from the export's in a way this node cannot follow)"
                                  : "");
    for (size_t k = 0; k < out.size(); ++k) env[static_cast<size_t>(step.outputs[k])] = std::move(out[k]);
    for (int slot : step.release) env[static_cast<size_t>(slot)] = Tensor();
  }
  TensorList result;
  // A constant handed out as an output is a copy, so a caller writing into it
  // cannot change the graph.
  for (int slot : g.output_slots) {
    const Tensor& t = env[static_cast<size_t>(slot)];
    result.push_back(g.initial[static_cast<size_t>(slot)].defined() ? t.clone() : t);
  }
  return result;
}

const std::vector<GraphInput>& Graph::inputs() const { return checked(impl_).inputs; }
const std::vector<std::string>& Graph::output_names() const { return checked(impl_).output_names; }
const std::map<std::string, Tensor>& Graph::constants() const { return checked(impl_).constants; }

std::vector<std::string> Graph::node_ops() const {
  std::vector<std::string> ops;
  for (const auto& s : checked(impl_).steps) ops.push_back(s.op);
  return ops;
}

}  // namespace nnlite
