// Exported inference graphs: the file that nnlite.export(model, inputs, path)
// writes in Python, loaded and run from C++ without Python.
//
// A graph file is a safetensors file: its tensors are the model's weights
// (named as in its state dict) and other constants; its "__metadata__" holds
// "format": "nnlite-graph" and "graph": a JSON description
//
//   {"version": 1,
//    "inputs":  [{"name": "%input0", "rank": 4, "dtype": "float32", "shape": [1, 1, 28, 28]}],
//    "nodes":   [{"op": "conv2d", "inputs": ["%input0", "conv1.weight", "conv1.bias"],
//                 "outputs": ["%1"], "attrs": {"stride": [1, 1], "padding": [2, 2]}}, ...],
//    "outputs": ["%12"]}
//
// Nodes run in order; each input names a graph input, a constant or an
// output of an earlier node (null for an absent optional input such as a
// bias). "shape" of an input is the example's, for information: a graph
// accepts inputs of the same rank and dtype with other sizes (another batch
// size, say). Loading never executes code; every length, offset, name and
// attribute is checked when the file is loaded.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "nnlite/tensor.h"

namespace nnlite {

struct GraphInput {
  std::string name;
  int64_t rank = 0;
  DType dtype = DType::Float32;
  Shape example_shape;  // the shape it was exported with
};

class Graph {
 public:
  Graph();  // an empty graph; run() on it raises

  // Run the graph on one tensor per graph input (same rank and dtype as
  // declared) and return one tensor per graph output. Autograd is off while
  // it runs. Safe to call from several threads at once.
  TensorList run(const TensorList& inputs) const;

  const std::vector<GraphInput>& inputs() const;
  const std::vector<std::string>& output_names() const;
  std::vector<std::string> node_ops() const;  // the op of each node, in order
  const std::map<std::string, Tensor>& constants() const;

  // What load_graph builds; its definition is private to the library.
  struct Impl;
  explicit Graph(std::shared_ptr<const Impl> impl);

 private:
  std::shared_ptr<const Impl> impl_;
};

// Load a graph file. FileNotFound when it cannot be opened; Value errors name
// the file and what is wrong (a malformed container or JSON, an unknown op,
// a wrong number of inputs, a bad attribute, a name used before it is
// defined, ...). With `optimize` (the default) the inference optimisations
// run at load: eval batch norm folded into the conv2d/linear before it, and
// a residual add and ReLU after a conv2d/linear fused into its step
// (node_ops() then shows e.g. "conv2d+add+relu"); outputs agree with the
// unoptimised graph to rounding.
Graph load_graph(const std::string& path, bool optimize = true);

// The same from the bytes of a graph file; `name` appears in every error.
Graph parse_graph(const uint8_t* data, size_t size, const std::string& name, bool optimize = true);

// The ops a graph may use.
std::vector<std::string> graph_op_names();

}  // namespace nnlite
