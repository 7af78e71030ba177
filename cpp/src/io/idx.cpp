// IDX reader (the MNIST file format). Every length is checked against the
// buffer before it is read, so a truncated or hostile file only ever raises
// nnlite::Error, never reads out of bounds.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <sstream>
#include <vector>

#include <zlib.h>

#include "nnlite/io.h"

namespace nnlite::io {
namespace {

struct IdxType {
  uint8_t code;
  const char* name;   // the IDX element type, for messages
  size_t bytes;       // bytes per element in the file
  DType dtype;        // the nnlite dtype that holds every value
};

// Signed 8- and 16-bit values widen to int32: nnlite has no int8/int16.
constexpr IdxType kTypes[] = {
    {0x08, "uint8", 1, DType::UInt8},     {0x09, "int8", 1, DType::Int32},
    {0x0B, "int16", 2, DType::Int32},     {0x0C, "int32", 4, DType::Int32},
    {0x0D, "float32", 4, DType::Float32}, {0x0E, "float64", 8, DType::Float64},
};

const IdxType* find_type(uint8_t code) {
  for (const auto& t : kTypes)
    if (t.code == code) return &t;
  return nullptr;
}

std::string hex(uint64_t v, int width) {
  std::ostringstream os;
  os << "0x" << std::hex << std::uppercase << std::setw(width) << std::setfill('0') << v;
  return os.str();
}

// Big-endian loads, written with shifts so they are right on any host.
inline uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
inline uint32_t be32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}
inline uint64_t be64(const uint8_t* p) { return (uint64_t(be32(p)) << 32) | be32(p + 4); }

template <typename Out, typename Decode>
void decode_all(const uint8_t* src, size_t elem_bytes, Out* dst, int64_t n, Decode decode) {
  for (int64_t i = 0; i < n; ++i) dst[i] = decode(src + static_cast<size_t>(i) * elem_bytes);
}

void decode_payload(const IdxType& type, const uint8_t* src, int64_t n, Tensor& out) {
  switch (type.code) {
    case 0x08:
      if (n > 0) std::memcpy(out.data<uint8_t>(), src, static_cast<size_t>(n));
      break;
    case 0x09:
      decode_all(src, 1, out.data<int32_t>(), n, [](const uint8_t* p) { return int32_t(int8_t(p[0])); });
      break;
    case 0x0B:
      decode_all(src, 2, out.data<int32_t>(), n, [](const uint8_t* p) { return int32_t(int16_t(be16(p))); });
      break;
    case 0x0C:
      decode_all(src, 4, out.data<int32_t>(), n, [](const uint8_t* p) {
        uint32_t u = be32(p);
        int32_t v;
        std::memcpy(&v, &u, 4);
        return v;
      });
      break;
    case 0x0D:
      decode_all(src, 4, out.data<float>(), n, [](const uint8_t* p) {
        uint32_t u = be32(p);
        float v;
        std::memcpy(&v, &u, 4);
        return v;
      });
      break;
    case 0x0E:
      decode_all(src, 8, out.data<double>(), n, [](const uint8_t* p) {
        uint64_t u = be64(p);
        double v;
        std::memcpy(&v, &u, 8);
        return v;
      });
      break;
  }
}

bool is_gzip(const std::vector<uint8_t>& b) { return b.size() >= 2 && b[0] == 0x1F && b[1] == 0x8B; }

// Inflate gzip data (one member or several concatenated, as `cat a.gz b.gz`
// makes). Deflate expands at most about 1032:1, which bounds the output a
// hostile file can ask for. Truncated or corrupt data raises naming the file.
std::vector<uint8_t> gunzip(const std::vector<uint8_t>& in, const std::string& path) {
  const std::string where = "read_idx: '" + path + "': ";
  z_stream zs{};
  NNLITE_CHECK(inflateInit2(&zs, 16 + MAX_WBITS) == Z_OK, Runtime, where, "cannot start zlib: ",
               zs.msg ? zs.msg : "out of memory");
  struct End {
    z_stream* z;
    ~End() { inflateEnd(z); }
  } end{&zs};
  // The gzip trailer holds the size mod 2^32: a good first guess for one member.
  size_t guess = in.size() >= 4 ? (size_t(in[in.size() - 4]) | size_t(in[in.size() - 3]) << 8 |
                                   size_t(in[in.size() - 2]) << 16 | size_t(in[in.size() - 1]) << 24)
                                : 0;
  std::vector<uint8_t> out(std::max<size_t>(std::min(guess, in.size() * 1100 + 64), 4096));
  size_t in_pos = 0, out_pos = 0;
  constexpr size_t kChunk = 1u << 30;  // avail_in/avail_out are 32-bit
  for (;;) {
    if (out_pos == out.size()) out.resize(out.size() * 2);
    zs.next_in = const_cast<Bytef*>(in.data() + in_pos);
    zs.avail_in = static_cast<uInt>(std::min(in.size() - in_pos, kChunk));
    zs.next_out = out.data() + out_pos;
    zs.avail_out = static_cast<uInt>(std::min(out.size() - out_pos, kChunk));
    const uInt avail_in = zs.avail_in, avail_out = zs.avail_out;
    const int ret = inflate(&zs, Z_NO_FLUSH);
    in_pos += avail_in - zs.avail_in;
    out_pos += avail_out - zs.avail_out;
    if (ret == Z_STREAM_END) {
      // Another member may follow; anything else after the data is an error.
      const bool another = in.size() - in_pos >= 2 && in[in_pos] == 0x1F && in[in_pos + 1] == 0x8B;
      if (!another) {
        NNLITE_CHECK(in_pos == in.size(), Value, where, in.size() - in_pos,
                     " trailing bytes after the end of the gzip data");
        break;
      }
      NNLITE_CHECK(inflateReset(&zs) == Z_OK, Runtime, where, "cannot restart zlib");
      continue;
    }
    NNLITE_CHECK(ret == Z_OK || ret == Z_BUF_ERROR, Value, where, "corrupt gzip data (",
                 zs.msg ? zs.msg : "zlib error " + std::to_string(ret), ")");
    // No progress with input left means the output is full; with none left, the data ended early.
    NNLITE_CHECK(!(ret == Z_BUF_ERROR && in_pos == in.size() && out_pos < out.size()), Value, where,
                 "the gzip data is truncated (it ends before the end of its compressed stream)");
  }
  out.resize(out_pos);
  return out;
}

}  // namespace

Tensor parse_idx(const uint8_t* data, size_t size, const std::string& name) {
  const std::string where = "parse_idx: '" + name + "': ";
  NNLITE_CHECK(data != nullptr || size == 0, Value, where, "no data");
  NNLITE_CHECK(size >= 4, Value, where, "file is ", size, " bytes, shorter than the 4-byte IDX magic number");

  const uint32_t magic = be32(data);
  const bool gz = data[0] == 0x1F && data[1] == 0x8B;
  NNLITE_CHECK(data[0] == 0 && data[1] == 0, Value, where, "bad magic number ", hex(magic, 8),
               ", expected 0x0000TTNN (TT the element type, NN the number of dimensions)",
               gz ? "; the data looks gzip-compressed, decompress it first" : "");
  const IdxType* type = find_type(data[2]);
  NNLITE_CHECK(type != nullptr, Value, where, "unknown element type ", hex(data[2], 2), " in magic number ",
               hex(magic, 8), ", expected one of 0x08 (uint8), 0x09 (int8), 0x0B (int16), 0x0C (int32), ",
               "0x0D (float32), 0x0E (float64)");
  const int ndim = data[3];
  NNLITE_CHECK(ndim >= 1 && ndim <= kMaxIdxDims, Value, where, "number of dimensions is ", ndim,
               " (magic ", hex(magic, 8), "), expected 1 to ", kMaxIdxDims);

  const size_t header = 4 + 4 * static_cast<size_t>(ndim);
  NNLITE_CHECK(size >= header, Value, where, "file is ", size, " bytes, shorter than the ", header,
               "-byte header of a ", ndim, "-d IDX file");

  Shape shape(static_cast<size_t>(ndim));
  // The product of the sizes with zeros counted as one must fit too: strides
  // are computed that way, so an empty tensor of sizes like [0, 2^31, 2^31, 2^31]
  // would overflow them.
  int64_t span = 1;
  bool overflow = false, empty_dim = false;
  for (int d = 0; d < ndim; ++d) {
    const int64_t n = static_cast<int64_t>(be32(data + 4 + 4 * d));
    shape[d] = n;
    empty_dim = empty_dim || n == 0;
    const int64_t m = n == 0 ? 1 : n;
    if (!overflow && span > std::numeric_limits<int64_t>::max() / m) overflow = true;
    if (!overflow) span *= m;
  }
  NNLITE_CHECK(!overflow, Value, where, "dimensions ", shape_str(shape), " hold more elements than fit in int64");
  const int64_t numel = empty_dim ? 0 : span;
  const size_t payload = size - header;
  NNLITE_CHECK(static_cast<uint64_t>(numel) <= std::numeric_limits<uint64_t>::max() / type->bytes, Value, where,
               "dimensions ", shape_str(shape), " of ", type->name, " need more bytes than fit in 64 bits");
  const uint64_t expected = static_cast<uint64_t>(numel) * type->bytes;
  NNLITE_CHECK(expected == payload, Value, where, "dimensions ", shape_str(shape), " of ", type->name, " need ",
               expected, " data bytes after the ", header, "-byte header, but the file has ", payload,
               payload < expected ? " (truncated?)" : " (trailing bytes)");

  Tensor out = empty(shape, type->dtype);
  decode_payload(*type, data + header, numel, out);
  return out;
}

Tensor read_idx(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  NNLITE_CHECK(fs::is_regular_file(path, ec), FileNotFound, "read_idx: no such file: '", path, "'");
  std::ifstream in(path, std::ios::binary);
  NNLITE_CHECK(in.good(), FileNotFound, "read_idx: cannot open '", path, "'");
  const uintmax_t n = fs::file_size(path, ec);
  NNLITE_CHECK(!ec, Runtime, "read_idx: cannot get the size of '", path, "': ", ec.message());
  std::vector<uint8_t> bytes(static_cast<size_t>(n));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(n));
  NNLITE_CHECK(static_cast<uintmax_t>(in.gcount()) == n, Runtime, "read_idx: read ", in.gcount(), " of ", n,
               " bytes of '", path, "'");
  if (is_gzip(bytes)) bytes = gunzip(bytes, path);
  return parse_idx(bytes.data(), bytes.size(), path);
}

}  // namespace nnlite::io
