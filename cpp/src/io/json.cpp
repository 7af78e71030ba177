// Strict JSON cursor (see json.h). Every read checks the remaining length
// before it looks at a byte, so truncated or hostile text only ever throws.
#include "io/json.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "nnlite/error.h"

namespace nnlite::io::json {
namespace {

// Offset of the first byte that is not part of well-formed UTF-8, or `size`.
size_t utf8_error(const unsigned char* s, size_t size) {
  size_t i = 0;
  while (i < size) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07, min = 0x10000;
    } else {
      return i;  // a continuation byte where a lead byte belongs, or 0xF8..0xFF
    }
    if (size - i <= n) return i;
    for (size_t k = 1; k <= n; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
    i += n + 1;
  }
  return size;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string show_char(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7F) return std::string("'") + c + "'";
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", u);
  return std::string("byte ") + buf;
}

}  // namespace

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Null: return "null";
    case Kind::Bool: return "a boolean";
    case Kind::Number: return "a number";
    case Kind::String: return "a string";
    case Kind::Array: return "a list";
    case Kind::Object: return "an object";
  }
  return "?";
}

bool valid_utf8(const char* data, size_t size) {
  return utf8_error(reinterpret_cast<const unsigned char*>(data), size) == size;
}

Value Value::boolean(bool v) {
  Value j;
  j.type_ = Type::Bool;
  j.b_ = v;
  return j;
}
Value Value::integer(int64_t v) {
  Value j;
  j.type_ = Type::Int;
  j.i_ = v;
  return j;
}
Value Value::number(double v) {
  Value j;
  j.type_ = Type::Float;
  j.d_ = v;
  return j;
}
Value Value::string(std::string v) {
  Value j;
  j.type_ = Type::String;
  j.s_ = std::move(v);
  return j;
}
Value Value::array(std::vector<Value> items) {
  Value j;
  j.type_ = Type::Array;
  j.items_ = std::move(items);
  return j;
}
Value Value::object(std::vector<Member> members) {
  Value j;
  j.type_ = Type::Object;
  j.members_ = std::move(members);
  return j;
}

const Value* Value::find(std::string_view key) const {
  for (const auto& m : members_)
    if (m.first == key) return &m.second;
  return nullptr;
}

const char* type_name(Value::Type t) {
  switch (t) {
    case Value::Type::Null: return "null";
    case Value::Type::Bool: return "a boolean";
    case Value::Type::Int: return "an integer";
    case Value::Type::Float: return "a number";
    case Value::Type::String: return "a string";
    case Value::Type::Array: return "an array";
    case Value::Type::Object: return "an object";
  }
  return "?";
}

Reader::Reader(const char* data, size_t size, std::string where, bool allow_nonfinite)
    : data_(data), size_(size), where_(std::move(where)), allow_nonfinite_(allow_nonfinite) {
  const size_t bad = utf8_error(reinterpret_cast<const unsigned char*>(data), size);
  if (bad != size) {
    pos_ = bad;
    syntax("the text is not valid UTF-8");
  }
}

void Reader::fail(const std::string& what) const {
  NNLITE_FAIL(Value, where_, "at byte ", pos_, ": ", what);
}

void Reader::syntax(const std::string& why) const {
  NNLITE_FAIL(Value, where_, "is malformed JSON at byte ", pos_, ": ", why);
}

void Reader::skip_ws() {
  while (pos_ < size_ && (data_[pos_] == ' ' || data_[pos_] == '\t' || data_[pos_] == '\n' || data_[pos_] == '\r'))
    ++pos_;
}

void Reader::expect(char c, const char* what) {
  skip_ws();
  if (pos_ >= size_) syntax(std::string("the text ends where ") + what + " should be");
  if (data_[pos_] != c) syntax(std::string("expected ") + what + ", found " + show_char(data_[pos_]));
  ++pos_;
}

Kind Reader::peek() {
  skip_ws();
  if (pos_ >= size_) syntax("the text ends where a value should be");
  const char c = data_[pos_];
  switch (c) {
    case '{': return Kind::Object;
    case '[': return Kind::Array;
    case '"': return Kind::String;
    case 't':
    case 'f': return Kind::Bool;
    case 'n': return Kind::Null;
    default:
      if (c == '-' || is_digit(c) || (allow_nonfinite_ && (c == 'N' || c == 'I'))) return Kind::Number;
      syntax("expected a value, found " + show_char(c));
  }
}

void Reader::enter() {
  if (first_.size() >= static_cast<size_t>(kMaxDepth))
    fail("JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
}

void Reader::begin_object() {
  enter();
  expect('{', "'{'");
  first_.push_back(true);
}

void Reader::begin_array() {
  enter();
  expect('[', "'['");
  first_.push_back(true);
}

bool Reader::next_member(std::string* key) {
  skip_ws();
  if (pos_ < size_ && data_[pos_] == '}') {  // "{}" or the end after a member
    ++pos_;
    first_.pop_back();
    return false;
  }
  if (!first_.back()) {
    expect(',', "',' or '}'");
    skip_ws();
    if (pos_ < size_ && data_[pos_] == '}') syntax("a comma before '}'");
  }
  first_.back() = false;
  skip_ws();
  if (pos_ >= size_) syntax("the text ends inside an object");
  if (data_[pos_] != '"') syntax("expected a string key, found " + show_char(data_[pos_]));
  *key = read_string();
  expect(':', "':'");
  return true;
}

bool Reader::next_element() {
  skip_ws();
  if (pos_ < size_ && data_[pos_] == ']') {  // "[]" or the end after an element
    ++pos_;
    first_.pop_back();
    return false;
  }
  if (!first_.back()) {
    expect(',', "',' or ']'");
    skip_ws();
    if (pos_ < size_ && data_[pos_] == ']') syntax("a comma before ']'");
  }
  first_.back() = false;
  return true;
}

uint32_t Reader::read_hex4() {
  if (size_ - pos_ < 4) syntax("a \\u escape needs four hex digits");
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = data_[pos_];
    uint32_t d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else syntax("a \\u escape needs four hex digits, found " + show_char(c));
    v = (v << 4) | d;
    ++pos_;
  }
  return v;
}

void Reader::append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string Reader::read_string() {
  expect('"', "a string");
  std::string out;
  while (true) {
    if (pos_ >= size_) syntax("the text ends inside a string");
    const char c = data_[pos_];
    if (c == '"') {
      ++pos_;
      return out;
    }
    if (static_cast<unsigned char>(c) < 0x20) syntax("an unescaped control character in a string");
    if (c != '\\') {
      out += c;
      ++pos_;
      continue;
    }
    ++pos_;
    if (pos_ >= size_) syntax("the text ends inside a string");
    const char e = data_[pos_++];
    switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        uint32_t cp = read_hex4();
        if (cp >= 0xDC00 && cp <= 0xDFFF) syntax("a \\u escape holds a lone low surrogate");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          // UTF-16 pair: the high half must be followed by \u and a low half.
          if (size_ - pos_ < 2 || data_[pos_] != '\\' || data_[pos_ + 1] != 'u')
            syntax("a \\u escape holds a high surrogate without its low half");
          pos_ += 2;
          const uint32_t lo = read_hex4();
          if (lo < 0xDC00 || lo > 0xDFFF) syntax("a high surrogate is followed by no low surrogate");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        append_utf8(out, cp);
        break;
      }
      default:
        --pos_;
        syntax("unknown escape after '\\', found " + show_char(e));
    }
  }
}

bool Reader::nonfinite_literal() {
  if (!allow_nonfinite_) return false;
  for (const char* word : {"NaN", "Infinity", "-Infinity"}) {
    const std::string_view w(word);
    if (size_ - pos_ >= w.size() && std::string_view(data_ + pos_, w.size()) == w) {
      pos_ += w.size();
      return true;
    }
  }
  return false;
}

void Reader::scan_number(bool* integral) {
  skip_ws();
  *integral = true;
  if (nonfinite_literal()) {
    *integral = false;
    return;
  }
  if (pos_ < size_ && data_[pos_] == '-') ++pos_;
  if (pos_ >= size_ || !is_digit(data_[pos_])) syntax("a number needs a digit");
  if (data_[pos_] == '0') {
    ++pos_;
    if (pos_ < size_ && is_digit(data_[pos_])) syntax("a number with a leading zero");
  } else {
    while (pos_ < size_ && is_digit(data_[pos_])) ++pos_;
  }
  if (pos_ < size_ && data_[pos_] == '.') {
    *integral = false;
    ++pos_;
    if (pos_ >= size_ || !is_digit(data_[pos_])) syntax("a digit must follow the decimal point");
    while (pos_ < size_ && is_digit(data_[pos_])) ++pos_;
  }
  if (pos_ < size_ && (data_[pos_] == 'e' || data_[pos_] == 'E')) {
    *integral = false;
    ++pos_;
    if (pos_ < size_ && (data_[pos_] == '+' || data_[pos_] == '-')) ++pos_;
    if (pos_ >= size_ || !is_digit(data_[pos_])) syntax("an exponent needs a digit");
    while (pos_ < size_ && is_digit(data_[pos_])) ++pos_;
  }
}

uint64_t Reader::read_uint64(const std::string& what) {
  const Kind k = peek();
  if (k != Kind::Number) fail(what + " must be a non-negative integer, found " + kind_name(k));
  const size_t start = pos_;
  bool integral;
  scan_number(&integral);
  const std::string text(data_ + start, pos_ - start);
  if (!integral || text[0] == '-') {
    pos_ = start;
    fail(what + " must be a non-negative integer, found " + text);
  }
  uint64_t v = 0;
  for (char c : text) {
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) {
      pos_ = start;
      fail(what + " is " + text + ", more than fits in 64 bits");
    }
    v = v * 10 + d;
  }
  return v;
}

void Reader::skip_literal(const char* word) {
  const std::string w(word);
  if (size_ - pos_ < w.size() || std::string(data_ + pos_, w.size()) != w)
    syntax("expected a value, found " + show_char(data_[pos_]));
  pos_ += w.size();
}

void Reader::skip_value() {
  switch (peek()) {
    case Kind::Object: {
      begin_object();
      std::string key;
      while (next_member(&key)) skip_value();
      break;
    }
    case Kind::Array:
      begin_array();
      while (next_element()) skip_value();
      break;
    case Kind::String: read_string(); break;
    case Kind::Number: {
      bool integral;
      scan_number(&integral);
      break;
    }
    case Kind::Bool: skip_literal(data_[pos_] == 't' ? "true" : "false"); break;
    case Kind::Null: skip_literal("null"); break;
  }
}

Value Reader::read_number() {
  skip_ws();
  const size_t start = pos_;
  bool integral;
  scan_number(&integral);
  const std::string text(data_ + start, pos_ - start);
  if (text == "NaN") return Value::number(std::nan(""));
  if (text == "Infinity") return Value::number(HUGE_VAL);
  if (text == "-Infinity") return Value::number(-HUGE_VAL);
  errno = 0;
  if (integral) {
    const long long v = std::strtoll(text.c_str(), nullptr, 10);
    if (errno != ERANGE) return Value::integer(static_cast<int64_t>(v));
    errno = 0;  // too large for int64: keep it as a float
  }
  const double d = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(d)) {
    pos_ = start;
    syntax("number out of range: " + text);
  }
  return Value::number(d);
}

Value Reader::read_value() {
  switch (peek()) {
    case Kind::Object: {
      begin_object();
      std::vector<Value::Member> members;
      std::set<std::string> seen;
      std::string key;
      while (next_member(&key)) {
        if (!seen.insert(key).second) syntax("duplicate key \"" + key + "\"");
        Value v = read_value();
        members.emplace_back(std::move(key), std::move(v));
      }
      return Value::object(std::move(members));
    }
    case Kind::Array: {
      begin_array();
      std::vector<Value> items;
      while (next_element()) items.push_back(read_value());
      return Value::array(std::move(items));
    }
    case Kind::String: return Value::string(read_string());
    case Kind::Number: return read_number();
    case Kind::Bool: {
      const bool v = data_[pos_] == 't';
      skip_literal(v ? "true" : "false");
      return Value::boolean(v);
    }
    case Kind::Null: skip_literal("null"); return Value();
  }
  return Value();
}

void Reader::finish() {
  skip_ws();
  if (pos_ != size_) syntax("unexpected " + show_char(data_[pos_]) + " after the end of the JSON value");
}

Value parse(const char* data, size_t size, const std::string& where, bool allow_nonfinite) {
  Reader r(data, size, where, allow_nonfinite);
  Value v = r.read_value();
  r.finish();
  return v;
}

void write_string(std::string& out, const std::string& s) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace nnlite::io::json
