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

// Output tiles of 4x4 over the batch.
int64_t tile_count(const ConvGeometry& g) { return g.N * ((g.Ho + 3) / 4) * ((g.Wo + 3) / 4); }

// A 3x3, stride-1, undilated, ungrouped convolution: what F(4x4, 3x3) computes.
bool winograd_shape(const ConvGeometry& g) {
  return g.kh == 3 && g.kw == 3 && g.sh == 1 && g.sw == 1 && g.dh == 1 && g.dw == 1 && g.groups == 1;
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

// The transformed filter w [K, C, 3, 3] -> U [36, K, C] (U[p] = G w G^T at
// point p), each U[p] in the GEMM's packed A panels (pack_a), and the
// products M[p] [K, count] = U[p] @ V[:, p]^T [C, count] with it. Packed once
// per call rather than by each block's GEMM: at batch 1 (16-64 tiles)
// packing U[p] cost as much as the product itself. A weight that does not
// change is transformed and packed once and kept between calls
// (packed_weights.h); otherwise into buffers kept across calls (fresh ones
// of this size come from mmap, and their page faults cost as much as a
// small convolution).
template <typename T>
class Filter {
 public:
  Filter(const Tensor& w, const ConvGeometry& g) : g_(g), k_(kernels<T>()) {
    panel_ = k_.pack_a(g.K, g.C, nullptr, g.C, 1, nullptr);  // one point's packed elements
    const size_t count = static_cast<size_t>(kPoints * panel_);
    const auto pack = [&](T* dst) {
      T* U = thread_scratch<T, 2>(static_cast<size_t>(kPoints * g.K * g.C));
      k_.winograd_filter(w.data<T>(), g.K, g.C, U);
      for (int p = 0; p < kPoints; ++p) k_.pack_a(g.K, g.C, U + p * g.K * g.C, g.C, 1, dst + p * panel_);
    };
    kept_ = packed_weights(w, "winograd_filter_packed", count * sizeof(T),
                           [&](void* dst) { pack(static_cast<T*>(dst)); });
    if (kept_) {
      U_ = static_cast<const T*>(kept_.get());
    } else {
      T* dst = thread_scratch<T, 7>(count);
      pack(dst);
      U_ = dst;
    }
  }

  // M [K, count] (row stride ld) = U[p] @ Vp^T, Vp [count, C] with row stride vs.
  void product(int p, const T* Vp, int64_t vs, int64_t count, T* M, int64_t ld) const {
    k_.gemm_packed_a(g_.K, count, g_.C, U_ + p * panel_, Vp, 1, vs, M, ld, nullptr, false);
  }

 private:
  const ConvGeometry& g_;
  const TypedKernels<T>& k_;
  std::shared_ptr<const void> kept_;  // holds U_ when kept between calls
  const T* U_ = nullptr;
  int64_t panel_ = 0;  // elements from U[p] to U[p + 1]
};

template <typename T>
void forward(const T* x, const Filter<T>& U, const T* bias, T* y, const ConvGeometry& g) {
  const auto& k = kernels<T>();
  const WinogradTiles t = tiles_of(g);
  const int64_t tiles = g.N * t.th * t.tw, B = block_tiles(g, tiles, sizeof(T)), blocks = (tiles + B - 1) / B;
  const int64_t Cp = round_up16(g.C);
  // Tiles [first, first + count): V [count, 36, Cp], M [36, K, B]; the 36
  // products M[p] [K, count] = U[p] [K, C] @ V[:, p]^T [C, count] over the
  // threads when `share` (a single block, batch 1), else on this one.
  const auto block = [&](int64_t first, int64_t count, T* V, T* M, bool share) {
    k.winograd_input(x, t, first, count, V);
    const auto product = [&](int p) { U.product(p, V + p * Cp, kPoints * Cp, count, M + p * g.K * B, B); };
    if (share) {
#pragma omp parallel for schedule(static)
      for (int p = 0; p < kPoints; ++p) product(p);
    } else {  // inside the blocks' region: a nested one would build a team of one per block
      for (int p = 0; p < kPoints; ++p) product(p);
    }
    k.winograd_output(M, B, t, first, count, bias, y);
  };
  const auto V_of = [&] { return thread_scratch<T, 0>(static_cast<size_t>(kPoints * B * Cp)); };
  const auto M_of = [&] { return thread_scratch<T, 1>(static_cast<size_t>(kPoints * g.K * B)); };
  if (blocks == 1) return block(0, tiles, V_of(), M_of(), g.K * g.C >= 64 * 64);
#pragma omp parallel
  {
    T *V = V_of(), *M = M_of();
#pragma omp for schedule(dynamic, 1)
    for (int64_t b = 0; b < blocks; ++b) block(b * B, std::min(B, tiles - b * B), V, M, false);
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
  return winograd_shape(g) && g.C >= kMinChannels && g.K >= kMinChannels && tile_count(g) >= kMinTiles;
}

bool winograd_wins(const ConvGeometry& g, const Tensor& w) {
  // Measured per layer shape against the direct convolution (AVX2, 2
  // threads, batch 1 to 128, in turns in one process). Direct keeps 3x3
  // layers of 16 channels. From 32 channels Winograd wins with 64 tiles or
  // more (ResNet-18's 56x56 layers at batch 1: 1.4-1.5x faster), or 32 of
  // 128 channels and more (its 28x28 layers). With its filter kept between
  // calls (a weight that did not change, as in inference) it wins from 16
  // tiles: ResNet-18's 14x14 layers of 256 channels at batch 1 take 0.49x
  // the direct time, 32 channels at 16x16 0.48x; with 4 tiles (7x7) it is
  // 1.4-1.8x slower. A weight that changes every call (training) pays the
  // filter transform each time, and there Winograd was 1.3-1.6x slower
  // below 64 tiles of fewer than 128 channels.
  const int64_t tiles = tile_count(g);
  if (!winograd_shape(g) || g.C < 32 || g.K < 32 || tiles < 16) return false;
  if (tiles >= 64 || (tiles >= 32 && g.C >= 128 && g.K >= 128)) return true;
  return unchanged_since_last_call(w);
}

void winograd_conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, Tensor& y, const ConvGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    forward<T>(x.data<T>(), Filter<T>(w, g), bias.defined() ? bias.data<T>() : nullptr, y.data<T>(), g);
  });
}

void winograd_conv2d_weight_grad(const Tensor& x, const Tensor& gy, Tensor& gw, const ConvGeometry& g) {
  dispatch_float(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    weight_grad<T>(x.data<T>(), gy.data<T>(), gw.data<T>(), g);
  });
}

}  // namespace nnlite::cpu
