// Index faults on the device: kernels record the first bad position (in the
// index tensor's row-major order) with an atomic min and skip that element;
// the host reads the position back and looks up the bad value, either when it
// next waits for the device (later(): the op defers its check, so an index op
// never waits) or at once (read(): for kernels that must know before going on).
#pragma once
#include <cstdint>

#include "backend/backend.h"
#include "backend/cuda/launch.cuh"

namespace nnlite::cuda_impl {

// All bits set: the largest position as report_fault's atomicMin compares
// (unsigned), and what a byte-wise memset writes.
constexpr int64_t kNoFault = -1;

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
    // A memset on the stream: a copy from pageable memory would make the host wait.
    NNLITE_CUDA_CHECK(cudaMemsetAsync(slot(), 0xff, sizeof(int64_t), stream()), "index check");
  }
  int64_t* slot() const { return ptr<int64_t>(buf_); }
  // Waits for the kernels, then the fault at `index`'s row-major position, if any.
  // `shape` and `strides` say how the kernel walked the index (broadcast).
  backend::IndexFault read(const int64_t* index, const Shape& shape, const Shape& strides) const;
  backend::IndexFault read(const Tensor& index) const { return read(ptr<int64_t>(index), index.shape(), index.strides()); }
  // The same answer, read when the host next waits for the device
  // (IndexFault::later); the slot and `index` stay alive until then.
  backend::IndexFault later(const Tensor& index, const Shape& shape, const Shape& strides) const {
    backend::IndexFault f;
    f.later = [slot = *this, index, shape, strides] { return slot.read(ptr<int64_t>(index), shape, strides); };
    return f;
  }
  backend::IndexFault later(const Tensor& index) const { return later(index, index.shape(), index.strides()); }

 private:
  Tensor buf_;
};

}  // namespace nnlite::cuda_impl
