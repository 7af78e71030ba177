// 2-d convolution. Most layers go to the direct convolution
// (direct_conv.cpp) and the larger 3x3 stride-1 ones to Winograd
// (winograd.cpp); the rest (1x1 layers, groups) and the gradients run
// here by im2col + the packed GEMM. Per image, the input windows
// are unrolled into a [C*kh*kw, Ho*Wo] matrix, so the convolution becomes
// one GEMM per group: y[n,g] [K/G, Ho*Wo] = w[g] [K/G, C/G*kh*kw] @ cols[g].
// 1x1 convolutions with stride 1 and no padding skip the unrolling. Many
// images: one image per thread with a single-threaded GEMM; few images: one
// at a time with a threaded GEMM.
#include <omp.h>

#include <algorithm>
#include <vector>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/direct_conv.h"
#include "backend/cpu/epilogue.h"
#include "backend/cpu/isa/kernels.h"
#include "backend/cpu/loops.h"
#include "backend/cpu/padded_image.h"
#include "backend/cpu/scratch.h"
#include "backend/cpu/winograd.h"

namespace nnlite::cpu {

using backend::ConvGeometry;

namespace {

bool is_pointwise(const ConvGeometry& g) {
  return g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.ph == 0 && g.pw == 0;
}

// The windows of one image as im2col's matrix cols [C*kh*kw, Ho*Wo] sees
// them: in the image's zero-padded, phase-split copy P (padded_image.h) each
// tap's outputs of one row read Wo consecutive values. P and the tap
// offsets live in this thread's scratch.
template <typename T>
struct Windows {
  PaddedImage p;
  int64_t taps, rs;
  T* P;
  int64_t* off;

  explicit Windows(const ConvGeometry& g)
      : p(padded_image_of(g)), taps(g.C * g.kh * g.kw), rs(g.sh * p.Wq),
        P(thread_scratch<T, 3>(static_cast<size_t>(p.size))),
        off(thread_scratch<int64_t, 2>(static_cast<size_t>(taps))) {
    tap_offsets(g, p, off);
  }

  // f(P row, cols row, Wo) for taps [t0, t1) and every output row (cols: T or const T).
  template <typename Cols, typename F>
  void rows(const ConvGeometry& g, Cols* cols, int64_t t0, int64_t t1, F&& f) const {
    for (int64_t t = t0; t < t1; ++t)
      for (int64_t oh = 0; oh < g.Ho; ++oh) f(P + off[t] + oh * rs, cols + (t * g.Ho + oh) * g.Wo, g.Wo);
  }
};

// x [C, H, W] -> cols [C*kh*kw, Ho*Wo]: the padded copy, then each tap's rows out of it.
template <typename T>
void im2col(const T* x, T* cols, const ConvGeometry& g) {
  const Windows<T> win(g);
  // Few images (batch-1 inference) run one at a time: split the channels
  // and taps over the threads. Many images are already one per thread.
  const bool split = !omp_in_parallel() && g.C > 1 && win.taps * g.Ho * g.Wo >= (1 << 15);
#pragma omp parallel if (split)
  {
#pragma omp for schedule(static)
    for (int64_t c = 0; c < g.C; ++c) pad_channels(x, win.P, g, win.p, c, c + 1);
#pragma omp for schedule(static)
    for (int64_t t = 0; t < win.taps; ++t)
      win.rows(g, cols, t, t + 1, [](const T* src, T* dst, int64_t n) {
#pragma omp simd
        for (int64_t i = 0; i < n; ++i) dst[i] = src[i];
      });
  }
}

// x [C, H, W] = the windows of cols [C*kh*kw, Ho*Wo] summed (the adjoint of
// im2col): each tap's rows added, contiguous, into a zeroed padded copy,
// which is then copied out without its padding.
template <typename T>
void col2im(const T* cols, T* x, const ConvGeometry& g) {
  const Windows<T> win(g);
  std::fill(win.P, win.P + win.p.size, T(0));
  win.rows(g, cols, 0, win.taps, [](T* dst, const T* src, int64_t n) {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) dst[i] += src[i];
  });
  unpad_channels(win.P, x, g, win.p, 0, g.C);
}

// Run body(n, cols) for every image, choosing where the threads go.
template <typename T, typename F>
void over_images(const ConvGeometry& g, size_t cols_size, F&& body) {
  const bool per_image = g.N >= omp_get_max_threads() && omp_get_max_threads() > 1;
  if (per_image) {
#pragma omp parallel for schedule(dynamic, 1)
    for (int64_t n = 0; n < g.N; ++n) body(n, thread_scratch<T>(cols_size));
  } else {
    T* cols = thread_scratch<T>(cols_size);
    for (int64_t n = 0; n < g.N; ++n) body(n, cols);
  }
}

// y [N, K, Ho, Wo] = conv(x, w) + bias by im2col + GEMM (see the top of the file)
void im2col_conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, Tensor& y, const ConvGeometry& g) {
  const int64_t G = g.groups, Cg = g.C / G, Kg = g.K / G, CK = Cg * g.kh * g.kw, HWo = g.Ho * g.Wo;
  const bool direct = is_pointwise(g);
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    const T* wp = w.data<T>();
    const T* bp = bias.defined() ? bias.data<T>() : nullptr;
    T* yp = y.data<T>();
    over_images<T>(g, direct ? 1 : static_cast<size_t>(g.C * g.kh * g.kw * HWo), [&](int64_t n, T* cols) {
      const T* xn = xp + n * g.C * g.H * g.W;
      T* yn = yp + n * g.K * HWo;
      if (!direct) im2col(xn, cols, g);
      for (int64_t gi = 0; gi < G; ++gi) {
        const T* b = direct ? xn + gi * Cg * HWo : cols + gi * CK * HWo;
        kernels<T>().gemm(Kg, HWo, CK, wp + gi * Kg * CK, CK, 1, b, HWo, 1, yn + gi * Kg * HWo, HWo, nullptr, false);
      }
      if (bp)
        for (int64_t k = 0; k < g.K; ++k) {
          T* row = yn + k * HWo;
          for (int64_t p = 0; p < HWo; ++p) row[p] += bp[k];
        }
    });
  });
}

}  // namespace

void CpuBackend::conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, Tensor& y, const ConvGeometry& g,
                        const backend::Epilogue& e) {
  if (winograd_wins(g, w))
    winograd_conv2d(x, w, bias, y, g);
  else if (direct_conv_applies(g))
    return direct_conv2d(x, w, bias, e, y, g);
  else
    im2col_conv2d(x, w, bias, y, g);
  if (e.residual.defined() || e.relu)
    dispatch_float(y.dtype(), [&](auto tag) {
      using T = decltype(tag);
      add_relu_inplace(y.data<T>(), e.residual.defined() ? e.residual.data<T>() : nullptr, y.numel(), e.relu);
    });
}

void CpuBackend::conv2d_input_grad(const Tensor& gy, const Tensor& w, Tensor& gx, const ConvGeometry& g) {
  const int64_t G = g.groups, Cg = g.C / G, Kg = g.K / G, CK = Cg * g.kh * g.kw, HWo = g.Ho * g.Wo;
  const bool direct = is_pointwise(g);
  // Stride 1: the input gradient is itself a convolution of gy with the
  // flipped, channel-transposed kernel, which runs as fast as the forward
  // (and by Winograd where that applies). Its im2col unrolls gy's K channels
  // at the input's size, though, where the col2im route below unrolls C
  // channels at the output's size: with fewer input than output channels
  // (LeNet's 6 -> 16) that is several times the memory traffic, and the
  // col2im route's GEMM and scatter are cheaper.
  ConvGeometry t = g;
  t.C = g.K, t.H = g.Ho, t.W = g.Wo, t.K = g.C, t.Ho = g.H, t.Wo = g.W;
  t.ph = g.dh * (g.kh - 1) - g.ph, t.pw = g.dw * (g.kw - 1) - g.pw;
  const bool as_conv = !direct && g.sh == 1 && g.sw == 1 && g.ph <= g.dh * (g.kh - 1) &&
                       g.pw <= g.dw * (g.kw - 1) && (winograd_applies(t) || g.K * g.H * g.W <= g.C * HWo);
  if (as_conv) {
    // wt [C, K/G, kh, kw]: wt[gi*Cg + c, k, i, j] = w[gi*Kg + k, c, kh-1-i, kw-1-j]
    Tensor wt = empty({g.C, Kg, g.kh, g.kw}, w.dtype(), w.device());
    dispatch_float(w.dtype(), [&](auto tag) {
      using T = decltype(tag);
      const T* src = w.data<T>();
      T* dst = wt.data<T>();
      for (int64_t gi = 0; gi < G; ++gi)
        for (int64_t k = 0; k < Kg; ++k)
          for (int64_t c = 0; c < Cg; ++c)
            for (int64_t i = 0; i < g.kh; ++i)
              for (int64_t j = 0; j < g.kw; ++j)
                dst[(((gi * Cg + c) * Kg + k) * g.kh + i) * g.kw + j] =
                    src[(((gi * Kg + k) * Cg + c) * g.kh + (g.kh - 1 - i)) * g.kw + (g.kw - 1 - j)];
    });
    conv2d(gy, wt, Tensor(), gx, t, {});
    return;
  }
  dispatch_float(gy.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* gyp = gy.data<T>();
    const T* wp = w.data<T>();
    T* gxp = gx.data<T>();
    over_images<T>(g, direct ? 1 : static_cast<size_t>(g.C * g.kh * g.kw * HWo), [&](int64_t n, T* cols) {
      const T* gyn = gyp + n * g.K * HWo;
      T* gxn = gxp + n * g.C * g.H * g.W;
      for (int64_t gi = 0; gi < G; ++gi) {
        // cols[g] [CK, HWo] = w[g]^T [CK, Kg] @ gy[n, g] [Kg, HWo]
        T* c = direct ? gxn + gi * Cg * HWo : cols + gi * CK * HWo;
        kernels<T>().gemm(CK, HWo, Kg, wp + gi * Kg * CK, 1, CK, gyn + gi * Kg * HWo, HWo, 1, c, HWo, nullptr, false);
      }
      if (!direct) col2im(cols, gxn, g);
    });
  });
}

void CpuBackend::conv2d_weight_grad(const Tensor& x, const Tensor& gy, Tensor& gw, const ConvGeometry& g) {
  if (winograd_applies(g)) return winograd_conv2d_weight_grad(x, gy, gw, g);
  const int64_t G = g.groups, Cg = g.C / G, Kg = g.K / G, CK = Cg * g.kh * g.kw, HWo = g.Ho * g.Wo;
  const bool direct = is_pointwise(g);
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    const T* gyp = gy.data<T>();
    T* gwp = gw.data<T>();
    const int64_t wsize = g.K * CK;
    std::fill(gwp, gwp + wsize, T(0));
    // Each thread sums its images into its own partial, then the partials add up.
    const int nt = g.N >= omp_get_max_threads() ? omp_get_max_threads() : 1;
    std::vector<T> partials(static_cast<size_t>(nt > 1 ? nt * wsize : 0), T(0));
    const size_t cols_size = direct ? 1 : static_cast<size_t>(g.C * g.kh * g.kw * HWo);
    auto one = [&](int64_t n, T* cols, T* acc) {
      const T* xn = xp + n * g.C * g.H * g.W;
      const T* gyn = gyp + n * g.K * HWo;
      if (!direct) im2col(xn, cols, g);
      for (int64_t gi = 0; gi < G; ++gi) {
        // acc[g] [Kg, CK] += gy[n, g] [Kg, HWo] @ cols[g]^T [HWo, CK]
        const T* b = direct ? xn + gi * Cg * HWo : cols + gi * CK * HWo;
        kernels<T>().gemm(Kg, CK, HWo, gyn + gi * Kg * HWo, HWo, 1, b, 1, HWo, acc + gi * Kg * CK, CK, nullptr, true);
      }
    };
    if (nt > 1) {
#pragma omp parallel num_threads(nt)
      {
        T* acc = partials.data() + omp_get_thread_num() * wsize;
        T* cols = thread_scratch<T>(cols_size);
        // Static: the same images go to the same partial every run, so the
        // sum (and training) repeats exactly for a given thread count.
#pragma omp for schedule(static)
        for (int64_t n = 0; n < g.N; ++n) one(n, cols, acc);
      }
      for (int t = 0; t < nt; ++t) kernels<T>().accumulate(gwp, partials.data() + t * wsize, wsize);
    } else {
      T* cols = thread_scratch<T>(cols_size);
      for (int64_t n = 0; n < g.N; ++n) one(n, cols, gwp);
    }
  });
}

}  // namespace nnlite::cpu
