// sort / argsort / topk along a dim: two stable radix sorts (CUB) over all
// rows at once. Each element is keyed by its value (sort_math.h: the CPU's
// order as unsigned integers) and carries its flat position p = row * n + i;
// the first sort orders every value, the second (by row) regroups the rows
// while keeping each row's order. Both are stable, so equal values keep their
// input order, as the CPU's sort(stable=True), and topk's k are the first k
// of the full sort.
#include <cub/device/device_radix_sort.cuh>

#include <algorithm>

#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/launch.cuh"
#include "backend/cuda/sort_math.h"

namespace nnlite::cuda_impl {

namespace {

// The offset of each row's first element: the other dims of x, in row-major order.
StridedIndex<1> row_index(const Tensor& x, int64_t dim, const char* what) {
  std::vector<int64_t> sizes, strides;
  for (int64_t d = 0; d < x.dim(); ++d)
    if (d != dim) {
      sizes.push_back(x.shape()[d]);
      strides.push_back(x.strides()[d]);
    }
  StridedIndex<1> ix;
  NNLITE_CHECK(make_strided_index<1>(sizes, {strides}, ix), Value, what, ": the CUDA kernel handles at most ",
               kMaxDims, " dims, got shape ", shape_str(x.shape()));
  return ix;
}

// One stable radix sort of (keys, values) on the backend's stream.
template <typename K>
void radix_sort(Device dev, const K* kin, K* kout, const int64_t* vin, int64_t* vout, int64_t n, int end_bit,
                bool descending) {
  size_t bytes = 0;
  auto run = [&](void* temp) {
    return descending
               ? cub::DeviceRadixSort::SortPairsDescending(temp, bytes, kin, kout, vin, vout, n, 0, end_bit, stream())
               : cub::DeviceRadixSort::SortPairs(temp, bytes, kin, kout, vin, vout, n, 0, end_bit, stream());
  };
  NNLITE_CUDA_CHECK(run(nullptr), "sort");
  Tensor temp = empty(Shape{static_cast<int64_t>(bytes) + 1}, DType::UInt8, dev);
  NNLITE_CUDA_CHECK(run(temp.data_ptr()), "sort");
}

}  // namespace

// x [.., n, ..] (any strides) -> values, indices [.., k, ..] (contiguous)
void CudaBackend::sort(const Tensor& x, int64_t dim, int64_t k, bool descending, Tensor& values, Tensor& indices) {
  const int64_t n = x.shape()[dim], total = x.numel();
  if (total == 0 || k == 0) return;
  const int64_t count = total / n, st = x.strides()[dim];
  int64_t inner = 1;
  for (int64_t d = dim + 1; d < x.dim(); ++d) inner *= x.shape()[d];
  const StridedIndex<1> rows = row_index(x, dim, "sort");
  const Device dev = x.device();
  Tensor pos_a = empty(Shape{total}, DType::Int64, dev), pos_b = empty(Shape{total}, DType::Int64, dev);
  int64_t* pa = ptr<int64_t>(pos_a);
  int64_t* pb = ptr<int64_t>(pos_b);
  NNLITE_CUDA_DISPATCH_ALL(x.dtype(), T,
    using K = sort_key_t<T>;
    const DType kt = sizeof(K) == 8 ? DType::Int64 : sizeof(K) == 4 ? DType::Int32 : DType::UInt8;
    Tensor keys_a = empty(Shape{total}, kt, dev), keys_b = empty(Shape{total}, kt, dev);
    K* ka = static_cast<K*>(keys_a.data_ptr());
    K* kb = static_cast<K*>(keys_b.data_ptr());
    const T* xp = ptr<T>(x);
    // Pass 1: keys [count * n] of the values, positions p = row * n + i.
    launch_flat(total, "sort", [=] __device__(int64_t p) {
      int64_t base[1];
      rows.offsets(p / n, base);
      ka[p] = sort_key(xp[base[0] + (p % n) * st]);
      pa[p] = p;
    });
    radix_sort<K>(dev, ka, kb, pa, pb, total, 8 * int(sizeof(K)), descending);
    // Pass 2: regroup by row (stable: each row keeps pass 1's order).
    const int64_t* sorted = pb;
    if (count > 1) {
      Tensor rk_a = empty(Shape{total}, DType::Int64, dev), rk_b = empty(Shape{total}, DType::Int64, dev);
      uint64_t* ra = static_cast<uint64_t*>(rk_a.data_ptr());
      uint64_t* rb = static_cast<uint64_t*>(rk_b.data_ptr());
      launch_flat(total, "sort", [=] __device__(int64_t j) { ra[j] = static_cast<uint64_t>(pb[j] / n); });
      radix_sort<uint64_t>(dev, ra, rb, pb, pa, total, bits_for(static_cast<uint64_t>(count)), false);
      sorted = pa;
    }
    // The first k of each row, gathered from x: out position (row r, rank t).
    T* vp = ptr<T>(values);
    int64_t* ip = ptr<int64_t>(indices);
    launch_flat(count * k, "sort", [=] __device__(int64_t j) {
      const int64_t r = j / k, t = j - r * k;
      const int64_t i = sorted[r * n + t] % n;
      int64_t base[1];
      rows.offsets(r, base);
      const int64_t o = (r / inner) * k * inner + r % inner + t * inner;
      vp[o] = xp[base[0] + i * st];
      ip[o] = i;
    });
  );
}

}  // namespace nnlite::cuda_impl
