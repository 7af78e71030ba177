// Test hook of the prepacked GEMMs (isa/gemm.cc: pack_b + gemm_prepacked,
// pack_a + gemm_packed_a): tests/test_gemm_prepacked.py multiplies through
// it with A and B in any strides and compares with NumPy. Not part of the
// public API.
#include "backend/cpu/isa/kernels.h"
#include "bindings.h"
#include "convert.h"

namespace nnlite::py_bind {

namespace {

template <typename T>
void prepacked_product(const Tensor& a, const Tensor& b, const Tensor& bias, Tensor& c, bool accumulate,
                       bool pack_a) {
  const auto& K = cpu::kernels<T>();
  const int64_t M = a.size(0), Kd = a.size(1), N = b.size(1);
  const T* bp = bias.defined() ? bias.data<T>() : nullptr;
  if (pack_a) {
    std::vector<T> packed(static_cast<size_t>(K.pack_a(M, Kd, nullptr, a.stride(0), a.stride(1), nullptr)));
    K.pack_a(M, Kd, a.data<T>(), a.stride(0), a.stride(1), packed.data());
    K.gemm_packed_a(M, N, Kd, packed.data(), b.data<T>(), b.stride(0), b.stride(1), c.data<T>(), c.stride(0), bp,
                    accumulate);
    return;
  }
  std::vector<T> packed(static_cast<size_t>(K.pack_b(Kd, N, nullptr, b.stride(0), b.stride(1), nullptr)));
  K.pack_b(Kd, N, b.data<T>(), b.stride(0), b.stride(1), packed.data());
  K.gemm_prepacked(M, N, Kd, a.data<T>(), a.stride(0), a.stride(1), packed.data(), c.data<T>(), c.stride(0), bp,
                   accumulate);
}

}  // namespace

void init_gemm_hooks(py::module_& m) {
  // c [M, N] (+)= a [M, K] @ b [K, N] (+ bias [N]) in place, b (or a, with pack_a) packed first; a and b in
  // any strides.
  m.def("_gemm_prepacked", [](const Tensor& a, const Tensor& b, std::optional<Tensor> bias, Tensor& c,
                              bool accumulate, bool pack_a) {
    NNLITE_CHECK(a.dim() == 2 && b.dim() == 2 && c.dim() == 2 && a.size(1) == b.size(0) && c.size(0) == a.size(0) &&
                     c.size(1) == b.size(1) && c.stride(1) == 1 && a.dtype() == b.dtype() && c.dtype() == a.dtype() &&
                     (!bias || (bias->dim() == 1 && bias->size(0) == b.size(1) && bias->is_contiguous() &&
                                bias->dtype() == a.dtype())) &&
                     (a.dtype() == DType::Float32 || a.dtype() == DType::Float64),
                 Value, "_gemm_prepacked: needs a [M, K], b [K, N], row-major c [M, N] and bias [N] of one "
                 "floating dtype");
    const Tensor bs = bias ? *bias : Tensor();
    if (a.dtype() == DType::Float32)
      prepacked_product<float>(a, b, bs, c, accumulate, pack_a);
    else
      prepacked_product<double>(a, b, bs, c, accumulate, pack_a);
  }, py::arg("a"), py::arg("b"), py::arg("bias"), py::arg("c"), py::arg("accumulate") = false,
     py::arg("pack_a") = false);
}

}  // namespace nnlite::py_bind
