// Writing a recording as a graph file (nnlite/graph.h), and export_graph,
// the C++ entry point that records a function.
#include <charconv>
#include <cmath>

#include "exported/recorder.h"
#include "nnlite/autograd.h"
#include "nnlite/io.h"

namespace nnlite {
namespace exported {

namespace {

// The shortest text that reads back as the same double; always with a '.'
// or an exponent, so the reader keeps it a float (1.0, not 1). Non-finite
// values as Python's json module writes them (the loader accepts those).
void write_double(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "Infinity" : "-Infinity";
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), d);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  out += s;
}

void write(std::string& out, const Json& v) {
  switch (v.type()) {
    case Json::Type::Null: out += "null"; return;
    case Json::Type::Bool: out += v.as_bool() ? "true" : "false"; return;
    case Json::Type::Int: out += std::to_string(v.as_int()); return;
    case Json::Type::Float: write_double(out, v.as_double()); return;
    case Json::Type::String: io::json::write_string(out, v.as_string()); return;
    case Json::Type::Array: {
      out += '[';
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i) out += ',';
        write(out, v.items()[i]);
      }
      out += ']';
      return;
    }
    case Json::Type::Object: {
      out += '{';
      for (size_t i = 0; i < v.members().size(); ++i) {
        if (i) out += ',';
        io::json::write_string(out, v.members()[i].first);
        out += ':';
        write(out, v.members()[i].second);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string to_text(const Json& v) {
  std::string out;
  write(out, v);
  return out;
}

}  // namespace exported

void save_graph(const GraphRecording& recording, const std::string& path) {
  NNLITE_CHECK(!recording.graph_json.empty(), Value, "save_graph: the recording is empty; make one with "
               "export_graph");
  io::TensorMap tensors;
  for (const auto& [name, t] : recording.constants) tensors[name] = t.detach().contiguous();
  io::save(tensors, path, {{"format", "nnlite-graph"}, {"graph", recording.graph_json}});
}

GraphRecording export_graph(const std::function<TensorList(const TensorList&)>& fn, const TensorList& inputs,
                            const NamedTensors& named_constants) {
  NNLITE_CHECK(!inputs.empty(), Value, "export_graph: expected at least one example input");
  GraphRecorder rec(named_constants);
  NoGradGuard no_grad;
  rec.start();
  for (const Tensor& x : inputs) rec.add_input(x);
  TensorList outputs = fn(inputs);
  rec.stop();
  return rec.finish(outputs);
}

}  // namespace nnlite
