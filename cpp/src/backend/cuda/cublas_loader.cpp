// cuBLAS by dlopen (see cublas_loader.h) and the GEMM switches.
#include "backend/cuda/cublas_loader.h"

#include <dlfcn.h>

#include <atomic>
#include <cstdlib>
#include <mutex>

namespace nnlite::cuda_impl {

namespace {

std::mutex& dirs_mutex() {
  static std::mutex m;
  return m;
}
std::vector<std::string>& search_dirs() {
  static std::vector<std::string> d;
  return d;
}

const char* const kSonames[] = {"libcublas.so.13", "libcublas.so.12", "libcublas.so"};

template <typename Fn>
bool resolve(void* lib, const char* name, Fn& fn, std::string& missing) {
  fn = reinterpret_cast<Fn>(dlsym(lib, name));
  if (!fn) missing += missing.empty() ? name : std::string(", ") + name;
  return fn != nullptr;
}

}  // namespace

CublasLibrary load_cublas_library(const std::vector<std::string>& candidates) {
  CublasLibrary out;
  for (const std::string& name : candidates) {
    // RTLD_LOCAL: cuBLAS's symbols must not interpose on anyone else's.
    void* lib = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      const char* err = dlerror();  // names the file already
      out.reason += std::string(err ? err : (name + ": not found").c_str()) + "; ";
      continue;
    }
    CublasLibrary got;
    std::string missing;
    resolve(lib, "cublasCreate_v2", got.create, missing);
    resolve(lib, "cublasDestroy_v2", got.destroy, missing);
    resolve(lib, "cublasSetStream_v2", got.set_stream, missing);
    resolve(lib, "cublasGemmStridedBatchedEx", got.gemm_strided_batched_ex, missing);
    if (!missing.empty()) {
      out.reason += name + ": lacks " + missing + "; ";
      dlclose(lib);
      continue;
    }
    got.available = true;
    got.path = name;
    return got;  // the library stays open for the life of the process
  }
  if (candidates.empty()) out.reason = "no candidate libraries";
  return out;
}

void add_cublas_search_dir(const std::string& dir) {
  std::lock_guard<std::mutex> lock(dirs_mutex());
  search_dirs().push_back(dir);
}

std::vector<std::string> cublas_candidates() {
  std::vector<std::string> c;
  if (const char* p = std::getenv("NNLITE_CUBLAS_PATH"); p && *p) c.emplace_back(p);
  {
    std::lock_guard<std::mutex> lock(dirs_mutex());
    for (const std::string& d : search_dirs())
      for (const char* so : kSonames) c.push_back(d + "/" + so);
  }
  for (const char* so : kSonames) c.emplace_back(so);
  return c;
}

const CublasLibrary& cublas_library() {
  static const CublasLibrary lib = load_cublas_library(cublas_candidates());
  return lib;
}

namespace {
// -1: not decided yet (the environment is read on first use).
std::atomic<int> g_use_cublas{-1};
std::atomic<bool> g_allow_tf32{false};
std::atomic<const char*> g_last_path{"none"};
}  // namespace

bool use_cublas() {
  int v = g_use_cublas.load(std::memory_order_relaxed);
  if (v < 0) {
    const char* e = std::getenv("NNLITE_CUBLAS");
    const int from_env = (e && std::string(e) == "0") ? 0 : 1;
    g_use_cublas.compare_exchange_strong(v, from_env);
    v = g_use_cublas.load(std::memory_order_relaxed);
  }
  return v == 1;
}

void set_use_cublas(bool on) { g_use_cublas.store(on ? 1 : 0); }

bool allow_tf32() { return g_allow_tf32.load(std::memory_order_relaxed); }
void set_allow_tf32(bool on) { g_allow_tf32.store(on); }

const char* last_gemm_path() { return g_last_path.load(std::memory_order_relaxed); }
void note_gemm_path(const char* path) { g_last_path.store(path, std::memory_order_relaxed); }

}  // namespace nnlite::cuda_impl
