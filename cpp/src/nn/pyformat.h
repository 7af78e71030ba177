// Values formatted as Python prints them, so that the C++ modules and
// optimizers raise the same messages as the Python ones ("got 1.5",
// "stride=(2, 2)", "got 'same'").
#pragma once
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

namespace nnlite::detail {

// repr(float): the shortest digits that read back as the same double, laid
// out by Python's rule (exponent when the decimal point is 4+ places left of
// the first digit or 16+ right of it): "0.5", "2.0", "0.0001", "1e-05", "1e+16".
inline std::string py_float(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // "-d.ddde+XX"
  std::string sign;
  if (sci[0] == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  const size_t e = sci.find('e');
  std::string digits = sci.substr(0, e);
  if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
  const int decpt = std::stoi(sci.substr(e + 1)) + 1;  // digits before the point
  const int n = static_cast<int>(digits.size());
  if (decpt <= -4 || decpt > 16) {
    std::string out = sign + digits.substr(0, 1);
    if (n > 1) out += "." + digits.substr(1);
    const int exp = decpt - 1;
    std::string mag = std::to_string(exp < 0 ? -exp : exp);
    if (mag.size() < 2) mag = "0" + mag;
    return out + "e" + (exp < 0 ? "-" : "+") + mag;
  }
  if (decpt <= 0) return sign + "0." + std::string(static_cast<size_t>(-decpt), '0') + digits;
  if (decpt >= n) return sign + digits + std::string(static_cast<size_t>(decpt - n), '0') + ".0";
  return sign + digits.substr(0, static_cast<size_t>(decpt)) + "." + digits.substr(static_cast<size_t>(decpt));
}

// repr of a tuple of two ints: "(2, 2)".
inline std::string py_pair(const std::array<int64_t, 2>& p) {
  return "(" + std::to_string(p[0]) + ", " + std::to_string(p[1]) + ")";
}

inline std::string py_str(const std::string& s) { return "'" + s + "'"; }

inline std::string py_bool(bool b) { return b ? "True" : "False"; }

}  // namespace nnlite::detail
