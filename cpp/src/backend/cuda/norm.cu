// Fused normalization (batch/layer/group norm) over x [A, C, L], see
// norm_math.h for the geometry. Per-channel and per-parameter sums are
// segmented reductions: a segment's values are cut into fixed chunks, one
// block folds a chunk (each thread a strided share, in order, then a fixed
// shuffle/shared-memory tree), and one thread per segment merges its chunks
// in order. Statistics use Welford's moments merged exactly, in double. The
// maps (y, gx) are one thread per element. No atomics: the same bits each run.
#include <algorithm>

#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/launch.cuh"
#include "backend/cuda/norm_math.h"

namespace nnlite::cuda_impl {

using backend::NormGeometry;

namespace {

constexpr int kWarps = kThreads / 32;

// Accumulators are structs of doubles: shuffled word by word.
template <typename Acc>
__device__ inline Acc shfl_down_acc(Acc a, int d) {
  static_assert(sizeof(Acc) % sizeof(double) == 0, "accumulators hold doubles only");
  double* w = reinterpret_cast<double*>(&a);
  for (size_t k = 0; k < sizeof(Acc) / sizeof(double); ++k) w[k] = __shfl_down_sync(0xffffffffu, w[k], d);
  return a;
}

// The merge of the block's accumulators, valid in thread 0; lower threads are
// always the left operand, so the tree is the same on every run.
template <typename Acc>
__device__ inline Acc block_merge(Acc a) {
  __shared__ double raw[kWarps * sizeof(Acc) / sizeof(double)];  // plain storage: Acc has initializers
  Acc* slots = reinterpret_cast<Acc*>(raw);
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  for (int d = 16; d > 0; d /= 2) a = Acc::merge(a, shfl_down_acc(a, d));
  if (lane == 0) slots[warp] = a;
  __syncthreads();
  if (warp == 0) {
    a = lane < kWarps ? slots[lane] : Acc{};
    for (int d = 16; d > 0; d /= 2) a = Acc::merge(a, shfl_down_acc(a, d));
  }
  __syncthreads();  // slots are reused by the block's next chunk
  return a;
}

// partial [segments * chunks]: block b folds chunk b % chunks of segment
// b / chunks with fold(acc, segment, value index).
template <typename Acc, typename Fold>
__global__ void segment_partials(int64_t segments, int64_t len, int64_t chunks, Fold fold, Acc* partial) {
  for (int64_t b = blockIdx.x; b < segments * chunks; b += gridDim.x) {
    int64_t lo, hi;
    chunk_range(len, chunks, b % chunks, lo, hi);
    const int64_t seg = b / chunks;
    Acc acc{};
    for (int64_t e = lo + threadIdx.x; e < hi; e += blockDim.x) fold(acc, seg, e);
    acc = block_merge(acc);
    if (threadIdx.x == 0) partial[b] = acc;
  }
}

// One thread per segment merges its chunks in order and hands the result to finish(segment, acc).
template <typename Acc, typename Finish>
__global__ void segment_finish(int64_t segments, int64_t chunks, const Acc* partial, Finish finish) {
  const int64_t step = int64_t(gridDim.x) * blockDim.x;
  for (int64_t s = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; s < segments; s += step) {
    Acc acc{};
    for (int64_t k = 0; k < chunks; ++k) acc = Acc::merge(acc, partial[s * chunks + k]);
    finish(s, acc);
  }
}

template <typename Acc, typename Fold, typename Finish>
void segment_reduce(Device dev, int64_t segments, int64_t len, const char* what, Fold fold, Finish finish) {
  if (segments <= 0) return;
  const int64_t chunks = norm_chunks(segments, len);
  Tensor buf = empty(Shape{segments * chunks * static_cast<int64_t>(sizeof(Acc) / sizeof(double))},
                     DType::Float64, dev);  // freed in stream order: later kernels on the stream reuse it safely
  Acc* partial = static_cast<Acc*>(buf.data_ptr());
  const unsigned grid = static_cast<unsigned>(std::min<int64_t>(segments * chunks, int64_t(1) << 20));
  segment_partials<Acc><<<grid, kThreads, 0, stream()>>>(segments, len, chunks, fold, partial);
  NNLITE_CUDA_LAUNCHED(what);
  segment_finish<Acc><<<blocks_for(segments), kThreads, 0, stream()>>>(segments, chunks, partial, finish);
  NNLITE_CUDA_LAUNCHED(what);
}

// Without affine parameters a row is one block of values (the CPU's rule).
NormGeometry effective(const NormGeometry& g, bool affine) {
  NormGeometry e = g;
  if (!affine) {
    e.J = 1;
    e.K = g.L;
  }
  return e;
}

template <typename T>
T* ptr_or_null(const Tensor& t) { return t.defined() ? ptr<T>(t) : nullptr; }

}  // namespace

// x [A, C, L] -> mean, rstd (and var when defined) [C]
void CudaBackend::norm_stats(const Tensor& x, double eps, Tensor& mean, Tensor& var, Tensor& rstd,
                             const NormGeometry& g) {
  NNLITE_CUDA_DISPATCH_FLOAT(x.dtype(), T,
    const T* xp = ptr<T>(x);
    T* mp = ptr<T>(mean);
    T* vp = ptr_or_null<T>(var);
    T* rp = ptr<T>(rstd);
    segment_reduce<Moments>(x.device(), g.C, g.A * g.L, "norm_stats",
      [=] __device__(Moments& m, int64_t c, int64_t e) { m.push(static_cast<double>(xp[channel_offset(g, c, e)])); },
      [=] __device__(int64_t c, const Moments& m) { norm_finish_stats(m, eps, mp + c, vp ? vp + c : nullptr, rp + c); });
  );
}

// x [A, C, L], mean/rstd [C], weight/bias [P * J] or undefined, residual
// [A, C, L] or undefined -> y [A, C, L]
void CudaBackend::norm_forward(const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight,
                               const Tensor& bias, const backend::Epilogue& ep, Tensor& y, const NormGeometry& g) {
  const NormGeometry e = effective(g, weight.defined());
  const bool relu = ep.relu;
  NNLITE_CUDA_DISPATCH_FLOAT(x.dtype(), T,
    const T* xp = ptr<T>(x);
    const T* mp = ptr<T>(mean);
    const T* rp = ptr<T>(rstd);
    const T* wp = ptr_or_null<T>(weight);
    const T* bp = ptr_or_null<T>(bias);
    const T* sp = ptr_or_null<T>(ep.residual);
    T* yp = ptr<T>(y);
    launch_flat(x.numel(), "norm_forward", [=] __device__(int64_t i) {
      int64_t c, q;
      norm_locate(e, i, c, q);
      yp[i] = norm_output(xp, mp, rp, wp, bp, sp, relu, i, c, q);
    });
  );
}

// gy, x [A, C, L] -> gx [A, C, L], gweight/gbias [P * J], each when defined.
void CudaBackend::norm_backward(const Tensor& gy, const Tensor& x, const Tensor& mean, const Tensor& rstd,
                                const Tensor& weight, bool batch_stats, Tensor& gx, Tensor& gweight, Tensor& gbias,
                                const NormGeometry& g) {
  const NormGeometry e = effective(g, weight.defined());
  const int64_t M = g.A * g.L;
  const Device dev = x.device();
  NNLITE_CUDA_DISPATCH_FLOAT(x.dtype(), T,
    const T* gyp = ptr<T>(gy);
    const T* xp = ptr<T>(x);
    const T* mp = ptr<T>(mean);
    const T* rp = ptr<T>(rstd);
    const T* wp = ptr_or_null<T>(weight);
    T* gwp = ptr_or_null<T>(gweight);
    T* gbp = ptr_or_null<T>(gbias);
    // Parameter gradients: gweight[q] = sum gy * xhat, gbias[q] = sum gy over q's values.
    if (gwp || gbp)
      segment_reduce<Sums2>(dev, e.P * e.J, param_len(e), "norm_backward",
        [=] __device__(Sums2& s, int64_t q, int64_t v) {
          int64_t c;
          const int64_t o = param_offset(e, q, v, c);
          const double gv = static_cast<double>(gyp[o]);
          s.push(gv * (static_cast<double>(xp[o]) - static_cast<double>(mp[c])) * static_cast<double>(rp[c]), gv);
        },
        [=] __device__(int64_t q, const Sums2& s) {
          if (gwp) gwp[q] = static_cast<T>(s.s1);
          if (gbp) gbp[q] = static_cast<T>(s.s2);
        });
    if (!gx.defined()) return;
    // With the batch's statistics, per channel S1 / M and S2 / M of g' = gy * w:
    // coef [C, 2] (double).
    Tensor coef;
    double* cf = nullptr;
    const bool batch = batch_stats && M > 0;
    if (batch) {
      coef = empty(Shape{2 * g.C}, DType::Float64, dev);
      cf = ptr<double>(coef);
      segment_reduce<Sums2>(dev, g.C, M, "norm_backward",
        [=] __device__(Sums2& s, int64_t c, int64_t v) {
          const int64_t o = channel_offset(e, c, v);
          double gv = static_cast<double>(gyp[o]);
          if (wp) {
            int64_t cc, q;
            norm_locate(e, o, cc, q);
            gv *= static_cast<double>(wp[q]);
          }
          s.push(gv, gv * (static_cast<double>(xp[o]) - static_cast<double>(mp[c])));
        },
        [=] __device__(int64_t c, const Sums2& s) {
          cf[2 * c] = s.s1 / static_cast<double>(M);
          cf[2 * c + 1] = s.s2 / static_cast<double>(M);
        });
    }
    T* gxp = ptr<T>(gx);
    launch_flat(x.numel(), "norm_backward", [=] __device__(int64_t i) {
      int64_t c, q;
      norm_locate(e, i, c, q);
      const double w = wp ? static_cast<double>(wp[q]) : 1.0;
      gxp[i] = norm_dx(gyp[i], xp[i], static_cast<double>(mp[c]), static_cast<double>(rp[c]), w, batch,
                       batch ? cf[2 * c] : 0.0, batch ? cf[2 * c + 1] : 0.0);
    });
  );
}

}  // namespace nnlite::cuda_impl
