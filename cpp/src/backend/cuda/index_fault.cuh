// Index faults on the device: kernels record the first bad position (in the
// index tensor's row-major order) with an atomic min; the host reads it back
// after the kernel (the one sync of an index op) and looks up the bad value.
#pragma once
#include <cstdint>

#include "backend/backend.h"
#include "backend/cuda/launch.cuh"

namespace nnlite::cuda_impl {

constexpr int64_t kNoFault = INT64_MAX;

__device__ inline void report_fault(int64_t* slot, int64_t pos) {
  atomicMin(reinterpret_cast<unsigned long long*>(slot), static_cast<unsigned long long>(pos));
}

// Wrap a negative index when allowed; -1 (never valid) when out of range.
__device__ inline int64_t checked_index(int64_t j, int64_t size, bool allow_negative) {
  if (allow_negative && j < 0) j += size;
  return (j < 0 || j >= size) ? -1 : j;
}

class FaultSlot {
 public:
  explicit FaultSlot(Device device) : buf_(empty(Shape{1}, DType::Int64, device)) {
    static const int64_t none = kNoFault;  // pageable: staged by the driver before the call returns
    NNLITE_CUDA_CHECK(cudaMemcpyAsync(slot(), &none, sizeof none, cudaMemcpyHostToDevice, stream()), "index check");
  }
  int64_t* slot() const { return ptr<int64_t>(buf_); }
  // Waits for the kernels, then the fault at `index`'s row-major position, if any.
  // `shape` and `strides` say how the kernel walked the index (broadcast).
  backend::IndexFault read(const int64_t* index, const Shape& shape, const Shape& strides) const;
  backend::IndexFault read(const Tensor& index) const { return read(ptr<int64_t>(index), index.shape(), index.strides()); }

 private:
  Tensor buf_;
};

}  // namespace nnlite::cuda_impl
