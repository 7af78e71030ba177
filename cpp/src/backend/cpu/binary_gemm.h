// Matrix products where one operand is a binary (0/1) matrix with few ones:
// spike trains (rate-coded input of a spiking network, ~13% ones) and an
// RBM's binary visible and hidden samples. Such a product is a sum of
// selected rows, so it costs the ones rather than the full matrix:
//   Y = X B      (X [M, K] binary): row m of Y sums the rows k of B where X[m, k] = 1;
//   G = X^T P    (the weight gradient's form): row k of G sums the rows m of P where X[m, k] = 1.
// The index of X's ones is built once (a scan that stops at the first
// non-binary row, so real-valued inputs cost one row) and serves both forms.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "nnlite/tensor.h"

namespace nnlite::cpu {

// The ones of a binary matrix X [rows, cols]: per-row column lists (ascending)
// and, built on demand by by_column(), per-column row lists (ascending).
struct BinaryIndex {
  int64_t rows = 0, cols = 0;
  std::vector<int64_t> row_start;  // [rows + 1]: row r's ones are col[row_start[r], row_start[r + 1])
  std::vector<int32_t> col;
  std::vector<int64_t> col_start;  // [cols + 1], empty until by_column()
  std::vector<int32_t> row;

  int64_t ones() const { return static_cast<int64_t>(col.size()); }
  void by_column();  // fills col_start/row from the row lists
};

// The index of x [rows, cols] (contiguous, float32 or float64), or nullptr
// when an element is neither 0 nor 1 (the scan stops at the end of the first
// row holding one), more than max_density of the elements are ones, or a
// side exceeds 32-bit indices.
std::shared_ptr<BinaryIndex> index_binary(const Tensor& x, double max_density);

// The index of rows [r0, r1) of a's matrix, stacked above all of b's (same
// cols) when b is given: an RBM's data rows, indexed once per call, above
// each step's model samples.
std::shared_ptr<BinaryIndex> stack_rows(const BinaryIndex& a, int64_t r0, int64_t r1,
                                        const BinaryIndex* b = nullptr);

// out [M, N] = bias [N] (or 0 when undefined) + X [M, K] @ b [K, N].
// b, bias and out contiguous, one floating dtype; x describes X.
void binary_matmul(const BinaryIndex& x, const Tensor& b, const Tensor& bias, Tensor& out);
// g [K, N] = X [M, K]^T @ p [M, N], or g += that when accumulate. Builds x's
// column lists when missing. p and g contiguous, one floating dtype.
void binary_matmul_tn(BinaryIndex& x, const Tensor& p, Tensor& g, bool accumulate);

// The same two products as plain loops over a dense 0/1 tensor x [M, K]
// (tests compare the kernels against these).
void binary_matmul_reference(const Tensor& x, const Tensor& b, const Tensor& bias, Tensor& out);
void binary_matmul_tn_reference(const Tensor& x, const Tensor& p, Tensor& g, bool accumulate);

}  // namespace nnlite::cpu
