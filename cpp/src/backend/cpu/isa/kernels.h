// The table of SIMD kernels. The family files of isa/ (gemm.cc,
// elementwise.cc, reduce.cc, norm.cc, winograd.cc, direct_conv.cc, direct_conv_lanes.cc, optim.cc,
// recurrent.cc, pool.cc) are compiled
// once per instruction set (generic, AVX2+FMA, AVX-512) and table.cc gathers
// each set's entries into one table (see entries.h); select() in
// cpu/dispatch.cpp picks the best table the CPU supports, once, at start.
//
// Pointers are raw; n counts elements; strides are in elements and only 0 or
// 1 take the vectorised paths.
#pragma once
#include <cstdint>

#include "backend/backend.h"

namespace nnlite::cpu {

// Tiles of a 3x3, stride-1 convolution computed by Winograd F(4x4, 3x3): the
// output of each image is cut into th x tw tiles of 4x4, and tile p (counted
// over all images, row-major) reads the 6x6 input patch whose top-left corner
// is (4*a - ph, 4*b - pw). Reads outside [H, W] are zeros; outputs outside
// [Ho, Wo] are dropped. Transforms work on `count` tiles from `first`; M has
// ld >= count tile slots, and where channels are innermost their count is
// rounded up to 16 (Cp, Kp).
struct WinogradTiles {
  int64_t C, H, W, ph, pw;  // input channels, size and padding
  int64_t K, Ho, Wo;        // output channels and size
  int64_t th, tw;           // tiles per image down and across
};

// Elements past the last one read for a real output that direct_conv may
// read (a segment's idle lanes): at least the widest vector of any set.
constexpr int64_t kDirectConvSlack = 16;

template <typename T>
struct TypedKernels {
  // y[i] = op(x[i * sx])
  void (*unary)(backend::Unary op, const T* x, int64_t sx, T* y, int64_t n, double a, double b);
  // y[i] = op(a[i * sa], b[i * sb]) for arithmetic ops
  void (*binary)(backend::Binary op, const T* a, int64_t sa, const T* b, int64_t sb, T* y, int64_t n);
  // sum of x[0..n), accumulated in blocks for accuracy
  double (*sum)(const T* x, int64_t n);
  // acc[i] += x[i]
  void (*accumulate)(T* acc, const T* x, int64_t n);
  // y = softmax(x) or log_softmax(x) over one contiguous row
  void (*softmax_row)(const T* x, T* y, int64_t n, bool log);
  // Rows of the fused normalization (see isa/norm.cc): moments of a
  // row, the forward affine map, the backward's two sums and its dx map.
  void (*norm_moments)(const T* x, int64_t n, double* mean, double* m2);
  void (*norm_apply)(const T* x, int64_t n, T m, T s, T t, T* y);
  void (*norm_apply_vec)(const T* x, int64_t n, T m, T r, const T* w, const T* b, T* y);
  void (*norm_grad_sums)(const T* g, const T* x, const T* w, int64_t n, T m, double* s1, double* s2);
  void (*norm_dx)(const T* g, const T* x, const T* w, int64_t n, T m, T a, T b, T c, T* dx);
  // C[M,N] = A[M,K] @ B[K,N] (+ bias[N]) (+ C if accumulate). A and B with
  // any row/column strides (transposes are free); C row-major with ldc.
  void (*gemm)(int64_t M, int64_t N, int64_t K, const T* A, int64_t rsa, int64_t csa, const T* B, int64_t rsb,
               int64_t csb, T* C, int64_t ldc, const T* bias, bool accumulate);
  // B [K, N] packed once for many products with it (a recurrent layer's
  // weight over its time steps): pack_b writes the packed form to dst and
  // returns its element count (with dst null, only the count); gemm_prepacked
  // is gemm with that B, on the calling thread.
  int64_t (*pack_b)(int64_t K, int64_t N, const T* B, int64_t rsb, int64_t csb, T* dst);
  void (*gemm_prepacked)(int64_t M, int64_t N, int64_t K, const T* A, int64_t rsa, int64_t csa, const T* packed,
                         T* C, int64_t ldc, const T* bias, bool accumulate);
  // The same for an A [M, K] packed once (Winograd's transformed filters at
  // batch 1, where packing A every call costs as much as the product):
  // pack_a returns its element count (dst null: only the count), and
  // gemm_packed_a runs on the calling thread.
  int64_t (*pack_a)(int64_t M, int64_t K, const T* A, int64_t rsa, int64_t csa, T* dst);
  void (*gemm_packed_a)(int64_t M, int64_t N, int64_t K, const T* packed, const T* B, int64_t rsb, int64_t csb, T* C,
                        int64_t ldc, const T* bias, bool accumulate);
  // Winograd F(4x4, 3x3) transforms (see WinogradTiles):
  //   filter:      w [K, C, 3, 3] -> U [36, K, C] = G w G^T
  //   input:       x [N, C, H, W] -> V [count, 36, Cp] = B^T d B per tile
  //   output:      M [36, K, ld] -> y [N, K, Ho, Wo] = A^T m A per tile (+ bias[K])
  //   output_grad: gy [N, K, Ho, Wo] -> [count, 36, Kp] = A gy A^T per tile (the adjoint of output)
  //   filter_grad: dU [36, K, C] -> gw [K, C, 3, 3] = G^T dU G (the adjoint of filter)
  void (*winograd_filter)(const T* w, int64_t K, int64_t C, T* U);
  void (*winograd_input)(const T* x, const WinogradTiles& t, int64_t first, int64_t count, T* V);
  void (*winograd_output)(const T* M, int64_t ld, const WinogradTiles& t, int64_t first, int64_t count,
                          const T* bias, T* y);
  void (*winograd_output_grad)(const T* gy, const WinogradTiles& t, int64_t first, int64_t count, T* G);
  void (*winograd_filter_grad)(const T* dU, int64_t K, int64_t C, T* gw);
  // Direct convolution of one image (cpu/direct_conv.cpp), output channels
  // [k0, k1) and output rows [h0, h1):
  //   y[k, oh, ow] = relu?(bias[k] + sum_t w[k * taps + t] * x[off[t] + oh * rs + ow] + residual[k, oh, ow]?)
  // x: the padded, phase-split image, readable kDirectConvSlack elements past
  // the last element a real output reads; off [taps]; w [K, taps]; bias [K]
  // or null; residual and y [K, Ho, Wo] (residual may be null).
  void (*direct_conv)(const T* x, const int64_t* off, int64_t taps, int64_t rs, const T* w, const T* bias,
                      const T* residual, bool relu, T* y, int64_t Ho, int64_t Wo, int64_t k0, int64_t k1, int64_t h0,
                      int64_t h1);
  // Output channels of direct_conv's register tile: a range of this many
  // costs the same as a shorter one.
  int direct_conv_channels;
  // The same convolution with output channels in the vector lanes, for one
  // block of channels [k0, k0 + direct_conv_lanes_channels) (fewer at K's
  // end) over output pixels [q0, q1) in row-major order (q = oh * Wo + ow):
  //   y[k, q] = relu?(bias[k] + sum_t wp[t, k - k0] * x[off[t] + oh * rs + ow] + residual[k, q]?)
  // wp: the block's [taps, direct_conv_lanes_channels] panel (zero past K).
  void (*direct_conv_lanes)(const T* x, const int64_t* off, int64_t taps, int64_t rs, const T* wp, const T* bias,
                            const T* residual, bool relu, T* y, int64_t K, int64_t Ho, int64_t Wo, int64_t k0,
                            int64_t q0, int64_t q1);
  int direct_conv_lanes_channels;
  int direct_conv_lanes_pixels;  // pixels of its register tile
  void (*sgd)(T* p, const T* g, T* buf, int64_t n, double lr, double momentum, double dampening, double wd,
              bool nesterov, bool maximize, bool first_step);
  void (*adam)(T* p, const T* g, T* m, T* v, T* vmax, int64_t n, double lr, double beta1, double beta2, double eps,
               double wd, bool amsgrad, bool decoupled, bool maximize, double bc1, double bc2);
  // The gate math of one batch row of the recurrent layers (isa/recurrent.cc
  // documents each): LSTM, GRU and tanh/relu RNN, forward and backward.
  void (*lstm_gates)(const T* gi, const T* gh, int64_t n, int64_t H, int64_t hs, T* act, T* c, T* h);
  void (*lstm_gates_backward)(const T* act, const T* c_prev, const T* dh, int64_t n, int64_t H, T* dc, T* dg, T* h_pre);
  void (*gru_gates)(const T* gi, const T* gh, const T* h_prev, int64_t n, int64_t H, int64_t hs, T* act, T* h);
  void (*gru_gates_backward)(const T* act, const T* h_prev, const T* dh, int64_t n, int64_t H, T* dgi, T* dgh,
                             T* dh_prev);
  void (*rnn_gates)(const T* gi, const T* gh, int64_t H, bool relu, T* h);
  void (*rnn_gates_backward)(const T* h, const T* dh, int64_t H, bool relu, T* dg);
  // Max pooling of one plane without indices, in [H, W] -> out [Ho, Wo], for
  // strided (not adaptive) windows of horizontal stride 1 or 2 and at most
  // 64 taps; the maximum of the taps inside the image, NaN where one is NaN.
  void (*max_pool_values)(const T* in, T* out, const backend::PoolGeometry& g);
};

struct IsaKernels {
  const char* name;
  TypedKernels<float> f32;
  TypedKernels<double> f64;
};

const IsaKernels& isa();  // the table chosen for this CPU

template <typename T>
inline const TypedKernels<T>& kernels();
template <>
inline const TypedKernels<float>& kernels<float>() { return isa().f32; }
template <>
inline const TypedKernels<double>& kernels<double>() { return isa().f64; }

}  // namespace nnlite::cpu
