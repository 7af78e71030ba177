// Test hooks of the binary-operand products (backend/cpu/binary_gemm.h):
// tests/test_binary_gemm.py runs the kernels and their plain reference loops
// on the same operands. Not part of the public API.
#include "backend/cpu/binary_gemm.h"
#include "bindings.h"
#include "convert.h"

namespace nnlite::py_bind {

namespace {

void check(bool ok, const char* what) {
  NNLITE_CHECK(ok, Value, "_binary_matmul: ", what);
}

}  // namespace

void init_binary_gemm(py::module_& m) {
  // x [M, K] 0/1, b [K, N], bias [N] or None -> x @ b + bias; None when x is not binary or too dense.
  m.def("_binary_matmul", [](const Tensor& x, const Tensor& b, std::optional<Tensor> bias, bool reference,
                             double max_density) -> std::optional<Tensor> {
    check(x.dim() == 2 && b.dim() == 2 && x.size(1) == b.size(0) && x.is_contiguous() && b.is_contiguous() &&
              x.dtype() == b.dtype(), "needs contiguous x [M, K] and b [K, N] of one dtype");
    Tensor out = empty({x.size(0), b.size(1)}, b.dtype());
    const Tensor bs = bias ? *bias : Tensor();
    if (reference) {
      cpu::binary_matmul_reference(x, b, bs, out);
      return out;
    }
    auto ix = cpu::index_binary(x, max_density);
    if (!ix) return std::nullopt;
    cpu::binary_matmul(*ix, b, bs, out);
    return out;
  }, py::arg("x"), py::arg("b"), py::arg("bias") = py::none(), py::arg("reference") = false,
        py::arg("max_density") = 1.0);
  // x [M, K] 0/1, p [M, N], g [K, N]: g (+)= x^T @ p in place; False when x is not binary or too dense.
  m.def("_binary_matmul_tn", [](const Tensor& x, const Tensor& p, Tensor& g, bool accumulate, bool reference,
                                double max_density) {
    check(x.dim() == 2 && p.dim() == 2 && g.dim() == 2 && x.size(0) == p.size(0) && g.size(0) == x.size(1) &&
              g.size(1) == p.size(1) && x.is_contiguous() && p.is_contiguous() && g.is_contiguous() &&
              x.dtype() == p.dtype() && g.dtype() == p.dtype(),
          "needs contiguous x [M, K], p [M, N] and g [K, N] of one dtype");
    if (reference) {
      cpu::binary_matmul_tn_reference(x, p, g, accumulate);
      return true;
    }
    auto ix = cpu::index_binary(x, max_density);
    if (!ix) return false;
    cpu::binary_matmul_tn(*ix, p, g, accumulate);
    return true;
  }, py::arg("x"), py::arg("p"), py::arg("g"), py::arg("accumulate") = false, py::arg("reference") = false,
        py::arg("max_density") = 1.0);
}

}  // namespace nnlite::py_bind
