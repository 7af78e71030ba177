// AtomicFile (POSIX): temporary file, fsync, rename, fsync of the directory.
//
// Stale temporaries: a writer holds an flock on its temporary from creation
// until the rename, so a temporary whose lock can be taken belongs to a save
// that was killed. Each new save of a target removes those of that target
// (issue 16: killed saves of a large checkpoint used to pile up on disk).
#include "io/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
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
std::string temp_prefix(const std::string& base) { return "." + base.substr(0, 150) + "."; }

std::string temp_name(const std::string& dir, const std::string& base, int attempt) {
  static std::atomic<unsigned long> counter{0};
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  char tag[64];
  std::snprintf(tag, sizeof tag, "%ld-%lu-%llx-%d", static_cast<long>(getpid()), counter.fetch_add(1),
                static_cast<unsigned long long>(now), attempt);
  // Keep the name under NAME_MAX (255) whatever the length of the target's.
  return dir + "/" + temp_prefix(base) + tag + ".tmp";
}

// True for the tag temp_name writes: "<pid>-<counter>-<hex clock>-<attempt>".
bool is_temp_tag(const std::string& tag) {
  int field = 0;
  bool digit_seen = false;
  for (char c : tag) {
    if (c == '-') {
      if (!digit_seen) return false;
      ++field;
      digit_seen = false;
    } else if ((c >= '0' && c <= '9') || (field == 2 && c >= 'a' && c <= 'f')) {
      digit_seen = true;
    } else {
      return false;
    }
  }
  return field == 3 && digit_seen;
}

// Removes the temporaries of `base` in `dir` that no live writer holds
// locked. Best effort: a file it cannot open or lock is left alone.
void remove_stale_temps(const std::string& dir, const std::string& base) {
  const std::string prefix = temp_prefix(base), suffix = ".tmp";
  DIR* d = ::opendir(dir.c_str());
  if (!d) return;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    if (!is_temp_tag(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()))) continue;
    const std::string full = dir + "/" + name;
    const int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) continue;
    struct stat st;
    // Unlinking while holding the lock: a writer that just created the file
    // and waits for its own lock sees the link count drop to 0 and retries.
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ::flock(fd, LOCK_EX | LOCK_NB) == 0)
      ::unlink(full.c_str());
    ::close(fd);
  }
  ::closedir(d);
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
  remove_stale_temps(dir_, base_of(path));
  for (int attempt = 0; attempt < 100; ++attempt) {
    tmp_ = temp_name(dir_, base_of(path), attempt);
    // 0666 so that the umask gives the file the permissions a plain open would.
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0) {
      if (errno == EEXIST) continue;
      break;
    }
    // Held until commit() has renamed the file: the mark of a live writer.
    struct stat st;
    while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
    }
    if (::fstat(fd_, &st) == 0 && st.st_nlink > 0) return;
    // Another save's cleanup removed the file between open and flock.
    ::close(fd_);
    fd_ = -1;
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
  // Rename before closing: closing drops the lock that keeps other saves'
  // cleanup away from this file.
  if (::rename(tmp_.c_str(), path_.c_str()) != 0) fail("renaming the temporary file to '" + path_ + "' failed", errno);
  committed_ = true;
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail("closing '" + path_ + "' failed", errno);
  // Best effort: the new file is in place now, and some file systems cannot
  // sync a directory (EINVAL), which must not turn a finished save into an error.
  const int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace nnlite::io
