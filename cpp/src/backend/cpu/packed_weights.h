// Weights repacked into a kernel's own layout, kept between calls. At batch
// 1 a convolution reads each weight once per call, so repacking on every
// call would cost about as much as the convolution (ResNet-18's last layers).
//
// An entry is keyed on the weight's storage, held weakly (a freed weight's
// entry is dropped, and a later tensor at the same address never matches),
// its view (offset, shape, strides, dtype), the storage's version counter
// and the layout's name. A weight is packed the second time it is seen with
// the same version: a temporary (a flipped kernel made for one backward
// call) never is, nor a weight that a training step changes between calls;
// each costs one small bookkeeping entry while it lives. The
// packed bytes are bounded (kPackedWeightBytes); the least recently used
// entries go first.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>

#include "nnlite/tensor.h"

namespace nnlite::cpu {

constexpr size_t kPackedWeightBytes = size_t(256) << 20;

// The packed copy of w in `layout` (a string literal naming the kernel's
// layout), `bytes` long and filled by pack(dst) on a miss; or null the first
// time this w is seen, and the caller then runs without it. The buffer stays
// valid while the returned pointer lives.
std::shared_ptr<const void> packed_weights(const Tensor& w, const char* layout, size_t bytes,
                                           const std::function<void(void*)>& pack);

// Whether w was seen by this function before, at its present version: a
// weight that holds still between calls, as in inference (a route that keeps
// a packed form of it pays off there). The same cache's answer, through an
// entry with nothing to pack.
bool unchanged_since_last_call(const Tensor& w);

}  // namespace nnlite::cpu
