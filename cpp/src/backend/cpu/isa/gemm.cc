// Packed, cache-blocked GEMM of one instruction set (see entries.h): B is
// packed into KC x NR panels, A into MR x KC panels, and a register-blocked
// MR x NR micro-kernel runs over them. The micro-kernel uses GCC vector types
// whose width follows the target (kVecBytes).
#include <omp.h>

#include <cstring>

#include "backend/cpu/cache.h"
#include "backend/cpu/isa/entries.h"
#include "backend/cpu/isa/helpers.h"

namespace nnlite::cpu {
namespace {

constexpr int kVecBytes = NNLITE_ISA_NS::vector_bytes;
constexpr int kMR = kVecBytes == 64 ? 8 : 6;  // rows of the micro-tile: 8 in AVX-512's 32 registers

template <typename T>
struct Gemm;
template <>
struct Gemm<float> {
  typedef float V __attribute__((vector_size(kVecBytes)));
  static constexpr int L = kVecBytes / 4;
};
template <>
struct Gemm<double> {
  typedef double V __attribute__((vector_size(kVecBytes)));
  static constexpr int L = kVecBytes / 8;
};

// Cache blocking, from the cache sizes read at start (cpu/cache.h):
//   kc: a packed B micro-panel [kc, NR] fills about 2/3 of L1, leaving room
//       for the A micro-panel streaming past it;
//   mc: a packed A block [mc, kc] fills about 1/8 of L2 (several threads'
//       B panels and the C tiles share the rest);
//   nc: a packed B block [kc, nc] fills at most a quarter of L3.
// On a 48 KiB L1 / 1 MiB L2 AVX-512 core this gives kc = 256, mc = 128 and
// nc = 2048 for float32.
struct Blocking {
  int64_t kc, mc, nc;
};

template <typename T>
const Blocking& blocking() {
  static const Blocking b = [] {
    constexpr int64_t NR = 2 * Gemm<T>::L, MR = kMR, size = sizeof(T);
    const CacheSizes& c = cache_sizes();
    const int64_t kc = max_of<int64_t>(64, min_of<int64_t>(512, static_cast<int64_t>(c.l1d) * 2 / 3 / (NR * size) / 16 * 16));
    const int64_t mc = max_of<int64_t>(MR * 4, min_of<int64_t>(MR * 64, static_cast<int64_t>(c.l2) / 8 / (kc * size) / MR * MR));
    const int64_t nc = max_of<int64_t>(NR * 8, min_of<int64_t>(NR * 64, static_cast<int64_t>(c.l3) / 4 / (kc * size) / NR * NR));
    return Blocking{kc, mc, nc};
  }();
  return b;
}

// acc[MR][NR] = sum_k ap[k][0..MR) (x) bp[k][0..NR) (+ c if load_c), stored
// to the first `rows` rows of c [MR, NR] with row stride ldc (+ bias[0..NR)
// if given). Shapes at this boundary: ap [kc, MR] packed (rows past `rows`
// zero), bp [kc, NR] packed. The accumulators start from C and go straight
// back to it, so a product over several k blocks never passes through a
// temporary tile.
template <typename T>
inline void micro_kernel(int64_t kc, const T* __restrict ap, const T* __restrict bp, T* __restrict c, int64_t ldc,
                         bool load_c, const T* __restrict bias, int rows = kMR) {
  using V = typename Gemm<T>::V;
  constexpr int L = Gemm<T>::L;
  V acc[kMR][2];
  for (int i = 0; i < kMR; ++i) {
    if (load_c && i < rows) {
      std::memcpy(&acc[i][0], c + i * ldc, sizeof(V));
      std::memcpy(&acc[i][1], c + i * ldc + L, sizeof(V));
    } else {
      acc[i][0] = acc[i][1] = V{};
    }
  }
  for (int64_t k = 0; k < kc; ++k) {
    V b0, b1;
    std::memcpy(&b0, bp, sizeof(V));
    std::memcpy(&b1, bp + L, sizeof(V));
#pragma GCC unroll 16
    for (int i = 0; i < kMR; ++i) {
      const T a = ap[i];
      acc[i][0] += a * b0;
      acc[i][1] += a * b1;
    }
    ap += kMR;
    bp += 2 * L;
  }
  if (bias) {
    V b0, b1;
    std::memcpy(&b0, bias, sizeof(V));
    std::memcpy(&b1, bias + L, sizeof(V));
    for (int i = 0; i < kMR; ++i) acc[i][0] += b0, acc[i][1] += b1;
  }
  for (int i = 0; i < rows; ++i) {
    std::memcpy(c + i * ldc, &acc[i][0], sizeof(V));
    std::memcpy(c + i * ldc + L, &acc[i][1], sizeof(V));
  }
}

// Packs ROWS (at most 8) rows of a row-major block into a panel of width
// W: dst[k * W + r] = src[r * rs + k] for r < ROWS, k < kc. Eight-by-eight
// blocks are transposed in registers (three rounds of shuffles) instead of
// scalar stores W apart (rows past ROWS read the last row again, and only
// ROWS lanes of each column are stored). A's panels (W = MR, 6 or 8 rows)
// are packed like this on every product, and so is a column-major B (x @
// W^T: a linear layer's weight), 8 of its NR columns at a time.
template <int W, int ROWS, typename T>
inline void pack_rows(const T* src, int64_t rs, int64_t kc, T* dst) {
  static_assert(ROWS >= 1 && ROWS <= 8 && ROWS <= W);
  constexpr int rows = ROWS;
  typedef T V8 __attribute__((vector_size(8 * sizeof(T))));
  int64_t k = 0;
  for (; k + 8 <= kc; k += 8) {
    V8 r[8], a[8], b[8];
    for (int i = 0; i < 8; ++i) std::memcpy(&r[i], src + (i < rows ? i : rows - 1) * rs + k, sizeof(V8));
    for (int i = 0; i < 8; i += 2) {
      a[i] = __builtin_shufflevector(r[i], r[i + 1], 0, 8, 2, 10, 4, 12, 6, 14);
      a[i + 1] = __builtin_shufflevector(r[i], r[i + 1], 1, 9, 3, 11, 5, 13, 7, 15);
    }
    for (int i : {0, 1, 4, 5}) {
      b[i] = __builtin_shufflevector(a[i], a[i + 2], 0, 1, 8, 9, 4, 5, 12, 13);
      b[i + 2] = __builtin_shufflevector(a[i], a[i + 2], 2, 3, 10, 11, 6, 7, 14, 15);
    }
    for (int j = 0; j < 4; ++j) {
      const V8 lo = __builtin_shufflevector(b[j], b[j + 4], 0, 1, 2, 3, 8, 9, 10, 11);
      const V8 hi = __builtin_shufflevector(b[j], b[j + 4], 4, 5, 6, 7, 12, 13, 14, 15);
      std::memcpy(dst + (k + j) * W, &lo, rows * sizeof(T));  // column j of the block
      std::memcpy(dst + (k + j + 4) * W, &hi, rows * sizeof(T));
    }
  }
  for (; k < kc; ++k)
    for (int i = 0; i < rows; ++i) dst[k * W + i] = src[i * rs + k];
}

// Columns [jb J, jb J + J) of one row: c[j] (+)= a . B[:, j] (+ bias[j]), B column-major (rsb = 1).
template <int64_t J, typename T>
inline void few_rows_columns(int64_t jb, int64_t N, int64_t K, const T* a, int64_t csa, const T* B, int64_t csb, T* c,
                             const T* bias, bool accumulate) {
  const int64_t j0 = jb * J, nj = min_of(J, N - j0);
  T acc[J] = {};
  if (csa == 1 && nj == J) {
    const T* b = B + j0 * csb;
    T s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
#pragma omp simd reduction(+ : s0, s1, s2, s3, s4, s5, s6, s7)
    for (int64_t k = 0; k < K; ++k) {
      const T ak = a[k];
      s0 += ak * b[k], s1 += ak * b[csb + k], s2 += ak * b[2 * csb + k], s3 += ak * b[3 * csb + k];
      s4 += ak * b[4 * csb + k], s5 += ak * b[5 * csb + k], s6 += ak * b[6 * csb + k], s7 += ak * b[7 * csb + k];
    }
    acc[0] = s0, acc[1] = s1, acc[2] = s2, acc[3] = s3, acc[4] = s4, acc[5] = s5, acc[6] = s6, acc[7] = s7;
  } else {
    // One vectorised sum per column (a plain loop is one chain of K dependent multiply-adds:
    // 4 columns of K = 120 cost 0.6 us, a fifth of a batch-1 linear layer's call).
    for (int64_t j = 0; j < nj; ++j) {
      const T* b = B + (j0 + j) * csb;
      T sj = 0;
#pragma omp simd reduction(+ : sj)
      for (int64_t k = 0; k < K; ++k) sj += a[k * csa] * b[k];
      acc[j] = sj;
    }
  }
  for (int64_t j = 0; j < nj; ++j)
    c[j0 + j] = (accumulate ? c[j0 + j] : T(0)) + acc[j] + (bias ? bias[j0 + j] : T(0));
}

// A few rows of A (batch-1 inference): packing B would copy the whole
// weight matrix for a handful of multiply-adds per element, so read B in
// place, as dot products when its columns are contiguous (x @ W^T) and as
// row updates when its rows are.
template <typename T>
void gemm_few_rows(int64_t M, int64_t N, int64_t K, const T* A, int64_t rsa, int64_t csa, const T* B, int64_t rsb,
                   int64_t csb, T* C, int64_t ldc, const T* bias, bool accumulate) {
  const bool parallel = static_cast<double>(N) * K > 1 << 16;
  for (int64_t i = 0; i < M; ++i) {
    T* c = C + i * ldc;
    const T* a = A + i * rsa;
    if (rsb == 1) {
      // Eight columns at a time: eight independent sums keep both FMA pipes
      // busy (one sum is a chain bound by the FMA latency) and share the
      // loads of a.
      constexpr int64_t J = 8;
      const int64_t blocks = (N + J - 1) / J;
      if (parallel) {
#pragma omp parallel for schedule(static)
        for (int64_t jb = 0; jb < blocks; ++jb) few_rows_columns<J>(jb, N, K, a, csa, B, csb, c, bias, accumulate);
      } else {  // no region at all: even one that runs on one thread builds a team (about 0.7 us)
        for (int64_t jb = 0; jb < blocks; ++jb) few_rows_columns<J>(jb, N, K, a, csa, B, csb, c, bias, accumulate);
      }
    } else {
      for (int64_t j = 0; j < N; ++j) c[j] = (accumulate ? c[j] : T(0)) + (bias ? bias[j] : T(0));
      for (int64_t k = 0; k < K; ++k) {
        const T ak = a[k * csa];
        const T* b = B + k * rsb;
        if (csb == 1) {
#pragma omp simd
          for (int64_t j = 0; j < N; ++j) c[j] += ak * b[j];
        } else {
          for (int64_t j = 0; j < N; ++j) c[j] += ak * b[j * csb];
        }
      }
    }
  }
}

// Packs B's block [pc, pc + kc) x [j0, j0 + nc) into ceil(nc / NR) panels
// [kc, NR], one after another; columns past nc are zero.
template <typename T>
void pack_b_block(const T* B, int64_t rsb, int64_t csb, int64_t pc, int64_t kc, int64_t j0, int64_t nc, T* dst) {
  constexpr int64_t NR = 2 * Gemm<T>::L;
  const int64_t npanels = (nc + NR - 1) / NR;
  for (int64_t jp = 0; jp < npanels; ++jp, dst += kc * NR) {
    const int64_t jj = j0 + jp * NR, nv = min_of(NR, j0 + nc - jj);
    if (rsb == 1 && csb != 1) {  // column-major B: eight columns at a time, transposed in registers
      int64_t c = 0;
      if constexpr (NR % 8 == 0)
        for (; c + 8 <= nv; c += 8) pack_rows<NR, 8>(B + pc + (jj + c) * csb, csb, kc, dst + c);
      for (; c < NR; ++c) {  // the right edge (and the narrow panels of the generic set's doubles)
        const T* src = B + pc + (jj + c) * csb;
        for (int64_t k = 0; k < kc; ++k) dst[k * NR + c] = c < nv ? src[k] : T(0);
      }
    } else {
      for (int64_t k = 0; k < kc; ++k) {
        const T* src = B + (pc + k) * rsb + jj * csb;
        int64_t c = 0;
        for (; c < nv; ++c) dst[k * NR + c] = src[c * csb];
        for (; c < NR; ++c) dst[k * NR + c] = T(0);
      }
    }
  }
}

// Rows [i0, i0 + mv) (mv <= MR) of A's columns [pc, pc + kc) as one panel
// dst [kc, MR]; rows past mv are zero.
template <typename T>
void pack_a_panel(const T* A, int64_t rsa, int64_t csa, int64_t i0, int64_t mv, int64_t pc, int64_t kc, T* dst) {
  constexpr int64_t MR = kMR;
  if (csa == 1 && rsa != 1 && mv == MR) {
    pack_rows<MR, MR>(A + i0 * rsa + pc, rsa, kc, dst);
  } else if (csa == 1 && rsa != 1) {  // row-major A: read each row's run of k in order
    for (int64_t r = 0; r < MR; ++r) {
      const T* src = A + (i0 + r) * rsa + pc;
      if (r < mv)
        for (int64_t k = 0; k < kc; ++k) dst[k * MR + r] = src[k];
      else
        for (int64_t k = 0; k < kc; ++k) dst[k * MR + r] = T(0);
    }
  } else if (rsa == 1 && mv == MR) {  // column-major A (Winograd's weight gradient): MR contiguous rows per k
    for (int64_t k = 0; k < kc; ++k) std::memcpy(dst + k * MR, A + i0 + (pc + k) * csa, MR * sizeof(T));
  } else {
    for (int64_t k = 0; k < kc; ++k) {
      const T* src = A + i0 * rsa + (pc + k) * csa;
      int64_t r = 0;
      for (; r < mv; ++r) dst[k * MR + r] = src[r * rsa];
      for (; r < MR; ++r) dst[k * MR + r] = T(0);
    }
  }
}

// A prepacked A [M, K] (pack_a): ceil(M / MR) panels [K, MR], one after
// another, so that the panel of rows [i0, i0 + MR) for columns [pc, pc + kc)
// is the [kc, MR] run at (i0 / MR) * MR * K + pc * MR.
template <typename T>
struct PackedA {
  const T* data = nullptr;
  int64_t K = 0;
};

// C[:, j0 : j0 + nc] (+)= A[:, pc : pc + kc] @ (B's block, packed by
// pack_b_block into bpack), A packed here block by block unless `packed`
// holds it. `first`: the first k block, which adds the bias and overwrites C
// unless accumulate.
template <typename T>
void multiply_block(int64_t M, const T* A, int64_t rsa, int64_t csa, int64_t pc, int64_t kc, const T* bpack,
                    int64_t j0, int64_t nc, T* C, int64_t ldc, const T* bias, bool accumulate, bool first,
                    PackedA<T> packed = {}) {
  constexpr int64_t NR = 2 * Gemm<T>::L, MR = kMR;
  const Blocking& blk = blocking<T>();
  const int64_t MC = blk.mc, npanels = (nc + NR - 1) / NR;
  T* apack = packed.data ? nullptr : scratch<T>(1, static_cast<size_t>(blk.kc * (MC + MR)));
  const bool add_c = accumulate || !first;
  for (int64_t ic = 0; ic < M; ic += MC) {
    const int64_t mc = min_of(MC, M - ic);
    const int64_t mpanels = (mc + MR - 1) / MR;
    const T* ap = apack;  // this block's panels, `ap_step` apart
    int64_t ap_step = kc * MR;
    if (packed.data) {
      ap = packed.data + (ic / MR) * MR * packed.K + pc * MR;
      ap_step = MR * packed.K;
    } else {
      for (int64_t ip = 0; ip < mpanels; ++ip) {
        const int64_t i0 = ic + ip * MR;
        pack_a_panel(A, rsa, csa, i0, min_of(MR, M - i0), pc, kc, apack + ip * kc * MR);
      }
    }
    for (int64_t jp = 0; jp < npanels; ++jp) {
      alignas(64) T tile[MR * NR];
      const int64_t jj = j0 + jp * NR, nv = min_of(NR, j0 + nc - jj);
      const T* bp = bpack + jp * kc * NR;
      const T* b = first && bias ? bias + jj : nullptr;
      for (int64_t ip = 0; ip < mpanels; ++ip) {
        const int64_t i0 = ic + ip * MR, mv = min_of(MR, M - i0);
        if (nv == NR) {
          micro_kernel<T>(kc, ap + ip * ap_step, bp, C + i0 * ldc + jj, ldc, add_c, b, static_cast<int>(mv));
          continue;
        }
        // A tile over the right edge: through a temporary, then the valid part.
        for (int64_t r = 0; r < MR; ++r)
          for (int64_t c = 0; c < NR; ++c) tile[r * NR + c] = add_c && r < mv && c < nv ? C[(i0 + r) * ldc + jj + c] : T(0);
        alignas(64) T bias_tile[NR] = {};
        if (b)
          for (int64_t c = 0; c < nv; ++c) bias_tile[c] = b[c];
        micro_kernel<T>(kc, ap + ip * ap_step, bp, tile, NR, add_c, b ? bias_tile : nullptr);
        for (int64_t r = 0; r < mv; ++r)
          for (int64_t c = 0; c < nv; ++c) C[(i0 + r) * ldc + jj + c] = tile[r * NR + c];
      }
    }
  }
}

// One thread's share of C, packed and blocked for the caches (see
// Blocking). Shapes: A [M, K] and B [K, N] through their strides, C [M, N].
template <typename T>
void gemm_serial(int64_t M, int64_t N, int64_t K, const T* A, int64_t rsa, int64_t csa, const T* B,
                 int64_t rsb, int64_t csb, T* C, int64_t ldc, const T* bias, bool accumulate,
                 PackedA<T> packed = {}) {
  constexpr int64_t NR = 2 * Gemm<T>::L;
  const Blocking& blk = blocking<T>();
  T* bpack = scratch<T>(0, static_cast<size_t>(blk.kc * (blk.nc + NR)));
  for (int64_t jc = 0; jc < N; jc += blk.nc) {
    const int64_t nc = min_of(blk.nc, N - jc);
    // Equal k blocks of at most kc: a short last block (16 of K = 1024 at kc = 336) loads and stores
    // every C tile for a few multiply-adds (1024 x 1024 x 1024: 1.4% faster).
    const int64_t steps = (K + blk.kc - 1) / blk.kc, kstep = (K + steps - 1) / steps;
    for (int64_t pc = 0; pc < K; pc += kstep) {
      const int64_t kc = min_of(kstep, K - pc);
      pack_b_block(B, rsb, csb, pc, kc, jc, nc, bpack);
      multiply_block(M, A, rsa, csa, pc, kc, bpack, jc, nc, C, ldc, bias, accumulate, pc == 0, packed);
    }
  }
}

// The product over an empty inner dimension: C = bias (+ C if accumulate).
template <typename T>
void empty_product(int64_t M, int64_t N, T* C, int64_t ldc, const T* bias, bool accumulate) {
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) C[i * ldc + j] = (accumulate ? C[i * ldc + j] : T(0)) + (bias ? bias[j] : T(0));
}

// The layout of a prepacked B [K, N] (pack_b): the blocks gemm_serial packs
// one at a time, all of them, in its loop order (column blocks of nc, then k
// blocks of kc). Every column block but the last is nc wide, a multiple of
// NR, so block (jc, pc) starts at jc * K + pc * (its width rounded up to NR).
template <typename T>
int64_t packed_block_offset(int64_t N, int64_t K, int64_t jc, int64_t pc) {
  constexpr int64_t NR = 2 * Gemm<T>::L;
  const int64_t nc = min_of(blocking<T>().nc, N - jc);
  return jc * K + pc * ((nc + NR - 1) / NR * NR);
}

}  // namespace

namespace NNLITE_ISA_NS {

template <typename T>
void gemm(int64_t M, int64_t N, int64_t K, const T* A, int64_t rsa, int64_t csa, const T* B, int64_t rsb,
          int64_t csb, T* C, int64_t ldc, const T* bias, bool accumulate) {
  if (M <= 2 && K > 0) return gemm_few_rows(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, bias, accumulate);
  if (M == 0 || N == 0) return;
  if (K == 0) return empty_product(M, N, C, ldc, bias, accumulate);
  // Waking the other threads costs microseconds: small products stay on one.
  const int threads = omp_get_max_threads();
  if (threads == 1 || static_cast<double>(M) * N * K <= 128.0 * 128 * 128 || omp_in_parallel())
    return gemm_serial(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, bias, accumulate);
  // Each thread takes a slice of the larger of M and N (whole micro-panels)
  // and multiplies it on its own, packing into its own buffers: one parallel
  // region and no barrier inside, so a thread the OS delays holds up the
  // others once per product, not once per cache block. (The slices along N
  // share A, which each thread packs again: M*K copies for M*N*K/threads
  // multiply-adds.)
  const bool split_n = N >= M;
  const int64_t unit = split_n ? 2 * Gemm<T>::L : kMR, extent = split_n ? N : M;
  const int64_t units = (extent + unit - 1) / unit;
#pragma omp parallel num_threads(static_cast<int>(min_of<int64_t>(threads, units)))
  {
    const int64_t t = omp_get_thread_num(), nt = omp_get_num_threads();
    const int64_t u0 = units * t / nt, u1 = units * (t + 1) / nt;
    const int64_t lo = min_of(extent, u0 * unit), hi = min_of(extent, u1 * unit);
    if (hi > lo) {
      if (split_n)
        gemm_serial(M, hi - lo, K, A, rsa, csa, B + lo * csb, rsb, csb, C + lo, ldc, bias ? bias + lo : nullptr,
                    accumulate);
      else
        gemm_serial(hi - lo, N, K, A + lo * rsa, rsa, csa, B, rsb, csb, C + lo * ldc, ldc, bias, accumulate);
    }
  }
}

NNLITE_ISA_ENTRY(gemm);

template <typename T>
int64_t pack_b(int64_t K, int64_t N, const T* B, int64_t rsb, int64_t csb, T* dst) {
  constexpr int64_t NR = 2 * Gemm<T>::L;
  if (dst)
    for (int64_t jc = 0; jc < N; jc += blocking<T>().nc)
      for (int64_t pc = 0; pc < K; pc += blocking<T>().kc)
        pack_b_block(B, rsb, csb, pc, min_of(blocking<T>().kc, K - pc), jc, min_of(blocking<T>().nc, N - jc),
                     dst + packed_block_offset<T>(N, K, jc, pc));
  return (N + NR - 1) / NR * NR * K;
}

NNLITE_ISA_ENTRY(pack_b);

template <typename T>
void gemm_prepacked(int64_t M, int64_t N, int64_t K, const T* A, int64_t rsa, int64_t csa, const T* packed, T* C,
                    int64_t ldc, const T* bias, bool accumulate) {
  if (M == 0 || N == 0) return;
  if (K == 0) return empty_product(M, N, C, ldc, bias, accumulate);
  const Blocking& blk = blocking<T>();
  for (int64_t jc = 0; jc < N; jc += blk.nc)
    for (int64_t pc = 0; pc < K; pc += blk.kc)
      multiply_block(M, A, rsa, csa, pc, min_of(blk.kc, K - pc), packed + packed_block_offset<T>(N, K, jc, pc), jc,
                     min_of(blk.nc, N - jc), C, ldc, bias, accumulate, pc == 0);
}

NNLITE_ISA_ENTRY(gemm_prepacked);

template <typename T>
int64_t pack_a(int64_t M, int64_t K, const T* A, int64_t rsa, int64_t csa, T* dst) {
  constexpr int64_t MR = kMR;
  const int64_t panels = (M + MR - 1) / MR;
  if (dst)
    for (int64_t ip = 0; ip < panels; ++ip)
      pack_a_panel(A, rsa, csa, ip * MR, min_of(MR, M - ip * MR), 0, K, dst + ip * MR * K);
  return panels * MR * K;
}

NNLITE_ISA_ENTRY(pack_a);

template <typename T>
void gemm_packed_a(int64_t M, int64_t N, int64_t K, const T* packed, const T* B, int64_t rsb, int64_t csb, T* C,
                   int64_t ldc, const T* bias, bool accumulate) {
  if (M == 0 || N == 0) return;
  if (K == 0) return empty_product(M, N, C, ldc, bias, accumulate);
  gemm_serial<T>(M, N, K, nullptr, 0, 0, B, rsb, csb, C, ldc, bias, accumulate, PackedA<T>{packed, K});
}

NNLITE_ISA_ENTRY(gemm_packed_a);

}  // namespace NNLITE_ISA_NS
}  // namespace nnlite::cpu
