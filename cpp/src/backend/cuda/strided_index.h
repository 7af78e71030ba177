// Index math of the generic strided kernels: a linear position in the
// output's row-major order -> the element offset in each operand. Built on
// the host (dims of size 1 dropped, dims that are contiguous in every operand
// merged, so most tensors become one or two dims) and passed to kernels by
// value. Plain C++ so the host-side tests check it against the CPU backend.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "backend/cuda/host_device.h"

namespace nnlite::cuda_impl {

constexpr int kMaxDims = 12;

template <int N>
struct StridedIndex {
  int ndim = 0;
  int64_t sizes[kMaxDims] = {};
  int64_t strides[N][kMaxDims] = {};  // in elements; 0 for broadcast dims

  // Offsets (in elements) of linear position i in each of the N operands.
  NNLITE_HD void offsets(int64_t i, int64_t (&off)[N]) const {
    for (int k = 0; k < N; ++k) off[k] = 0;
    for (int d = ndim - 1; d >= 0; --d) {
      const int64_t q = i / sizes[d];
      const int64_t r = i - q * sizes[d];
      for (int k = 0; k < N; ++k) off[k] += r * strides[k][d];
      i = q;
    }
  }
};

// Builds the index for `shape` with each operand's strides (same rank as
// shape). Returns false when more than kMaxDims dims remain after merging
// (the caller raises its error).
template <int N>
bool make_strided_index(const std::vector<int64_t>& shape, const std::array<std::vector<int64_t>, N>& strides,
                        StridedIndex<N>& out) {
  std::vector<int64_t> sz;
  std::array<std::vector<int64_t>, N> st;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == 1) continue;
    // Merge with the previous kept dim when every operand steps over it evenly.
    bool merge = !sz.empty();
    for (int k = 0; k < N && merge; ++k) merge = st[k].back() == strides[k][d] * shape[d];
    if (merge) {
      sz.back() *= shape[d];
      for (int k = 0; k < N; ++k) st[k].back() = strides[k][d];
    } else {
      sz.push_back(shape[d]);
      for (int k = 0; k < N; ++k) st[k].push_back(strides[k][d]);
    }
  }
  if (sz.size() > static_cast<size_t>(kMaxDims)) return false;
  out = StridedIndex<N>{};
  out.ndim = static_cast<int>(sz.size());
  for (int d = 0; d < out.ndim; ++d) {
    out.sizes[d] = sz[d];
    for (int k = 0; k < N; ++k) out.strides[k][d] = st[k][d];
  }
  return true;
}

}  // namespace nnlite::cuda_impl
