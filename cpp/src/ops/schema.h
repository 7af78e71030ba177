// One declaration per op: its name, tensor inputs, attributes, outputs,
// whether it is differentiable, how it exports (a graph kernel, or recorded
// as other graph ops, or not at all, with the reason) and its ONNX mapping.
// op_names(), graph_op_names(), the graph loader (exported/load.cpp),
// nnlite._C.op_schemas() and the op-coverage test all read this one
// registry, so they cannot drift apart.
//
// Each op family file (unary.cpp, conv.cpp, ...) ends with a block
// `register_<family>_schemas(Registry&)` holding its ops' entries, next to
// their code; registry() calls those functions from one list (schema.cpp).
//
// An entry reads like this:
//   r.add(OpSchema("conv2d")
//             .inputs({"input", "weight", "bias?"})
//             .attrs({{"stride", AttrType::Pair}, {"groups", AttrType::Int}})
//             .differentiable()
//             .onnx({"Conv"})
//             .kernel([](Attrs& a) -> Kernel { ...parse attributes once...;
//                                             return [=](const TensorList& in) { ...call the op... }; }));
#pragma once
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "nnlite/tensor.h"

namespace nnlite {
namespace exported {
class Attrs;  // exported/attrs.h: typed reader of a graph node's attributes
}

namespace schema {

using exported::Attrs;

// The kinds of attribute a graph node may carry, as the graph file's JSON
// holds them. A null or absent attribute is the same thing (its default).
enum class AttrType {
  Int,           // 3
  Ints,          // [1, 2, 3]
  OptionalInts,  // [7, null]: null entries keep a size of the input
  Pair,          // [h, w]
  Float,         // 0.5 (an integer is accepted)
  Floats,        // [2.0, 2.0]
  Bool,          // true
  Scalar,        // a number or a bool that keeps its kind (int 2 vs float 2.0)
  String,        // "mean"
  DType,         // "float32"
  Shape,         // sizes, each an integer or {"dim_of": input, "dim": d} (follows an input's size)
};
const char* attr_type_name(AttrType t);  // "int", "ints", ..., as nnlite._C.op_schemas() shows them

struct Input {
  enum Kind { Required, Optional, ZeroOrMore, OneOrMore };
  std::string name;
  Kind kind = Required;
};

struct Attr {
  std::string name;
  AttrType type;
};

// A graph kernel runs the C++ op on one node's inputs (an undefined tensor
// for an absent optional input); Prepare parses the node's attributes once,
// at load time, into that kernel.
using Kernel = std::function<TensorList(const TensorList&)>;
using Prepare = std::function<Kernel(Attrs&)>;

class OpSchema {
 public:
  explicit OpSchema(std::string name);

  // ---- declaring (each returns *this) ----
  // Input names; a suffix marks the kind: "bias?" optional (may be null, or
  // left off at the end), "tensors+" one or more, "sizes_of*" zero or more
  // (a graph op's variadic input comes last).
  OpSchema& inputs(const std::vector<std::string>& names);
  OpSchema& attrs(std::initializer_list<Attr> attrs);
  OpSchema& attrs(const std::vector<Attr>& attrs);  // a list shared by several entries
  OpSchema& add_attr(Attr attr);
  OpSchema& outputs(int n);  // -1: as many as the graph node names (split, chunk)
  OpSchema& differentiable(bool yes = true);
  // How it exports: exactly one of these three.
  OpSchema& kernel(Prepare prepare);  // a graph op the interpreter runs
  OpSchema& recorded_as(std::vector<std::string> graph_ops, std::string why);  // none: an alias
  OpSchema& not_exportable(std::string why);
  // Its ONNX (opset 17) mapping, for a graph op: the ONNX ops it becomes, or
  // none and why (the ONNX converter then rejects it with UnsupportedOp).
  OpSchema& onnx(std::vector<std::string> onnx_ops);
  OpSchema& no_onnx(std::string why);

  // ---- reading ----
  const std::string& name() const { return name_; }
  const std::vector<Input>& input_list() const { return inputs_; }
  const std::vector<Attr>& attr_list() const { return attrs_; }
  const Attr* find_attr(const std::string& name) const;  // nullptr when not declared
  int num_outputs() const { return outputs_; }
  bool is_differentiable() const { return differentiable_; }
  bool is_graph_op() const { return static_cast<bool>(prepare_); }
  const Prepare& prepare() const { return prepare_; }
  const std::vector<std::string>& exported_as() const { return exported_as_; }
  const std::string& export_note() const { return export_note_; }  // why not a graph op
  const std::vector<std::string>& onnx_ops() const { return onnx_ops_; }
  const std::string& onnx_note() const { return onnx_note_; }  // why no ONNX mapping

  // The input counts a graph node may have, derived from input_list().
  int min_inputs() const;
  int max_inputs() const;  // -1: no limit (a variadic input)
  bool input_may_be_null(int position) const;

  // Runtime error naming the op when the entry is incomplete or contradicts itself.
  void validate() const;

 private:
  std::string name_;
  std::vector<Input> inputs_;
  std::vector<Attr> attrs_;
  int outputs_ = 1;
  bool differentiable_ = false;
  Prepare prepare_;
  bool export_declared_ = false;
  std::vector<std::string> exported_as_;
  std::string export_note_;
  bool onnx_declared_ = false;
  std::vector<std::string> onnx_ops_;
  std::string onnx_note_;
};

class Registry {
 public:
  void add(OpSchema schema);  // Runtime error on a duplicate name or an invalid entry
  const OpSchema* find(const std::string& name) const;  // nullptr for unknown ops
  const std::map<std::string, OpSchema>& all() const { return ops_; }  // by name

 private:
  std::map<std::string, OpSchema> ops_;
};

// Every op's schema, built on the first call (see schema.cpp) and never changed after.
const Registry& registry();

// The family files' registration blocks, each at the end of its file.
void register_unary_schemas(Registry& r);            // unary.cpp (and the cast "to")
void register_binary_schemas(Registry& r);           // binary.cpp (and "scalar")
void register_rounding_schemas(Registry& r);         // rounding.cpp
void register_reduce_schemas(Registry& r);           // reduce.cpp
void register_linalg_schemas(Registry& r);           // linalg.cpp
void register_softmax_dropout_schemas(Registry& r);  // softmax_dropout.cpp
void register_conv_schemas(Registry& r);             // conv.cpp
void register_pool_schemas(Registry& r);             // pool.cpp
void register_norm_schemas(Registry& r);             // norm.cpp
void register_pad_upsample_schemas(Registry& r);     // pad_upsample.cpp
void register_loss_schemas(Registry& r);             // loss.cpp
void register_view_schemas(Registry& r);             // view.cpp
void register_join_schemas(Registry& r);             // join.cpp
void register_index_schemas(Registry& r);            // index.cpp
void register_creation_schemas(Registry& r);         // creation.cpp
void register_sort_schemas(Registry& r);             // sort.cpp
void register_positional_schemas(Registry& r);       // positional.cpp
void register_select_schemas(Registry& r);           // select.cpp
void register_categorical_schemas(Registry& r);      // categorical.cpp
void register_embedding_schemas(Registry& r);        // embedding.cpp
void register_attention_schemas(Registry& r);        // attention.cpp
void register_recurrent_cell_schemas(Registry& r);   // recurrent_cells.cpp
void register_sampling_schemas(Registry& r);        // sampling.cpp
void register_recurrent_layer_schemas(Registry& r);  // recurrent_layers.cpp
void register_spiking_schemas(Registry& r);          // spiking.cpp
void register_rbm_schemas(Registry& r);              // rbm.cpp

// ---- shorthands for the registration blocks ----
inline TensorList one(Tensor t) { return TensorList{std::move(t)}; }
// The i-th input, or an undefined tensor when the node has fewer.
const Tensor& input_or_none(const TensorList& in, size_t i);
// Kernels of ops without attributes.
Prepare unary_kernel(Tensor (*f)(const Tensor&));
Prepare binary_kernel(Tensor (*f)(const Tensor&, const Tensor&));

}  // namespace schema
}  // namespace nnlite
