// cuBLAS, found at run time: the CUDA backend's GEMM uses it when a library
// can be loaded (a system CUDA, the nvidia-cublas wheel, or one PyTorch has
// already loaded) and falls back to its own tiled kernel otherwise, so cuBLAS
// is never a link or install dependency. The few entry points and enum values
// used are declared here: the build has no cuBLAS headers.
//
// Plain C++ (no CUDA headers), compiled in every build: the host-side tests
// drive the loader with missing and wrong libraries, and the switches below
// (TF32, cuBLAS on/off) exist in a CPU-only build too, where they are inert.
#pragma once
#include <string>
#include <vector>

namespace nnlite::cuda_impl {

namespace cublas {
// cublas_api.h's values; enums are passed as int (the C ABI of those enums).
using Handle = void*;  // cublasHandle_t
using Status = int;    // cublasStatus_t
constexpr Status kSuccess = 0;
constexpr int kOpN = 0, kOpT = 1;                                   // cublasOperation_t
constexpr int kR32F = 0, kR64F = 1;                                 // cudaDataType
constexpr int kCompute32F = 68, kCompute32FFastTF32 = 77, kCompute64F = 70;  // cublasComputeType_t
constexpr int kGemmDefault = -1;                                    // cublasGemmAlgo_t

using CreateFn = Status (*)(Handle*);
using DestroyFn = Status (*)(Handle);
using SetStreamFn = Status (*)(Handle, void* stream);
using GetVersionFn = Status (*)(Handle, int*);
// C[b] = alpha * op(A[b]) op(B[b]) + beta * C[b], column-major, for b < batch.
using GemmStridedBatchedExFn = Status (*)(Handle, int transa, int transb, int m, int n, int k, const void* alpha,
                                          const void* A, int a_type, int lda, long long stride_a, const void* B,
                                          int b_type, int ldb, long long stride_b, const void* beta, void* C,
                                          int c_type, int ldc, long long stride_c, int batch, int compute_type,
                                          int algo);
}  // namespace cublas

// One attempt at loading cuBLAS: the entry points, or why there are none.
struct CublasLibrary {
  bool available = false;
  std::string path;    // the name that dlopen accepted
  std::string reason;  // when not available: what each candidate answered
  cublas::CreateFn create = nullptr;
  cublas::DestroyFn destroy = nullptr;
  cublas::SetStreamFn set_stream = nullptr;
  cublas::GemmStridedBatchedExFn gemm_strided_batched_ex = nullptr;
};

// Tries each candidate (a soname or a path) with dlopen in order; a library
// that opens but lacks an entry point is closed again and the next one tried.
// Never throws: a missing library gives available == false and a reason.
CublasLibrary load_cublas_library(const std::vector<std::string>& candidates);

// The candidates the backend tries: $NNLITE_CUBLAS_PATH when set, then the
// directories registered by add_cublas_search_dir (the Python package adds
// the nvidia-cublas wheel's), then libcublas.so.13, .so.12 and .so.
std::vector<std::string> cublas_candidates();
void add_cublas_search_dir(const std::string& dir);

// The process's cuBLAS, loaded once on first use (thread-safe).
const CublasLibrary& cublas_library();

// Whether matmul may use cuBLAS: true unless $NNLITE_CUBLAS is "0" (read on
// first use) or set_use_cublas(false) was called; with false (or no library)
// the own tiled kernel runs.
bool use_cublas();
void set_use_cublas(bool on);

// torch.backends.cuda.matmul.allow_tf32: float32 GEMMs through cuBLAS may use
// TF32 tensor cores (10-bit mantissa inputs, float32 accumulation). Off by
// default, as in PyTorch. The own kernel always computes in full float32.
bool allow_tf32();
void set_allow_tf32(bool on);

// Which GEMM the last call used ("cublas", "cublas-tf32", "tiled" or "none"
// before the first): lets the device tests check that NNLITE_CUBLAS=0 and
// allow_tf32 took effect. gemm.cu records it (a string literal).
const char* last_gemm_path();
void note_gemm_path(const char* path);

}  // namespace nnlite::cuda_impl
