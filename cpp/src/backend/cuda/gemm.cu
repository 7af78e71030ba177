// Batched matrix multiply: cuBLAS (loaded at run time, cublas_loader.h) for
// float32/64 when it is there, the own tiled kernel (gemm_plan.h) otherwise
// and for integers. CudaBackend::matmul is the backend's contract (a [B,M,K],
// b [B,K,N] any strides, out [B,M,N] contiguous, bias [N] or undefined);
// gemm() is the general form conv.cu also uses.
#include <cstdint>
#include <limits>
#include <mutex>
#include <type_traits>

#include "backend/cuda/cublas_loader.h"
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/gemm.cuh"
#include "backend/cuda/launch.cuh"

namespace nnlite::cuda_impl {

namespace {

// One block per BM x BN tile of c; the y and z axes loop (see tile_grid).
// a [B, M, K], bb [B, K, N], c [B, M, N], strides in p.
template <typename T, typename Tile>
__global__ void __launch_bounds__(Tile::kThreads) tile_gemm_kernel(GemmArgs<T> p, int64_t tiles_m) {
  __shared__ T as[Tile::kBK * Tile::kBM];
  __shared__ T bs[Tile::kBK * Tile::kBN];
  const int tid = static_cast<int>(threadIdx.x);
  const int64_t n0 = int64_t(blockIdx.x) * Tile::kBN;
  for (int64_t batch = blockIdx.z; batch < p.B; batch += gridDim.z)
    for (int64_t tm = blockIdx.y; tm < tiles_m; tm += gridDim.y) {
      const int64_t m0 = tm * Tile::kBM;
      T acc[Tile::kTM][Tile::kTN];
      for (int i = 0; i < Tile::kTM; ++i)
        for (int j = 0; j < Tile::kTN; ++j) acc[i][j] = T(0);
      for (int64_t k0 = 0; k0 < p.K; k0 += Tile::kBK) {
        Tile::load(tid, p, batch, m0, n0, k0, as, bs);
        __syncthreads();
        Tile::multiply(tid, as, bs, acc);
        __syncthreads();  // the next load overwrites the tiles
      }
      Tile::store(tid, p, batch, m0, n0, acc);
    }
}

template <typename T>
void tiled_gemm(const GemmArgs<T>& p, const char* what) {
  using Tile = typename TileConfig<T>::Kernel;
  const TileGrid g = tile_grid(p.B, p.M, p.N, Tile::kBM, Tile::kBN);
  NNLITE_CHECK(g.x <= std::numeric_limits<int>::max(), Value, what, ": ", p.N,
               " columns are too many for the CUDA GEMM");
  const dim3 grid(static_cast<unsigned>(g.x), static_cast<unsigned>(g.y), static_cast<unsigned>(g.z));
  tile_gemm_kernel<T, Tile><<<grid, Tile::kThreads, 0, stream()>>>(p, g.tiles_m);
  NNLITE_CUDA_LAUNCHED(what);
}

// c (= or +=) bias broadcast over rows (or 0): the whole product when K == 0,
// and the bias of a cuBLAS call, which then adds the product with beta = 1.
template <typename T>
void bias_fill(const GemmArgs<T>& p, const char* what) {
  const int64_t M = p.M, N = p.N;
  const MatStrides sc = p.sc;
  T* c = p.c;
  const T* bias = p.bias;
  const int64_t bias_stride = p.bias_stride;
  const bool acc = p.accumulate;
  launch_flat(p.B * M * N, what, [=] __device__(int64_t i) {
    const int64_t n = i % N, m = (i / N) % M, b = i / (N * M);
    T& dst = c[b * sc.batch + m * sc.row + n * sc.col];
    const T v = bias ? bias[n * bias_stride] : T(0);
    dst = acc ? dst + v : v;
  });
}

// The process's cuBLAS handle on the backend's stream, or null when cuBLAS
// cannot be used (no library, or cublasCreate failed: then the own kernel runs).
cublas::Handle cublas_handle() {
  static cublas::Handle h = [] {
    const CublasLibrary& lib = cublas_library();
    if (!lib.available) return cublas::Handle(nullptr);
    cublas::Handle created = nullptr;
    if (lib.create(&created) != cublas::kSuccess) return cublas::Handle(nullptr);
    if (lib.set_stream(created, stream()) != cublas::kSuccess) {
      lib.destroy(created);
      return cublas::Handle(nullptr);
    }
    return created;  // never destroyed: the driver may be gone at exit
  }();
  return h;
}

// Runs p through cublasGemmStridedBatchedEx; false (nothing done) when the
// strides do not fit one call. Batches past int32 go in several calls.
template <typename T>
bool cublas_gemm(const GemmArgs<T>& p, const char* what) {
  if (!use_cublas()) return false;
  const cublas::Handle h = cublas_handle();
  if (!h) return false;
  const CublasCall call = cublas_call(p.M, p.N, p.K, p.sa, p.sb, p.sc);
  if (!call.ok) return false;
  const bool is_f32 = std::is_same_v<T, float>;
  const bool tf32 = is_f32 && allow_tf32();
  const int dtype = is_f32 ? cublas::kR32F : cublas::kR64F;
  const int compute = is_f32 ? (tf32 ? cublas::kCompute32FFastTF32 : cublas::kCompute32F) : cublas::kCompute64F;
  if (p.bias) bias_fill(p, what);
  const T alpha = T(1), beta = (p.bias || p.accumulate) ? T(1) : T(0);
  const int64_t max_batch = std::numeric_limits<int>::max();
  for (int64_t b0 = 0; b0 < p.B; b0 += max_batch) {
    const int count = static_cast<int>(std::min(max_batch, p.B - b0));
    const cublas::Status st = cublas_library().gemm_strided_batched_ex(
        h, call.transa, call.transb, call.m, call.n, call.k, &alpha, p.b + b0 * p.sb.batch, dtype, call.lda,
        call.stride_a, p.a + b0 * p.sa.batch, dtype, call.ldb, call.stride_b, &beta, p.c + b0 * p.sc.batch, dtype,
        call.ldc, call.stride_c, count, compute, cublas::kGemmDefault);
    NNLITE_CHECK(st == cublas::kSuccess, Runtime, what, ": cuBLAS GEMM failed with status ", st, " (", p.B, " x [",
                 p.M, ", ", p.K, "] @ [", p.K, ", ", p.N, "])");
  }
  note_gemm_path(tf32 ? "cublas-tf32" : "cublas");
  return true;
}

}  // namespace

template <typename T>
void gemm(const GemmArgs<T>& p, const char* what) {
  if (p.B <= 0 || p.M <= 0 || p.N <= 0) return;
  if (p.K <= 0) {
    bias_fill(p, what);
    return;
  }
  if constexpr (std::is_floating_point_v<T>) {
    if (cublas_gemm(p, what)) return;
  }
  tiled_gemm(p, what);
  note_gemm_path("tiled");
}

template void gemm<float>(const GemmArgs<float>&, const char*);
template void gemm<double>(const GemmArgs<double>&, const char*);
template void gemm<uint8_t>(const GemmArgs<uint8_t>&, const char*);
template void gemm<int32_t>(const GemmArgs<int32_t>&, const char*);
template void gemm<int64_t>(const GemmArgs<int64_t>&, const char*);

namespace {
template <typename T>
void matmul_typed(const Tensor& a, const Tensor& b, const Tensor& bias, Tensor& out) {
  const Shape& sa = a.strides();
  const Shape& sb = b.strides();
  GemmArgs<T> p{};
  p.B = out.shape()[0], p.M = out.shape()[1], p.N = out.shape()[2], p.K = a.shape()[2];
  p.a = ptr<T>(a), p.sa = {sa[0], sa[1], sa[2]};
  p.b = ptr<T>(b), p.sb = {sb[0], sb[1], sb[2]};
  p.c = ptr<T>(out), p.sc = {p.M * p.N, p.N, 1};
  p.bias = bias.defined() ? ptr<T>(bias) : nullptr;
  p.bias_stride = bias.defined() ? bias.strides()[0] : 0;
  p.accumulate = false;
  p.a_k_fast = sa[2] == 1;
  p.b_n_fast = sb[2] == 1;
  gemm<T>(p, "matmul");
}
}  // namespace

// a [B, M, K], b [B, K, N] (any strides, 0 for broadcast batches), out [B, M, N]
// contiguous, bias [N] or undefined.
void CudaBackend::matmul(const Tensor& a, const Tensor& b, const Tensor& bias, Tensor& out) {
  NNLITE_CHECK(a.dim() == 3 && b.dim() == 3 && out.dim() == 3, Value, "matmul: the CUDA backend expects [B, M, K] @ "
               "[B, K, N] operands, got shapes ", shape_str(a.shape()), " and ", shape_str(b.shape()));
  NNLITE_CHECK(a.dtype() == out.dtype() && b.dtype() == out.dtype() && (!bias.defined() || bias.dtype() == out.dtype()),
               Type, "matmul: operands of different dtypes reached the CUDA backend");
  switch (out.dtype()) {
    case DType::Float32: return matmul_typed<float>(a, b, bias, out);
    case DType::Float64: return matmul_typed<double>(a, b, bias, out);
    case DType::Int32: return matmul_typed<int32_t>(a, b, bias, out);
    case DType::Int64: return matmul_typed<int64_t>(a, b, bias, out);
    case DType::UInt8: return matmul_typed<uint8_t>(a, b, bias, out);
    default:
      NNLITE_FAIL(Type, "matmul: the CUDA backend multiplies float32, float64 and integer tensors, got ",
                  dtype_name(out.dtype()));
  }
}

}  // namespace nnlite::cuda_impl
