// The plain C++ half of the CUDA GEMM, compiled by nvcc into gemm.cu and by
// g++ into the host-side tests (_C._cuda_host):
//  - cublas_call: how a row-major, strided, batched product maps onto one
//    column-major cublasGemmStridedBatchedEx call (or why it cannot);
//  - TileGemm: the own tiled kernel's per-thread phases (load a tile into
//    shared memory, multiply it into registers, store), which the kernel runs
//    with __syncthreads between them and the host test runs thread by thread;
//  - tile_grid: the launch grid of that kernel for any sizes.
//
// The product everywhere: c[b] (= or +=) a[b] @ bb[b] (+ bias), a [B, M, K],
// bb [B, K, N], c [B, M, N], each with its own element strides.
#pragma once
#include <algorithm>
#include <cstdint>
#include <limits>

#include "backend/cuda/host_device.h"

namespace nnlite::cuda_impl {

// One operand of a batched product: element strides of [batch, row, col].
struct MatStrides {
  int64_t batch, row, col;
};

// ---- cuBLAS argument mapping -------------------------------------------------

// The arguments of cublasGemmStridedBatchedEx for c = a @ bb. cuBLAS is
// column-major, and a row-major [R, C] matrix read column-major is its
// transpose [C, R]; so c^T [N, M] = bb^T [N, K] @ a^T [K, M]: cuBLAS's first
// operand is our bb, its second our a, m = N, n = M.
struct CublasCall {
  bool ok = false;                  // false: an operand needs a copy first, or a size is past int32
  int transa = 0, transb = 0;       // for cuBLAS's A (our bb) and B (our a)
  int m = 0, n = 0, k = 0;
  int lda = 0, ldb = 0, ldc = 0;
  int64_t stride_a = 0, stride_b = 0, stride_c = 0;  // batch strides (0: the same matrix for every batch)
};

// A row-major [rows, cols] matrix with strides (rs, cs), as a column-major
// matrix with a leading dimension: op N (stored [cols, rows], ld = rs) when
// cols are unit-stride, op T (stored [rows, cols], ld = cs) when rows are.
// A dim of size 1 may have any stride. false when neither layout fits
// (e.g. both strides > 1, or an expanded dim of stride 0).
inline bool column_major_view(int64_t rows, int64_t cols, int64_t rs, int64_t cs, int& op, int64_t& ld) {
  const int64_t need_n = std::max<int64_t>(1, cols), need_t = std::max<int64_t>(1, rows);
  if (cs == 1 || cols == 1) {
    ld = rows == 1 ? need_n : rs;
    if (ld >= need_n) {
      op = 0;
      return true;
    }
  }
  if (rs == 1 || rows == 1) {
    ld = cols == 1 ? need_t : cs;
    if (ld >= need_t) {
      op = 1;
      return true;
    }
  }
  return false;
}

inline bool fits_int(int64_t v) { return v >= 0 && v <= std::numeric_limits<int>::max(); }

// c must have unit column stride (the backend's outputs and scratch do).
inline CublasCall cublas_call(int64_t M, int64_t N, int64_t K, MatStrides a, MatStrides bb, MatStrides c) {
  CublasCall r;
  int op_a = 0, op_b = 0;
  int64_t ld_a = 0, ld_b = 0;
  if (!column_major_view(K, N, bb.row, bb.col, op_b, ld_b)) return r;  // cuBLAS's A = our bb
  if (!column_major_view(M, K, a.row, a.col, op_a, ld_a)) return r;    // cuBLAS's B = our a
  const int64_t ld_c = M == 1 ? std::max<int64_t>(1, N) : c.row;
  if (!(c.col == 1 || N == 1) || ld_c < std::max<int64_t>(1, N)) return r;
  if (!fits_int(M) || !fits_int(N) || !fits_int(K) || !fits_int(ld_a) || !fits_int(ld_b) || !fits_int(ld_c))
    return r;
  r.ok = true;
  r.transa = op_b, r.transb = op_a;
  r.m = int(N), r.n = int(M), r.k = int(K);
  r.lda = int(ld_b), r.ldb = int(ld_a), r.ldc = int(ld_c);
  r.stride_a = bb.batch, r.stride_b = a.batch, r.stride_c = c.batch;
  return r;
}

// ---- the own tiled kernel ------------------------------------------------------

// Everything a tile needs, by value into the kernel. bias: per column of c
// (matmul's), stride bias_stride, or null. accumulate: c += instead of c =.
template <typename T>
struct GemmArgs {
  int64_t B, M, N, K;
  const T* a;
  MatStrides sa;
  const T* b;
  MatStrides sb;
  T* c;
  MatStrides sc;
  const T* bias;
  int64_t bias_stride;
  bool accumulate;
  // Which way the tile loads walk, for coalesced reads: along K when a's
  // columns are unit-stride (row-major a), else along M; along N when bb's
  // columns are unit-stride, else along K.
  bool a_k_fast, b_n_fast;
};

// Block tile BM x BN, K in steps of BK; each of the (BM/TM) * (BN/TN) threads
// holds a TM x TN block of c in registers. A thread owns the rows
// ty + i * (BM/TM) and columns tx + j * (BN/TN): neighbouring threads read
// neighbouring shared-memory words (no bank conflicts) and write neighbouring
// columns of c (coalesced). Shared memory: as [BK][BM] (a's tile, transposed),
// bs [BK][BN]. Tails in M, N and K are loaded as zeros and not stored.
template <typename T, int BM, int BN, int BK, int TM, int TN>
struct TileGemm {
  static constexpr int kBM = BM, kBN = BN, kBK = BK, kTM = TM, kTN = TN;
  static constexpr int kThreadsM = BM / TM, kThreadsN = BN / TN;
  static constexpr int kThreads = kThreadsM * kThreadsN;
  static_assert(BM % TM == 0 && BN % TN == 0, "the thread grid must tile the block");
  static_assert((BM * BK) % kThreads == 0 && (BN * BK) % kThreads == 0, "every thread loads the same count");
  static constexpr int kLoadsA = BM * BK / kThreads, kLoadsB = BN * BK / kThreads;

  // Phase 1: thread tid copies its share of a[batch][m0:m0+BM, k0:k0+BK] and
  // bb[batch][k0:k0+BK, n0:n0+BN] into as and bs.
  NNLITE_HD static void load(int tid, const GemmArgs<T>& p, int64_t batch, int64_t m0, int64_t n0, int64_t k0, T* as,
                             T* bs) {
    const T* a = p.a + batch * p.sa.batch;
    for (int l = 0; l < kLoadsA; ++l) {
      const int e = l * kThreads + tid;
      const int kk = p.a_k_fast ? e % BK : e / BM, mm = p.a_k_fast ? e / BK : e % BM;
      const int64_t m = m0 + mm, k = k0 + kk;
      as[kk * BM + mm] = (m < p.M && k < p.K) ? a[m * p.sa.row + k * p.sa.col] : T(0);
    }
    const T* b = p.b + batch * p.sb.batch;
    for (int l = 0; l < kLoadsB; ++l) {
      const int e = l * kThreads + tid;
      const int kk = p.b_n_fast ? e / BN : e % BK, nn = p.b_n_fast ? e % BN : e / BK;
      const int64_t k = k0 + kk, n = n0 + nn;
      bs[kk * BN + nn] = (k < p.K && n < p.N) ? b[k * p.sb.row + n * p.sb.col] : T(0);
    }
  }

  // Phase 2: acc[i][j] += the tile's contribution to this thread's block.
  NNLITE_HD static void multiply(int tid, const T* as, const T* bs, T (&acc)[TM][TN]) {
    const int ty = tid / kThreadsN, tx = tid % kThreadsN;
    for (int kk = 0; kk < BK; ++kk) {
      T ra[TM], rb[TN];
      for (int i = 0; i < TM; ++i) ra[i] = as[kk * BM + ty + i * kThreadsM];
      for (int j = 0; j < TN; ++j) rb[j] = bs[kk * BN + tx + j * kThreadsN];
      for (int i = 0; i < TM; ++i)
        for (int j = 0; j < TN; ++j) acc[i][j] += ra[i] * rb[j];
    }
  }

  // Phase 3: this thread's block into c, with the bias and the old c.
  NNLITE_HD static void store(int tid, const GemmArgs<T>& p, int64_t batch, int64_t m0, int64_t n0,
                              const T (&acc)[TM][TN]) {
    const int ty = tid / kThreadsN, tx = tid % kThreadsN;
    T* c = p.c + batch * p.sc.batch;
    for (int i = 0; i < TM; ++i) {
      const int64_t m = m0 + ty + i * kThreadsM;
      if (m >= p.M) continue;
      for (int j = 0; j < TN; ++j) {
        const int64_t n = n0 + tx + j * kThreadsN;
        if (n >= p.N) continue;
        T v = acc[i][j];
        if (p.bias) v += p.bias[n * p.bias_stride];
        T& dst = c[m * p.sc.row + n * p.sc.col];
        dst = p.accumulate ? dst + v : v;
      }
    }
  }
};

// The configurations gemm.cu launches: float32 128x128x8 with 8x8 per thread,
// float64 (and integers) 64x64x8 with 4x4 per thread; 256 threads each.
template <typename T>
struct TileConfig {
  using Kernel = TileGemm<T, 64, 64, 8, 4, 4>;
};
template <>
struct TileConfig<float> {
  using Kernel = TileGemm<float, 128, 128, 8, 8, 8>;
};

// The launch grid: x over N's tiles, y over M's, z over the batch. CUDA caps
// y and z at 65535, so the kernel loops over M tiles and batches with steps
// grid.y and grid.z (a grid-stride loop per axis); x allows 2^31 - 1.
struct TileGrid {
  int64_t x = 0, y = 0, z = 0, tiles_m = 0;
};
inline TileGrid tile_grid(int64_t B, int64_t M, int64_t N, int BM, int BN) {
  constexpr int64_t kCap = 65535;
  TileGrid g;
  g.tiles_m = (M + BM - 1) / BM;
  g.x = (N + BN - 1) / BN;
  g.y = std::min(g.tiles_m, kCap);
  g.z = std::min(B, kCap);
  return g;
}

}  // namespace nnlite::cuda_impl
