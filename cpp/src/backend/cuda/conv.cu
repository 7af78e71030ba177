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

// cols (laid out as lay) = im2col of images [n0, n0 + nb) of x [N, C, H, W],
// 0 in the padding.
template <typename T>
void im2col(const T* x, T* cols, const ConvGeometry& g, int64_t n0, int64_t nb, ColLayout lay, const char* what) {
  const T* xs = x + n0 * g.C * g.H * g.W;
  const ConvGeometry geo = g;
  launch_flat(nb * g.C * g.kh * g.kw * g.Ho * g.Wo, what, [=] __device__(int64_t i) {
    const Im2colStep s = im2col_step(geo, i, lay);
    cols[s.dst] = s.src < 0 ? T(0) : xs[s.src];
  });
}

template <typename T>
void add_channel_bias(T* y, const T* bias, const ConvGeometry& g) {
  const int64_t HWo = g.Ho * g.Wo, K = g.K;
  launch_flat(g.N * K * HWo, "conv2d", [=] __device__(int64_t i) { y[i] += bias[(i / HWo) % K]; });
}

template <typename T>
void conv_forward(CudaBackend& be, const T* x, const T* w, const T* bias, T* y, const ConvGeometry& g) {
  const int64_t CK = g.C * g.kh * g.kw, HWo = g.Ho * g.Wo;
  const bool direct = conv_is_pointwise(g);  // then x is its own cols
  const int64_t nb = direct ? g.N : conv_chunk_images(g, kColsBudget);
  Scratch cols(be, direct ? 0 : static_cast<size_t>(nb * CK * HWo) * sizeof(T));
  for (int64_t n0 = 0; n0 < g.N; n0 += nb) {
    const int64_t count = std::min(nb, g.N - n0);
    if (!direct) im2col(x, cols.get<T>(), g, n0, count, ColLayout{CK * HWo, HWo}, "conv2d");
    const T* src = direct ? x + n0 * g.C * HWo : cols.get<T>();
    for (int64_t gi = 0; gi < g.groups; ++gi) gemm<T>(conv_forward_gemm(g, w, src, y, n0, count, gi), "conv2d");
  }
  if (bias) add_channel_bias(y, bias, g);
}

template <typename T>
void conv_input_grad(CudaBackend& be, const T* gy, const T* w, T* gx, const ConvGeometry& g) {
  const int64_t CK = g.C * g.kh * g.kw, HWo = g.Ho * g.Wo;
  const bool direct = conv_is_pointwise(g);  // then the GEMM writes gx itself
  const int64_t nb = direct ? g.N : conv_chunk_images(g, kColsBudget);
  Scratch cols(be, direct ? 0 : static_cast<size_t>(nb * CK * HWo) * sizeof(T));
  for (int64_t n0 = 0; n0 < g.N; n0 += nb) {
    const int64_t count = std::min(nb, g.N - n0);
    T* dst = direct ? gx + n0 * g.C * HWo : cols.get<T>();
    for (int64_t gi = 0; gi < g.groups; ++gi)
      gemm<T>(conv_input_grad_gemm(g, w, gy, dst, n0, count, gi), "conv2d_input_grad");
    if (direct) continue;
    // gx[n0 : n0 + count] [count, C, H, W] = col2im(cols)
    const ConvGeometry geo = g;
    const T* c = cols.get<T>();
    T* out = gx + n0 * g.C * g.H * g.W;
    launch_flat(count * g.C * g.H * g.W, "conv2d_input_grad",
                [=] __device__(int64_t i) { out[i] = col2im_element(c, geo, i); });
  }
}

template <typename T>
void conv_weight_grad(CudaBackend& be, const T* x, const T* gy, T* gw, const ConvGeometry& g) {
  const int64_t CK = g.C * g.kh * g.kw, HWo = g.Ho * g.Wo, K = g.K;
  const int64_t nb = conv_chunk_images(g, kColsBudget);
  Scratch cols(be, static_cast<size_t>(nb * CK * HWo) * sizeof(T));
  Scratch gyt(be, static_cast<size_t>(nb * K * HWo) * sizeof(T));
  for (int64_t n0 = 0; n0 < g.N; n0 += nb) {
    const int64_t count = std::min(nb, g.N - n0);
    im2col(x, cols.get<T>(), g, n0, count, ColLayout{HWo, count * HWo}, "conv2d_weight_grad");  // [CK, count, HWo]
    T* t = gyt.get<T>();
    const T* src = gy + n0 * K * HWo;  // [count, K, HWo] -> t [K, count, HWo]
    launch_flat(count * K * HWo, "conv2d_weight_grad",
                [=] __device__(int64_t i) { t[gy_transposed_index(i, K, HWo, count)] = src[i]; });
    gemm<T>(conv_weight_grad_gemm(g, t, cols.get<T>(), gw, count, n0 > 0), "conv2d_weight_grad");
  }
}

}  // namespace

void CudaBackend::conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, Tensor& y, const ConvGeometry& g,
                         const backend::Epilogue& e) {
  if (y.numel() == 0) return;
  NNLITE_CUDA_DISPATCH_FLOAT(x.dtype(), T,
    conv_forward<T>(*this, ptr<T>(x), ptr<T>(w), bias.defined() ? ptr<T>(bias) : nullptr, ptr<T>(y), g));
  // The epilogue as the elementwise kernels, in place (not yet fused into the GEMM's tiles here).
  if (e.residual.defined()) binary(backend::Binary::Add, y, e.residual, y);
  if (e.relu) unary(backend::Unary::Relu, y, y, {});
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
