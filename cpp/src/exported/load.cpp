// Loading a graph file: the safetensors container, the graph JSON in its
// metadata, and every node checked against its op's schema (ops/schema.h;
// see nnlite/graph.h for the format). Everything a run needs is resolved here,
// so a graph that loads only fails at run time on its inputs' shapes.
#include <algorithm>
#include <map>
#include <set>

#include "exported/attrs.h"
#include "exported/optimize.h"
#include "exported/program.h"
#include "io/json.h"
#include "nnlite/io.h"
#include "ops/schema.h"

namespace nnlite {
namespace {

using exported::Json;

constexpr int64_t kGraphVersion = 1;
constexpr int64_t kMaxRank = 64;

class Loader {
 public:
  Loader(const std::string& name, Graph::Impl& g, bool optimize) : name_(name), g_(g), optimize_(optimize) {}

  void load(const Json& root) {
    check(root.is_object(), "the graph description must be a JSON object, got ", io::json::type_name(root.type()));
    static const std::set<std::string> known = {"version", "inputs", "nodes", "outputs", "producer"};
    for (const auto& m : root.members()) check(known.count(m.first), "unknown top-level key '", m.first, "'");
    const Json& version = member(root, "version", "the graph description");
    check(version.is_int(), "'version' must be an integer, got ", io::json::type_name(version.type()));
    check(version.as_int() == kGraphVersion, "graph version ", version.as_int(), " is not supported (this nnlite "
          "reads version ", kGraphVersion, "; the file may come from a newer nnlite)");
    for (const auto& [key, t] : g_.constants) define(key, "a constant", t);
    load_inputs(array(root, "inputs", "the graph description"));
    const auto& nodes = array(root, "nodes", "the graph description").items();
    for (size_t i = 0; i < nodes.size(); ++i) load_node(nodes[i], i);
    load_outputs(array(root, "outputs", "the graph description"));
    if (optimize_) exported::optimize(g_);
    plan_release();
  }

 private:
  template <typename... A>
  void check(bool ok, const A&... what) const {
    if (!ok) NNLITE_FAIL(Value, "load_graph: '", name_, "': ", what...);
  }

  const Json& member(const Json& obj, const char* key, const std::string& owner) const {
    const Json* j = obj.find(key);
    check(j != nullptr, owner, " has no '", key, "'");
    return *j;
  }

  const Json& array(const Json& obj, const char* key, const std::string& owner) const {
    const Json& j = member(obj, key, owner);
    check(j.is_array(), owner, ": '", key, "' must be an array, got ", io::json::type_name(j.type()));
    return j;
  }

  std::string string(const Json& obj, const char* key, const std::string& owner) const {
    const Json& j = member(obj, key, owner);
    check(j.is_string() && !j.as_string().empty(), owner, ": '", key, "' must be a non-empty string, got ",
          io::json::type_name(j.type()));
    return j.as_string();
  }

  int define(const std::string& value, const std::string& owner, const Tensor& constant = Tensor()) {
    check(!slots_.count(value), owner, " defines '", value, "', a name already in use");
    const int slot = static_cast<int>(g_.initial.size());
    slots_[value] = slot;
    g_.initial.push_back(constant);
    return slot;
  }

  int lookup(const std::string& value, const std::string& owner) const {
    auto it = slots_.find(value);
    check(it != slots_.end(), owner, " uses '", value, "', which is not a graph input, a constant or the output "
          "of an earlier node");
    return it->second;
  }

  void load_inputs(const Json& inputs) {
    for (size_t i = 0; i < inputs.items().size(); ++i) {
      const Json& in = inputs.items()[i];
      const std::string owner = "graph input " + std::to_string(i);
      check(in.is_object(), owner, " must be an object");
      GraphInput gi;
      gi.name = string(in, "name", owner);
      const Json& rank = member(in, "rank", owner);
      check(rank.is_int() && rank.as_int() >= 0 && rank.as_int() <= kMaxRank, owner, ": 'rank' must be an integer "
            "in [0, ", kMaxRank, "]");
      gi.rank = rank.as_int();
      const std::string dtype = string(in, "dtype", owner);
      try {
        gi.dtype = dtype_from_name(dtype);
      } catch (const Error&) {
        check(false, owner, ": unknown dtype '", dtype, "'");
      }
      if (const Json* shape = in.find("shape")) {
        check(shape->is_array() && static_cast<int64_t>(shape->items().size()) == gi.rank, owner,
              ": 'shape' must be an array of ", gi.rank, " sizes");
        for (const Json& s : shape->items()) {
          check(s.is_int() && s.as_int() >= 0, owner, ": 'shape' must hold non-negative integers");
          gi.example_shape.push_back(s.as_int());
        }
      }
      for (const auto& m : in.members())
        check(m.first == "name" || m.first == "rank" || m.first == "dtype" || m.first == "shape", owner,
              ": unknown key '", m.first, "'");
      g_.input_slots.push_back(define(gi.name, owner));
      g_.inputs.push_back(std::move(gi));
    }
  }

  void load_node(const Json& node, size_t index) {
    std::string owner = "node " + std::to_string(index);
    check(node.is_object(), owner, " must be an object, got ", io::json::type_name(node.type()));
    for (const auto& m : node.members())
      check(m.first == "op" || m.first == "inputs" || m.first == "outputs" || m.first == "attrs", owner,
            ": unknown key '", m.first, "'");
    Graph::Impl::Step step;
    step.op = string(node, "op", owner);
    owner += " (" + step.op + ")";
    const schema::OpSchema* spec = schema::registry().find(step.op);
    if (!spec || !spec->is_graph_op()) {
      check(spec != nullptr, owner, ": unknown op '", step.op, "'; this nnlite knows ", op_list());
      check(false, owner, ": op '", step.op, "' is not a graph op (", spec->export_note(), ")");
    }
    const auto& ins = array(node, "inputs", owner).items();
    const int n_in = static_cast<int>(ins.size());
    const int min_in = spec->min_inputs(), max_in = spec->max_inputs();
    if (max_in < 0)
      check(n_in >= min_in, owner, ": takes at least ", min_in, " inputs, got ", n_in);
    else if (min_in == max_in)
      check(n_in == min_in, owner, ": takes ", min_in, " inputs, got ", n_in);
    else
      check(n_in >= min_in && n_in <= max_in, owner, ": takes ", min_in, " to ", max_in, " inputs, got ", n_in);
    for (int i = 0; i < n_in; ++i) {
      const Json& v = ins[static_cast<size_t>(i)];
      if (v.is_null()) {
        check(spec->input_may_be_null(i), owner, ": input ", i, " is null but is not optional");
        step.inputs.push_back(-1);
        continue;
      }
      check(v.is_string(), owner, ": input ", i, " must be a value name or null, got ", io::json::type_name(v.type()));
      step.inputs.push_back(lookup(v.as_string(), owner));
    }
    static const Json no_attrs = Json::object({});
    const Json* attrs = node.find("attrs");
    exported::Attrs parsed(attrs ? *attrs : no_attrs, "load_graph: '" + name_ + "': " + owner, ins.size(), spec);
    step.kernel = spec->prepare()(parsed);
    parsed.finish();
    if (attrs) step.attrs = *attrs;
    step.where = "graph '" + name_ + "' " + owner;

    const auto& outs = array(node, "outputs", owner).items();
    const int n_out = spec->num_outputs();
    if (n_out >= 0)
      check(static_cast<int>(outs.size()) == n_out, owner, ": gives ", n_out, " outputs, but ", outs.size(),
            " are named");
    else
      check(!outs.empty(), owner, ": names no outputs");
    step.any_outputs = n_out < 0;
    for (const Json& o : outs) {
      check(o.is_string() && !o.as_string().empty(), owner, ": outputs must be non-empty strings");
      step.outputs.push_back(define(o.as_string(), owner));
    }
    g_.steps.push_back(std::move(step));
  }

  void load_outputs(const Json& outputs) {
    check(!outputs.items().empty(), "the graph has no outputs");
    for (const Json& o : outputs.items()) {
      check(o.is_string(), "graph outputs must be value names (strings), got ", io::json::type_name(o.type()));
      g_.output_names.push_back(o.as_string());
      g_.output_slots.push_back(lookup(o.as_string(), "the graph's output list"));
    }
  }

  // Free each intermediate value after the last step that reads it, so a
  // run holds only the live activations.
  void plan_release() {
    std::map<int, size_t> last_use;
    for (size_t s = 0; s < g_.steps.size(); ++s)
      for (int slot : g_.steps[s].inputs)
        if (slot >= 0) last_use[slot] = s;
    std::set<int> keep(g_.output_slots.begin(), g_.output_slots.end());
    for (const auto& [slot, s] : last_use)  // constants (the optimiser adds some) stay
      if (!keep.count(slot) && !g_.initial[static_cast<size_t>(slot)].defined()) g_.steps[s].release.push_back(slot);
  }

  static std::string op_list() {
    std::string out;
    for (const auto& n : graph_op_names()) out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  const std::string& name_;
  Graph::Impl& g_;
  bool optimize_;
  std::map<std::string, int> slots_;
};

}  // namespace

namespace {

// The graph from a safetensors file's tensors and metadata.
Graph build(io::TensorMap tensors, const io::Metadata& metadata, const std::string& name, bool optimize) {
  auto format = metadata.find("format");
  NNLITE_CHECK(format != metadata.end() && format->second == "nnlite-graph", Value, "load_graph: '", name,
               "' is not an nnlite graph file (its safetensors metadata has no format 'nnlite-graph'; a file "
               "written by nnlite.save holds weights, not a graph)");
  auto text = metadata.find("graph");
  NNLITE_CHECK(text != metadata.end(), Value, "load_graph: '", name, "' has no 'graph' entry in its metadata");
  const Json root = io::json::parse(text->second.data(), text->second.size(),
                                    "load_graph: '" + name + "': the graph description ", /*allow_nonfinite=*/true);
  auto impl = std::make_shared<Graph::Impl>();
  impl->name = name;
  impl->constants = std::move(tensors);
  Loader(name, *impl, optimize).load(root);
  return Graph(std::move(impl));
}

}  // namespace

// Errors of the safetensors reader keep their kind and say which call failed.
template <typename Read>
io::TensorMap read_container(Read read) {
  try {
    return read();
  } catch (const Error& e) {
    throw Error(e.kind(), std::string("load_graph: ") + e.what());
  }
}

Graph parse_graph(const uint8_t* data, size_t size, const std::string& name, bool optimize) {
  io::Metadata metadata;
  io::TensorMap tensors = read_container([&] { return io::load_from_bytes(data, size, &metadata, name); });
  return build(std::move(tensors), metadata, name, optimize);
}

Graph load_graph(const std::string& path, bool optimize) {
  io::Metadata metadata;
  io::TensorMap tensors = read_container([&] { return io::load(path, &metadata); });
  return build(std::move(tensors), metadata, path, optimize);
}

std::vector<std::string> graph_op_names() {
  std::vector<std::string> out;
  for (const auto& [name, s] : schema::registry().all())
    if (s.is_graph_op()) out.push_back(name);
  return out;
}

}  // namespace nnlite
