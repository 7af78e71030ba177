// Rows along one dim of a strided tensor, for kernels that work on each row
// as a whole (sort, cumsum): row r is the r-th combination of the other dims
// in row-major order, so it is also row r of a contiguous output of the same
// shape seen as [outer, n, inner].
#pragma once
#include <cstdint>

#include "nnlite/tensor.h"

namespace nnlite::cpu {

class Rows {
 public:
  // t has rank >= 1; dim in [0, rank).
  Rows(const Tensor& t, int64_t dim) : shape_(t.shape()), strides_(t.strides()), dim_(dim) {
    n_ = shape_[dim];
    stride_ = strides_[dim];
    inner_ = 1;
    for (size_t d = dim + 1; d < shape_.size(); ++d) inner_ *= shape_[d];
    count_ = n_ == 0 ? 0 : shape_numel(shape_) / n_;
  }
  int64_t count() const { return count_; }  // number of rows
  int64_t length() const { return n_; }     // elements per row
  int64_t stride() const { return stride_; }  // element stride along the row
  int64_t inner() const { return inner_; }  // product of the sizes after dim
  // Element offset (from the tensor's data pointer) of row r's first element.
  int64_t offset(int64_t r) const {
    int64_t off = 0;
    for (int64_t d = static_cast<int64_t>(shape_.size()) - 1; d >= 0; --d) {
      if (d == dim_) continue;
      off += (r % shape_[d]) * strides_[d];
      r /= shape_[d];
    }
    return off;
  }
  // Offset of row r in a contiguous tensor of the same shape except `k`
  // elements along dim (its elements are `inner()` apart).
  int64_t contiguous_offset(int64_t r, int64_t k) const { return (r / inner_) * k * inner_ + r % inner_; }

 private:
  Shape shape_, strides_;
  int64_t dim_, n_, stride_, inner_, count_;
};

}  // namespace nnlite::cpu
