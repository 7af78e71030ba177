// 2-d convolution on the GPU: im2col + the backend's GEMM (gemm.cuh), the
// images of a batch unrolled a chunk at a time into scratch from the caching
// allocator. Shapes (ConvGeometry): x [N, C, H, W], w [K, C/G, kh, kw],
// y [N, K, Ho, Wo]; per group gi, Cg = C/G input and Kg = K/G output channels,
// CKg = Cg*kh*kw rows of cols, HWo = Ho*Wo columns.
//  - forward:     y[n, gi] [Kg, HWo] = w[gi] [Kg, CKg] @ cols[n, gi] [CKg, HWo]
//                 (one GEMM per group, batched over the chunk's images);
//  - input grad:  cols[n, gi] [CKg, HWo] = w[gi]^T @ gy[n, gi], then col2im as a
//                 gather (conv_index.h: one thread per gx element, no atomics);
//  - weight grad: gw[gi] [Kg, CKg] += gy[gi] [Kg, nb*HWo] @ cols[gi]^T, with the
//                 chunk's images side by side in K (gy transposed into
//                 [K, nb, HWo] first), so one GEMM batched over groups sums
//                 over all images of the chunk.
// 1x1 convolutions with stride 1 and no padding use x (or gx) as cols directly.
#include <algorithm>
#include <cstdint>

#include "backend/cuda/conv_index.h"
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/gemm.cuh"
#include "backend/cuda/launch.cuh"

namespace nnlite::cuda_impl {

using backend::ConvGeometry;

namespace {

// Elements of cols one chunk may hold (128 MiB of float32): a ResNet-20 batch
// of 128 fits in one chunk; larger inputs go in several.
constexpr int64_t kColsBudget = int64_t(1) << 25;

// Device scratch from the caching allocator, returned when the scope ends.
// Safe while kernels still use it: every kernel runs on one stream, so the
// next user of the block is ordered after them (block_cache.h).
class Scratch {
 public:
  Scratch(CudaBackend& be, size_t bytes) : be_(be), bytes_(bytes), p_(bytes ? be.allocate(bytes) : nullptr) {}
  ~Scratch() {
    if (p_) be_.deallocate(p_, bytes_);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  template <typename T>
  T* get() const { return static_cast<T*>(p_); }

 private:
  CudaBackend& be_;
  size_t bytes_;
  void* p_;
};

// cols[n * lay.image + r * lay.row + p] = im2col of image n0 + n of x, for
// n < nb, r < C*kh*kw, p < Ho*Wo (0 in the padding).
template <typename T>
void im2col(const T* x, T* cols, const ConvGeometry& g, int64_t n0, int64_t nb, ColLayout lay, const char* what) {
  const int64_t rows = g.C * g.kh * g.kw, HWo = g.Ho * g.Wo, image = g.C * g.H * g.W;
  const ConvGeometry geo = g;
  launch_flat(nb * rows * HWo, what, [=] __device__(int64_t i) {
    const int64_t p = i % HWo, r = (i / HWo) % rows, n = i / (HWo * rows);
    const int64_t src = im2col_source(geo, r, p);
    cols[n * lay.image + r * lay.row + p] = src < 0 ? T(0) : x[(n0 + n) * image + src];
  });
}

template <typename T>
void add_channel_bias(T* y, const T* bias, const ConvGeometry& g) {
  const int64_t HWo = g.Ho * g.Wo, K = g.K;
  launch_flat(g.N * K * HWo, "conv2d", [=] __device__(int64_t i) { y[i] += bias[(i / HWo) % K]; });
}

template <typename T>
void conv_forward(CudaBackend& be, const T* x, const T* w, const T* bias, T* y, const ConvGeometry& g) {
  const int64_t G = g.groups, Cg = g.C / G, Kg = g.K / G, CKg = Cg * g.kh * g.kw, CK = g.C * g.kh * g.kw;
  const int64_t HWo = g.Ho * g.Wo;
  const bool direct = conv_is_pointwise(g);
  const int64_t nb = direct ? g.N : conv_chunk_images(g, kColsBudget);
  Scratch cols(be, direct ? 0 : static_cast<size_t>(nb * CK * HWo) * sizeof(T));
  for (int64_t n0 = 0; n0 < g.N; n0 += nb) {
    const int64_t count = std::min(nb, g.N - n0);
    const T* src = direct ? x + n0 * g.C * HWo : cols.get<T>();
    if (!direct) im2col(x, cols.get<T>(), g, n0, count, ColLayout{CK * HWo, HWo}, "conv2d");
    for (int64_t gi = 0; gi < G; ++gi) {
      GemmArgs<T> p{};
      p.B = count, p.M = Kg, p.N = HWo, p.K = CKg;
      p.a = w + gi * Kg * CKg, p.sa = {0, CKg, 1};                  // w[gi] [Kg, CKg], the same for every image
      p.b = src + gi * CKg * HWo, p.sb = {CK * HWo, HWo, 1};        // cols[n, gi] [CKg, HWo]
      p.c = y + (n0 * g.K + gi * Kg) * HWo, p.sc = {g.K * HWo, HWo, 1};  // y[n, gi] [Kg, HWo]
      p.a_k_fast = true, p.b_n_fast = true;
      gemm<T>(p, "conv2d");
    }
  }
  if (bias) add_channel_bias(y, bias, g);
}

template <typename T>
void conv_input_grad(CudaBackend& be, const T* gy, const T* w, T* gx, const ConvGeometry& g) {
  const int64_t G = g.groups, Cg = g.C / G, Kg = g.K / G, CKg = Cg * g.kh * g.kw, CK = g.C * g.kh * g.kw;
  const int64_t HWo = g.Ho * g.Wo;
  const bool direct = conv_is_pointwise(g);  // then cols is gx itself (CK == C, HWo == H*W)
  const int64_t nb = direct ? g.N : conv_chunk_images(g, kColsBudget);
  Scratch cols(be, direct ? 0 : static_cast<size_t>(nb * CK * HWo) * sizeof(T));
  for (int64_t n0 = 0; n0 < g.N; n0 += nb) {
    const int64_t count = std::min(nb, g.N - n0);
    T* dst = direct ? gx + n0 * g.C * HWo : cols.get<T>();
    for (int64_t gi = 0; gi < G; ++gi) {
      GemmArgs<T> p{};
      p.B = count, p.M = CKg, p.N = HWo, p.K = Kg;
      p.a = w + gi * Kg * CKg, p.sa = {0, 1, CKg};                  // w[gi]^T [CKg, Kg]
      p.b = gy + (n0 * g.K + gi * Kg) * HWo, p.sb = {g.K * HWo, HWo, 1};  // gy[n, gi] [Kg, HWo]
      p.c = dst + gi * CKg * HWo, p.sc = {CK * HWo, HWo, 1};        // cols[n, gi] [CKg, HWo]
      p.a_k_fast = false, p.b_n_fast = true;
      gemm<T>(p, "conv2d_input_grad");
    }
    if (direct) continue;
    // gx[n0 + n] [C, H, W] = col2im(cols[n]), n < count
    const int64_t HW = g.H * g.W, C = g.C, W = g.W;
    const ConvGeometry geo = g;
    const T* c = cols.get<T>();
    T* out = gx + n0 * C * HW;
    launch_flat(count * C * HW, "conv2d_input_grad", [=] __device__(int64_t i) {
      const int64_t n = i / (C * HW), ch = (i / HW) % C, h = (i % HW) / W, x = i % W;
      out[i] = col2im_gather(c + n * CK * HWo, HWo, geo, ch, h, x);
    });
  }
}

template <typename T>
void conv_weight_grad(CudaBackend& be, const T* x, const T* gy, T* gw, const ConvGeometry& g) {
  const int64_t G = g.groups, Kg = g.K / G, CKg = (g.C / G) * g.kh * g.kw, CK = g.C * g.kh * g.kw;
  const int64_t HWo = g.Ho * g.Wo, K = g.K;
  const int64_t nb = conv_chunk_images(g, kColsBudget);
  Scratch cols(be, static_cast<size_t>(nb * CK * HWo) * sizeof(T));
  Scratch gyt(be, static_cast<size_t>(nb * K * HWo) * sizeof(T));
  for (int64_t n0 = 0; n0 < g.N; n0 += nb) {
    const int64_t count = std::min(nb, g.N - n0), L = count * HWo;  // L: the GEMM's K, all the chunk's pixels
    im2col(x, cols.get<T>(), g, n0, count, ColLayout{HWo, L}, "conv2d_weight_grad");  // cols [CK, count, HWo]
    // gyt [K, count, HWo] = gy[n0 : n0 + count] [count, K, HWo] transposed
    T* t = gyt.get<T>();
    const T* src = gy + n0 * K * HWo;
    launch_flat(count * K * HWo, "conv2d_weight_grad", [=] __device__(int64_t i) {
      const int64_t p = i % HWo, k = (i / HWo) % K, n = i / (HWo * K);
      t[(k * count + n) * HWo + p] = src[i];
    });
    GemmArgs<T> p{};
    p.B = G, p.M = Kg, p.N = CKg, p.K = L;
    p.a = t, p.sa = {Kg * L, L, 1};                  // gyt[gi] [Kg, L]
    p.b = cols.get<T>(), p.sb = {CKg * L, 1, L};     // cols[gi]^T [L, CKg]
    p.c = gw, p.sc = {Kg * CKg, CKg, 1};             // gw[gi] [Kg, CKg]
    p.accumulate = n0 > 0;
    p.a_k_fast = true, p.b_n_fast = false;
    gemm<T>(p, "conv2d_weight_grad");
  }
}

}  // namespace

void CudaBackend::conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, Tensor& y, const ConvGeometry& g) {
  if (y.numel() == 0) return;
  NNLITE_CUDA_DISPATCH_FLOAT(x.dtype(), T,
    conv_forward<T>(*this, ptr<T>(x), ptr<T>(w), bias.defined() ? ptr<T>(bias) : nullptr, ptr<T>(y), g));
}

void CudaBackend::conv2d_input_grad(const Tensor& gy, const Tensor& w, Tensor& gx, const ConvGeometry& g) {
  if (gx.numel() == 0) return;
  NNLITE_CUDA_DISPATCH_FLOAT(gy.dtype(), T, conv_input_grad<T>(*this, ptr<T>(gy), ptr<T>(w), ptr<T>(gx), g));
}

void CudaBackend::conv2d_weight_grad(const Tensor& x, const Tensor& gy, Tensor& gw, const ConvGeometry& g) {
  if (gw.numel() == 0) return;
  if (g.N * g.Ho * g.Wo == 0) {  // no pixels: the gradient is zero
    fill(gw, Scalar(0.0));
    return;
  }
  NNLITE_CUDA_DISPATCH_FLOAT(x.dtype(), T, conv_weight_grad<T>(*this, ptr<T>(x), ptr<T>(gy), ptr<T>(gw), g));
}

}  // namespace nnlite::cuda_impl
