// Elementwise kernels: unary, binary, where, copy (with casts), fill, iota.
// Floating-point runs go to the SIMD table; other dtypes use plain loops.
#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/isa/kernels.h"
#include "backend/cpu/isa/scalar_ops.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

using backend::Binary;
using backend::Unary;

namespace {

// y[i] = f(u[i*su], v[i*sv]) with the common stride patterns spelled out so
// the compiler vectorises them (the strides are run-time values otherwise).
template <typename Y, typename T, typename F>
inline void loop2(Y* y, const T* u, int64_t su, const T* v, int64_t sv, int64_t n, F f) {
  if (su == 1 && sv == 1) {
    for (int64_t i = 0; i < n; ++i) y[i] = f(u[i], v[i]);
  } else if (su == 1 && sv == 0) {
    const T b = *v;
    for (int64_t i = 0; i < n; ++i) y[i] = f(u[i], b);
  } else if (su == 0 && sv == 1) {
    const T a = *u;
    for (int64_t i = 0; i < n; ++i) y[i] = f(a, v[i]);
  } else {
    for (int64_t i = 0; i < n; ++i) y[i] = f(u[i * su], v[i * sv]);
  }
}

// c ? a : b without a branch (random masks defeat branch prediction): the
// bool becomes an all-ones or all-zeros bit mask over T's bytes.
template <typename T>
inline T select(bool c, T a, T b) {
  if constexpr (sizeof(T) == 4 || sizeof(T) == 8) {
    using U = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
    U ua, ub;
    std::memcpy(&ua, &a, sizeof(T));
    std::memcpy(&ub, &b, sizeof(T));
    const U mask = U(0) - static_cast<U>(c);
    U r = (ua & mask) | (ub & ~mask);
    T out;
    std::memcpy(&out, &r, sizeof(T));
    return out;
  } else {
    return c ? a : b;
  }
}

template <typename T>
void compare_run(Binary op, bool* y, const T* u, int64_t su, const T* v, int64_t sv, int64_t n) {
  switch (op) {
    case Binary::Eq: return loop2(y, u, su, v, sv, n, [](T a, T b) { return a == b; });
    case Binary::Ne: return loop2(y, u, su, v, sv, n, [](T a, T b) { return a != b; });
    case Binary::Lt: return loop2(y, u, su, v, sv, n, [](T a, T b) { return a < b; });
    case Binary::Le: return loop2(y, u, su, v, sv, n, [](T a, T b) { return a <= b; });
    case Binary::Gt: return loop2(y, u, su, v, sv, n, [](T a, T b) { return a > b; });
    case Binary::Ge: return loop2(y, u, su, v, sv, n, [](T a, T b) { return a >= b; });
    default: return loop2(y, u, su, v, sv, n, [op](T a, T b) { return compare_of<T>(op, a, b); });
  }
}

}  // namespace

void CpuBackend::unary(Unary op, const Tensor& x, Tensor& out, backend::UnaryParams p) {
  std::array<const Shape*, 2> st{&out.strides(), &x.strides()};
  std::array<int64_t, 2> isz{static_cast<int64_t>(out.itemsize()), static_cast<int64_t>(x.itemsize())};
  if (op == Unary::LogicalNot && out.dtype() != x.dtype()) {  // any -> bool
    dispatch_all(x.dtype(), [&](auto tag) {
      using T = decltype(tag);
      for_each_run<2>(out.shape(), st, {bytes(out), bytes(x)}, isz, [&](auto& ptr, auto& s, int64_t n) {
        bool* y = reinterpret_cast<bool*>(ptr[0]);
        const T* a = reinterpret_cast<const T*>(ptr[1]);
        for (int64_t i = 0; i < n; ++i) y[i * s[0]] = a[i * s[1]] == T(0);
      });
    });
    return;
  }
  dispatch_all(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    for_each_run<2>(out.shape(), st, {bytes(out), bytes(x)}, isz, [&](auto& ptr, auto& s, int64_t n) {
      T* y = reinterpret_cast<T*>(ptr[0]);
      const T* a = reinterpret_cast<const T*>(ptr[1]);
      if constexpr (std::is_floating_point_v<T>) {
        if (s[0] == 1) return kernels<T>().unary(op, a, s[1], y, n, p.a, p.b);
        for (int64_t i = 0; i < n; ++i) y[i * s[0]] = unary_of<T>(op, a[i * s[1]], T(p.a), T(p.b));
      } else {
        for (int64_t i = 0; i < n; ++i) y[i * s[0]] = unary_int_of<T>(op, a[i * s[1]], p.a, p.b);
      }
    });
  });
}

void CpuBackend::binary(Binary op, const Tensor& a, const Tensor& b, Tensor& out) {
  std::array<const Shape*, 3> st{&out.strides(), &a.strides(), &b.strides()};
  std::array<int64_t, 3> isz{static_cast<int64_t>(out.itemsize()), static_cast<int64_t>(a.itemsize()),
                             static_cast<int64_t>(b.itemsize())};
  std::array<char*, 3> base{bytes(out), bytes(a), bytes(b)};
  // Contiguous operands of one shape that fit one thread are a single run:
  // the kernel is called directly instead of coalescing dims in for_each_run,
  // whose bookkeeping costs more than the kernel on small tensors.
  const int64_t numel = out.numel();
  const bool one_run = numel < kGrain && a.shape() == out.shape() && b.shape() == out.shape() &&
                       out.is_contiguous() && a.is_contiguous() && b.is_contiguous();
  auto each_run = [&](auto&& body) {
    if (!one_run) return for_each_run<3>(out.shape(), st, base, isz, body);
    std::array<int64_t, 3> unit{1, 1, 1};
    if (numel > 0) body(base, unit, numel);
  };
  dispatch_all(a.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if (backend::is_comparison(op)) {
      each_run([&](auto& ptr, auto& s, int64_t n) {
        bool* y = reinterpret_cast<bool*>(ptr[0]);
        const T* u = reinterpret_cast<const T*>(ptr[1]);
        const T* v = reinterpret_cast<const T*>(ptr[2]);
        if (s[0] == 1) return compare_run<T>(op, y, u, s[1], v, s[2], n);
        for (int64_t i = 0; i < n; ++i) y[i * s[0]] = compare_of<T>(op, u[i * s[1]], v[i * s[2]]);
      });
      return;
    }
    each_run([&](auto& ptr, auto& s, int64_t n) {
      T* y = reinterpret_cast<T*>(ptr[0]);
      const T* u = reinterpret_cast<const T*>(ptr[1]);
      const T* v = reinterpret_cast<const T*>(ptr[2]);
      if constexpr (std::is_floating_point_v<T>) {
        if (s[0] == 1) return kernels<T>().binary(op, u, s[1], v, s[2], y, n);
      }
      for (int64_t i = 0; i < n; ++i) y[i * s[0]] = binary_of<T>(op, u[i * s[1]], v[i * s[2]]);
    });
  });
}

void CpuBackend::where(const Tensor& cond, const Tensor& a, const Tensor& b, Tensor& out) {
  std::array<const Shape*, 4> st{&out.strides(), &cond.strides(), &a.strides(), &b.strides()};
  std::array<int64_t, 4> isz{static_cast<int64_t>(out.itemsize()), 1, static_cast<int64_t>(a.itemsize()),
                             static_cast<int64_t>(b.itemsize())};
  dispatch_all(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    for_each_run<4>(out.shape(), st, {bytes(out), bytes(cond), bytes(a), bytes(b)}, isz,
                    [&](auto& ptr, auto& s, int64_t n) {
                      T* y = reinterpret_cast<T*>(ptr[0]);
                      const bool* c = reinterpret_cast<const bool*>(ptr[1]);
                      const T* u = reinterpret_cast<const T*>(ptr[2]);
                      const T* v = reinterpret_cast<const T*>(ptr[3]);
                      if (s[0] == 1 && s[1] == 1) {  // the common case: a full mask, values or scalars
                        if (s[2] == 1 && s[3] == 0) {
                          const T b = *v;
                          for (int64_t i = 0; i < n; ++i) y[i] = select(c[i], u[i], b);
                          return;
                        }
                        if (s[2] == 0 && s[3] == 1) {
                          const T a = *u;
                          for (int64_t i = 0; i < n; ++i) y[i] = select(c[i], a, v[i]);
                          return;
                        }
                        if (s[2] == 1 && s[3] == 1) {
                          for (int64_t i = 0; i < n; ++i) y[i] = select(c[i], u[i], v[i]);
                          return;
                        }
                      }
                      for (int64_t i = 0; i < n; ++i) y[i * s[0]] = c[i * s[1]] ? u[i * s[2]] : v[i * s[3]];
                    });
  });
}

void CpuBackend::copy(const Tensor& src, Tensor& dst) {
  // Copies to or from another device belong to that device's backend.
  NNLITE_CHECK(src.device().is_cpu() && dst.device().is_cpu(), Runtime, "internal: the CPU backend was asked to "
               "copy from ", src.device().str(), " to ", dst.device().str());
  std::array<const Shape*, 2> st{&dst.strides(), &src.strides()};
  std::array<int64_t, 2> isz{static_cast<int64_t>(dst.itemsize()), static_cast<int64_t>(src.itemsize())};
  dispatch_all(dst.dtype(), [&](auto dtag) {
    using D = decltype(dtag);
    dispatch_all(src.dtype(), [&](auto stag) {
      using S = decltype(stag);
      for_each_run<2>(dst.shape(), st, {bytes(dst), bytes(src)}, isz, [&](auto& ptr, auto& s, int64_t n) {
        D* y = reinterpret_cast<D*>(ptr[0]);
        const S* x = reinterpret_cast<const S*>(ptr[1]);
        if constexpr (std::is_same_v<D, S>) {
          if (s[0] == 1 && s[1] == 1) {
            std::memcpy(y, x, n * sizeof(D));
            return;
          }
          if (s[0] == 1 && s[1] == 0) {  // broadcasting a value along the run
            std::fill(y, y + n, *x);
            return;
          }
        }
        if constexpr (std::is_same_v<D, bool>) {
          for (int64_t i = 0; i < n; ++i) y[i * s[0]] = x[i * s[1]] != S(0);
        } else {
          for (int64_t i = 0; i < n; ++i) y[i * s[0]] = static_cast<D>(x[i * s[1]]);
        }
      });
    });
  });
}

void CpuBackend::fill(Tensor& t, Scalar value) {
  std::array<const Shape*, 1> st{&t.strides()};
  dispatch_all(t.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T v = value.to<T>();
    for_each_run<1>(t.shape(), st, {bytes(t)}, {static_cast<int64_t>(t.itemsize())},
                    [&](auto& ptr, auto& s, int64_t n) {
                      T* y = reinterpret_cast<T*>(ptr[0]);
                      for (int64_t i = 0; i < n; ++i) y[i * s[0]] = v;
                    });
  });
}

void CpuBackend::iota(Tensor& t, Scalar start, Scalar step) {
  dispatch_all(t.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* y = t.data<T>();
    const int64_t n = t.numel();
    if (!start.is_floating() && !step.is_floating()) {  // integers stay exact
      const int64_t a = start.to<int64_t>(), s = step.to<int64_t>();
      for (int64_t i = 0; i < n; ++i) y[i] = static_cast<T>(a + i * s);
      return;
    }
    const double a = start.to_double(), s = step.to_double();
    for (int64_t i = 0; i < n; ++i) y[i] = static_cast<T>(a + static_cast<double>(i) * s);
  });
}

}  // namespace nnlite::cpu
