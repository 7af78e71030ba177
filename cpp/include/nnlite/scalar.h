// A number that remembers whether it is a bool, an integer or a float, so
// int64 values beyond 2^53 survive the trip into integer tensors exactly.
#pragma once
#include <cstdint>
#include <type_traits>

#include "nnlite/dtype.h"

namespace nnlite {

class Scalar {
 public:
  enum class Kind : uint8_t { Bool, Int, Float };

  Scalar(double v) : kind_(Kind::Float), d_(v), i_(static_cast<int64_t>(0)) {}  // NOLINT: implicit on purpose
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Scalar(T v) : kind_(Kind::Int), d_(static_cast<double>(v)), i_(static_cast<int64_t>(v)) {}  // NOLINT
  Scalar(bool v) : kind_(Kind::Bool), d_(v ? 1.0 : 0.0), i_(v ? 1 : 0) {}  // NOLINT

  Kind kind() const { return kind_; }
  bool is_floating() const { return kind_ == Kind::Float; }
  double to_double() const { return d_; }
  // The value as T: exact for integers stored as integers.
  template <typename T>
  T to() const {
    if constexpr (std::is_same_v<T, bool>) return kind_ == Kind::Float ? d_ != 0 : i_ != 0;
    if constexpr (std::is_floating_point_v<T>) return kind_ == Kind::Float ? static_cast<T>(d_) : static_cast<T>(i_);
    return kind_ == Kind::Float ? static_cast<T>(d_) : static_cast<T>(i_);
  }
  // bool, int64 or float64: the dtype a Python number of this kind maps to.
  DType dtype() const { return kind_ == Kind::Bool ? DType::Bool : (kind_ == Kind::Int ? DType::Int64 : DType::Float64); }

 private:
  Kind kind_;
  double d_;
  int64_t i_;
};

}  // namespace nnlite
