// Launching one-thread-per-element work: the per-element body is a __device__
// lambda, run over a flat range (contiguous operands) or over a StridedIndex
// (any strides, broadcasting). Grid-stride loops with int64 positions, so any
// size is covered by a capped grid. Also the dtype dispatch of the kernels.
#pragma once
#include <array>
#include <cstdint>
#include <vector>
#include <type_traits>

#include "backend/cuda/common.cuh"
#include "backend/cuda/strided_index.h"
#include "nnlite/dtype.h"
#include "nnlite/error.h"
#include "nnlite/tensor.h"

namespace nnlite::cuda_impl {

template <typename F>
__global__ void flat_kernel(int64_t n, F f) {
  const int64_t step = int64_t(gridDim.x) * blockDim.x;
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += step) f(i);
}

template <int N, typename F>
__global__ void strided_kernel(StridedIndex<N> ix, int64_t n, F f) {
  const int64_t step = int64_t(gridDim.x) * blockDim.x;
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += step) {
    int64_t off[N];
    ix.offsets(i, off);
    f(i, off);
  }
}

// f(i) for i in [0, n) on the backend's stream.
template <typename F>
void launch_flat(int64_t n, const char* what, F f) {
  if (n <= 0) return;
  flat_kernel<<<blocks_for(n), kThreads, 0, stream()>>>(n, f);
  NNLITE_CUDA_LAUNCHED(what);
}

// f(i, off) over `shape`, off[k] the element offset of position i in operand k.
template <int N, typename F>
void launch_strided(const Shape& shape, const std::array<const Shape*, N>& strides, const char* what, F f) {
  const int64_t n = shape_numel(shape);
  if (n <= 0) return;
  std::array<std::vector<int64_t>, N> st;
  for (int k = 0; k < N; ++k) st[k] = strides[k]->vec();
  StridedIndex<N> ix;
  NNLITE_CHECK(make_strided_index<N>(shape.vec(), st, ix), Value, what, ": the CUDA kernels handle at most ",
               kMaxDims, " dims after merging contiguous ones, got shape ", shape_str(shape));
  strided_kernel<N><<<blocks_for(n), kThreads, 0, stream()>>>(ix, n, f);
  NNLITE_CUDA_LAUNCHED(what);
}

// The dtype dispatch of the kernels: the body runs with T the C++ type of
// `dt`. A macro, not a generic lambda, because nvcc refuses __device__
// lambdas defined inside generic lambdas. A `return` in the body returns
// from the enclosing function.
#define NNLITE_CUDA_CASE(E, C, T, ...) \
  case ::nnlite::DType::E: {           \
    using T = C;                       \
    __VA_ARGS__;                       \
  } break;
#define NNLITE_CUDA_DISPATCH_ALL(dt, T, ...)                                                        \
  do {                                                                                              \
    switch (dt) {                                                                                   \
      NNLITE_CUDA_CASE(Bool, bool, T, __VA_ARGS__)                                                  \
      NNLITE_CUDA_CASE(UInt8, uint8_t, T, __VA_ARGS__)                                              \
      NNLITE_CUDA_CASE(Int32, int32_t, T, __VA_ARGS__)                                              \
      NNLITE_CUDA_CASE(Int64, int64_t, T, __VA_ARGS__)                                              \
      NNLITE_CUDA_CASE(Float32, float, T, __VA_ARGS__)                                              \
      NNLITE_CUDA_CASE(Float64, double, T, __VA_ARGS__)                                             \
    }                                                                                               \
  } while (0)
#define NNLITE_CUDA_DISPATCH_FLOAT(dt, T, ...)                                                      \
  do {                                                                                              \
    NNLITE_CHECK(::nnlite::is_floating(dt), Type, "CUDA kernel: expected float32 or float64, got ", \
                 ::nnlite::dtype_name(dt));                                                         \
    switch (dt) {                                                                                   \
      NNLITE_CUDA_CASE(Float32, float, T, __VA_ARGS__)                                              \
      NNLITE_CUDA_CASE(Float64, double, T, __VA_ARGS__)                                             \
      default: break;                                                                               \
    }                                                                                               \
  } while (0)

// A tensor's first element, typed (dtype checked by the caller).
template <typename T>
T* ptr(const Tensor& t) { return static_cast<T*>(t.data_ptr()); }

}  // namespace nnlite::cuda_impl
