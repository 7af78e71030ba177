// 2-d max and average pooling, forward and backward, one (n, c) plane per
// task. Windows follow PoolGeometry: strided with padding and dilation, or
// adaptive bins.
#include <limits>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/isa/kernels.h"
#include "backend/cpu/loops.h"
#include "backend/cpu/scratch.h"

namespace nnlite::cpu {

using backend::PoolGeometry;

namespace {

struct Window {
  int64_t h0, h1, w0, w1;  // [h0, h1) x [w0, w1), before clipping to the image for avg
};

Window window(const PoolGeometry& g, int64_t oh, int64_t ow) {
  if (g.adaptive)
    return {oh * g.H / g.Ho, ((oh + 1) * g.H + g.Ho - 1) / g.Ho, ow * g.W / g.Wo, ((ow + 1) * g.W + g.Wo - 1) / g.Wo};
  int64_t h0 = oh * g.sh - g.ph, w0 = ow * g.sw - g.pw;
  return {h0, h0 + (g.kh - 1) * g.dh + 1, w0, w0 + (g.kw - 1) * g.dw + 1};
}

// Number of elements an average divides by.
int64_t divisor(const PoolGeometry& g, const Window& win) {
  if (g.adaptive) return (win.h1 - win.h0) * (win.w1 - win.w0);
  if (g.count_include_pad) {
    // The window clipped to the padded image (ceil_mode may overhang it).
    int64_t h1 = std::min(win.h1, g.H + g.ph), w1 = std::min(win.w1, g.W + g.pw);
    return (h1 - win.h0) * (w1 - win.w0);
  }
  int64_t h0 = std::max<int64_t>(win.h0, 0), w0 = std::max<int64_t>(win.w0, 0);
  return (std::min(win.h1, g.H) - h0) * (std::min(win.w1, g.W) - w0);
}

template <typename F>
void over_planes(const PoolGeometry& g, F&& f) {
  parallel_for(g.N * g.C, g.H * g.W, f);
}

// The common 2x2, stride-2 window without padding or overhang (LeNet, VGG):
// four fixed offsets, no window arithmetic and no bounds checks per output.
bool is_plain_2x2(const PoolGeometry& g) {
  return !g.adaptive && g.kh == 2 && g.kw == 2 && g.sh == 2 && g.sw == 2 && g.ph == 0 && g.pw == 0 && g.dh == 1 &&
         g.dw == 1 && 2 * g.Ho <= g.H && 2 * g.Wo <= g.W;
}

// in [H, W] -> out, idx [Ho, Wo]; the first maximum in scan order wins, and
// the last NaN beats everything, as in the general loop below (and torch).
// Branch-free: with data in random order a branch per comparison
// mispredicts half the time. The winner is tracked as a 32-bit slot (0-3),
// the same width as a float lane, so that the loop vectorises; the flat
// index is computed from it in a second pass.
template <typename T>
void max_pool_2x2(const T* in, T* out, int64_t* idx, const PoolGeometry& g) {
  int32_t* slot = thread_scratch<int32_t>(static_cast<size_t>(g.Wo));  // called once per plane: no allocation
  for (int64_t oh = 0; oh < g.Ho; ++oh) {
    const T* r0 = in + 2 * oh * g.W;
    const T* r1 = r0 + g.W;
    T* o = out + oh * g.Wo;
#pragma omp simd
    for (int64_t ow = 0; ow < g.Wo; ++ow) {
      const T v[4] = {r0[2 * ow], r0[2 * ow + 1], r1[2 * ow], r1[2 * ow + 1]};
      T best = v[0];
      int32_t at = 0;
      for (int32_t c = 1; c < 4; ++c) {
        const bool take = (v[c] > best) | (v[c] != v[c]);  // bitwise: no short-circuit branch
        best = take ? v[c] : best;
        at = take ? c : at;
      }
      o[ow] = best;
      slot[ow] = at;
    }
    if (!idx) continue;
    int64_t* oi = idx + oh * g.Wo;
    const int64_t row = 2 * oh * g.W;
#pragma omp simd
    for (int64_t ow = 0; ow < g.Wo; ++ow) oi[ow] = row + 2 * ow + (slot[ow] & 1) + (slot[ow] >> 1) * g.W;
  }
}

// One output of any window: out[oh, ow] and its flat index into in [H, W].
template <typename T>
void max_pool_one(const T* in, T* out, int64_t* idx, const PoolGeometry& g, int64_t oh, int64_t ow) {
  const Window win = window(g, oh, ow);
  T best = -std::numeric_limits<T>::infinity();
  int64_t arg = -1;
  for (int64_t h = win.h0; h < win.h1; h += g.dh) {
    if (h < 0 || h >= g.H) continue;
    for (int64_t w = win.w0; w < win.w1; w += g.dw) {
      if (w < 0 || w >= g.W) continue;
      T v = in[h * g.W + w];
      if (arg < 0 || v > best || v != v) {  // the last NaN wins, like torch
        best = v;
        arg = h * g.W + w;
      }
    }
  }
  out[oh * g.Wo + ow] = best;
  if (idx) idx[oh * g.Wo + ow] = arg;
}

// in [H, W] -> out, idx [Ho, Wo] for strided windows (ResNet's 3x3 stride-2
// max pool with padding). Per output row, the window rows inside the image
// are found once; the columns whose windows lie inside the image run as one
// branch-free vector loop (as max_pool_2x2, with the same winner: the first
// maximum in scan order, the last NaN), the border columns and adaptive bins
// through max_pool_one. A branch per element cost about 15 ns an output there.
template <typename T>
void max_pool_plane(const T* in, T* out, int64_t* idx, const PoolGeometry& g) {
  const bool rows_fit = !g.adaptive && g.H * g.W < (int64_t(1) << 31);
  // Interior columns: ow sw - pw >= 0 and ow sw - pw + (kw - 1) dw < W.
  const int64_t span_w = (g.kw - 1) * g.dw;
  const int64_t lo = rows_fit ? std::min(g.Wo, (g.pw + g.sw - 1) / g.sw) : g.Wo;
  const int64_t hi = rows_fit && g.W - 1 - span_w + g.pw >= 0
                         ? std::max(lo, std::min(g.Wo, (g.W - 1 - span_w + g.pw) / g.sw + 1))
                         : lo;
  int32_t* at = thread_scratch<int32_t>(static_cast<size_t>(g.Wo));  // once per plane: no allocation
  for (int64_t oh = 0; oh < g.Ho; ++oh) {
    for (int64_t ow = 0; ow < lo; ++ow) max_pool_one(in, out, idx, g, oh, ow);
    for (int64_t ow = hi; ow < g.Wo; ++ow) max_pool_one(in, out, idx, g, oh, ow);
    if (lo >= hi) continue;
    const int64_t h0 = oh * g.sh - g.ph;
    int64_t ia = 0, ib = g.kh;  // window rows inside the image
    while (ia < ib && h0 + ia * g.dh < 0) ++ia;
    while (ib > ia && h0 + (ib - 1) * g.dh >= g.H) --ib;
    if (ia == ib) {  // every row outside (a padded overhang): the general loop
      for (int64_t ow = lo; ow < hi; ++ow) max_pool_one(in, out, idx, g, oh, ow);
      continue;
    }
    T* o = out + oh * g.Wo;
    // Tap by tap over the whole interior row (taps outermost: GCC vectorises
    // a loop over columns, not one holding a loop nest over taps).
    const int32_t first = static_cast<int32_t>((h0 + ia * g.dh) * g.W - g.pw), sw = static_cast<int32_t>(g.sw);
#pragma omp simd
    for (int64_t ow = lo; ow < hi; ++ow) {
      o[ow] = -std::numeric_limits<T>::infinity();
      at[ow] = first + static_cast<int32_t>(ow) * sw;  // stays the first element when every value is -inf
    }
    for (int64_t i = ia; i < ib; ++i)
      for (int64_t j = 0; j < g.kw; ++j) {
        const int32_t tap = static_cast<int32_t>((h0 + i * g.dh) * g.W + j * g.dw - g.pw);
        const T* src = in + tap;
#pragma omp simd
        for (int64_t ow = lo; ow < hi; ++ow) {
          const T v = src[ow * g.sw];
          const bool take = (v > o[ow]) | (v != v);  // bitwise: no short-circuit branch
          o[ow] = take ? v : o[ow];
          at[ow] = take ? tap + static_cast<int32_t>(ow) * sw : at[ow];
        }
      }
    if (!idx) continue;
    int64_t* oi = idx + oh * g.Wo;
#pragma omp simd
    for (int64_t ow = lo; ow < hi; ++ow) oi[ow] = at[ow];
  }
}

}  // namespace

void CpuBackend::max_pool2d(const Tensor& x, Tensor& y, Tensor& indices, const PoolGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    T* yp = y.data<T>();
    int64_t* ip = indices.defined() ? indices.data<int64_t>() : nullptr;
    if (is_plain_2x2(g)) {
      over_planes(g, [&](int64_t p) {
        max_pool_2x2(xp + p * g.H * g.W, yp + p * g.Ho * g.Wo, ip ? ip + p * g.Ho * g.Wo : nullptr, g);
      });
      return;
    }
    if (!ip && !g.adaptive && (g.sw == 1 || g.sw == 2) && g.kh * g.kw <= 64) {  // inference: isa/pool.cc
      over_planes(g, [&](int64_t p) {
        kernels<T>().max_pool_values(xp + p * g.H * g.W, yp + p * g.Ho * g.Wo, g);
      });
      return;
    }
    over_planes(g, [&](int64_t p) {
      max_pool_plane(xp + p * g.H * g.W, yp + p * g.Ho * g.Wo, ip ? ip + p * g.Ho * g.Wo : nullptr, g);
    });
  });
}

void CpuBackend::max_pool2d_backward(const Tensor& gy, const Tensor& indices, Tensor& gx, const PoolGeometry& g) {
  dispatch_float(gy.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* gyp = gy.data<T>();
    const int64_t* ip = indices.data<int64_t>();
    T* gxp = gx.data<T>();
    over_planes(g, [&](int64_t p) {
      T* out = gxp + p * g.H * g.W;
      std::fill(out, out + g.H * g.W, T(0));
      for (int64_t o = 0; o < g.Ho * g.Wo; ++o) out[ip[p * g.Ho * g.Wo + o]] += gyp[p * g.Ho * g.Wo + o];
    });
  });
}

void CpuBackend::avg_pool2d(const Tensor& x, Tensor& y, const PoolGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    T* yp = y.data<T>();
    over_planes(g, [&](int64_t p) {
      const T* in = xp + p * g.H * g.W;
      for (int64_t oh = 0; oh < g.Ho; ++oh)
        for (int64_t ow = 0; ow < g.Wo; ++ow) {
          Window win = window(g, oh, ow);
          T sum = 0;
          for (int64_t h = std::max<int64_t>(win.h0, 0); h < std::min(win.h1, g.H); ++h)
            for (int64_t w = std::max<int64_t>(win.w0, 0); w < std::min(win.w1, g.W); ++w) sum += in[h * g.W + w];
          yp[p * g.Ho * g.Wo + oh * g.Wo + ow] = sum / static_cast<T>(divisor(g, win));
        }
    });
  });
}

void CpuBackend::avg_pool2d_backward(const Tensor& gy, Tensor& gx, const PoolGeometry& g) {
  dispatch_float(gy.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* gyp = gy.data<T>();
    T* gxp = gx.data<T>();
    over_planes(g, [&](int64_t p) {
      T* out = gxp + p * g.H * g.W;
      std::fill(out, out + g.H * g.W, T(0));
      for (int64_t oh = 0; oh < g.Ho; ++oh)
        for (int64_t ow = 0; ow < g.Wo; ++ow) {
          Window win = window(g, oh, ow);
          T share = gyp[p * g.Ho * g.Wo + oh * g.Wo + ow] / static_cast<T>(divisor(g, win));
          for (int64_t h = std::max<int64_t>(win.h0, 0); h < std::min(win.h1, g.H); ++h)
            for (int64_t w = std::max<int64_t>(win.w0, 0); w < std::min(win.w1, g.W); ++w) out[h * g.W + w] += share;
        }
    });
  });
}

}  // namespace nnlite::cpu
