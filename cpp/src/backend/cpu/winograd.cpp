// The Winograd F(4x4, 3x3) driver: the transforms are SIMD kernels
// (isa/winograd.cc); here the tiles of all images are cut into blocks, and
// for each block one thread transforms the input (tiles as rows, channels
// contiguous), runs the 36 GEMMs of the transformed domain and transforms
// back, all within its L2 cache.
#include "backend/cpu/winograd.h"

#include <omp.h>

#include <algorithm>
#include <numeric>

#include "backend/cpu/cache.h"
#include "backend/cpu/isa/kernels.h"
#include "backend/cpu/loops.h"
#include "backend/cpu/packed_weights.h"
#include "backend/cpu/scratch.h"

namespace nnlite::cpu {

using backend::ConvGeometry;

namespace {

// Below this many channels in or out, the transforms cost more than the
// multiplies they save; below this many tiles, transforming the filter and
// packing it for 36 GEMMs of so few columns does. (Measured per shape against
// im2col on AVX-512, one thread.)
constexpr int64_t kMinChannels = 16;
constexpr int64_t kMinTiles = 32;
constexpr int kPoints = 36;  // 6x6 transformed points per tile

int64_t round_up16(int64_t n) { return (n + 15) / 16 * 16; }

WinogradTiles tiles_of(const ConvGeometry& g) {
  return {g.C, g.H, g.W, g.ph, g.pw, g.K, g.Ho, g.Wo, (g.Ho + 3) / 4, (g.Wo + 3) / 4};
}

// Tiles per block: enough that one block's transformed input and products
// ([36, block, C + K]) fill about half of L2, but at least 64 so that the
// GEMMs' N dimension fills the micro-kernel's panels (with many channels the
// GEMMs do enough work per byte to run from L3), and few enough that every
// thread gets a block (batch-1 inference). Then aligned to images: the input
// transform copies every image a block touches, so a block that ends inside
// an image copies it twice (16 channels at 32x32: 96-tile blocks ran 20%
// slower than 64). A multiple of the transforms' 16 lanes.
int64_t block_tiles(const ConvGeometry& g, int64_t tiles, size_t elem) {
  const size_t per_tile = kPoints * static_cast<size_t>(g.C + g.K) * elem;
  const int64_t fit = std::max<int64_t>(64, static_cast<int64_t>(cache_sizes().l2 / 2 / per_tile));
  const int64_t share = (tiles + omp_get_max_threads() - 1) / omp_get_max_threads();
  const int64_t want = std::max<int64_t>(16, std::min(fit, share));
  const int64_t per_image = ((g.Ho + 3) / 4) * ((g.Wo + 3) / 4);
  if (per_image <= want) {  // whole images per block
    const int64_t unit = std::lcm<int64_t>(per_image, 16);
    if (unit <= want) return want / unit * unit;
  } else {  // whole blocks per image
    for (int64_t b = want / 16 * 16; b >= 16; b -= 16)
      if (per_image % b == 0) return b;
  }
  return round_up16(want);
}

// U [36, K, C] = the transformed filter w [K, C, 3, 3]: kept between calls
// for a weight that does not change (packed_weights.h; at batch 1 the
// transform costs a tenth of a 56x56 layer), else in a buffer kept across
// calls: a fresh one of this size comes from mmap and its page faults cost
// as much as a small convolution.
template <typename T>
std::shared_ptr<const void> transformed_filter(const Tensor& w, const ConvGeometry& g, const T*& U) {
  const size_t count = static_cast<size_t>(kPoints * g.K * g.C);
  auto transform = [&](void* dst) { kernels<T>().winograd_filter(w.data<T>(), g.K, g.C, static_cast<T*>(dst)); };
  std::shared_ptr<const void> kept = packed_weights(w, "winograd_filter", count * sizeof(T), transform);
  if (kept) {
    U = static_cast<const T*>(kept.get());
  } else {
    T* scratch = thread_scratch<T, 2>(count);
    transform(scratch);
    U = scratch;
  }
  return kept;
}

template <typename T>
void forward(const T* x, const T* U, const T* bias, T* y, const ConvGeometry& g) {
  const auto& k = kernels<T>();
  const WinogradTiles t = tiles_of(g);
  const int64_t tiles = g.N * t.th * t.tw, B = block_tiles(g, tiles, sizeof(T)), blocks = (tiles + B - 1) / B;
  const int64_t Cp = round_up16(g.C);
#pragma omp parallel if (blocks > 1)
  {
    T* V = thread_scratch<T, 0>(static_cast<size_t>(kPoints * B * Cp));   // [B, 36, Cp]
    T* M = thread_scratch<T, 1>(static_cast<size_t>(kPoints * g.K * B));  // [36, K, B]
#pragma omp for schedule(dynamic, 1)
    for (int64_t b = 0; b < blocks; ++b) {
      const int64_t first = b * B, count = std::min(B, tiles - first);
      k.winograd_input(x, t, first, count, V);
      // M[p] [K, count] = U[p] [K, C] @ V[:, p]^T [C, count]
      for (int p = 0; p < kPoints; ++p)
        k.gemm(g.K, count, g.C, U + p * g.K * g.C, g.C, 1, V + p * Cp, 1, kPoints * Cp, M + p * g.K * B, B,
               nullptr, false);
      k.winograd_output(M, B, t, first, count, bias, y);
    }
  }
}

template <typename T>
void weight_grad(const T* x, const T* gy, T* gw, const ConvGeometry& g) {
  const auto& k = kernels<T>();
  const WinogradTiles t = tiles_of(g);
  const int64_t tiles = g.N * t.th * t.tw, B = block_tiles(g, tiles, sizeof(T)), blocks = (tiles + B - 1) / B;
  const int64_t usize = kPoints * g.K * g.C;
  const int nt = static_cast<int>(std::min<int64_t>(omp_get_max_threads(), blocks));
  // One [36, K, C] sum per thread, added in thread order at the end; with a
  // static schedule the result repeats exactly for a given thread count.
  T* dU = thread_scratch<T, 2>(static_cast<size_t>(nt * usize));
  std::fill(dU, dU + nt * usize, T(0));
  const int64_t Cp = round_up16(g.C), Kp = round_up16(g.K);
#pragma omp parallel num_threads(nt)
  {
    T* acc = dU + omp_get_thread_num() * usize;
    T* V = thread_scratch<T, 0>(static_cast<size_t>(kPoints * B * Cp));  // [B, 36, Cp]
    T* D = thread_scratch<T, 1>(static_cast<size_t>(kPoints * B * Kp));  // [B, 36, Kp]
#pragma omp for schedule(static)
    for (int64_t b = 0; b < blocks; ++b) {
      const int64_t first = b * B, count = std::min(B, tiles - first);
      k.winograd_input(x, t, first, count, V);
      k.winograd_output_grad(gy, t, first, count, D);
      // acc[p] [K, C] += D[:, p]^T [K, count] @ V[:, p] [count, C]
      for (int p = 0; p < kPoints; ++p)
        k.gemm(g.K, g.C, count, D + p * Kp, 1, kPoints * Kp, V + p * Cp, kPoints * Cp, 1, acc + p * g.K * g.C, g.C,
               nullptr, true);
    }
  }
  for (int i = 1; i < nt; ++i) k.accumulate(dU, dU + i * usize, usize);
  k.winograd_filter_grad(dU, g.K, g.C, gw);
}

}  // namespace

bool winograd_applies(const ConvGeometry& g) {
  return g.kh == 3 && g.kw == 3 && g.sh == 1 && g.sw == 1 && g.dh == 1 && g.dw == 1 && g.groups == 1 &&
         g.C >= kMinChannels && g.K >= kMinChannels && g.N * ((g.Ho + 3) / 4) * ((g.Wo + 3) / 4) >= kMinTiles;
}

void winograd_conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, Tensor& y, const ConvGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* U = nullptr;
    const std::shared_ptr<const void> kept = transformed_filter<T>(w, g, U);
    forward<T>(x.data<T>(), U, bias.defined() ? bias.data<T>() : nullptr, y.data<T>(), g);
  });
}

void winograd_conv2d_weight_grad(const Tensor& x, const Tensor& gy, Tensor& gw, const ConvGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    weight_grad<T>(x.data<T>(), gy.data<T>(), gw.data<T>(), g);
  });
}

}  // namespace nnlite::cpu
