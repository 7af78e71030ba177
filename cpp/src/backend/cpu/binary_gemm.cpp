// Products with a binary (0/1) sparse operand (binary_gemm.h): both forms are
// "out row = init + sum of the listed rows of src", over X's row lists
// (Y = X B) or column lists (G = X^T P). A list sum streams whole rows of src
// through a 64-wide accumulator held in registers (eight AVX2 registers for
// float32; target_clones builds AVX2 and AVX-512 copies beside the baseline one).
#include "backend/cpu/binary_gemm.h"

#include <immintrin.h>

#include <algorithm>

#include "backend/cpu/clones.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

namespace {

// Columns per accumulator block.
constexpr int64_t kAccumBlock = 64;
// Bytes of src one column panel spans: every list of a panel re-reads the
// panel's rows, so it is sized to stay in L2 (1 MB per core here).
constexpr int64_t kPanelBytes = 256 * 1024;
// Additions below which a product runs on one thread.
constexpr int64_t kAddsPerThread = 1 << 20;

// 32-byte vectors (GCC vector extensions): one AVX2 register (the AVX-512
// copy uses them too, two SSE registers in the baseline one). Not 64: GCC
// lowers a vector wider than the target's registers through the stack, and
// the AVX2 copy then read and wrote its accumulator in memory on every add
// (SNN training steps 2.5x slower on an AVX2 machine). aligned(sizeof(T))
// makes loads and stores through them unaligned ones.
typedef float vfloat __attribute__((vector_size(32), aligned(4), may_alias));
typedef double vdouble __attribute__((vector_size(32), aligned(8), may_alias));
template <typename T> struct Vec;
template <> struct Vec<float> { using type = vfloat; };
template <> struct Vec<double> { using type = vdouble; };
// Bytes of accumulator held in registers at once: eight vectors, half of AVX2's.
constexpr int64_t kAccumBytes = 256;

// out[0, kAccumBlock) = init[0, kAccumBlock) (0 without init) + the rows idx[0, n) of
// src (row stride ld), in parts of kAccumBytes whose accumulators stay in
// registers; two rows per pass halve the dependency chain of each lane.
template <typename T>
NNLITE_CLONE_INLINE void sum_rows_block(T* out, const T* init, const T* src, int64_t ld, const int32_t* idx,
                                        int64_t n) {
  using V = typename Vec<T>::type;
  constexpr int64_t L = sizeof(V) / sizeof(T), NV = kAccumBytes / sizeof(V), W = NV * L;
  for (int64_t part = 0; part < kAccumBlock; part += W) {
    V acc[NV];
    for (int64_t v = 0; v < NV; ++v) acc[v] = init ? *reinterpret_cast<const V*>(init + part + v * L) : V{};
    int64_t i = 0;
    for (; i + 1 < n; i += 2) {
      const V* a = reinterpret_cast<const V*>(src + idx[i] * ld + part);
      const V* b = reinterpret_cast<const V*>(src + idx[i + 1] * ld + part);
      for (int64_t v = 0; v < NV; ++v) acc[v] += a[v] + b[v];
    }
    if (i < n) {
      const V* a = reinterpret_cast<const V*>(src + idx[i] * ld + part);
      for (int64_t v = 0; v < NV; ++v) acc[v] += a[v];
    }
    for (int64_t v = 0; v < NV; ++v) *reinterpret_cast<V*>(out + part + v * L) = acc[v];
  }
}

// As sum_rows_block for a tail block of w < kAccumBlock columns.
template <typename T>
NNLITE_CLONE_INLINE void sum_rows_tail(T* out, const T* init, const T* src, int64_t ld, const int32_t* idx, int64_t n,
                                       int64_t w) {
  T acc[kAccumBlock];
  for (int64_t j = 0; j < w; ++j) acc[j] = init ? init[j] : T(0);
  for (int64_t i = 0; i < n; ++i) {
    const T* a = src + idx[i] * ld;
    for (int64_t j = 0; j < w; ++j) acc[j] += a[j];
  }
  for (int64_t j = 0; j < w; ++j) out[j] = acc[j];
}

// For the lists l in [l0, l1) and columns [c0, c1) of out [lists, N]:
// out[l, c] = init[l * init_ld + c] (0 without init) + sum over k in list l of src[k, c].
// src [*, N] row-major; list l is idx[start[l], start[l + 1]).
template <typename T>
NNLITE_CLONE_INLINE void list_sums(const int64_t* start, const int32_t* idx, const T* src, const T* init,
                                   int64_t init_ld, T* out, int64_t l0, int64_t l1, int64_t c0, int64_t c1,
                                   int64_t N) {
  for (int64_t l = l0; l < l1; ++l) {
    const int32_t* list = idx + start[l];
    const int64_t n = start[l + 1] - start[l];
    for (int64_t c = c0; c < c1; c += kAccumBlock) {
      const T* in = init ? init + l * init_ld + c : nullptr;
      if (c1 - c >= kAccumBlock)
        sum_rows_block(out + l * N + c, in, src + c, N, list, n);
      else
        sum_rows_tail(out + l * N + c, in, src + c, N, list, n, c1 - c);
    }
  }
}

NNLITE_CLONES void list_sums_f(const int64_t* s, const int32_t* i, const float* src, const float* init, int64_t ld,
                               float* out, int64_t l0, int64_t l1, int64_t c0, int64_t c1, int64_t N) {
  list_sums(s, i, src, init, ld, out, l0, l1, c0, c1, N);
}
NNLITE_CLONES void list_sums_d(const int64_t* s, const int32_t* i, const double* src, const double* init, int64_t ld,
                               double* out, int64_t l0, int64_t l1, int64_t c0, int64_t c1, int64_t N) {
  list_sums(s, i, src, init, ld, out, l0, l1, c0, c1, N);
}
inline void list_sums_t(const int64_t* s, const int32_t* i, const float* src, const float* init, int64_t ld,
                        float* out, int64_t l0, int64_t l1, int64_t c0, int64_t c1, int64_t N) {
  list_sums_f(s, i, src, init, ld, out, l0, l1, c0, c1, N);
}
inline void list_sums_t(const int64_t* s, const int32_t* i, const double* src, const double* init, int64_t ld,
                        double* out, int64_t l0, int64_t l1, int64_t c0, int64_t c1, int64_t N) {
  list_sums_d(s, i, src, init, ld, out, l0, l1, c0, c1, N);
}

// One chunk of lists per thread (each writes its own rows of out: a thread
// that wrote every row's share of a panel shared pages and lines with the
// other); within a chunk, column panels sized so src's panel stays in L2
// while every list of the chunk reads it.
template <typename T>
void run_list_sums(const int64_t* start, const int32_t* idx, int64_t lists, const T* src, int64_t src_rows,
                   const T* init, int64_t init_ld, T* out, int64_t N, int64_t ones) {
  if (lists == 0 || N == 0) return;
  const int64_t per_panel = kPanelBytes / static_cast<int64_t>(sizeof(T)) / std::max<int64_t>(src_rows, 1);
  const int64_t panel = std::max(kAccumBlock, per_panel / kAccumBlock * kAccumBlock);
  const int64_t chunks = std::min<int64_t>(lists, threads_for(ones * N, kAddsPerThread));
#pragma omp parallel for num_threads(static_cast<int>(chunks)) schedule(static) if (chunks > 1)
  for (int64_t ch = 0; ch < chunks; ++ch)
    for (int64_t c = 0; c < N; c += panel)
      list_sums_t(start, idx, src, init, init_ld, out, lists * ch / chunks, lists * (ch + 1) / chunks, c,
                  std::min(N, c + panel), N);
}

// Writes the columns of the nonzeros of the row xr [C] to buf [C + 16] and returns
// their count, or -1 when the row holds a value other than 0 and 1.
// Branch-free (spikes come in no predictable order), the value check folded
// into the same pass.
template <typename T>
int64_t index_row(const T* xr, int64_t C, int32_t* buf) {
  int64_t count = 0;
  bool other = false;
  for (int64_t c = 0; c < C; ++c) {
    const T v = xr[c];
    buf[count] = static_cast<int32_t>(c);
    count += v != T(0);
    other |= (v != T(0)) & (v != T(1));
  }
  return other ? -1 : count;
}

#if defined(__GNUC__) && defined(__x86_64__)
#define NNLITE_HAVE_SIMD_SCAN 1
// index_row with AVX-512: 16 (8 for double) elements per compare, the
// columns of the nonzeros compress-stored (the scalar loop costs about as
// much as the sparse product it prepares).
template <typename T>
__attribute__((target("avx512f"))) int64_t index_row_avx512(const T* xr, int64_t C, int32_t* buf) {
  constexpr int64_t L = 64 / sizeof(T);
  const __m512i lanes = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  int64_t count = 0;
  __mmask16 other = 0;
  for (int64_t c = 0; c < C; c += L) {
    const int64_t w = std::min(L, C - c);
    const __mmask16 in = static_cast<__mmask16>(w == L ? (1u << L) - 1 : (1u << w) - 1);
    __mmask16 nz, one;
    if constexpr (sizeof(T) == 4) {
      const __m512 v = _mm512_maskz_loadu_ps(in, xr + c);
      nz = _mm512_cmp_ps_mask(v, _mm512_setzero_ps(), _CMP_NEQ_UQ);
      one = _mm512_cmp_ps_mask(v, _mm512_set1_ps(1.0f), _CMP_EQ_OQ);
    } else {
      const __m512d v = _mm512_maskz_loadu_pd(static_cast<__mmask8>(in), xr + c);
      nz = _mm512_cmp_pd_mask(v, _mm512_setzero_pd(), _CMP_NEQ_UQ);
      one = _mm512_cmp_pd_mask(v, _mm512_set1_pd(1.0), _CMP_EQ_OQ);
    }
    nz &= in;
    other |= static_cast<__mmask16>(nz & ~one);
    const __m512i cols = _mm512_add_epi32(lanes, _mm512_set1_epi32(static_cast<int32_t>(c)));
    // Compress in a register and store all 16 lanes (buf has 16 spare):
    // a compressing store to memory is microcoded and slow on AMD Zen 4.
    _mm512_storeu_si512(buf + count, _mm512_maskz_compress_epi32(nz, cols));
    count += __builtin_popcount(nz);
  }
  return other ? -1 : count;
}

// For each 8-bit mask, the positions of its set bits, lowest first, as
// bytes (the rest zero): AVX2's stand-in for AVX-512's compress.
struct CompressTable {
  alignas(64) uint8_t lanes[256][8];
  CompressTable() {
    for (int m = 0; m < 256; ++m) {
      int n = 0;
      for (int b = 0; b < 8; ++b)
        if (m >> b & 1) lanes[m][n++] = static_cast<uint8_t>(b);
      for (; n < 8; ++n) lanes[m][n] = 0;
    }
  }
};
const CompressTable kCompress;

// index_row for float with AVX2: 8 elements per compare, the nonzeros'
// columns compressed through kCompress and stored as 8 lanes (buf has 16
// spare), count advanced by the mask's popcount: no branch per nonzero,
// whose count per 8 columns no predictor can guess (a bit-by-bit loop
// spent most of this scan in mispredictions). The tail goes scalar.
__attribute__((target("avx2,popcnt"))) int64_t index_row_avx2(const float* xr, int64_t C, int32_t* buf) {
  int64_t count = 0, c = 0;
  unsigned other = 0;
  for (; c + 8 <= C; c += 8) {
    const __m256 v = _mm256_loadu_ps(xr + c);
    const unsigned nz = static_cast<unsigned>(_mm256_movemask_ps(_mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_NEQ_UQ)));
    const unsigned one = static_cast<unsigned>(_mm256_movemask_ps(_mm256_cmp_ps(v, _mm256_set1_ps(1.0f), _CMP_EQ_OQ)));
    other |= nz & ~one;
    const __m128i packed = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(kCompress.lanes[nz]));
    const __m256i cols = _mm256_add_epi32(_mm256_cvtepu8_epi32(packed), _mm256_set1_epi32(static_cast<int32_t>(c)));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(buf + count), cols);
    count += __builtin_popcount(nz);
  }
  const int64_t tail = index_row(xr + c, C - c, buf + count);
  if (other || tail < 0) return -1;
  for (int64_t i = count; i < count + tail; ++i) buf[i] += static_cast<int32_t>(c);
  return count + tail;
}
#endif

// index_row on the widest instruction set this CPU has.
template <typename T>
int64_t index_row_best(const T* xr, int64_t C, int32_t* buf) {
#ifdef NNLITE_HAVE_SIMD_SCAN
  static const bool avx512 = __builtin_cpu_supports("avx512f");
  if (avx512) return index_row_avx512(xr, C, buf);
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if constexpr (sizeof(T) == 4)
    if (avx2) return index_row_avx2(xr, C, buf);
#endif
  return index_row(xr, C, buf);
}

}  // namespace

std::shared_ptr<BinaryIndex> index_binary(const Tensor& x, double max_density) {
  NNLITE_CHECK(x.dim() == 2 && x.is_contiguous(), Value, "internal: index_binary needs a contiguous matrix, got ",
               x.dim(), "-d");
  const int64_t R = x.size(0), C = x.size(1);
  if (R > INT32_MAX || C > INT32_MAX) return nullptr;  // the lists hold 32-bit rows and columns
  auto ix = std::make_shared<BinaryIndex>();
  ix->rows = R;
  ix->cols = C;
  ix->row_start.resize(R + 1);
  const double budget = max_density * static_cast<double>(R) * static_cast<double>(C);
  std::vector<int32_t> buf(C + 16);
  bool ok = true;
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    for (int64_t r = 0; r < R && ok; ++r) {
      const int64_t count = index_row_best(xp + r * C, C, buf.data());
      ok = count >= 0 && static_cast<double>(ix->col.size()) + static_cast<double>(count) <= budget;
      if (ok) ix->col.insert(ix->col.end(), buf.data(), buf.data() + count);
      ix->row_start[r + 1] = static_cast<int64_t>(ix->col.size());
    }
  });
  return ok ? ix : nullptr;
}

std::shared_ptr<BinaryIndex> stack_rows(const BinaryIndex& a, int64_t r0, int64_t r1, const BinaryIndex* b) {
  NNLITE_CHECK((!b || a.cols == b->cols) && 0 <= r0 && r0 <= r1 && r1 <= a.rows, Value,
               "internal: stack_rows of rows ", r0, "-", r1, " of an index of ", a.rows, " rows and ", a.cols,
               " columns");
  auto ix = std::make_shared<BinaryIndex>();
  ix->rows = r1 - r0 + (b ? b->rows : 0);
  ix->cols = a.cols;
  const int64_t first = a.row_start[r0], last = a.row_start[r1];
  ix->col.assign(a.col.begin() + first, a.col.begin() + last);
  ix->row_start.reserve(ix->rows + 1);
  for (int64_t r = r0; r <= r1; ++r) ix->row_start.push_back(a.row_start[r] - first);
  if (b) {
    ix->col.insert(ix->col.end(), b->col.begin(), b->col.end());
    for (int64_t r = 1; r <= b->rows; ++r) ix->row_start.push_back(last - first + b->row_start[r]);
  }
  return ix;
}

void BinaryIndex::by_column() {
  if (!col_start.empty()) return;
  col_start.assign(cols + 1, 0);
  for (int32_t c : col) ++col_start[c + 1];
  for (int64_t c = 0; c < cols; ++c) col_start[c + 1] += col_start[c];
  std::vector<int64_t> next(col_start.begin(), col_start.end() - 1);
  row.resize(col.size());
  for (int64_t r = 0; r < rows; ++r)  // rows in order: each column's list comes out ascending
    for (int64_t i = row_start[r]; i < row_start[r + 1]; ++i) row[next[col[i]]++] = static_cast<int32_t>(r);
}

void binary_matmul(const BinaryIndex& x, const Tensor& b, const Tensor& bias, Tensor& out) {
  const int64_t N = b.size(1);
  dispatch_float(b.dtype(), [&](auto tag) {
    using T = decltype(tag);
    run_list_sums<T>(x.row_start.data(), x.col.data(), x.rows, b.data<T>(), x.cols,
                     bias.defined() ? bias.data<T>() : nullptr, 0, out.data<T>(), N, x.ones());
  });
}

void binary_matmul_tn(BinaryIndex& x, const Tensor& p, Tensor& g, bool accumulate) {
  x.by_column();
  const int64_t N = p.size(1);
  dispatch_float(p.dtype(), [&](auto tag) {
    using T = decltype(tag);
    run_list_sums<T>(x.col_start.data(), x.row.data(), x.cols, p.data<T>(), x.rows,
                     accumulate ? g.data<T>() : nullptr, N, g.data<T>(), N, x.ones());
  });
}

void binary_matmul_reference(const Tensor& x, const Tensor& b, const Tensor& bias, Tensor& out) {
  const int64_t M = x.size(0), K = x.size(1), N = b.size(1);
  dispatch_float(b.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T *xp = x.data<T>(), *bp = b.data<T>();
    T* op = out.data<T>();
    for (int64_t m = 0; m < M; ++m)
      for (int64_t n = 0; n < N; ++n) {
        T acc = bias.defined() ? bias.data<T>()[n] : T(0);
        for (int64_t k = 0; k < K; ++k) acc += xp[m * K + k] * bp[k * N + n];
        op[m * N + n] = acc;
      }
  });
}

void binary_matmul_tn_reference(const Tensor& x, const Tensor& p, Tensor& g, bool accumulate) {
  const int64_t M = x.size(0), K = x.size(1), N = p.size(1);
  dispatch_float(p.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T *xp = x.data<T>(), *pp = p.data<T>();
    T* gp = g.data<T>();
    for (int64_t k = 0; k < K; ++k)
      for (int64_t n = 0; n < N; ++n) {
        T acc = accumulate ? gp[k * N + n] : T(0);
        for (int64_t m = 0; m < M; ++m) acc += xp[m * K + k] * pp[m * N + n];
        gp[k * N + n] = acc;
      }
  });
}

}  // namespace nnlite::cpu
