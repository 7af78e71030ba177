// nnlite::Error: every user-facing check throws it, with the op's name, what was
// given and what was expected. The Python bindings map `kind` to the matching
// Python exception (ValueError, TypeError, IndexError, ...).
#pragma once
#include <sstream>
#include <stdexcept>
#include <string>

namespace nnlite {

enum class ErrorKind { Value, Type, Index, Runtime, NotImplemented, FileNotFound };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& msg) : std::runtime_error(msg), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

namespace detail {
template <typename... Args>
std::string concat(const Args&... args) {
  std::ostringstream os;
  (os << ... << args);
  return os.str();
}
}  // namespace detail

}  // namespace nnlite

// NNLITE_CHECK(cond, Value, "op: expected ", x, " but got ", y)
#define NNLITE_CHECK(cond, kind, ...)                                                      \
  do {                                                                                     \
    if (!(cond))                                                                           \
      throw ::nnlite::Error(::nnlite::ErrorKind::kind, ::nnlite::detail::concat(__VA_ARGS__)); \
  } while (0)

#define NNLITE_FAIL(kind, ...) \
  throw ::nnlite::Error(::nnlite::ErrorKind::kind, ::nnlite::detail::concat(__VA_ARGS__))
