// See direct_conv.h. The image is copied once into a zero-padded buffer,
// split into its column phases (padded_image.h), so that the inputs of L
// consecutive outputs at any tap are L consecutive elements. The ISA kernel
// then runs register tiles over output channels and rows (isa/direct_conv.cc), or, for layers of many taps, over output channels in
// the vector lanes and pixels (isa/direct_conv_lanes.cc), whose weights are
// packed once and kept between calls (packed_weights.h).
#include "backend/cpu/direct_conv.h"

#include <omp.h>

#include <algorithm>

#include "backend/cpu/isa/kernels.h"
#include "backend/cpu/loops.h"
#include "backend/cpu/packed_weights.h"
#include "backend/cpu/padded_image.h"
#include "backend/cpu/scratch.h"
#include "backend/cpu/task_pool.h"

namespace nnlite::cpu {

using backend::ConvGeometry;

namespace {

// Below this many multiply-adds one thread is faster than waking the others.
constexpr double kDirectParallelFrom = 1 << 18;

// The epilogue's operands (backend::Epilogue as pointers).
template <typename T>
struct TileEpilogue {
  const T* residual;  // [N, K, Ho, Wo] or null
  bool relu;
};

// Packed weights for the lanes tile (isa/direct_conv_lanes.cc), blocks of
// B = direct_conv_lanes_channels: w [K, taps] -> wp [ceil(K / B), taps, B],
// zero past K.
template <typename T>
void pack_lanes(const T* w, int64_t K, int64_t taps, T* wp) {
  const int64_t B = kernels<T>().direct_conv_lanes_channels;
  for (int64_t k0 = 0; k0 < K; k0 += B)
    for (int64_t t = 0; t < taps; ++t, wp += B)
      for (int64_t r = 0; r < B; ++r) wp[r] = k0 + r < K ? w[(k0 + r) * taps + t] : T(0);
}

// How an image's outputs split into equal work items: with row tiles
// (isa/direct_conv.cc), item w is output row w % Ho of the channel block
// w / Ho; with lane tiles (wp set), item w is the w % groups-th group of
// `pixels` output pixels of the channel block w / groups.
template <typename T>
struct DirectItems {
  const T* wp;  // packed weights, or null for the row tiles
  int64_t block, per_block, pixels, count;
  DirectItems(const T* packed, const ConvGeometry& g) : wp(packed) {
    const TypedKernels<T>& k = kernels<T>();
    block = wp ? k.direct_conv_lanes_channels : k.direct_conv_channels;
    pixels = wp ? k.direct_conv_lanes_pixels : g.Wo;
    per_block = wp ? (g.Ho * g.Wo + pixels - 1) / pixels : g.Ho;
    count = (g.K + block - 1) / block * per_block;
  }
};

// Work items [w0, w1) of one image (see DirectItems); residual and y are the
// image's [K, Ho, Wo].
template <typename T>
void run_direct_items(const T* P, const int64_t* off, const DirectItems<T>& it, const T* w, const T* bias,
                      const T* residual, bool relu, T* y, const ConvGeometry& g, const PaddedImage& p, int64_t w0,
                      int64_t w1) {
  const int64_t taps = g.C * g.kh * g.kw, rs = g.sh * p.Wq;
  while (w0 < w1) {
    const int64_t kb = w0 / it.per_block, i0 = w0 % it.per_block, i1 = std::min(it.per_block, i0 + (w1 - w0));
    const int64_t k0 = kb * it.block;
    if (it.wp)
      kernels<T>().direct_conv_lanes(P, off, taps, rs, it.wp + kb * taps * it.block, bias, residual, relu, y, g.K,
                                     g.Ho, g.Wo, k0, i0 * it.pixels, std::min(g.Ho * g.Wo, i1 * it.pixels));
    else
      kernels<T>().direct_conv(P, off, taps, rs, w, bias, residual, relu, y, g.Ho, g.Wo, k0,
                               std::min(g.K, k0 + it.block), i0, i1);
    w0 += i1 - i0;
  }
}

template <typename T>
void direct_forward(const T* x, const T* w, const T* wp, const T* bias, TileEpilogue<T> e, T* y,
                    const ConvGeometry& g) {
  const PaddedImage p = padded_image_of(g);
  const DirectItems<T> items(wp, g);
  const int64_t taps = g.C * g.kh * g.kw, HWo = g.Ho * g.Wo;
  int64_t* off = thread_scratch<int64_t, 1>(static_cast<size_t>(taps));
  tap_offsets(g, p, off);
  const int nt = omp_get_max_threads();
  const size_t buffer = static_cast<size_t>(p.size + kDirectConvSlack);
  if (g.N >= nt && nt > 1) {  // one image per thread
#pragma omp parallel for schedule(dynamic, 1)
    for (int64_t n = 0; n < g.N; ++n) {
      T* P = thread_scratch<T, 6>(buffer);
      std::fill(P + p.size, P + buffer, T(0));
      pad_channels(x + n * g.C * g.H * g.W, P, g, p, 0, g.C);
      run_direct_items(P, off, items, w, bias, e.residual ? e.residual + n * g.K * HWo : nullptr, e.relu,
                       y + n * g.K * HWo, g, p, 0, items.count);
    }
    return;
  }
  // Few images (batch-1 inference): one at a time, the copy and then the
  // tiles over the task pool, which never waits for a worker that is not yet
  // running (task_pool.h).
  T* P = thread_scratch<T, 6>(buffer);
  std::fill(P + p.size, P + buffer, T(0));
  const int threads = static_cast<double>(g.K * taps * HWo) >= kDirectParallelFrom ? nt : 1;
  const int64_t grain = std::max<int64_t>(1, items.count / (8 * threads));
  for (int64_t n = 0; n < g.N; ++n) {
    T* yn = y + n * g.K * HWo;
    const T* rn = e.residual ? e.residual + n * g.K * HWo : nullptr;
    const T* xn = x + n * g.C * g.H * g.W;
    parallel_chunks(g.C, std::max<int64_t>(1, g.C / (2 * threads)), threads,
                    [&](int64_t c0, int64_t c1) { pad_channels(xn, P, g, p, c0, c1); });
    parallel_chunks(items.count, grain, threads, [&](int64_t w0, int64_t w1) {
      run_direct_items(P, off, items, w, bias, rn, e.relu, yn, g, p, w0, w1);
    });
  }
}

// Whether the lanes tile runs this layer. Measured against the row tiles in
// one process (AVX2, 2 threads, batch 1): 0.87-0.92 of their time on
// ResNet-18's 3x3 layers of 128-512 channels (28-, 14- and 7-wide maps,
// stride 1 and 2), 0.97 on ResNet-20's 64-channel ones, but 1.05-1.35 on
// layers of 3-32 input channels (and 1.76 on a 1x1 layer of 64), where its
// per-tile transpose of the outputs is not paid back by few taps.
bool lanes_wins(const ConvGeometry& g, int64_t block) {
  return g.K >= block && g.C * g.kh * g.kw >= 512;
}

}  // namespace

bool direct_conv_applies(const ConvGeometry& g) {
  // Measured per layer shape against im2col + GEMM (AVX2, 2 threads, batch 1
  // to 128): direct wins every strided and every im2col layer (1.6-2.3x on
  // LeNet's 5x5 layers at batch 128). 1x1 layers stay a plain GEMM, but for
  // a strided one of a single image (ResNet's downsampling shortcut at batch
  // 1: 0.65-0.85x of the subsample + GEMM's time on 2 threads, and
  // 1.04-1.10x at batch 2 to 16, where each thread takes whole images).
  // conv2d asks winograd_wins first.
  return g.groups == 1 && !(g.kh * g.kw == 1 && (g.sh * g.sw == 1 || g.N > 1));
}

void direct_conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, const backend::Epilogue& e, Tensor& y,
                   const ConvGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const TileEpilogue<T> ep{e.residual.defined() ? e.residual.data<T>() : nullptr, e.relu};
    const int64_t block = kernels<T>().direct_conv_lanes_channels, taps = g.C * g.kh * g.kw;
    std::shared_ptr<const void> wp;
    if (lanes_wins(g, block)) {
      const size_t bytes = static_cast<size_t>((g.K + block - 1) / block * block * taps) * sizeof(T);
      wp = packed_weights(w, "direct_conv_lanes", bytes,
                          [&](void* dst) { pack_lanes(w.data<T>(), g.K, taps, static_cast<T*>(dst)); });
    }
    direct_forward<T>(x.data<T>(), w.data<T>(), static_cast<const T*>(wp.get()),
                      bias.defined() ? bias.data<T>() : nullptr, ep, y.data<T>(), g);
  });
}

}  // namespace nnlite::cpu
