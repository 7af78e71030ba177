// multinomial: category draws per row of weights (multinomial_math.h). One
// thread per row checks it and prepares its doubles (the cumulative weights,
// or a copy to draw down); the host reads the first bad row back (nothing is
// drawn when a row is invalid, as on the CPU); then with replacement one
// thread per draw searches the row's cumulative weights, and without
// replacement one thread per row draws in order. The uniforms come from
// Philox keyed by one draw of the Generator, so a seed repeats.
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/index_fault.cuh"
#include "backend/cuda/multinomial_math.h"

namespace nnlite::cuda_impl {

using backend::MultinomialFault;

// probs [R, C] (contiguous float) -> out [R, n] (int64)
MultinomialFault CudaBackend::multinomial(const Tensor& probs, int64_t n, bool replacement, Tensor& out,
                                          Generator& g) {
  const int64_t R = probs.shape()[0], C = probs.shape()[1];
  if (R == 0 || C == 0) return {};
  const Device dev = probs.device();
  Tensor rows = empty(Shape{R, C}, DType::Float64, dev);  // cdf (replacement) or weights to draw down
  double* wp = ptr<double>(rows);
  FaultSlot fault(dev);  // holds the least row * 4 + kind
  int64_t* slot = fault.slot();
  NNLITE_CUDA_DISPATCH_FLOAT(probs.dtype(), T,
    const T* pp = ptr<T>(probs);
    launch_flat(R, "multinomial", [=] __device__(int64_t r) {
      const T* p = pp + r * C;
      const int kind = multinomial_row_fault(p, C, n, replacement);
      if (kind != MultinomialFault::None) return report_fault(slot, r * 4 + kind);
      double* w = wp + r * C;
      double acc = 0;
      for (int64_t c = 0; c < C; ++c) w[c] = replacement ? (acc += static_cast<double>(p[c])) : static_cast<double>(p[c]);
    });
  );
  int64_t code = kNoFault;
  NNLITE_CUDA_CHECK(cudaMemcpyAsync(&code, slot, sizeof code, cudaMemcpyDeviceToHost, stream()), "multinomial");
  NNLITE_CUDA_CHECK(cudaStreamSynchronize(stream()), "multinomial");
  if (code != kNoFault) return {static_cast<MultinomialFault::Kind>(code % 4), code / 4};
  int64_t* o = ptr<int64_t>(out);
  const uint64_t key = g.next_u64();  // after the checks: an invalid call draws nothing
  if (replacement) {
    // The weights themselves, for the rare draw that rounding puts past the end.
    Tensor weights = empty(Shape{R, C}, DType::Float64, dev);
    double* w = ptr<double>(weights);
    NNLITE_CUDA_DISPATCH_FLOAT(probs.dtype(), T,
      const T* pp = ptr<T>(probs);
      launch_flat(R * C, "multinomial", [=] __device__(int64_t i) { w[i] = static_cast<double>(pp[i]); });
    );
    launch_flat(R * n, "multinomial", [=] __device__(int64_t i) {
      const int64_t r = i / n, s = i - r * n;
      o[i] = draw_from_cdf(wp + r * C, w + r * C, C, multinomial_uniform(key, r, n, s));
    });
  } else {
    launch_flat(R, "multinomial", [=] __device__(int64_t r) {
      draw_without_replacement(wp + r * C, C, n, key, r, o + r * n);
    });
  }
  return {};
}

}  // namespace nnlite::cuda_impl
