// Elementwise kernels: unary, binary, where, fill, iota. The per-element math
// is the CPU backend's (cpu/isa/scalar_ops.h, compiled for the device too);
// contiguous operands take the flat path, others the strided-index path.
#include "backend/cpu/isa/scalar_ops.h"
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/launch.cuh"

namespace nnlite::cuda_impl {

using backend::Binary;
using backend::Unary;

namespace {
bool all_contiguous(std::initializer_list<const Tensor*> ts) {
  for (const Tensor* t : ts)
    if (!t->is_contiguous()) return false;
  return true;
}

// The CPU's per-element unary for any dtype (floats get T parameters).
template <typename T>
__device__ inline T unary_any(Unary op, T v, double a, double b) {
  if constexpr (std::is_floating_point_v<T>) return cpu::unary_of<T>(op, v, T(a), T(b));
  else return cpu::unary_int_of<T>(op, v, a, b);
}
}  // namespace

void CudaBackend::unary(Unary op, const Tensor& x, Tensor& out, backend::UnaryParams p) {
  const bool flat = all_contiguous({&x, &out});
  NNLITE_CUDA_DISPATCH_ALL(x.dtype(), T,
    const T* a = ptr<T>(x);
    const double pa = p.a, pb = p.b;
    if (op == Unary::LogicalNot && out.dtype() != x.dtype()) {  // any -> bool
      bool* y = ptr<bool>(out);
      if (flat) return launch_flat(x.numel(), "logical_not", [=] __device__(int64_t i) { y[i] = a[i] == T(0); });
      return launch_strided<2>(out.shape(), {&out.strides(), &x.strides()}, "logical_not",
                               [=] __device__(int64_t, const int64_t(&o)[2]) { y[o[0]] = a[o[1]] == T(0); });
    }
    T* y = ptr<T>(out);
    if (flat) return launch_flat(x.numel(), "unary", [=] __device__(int64_t i) { y[i] = unary_any<T>(op, a[i], pa, pb); });
    launch_strided<2>(out.shape(), {&out.strides(), &x.strides()}, "unary",
                      [=] __device__(int64_t, const int64_t(&o)[2]) { y[o[0]] = unary_any<T>(op, a[o[1]], pa, pb); });
  );
}

void CudaBackend::binary(Binary op, const Tensor& a, const Tensor& b, Tensor& out) {
  const bool flat = a.shape() == out.shape() && b.shape() == out.shape() && all_contiguous({&a, &b, &out});
  const std::array<const Shape*, 3> st{&out.strides(), &a.strides(), &b.strides()};
  NNLITE_CUDA_DISPATCH_ALL(a.dtype(), T,
    const T* u = ptr<T>(a);
    const T* v = ptr<T>(b);
    if (backend::is_comparison(op)) {
      bool* y = ptr<bool>(out);
      if (flat)
        return launch_flat(out.numel(), "compare",
                           [=] __device__(int64_t i) { y[i] = cpu::compare_of<T>(op, u[i], v[i]); });
      return launch_strided<3>(out.shape(), st, "compare", [=] __device__(int64_t, const int64_t(&o)[3]) {
        y[o[0]] = cpu::compare_of<T>(op, u[o[1]], v[o[2]]);
      });
    }
    T* y = ptr<T>(out);
    if (flat)
      return launch_flat(out.numel(), "binary",
                         [=] __device__(int64_t i) { y[i] = cpu::binary_of<T>(op, u[i], v[i]); });
    launch_strided<3>(out.shape(), st, "binary", [=] __device__(int64_t, const int64_t(&o)[3]) {
      y[o[0]] = cpu::binary_of<T>(op, u[o[1]], v[o[2]]);
    });
  );
}

void CudaBackend::where(const Tensor& cond, const Tensor& a, const Tensor& b, Tensor& out) {
  NNLITE_CUDA_DISPATCH_ALL(out.dtype(), T,
    const bool* c = ptr<bool>(cond);
    const T* u = ptr<T>(a);
    const T* v = ptr<T>(b);
    T* y = ptr<T>(out);
    launch_strided<4>(out.shape(), {&out.strides(), &cond.strides(), &a.strides(), &b.strides()}, "where",
                      [=] __device__(int64_t, const int64_t(&o)[4]) { y[o[0]] = c[o[1]] ? u[o[2]] : v[o[3]]; });
  );
}

void CudaBackend::fill(Tensor& t, Scalar value) {
  NNLITE_CUDA_DISPATCH_ALL(t.dtype(), T,
    const T val = value.to<T>();
    T* y = ptr<T>(t);
    if (t.is_contiguous()) return launch_flat(t.numel(), "fill", [=] __device__(int64_t i) { y[i] = val; });
    launch_strided<1>(t.shape(), {&t.strides()}, "fill",
                      [=] __device__(int64_t, const int64_t(&o)[1]) { y[o[0]] = val; });
  );
}

void CudaBackend::iota(Tensor& t, Scalar start, Scalar step) {
  NNLITE_CUDA_DISPATCH_ALL(t.dtype(), T,
    T* y = ptr<T>(t);
    if (!start.is_floating() && !step.is_floating()) {  // integers stay exact
      const int64_t s0 = start.to<int64_t>(), ds = step.to<int64_t>();
      return launch_flat(t.numel(), "arange", [=] __device__(int64_t i) { y[i] = static_cast<T>(s0 + i * ds); });
    }
    const double s0 = start.to_double(), ds = step.to_double();
    // Rounded multiply, then rounded add, as the CPU computes it (no fused multiply-add).
    launch_flat(t.numel(), "arange",
                [=] __device__(int64_t i) { y[i] = static_cast<T>(__dadd_rn(s0, __dmul_rn(double(i), ds))); });
  );
}

}  // namespace nnlite::cuda_impl
