// CIFAR-10/100 binary reader. The files are bare sequences of fixed-size
// records, so the checks are: a whole, non-zero number of records, and every
// label in range. Images are copied straight into an [N, 3, 32, 32] tensor
// (the file's channel-planar layout is already NCHW).
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "nnlite/io.h"

namespace nnlite::io {
namespace {

struct KindInfo {
  const char* name;
  int label_bytes;
  int fine_classes;    // the label of CIFAR-10, the fine label of CIFAR-100
  int coarse_classes;  // 0 when there is no coarse label
};

KindInfo info(CifarKind kind) {
  if (kind == CifarKind::Cifar10) return {"CIFAR-10", 1, 10, 0};
  return {"CIFAR-100", 2, 100, 20};
}

// Decode `n` whole records from `src` into row `first` onwards of the outputs.
// `record0` is the index of the first record within its file, for messages.
void decode_records(const uint8_t* src, int64_t n, const KindInfo& k, const std::string& name, int64_t record0,
                    uint8_t* images, int64_t* labels, int64_t* coarse) {
  const int64_t rec = k.label_bytes + kCifarImageBytes;
  for (int64_t i = 0; i < n; ++i) {
    const uint8_t* r = src + i * rec;
    if (k.coarse_classes > 0) {
      NNLITE_CHECK(r[0] < k.coarse_classes, Value, "read_cifar: '", name, "': record ", record0 + i,
                   " has coarse label ", int(r[0]), ", expected 0..", k.coarse_classes - 1, " (", k.name,
                   "); is this a ", k.name, " file?");
      coarse[i] = r[0];
    }
    const uint8_t fine = r[k.label_bytes - 1];
    NNLITE_CHECK(fine < k.fine_classes, Value, "read_cifar: '", name, "': record ", record0 + i, " has ",
                 k.coarse_classes > 0 ? "fine " : "", "label ", int(fine), ", expected 0..", k.fine_classes - 1,
                 " (", k.name, "); is this a ", k.name, " file?");
    labels[i] = fine;
    std::memcpy(images + i * kCifarImageBytes, r + k.label_bytes, kCifarImageBytes);
  }
}

// Number of records in a file of `size` bytes, or an error naming the file.
int64_t count_records(uint64_t size, const KindInfo& k, const std::string& name) {
  const uint64_t rec = static_cast<uint64_t>(k.label_bytes + kCifarImageBytes);
  NNLITE_CHECK(size > 0, Value, "read_cifar: '", name, "' is empty, expected ", k.name, " records of ", rec,
               " bytes");
  NNLITE_CHECK(size % rec == 0, Value, "read_cifar: '", name, "' is ", size, " bytes, not a multiple of the ", rec,
               "-byte ", k.name, " record (", size / rec, " whole records and ", size % rec,
               " bytes left over: truncated, or not a ", k.name, " binary file?)");
  return static_cast<int64_t>(size / rec);
}

CifarData allocate(int64_t n, const KindInfo& k) {
  CifarData out;
  out.images = empty({n, 3, 32, 32}, DType::UInt8);
  out.labels = empty({n}, DType::Int64);
  if (k.coarse_classes > 0) out.coarse_labels = empty({n}, DType::Int64);
  return out;
}

}  // namespace

int64_t cifar_record_bytes(CifarKind kind) { return info(kind).label_bytes + kCifarImageBytes; }

CifarData parse_cifar(const uint8_t* data, size_t size, CifarKind kind, const std::string& name) {
  const KindInfo k = info(kind);
  NNLITE_CHECK(data != nullptr || size == 0, Value, "read_cifar: '", name, "': no data");
  const int64_t n = count_records(size, k, name);
  CifarData out = allocate(n, k);
  decode_records(data, n, k, name, 0, out.images.data<uint8_t>(), out.labels.data<int64_t>(),
                 k.coarse_classes > 0 ? out.coarse_labels.data<int64_t>() : nullptr);
  return out;
}

CifarData read_cifar(const std::vector<std::string>& paths, CifarKind kind) {
  namespace fs = std::filesystem;
  const KindInfo k = info(kind);
  NNLITE_CHECK(!paths.empty(), Value, "read_cifar: no files given");
  // Size every file first so the output is allocated once.
  std::vector<int64_t> counts;
  int64_t total = 0;
  for (const auto& p : paths) {
    std::error_code ec;
    NNLITE_CHECK(fs::is_regular_file(p, ec), FileNotFound, "read_cifar: no such file: '", p, "'");
    const uintmax_t size = fs::file_size(p, ec);
    NNLITE_CHECK(!ec, Runtime, "read_cifar: cannot get the size of '", p, "': ", ec.message());
    counts.push_back(count_records(size, k, p));
    total += counts.back();
  }
  CifarData out = allocate(total, k);
  const int64_t rec = cifar_record_bytes(kind);
  constexpr int64_t kChunk = 1024;  // records read at a time: a 3 MB buffer
  std::vector<uint8_t> buf(static_cast<size_t>(kChunk * rec));
  int64_t row = 0;
  for (size_t f = 0; f < paths.size(); ++f) {
    std::ifstream in(paths[f], std::ios::binary);
    NNLITE_CHECK(in.good(), FileNotFound, "read_cifar: cannot open '", paths[f], "'");
    for (int64_t done = 0; done < counts[f];) {
      const int64_t n = std::min(kChunk, counts[f] - done);
      in.read(reinterpret_cast<char*>(buf.data()), static_cast<std::streamsize>(n * rec));
      // The file may have shrunk since it was sized.
      NNLITE_CHECK(in.gcount() == n * rec, Value, "read_cifar: '", paths[f], "' ended after ",
                   done * rec + in.gcount(), " bytes, expected ", counts[f] * rec, " (changed while reading?)");
      decode_records(buf.data(), n, k, paths[f], done, out.images.data<uint8_t>() + row * kCifarImageBytes,
                     out.labels.data<int64_t>() + row,
                     k.coarse_classes > 0 ? out.coarse_labels.data<int64_t>() + row : nullptr);
      done += n;
      row += n;
    }
  }
  return out;
}

}  // namespace nnlite::io
