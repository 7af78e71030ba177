// What a loaded graph holds: values are numbered slots (inputs, constants,
// node outputs); each step reads slots, runs its kernel and fills slots.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "io/json.h"
#include "ops/schema.h"
#include "nnlite/graph.h"

namespace nnlite {

struct Graph::Impl {
  struct Step {
    std::string op;
    std::string where;          // "graph 'file' node 3 (conv2d)", for run-time errors
    schema::Kernel kernel;
    std::vector<int> inputs;    // slots; -1 for an absent optional input
    std::vector<int> outputs;   // slots
    bool any_outputs = false;   // the op gives as many outputs as it likes: check the count
    std::vector<int> release;   // slots no later step or graph output reads
    io::json::Value attrs;      // the node's attributes, as the graph optimiser reads them
  };

  std::string name;                  // the file, for messages
  std::vector<GraphInput> inputs;
  std::vector<int> input_slots;
  std::vector<std::string> output_names;
  std::vector<int> output_slots;
  std::map<std::string, Tensor> constants;
  std::vector<Tensor> initial;       // one per slot: the constants, undefined elsewhere
  std::vector<Step> steps;
};

}  // namespace nnlite
