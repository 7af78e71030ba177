// AtomicFile (POSIX): temporary file, fsync, rename, fsync of the directory.
#include "io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "nnlite/io.h"

namespace nnlite::io {
namespace {

std::string dir_of(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A name that no other writer (thread or process) picks at the same moment:
// pid, a process-wide counter and the clock; O_EXCL settles any remaining tie.
std::string temp_name(const std::string& dir, const std::string& base, int attempt) {
  static std::atomic<unsigned long> counter{0};
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  char tag[64];
  std::snprintf(tag, sizeof tag, "%ld-%lu-%llx-%d", static_cast<long>(getpid()), counter.fetch_add(1),
                static_cast<unsigned long long>(now), attempt);
  // Keep the name under NAME_MAX (255) whatever the length of the target's.
  return dir + "/." + base.substr(0, 150) + "." + tag + ".tmp";
}

}  // namespace

void AtomicFile::fail(const std::string& what, int err) const {
  throw IoError(op_ + ": " + what + ": " + std::strerror(err), err);
}

AtomicFile::AtomicFile(const std::string& path, const std::string& op)
    : path_(path), dir_(dir_of(path)), op_(op) {
  if (path.empty() || path.back() == '/') fail("'" + path + "' is not a file name", EISDIR);
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) fail("'" + path + "' is a directory", EISDIR);
  if (::stat(dir_.c_str(), &st) != 0) fail("cannot write '" + path + "': directory '" + dir_ + "'", errno);
  if (!S_ISDIR(st.st_mode)) fail("cannot write '" + path + "': '" + dir_ + "'", ENOTDIR);
  for (int attempt = 0; attempt < 100; ++attempt) {
    tmp_ = temp_name(dir_, base_of(path), attempt);
    // 0666 so that the umask gives the file the permissions a plain open would.
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) return;
    if (errno != EEXIST) break;
  }
  const int err = errno;
  tmp_.clear();
  fail("cannot create a temporary file in '" + dir_ + "' to write '" + path + "'", err);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !tmp_.empty()) ::unlink(tmp_.c_str());
}

void AtomicFile::write(const void* data, size_t n) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    // Large writes in pieces: some kernels cap a single write near 2 GiB.
    const ssize_t w = ::write(fd_, p, n < (size_t(1) << 30) ? n : (size_t(1) << 30));
    if (w < 0) {
      if (errno == EINTR) continue;
      fail("writing '" + path_ + "' failed", errno);
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
}

void AtomicFile::commit() {
  if (::fsync(fd_) != 0) fail("flushing '" + path_ + "' to disk failed", errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail("closing '" + path_ + "' failed", errno);
  if (::rename(tmp_.c_str(), path_.c_str()) != 0) fail("renaming the temporary file to '" + path_ + "' failed", errno);
  committed_ = true;
  // Best effort: the new file is in place now, and some file systems cannot
  // sync a directory (EINVAL), which must not turn a finished save into an error.
  const int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace nnlite::io
