// Readers of dataset file formats. The parsers take bytes already in memory
// (read_idx inflates gzip itself, for C++ users), validate every length before reading
// and throw nnlite::Error naming the file on malformed input.
#pragma once
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <map>
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

// Read an IDX file from disk, raw or gzip-compressed (recognised by the gzip
// magic bytes, whatever the name), and parse it. FileNotFound if it cannot be
// opened; Value on truncated or corrupt gzip data.
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

// ---- safetensors: weights and checkpoints ---------------------------------
// The file is an 8-byte little-endian header length N, N bytes of JSON
//   {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]},
//    ..., "__metadata__": {"key": "value"}}
// and then the data section: each tensor's elements, contiguous, row-major,
// little-endian, at [begin, end) counted from the end of the header.
// dtypes: BOOL, U8, I32, I64, F32, F64 (nnlite's dtypes); other safetensors
// dtypes (F16, BF16, ...) are refused with a clear error.
namespace nnlite::io {

using TensorMap = std::map<std::string, Tensor>;
using Metadata = std::map<std::string, std::string>;

// An operating-system error while reading or writing a file: the kind is
// FileNotFound for a missing file or directory, Runtime otherwise;
// error_number() is the errno value (the bindings raise the matching OSError).
class IoError : public Error {
 public:
  IoError(const std::string& msg, int error_number)
      : Error(error_number == ENOENT ? ErrorKind::FileNotFound : ErrorKind::Runtime, msg),
        error_number_(error_number) {}
  int error_number() const { return error_number_; }

 private:
  int error_number_;
};

// Write `tensors` (keys sorted, data packed in key order, each tensor
// detached, moved to the CPU and made contiguous) and `metadata` to `path`.
// The bytes go to a temporary file in the same directory, which is flushed to
// disk (fsync) and renamed over `path`, then the directory is synced: a failed
// or interrupted save leaves any previous file at `path` untouched and no
// temporary behind. Throws nnlite::Error (Value) for a tensor named
// "__metadata__", an undefined tensor or a name that is not UTF-8, IoError
// when the file system refuses.
void save(const TensorMap& tensors, const std::string& path, const Metadata& metadata = {});
// The same file as bytes in memory.
std::vector<uint8_t> save_to_bytes(const TensorMap& tensors, const Metadata& metadata = {});

// Read a safetensors file. Nothing in it is executed or trusted: every length,
// offset, dtype and shape is checked before any data is read, and a malformed
// file throws nnlite::Error (Value) naming the file and the problem (header
// length past the end of the file, malformed JSON, duplicate keys, unknown
// dtypes, element counts that overflow, offsets outside the data section or
// not matching dtype x shape, overlapping tensors, unused bytes). `metadata`,
// when given, receives the "__metadata__" entries.
TensorMap load(const std::string& path, Metadata* metadata = nullptr);
// The same from bytes in memory; `name` stands for the file in messages.
TensorMap load_from_bytes(const uint8_t* data, size_t size, Metadata* metadata = nullptr,
                          const std::string& name = "<bytes>");

// Headers longer than this are refused before any allocation (the limit of
// the reference implementation).
constexpr uint64_t kMaxSafetensorsHeader = 100'000'000;
// Tensors with more dimensions than this are refused.
constexpr size_t kMaxSafetensorsDims = 1024;

}  // namespace nnlite::io

namespace nnlite {
// nnlite::save / nnlite::load are the safetensors functions above.
using io::load;
using io::save;
}  // namespace nnlite
