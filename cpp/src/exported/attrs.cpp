// Typed getters over a node's attribute object; see attrs.h.
#include "exported/attrs.h"

#include <utility>

#include "nnlite/error.h"

namespace nnlite::exported {

Shape resolve_shape(const ShapeSpec& spec, const TensorList& inputs, const char* op) {
  Shape out;
  out.reserve(spec.size());
  for (const SizeRef& s : spec) {
    if (s.input < 0) {
      out.push_back(s.value);
      continue;
    }
    const Tensor& t = inputs[static_cast<size_t>(s.input)];
    NNLITE_CHECK(t.defined() && s.dim >= -t.dim() && s.dim < t.dim(), Index, op, ": the shape refers to dim ", s.dim,
                 " of input ", s.input, ", which has ", t.defined() ? t.dim() : 0, " dims");
    out.push_back(t.size(s.dim));
  }
  return out;
}

Attrs::Attrs(const Json& attrs, std::string where, size_t num_inputs, const schema::OpSchema* schema)
    : attrs_(attrs), where_(std::move(where)), num_inputs_(num_inputs), schema_(schema) {
  NNLITE_CHECK(attrs_.is_object(), Value, where_, ": 'attrs' must be an object, got ",
               io::json::type_name(attrs_.type()));
}

namespace {
using schema::AttrType;

// A kernel reading an attribute its schema does not declare (or declares
// with another type) is a bug in nnlite, not in the file: Runtime error.
void check_declared(const schema::OpSchema* s, const char* key, const AttrType* type) {
  if (!s) return;
  const schema::Attr* a = s->find_attr(key);
  NNLITE_CHECK(a != nullptr, Runtime, "op schema '", s->name(), "': its graph kernel reads attribute '", key,
               "', which the schema does not declare");
  NNLITE_CHECK(!type || a->type == *type, Runtime, "op schema '", s->name(), "': attribute '", key,
               "' is declared as ", schema::attr_type_name(a->type), " but its graph kernel reads it as ",
               schema::attr_type_name(*type));
}
}  // namespace

bool Attrs::has(const char* key) const {
  check_declared(schema_, key, nullptr);
  const Json* j = attrs_.find(key);
  return j && !j->is_null();
}

void Attrs::bad(const char* key, const Json& got, const char* expected) const {
  NNLITE_FAIL(Value, where_, ": attribute '", key, "' must be ", expected, ", got ", io::json::type_name(got.type()));
}

void Attrs::use(const char* key, AttrType type) {
  check_declared(schema_, key, &type);
  used_.insert(key);
}

const Json& Attrs::required(const char* key, AttrType type) {
  use(key, type);
  const Json* j = attrs_.find(key);
  NNLITE_CHECK(j && !j->is_null(), Value, where_, ": missing attribute '", key, "'");
  return *j;
}

const Json* Attrs::optional(const char* key, AttrType type) {
  use(key, type);
  const Json* j = attrs_.find(key);
  return j && !j->is_null() ? j : nullptr;
}

int64_t Attrs::integer(const char* key) {
  const Json& j = required(key, AttrType::Int);
  if (!j.is_int()) bad(key, j, "an integer");
  return j.as_int();
}

int64_t Attrs::integer(const char* key, int64_t fallback) {
  return optional(key, AttrType::Int) ? integer(key) : fallback;
}

std::optional<int64_t> Attrs::optional_integer(const char* key) {
  if (!optional(key, AttrType::Int)) return std::nullopt;
  return integer(key);
}

double Attrs::number(const char* key) {
  const Json& j = required(key, AttrType::Float);
  if (!j.is_number()) bad(key, j, "a number");
  return j.as_double();
}

double Attrs::number(const char* key, double fallback) {
  return optional(key, AttrType::Float) ? number(key) : fallback;
}

bool Attrs::boolean(const char* key) {
  const Json& j = required(key, AttrType::Bool);
  if (!j.is_bool()) bad(key, j, "true or false");
  return j.as_bool();
}

bool Attrs::boolean(const char* key, bool fallback) { return optional(key, AttrType::Bool) ? boolean(key) : fallback; }

std::string Attrs::string(const char* key) {
  const Json& j = required(key, AttrType::String);
  if (!j.is_string()) bad(key, j, "a string");
  return j.as_string();
}

std::string Attrs::string(const char* key, const std::string& fallback) {
  return optional(key, AttrType::String) ? string(key) : fallback;
}

std::vector<int64_t> Attrs::int_array(const Json& j, const char* key) const {
  if (!j.is_array()) bad(key, j, "an array of integers");
  std::vector<int64_t> out;
  for (const Json& e : j.items()) {
    if (!e.is_int()) bad(key, e, "an array of integers (one entry is not)");
    out.push_back(e.as_int());
  }
  return out;
}

std::vector<int64_t> Attrs::ints(const char* key) { return int_array(required(key, AttrType::Ints), key); }

std::vector<int64_t> Attrs::ints(const char* key, const std::vector<int64_t>& fallback) {
  return optional(key, AttrType::Ints) ? ints(key) : fallback;
}

Pair Attrs::pair(const char* key) {
  std::vector<int64_t> v = int_array(required(key, AttrType::Pair), key);
  NNLITE_CHECK(v.size() == 2, Value, where_, ": attribute '", key, "' must hold 2 integers (height, width), got ",
               v.size());
  return {v[0], v[1]};
}

Pair Attrs::pair(const char* key, Pair fallback) { return optional(key, AttrType::Pair) ? pair(key) : fallback; }

std::vector<std::optional<int64_t>> Attrs::optional_ints(const char* key, size_t count) {
  const Json& j = required(key, AttrType::OptionalInts);
  if (!j.is_array()) bad(key, j, "an array of integers or nulls");
  NNLITE_CHECK(j.items().size() == count, Value, where_, ": attribute '", key, "' must hold ", count,
               " entries, got ", j.items().size());
  std::vector<std::optional<int64_t>> out;
  for (const Json& e : j.items()) {
    if (e.is_null()) {
      out.emplace_back();
      continue;
    }
    if (!e.is_int()) bad(key, e, "an array of integers or nulls (one entry is not)");
    out.emplace_back(e.as_int());
  }
  return out;
}

std::vector<double> Attrs::numbers(const char* key, size_t count) {
  const Json& j = required(key, AttrType::Floats);
  if (!j.is_array()) bad(key, j, "an array of numbers");
  NNLITE_CHECK(j.items().size() == count, Value, where_, ": attribute '", key, "' must hold ", count,
               " numbers, got ", j.items().size());
  std::vector<double> out;
  for (const Json& e : j.items()) {
    if (!e.is_number()) bad(key, e, "an array of numbers (one entry is not)");
    out.push_back(e.as_double());
  }
  return out;
}

Scalar Attrs::scalar(const char* key) {
  const Json& j = required(key, AttrType::Scalar);
  if (j.is_bool()) return Scalar(j.as_bool());
  if (j.is_int()) return Scalar(j.as_int());
  if (j.is_number()) return Scalar(j.as_double());
  bad(key, j, "a number or a boolean");
}

std::optional<Scalar> Attrs::optional_scalar(const char* key) {
  if (!optional(key, AttrType::Scalar)) return std::nullopt;
  return scalar(key);
}

DType Attrs::dtype(const char* key) {
  const Json& j = required(key, AttrType::DType);
  if (!j.is_string()) bad(key, j, "a string");
  const std::string name = j.as_string();
  try {
    return dtype_from_name(name);
  } catch (const Error&) {
    NNLITE_FAIL(Value, where_, ": attribute '", key, "' names an unknown dtype '", name,
                "' (expected bool, uint8, int32, int64, float32 or float64)");
  }
}

ShapeSpec Attrs::shape(const char* key) {
  const Json& j = required(key, AttrType::Shape);
  if (!j.is_array()) bad(key, j, "an array of sizes");
  ShapeSpec out;
  for (const Json& e : j.items()) {
    if (e.is_int()) {
      out.push_back({e.as_int(), -1, 0});
      continue;
    }
    // {"dim_of": input index, "dim": d}: the size of a dim of one of the inputs.
    const Json* of = e.is_object() ? e.find("dim_of") : nullptr;
    const Json* dim = e.is_object() ? e.find("dim") : nullptr;
    NNLITE_CHECK(of && dim && of->is_int() && dim->is_int() && e.members().size() == 2, Value, where_,
                 ": attribute '", key, "' entries must be integers or {\"dim_of\": input, \"dim\": d}, got ",
                 io::json::type_name(e.type()));
    NNLITE_CHECK(of->as_int() >= 0 && static_cast<size_t>(of->as_int()) < num_inputs_, Value, where_,
                 ": attribute '", key, "' refers to input ", of->as_int(), " but the node has ", num_inputs_,
                 " inputs");
    out.push_back({0, static_cast<int>(of->as_int()), dim->as_int()});
  }
  return out;
}

void Attrs::finish() const {
  for (const auto& m : attrs_.members()) {
    if (used_.count(m.first)) continue;
    if (!schema_) NNLITE_FAIL(Value, where_, ": unknown attribute '", m.first, "'");
    NNLITE_CHECK(!schema_->find_attr(m.first), Value, where_, ": attribute '", m.first,
                 "' does not apply together with the node's other attributes");
    // Name what the op does take, so a typo is quick to fix.
    std::string known;
    for (const schema::Attr& a : schema_->attr_list()) known += (known.empty() ? "" : ", ") + a.name;
    NNLITE_FAIL(Value, where_, ": unknown attribute '", m.first, "' (", schema_->name(), " takes ",
                known.empty() ? std::string("none") : known, ")");
  }
}

}  // namespace nnlite::exported
