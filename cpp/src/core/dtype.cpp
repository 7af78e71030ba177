#include "nnlite/dtype.h"

#include "nnlite/error.h"

namespace nnlite {

size_t itemsize(DType t) {
  switch (t) {
    case DType::Bool: return 1;
    case DType::UInt8: return 1;
    case DType::Int32: return 4;
    case DType::Int64: return 8;
    case DType::Float32: return 4;
    case DType::Float64: return 8;
  }
  return 0;
}

const char* dtype_name(DType t) {
  switch (t) {
    case DType::Bool: return "bool";
    case DType::UInt8: return "uint8";
    case DType::Int32: return "int32";
    case DType::Int64: return "int64";
    case DType::Float32: return "float32";
    case DType::Float64: return "float64";
  }
  return "?";
}

DType dtype_from_name(const std::string& name) {
  for (int i = 0; i < kNumDTypes; ++i)
    if (name == dtype_name(static_cast<DType>(i))) return static_cast<DType>(i);
  if (name == "float") return DType::Float32;
  if (name == "double") return DType::Float64;
  if (name == "long") return DType::Int64;
  if (name == "int") return DType::Int32;
  NNLITE_FAIL(Type, "dtype: unknown dtype '", name, "'; expected one of bool, uint8, int32, int64, float32, float64");
}

// The enum is ordered so that promotion is the larger of the two.
DType promote_types(DType a, DType b) { return a > b ? a : b; }

}  // namespace nnlite
