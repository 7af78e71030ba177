// The weight gradient of embedding on CUDA (embedding.cu), shared with the
// host-side tests. The indices are sorted with their positions (a stable
// sort, so equal indices keep their order); each run of equal indices is one
// output row, and the thread for (run start i, column d) adds the run's
// gradient rows in position order, in T, from zero: the CPU's additions in
// the CPU's order, so the bits agree, with no atomics.
#pragma once
#include <cstdint>

#include "backend/cuda/host_device.h"

namespace nnlite::cuda_impl {

// keys [N]: the sorted indices; pos [N]: where each was in the input. Writes
// gw[keys[i] * D + d] when i starts a run whose index is not padding_idx;
// divides by the run's length when scale_by_freq.
template <typename T>
NNLITE_HD void embedding_grad_run(const int64_t* keys, const int64_t* pos, int64_t N, int64_t i, int64_t d,
                                  int64_t D, const T* grad, int64_t padding_idx, bool scale_by_freq, T* gw) {
  const int64_t row = keys[i];
  if ((i > 0 && keys[i - 1] == row) || row == padding_idx) return;
  T acc = T(0);
  int64_t j = i;
  for (; j < N && keys[j] == row; ++j) acc += grad[pos[j] * D + d];
  if (scale_by_freq && j - i > 1) acc /= static_cast<T>(j - i);
  gw[row * D + d] = acc;
}

}  // namespace nnlite::cuda_impl
