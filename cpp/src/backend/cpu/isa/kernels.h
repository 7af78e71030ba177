// The table of SIMD kernels. isa/kernels.cc is compiled once per instruction
// set (generic, AVX2+FMA, AVX-512) and each copy fills one table; select()
// picks the best table the CPU supports, once, at start.
//
// Pointers are raw; n counts elements; strides are in elements and only 0 or
// 1 take the vectorised paths.
#pragma once
#include <cstdint>

#include "backend/backend.h"

namespace nnlite::cpu {

template <typename T>
struct TypedKernels {
  // y[i] = op(x[i * sx])
  void (*unary)(backend::Unary op, const T* x, int64_t sx, T* y, int64_t n, double a, double b);
  // y[i] = op(a[i * sa], b[i * sb]) for arithmetic ops
  void (*binary)(backend::Binary op, const T* a, int64_t sa, const T* b, int64_t sb, T* y, int64_t n);
  // sum of x[0..n), accumulated in blocks for accuracy
  double (*sum)(const T* x, int64_t n);
  // acc[i] += x[i]
  void (*accumulate)(T* acc, const T* x, int64_t n);
  // y = softmax(x) or log_softmax(x) over one contiguous row
  void (*softmax_row)(const T* x, T* y, int64_t n, bool log);
  // Rows of the fused normalization (see isa/norm_rows.h): moments of a
  // row, the forward affine map, the backward's two sums and its dx map.
  void (*norm_moments)(const T* x, int64_t n, double* mean, double* m2);
  void (*norm_apply)(const T* x, int64_t n, T m, T s, T t, T* y);
  void (*norm_apply_vec)(const T* x, int64_t n, T m, T r, const T* w, const T* b, T* y);
  void (*norm_grad_sums)(const T* g, const T* x, const T* w, int64_t n, T m, double* s1, double* s2);
  void (*norm_dx)(const T* g, const T* x, const T* w, int64_t n, T m, T a, T b, T c, T* dx);
  // C[M,N] = A[M,K] @ B[K,N] (+ bias[N]) (+ C if accumulate). A and B with
  // any row/column strides (transposes are free); C row-major with ldc.
  void (*gemm)(int64_t M, int64_t N, int64_t K, const T* A, int64_t rsa, int64_t csa, const T* B, int64_t rsb,
               int64_t csb, T* C, int64_t ldc, const T* bias, bool accumulate);
  void (*sgd)(T* p, const T* g, T* buf, int64_t n, double lr, double momentum, double dampening, double wd,
              bool nesterov, bool maximize, bool first_step);
  void (*adam)(T* p, const T* g, T* m, T* v, T* vmax, int64_t n, double lr, double beta1, double beta2, double eps,
               double wd, bool amsgrad, bool decoupled, bool maximize, double bc1, double bc2);
};

struct IsaKernels {
  const char* name;
  TypedKernels<float> f32;
  TypedKernels<double> f64;
};

const IsaKernels& isa();  // the table chosen for this CPU

template <typename T>
inline const TypedKernels<T>& kernels();
template <>
inline const TypedKernels<float>& kernels<float>() { return isa().f32; }
template <>
inline const TypedKernels<double>& kernels<double>() { return isa().f64; }

}  // namespace nnlite::cpu
