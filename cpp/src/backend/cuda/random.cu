// Random fills and draws on the device. Element i of a call is a function of
// (key, i) through Philox (philox.h); the key is one draw of the nnlite
// Generator, so a seed repeats a run (the values differ from the CPU
// backend's, which walks its generator sequentially, as torch's do).
#include <cmath>

#include "backend/cpu/poisson.h"
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/launch.cuh"
#include "backend/cuda/philox.h"

namespace nnlite::cuda_impl {

namespace {
// Uniform [0, 1) for element i: 24 bits for float, 53 for double.
template <typename T>
__device__ inline double uniform_at(uint64_t key, int64_t i) {
  const Philox4 b = philox_block(key, static_cast<uint64_t>(i));
  if constexpr (std::is_same_v<T, float>) return unit_float(b.v[0]);
  else return unit_double(b.v[0], b.v[1]);
}
}  // namespace

void CudaBackend::uniform(Tensor& t, double low, double high, Generator& g) {
  const uint64_t key = g.next_u64();
  NNLITE_CUDA_DISPATCH_FLOAT(t.dtype(), T,
    T* p = ptr<T>(t);
    launch_flat(t.numel(), "uniform", [=] __device__(int64_t i) {
      p[i] = static_cast<T>(low + (high - low) * uniform_at<T>(key, i));
    });
  );
}

void CudaBackend::normal(Tensor& t, double mean, double std, Generator& g) {
  const uint64_t key = g.next_u64();
  NNLITE_CUDA_DISPATCH_FLOAT(t.dtype(), T,
    T* p = ptr<T>(t);
    launch_flat(t.numel(), "normal", [=] __device__(int64_t i) {
      const Philox4 b = philox_block(key, static_cast<uint64_t>(i));
      const double u1 = 1.0 - unit_double(b.v[0], b.v[1]);  // (0, 1]: log is finite
      const double u2 = unit_double(b.v[2], b.v[3]);
      p[i] = static_cast<T>(mean + std * sqrt(-2.0 * log(u1)) * cospi(2.0 * u2));
    });
  );
}

void CudaBackend::randint(Tensor& t, int64_t low, int64_t high, Generator& g) {
  const uint64_t key = g.next_u64();
  const uint64_t range = static_cast<uint64_t>(high - low);
  const uint64_t limit = UINT64_MAX - UINT64_MAX % range;  // rejection keeps it exactly uniform
  NNLITE_CUDA_DISPATCH_ALL(t.dtype(), T,
    T* p = ptr<T>(t);
    launch_flat(t.numel(), "randint", [=] __device__(int64_t i) {
      PhiloxStream s(key, static_cast<uint64_t>(i));
      uint64_t r;
      do r = s.next_u64();
      while (r >= limit);
      p[i] = static_cast<T>(low + static_cast<int64_t>(r % range));
    });
  );
}

void CudaBackend::randperm(Tensor& t, Generator& g) {
  // Fisher-Yates is sequential by contract (the draw order makes seeded runs
  // repeat): shuffle on the host with the CPU backend, then upload.
  Tensor host = empty(t.shape(), DType::Int64, Device());
  backend::cpu_backend().randperm(host, g);
  copy(host, t);
}

void CudaBackend::dropout_mask(Tensor& mask, double p, Generator& g) {
  const uint64_t key = g.next_u64();
  NNLITE_CUDA_DISPATCH_FLOAT(mask.dtype(), T,
    T* m = ptr<T>(mask);
    const T scale = static_cast<T>(1.0 / (1.0 - p));
    launch_flat(mask.numel(), "dropout", [=] __device__(int64_t i) {
      const Philox4 b = philox_block(key, static_cast<uint64_t>(i));
      m[i] = unit_double(b.v[0], b.v[1]) >= p ? scale : T(0);
    });
  );
}

void CudaBackend::bernoulli(const Tensor& p, Tensor& out, Generator& g) {
  const uint64_t key = g.next_u64();
  NNLITE_CUDA_DISPATCH_FLOAT(p.dtype(), T,
    const T* pp = ptr<T>(p);
    T* o = ptr<T>(out);
    launch_flat(out.numel(), "bernoulli", [=] __device__(int64_t i) {
      const Philox4 b = philox_block(key, static_cast<uint64_t>(i));
      o[i] = unit_double(b.v[0], b.v[1]) < static_cast<double>(pp[i]) ? T(1) : T(0);
    });
  );
}

void CudaBackend::poisson(const Tensor& rates, Tensor& out, Generator& g) {
  const uint64_t key = g.next_u64();
  NNLITE_CUDA_DISPATCH_FLOAT(rates.dtype(), T,
    const T* r = ptr<T>(rates);
    T* o = ptr<T>(out);
    launch_flat(out.numel(), "poisson", [=] __device__(int64_t i) {
      PhiloxStream s(key, static_cast<uint64_t>(i));
      o[i] = static_cast<T>(cpu::poisson_draw(static_cast<double>(r[i]), s));
    });
  );
}

void CudaBackend::exponential(Tensor& t, double lambd, Generator& g) {
  const uint64_t key = g.next_u64();
  NNLITE_CUDA_DISPATCH_FLOAT(t.dtype(), T,
    T* p = ptr<T>(t);
    launch_flat(t.numel(), "exponential", [=] __device__(int64_t i) {
      const Philox4 b = philox_block(key, static_cast<uint64_t>(i));
      p[i] = static_cast<T>(-log1p(-unit_double(b.v[0], b.v[1])) / lambd);
    });
  );
}

}  // namespace nnlite::cuda_impl
