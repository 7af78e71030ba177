// Element types of a tensor, their sizes and the promotion rules of binary ops.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace nnlite {

enum class DType : uint8_t { Bool, UInt8, Int32, Int64, Float32, Float64 };
constexpr int kNumDTypes = 6;

size_t itemsize(DType t);
const char* dtype_name(DType t);  // "float32", "int64", ...
DType dtype_from_name(const std::string& name);  // throws nnlite::Error
inline bool is_floating(DType t) { return t == DType::Float32 || t == DType::Float64; }
inline bool is_integral(DType t, bool include_bool) {
  return t == DType::UInt8 || t == DType::Int32 || t == DType::Int64 || (include_bool && t == DType::Bool);
}
// The smallest type that holds both (bool < uint8 < int32 < int64 < float32 < float64).
DType promote_types(DType a, DType b);

}  // namespace nnlite
