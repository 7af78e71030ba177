// The schema registry: the entries' checks and the one list of family
// registration functions.
#include "ops/schema.h"

#include <algorithm>
#include <utility>

#include "nnlite/error.h"

namespace nnlite::schema {

const char* attr_type_name(AttrType t) {
  switch (t) {
    case AttrType::Int: return "int";
    case AttrType::Ints: return "ints";
    case AttrType::OptionalInts: return "optional_ints";
    case AttrType::Pair: return "pair";
    case AttrType::Float: return "float";
    case AttrType::Floats: return "floats";
    case AttrType::Bool: return "bool";
    case AttrType::Scalar: return "scalar";
    case AttrType::String: return "string";
    case AttrType::DType: return "dtype";
    case AttrType::Shape: return "shape";
  }
  return "?";
}

OpSchema::OpSchema(std::string name) : name_(std::move(name)) {}

OpSchema& OpSchema::inputs(const std::vector<std::string>& names) {
  inputs_.clear();
  for (std::string s : names) {
    Input in;
    const char last = s.empty() ? '\0' : s.back();
    in.kind = last == '?' ? Input::Optional : last == '*' ? Input::ZeroOrMore : last == '+' ? Input::OneOrMore
                                                                                          : Input::Required;
    if (in.kind != Input::Required) s.pop_back();
    in.name = std::move(s);
    inputs_.push_back(std::move(in));
  }
  return *this;
}

OpSchema& OpSchema::attrs(std::initializer_list<Attr> attrs) {
  attrs_.assign(attrs.begin(), attrs.end());
  return *this;
}

OpSchema& OpSchema::attrs(const std::vector<Attr>& attrs) {
  attrs_ = attrs;
  return *this;
}

OpSchema& OpSchema::add_attr(Attr attr) {
  attrs_.push_back(std::move(attr));
  return *this;
}

OpSchema& OpSchema::outputs(int n) {
  outputs_ = n;
  return *this;
}

OpSchema& OpSchema::differentiable(bool yes) {
  differentiable_ = yes;
  return *this;
}

OpSchema& OpSchema::kernel(Prepare prepare) {
  NNLITE_CHECK(!export_declared_, Runtime, "op schema '", name_, "': its export is declared twice");
  export_declared_ = true;
  prepare_ = std::move(prepare);
  return *this;
}

OpSchema& OpSchema::recorded_as(std::vector<std::string> graph_ops, std::string why) {
  NNLITE_CHECK(!export_declared_, Runtime, "op schema '", name_, "': its export is declared twice");
  export_declared_ = true;
  exported_as_ = std::move(graph_ops);
  export_note_ = std::move(why);
  return *this;
}

OpSchema& OpSchema::not_exportable(std::string why) {
  NNLITE_CHECK(!export_declared_, Runtime, "op schema '", name_, "': its export is declared twice");
  export_declared_ = true;
  export_note_ = std::move(why);
  return *this;
}

OpSchema& OpSchema::onnx(std::vector<std::string> onnx_ops) {
  NNLITE_CHECK(!onnx_declared_, Runtime, "op schema '", name_, "': its ONNX mapping is declared twice");
  onnx_declared_ = true;
  onnx_ops_ = std::move(onnx_ops);
  return *this;
}

OpSchema& OpSchema::no_onnx(std::string why) {
  NNLITE_CHECK(!onnx_declared_, Runtime, "op schema '", name_, "': its ONNX mapping is declared twice");
  onnx_declared_ = true;
  onnx_note_ = std::move(why);
  return *this;
}

const Attr* OpSchema::find_attr(const std::string& name) const {
  for (const Attr& a : attrs_)
    if (a.name == name) return &a;
  return nullptr;
}

int OpSchema::min_inputs() const {
  // Everything up to the last required input must be given (a null stands
  // for an absent optional one in between); "x+" needs one tensor.
  int min = 0;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    if (inputs_[i].kind == Input::Required) min = static_cast<int>(i) + 1;
    if (inputs_[i].kind == Input::OneOrMore) min = static_cast<int>(i) + 1;
  }
  return min;
}

int OpSchema::max_inputs() const {
  if (!inputs_.empty() && (inputs_.back().kind == Input::ZeroOrMore || inputs_.back().kind == Input::OneOrMore))
    return -1;
  return static_cast<int>(inputs_.size());
}

bool OpSchema::input_may_be_null(int position) const {
  return position >= 0 && static_cast<size_t>(position) < inputs_.size() &&
         inputs_[static_cast<size_t>(position)].kind == Input::Optional;
}

void OpSchema::validate() const {
  auto fail_if = [&](bool bad, const char* what) {
    NNLITE_CHECK(!bad, Runtime, "op schema '", name_, "': ", what);
  };
  fail_if(name_.empty(), "the name is empty");
  int variadic = 0;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    fail_if(inputs_[i].name.empty(), "an input has no name");
    if (inputs_[i].kind != Input::ZeroOrMore && inputs_[i].kind != Input::OneOrMore) continue;
    ++variadic;
    // A graph node lists its inputs in order, so only a trailing list is unambiguous there.
    fail_if(prepare_ && i + 1 != inputs_.size(), "a graph op's variadic input must come last");
  }
  fail_if(variadic > 1, "at most one input may be variadic");
  for (size_t i = 0; i < attrs_.size(); ++i)
    for (size_t j = 0; j < i; ++j) fail_if(attrs_[i].name == attrs_[j].name, "an attribute is declared twice");
  fail_if(outputs_ < -1 || outputs_ == 0, "outputs must be positive, or -1 for as many as the node names");
  fail_if(!export_declared_, "says nothing about export: give kernel(), recorded_as() or not_exportable()");
  fail_if(!prepare_ && export_note_.empty(), "an op that is not a graph op must say why");
  fail_if(is_graph_op() && !onnx_declared_, "a graph op must give its ONNX mapping: onnx({...}) or no_onnx(why)");
  fail_if(!is_graph_op() && onnx_declared_, "only a graph op has an ONNX mapping");
  fail_if(onnx_declared_ && onnx_ops_.empty() && onnx_note_.empty(), "no_onnx() must say why");
}

void Registry::add(OpSchema schema) {
  schema.validate();
  NNLITE_CHECK(!ops_.count(schema.name()), Runtime, "op schema '", schema.name(), "' is registered twice");
  std::string name = schema.name();
  ops_.emplace(std::move(name), std::move(schema));
}

const OpSchema* Registry::find(const std::string& name) const {
  auto it = ops_.find(name);
  return it == ops_.end() ? nullptr : &it->second;
}

const Registry& registry() {
  // Built on first use: a function-local static is initialised exactly once
  // even when several threads get here together (C++11), and, unlike static
  // registrar objects spread over the family files, it does not depend on
  // the order in which the shared library initialises its files. A family
  // file with ops adds its function to this list once; its ops then need
  // nothing here.
  static const Registry instance = [] {
    Registry r;
    register_unary_schemas(r);
    register_binary_schemas(r);
    register_rounding_schemas(r);
    register_reduce_schemas(r);
    register_linalg_schemas(r);
    register_softmax_dropout_schemas(r);
    register_conv_schemas(r);
    register_pool_schemas(r);
    register_norm_schemas(r);
    register_pad_upsample_schemas(r);
    register_loss_schemas(r);
    register_view_schemas(r);
    register_join_schemas(r);
    register_index_schemas(r);
    register_creation_schemas(r);
    register_sort_schemas(r);
    register_positional_schemas(r);
    register_select_schemas(r);
    register_categorical_schemas(r);
    register_embedding_schemas(r);
    register_attention_schemas(r);
    register_recurrent_cell_schemas(r);
    register_sampling_schemas(r);
    register_recurrent_layer_schemas(r);
    register_spiking_schemas(r);
    register_rbm_schemas(r);
    return r;
  }();
  return instance;
}

const Tensor& input_or_none(const TensorList& in, size_t i) {
  static const Tensor none;
  return i < in.size() ? in[i] : none;
}

Prepare unary_kernel(Tensor (*f)(const Tensor&)) {
  return [f](Attrs&) -> Kernel { return [f](const TensorList& in) { return one(f(in[0])); }; };
}

Prepare binary_kernel(Tensor (*f)(const Tensor&, const Tensor&)) {
  return [f](Attrs&) -> Kernel { return [f](const TensorList& in) { return one(f(in[0], in[1])); }; };
}

}  // namespace nnlite::schema
