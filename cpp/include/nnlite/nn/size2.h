// Size2: a (height, width) argument given as one int (both the same) or a
// pair {h, w}, like the `int or tuple` arguments of the Python layers.
#pragma once
#include <cstdint>

#include "nnlite/ops.h"

namespace nnlite::nn {

struct Size2 {
  int64_t h = 0, w = 0;
  Size2(int64_t v) : h(v), w(v) {}  // NOLINT: implicit, so Conv2d(3, 8, 3) reads like Python
  Size2(int64_t h_, int64_t w_) : h(h_), w(w_) {}
  Pair pair() const { return {h, w}; }
  bool operator==(const Size2& o) const { return h == o.h && w == o.w; }
  bool operator!=(const Size2& o) const { return !(*this == o); }
};

}  // namespace nnlite::nn
