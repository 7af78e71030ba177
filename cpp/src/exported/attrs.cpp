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

Attrs::Attrs(const Json& attrs, std::string where, size_t num_inputs)
    : attrs_(attrs), where_(std::move(where)), num_inputs_(num_inputs) {
  NNLITE_CHECK(attrs_.is_object(), Value, where_, ": 'attrs' must be an object, got ",
               io::json::type_name(attrs_.type()));
}

bool Attrs::has(const char* key) const {
  const Json* j = attrs_.find(key);
  return j && !j->is_null();
}

void Attrs::bad(const char* key, const Json& got, const char* expected) const {
  NNLITE_FAIL(Value, where_, ": attribute '", key, "' must be ", expected, ", got ", io::json::type_name(got.type()));
}

const Json& Attrs::required(const char* key) {
  used_.insert(key);
  const Json* j = attrs_.find(key);
  NNLITE_CHECK(j && !j->is_null(), Value, where_, ": missing attribute '", key, "'");
  return *j;
}

const Json* Attrs::optional(const char* key) {
  used_.insert(key);
  const Json* j = attrs_.find(key);
  return j && !j->is_null() ? j : nullptr;
}

int64_t Attrs::integer(const char* key) {
  const Json& j = required(key);
  if (!j.is_int()) bad(key, j, "an integer");
  return j.as_int();
}

int64_t Attrs::integer(const char* key, int64_t fallback) { return has(key) ? integer(key) : (used_.insert(key), fallback); }

std::optional<int64_t> Attrs::optional_integer(const char* key) {
  if (!optional(key)) return std::nullopt;
  return integer(key);
}

double Attrs::number(const char* key) {
  const Json& j = required(key);
  if (!j.is_number()) bad(key, j, "a number");
  return j.as_double();
}

double Attrs::number(const char* key, double fallback) { return has(key) ? number(key) : (used_.insert(key), fallback); }

bool Attrs::boolean(const char* key) {
  const Json& j = required(key);
  if (!j.is_bool()) bad(key, j, "true or false");
  return j.as_bool();
}

bool Attrs::boolean(const char* key, bool fallback) { return has(key) ? boolean(key) : (used_.insert(key), fallback); }

std::string Attrs::string(const char* key) {
  const Json& j = required(key);
  if (!j.is_string()) bad(key, j, "a string");
  return j.as_string();
}

std::string Attrs::string(const char* key, const std::string& fallback) {
  return has(key) ? string(key) : (used_.insert(key), fallback);
}

std::vector<int64_t> Attrs::ints(const char* key) {
  const Json& j = required(key);
  if (!j.is_array()) bad(key, j, "an array of integers");
  std::vector<int64_t> out;
  for (const Json& e : j.items()) {
    if (!e.is_int()) bad(key, e, "an array of integers (one entry is not)");
    out.push_back(e.as_int());
  }
  return out;
}

std::vector<int64_t> Attrs::ints(const char* key, const std::vector<int64_t>& fallback) {
  return has(key) ? ints(key) : (used_.insert(key), fallback);
}

Pair Attrs::pair(const char* key) {
  std::vector<int64_t> v = ints(key);
  NNLITE_CHECK(v.size() == 2, Value, where_, ": attribute '", key, "' must hold 2 integers (height, width), got ",
               v.size());
  return {v[0], v[1]};
}

Pair Attrs::pair(const char* key, Pair fallback) { return has(key) ? pair(key) : (used_.insert(key), fallback); }

std::vector<std::optional<int64_t>> Attrs::optional_ints(const char* key, size_t count) {
  const Json& j = required(key);
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
  const Json& j = required(key);
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
  const Json& j = required(key);
  if (j.is_bool()) return Scalar(j.as_bool());
  if (j.is_int()) return Scalar(j.as_int());
  if (j.is_number()) return Scalar(j.as_double());
  bad(key, j, "a number or a boolean");
}

std::optional<Scalar> Attrs::optional_scalar(const char* key) {
  if (!optional(key)) return std::nullopt;
  return scalar(key);
}

DType Attrs::dtype(const char* key) {
  const std::string name = string(key);
  try {
    return dtype_from_name(name);
  } catch (const Error&) {
    NNLITE_FAIL(Value, where_, ": attribute '", key, "' names an unknown dtype '", name,
                "' (expected bool, uint8, int32, int64, float32 or float64)");
  }
}

ShapeSpec Attrs::shape(const char* key) {
  const Json& j = required(key);
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
  for (const auto& m : attrs_.members())
    NNLITE_CHECK(used_.count(m.first), Value, where_, ": unknown attribute '", m.first, "'");
}

}  // namespace nnlite::exported
