// How the CUDA reductions combine partial results (block_reduce.cuh,
// reduce.cu, softmax.cu, embedding.cu), shared with the host-side tests, which
// run the kernels' thread schedule and shuffle tree over whole rows against
// the CPU backend.
#pragma once
#include <cstdint>

#include "backend/backend.h"
#include "backend/cuda/host_device.h"

namespace nnlite::cuda_impl {

// One partial result: the value and, for arg-reductions, where it was found
// (i < 0: nothing seen yet).
template <typename A>
struct Partial {
  A v;
  int64_t i;
};

template <typename A>
NNLITE_HD inline Partial<A> identity_of(backend::Reduce op) {
  if (op == backend::Reduce::Sum) return {A(0), 0};
  if (op == backend::Reduce::Prod) return {A(1), 0};
  return {A(0), -1};
}

// Combines two partials: sums and products add/multiply; max/min keep the
// first NaN, else the larger/smaller value, and the lower index on ties (the
// CPU backend's rule, so arg-reductions agree).
template <typename A>
NNLITE_HD inline Partial<A> combine(backend::Reduce op, Partial<A> a, Partial<A> b) {
  using backend::Reduce;
  if (op == Reduce::Sum) return {A(a.v + b.v), 0};
  if (op == Reduce::Prod) return {A(a.v * b.v), 0};
  if (a.i < 0) return b;
  if (b.i < 0) return a;
  const Partial<A> lo = a.i < b.i ? a : b, hi = a.i < b.i ? b : a;
  const bool lo_nan = !(lo.v == lo.v), hi_nan = !(hi.v == hi.v);
  if (lo_nan) return lo;
  if (hi_nan) return hi;
  const bool want_max = op == Reduce::Max || op == Reduce::ArgMax;
  return (want_max ? hi.v > lo.v : hi.v < lo.v) ? hi : lo;
}

}  // namespace nnlite::cuda_impl
