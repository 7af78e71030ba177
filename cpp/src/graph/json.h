// A small, strict JSON reader for the graph files (their safetensors header
// and the graph description in it). Files come from anywhere, so the parser
// bounds nesting depth, rejects trailing bytes, duplicate object keys and
// unpaired surrogate escapes, and reports the byte offset of every error.
// NaN, Infinity and -Infinity (what Python's json module writes for
// non-finite floats) are read as Float.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nnlite::graph {

class Json {
 public:
  enum class Type { Null, Bool, Int, Float, String, Array, Object };
  using Member = std::pair<std::string, Json>;

  Json() = default;
  static Json boolean(bool v);
  static Json integer(int64_t v);
  static Json number(double v);
  static Json string(std::string v);
  static Json array(std::vector<Json> items);
  static Json object(std::vector<Member> members);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_bool() const { return type_ == Type::Bool; }
  bool is_int() const { return type_ == Type::Int; }
  bool is_number() const { return type_ == Type::Int || type_ == Type::Float; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }

  // Accessors assume the type was checked; they do not convert.
  bool as_bool() const { return b_; }
  int64_t as_int() const { return i_; }
  double as_double() const { return type_ == Type::Int ? static_cast<double>(i_) : d_; }
  const std::string& as_string() const { return s_; }
  const std::vector<Json>& items() const { return items_; }
  const std::vector<Member>& members() const { return members_; }
  const Json* find(std::string_view key) const;  // object member or nullptr

 private:
  Type type_ = Type::Null;
  bool b_ = false;
  int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  std::vector<Json> items_;
  std::vector<Member> members_;
};

const char* json_type_name(Json::Type t);  // "an object", "a string", ... for messages

constexpr int kMaxJsonDepth = 64;

// Parse one JSON document. Integers that fit int64 (no fraction, no
// exponent) are Int; other numbers are Float. Throws nnlite::Error (Value)
// "<what>: malformed JSON at byte N: <reason>".
Json parse_json(std::string_view text, const std::string& what);

}  // namespace nnlite::graph
