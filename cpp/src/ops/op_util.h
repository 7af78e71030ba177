// Helpers every op file uses: dim wrapping, broadcasting, type promotion,
// backend lookup and raw (non-recording) views for kernels.
#pragma once
#include <string>
#include <vector>

#include "backend/backend.h"
#include "nnlite/autograd.h"
#include "nnlite/ops.h"

namespace nnlite::ops {

// d in [-n, n) -> [0, n); IndexError naming the op otherwise.
int64_t wrap_dim(int64_t d, int64_t n, const char* op);
// Sorted unique dims, all of them when `dims` is empty.
std::vector<int64_t> wrap_dims(const Dims& dims, int64_t n, const char* op);
Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op);
// torch's rules: dimensioned tensors outrank 0-d tensors, which outrank Python
// numbers; a lower rank only counts when it is of a higher category.
DType result_type(const TensorList& ts);
inline DType result_type(const Tensor& a, const Tensor& b) { return result_type(TensorList{a, b}); }
// The backend of the tensors' common device (Python numbers, wrapped 0-d CPU
// tensors, go anywhere).
backend::Backend& backend_of(const TensorList& ts, const char* op);
// The device of an elementwise op's operands: as in torch, a 0-d CPU tensor (a
// number, a constant) combines with tensors on any device; the others must
// share one. The op moves every operand there before its backend call.
Device operands_device(const TensorList& ts, const char* op);
inline backend::Backend& backend_of(const Tensor& t) { return backend::backend_for(t.device()); }
// A view of t broadcast to `shape`, without autograd (for kernels).
Tensor expand_raw(const Tensor& t, const Shape& shape);
// A view sharing t's storage with new geometry, without autograd.
Tensor view_raw(const Tensor& t, const Shape& shape, const Shape& strides, int64_t offset);
void check_floating(const Tensor& t, const char* op);
std::string describe(const Tensor& t);  // "float32 tensor of shape [2, 3]"
// relu's backward for g: g where x > 0 or x is NaN, 0 where x <= 0; x may be
// relu's input or its output (they are > 0 at the same places). Recorded ops
// under create_graph, one fused pass otherwise.
Tensor relu_grad(const Tensor& x, const Tensor& g);
// Run f on a 4-d version of x (adding a batch dim to a 3-d input) and drop it again
// (conv and pool accept unbatched C x H x W inputs).
template <typename F>
Tensor batched(const Tensor& x, F&& f) {
  if (x.dim() == 3) return f(x.unsqueeze(0)).squeeze(0);
  return f(x);
}

}  // namespace nnlite::ops
