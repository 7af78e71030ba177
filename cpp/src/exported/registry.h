// The ops a graph file may use: op name -> how many inputs it takes, which
// of them may be null, how many outputs it gives, and a function that parses
// the node's attributes once, at load time, into a kernel that runs the C++
// op on each call of Graph::run.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "exported/attrs.h"
#include "nnlite/tensor.h"

namespace nnlite::exported {

using Kernel = std::function<TensorList(const TensorList&)>;

struct OpSpec {
  int min_inputs = 1;
  int max_inputs = 1;          // -1: any number from min_inputs on
  std::vector<int> optional;   // input positions that may be null (an absent bias)
  int outputs = 1;             // -1: as many as the node names, checked when it runs
  std::function<Kernel(Attrs&)> prepare;
};

class OpRegistry {
 public:
  void add(const std::string& name, OpSpec spec);
  const OpSpec* find(const std::string& name) const;  // nullptr for unknown ops
  std::vector<std::string> names() const;

 private:
  std::map<std::string, OpSpec> ops_;
};

const OpRegistry& op_registry();

// Each family file registers its ops (ops_layers.cpp, ops_math.cpp, ops_shape.cpp).
void register_layer_ops(OpRegistry& r);
void register_math_ops(OpRegistry& r);
void register_shape_ops(OpRegistry& r);

// Shorthands for the family files.
inline TensorList one(Tensor t) { return TensorList{std::move(t)}; }
OpSpec unary_spec(std::function<Kernel(Attrs&)> prepare);  // one input, one output

}  // namespace nnlite::exported
