// The recorder: which tensors are graph values, the constants, the nodes
// (see recorder.h and nnlite/export.h).
//
// Values are named in SSA form: graph inputs "%input0", node outputs "%1",
// "%2", ..., named constants by their given (state-dict) names and other
// constants "%const0", ... ('%' cannot start a state-dict name, so names
// never clash). Tensors are identified by their TensorImpl; every tensor
// bound to a name is kept alive so that no other tensor can take its address.
#include "exported/recorder.h"

#include <map>
#include <set>
#include <thread>

#include "nnlite/autograd.h"
#include "nnlite/nnlite.h"

namespace nnlite::exported {

thread_local Recorder* t_active = nullptr;
thread_local int t_depth = 0;

std::string to_text(const Json& v);  // save.cpp

class Recorder {
 public:
  struct Node {
    std::string op;
    std::vector<Json> inputs;  // names, or null
    std::vector<std::string> outputs;
    NodeAttrs attrs;
  };

  std::map<const TensorImpl*, std::string> names;        // graph values
  std::vector<Tensor> alive;                             // every tensor ever bound (keeps addresses unique)
  std::map<const TensorImpl*, std::string> const_names;  // constants already used
  std::map<const TensorImpl*, std::string> known;        // the caller's named constants
  NamedTensors known_tensors;
  std::map<std::string, Tensor> constants;
  std::map<std::string, uint64_t> const_versions;
  std::map<std::string, GraphValueInfo> info;
  std::map<const TensorImpl*, std::string> poisoned;  // computed from graph values, but not expressible
  std::set<std::string> stale;  // values whose memory an in-place op changed behind the graph's back
  std::map<std::string, std::string> scalars;  // JSON text of a number -> its "scalar" node output
  std::vector<Node> nodes;
  std::vector<Json> inputs;
  int count = 0;
  std::string producer;
  bool started = false, finished = false;
  std::thread::id owner;
  // The bindings' note for the next shaped op.
  bool noted = false;
  Shape noted_shape;
  std::vector<SizeSource> noted_sources;

  // A graph value (or a poisoned tensor, whose reading value() refuses).
  bool is_value(const Tensor& t) const { return t.defined() && (names.count(t.impl()) || poisoned.count(t.impl())); }

  void bind(const Tensor& t, const std::string& name) {
    names[t.impl()] = name;
    alive.push_back(t);
    info[name] = GraphValueInfo{t.dtype(), t.shape()};
  }

  std::string fresh() { return "%" + std::to_string(++count); }

  std::string value(const Tensor& t, const char* op) {
    auto it = names.find(t.impl());
    if (it != names.end()) {
      if (stale.count(it->second))
        throw ExportError(std::string("export: ") + op + " reads a tensor that shares memory with a tensor changed "
                          "in place earlier in the forward pass; a graph cannot express that aliasing (use the "
                          "out-of-place op, e.g. x = x + y instead of x += y)");
      return it->second;
    }
    auto p = poisoned.find(t.impl());
    if (p != poisoned.end()) throw ExportError(p->second);
    if (t.impl()->wrapped_number && t.dim() == 0) return scalar(t);
    auto c = const_names.find(t.impl());
    if (c != const_names.end()) return c->second;
    // A constant over a graph value's memory was made from it by something
    // that did not report (a view the recorder does not know): refuse rather
    // than freeze the export's values.
    for (const Tensor& v : alive)
      if (v.storage() == t.storage())
        throw ExportError(std::string("export: ") + op + " reads a tensor that shares memory with a tensor "
                          "computed from the model's inputs but was made by an operation the exporter does not "
                          "record (as_strided, a raw data pointer, ...)");
    auto k = known.find(t.impl());
    std::string name = k != known.end() ? k->second : "%const" + std::to_string(constants.size());
    const_names[t.impl()] = name;
    constants[name] = t;
    const_versions[name] = t.version();
    info[name] = GraphValueInfo{t.dtype(), t.shape()};
    return name;
  }

  // A Python number as the 0-d "scalar" a binary op turns it into.
  std::string scalar(const Tensor& t) {
    Json v;
    switch (t.dtype()) {
      case DType::Bool: v = jbool(*t.data<bool>()); break;
      case DType::Int64: v = jint(*t.data<int64_t>()); break;
      case DType::Int32: v = jint(*t.data<int32_t>()); break;
      case DType::UInt8: v = jint(*t.data<uint8_t>()); break;
      case DType::Float32: v = jnum(*t.data<float>()); break;
      case DType::Float64: v = jnum(*t.data<double>()); break;
    }
    std::string key = std::string(v.is_bool() ? "b" : v.is_int() ? "i" : "f") + to_text(v);
    auto it = scalars.find(key);
    if (it != scalars.end()) return it->second;
    std::string name = fresh();
    // No entry in `info`: its dtype is the one its consumer computes in.
    nodes.push_back(Node{"scalar", {}, {name}, {{"value", v}}});
    return scalars[key] = name;
  }

  Json input_name(const Tensor& t, const char* op) { return t.defined() ? jstr(value(t, op)) : Json(); }

  void emit(const char* op, std::vector<Json> ins, const TensorList& outputs, NodeAttrs attrs) {
    Node n{op, std::move(ins), {}, std::move(attrs)};
    for (const Tensor& o : outputs) {
      n.outputs.push_back(fresh());
      bind(o, n.outputs.back());
    }
    nodes.push_back(std::move(n));
  }

  // `target` now holds the value `name`; the other values over its memory changed too.
  void rebind(const Tensor& target, const std::string& name) {
    for (const Tensor& v : alive)
      if (!v.same(target) && v.storage() == target.storage() && v.numel() > 0) {
        auto it = names.find(v.impl());
        if (it != names.end() && it->second != name) stale.insert(it->second);
      }
    bind(target, name);
  }

  // What a shaped op's size list becomes: ints and {"dim_of", "dim"} references.
  Json shape_attr(const char* display, const Shape& shape, std::vector<Json>& ins, bool* symbolic) {
    const bool use = noted && noted_shape == shape && noted_sources.size() == shape.size();
    std::vector<Json> out;
    for (size_t i = 0; i < shape.size(); ++i) {
      const SizeSource* s = use ? &noted_sources[i] : nullptr;
      if (s && s->kind == SizeSource::Derived)
        throw ExportError(std::string("export: ") + display + " was given a size computed by arithmetic on the "
                          "inputs' sizes (" + std::to_string(shape[i]) + "); a graph cannot follow it to other input "
                          "sizes. Use -1, flatten() or sizes read directly from x.shape");
      if (s && s->kind == SizeSource::Traced) {
        *symbolic = true;
        Json ref = jstr(s->value);
        size_t k = 0;
        while (k < ins.size() && !(ins[k].is_string() && ins[k].as_string() == s->value)) ++k;
        if (k == ins.size()) ins.push_back(ref);
        out.push_back(Json::object({{"dim_of", jint(static_cast<int64_t>(k))}, {"dim", jint(s->dim)}}));
      } else {
        out.push_back(jint(shape[i]));
      }
    }
    return Json::array(std::move(out));
  }

  Json graph(const std::vector<std::string>& outputs) const {
    std::vector<Json> ns;
    for (const Node& n : nodes) {
      std::vector<Json::Member> m{{"op", jstr(n.op)}, {"inputs", Json::array(n.inputs)}};
      std::vector<Json> outs;
      for (const auto& o : n.outputs) outs.push_back(jstr(o));
      m.emplace_back("outputs", Json::array(std::move(outs)));
      if (!n.attrs.empty()) {
        std::vector<Json::Member> a;
        for (const auto& [k, v] : n.attrs) a.emplace_back(k, v);
        m.emplace_back("attrs", Json::object(std::move(a)));
      }
      ns.push_back(Json::object(std::move(m)));
    }
    std::vector<Json> outs;
    for (const auto& o : outputs) outs.push_back(jstr(o));
    return Json::object({{"version", jint(1)}, {"producer", jstr(producer)}, {"inputs", Json::array(inputs)},
                         {"nodes", Json::array(std::move(ns))}, {"outputs", Json::array(std::move(outs))}});
  }
};

void OpScope::leave() {
  if (--t_depth == 0 && t_active) {
    t_active->noted = false;  // a note is for the op right after it, never a later one
    t_active->noted_sources.clear();
  }
}

// ---- attribute helpers ---------------------------------------------------------

Json jints(const std::vector<int64_t>& v) {
  std::vector<Json> out;
  for (int64_t x : v) out.push_back(jint(x));
  return Json::array(std::move(out));
}

Json jnums(const std::vector<double>& v) {
  std::vector<Json> out;
  for (double x : v) out.push_back(jnum(x));
  return Json::array(std::move(out));
}

Json jscalar(const Scalar& s) {
  switch (s.kind()) {
    case Scalar::Kind::Bool: return jbool(s.to<bool>());
    case Scalar::Kind::Int: return jint(s.to<int64_t>());
    case Scalar::Kind::Float: break;
  }
  return jnum(s.to_double());
}

Json jdtype(DType t) { return jstr(dtype_name(t)); }

// ---- reports ---------------------------------------------------------------------

namespace {
bool any_value(const Recorder& r, const TensorList& ts) {
  for (const Tensor& t : ts)
    if (r.is_value(t)) return true;
  return false;
}
}  // namespace

void report(const char* op, const TensorList& inputs, const TensorList& outputs, NodeAttrs attrs) {
  Recorder& r = *t_active;
  if (!any_value(r, inputs)) return;
  for (const Tensor& in : inputs)  // an op that returns its input: the same value
    if (outputs.size() == 1 && r.is_value(in) && outputs[0].same(in)) {
      r.value(in, op);  // still refuse stale reads
      return;
    }
  std::vector<Json> ins;
  for (const Tensor& t : inputs) ins.push_back(r.input_name(t, op));
  r.emit(op, std::move(ins), outputs, std::move(attrs));
}

void report_shaped(const char* op, const char* display, const Tensor& x, const Shape& shape,
                   const TensorList& outputs, NodeAttrs attrs) {
  Recorder& r = *t_active;
  std::vector<Json> ins;
  bool symbolic = false;
  const bool from_value = r.is_value(x);
  if (from_value) ins.push_back(jstr(r.value(x, display)));
  Json shape_json = r.shape_attr(display, shape, ins, &symbolic);
  if (!from_value && !symbolic) return;
  if (from_value && outputs.size() == 1 && outputs[0].same(x)) return;
  if (!from_value && x.defined()) ins.insert(ins.begin(), jstr(r.value(x, display)));
  attrs.insert(attrs.begin(), {"shape", std::move(shape_json)});
  r.emit(op, std::move(ins), outputs, std::move(attrs));
}

void report_alias(const Tensor& out, const Tensor& in) {
  Recorder& r = *t_active;
  if (!r.is_value(in) || out.same(in)) return;
  r.bind(out, r.value(in, "alias"));
}

void refuse(const char* op, const TensorList& inputs, const char* why) {
  Recorder& r = *t_active;
  if (!any_value(r, inputs)) return;
  throw ExportError(std::string("export: ") + op + " " +
                    (why ? why : "is not supported in exported graphs (it was called on a tensor computed from the "
                                 "model's inputs)"));
}

void poison(const Tensor& t, const TensorList& inputs, const char* message) {
  Recorder& r = *t_active;
  if (!any_value(r, inputs)) return;
  r.poisoned[t.impl()] = message;
  r.alive.push_back(t);
}

void refuse_sized(const char* op, const Shape& shape, const char* why) {
  Recorder& r = *t_active;
  if (!r.noted || r.noted_shape != shape) return;
  for (const SizeSource& src : r.noted_sources)
    if (src.kind != SizeSource::Fixed) throw ExportError(std::string("export: ") + op + " " + why);
}

void report_assign(const Tensor& target, const Tensor& result, const char* op) {
  Recorder& r = *t_active;
  const bool target_is = r.is_value(target);
  if (!target_is && !r.is_value(result)) return;
  if (!target_is)
    throw ExportError(std::string("export: ") + op + " changes a tensor that is not computed from the inputs (a "
                      "weight or buffer) using one that is; a graph cannot change its constants");
  std::string name = r.value(result, op);
  if (result.dtype() != target.dtype() || result.shape() != target.shape()) {
    NodeAttrs attrs;
    std::vector<Json> ins{jstr(name)};
    if (result.shape() != target.shape()) {
      throw ExportError(std::string("export: ") + op + " writes a value of shape " + shape_str(result.shape()) +
                        " into a tensor of shape " + shape_str(target.shape()) + " computed from the inputs; a "
                        "graph cannot express broadcasting in place (use expand() out of place)");
    }
    name = r.fresh();
    r.nodes.push_back(Recorder::Node{"to", std::move(ins), {name}, {{"dtype", jdtype(target.dtype())}}});
    r.info[name] = GraphValueInfo{target.dtype(), target.shape()};
  }
  r.rebind(target, name);
}

// ---- the bindings' side channel ------------------------------------------------------

std::optional<std::string> value_name(const Tensor& x) {
  if (!t_active || !x.defined()) return std::nullopt;
  auto it = t_active->names.find(x.impl());
  if (it == t_active->names.end()) return std::nullopt;
  return it->second;
}

void note_sizes(const Shape& shape, std::vector<SizeSource> sources) {
  if (!t_active) return;
  t_active->noted = true;
  t_active->noted_shape = shape;
  t_active->noted_sources = std::move(sources);
}

void note_shape_of(const Tensor& x) {
  auto name = value_name(x);
  if (!name) return;
  std::vector<SizeSource> s;
  for (int64_t d = 0; d < x.dim(); ++d) s.push_back(SizeSource{SizeSource::Traced, *name, d});
  note_sizes(x.shape(), std::move(s));
}

}  // namespace nnlite::exported

// ---- the session ------------------------------------------------------------------------

namespace nnlite {

using exported::Recorder;

GraphRecorder::GraphRecorder(const NamedTensors& named_constants, std::string producer)
    : impl_(std::make_unique<Recorder>()) {
  impl_->producer = producer.empty() ? std::string("nnlite ") + version() : std::move(producer);
  impl_->known_tensors = named_constants;
  for (const auto& [name, t] : named_constants)
    if (t.defined()) impl_->known.emplace(t.impl(), name);  // the first name of a shared tensor wins
}

GraphRecorder::~GraphRecorder() {
  if (active() && impl_->owner == std::this_thread::get_id()) stop();
}

bool GraphRecorder::active() const { return exported::t_active == impl_.get(); }

void GraphRecorder::start() {
  NNLITE_CHECK(!impl_->started, Runtime, "export: this recorder has already recorded a model; use a new one");
  NNLITE_CHECK(exported::t_active == nullptr, Runtime, "export: this thread is already recording an export; "
               "exports cannot be nested (another thread may export at the same time)");
  impl_->started = true;
  impl_->owner = std::this_thread::get_id();
  exported::t_active = impl_.get();
  exported::t_depth = 0;
}

void GraphRecorder::stop() {
  NNLITE_CHECK(impl_->owner == std::this_thread::get_id(), Runtime,
               "export: a recording must be stopped on the thread that started it");
  if (exported::t_active == impl_.get()) {
    exported::t_active = nullptr;
    exported::t_depth = 0;
  }
}

std::string GraphRecorder::add_input(const Tensor& x) {
  NNLITE_CHECK(x.defined(), Value, "export: example inputs must be defined tensors");
  NNLITE_CHECK(!impl_->is_value(x), Value, "export: the same tensor is given twice as an example input; pass "
               "distinct tensors");
  std::string name = "%input" + std::to_string(impl_->inputs.size());
  impl_->bind(x, name);
  std::vector<int64_t> shape(x.shape().begin(), x.shape().end());
  impl_->inputs.push_back(exported::Json::object({{"name", exported::jstr(name)}, {"rank", exported::jint(x.dim())},
                                        {"dtype", exported::jdtype(x.dtype())}, {"shape", exported::jints(shape)}}));
  return name;
}

GraphRecording GraphRecorder::finish(const TensorList& outputs) {
  Recorder& r = *impl_;
  NNLITE_CHECK(!r.finished, Runtime, "export: finish() was already called on this recorder");
  NNLITE_CHECK(!outputs.empty(), Value, "export: the model returned no outputs");
  std::vector<std::string> names;
  for (size_t i = 0; i < outputs.size(); ++i) {
    NNLITE_CHECK(outputs[i].defined(), Value, "export: output ", i, " of the model is an undefined tensor");
    names.push_back(r.value(outputs[i], "the model's output"));
  }
  for (const auto& [name, t] : r.constants)
    if (t.version() != r.const_versions[name])
      throw ExportError("export: the constant '" + name + "' was changed in place during the forward pass after a "
                        "recorded op had read it; a graph stores one value per constant");
  r.finished = true;
  GraphRecording out;
  out.graph_json = exported::to_text(r.graph(names));
  out.constants = r.constants;
  out.values = r.info;
  return out;
}

}  // namespace nnlite
