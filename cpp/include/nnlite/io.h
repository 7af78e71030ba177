// Readers of dataset file formats. They parse bytes already in memory (the
// Python layer decompresses gzip first), validate every length before reading
// and throw nnlite::Error naming the file on malformed input.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

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

// ---- CIFAR binary format (cifar-10-batches-bin, cifar-100-binary) --------
// Each record is its label byte(s) then a 32x32 image as 1024 red, 1024 green
// and 1024 blue bytes (row-major): CIFAR-10 records are 1 + 3072 = 3073 bytes
// with the label in 0..9; CIFAR-100 records are 2 + 3072 = 3074 bytes, the
// coarse label (0..19) then the fine label (0..99). Files hold no header.
enum class CifarKind { Cifar10, Cifar100 };

constexpr int64_t kCifarImageBytes = 3 * 32 * 32;
int64_t cifar_record_bytes(CifarKind kind);  // 3073 or 3074

struct CifarData {
  Tensor images;         // uint8 [N, 3, 32, 32]
  Tensor labels;         // int64 [N]: the label (CIFAR-10) or the fine label (CIFAR-100)
  Tensor coarse_labels;  // int64 [N] for CIFAR-100; undefined for CIFAR-10
};

// Parse the bytes of one CIFAR binary file. `name` appears in every error.
// Throws nnlite::Error (Value) when the size is zero or not a multiple of the
// record size, or a label is out of range (naming the record).
CifarData parse_cifar(const uint8_t* data, size_t size, CifarKind kind, const std::string& name);

// Read and concatenate CIFAR binary files (e.g. data_batch_1..5.bin) in the
// given order into one CifarData, allocated once. FileNotFound when a file is
// missing; the same checks as parse_cifar for each file.
CifarData read_cifar(const std::vector<std::string>& paths, CifarKind kind);

}  // namespace nnlite::io
