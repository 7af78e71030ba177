// Random fills. Values come from one sequential generator so a seed gives the
// same tensor whatever the thread count.
#include <utility>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

void CpuBackend::uniform(Tensor& t, double low, double high, Generator& g) {
  dispatch_float(t.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* p = t.data<T>();
    const int64_t n = t.numel();
    for (int64_t i = 0; i < n; ++i) {
      double u = std::is_same_v<T, float> ? g.next_float() : g.next_double();
      p[i] = static_cast<T>(low + (high - low) * u);
    }
  });
}

void CpuBackend::normal(Tensor& t, double mean, double std, Generator& g) {
  dispatch_float(t.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* p = t.data<T>();
    const int64_t n = t.numel();
    for (int64_t i = 0; i < n; ++i) p[i] = static_cast<T>(mean + std * g.next_normal());
  });
}

void CpuBackend::randint(Tensor& t, int64_t low, int64_t high, Generator& g) {
  const uint64_t range = static_cast<uint64_t>(high - low);
  // Rejection sampling keeps the distribution exactly uniform.
  const uint64_t limit = UINT64_MAX - UINT64_MAX % range;
  dispatch_all(t.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* p = t.data<T>();
    const int64_t n = t.numel();
    for (int64_t i = 0; i < n; ++i) {
      uint64_t r;
      do r = g.next_u64();
      while (r >= limit);
      p[i] = static_cast<T>(low + static_cast<int64_t>(r % range));
    }
  });
}

void CpuBackend::randperm(Tensor& t, Generator& g) {
  int64_t* p = t.data<int64_t>();
  const int64_t n = t.numel();
  for (int64_t i = 0; i < n; ++i) p[i] = i;
  for (int64_t i = n - 1; i > 0; --i) {  // Fisher-Yates
    const int64_t j = static_cast<int64_t>(g.next_u64() % static_cast<uint64_t>(i + 1));
    std::swap(p[i], p[j]);
  }
}

void CpuBackend::dropout_mask(Tensor& mask, double p, Generator& g) {
  dispatch_float(mask.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* m = mask.data<T>();
    const T scale = static_cast<T>(1.0 / (1.0 - p));
    const int64_t n = mask.numel();
    for (int64_t i = 0; i < n; ++i) m[i] = g.next_double() >= p ? scale : T(0);
  });
}

}  // namespace nnlite::cpu
