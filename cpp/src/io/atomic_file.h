// Crash-safe file replacement: bytes go to a temporary file beside the target,
// which is synced to disk and renamed over the target only when complete.
// Readers of the target see either the old file or the whole new one, and a
// failure at any point (an exception, a full disk) removes the temporary.
// A process killed mid-save cannot remove its own: the next save of the same
// target removes every temporary of that target that no live writer holds.
#pragma once
#include <cstddef>
#include <string>

namespace nnlite::io {

class AtomicFile {
 public:
  // Creates the temporary file in the directory of `path`. `op` names the
  // caller in error messages. Throws IoError when the directory is missing or
  // not writable, or `path` is a directory.
  AtomicFile(const std::string& path, const std::string& op);
  ~AtomicFile();  // without commit(): closes and removes the temporary
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(const void* data, size_t n);  // all n bytes, or IoError
  // fsync the file, rename it over the target, then fsync the directory so
  // the rename itself survives a power cut.
  void commit();

  const std::string& temp_path() const { return tmp_; }

 private:
  [[noreturn]] void fail(const std::string& what, int err) const;

  std::string path_, dir_, tmp_, op_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace nnlite::io
