// The per-element math of the CUDA pooling kernels (pool.cu): window bounds,
// divisors and the body of each kernel for one output (forward) or one input
// element (backward). Plain C++ marked NNLITE_HD, so the host-side tests run
// these very functions over whole tensors and compare with the CPU backend
// (cpu/pool.cpp), whose window rules they follow:
//  - strided windows start at o * stride - padding and span (k - 1) * d + 1;
//  - adaptive window i spans [floor(i * H / Ho), ceil((i + 1) * H / Ho));
//  - max pooling: the first maximum in scan order wins, and the last NaN;
//  - average: the sum over the window clipped to the image, divided by the
//    window clipped to the padded image (count_include_pad) or to the image.
#pragma once
#include <cmath>
#include <cstdint>

#include "backend/backend.h"
#include "backend/cuda/host_device.h"

namespace nnlite::cuda_impl {

NNLITE_HD inline int64_t hd_min(int64_t a, int64_t b) { return a < b ? a : b; }
NNLITE_HD inline int64_t hd_max(int64_t a, int64_t b) { return a > b ? a : b; }
template <typename T>
NNLITE_HD inline T hd_inf() { return static_cast<T>(HUGE_VAL); }
// floor(a / b) for b > 0 and any sign of a (C++ division truncates).
NNLITE_HD inline int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// [lo, hi) along one axis, before clipping to the image.
struct Span {
  int64_t lo, hi;
};

// The window of output o along the height (axis 0) or width (axis 1).
NNLITE_HD inline Span pool_span(const backend::PoolGeometry& g, int axis, int64_t o) {
  const int64_t in = axis ? g.W : g.H, out = axis ? g.Wo : g.Ho;
  if (g.adaptive) return {o * in / out, ((o + 1) * in + out - 1) / out};
  const int64_t k = axis ? g.kw : g.kh, s = axis ? g.sw : g.sh, p = axis ? g.pw : g.ph, d = axis ? g.dw : g.dh;
  const int64_t lo = o * s - p;
  return {lo, lo + (k - 1) * d + 1};
}

// The outputs o in [lo, hi) whose window may hold input position i along an
// axis: a superset, which the backward bodies filter exactly (by the max
// index, or by the average's window). Empty (lo >= hi) when none do.
NNLITE_HD inline Span pool_outputs_covering(const backend::PoolGeometry& g, int axis, int64_t i) {
  const int64_t in = axis ? g.W : g.H, out = axis ? g.Wo : g.Ho;
  if (g.adaptive) {
    // floor(o * in / out) <= i  and  ceil((o + 1) * in / out) > i
    const int64_t lo = i * out / in, hi = ((i + 1) * out + in - 1) / in;
    return {hd_max(lo, 0), hd_min(hi, out)};
  }
  const int64_t k = axis ? g.kw : g.kh, s = axis ? g.sw : g.sh, p = axis ? g.pw : g.ph, d = axis ? g.dw : g.dh;
  // o * s - p <= i <= o * s - p + (k - 1) * d
  const int64_t lo = -floor_div(-(i + p - (k - 1) * d), s);  // ceil division
  const int64_t hi = floor_div(i + p, s) + 1;
  return {hd_max(lo, 0), hd_min(hi, out)};
}

// How many elements the average of output (oh, ow) divides by.
NNLITE_HD inline int64_t pool_divisor(const backend::PoolGeometry& g, Span h, Span w) {
  if (g.adaptive) return (h.hi - h.lo) * (w.hi - w.lo);
  if (g.count_include_pad) return (hd_min(h.hi, g.H + g.ph) - h.lo) * (hd_min(w.hi, g.W + g.pw) - w.lo);
  return (hd_min(h.hi, g.H) - hd_max(h.lo, 0)) * (hd_min(w.hi, g.W) - hd_max(w.lo, 0));
}

// Max pooling of output (oh, ow) of one plane in [H, W]; *arg = h * W + w of
// the winner (-1 for a window with no element in the image).
template <typename T>
NNLITE_HD T max_pool_at(const backend::PoolGeometry& g, const T* in, int64_t oh, int64_t ow, int64_t* arg) {
  const Span sh = pool_span(g, 0, oh), sw = pool_span(g, 1, ow);
  const int64_t dh = g.adaptive ? 1 : g.dh, dw = g.adaptive ? 1 : g.dw;
  T best = T(0);
  int64_t at = -1;
  for (int64_t h = sh.lo; h < sh.hi; h += dh) {
    if (h < 0 || h >= g.H) continue;
    for (int64_t w = sw.lo; w < sw.hi; w += dw) {
      if (w < 0 || w >= g.W) continue;
      const T v = in[h * g.W + w];
      if (at < 0 || v > best || v != v) {
        best = v;
        at = h * g.W + w;
      }
    }
  }
  *arg = at;
  return at < 0 ? -hd_inf<T>() : best;  // no element in the image: -inf, as the CPU
}

// Average pooling of output (oh, ow) of one plane: the sum runs in T in scan
// order (the CPU's order, so the bits agree).
template <typename T>
NNLITE_HD T avg_pool_at(const backend::PoolGeometry& g, const T* in, int64_t oh, int64_t ow) {
  const Span sh = pool_span(g, 0, oh), sw = pool_span(g, 1, ow);
  T sum = 0;
  for (int64_t h = hd_max(sh.lo, 0); h < hd_min(sh.hi, g.H); ++h)
    for (int64_t w = hd_max(sw.lo, 0); w < hd_min(sw.hi, g.W); ++w) sum += in[h * g.W + w];
  return sum / static_cast<T>(pool_divisor(g, sh, sw));
}

// The gradient of input (h, w) of one plane: the sum of gy over the outputs
// whose recorded maximum is this element, in output order (the CPU adds them
// in that order too). gy and idx are the plane's [Ho, Wo].
template <typename T>
NNLITE_HD T max_pool_grad_at(const backend::PoolGeometry& g, const T* gy, const int64_t* idx, int64_t h, int64_t w) {
  const Span oh = pool_outputs_covering(g, 0, h), ow = pool_outputs_covering(g, 1, w);
  const int64_t self = h * g.W + w;
  T sum = 0;
  for (int64_t i = oh.lo; i < oh.hi; ++i)
    for (int64_t j = ow.lo; j < ow.hi; ++j)
      if (idx[i * g.Wo + j] == self) sum += gy[i * g.Wo + j];
  return sum;
}

// The gradient of input (h, w) of one plane for average pooling: each output
// whose (clipped) window holds it contributes gy / divisor, in output order.
template <typename T>
NNLITE_HD T avg_pool_grad_at(const backend::PoolGeometry& g, const T* gy, int64_t h, int64_t w) {
  const Span oh = pool_outputs_covering(g, 0, h), ow = pool_outputs_covering(g, 1, w);
  T sum = 0;
  for (int64_t i = oh.lo; i < oh.hi; ++i) {
    const Span sh = pool_span(g, 0, i);
    if (h < sh.lo || h >= sh.hi) continue;
    for (int64_t j = ow.lo; j < ow.hi; ++j) {
      const Span sw = pool_span(g, 1, j);
      if (w < sw.lo || w >= sw.hi) continue;
      sum += gy[i * g.Wo + j] / static_cast<T>(pool_divisor(g, sh, sw));
    }
  }
  return sum;
}

}  // namespace nnlite::cuda_impl
