// See packed_weights.h. One mutex-guarded list, most recently used first:
// a model has tens of layers, so a linear search costs less than the hash
// of a key this long.
#include "backend/cpu/packed_weights.h"

#include <cstdlib>
#include <cstring>
#include <list>
#include <mutex>

namespace nnlite::cpu {
namespace {

// Built on every call, so nothing in it allocates: Shape holds small shapes
// inline, and the layout is a string literal.
struct PackKey {
  const Storage* storage;
  int64_t offset;
  Shape shape, strides;
  DType dtype;
  const char* layout;
  bool operator==(const PackKey& o) const {
    return storage == o.storage && offset == o.offset && shape == o.shape && strides == o.strides &&
           dtype == o.dtype && std::strcmp(layout, o.layout) == 0;
  }
};

struct PackEntry {
  PackKey key;
  std::weak_ptr<Storage> alive;
  uint64_t version;
  std::shared_ptr<void> packed;  // null until the second sight
  size_t bytes;
};

struct PackCache {
  std::mutex mutex;
  std::list<PackEntry> entries;  // most recently used first
  size_t bytes = 0;

  // Drops entries whose storage is gone, then the least recently used
  // packed ones until `incoming` more bytes fit.
  void trim(size_t incoming) {
    for (auto it = entries.begin(); it != entries.end();)
      it = it->alive.expired() ? erase(it) : std::next(it);
    for (auto it = entries.end(); bytes + incoming > kPackedWeightBytes && it != entries.begin();) {
      --it;
      if (it->packed) it = erase(it);
    }
  }
  std::list<PackEntry>::iterator erase(std::list<PackEntry>::iterator it) {
    if (it->packed) bytes -= it->bytes;
    return entries.erase(it);
  }
};

PackCache& pack_cache() {
  static PackCache* c = new PackCache;  // never destroyed: kernels may run during static destruction
  return *c;
}

std::shared_ptr<void> aligned_buffer(size_t bytes) {
  void* p = std::aligned_alloc(64, (bytes + 63) / 64 * 64);
  if (!p) throw std::bad_alloc();
  return std::shared_ptr<void>(p, std::free);
}

}  // namespace

std::shared_ptr<const void> packed_weights(const Tensor& w, const char* layout, size_t bytes,
                                           const std::function<void(void*)>& pack) {
  PackKey key{w.storage().get(), w.offset(), w.shape(), w.strides(), w.dtype(), layout};
  const uint64_t version = w.version();
  PackCache& c = pack_cache();
  std::lock_guard<std::mutex> lock(c.mutex);
  auto it = c.entries.begin();
  while (it != c.entries.end() && !(it->key == key && !it->alive.expired())) ++it;
  if (it == c.entries.end()) {  // first sight: remember it, pack when seen again unchanged
    c.trim(0);
    c.entries.push_front(PackEntry{std::move(key), w.storage(), version, nullptr, 0});
    return nullptr;
  }
  c.entries.splice(c.entries.begin(), c.entries, it);  // now the most recently used
  PackEntry& e = c.entries.front();
  if (e.version != version) {  // changed since last seen (a training step): pack once it holds still
    if (e.packed) c.bytes -= e.bytes;
    e.packed.reset();
    e.version = version;
    return nullptr;
  }
  if (e.packed && e.bytes == bytes) return e.packed;
  if (bytes > kPackedWeightBytes) return nullptr;
  if (e.packed) c.bytes -= e.bytes;
  e.packed.reset();
  c.trim(bytes);
  std::shared_ptr<void> buf = aligned_buffer(bytes);
  pack(buf.get());
  e.packed = buf;
  e.bytes = bytes;
  c.bytes += bytes;
  return buf;
}

bool unchanged_since_last_call(const Tensor& w) {
  return packed_weights(w, "unchanged", 1, [](void*) {}) != nullptr;
}

}  // namespace nnlite::cpu
