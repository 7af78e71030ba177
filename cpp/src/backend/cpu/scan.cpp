// Running sums along a dim (cumsum): one sequential pass per row, rows split
// across threads. Floats are accumulated in double, integers in int64.
#include <type_traits>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/loops.h"
#include "backend/cpu/rows.h"

namespace nnlite::cpu {

void CpuBackend::cumsum(const Tensor& x, int64_t dim, Tensor& out) {
  const Rows rows(x, dim);
  const int64_t n = rows.length(), count = rows.count(), inner = rows.inner(), st = rows.stride();
  if (count == 0) return;
  dispatch_all(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using Acc = std::conditional_t<std::is_floating_point_v<T>, double, int64_t>;
    using Out = std::conditional_t<std::is_floating_point_v<T>, T, int64_t>;
    const T* xp = x.data<T>();
    Out* op = out.data<Out>();
#pragma omp parallel for schedule(static) num_threads(threads_for(count * n))
    for (int64_t r = 0; r < count; ++r) {
      const T* src = xp + rows.offset(r);
      Out* dst = op + rows.contiguous_offset(r, n);
      Acc acc = 0;
      for (int64_t i = 0; i < n; ++i) {
        acc += static_cast<Acc>(src[i * st]);
        dst[i * inner] = static_cast<Out>(acc);
      }
    }
  });
}

}  // namespace nnlite::cpu
