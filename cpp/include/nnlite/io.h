// Readers of dataset file formats. They parse bytes already in memory (the
// Python layer decompresses gzip first), validate every length before reading
// and throw nnlite::Error naming the file on malformed input.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "nnlite/tensor.h"

namespace nnlite::io {

// Parse an IDX file (the MNIST format): a 4-byte magic 0x0000TTNN (TT the
// element type, NN the number of dimensions), NN big-endian int32 sizes, then
// the elements, big-endian. Element types and the tensor dtype they give:
//   0x08 uint8 -> UInt8, 0x09 int8 -> Int32, 0x0B int16 -> Int32,
//   0x0C int32 -> Int32, 0x0D float32 -> Float32, 0x0E float64 -> Float64.
// `name` (usually the file name) appears in every error message.
// Throws nnlite::Error (Value) on a short header, a bad magic, an unknown
// type, ndim 0 or above kMaxIdxDims, sizes whose product overflows, or a
// payload shorter or longer than the sizes say.
Tensor parse_idx(const uint8_t* data, size_t size, const std::string& name);

// Read an uncompressed IDX file from disk and parse it (FileNotFound if it
// cannot be opened).
Tensor read_idx(const std::string& path);

constexpr int kMaxIdxDims = 16;

}  // namespace nnlite::io
