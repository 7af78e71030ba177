// A small, strict JSON reader and string writer for file headers (the
// safetensors header). The reader is a cursor, not a document tree: the caller
// walks the structure it expects and pulls each value, so a hostile header
// costs no more memory than the values the caller keeps, and nesting is
// bounded (kMaxDepth) so no input can exhaust the stack.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nnlite::io::json {

enum class Kind { Null, Bool, Number, String, Array, Object };
const char* kind_name(Kind k);  // "an object", "a string", ...

// True when [data, data + size) is well-formed UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool valid_utf8(const char* data, size_t size);

// Reads one JSON value from [data, data + size) (RFC 8259: no comments, no
// trailing commas, no NaN). Every error throws nnlite::Error (Value) with
// `where` in front, then "malformed JSON at byte N: ...".
class Reader {
 public:
  static constexpr int kMaxDepth = 64;

  Reader(const char* data, size_t size, std::string where);

  Kind peek();                       // the kind of the next value (skips whitespace)
  void begin_object();               // consume '{'
  bool next_member(std::string* key);  // the next "key": of the innermost object, false at its '}'
  void begin_array();                // consume '['
  bool next_element();               // true if the innermost array has another element, false at its ']'
  std::string read_string();
  uint64_t read_uint64(const std::string& what);  // a non-negative integer that fits in 64 bits; `what` names it in errors
  void skip_value();                 // any value, checked for well-formedness
  void finish();                     // only whitespace may follow the top-level value

  size_t offset() const { return pos_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  void skip_ws();
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
  // One entry per open object/array: whether its first member is still to come.
  std::vector<bool> first_;
};

// Append `s` as a JSON string literal (quotes, backslashes and control
// characters escaped; other bytes copied, so `s` must be valid UTF-8).
void write_string(std::string& out, const std::string& s);

}  // namespace nnlite::io::json
