// Sorting along a dim (sort, argsort, topk): each row is sorted as positions
// under a strict total order (value, then position), so ties keep their input
// order and a partial sort for topk gives the same first k as a full sort.
// Rows are independent and split across threads.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <type_traits>
#include <vector>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/loops.h"
#include "backend/cpu/rows.h"

namespace nnlite::cpu {

namespace {
// a before b in ascending order, NaN last (larger than every number).
template <typename T>
bool less_nan_last(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
  }
  return a < b;
}
}  // namespace

void CpuBackend::sort(const Tensor& x, int64_t dim, int64_t k, bool descending, Tensor& values, Tensor& indices) {
  const Rows rows(x, dim);
  const int64_t n = rows.length(), count = rows.count(), inner = rows.inner(), st = rows.stride();
  if (count == 0 || k == 0) return;
  dispatch_all(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    T* vp = values.data<T>();
    int64_t* ip = indices.data<int64_t>();
#pragma omp parallel num_threads(threads_for(count * n, 4096))
    {
      std::vector<int64_t> pos(n);
      std::vector<T> row(n);
#pragma omp for schedule(static)
      for (int64_t r = 0; r < count; ++r) {
        const T* src = xp + rows.offset(r);
        for (int64_t i = 0; i < n; ++i) row[i] = src[i * st];
        std::iota(pos.begin(), pos.end(), int64_t{0});
        auto before = [&](int64_t a, int64_t b) {
          const T va = row[a], vb = row[b];
          if (descending ? less_nan_last(vb, va) : less_nan_last(va, vb)) return true;
          if (descending ? less_nan_last(va, vb) : less_nan_last(vb, va)) return false;
          return a < b;  // equal (or both NaN): input order
        };
        if (k == n) std::sort(pos.begin(), pos.end(), before);
        else std::partial_sort(pos.begin(), pos.begin() + k, pos.end(), before);
        const int64_t o = rows.contiguous_offset(r, k);
        for (int64_t i = 0; i < k; ++i) {
          vp[o + i * inner] = row[pos[i]];
          ip[o + i * inner] = pos[i];
        }
      }
    }
  });
}

}  // namespace nnlite::cpu
