// The one strict JSON reader and string writer of nnlite. The reader is a
// cursor: the caller walks the structure it expects and pulls each value, so a
// hostile safetensors header costs no more memory than the values the caller
// keeps. Callers that need random access (the graph description) read a
// document tree (Value) through the same cursor, so both get the same
// validation. Nesting is bounded (kMaxDepth) so no input can exhaust the stack.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nnlite::io::json {

enum class Kind { Null, Bool, Number, String, Array, Object };
const char* kind_name(Kind k);  // "an object", "a string", ...

// True when [data, data + size) is well-formed UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool valid_utf8(const char* data, size_t size);

// A parsed JSON document (or one value of it).
class Value {
 public:
  enum class Type { Null, Bool, Int, Float, String, Array, Object };
  using Member = std::pair<std::string, Value>;

  Value() = default;
  static Value boolean(bool v);
  static Value integer(int64_t v);
  static Value number(double v);
  static Value string(std::string v);
  static Value array(std::vector<Value> items);
  static Value object(std::vector<Member> members);

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
  const std::vector<Value>& items() const { return items_; }
  const std::vector<Member>& members() const { return members_; }
  const Value* find(std::string_view key) const;  // object member or nullptr

 private:
  Type type_ = Type::Null;
  bool b_ = false;
  int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  std::vector<Value> items_;
  std::vector<Member> members_;
};

const char* type_name(Value::Type t);  // "an object", "an integer", ... for messages

// Reads one JSON value from [data, data + size) (RFC 8259: no comments, no
// trailing commas, no NaN). `allow_nonfinite` also accepts NaN, Infinity and
// -Infinity as numbers: Python's json module writes them for non-finite
// floats, and they are unambiguous. Every error throws nnlite::Error (Value)
// with `where` in front: syntax errors then say "is malformed JSON at byte N:
// ...", the caller's own checks (fail) "at byte N: ...".
class Reader {
 public:
  static constexpr int kMaxDepth = 64;

  Reader(const char* data, size_t size, std::string where, bool allow_nonfinite = false);

  Kind peek();                       // the kind of the next value (skips whitespace)
  void begin_object();               // consume '{'
  bool next_member(std::string* key);  // the next "key": of the innermost object, false at its '}'
  void begin_array();                // consume '['
  bool next_element();               // true if the innermost array has another element, false at its ']'
  std::string read_string();
  uint64_t read_uint64(const std::string& what);  // a non-negative integer that fits in 64 bits; `what` names it in errors
  void skip_value();                 // any value, checked for well-formedness
  // Any value as a tree. Duplicate object keys are an error. Integers that
  // fit int64 (no fraction, no exponent) are Int; other numbers are Float.
  Value read_value();
  void finish();                     // only whitespace may follow the top-level value

  size_t offset() const { return pos_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  [[noreturn]] void syntax(const std::string& why) const;
  void skip_ws();
  bool nonfinite_literal();
  Value read_number();
  void expect(char c, const char* what);
  void enter();
  void skip_literal(const char* word);
  void scan_number(bool* integral);
  void append_utf8(std::string& out, uint32_t cp);
  uint32_t read_hex4();

  const char* data_;
  size_t size_;
  size_t pos_ = 0;
  std::string where_;
  bool allow_nonfinite_;
  // One entry per open object/array: whether its first member is still to come.
  std::vector<bool> first_;
};

// One whole document: read_value, then only whitespace may follow.
Value parse(const char* data, size_t size, const std::string& where, bool allow_nonfinite = false);

// Append `s` as a JSON string literal (quotes, backslashes and control
// characters escaped; other bytes copied, so `s` must be valid UTF-8).
void write_string(std::string& out, const std::string& s);

}  // namespace nnlite::io::json
