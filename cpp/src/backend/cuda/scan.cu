// cumsum along a dim. Short rows: one thread per row adds in order, exactly
// the CPU's sums. Long rows: one block per row walks it in tiles; in a tile
// each thread adds its kItems consecutive values, the threads' totals are
// scanned in shared memory (a fixed Hillis-Steele tree) and the tile's total
// carries into the next. Floats accumulate in double, integers in int64; the
// order is fixed, so the bits repeat run to run.
#include <algorithm>
#include <type_traits>

#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/launch.cuh"

namespace nnlite::cuda_impl {

namespace {

constexpr int kItems = 8;
constexpr int64_t kShortRow = 64;

template <typename T>
using scan_acc_t = std::conditional_t<std::is_floating_point_v<T>, double, int64_t>;
template <typename T>
using scan_out_t = std::conditional_t<std::is_floating_point_v<T>, T, int64_t>;

// Row r of x walked in row-major order of the other dims; out row r starts at
// (r / inner) * n * inner + r % inner, elements `inner` apart.
struct RowGeometry {
  StridedIndex<1> rows;
  int64_t n, count, stride, inner;
};

template <typename T>
__global__ void cumsum_rows_kernel(const T* x, scan_out_t<T>* out, RowGeometry g) {
  using A = scan_acc_t<T>;
  __shared__ A tile[kThreads];
  for (int64_t r = blockIdx.x; r < g.count; r += gridDim.x) {
    int64_t base[1];
    g.rows.offsets(r, base);
    const T* src = x + base[0];
    scan_out_t<T>* dst = out + (r / g.inner) * g.n * g.inner + r % g.inner;
    A carry = 0;
    for (int64_t t0 = 0; t0 < g.n; t0 += int64_t(kThreads) * kItems) {
      const int64_t first = t0 + int64_t(threadIdx.x) * kItems;
      A local[kItems];
      A run = 0;
      for (int k = 0; k < kItems; ++k) {
        const int64_t i = first + k;
        if (i < g.n) run += static_cast<A>(src[i * g.stride]);
        local[k] = run;
      }
      tile[threadIdx.x] = run;
      __syncthreads();
      for (int d = 1; d < kThreads; d *= 2) {  // inclusive scan of the threads' totals
        const A add = threadIdx.x >= unsigned(d) ? tile[threadIdx.x - d] : A(0);
        __syncthreads();
        tile[threadIdx.x] += add;
        __syncthreads();
      }
      const A before = carry + (threadIdx.x > 0 ? tile[threadIdx.x - 1] : A(0));
      for (int k = 0; k < kItems; ++k) {
        const int64_t i = first + k;
        if (i < g.n) dst[i * g.inner] = static_cast<scan_out_t<T>>(before + local[k]);
      }
      carry += tile[kThreads - 1];
      __syncthreads();  // the tile is rewritten next round
    }
  }
}

}  // namespace

// x [.., n, ..] (any strides) -> out (contiguous, x's shape; int64 for integers and bool)
void CudaBackend::cumsum(const Tensor& x, int64_t dim, Tensor& out) {
  const int64_t n = x.shape()[dim];
  if (n == 0 || x.numel() == 0) return;
  RowGeometry g{};
  std::vector<int64_t> sizes, strides;
  for (int64_t d = 0; d < x.dim(); ++d)
    if (d != dim) {
      sizes.push_back(x.shape()[d]);
      strides.push_back(x.strides()[d]);
    }
  NNLITE_CHECK(make_strided_index<1>(sizes, {strides}, g.rows), Value, "cumsum: the CUDA kernel handles at most ",
               kMaxDims, " dims, got shape ", shape_str(x.shape()));
  g.n = n;
  g.count = x.numel() / n;
  g.stride = x.strides()[dim];
  g.inner = 1;
  for (int64_t d = dim + 1; d < x.dim(); ++d) g.inner *= x.shape()[d];
  NNLITE_CUDA_DISPATCH_ALL(x.dtype(), T,
    using A = scan_acc_t<T>;
    using O = scan_out_t<T>;
    const T* xp = ptr<T>(x);
    O* op = static_cast<O*>(out.data_ptr());
    if (n <= kShortRow) {
      launch_flat(g.count, "cumsum", [=] __device__(int64_t r) {
        int64_t base[1];
        g.rows.offsets(r, base);
        O* dst = op + (r / g.inner) * g.n * g.inner + r % g.inner;
        A acc = 0;
        for (int64_t i = 0; i < g.n; ++i) {
          acc += static_cast<A>(xp[base[0] + i * g.stride]);
          dst[i * g.inner] = static_cast<O>(acc);
        }
      });
    } else {
      const unsigned grid = static_cast<unsigned>(std::min<int64_t>(g.count, int64_t(1) << 20));
      cumsum_rows_kernel<T><<<grid, kThreads, 0, stream()>>>(xp, op, g);
      NNLITE_CUDA_LAUNCHED("cumsum");
    }
  );
}

}  // namespace nnlite::cuda_impl
