// safetensors read/write (format in nnlite/io.h). Loading trusts nothing: the
// header length is checked against the file, the JSON header is parsed
// strictly with a cursor (json.h), and every tensor's dtype, shape and byte
// range is checked against the data section, which the tensors must tile
// exactly (no overlap, no hole, nothing after the last tensor), before any
// tensor is allocated or any data is read.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <set>

#include "io/atomic_file.h"
#include "io/json.h"
#include "nnlite/io.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "safetensors data is little-endian; this reader and writer copy bytes as they are"
#endif

namespace nnlite::io {
namespace {

struct Code {
  const char* name;
  DType dtype;
};
constexpr Code kCodes[] = {{"BOOL", DType::Bool},   {"U8", DType::UInt8},     {"I32", DType::Int32},
                           {"I64", DType::Int64},   {"F32", DType::Float32},  {"F64", DType::Float64}};
// safetensors dtypes that nnlite has no tensor type for: named as such in errors.
constexpr const char* kForeign[] = {"F16", "BF16", "I8", "I16", "U16", "U32", "U64", "F8_E4M3", "F8_E5M2",
                                    "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64"};
constexpr const char* kCodeList = "BOOL, U8, I32, I64, F32, F64";

const char* code_of(DType t) {
  for (const auto& c : kCodes)
    if (c.dtype == t) return c.name;
  NNLITE_FAIL(Value, "save: dtype ", dtype_name(t), " has no safetensors code");
}

// One tensor as the header describes it; offsets count from the data section.
struct Entry {
  std::string name;
  DType dtype = DType::Float32;
  Shape shape;
  uint64_t begin = 0, end = 0;
};

struct Header {
  std::vector<Entry> entries;
  Metadata metadata;
};

DType parse_dtype(json::Reader& r, const std::string& tensor) {
  const json::Kind k = r.peek();
  if (k != json::Kind::String) r.fail("the dtype of tensor '" + tensor + "' must be a string, found " + json::kind_name(k));
  const std::string code = r.read_string();
  for (const auto& c : kCodes)
    if (code == c.name) return c.dtype;
  for (const char* f : kForeign)
    if (code == f)
      r.fail("tensor '" + tensor + "' has dtype " + code + ", which nnlite does not support (it reads " + kCodeList +
             ")");
  r.fail("tensor '" + tensor + "' has unknown dtype '" + code + "' (expected one of " + kCodeList + ")");
}

Shape parse_shape(json::Reader& r, const std::string& tensor) {
  const json::Kind k = r.peek();
  if (k != json::Kind::Array)
    r.fail("the shape of tensor '" + tensor + "' must be a list of non-negative integers, found " + json::kind_name(k));
  Shape shape;
  r.begin_array();
  while (r.next_element()) {
    if (shape.size() >= kMaxSafetensorsDims)
      r.fail("tensor '" + tensor + "' has more than " + std::to_string(kMaxSafetensorsDims) + " dimensions");
    const uint64_t d = r.read_uint64("a size in the shape of tensor '" + tensor + "'");
    if (d > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      r.fail("a size in the shape of tensor '" + tensor + "' is " + std::to_string(d) + ", more than fits in int64");
    shape.push_back(static_cast<int64_t>(d));
  }
  return shape;
}

void parse_offsets(json::Reader& r, Entry& e) {
  const json::Kind k = r.peek();
  const std::string what = "the data_offsets of tensor '" + e.name + "'";
  if (k != json::Kind::Array) r.fail(what + " must be a list [begin, end], found " + json::kind_name(k));
  r.begin_array();
  uint64_t v[2];
  int n = 0;
  while (r.next_element()) {
    if (n == 2) r.fail(what + " must hold exactly two integers [begin, end], found more");
    v[n] = r.read_uint64(n == 0 ? "begin in " + what : "end in " + what);
    ++n;
  }
  if (n != 2) r.fail(what + " must hold exactly two integers [begin, end], found " + std::to_string(n));
  e.begin = v[0];
  e.end = v[1];
}

Entry parse_entry(json::Reader& r, const std::string& name) {
  const json::Kind k = r.peek();
  if (k != json::Kind::Object)
    r.fail("the entry of tensor '" + name + "' must be an object with dtype, shape and data_offsets, found " +
           json::kind_name(k));
  Entry e;
  e.name = name;
  bool seen_dtype = false, seen_shape = false, seen_offsets = false;
  std::string key;
  r.begin_object();
  while (r.next_member(&key)) {
    bool* seen = key == "dtype" ? &seen_dtype : key == "shape" ? &seen_shape : key == "data_offsets" ? &seen_offsets
                                                                                                      : nullptr;
    if (seen == nullptr)
      r.fail("unexpected key '" + key + "' in the entry of tensor '" + name +
             "' (expected dtype, shape and data_offsets)");
    if (*seen) r.fail("duplicate key '" + key + "' in the entry of tensor '" + name + "'");
    *seen = true;
    if (key == "dtype") e.dtype = parse_dtype(r, name);
    else if (key == "shape") e.shape = parse_shape(r, name);
    else parse_offsets(r, e);
  }
  if (!seen_dtype) r.fail("the entry of tensor '" + name + "' has no dtype");
  if (!seen_shape) r.fail("the entry of tensor '" + name + "' has no shape");
  if (!seen_offsets) r.fail("the entry of tensor '" + name + "' has no data_offsets");
  return e;
}

void parse_metadata(json::Reader& r, Metadata& out) {
  const json::Kind k = r.peek();
  if (k == json::Kind::Null) {  // some writers spell "no metadata" this way
    r.skip_value();
    return;
  }
  if (k != json::Kind::Object) r.fail(std::string("__metadata__ must be an object of strings, found ") + json::kind_name(k));
  std::string key;
  r.begin_object();
  while (r.next_member(&key)) {
    if (out.count(key)) r.fail("duplicate key '" + key + "' in __metadata__");
    const json::Kind v = r.peek();
    if (v != json::Kind::String)
      r.fail("the __metadata__ value of '" + key + "' must be a string, found " + json::kind_name(v));
    out[key] = r.read_string();
  }
}

// Element count of a shape, refusing shapes whose strides (sizes with zeros
// counted as one) or byte count overflow.
uint64_t checked_nbytes(const Entry& e, const std::string& where) {
  int64_t span = 1;
  bool empty = false;
  for (int64_t d : e.shape) {
    const int64_t m = std::max<int64_t>(d, 1);
    NNLITE_CHECK(span <= std::numeric_limits<int64_t>::max() / m, Value, where, "tensor '", e.name, "' has shape ",
                 shape_str(e.shape), ", whose element count overflows int64");
    span *= m;
    empty = empty || d == 0;
  }
  const int64_t numel = empty ? 0 : span;
  const int64_t size = static_cast<int64_t>(itemsize(e.dtype));
  NNLITE_CHECK(numel <= std::numeric_limits<int64_t>::max() / size, Value, where, "tensor '", e.name, "' of shape ",
               shape_str(e.shape), " needs more bytes than fit in int64");
  return static_cast<uint64_t>(numel * size);
}

// Check each tensor's byte range, then that the ranges tile the data section
// exactly: overlapping tensors would alias, and holes or trailing bytes could
// hide a second file (a polyglot) in the data.
void check_layout(const std::vector<Entry>& entries, uint64_t data_size, const std::string& where) {
  for (const Entry& e : entries) {
    const std::string offs = "[" + std::to_string(e.begin) + ", " + std::to_string(e.end) + "]";
    NNLITE_CHECK(e.begin <= e.end, Value, where, "tensor '", e.name, "' has data_offsets ", offs,
                 " whose end is before their begin");
    NNLITE_CHECK(e.end <= data_size, Value, where, "tensor '", e.name, "' has data_offsets ", offs,
                 " outside the data section, which holds ", data_size, " bytes (truncated file?)");
    const uint64_t need = checked_nbytes(e, where);
    NNLITE_CHECK(e.end - e.begin == need, Value, where, "tensor '", e.name, "' has data_offsets ", offs, " (",
                 e.end - e.begin, " bytes), but ", code_of(e.dtype), " ", shape_str(e.shape), " needs ", need,
                 " bytes");
  }
  std::vector<const Entry*> order;
  for (const Entry& e : entries) order.push_back(&e);
  std::sort(order.begin(), order.end(), [](const Entry* a, const Entry* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end != b->end ? a->end < b->end : a->name < b->name;
  });
  uint64_t pos = 0;
  const Entry* last = nullptr;  // the tensor whose data ends at pos
  for (const Entry* e : order) {
    NNLITE_CHECK(e->begin >= pos, Value, where, "tensors '", last ? last->name : "", "' and '", e->name,
                 "' overlap in the data section: '", e->name, "' starts at byte ", e->begin, ", before '",
                 last ? last->name : "", "' ends at byte ", pos);
    NNLITE_CHECK(e->begin == pos, Value, where, "bytes ", pos, " to ", e->begin,
                 " of the data section belong to no tensor");
    last = e;
    pos = e->end;
  }
  NNLITE_CHECK(pos == data_size, Value, where, "the data section holds ", data_size - pos,
               " trailing bytes after the last tensor's data (", data_size, " bytes, the tensors use ", pos, ")");
}

// The header length from the first 8 bytes, checked against the file size.
uint64_t header_length(const uint8_t* prefix, uint64_t file_size, const std::string& where) {
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | prefix[i];
  NNLITE_CHECK(n > 0, Value, where, "header length is 0, not a safetensors file");
  NNLITE_CHECK(n <= file_size - 8, Value, where, "header length ", n, " is larger than the rest of the file (",
               file_size - 8, " bytes): truncated, or not a safetensors file");
  NNLITE_CHECK(n <= kMaxSafetensorsHeader, Value, where, "header length ", n, " exceeds the limit of ",
               kMaxSafetensorsHeader, " bytes");
  return n;
}

Header parse_header(const char* text, size_t n, uint64_t data_size, const std::string& where) {
  json::Reader r(text, n, where + "header ");
  const json::Kind k = r.peek();
  if (k != json::Kind::Object) r.fail(std::string("the header must be a JSON object, found ") + json::kind_name(k));
  Header h;
  std::set<std::string> names;
  bool seen_metadata = false;
  std::string key;
  r.begin_object();
  while (r.next_member(&key)) {
    if (key == "__metadata__") {
      if (seen_metadata) r.fail("duplicate key '__metadata__'");
      seen_metadata = true;
      parse_metadata(r, h.metadata);
      continue;
    }
    if (!names.insert(key).second) r.fail("duplicate tensor name '" + key + "'");
    h.entries.push_back(parse_entry(r, key));
  }
  r.finish();
  check_layout(h.entries, data_size, where);
  return h;
}

// Allocate each tensor and let `fetch(dst, begin, nbytes)` fill it from the data section.
template <typename Fetch>
TensorMap materialize(const Header& h, const std::string& where, Fetch fetch) {
  TensorMap out;
  for (const Entry& e : h.entries) {
    Tensor t = empty(e.shape, e.dtype);
    const uint64_t nbytes = e.end - e.begin;
    if (nbytes > 0) fetch(t.data_ptr(), e.begin, nbytes);
    if (e.dtype == DType::Bool) {
      // nnlite's bool kernels assume 0 or 1; any other byte would be garbage.
      const uint8_t* b = static_cast<const uint8_t*>(t.data_ptr());
      for (uint64_t i = 0; i < nbytes; ++i)
        NNLITE_CHECK(b[i] <= 1, Value, where, "tensor '", e.name, "' is BOOL, but element ", i, " is ", int(b[i]),
                     " (expected 0 or 1)");
    }
    out.emplace(e.name, std::move(t));
  }
  return out;
}

// ---- writing ----------------------------------------------------------------

struct Prepared {
  const std::string* name;
  const Tensor* tensor;
  uint64_t begin, end;
};

// The header JSON, padded with spaces so the data section starts 8-byte aligned.
std::string build_header(const std::vector<Prepared>& items, const Metadata& metadata) {
  std::string h = "{";
  if (!metadata.empty()) {
    h += "\"__metadata__\":{";
    bool first = true;
    for (const auto& [k, v] : metadata) {
      if (!first) h += ',';
      first = false;
      json::write_string(h, k);
      h += ':';
      json::write_string(h, v);
    }
    h += '}';
  }
  for (const Prepared& p : items) {
    if (h.size() > 1) h += ',';
    json::write_string(h, *p.name);
    h += ":{\"dtype\":\"";
    h += code_of(p.tensor->dtype());
    h += "\",\"shape\":[";
    for (size_t i = 0; i < p.tensor->shape().size(); ++i) {
      if (i) h += ',';
      h += std::to_string(p.tensor->shape()[i]);
    }
    h += "],\"data_offsets\":[" + std::to_string(p.begin) + "," + std::to_string(p.end) + "]}";
  }
  h += '}';
  h.append((8 - h.size() % 8) % 8, ' ');
  return h;
}

// Check names and tensors, lay the tensors out in key order, and stream the
// file through `sink(data, n)`. Each tensor is made contiguous on the CPU only
// when its turn comes, so at most one converted copy is alive at a time.
template <typename Sink>
void write_all(const TensorMap& tensors, const Metadata& metadata, const std::string& where, Sink sink) {
  std::vector<Prepared> items;
  uint64_t pos = 0;
  for (const auto& [name, t] : tensors) {
    NNLITE_CHECK(name != "__metadata__", Value, where, "no tensor may be named '__metadata__' (the key of the "
                 "file's metadata)");
    NNLITE_CHECK(json::valid_utf8(name.data(), name.size()), Value, where, "tensor name '", name,
                 "' is not valid UTF-8");
    NNLITE_CHECK(t.defined(), Value, where, "tensor '", name, "' is undefined");
    code_of(t.dtype());
    const uint64_t nbytes = static_cast<uint64_t>(t.numel()) * t.itemsize();
    items.push_back({&name, &t, pos, pos + nbytes});
    pos += nbytes;
  }
  for (const auto& [k, v] : metadata)
    NNLITE_CHECK(json::valid_utf8(k.data(), k.size()) && json::valid_utf8(v.data(), v.size()), Value, where,
                 "metadata entry '", k, "' is not valid UTF-8");
  const std::string header = build_header(items, metadata);
  uint8_t prefix[8];
  for (int i = 0; i < 8; ++i) prefix[i] = static_cast<uint8_t>(static_cast<uint64_t>(header.size()) >> (8 * i));
  sink(prefix, 8);
  sink(header.data(), header.size());
  for (const Prepared& p : items) {
    if (p.end == p.begin) continue;
    Tensor c = p.tensor->detach();
    if (!c.device().is_cpu()) c = c.to(Device());
    c = c.contiguous();
    sink(c.data_ptr(), static_cast<size_t>(p.end - p.begin));
  }
}

// pread all n bytes at `offset`, or throw.
void read_exact(int fd, void* dst, uint64_t n, uint64_t offset, const std::string& path) {
  char* p = static_cast<char*>(dst);
  while (n > 0) {
    const size_t chunk = n < (uint64_t(1) << 30) ? static_cast<size_t>(n) : size_t(1) << 30;
    const ssize_t got = ::pread(fd, p, chunk, static_cast<off_t>(offset));
    if (got < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      throw IoError("load: reading '" + path + "' failed: " + std::strerror(err), err);
    }
    NNLITE_CHECK(got > 0, Value, "load: '", path, "': the file ended early (did it change while being read?)");
    p += got;
    n -= static_cast<uint64_t>(got);
    offset += static_cast<uint64_t>(got);
  }
}

// Closes the descriptor on every path out of load().
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::vector<uint8_t> save_to_bytes(const TensorMap& tensors, const Metadata& metadata) {
  std::vector<uint8_t> out;
  write_all(tensors, metadata, "save: ", [&](const void* data, size_t n) {
    const uint8_t* p = static_cast<const uint8_t*>(data);
    out.insert(out.end(), p, p + n);
  });
  return out;
}

void save(const TensorMap& tensors, const std::string& path, const Metadata& metadata) {
  const std::string where = "save: '" + path + "': ";
  // A bad name or tensor throws before the first write; the temporary goes with `file`.
  AtomicFile file(path, "save");
  write_all(tensors, metadata, where, [&](const void* data, size_t n) { file.write(data, n); });
  file.commit();
}

TensorMap load_from_bytes(const uint8_t* data, size_t size, Metadata* metadata, const std::string& name) {
  const std::string where = "load: '" + name + "': ";
  NNLITE_CHECK(data != nullptr || size == 0, Value, where, "no data");
  NNLITE_CHECK(size >= 8, Value, where, "the file is ", size,
               " bytes, shorter than the 8-byte header length of a safetensors file");
  const uint64_t n = header_length(data, size, where);
  Header h = parse_header(reinterpret_cast<const char*>(data) + 8, static_cast<size_t>(n), size - 8 - n, where);
  const uint8_t* section = data + 8 + n;
  TensorMap out = materialize(h, where, [&](void* dst, uint64_t begin, uint64_t nbytes) {
    std::memcpy(dst, section + begin, static_cast<size_t>(nbytes));
  });
  if (metadata) *metadata = std::move(h.metadata);
  return out;
}

TensorMap load(const std::string& path, Metadata* metadata) {
  const std::string where = "load: '" + path + "': ";
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) {
    const int err = errno;
    throw IoError(err == ENOENT ? "load: no such file: '" + path + "'"
                                : "load: cannot open '" + path + "': " + std::strerror(err),
                  err);
  }
  struct stat st;
  if (::fstat(f.fd, &st) != 0) {
    const int err = errno;
    throw IoError("load: cannot stat '" + path + "': " + std::strerror(err), err);
  }
  NNLITE_CHECK(S_ISREG(st.st_mode), Value, where, "not a regular file");
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  NNLITE_CHECK(size >= 8, Value, where, "the file is ", size,
               " bytes, shorter than the 8-byte header length of a safetensors file");
  uint8_t prefix[8];
  read_exact(f.fd, prefix, 8, 0, path);
  const uint64_t n = header_length(prefix, size, where);
  std::string text(static_cast<size_t>(n), '\0');
  read_exact(f.fd, text.data(), n, 8, path);
  Header h = parse_header(text.data(), text.size(), size - 8 - n, where);
  TensorMap out = materialize(h, where, [&](void* dst, uint64_t begin, uint64_t nbytes) {
    read_exact(f.fd, dst, nbytes, 8 + n + begin, path);
  });
  if (metadata) *metadata = std::move(h.metadata);
  return out;
}

}  // namespace nnlite::io
