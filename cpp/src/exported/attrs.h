// Typed access to the "attrs" object of one graph node. Every getter names
// the node, the attribute, what it found and what it expected; finish()
// rejects attributes that no getter asked for, so a typo or a file written by
// a newer nnlite fails at load time instead of being ignored. Given the op's
// schema (ops/schema.h), a getter also insists that the schema declares the
// attribute with the type it reads, so the declaration and the kernel that
// parses it cannot drift apart.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "io/json.h"
#include "nnlite/ops.h"
#include "ops/schema.h"

namespace nnlite::exported {

using Json = io::json::Value;

// One size of a shape attribute: a fixed number, or the size of dim `dim` of
// the node's input `input`, so that a graph follows the batch size (or any
// other size) of the tensors it is given. JSON: 5, or {"dim_of": 1, "dim": 0}.
struct SizeRef {
  int64_t value = 0;
  int input = -1;  // -1: fixed
  int64_t dim = 0;
};
using ShapeSpec = std::vector<SizeRef>;

// The shape for this run; IndexError when a referenced dim does not exist.
Shape resolve_shape(const ShapeSpec& spec, const TensorList& inputs, const char* op);

class Attrs {
 public:
  // `attrs` (and `schema`, when given) must outlive this object; `where`
  // prefixes every message ("load_graph: 'model.nnl' node 3 (conv2d)").
  Attrs(const Json& attrs, std::string where, size_t num_inputs, const schema::OpSchema* schema = nullptr);

  const std::string& where() const { return where_; }
  bool has(const char* key) const;  // present and not null (a declared attribute)

  int64_t integer(const char* key);
  int64_t integer(const char* key, int64_t fallback);
  std::optional<int64_t> optional_integer(const char* key);  // absent or null -> nullopt
  double number(const char* key);
  double number(const char* key, double fallback);
  bool boolean(const char* key);
  bool boolean(const char* key, bool fallback);
  std::string string(const char* key);
  std::string string(const char* key, const std::string& fallback);
  std::vector<int64_t> ints(const char* key);
  std::vector<int64_t> ints(const char* key, const std::vector<int64_t>& fallback);
  Pair pair(const char* key);  // exactly two ints
  Pair pair(const char* key, Pair fallback);
  std::vector<std::optional<int64_t>> optional_ints(const char* key, size_t count);  // ints or nulls
  std::vector<double> numbers(const char* key, size_t count);
  Scalar scalar(const char* key);  // a JSON bool, integer or number keeps its kind
  std::optional<Scalar> optional_scalar(const char* key);
  DType dtype(const char* key);
  ShapeSpec shape(const char* key);

  void finish() const;

 private:
  // Marks `key` as read, after checking that the schema declares it as `type`.
  void use(const char* key, schema::AttrType type);
  const Json& required(const char* key, schema::AttrType type);
  const Json* optional(const char* key, schema::AttrType type);  // nullptr when absent or null
  std::vector<int64_t> int_array(const Json& j, const char* key) const;
  [[noreturn]] void bad(const char* key, const Json& got, const char* expected) const;

  const Json& attrs_;
  std::string where_;
  size_t num_inputs_;
  const schema::OpSchema* schema_;
  std::set<std::string> used_;
};

}  // namespace nnlite::exported
