// Exporting a model as an inference graph (the file format is in
// nnlite/graph.h): the ops themselves report their calls to a recorder that
// is active on the calling thread, so recording needs no change to the model
// and several threads may export at once, each with its own recorder.
//
//   nnlite::GraphRecording rec = nnlite::export_graph(
//       [&](const nnlite::TensorList& in) { return nnlite::TensorList{model.forward(in[0])}; },
//       {example}, model.named_parameters_and_buffers());
//   nnlite::save_graph(rec, "model.nnlg");
//
// What is recorded: every op that runs on a tensor computed from the inputs
// (a "graph value"). Ops on constants alone are not recorded; their results
// are constants. A constant read by a recorded op is stored in the file,
// under its name in `named_constants` when it is one of them, else as
// "%constN". Ops a graph cannot express (random ops, nonzero, losses, ...)
// throw ExportError naming the op when they meet a graph value.
//
// Sizes: in C++ the sizes a model passes to view/reshape/expand/zeros are
// plain numbers, so the graph keeps them fixed; write -1 or use flatten()
// for sizes that must follow the inputs (another batch size). The Python
// API (nnlite.export) also follows sizes read from x.shape.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "nnlite/error.h"
#include "nnlite/tensor.h"

namespace nnlite {

// A model cannot be recorded as a graph: an op with no graph counterpart,
// control flow on tensor values, an in-place change a graph cannot express.
// A Value error (Python: nnlite.ExportError, a ValueError).
class ExportError : public Error {
 public:
  explicit ExportError(const std::string& msg) : Error(ErrorKind::Value, msg) {}
};

struct GraphValueInfo {
  DType dtype = DType::Float32;
  Shape shape;  // as seen while recording
};

// A finished recording.
struct GraphRecording {
  std::string graph_json;                        // the "graph" description of nnlite/graph.h
  std::map<std::string, Tensor> constants;       // name -> tensor (weights by their given names)
  std::map<std::string, GraphValueInfo> values;  // every value and constant of the graph
};

using NamedTensors = std::vector<std::pair<std::string, Tensor>>;

// Run fn(inputs) once with a recorder active on this thread (autograd off)
// and return what it recorded. Outputs must be defined tensors.
GraphRecording export_graph(const std::function<TensorList(const TensorList&)>& fn, const TensorList& inputs,
                            const NamedTensors& named_constants = {});

// Write a recording as a graph file: a safetensors file of the constants
// whose metadata holds the graph. Atomic: a temporary file renamed into place.
void save_graph(const GraphRecording& recording, const std::string& path);

namespace exported {
class Recorder;
}

// The session under export_graph, for callers that run the model
// themselves (the Python bindings): create, start() on the thread that runs
// the model, add_input() for each input, run the model, finish(outputs).
class GraphRecorder {
 public:
  explicit GraphRecorder(const NamedTensors& named_constants, std::string producer = "");
  ~GraphRecorder();  // stops it if still active
  GraphRecorder(const GraphRecorder&) = delete;
  GraphRecorder& operator=(const GraphRecorder&) = delete;

  // Become this thread's recorder. Runtime error when this thread already
  // records (an export inside an export) or this recorder ran before.
  void start();
  void stop();  // only on the thread that started it
  bool active() const;

  std::string add_input(const Tensor& x);  // "%input<i>"
  GraphRecording finish(const TensorList& outputs);

 private:
  std::unique_ptr<exported::Recorder> impl_;
};

}  // namespace nnlite
