// Element types of a tensor, their sizes and the promotion rules of binary ops.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

namespace nnlite {

enum class DType : uint8_t { Bool, UInt8, Int32, Int64, Float32, Float64 };
constexpr int kNumDTypes = 6;
using ScalarType = DType;  // libtorch's name for the same thing

// libtorch's spellings: nnlite::kFloat32 == torch::kFloat32, kLong == kInt64, ...
constexpr DType kBool = DType::Bool;
constexpr DType kUInt8 = DType::UInt8;
constexpr DType kInt32 = DType::Int32;
constexpr DType kInt64 = DType::Int64;
constexpr DType kFloat32 = DType::Float32;
constexpr DType kFloat64 = DType::Float64;
constexpr DType kByte = DType::UInt8;
constexpr DType kInt = DType::Int32;
constexpr DType kLong = DType::Int64;
constexpr DType kFloat = DType::Float32;
constexpr DType kDouble = DType::Float64;

size_t itemsize(DType t);
const char* dtype_name(DType t);  // "float32", "int64", ...
DType dtype_from_name(const std::string& name);  // throws nnlite::Error
inline bool is_floating(DType t) { return t == DType::Float32 || t == DType::Float64; }
inline bool is_integral(DType t, bool include_bool) {
  return t == DType::UInt8 || t == DType::Int32 || t == DType::Int64 || (include_bool && t == DType::Bool);
}
// The smallest type that holds both (bool < uint8 < int32 < int64 < float32 < float64).
DType promote_types(DType a, DType b);

// The dtype whose elements are C++ T (cv-qualifiers ignored): float -> float32,
// int64_t (and long long) -> int64, uint8_t -> uint8, bool -> bool, ... Any
// other T does not compile. Tensor::data_ptr<T>() checks against it.
template <typename T>
constexpr DType cpp_type_to_dtype() {
  using U = std::remove_cv_t<T>;
  if constexpr (std::is_same_v<U, bool>) {
    return DType::Bool;
  } else if constexpr (std::is_same_v<U, float>) {
    return DType::Float32;
  } else if constexpr (std::is_same_v<U, double>) {
    return DType::Float64;
  } else if constexpr (std::is_integral_v<U> && std::is_signed_v<U> && sizeof(U) == 8) {
    return DType::Int64;
  } else if constexpr (std::is_integral_v<U> && std::is_signed_v<U> && sizeof(U) == 4) {
    return DType::Int32;
  } else if constexpr (std::is_same_v<U, unsigned char>) {
    return DType::UInt8;
  } else {
    static_assert(!std::is_same_v<U, U>, "nnlite: no tensor dtype holds this C++ type; use bool, uint8_t, "
                                         "int32_t, int64_t, float or double");
    return DType::Bool;
  }
}

}  // namespace nnlite
