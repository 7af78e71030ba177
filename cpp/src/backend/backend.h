// The interface every device implements, one small group of methods per op
// family. Ops check arguments, decide shapes and dtypes, allocate outputs and
// then call these; a backend never checks user input and never records
// autograd nodes. Conventions at this boundary:
//  - outputs are freshly allocated, contiguous, of the final shape and dtype;
//  - inputs may have any strides (0 for broadcast dims) unless noted;
//  - all tensors handed to one call live on this backend's device.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "nnlite/random.h"
#include "nnlite/tensor.h"

namespace nnlite::backend {

enum class Unary : uint8_t {
  Neg, Abs, Sign, Exp, Log, Sqrt, Rsqrt, Sin, Cos, Erf, Tanh, Sigmoid, Relu,
  LeakyRelu,  // a = negative slope
  Gelu, GeluTanh,
  Elu,        // a = alpha
  Softplus,   // a = beta, b = threshold
  Clamp,      // a = min, b = max (use +-inf for "none")
  LogicalNot,
  Log1p, Expm1, Log2, Log10,
  Floor, Ceil, Round, Trunc,  // Round: half to even, as torch.round
};
struct UnaryParams {
  double a = 0, b = 0;
};

// ReluGrad(x, g) = x <= 0 ? 0 : g: relu's backward in one pass (NaN passes g).
// Fmod: the remainder with the dividend's sign (C's fmod); Remainder: with the
// divisor's sign (Python's %). Integer divisors are checked non-zero by the op.
enum class Binary : uint8_t {
  Add, Sub, Mul, Div, Pow, Max, Min, ReluGrad, Fmod, Remainder, Eq, Ne, Lt, Le, Gt, Ge, And, Or
};
inline bool is_comparison(Binary op) { return op >= Binary::Eq; }

enum class Reduce : uint8_t { Sum, Prod, Max, Min, ArgMax, ArgMin };

// The sizes of one 2-d convolution: x [N, C, H, W], w [K, C/groups, kh, kw],
// y [N, K, Ho, Wo]. conv_transpose2d uses the same geometry with x and y
// swapped (its input is this y).
struct ConvGeometry {
  int64_t N, C, H, W, K, kh, kw, sh, sw, ph, pw, dh, dw, groups, Ho, Wo;
};

// What a fused op applies to its output y before storing it: y = relu?(y +
// residual?), residual contiguous, of y's shape, dtype and device, or
// undefined. A convolution (load_graph's fused inference step) and a
// normalization (batch norm followed by a residual add and ReLU) take one;
// the CPU backend applies it to each tile or row while it is still in cache.
struct Epilogue {
  Tensor residual;
  bool relu = false;
};

// The sizes of one 2-d pooling: x [N, C, H, W] -> y [N, C, Ho, Wo]. With
// `adaptive`, window i spans [floor(i*H/Ho), ceil((i+1)*H/Ho)) and the
// kernel/stride/padding fields are unused.
struct PoolGeometry {
  int64_t N, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo;
  bool count_include_pad = true;
  bool adaptive = false;
};

// The geometry of one normalization: x [A, C, L], contiguous; channel c is
// standardized over its M = A * L values (the L values of rows (a, c)). The
// affine parameters split a row's L = J * K values into J blocks of K, and
// element (a, c, j, k) uses weight[(c % P) * J + j] and bias[(c % P) * J + j].
// batch_norm: {N, C, H*W, 1, H*W, C}; layer_norm: {1, rows, L, L, 1, 1};
// group_norm: {1, N*G, (C/G)*H*W, C/G, H*W, G}.
struct NormGeometry {
  int64_t A, C, L, J, K, P;
};

// What a kernel that reads indices found: the first index (in the index
// tensor's row-major order) outside its range, if any. Such kernels check each
// index as they use it and stop at a bad one instead of touching memory with
// it; the op turns the report into its IndexError. `value` is the index as the
// user gave it (before negatives were wrapped).
struct IndexFault {
  IndexFault() = default;
  IndexFault(bool found_, int64_t value_) : found(found_), value(value_) {}
  bool found = false;
  int64_t value = 0;
  // A device whose kernels run behind the host (CUDA) answers later instead:
  // `later` reads the fault once the host has waited for the device. The op
  // then hands its check to defer_check, so no op waits for an index check.
  std::function<IndexFault()> later;
};

// What the multinomial kernel found wrong with a row of probabilities (the
// first such row), or None; the op turns it into its error.
struct MultinomialFault {
  enum Kind { None, BadValue, ZeroSum, TooFewCategories } kind = None;  // BadValue: < 0, inf or NaN
  int64_t row = 0;
};

// The recurrent layers (cpu/recurrent.cpp): one layer in one direction over
// a whole sequence. x [T, N, I] (time-major), the state h [N, P] (P = LSTM's
// proj_size, else H) and LSTM's cell c [N, H]; w_ih [G*H, I], w_hh [G*H, P],
// b_ih, b_hh [G*H] or undefined, w_hr [P, H] or undefined (LSTM's
// projection); G = 1 (tanh/relu), 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n).
enum class RnnMode { Tanh, Relu, Lstm, Gru };
struct RecurrentGeometry {
  RnnMode mode;
  int64_t T, N, I, H, P;
  bool reverse;  // walk time from T-1 down to 0 (each row from its own last valid step)
};
struct RecurrentWeights {
  Tensor w_ih, w_hh, b_ih, b_hh, w_hr;
};
// What the forward keeps for the backward (all defined, or all undefined in
// inference; c_prev only for LSTM): act [T, N, A] the activations of each
// step (LSTM: i, f, g, o, A = 4H; GRU: r, z, n and W_hn h + b_hn, A = 4H;
// tanh/relu: the new state, A = H), h_prev [T, N, P] and c_prev [T, N, H] the
// state each step started from.
struct RecurrentSaved {
  Tensor act, h_prev, c_prev;
};
// The backward's results, each written only where defined: gradients of x,
// h0, c0 and the weights.
struct RecurrentGrads {
  Tensor dx, dh0, dc0, dw_ih, dw_hh, db_ih, db_hh, dw_hr;
};

// Leaky integrate-and-fire neurons over time (ops/spiking.cpp). Per neuron,
// with b = clamp(beta, 0, 1) and the reset r[t] = H(mem[t-1] - th) held
// constant (detached), as snnTorch:
//   Subtract: mem[t] = b mem[t-1] + x[t] - r[t] th
//   Zero:     mem[t] = b (1 - r[t]) mem[t-1] + x[t]
//   None:     mem[t] = b mem[t-1] + x[t]
//   spk[t] = H(mem[t] - th), with d spk / d mem = the surrogate's derivative
//   at mem[t] - th (slope: atan's alpha, the sigmoids' slope).
enum class LifReset : uint8_t { Subtract, Zero, None };
enum class LifSurrogate : uint8_t { ATan, FastSigmoid, Sigmoid, StraightThrough };
struct LifConfig {
  LifReset reset;
  LifSurrogate surrogate;
  double slope;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual void* allocate(size_t nbytes) = 0;
  virtual void deallocate(void* p, size_t nbytes) = 0;  // nbytes as given to allocate

  // out = op(x); x and out have the same shape and dtype (LogicalNot: out bool).
  virtual void unary(Unary op, const Tensor& x, Tensor& out, UnaryParams p) = 0;
  // out = op(a, b); a, b are expanded to out's shape and share one dtype;
  // out has that dtype, or bool for comparisons and logical ops.
  virtual void binary(Binary op, const Tensor& a, const Tensor& b, Tensor& out) = 0;
  // out = cond ? a : b; all expanded to out's shape; cond is bool.
  virtual void where(const Tensor& cond, const Tensor& a, const Tensor& b, Tensor& out) = 0;
  // Reduce x over the sorted, unique `dims`; out has x's rank with size 1 in
  // those dims. ArgMax/ArgMin reduce exactly one dim into int64.
  virtual void reduce(Reduce op, const Tensor& x, const std::vector<int64_t>& dims, Tensor& out) = 0;
  // dst (any strides, written in place) = src (same shape, cast to dst's dtype).
  // The one call whose tensors may live on two devices: a copy between the
  // CPU and another device goes to that device's backend (the only one that
  // reaches both memories); the CPU backend copies CPU to CPU.
  virtual void copy(const Tensor& src, Tensor& dst) = 0;
  virtual void fill(Tensor& t, Scalar value) = 0;  // t may be strided
  // t (contiguous) = start + i * step (exact in integer dtypes)
  virtual void iota(Tensor& t, Scalar start, Scalar step) = 0;
  // out[b] = a[b] @ b[b]: a [B,M,K], b [B,K,N] with any strides, out [B,M,N]
  // contiguous; float32 or float64. When `bias` is defined (shape [N]) it is
  // added to every row.
  virtual void matmul(const Tensor& a, const Tensor& b, const Tensor& bias, Tensor& out) = 0;
  // x contiguous [outer, n, inner]: softmax or log-softmax over n.
  virtual void softmax(const Tensor& x, int64_t dim, bool log, Tensor& out) = 0;
  // Index kernels. Indices are int64 with any strides; each kernel checks
  // them against the size of the dim they index and reports the first bad one
  // (outputs are then partly written: the op discards them).
  // out = x.gather(dim, index); index has out's shape, entries in [0, size).
  virtual IndexFault gather(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) = 0;
  // out (contiguous, holds x's values) gets out.scatter(dim, index, src), adding when accumulate;
  // entries of index in [0, size).
  virtual IndexFault scatter(Tensor& out, int64_t dim, const Tensor& index, const Tensor& src,
                             bool accumulate) = 0;
  // out[..., i, ...] = x[..., index[i], ...] along dim; index 1-d, entries in
  // [-size, size), negatives counting from the end.
  virtual IndexFault index_select(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) = 0;
  // The flat offsets of advanced indexing, one indexed dim at a time:
  // offsets (contiguous int64, written in place) += wrap(index) * stride,
  // index broadcast to offsets' shape (strides 0 allowed), entries in
  // [-size, size), negatives counting from the end.
  virtual IndexFault add_index_offsets(const Tensor& index, int64_t size, int64_t stride, Tensor& offsets) = 0;
  // Flat element access: out[i] = x.flat[idx[i]] and x.flat[idx[i]] (+)= v[i]
  // for contiguous x, idx int64 offsets made by add_index_offsets (so in
  // range), v contiguous.
  virtual void take(const Tensor& x, const Tensor& idx, Tensor& out) = 0;
  virtual void put(Tensor& x, const Tensor& idx, const Tensor& v, bool accumulate) = 0;
  // Indices [n, ndim] of the non-zero elements of x, in row-major order.
  virtual Tensor nonzero(const Tensor& x) = 0;

  virtual void uniform(Tensor& t, double low, double high, Generator& g) = 0;  // t contiguous
  virtual void normal(Tensor& t, double mean, double std, Generator& g) = 0;
  virtual void randint(Tensor& t, int64_t low, int64_t high, Generator& g) = 0;
  // t (contiguous int64 [n]) = a random permutation of 0..n-1: Fisher-Yates
  // from the end, swapping i with j = next_u64() % (i + 1) for i = n-1 .. 1
  // (the draw order is part of the contract: seeded runs must repeat).
  virtual void randperm(Tensor& t, Generator& g) = 0;
  // mask (same dtype as out) = bernoulli(1-p) / (1-p)
  virtual void dropout_mask(Tensor& mask, double p, Generator& g) = 0;
  // Draws from tensors of parameters (cpu/sampling.cpp): one value per
  // element, in row-major order from g, so a seed repeats. p and rates are
  // contiguous float32/64, out contiguous with their shape and dtype; the op
  // has checked the values (p in [0, 1]; rates finite and >= 0).
  virtual void bernoulli(const Tensor& p, Tensor& out, Generator& g) = 0;  // out = (u < p)
  virtual void poisson(const Tensor& rates, Tensor& out, Generator& g) = 0;
  // t (contiguous float) = -log(1 - u) / lambd, exponential with rate lambd > 0.
  virtual void exponential(Tensor& t, double lambd, Generator& g) = 0;

  // Convolution (all tensors contiguous, float32/64). y = conv(x, w) + bias,
  // then the epilogue; gx = the input gradient for gy (this is
  // conv_transpose2d's forward); gw = the weight gradient for gy.
  virtual void conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, Tensor& y, const ConvGeometry& g,
                      const Epilogue& e) = 0;
  virtual void conv2d_input_grad(const Tensor& gy, const Tensor& w, Tensor& gx, const ConvGeometry& g) = 0;
  virtual void conv2d_weight_grad(const Tensor& x, const Tensor& gy, Tensor& gw, const ConvGeometry& g) = 0;
  // Pooling (contiguous). indices hold the flat h * W + w of each maximum;
  // undefined when nothing will read them (inference): then only y is written.
  virtual void max_pool2d(const Tensor& x, Tensor& y, Tensor& indices, const PoolGeometry& g) = 0;
  virtual void max_pool2d_backward(const Tensor& gy, const Tensor& indices, Tensor& gx, const PoolGeometry& g) = 0;
  virtual void avg_pool2d(const Tensor& x, Tensor& y, const PoolGeometry& g) = 0;
  virtual void avg_pool2d_backward(const Tensor& gy, Tensor& gx, const PoolGeometry& g) = 0;

  // Normalization (see NormGeometry); x and gy contiguous [A, C, L], all of
  // x's dtype (float32/64); mean, var, rstd [C]; weight, bias [P * J], both
  // defined or both undefined. Statistics are accumulated in double, and
  // every sum is combined in a fixed order (the same result on every run).
  // norm_stats: mean and rstd = 1 / sqrt(var + eps) per channel, var the
  // biased variance (written only when var is defined).
  virtual void norm_stats(const Tensor& x, double eps, Tensor& mean, Tensor& var, Tensor& rstd,
                          const NormGeometry& g) = 0;
  // y [A, C, L] = relu?((x - mean[c]) * rstd[c] * weight + bias + residual?),
  // in one pass (e: see Epilogue).
  virtual void norm_forward(const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight,
                            const Tensor& bias, const Epilogue& e, Tensor& y, const NormGeometry& g) = 0;
  // The gradients of norm_forward for gy: gx [A, C, L], gweight and gbias
  // [P * J], each written only when defined. With batch_stats, mean and rstd
  // are the statistics of x and their gradient flows into gx (training);
  // otherwise they are constants (batch_norm in eval mode).
  virtual void norm_backward(const Tensor& gy, const Tensor& x, const Tensor& mean, const Tensor& rstd,
                             const Tensor& weight, bool batch_stats, Tensor& gx, Tensor& gweight, Tensor& gbias,
                             const NormGeometry& g) = 0;

  // Fused optimizer steps over contiguous tensors of one dtype (float32/64).
  virtual void sgd_step(Tensor& param, const Tensor& grad, Tensor& buf, double lr, double momentum,
                        double dampening, double weight_decay, bool nesterov, bool maximize, bool first_step) = 0;
  virtual void adam_step(Tensor& param, const Tensor& grad, Tensor& m, Tensor& v, Tensor& vmax, double lr,
                         double beta1, double beta2, double eps, double weight_decay, bool amsgrad,
                         bool decoupled, bool maximize, double bias_correction1, double bias_correction2) = 0;

  // ---- ordering, scans and sampling (cpu/sort.cpp, cpu/scan.cpp, cpu/multinomial.cpp) ----
  // The first k elements of each row of x along `dim` in sorted order
  // (ascending, or descending), with their positions: values [.., k, ..]
  // (x's dtype) and indices (int64), both contiguous, x's shape with k at
  // dim; x any strides, rank >= 1. NaN counts as larger than every number,
  // and equal elements keep their input order (stable), as torch's
  // sort(stable=True).
  virtual void sort(const Tensor& x, int64_t dim, int64_t k, bool descending, Tensor& values, Tensor& indices) = 0;
  // out (contiguous, x's shape, rank >= 1) = the running sum of x along dim;
  // out's dtype is x's (floats) or int64 (integers and bool). Floats are
  // accumulated in double.
  virtual void cumsum(const Tensor& x, int64_t dim, Tensor& out) = 0;
  // out [R, n] (int64, contiguous) = n draws of a category per row of probs
  // [R, C] (contiguous float32/64, weights that need not sum to one); without
  // replacement a category is drawn at most once per row. Rows are drawn in
  // order from g, so a seed repeats. Nothing is drawn when a row is invalid.
  virtual MultinomialFault multinomial(const Tensor& probs, int64_t n, bool replacement, Tensor& out,
                                       Generator& g) = 0;

  // One recurrent layer, one direction (see RecurrentGeometry); every tensor
  // contiguous, floats of one dtype. lengths: int64 [N] or undefined (all T);
  // row b runs the steps t < lengths[b] only, its outputs at other steps are
  // 0 and its final state is the one after its last valid step. y [T, N, P],
  // hn [N, P], cn [N, H] (LSTM). Reports a length outside [0, T] (then
  // nothing is computed).
  virtual IndexFault recurrent_forward(const RecurrentGeometry& g, const Tensor& x, const Tensor& h0,
                                       const Tensor& c0, const RecurrentWeights& w, const Tensor& lengths, Tensor& y,
                                       Tensor& hn, Tensor& cn, RecurrentSaved& saved) = 0;
  // Back through time for the gradients gy [T, N, P], ghn [N, P], gcn [N, H]
  // (LSTM), from what recurrent_forward saved (lengths already checked).
  virtual void recurrent_backward(const RecurrentGeometry& g, const Tensor& x, const RecurrentWeights& w,
                                  const Tensor& lengths, const RecurrentSaved& saved, const Tensor& gy,
                                  const Tensor& ghn, const Tensor& gcn, RecurrentGrads& grads) = 0;

  // Leaky integrate-and-fire (see LifConfig), n neurons over T steps, all
  // contiguous, one float dtype: x [T, n], mem0, beta (raw: clamped here),
  // threshold [n] -> spk, mem [T, n]. Neurons are independent, so results
  // do not depend on how they are split across threads.
  virtual void lif_forward(const Tensor& x, const Tensor& mem0, const Tensor& beta, const Tensor& threshold,
                           const LifConfig& cfg, Tensor& spk, Tensor& mem) = 0;
  // Back through time: g_spk, g_mem [T, n] (the outputs' gradients) and the
  // forward's trace mem [T, n] -> gx [T, n], g_mem0, g_beta, g_threshold [n].
  virtual void lif_backward(const Tensor& g_spk, const Tensor& g_mem, const Tensor& mem, const Tensor& mem0,
                            const Tensor& beta, const Tensor& threshold, const LifConfig& cfg, Tensor& gx,
                            Tensor& g_mem0, Tensor& g_beta, Tensor& g_threshold) = 0;

  // Embedding (weight contiguous [num, D], indices contiguous int64 [N]).
  // out [N, D] = weight[indices]; indices in [0, num) (negatives are bad).
  virtual IndexFault embedding(const Tensor& weight, const Tensor& indices, Tensor& out) = 0;
  // gw [num, D] (zeroed by the op) += grad [N, D] (contiguous) rows at
  // indices, skipping padding_idx (-1: none) and dividing each row by how
  // often its index occurs when scale_by_freq. Deterministic: the terms of a
  // row add in index order whatever the thread count.
  virtual IndexFault embedding_backward(const Tensor& grad, const Tensor& indices, int64_t padding_idx,
                                        bool scale_by_freq, Tensor& gw) = 0;
  // In place: each row of weight [num, D] that indices reference and whose
  // norm_type-norm exceeds max_norm is scaled by max_norm / (norm + 1e-7).
  virtual IndexFault embedding_renorm(Tensor& weight, const Tensor& indices, double max_norm, double norm_type) = 0;
};

Backend& cpu_backend();
// Throws a clear error, naming `op` when given, when CUDA is not built or not available.
Backend& cuda_backend(const char* op = nullptr);
// The CUDA device's backend: cuda_backend(op), or the host stand-in while it is on.
Backend& non_cpu_backend(const char* op);
inline Backend& backend_for(Device d, const char* op = nullptr) { return d.is_cpu() ? cpu_backend() : non_cpu_backend(op); }

// The host stand-in for the CUDA device (host_cuda.cpp), for tests without a
// GPU: while on, new "cuda" tensors live in host memory and every call to the
// CUDA device's backend checks that it was handed only tensors on that
// device, then runs the CPU backend's kernels. Tensors keep the allocator
// they came from, so turning it off with stand-in tensors alive is safe.
void set_host_cuda(bool on);
bool host_cuda();

// Whether the copy being made may return before it has read its source
// (Tensor::to(device, non_blocking=true)); set for one call by this guard.
class NonBlockingCopy {
 public:
  explicit NonBlockingCopy(bool on);
  ~NonBlockingCopy();
  static bool asked();

 private:
  bool saved_;
};

// Checks of values a device computes while the host runs ahead (an op's
// index fault, a loss's target range): each runs, in the order made, the next
// time the host waits for the device (a copy to the CPU, synchronize()), and
// throws the op's error there, as torch's asynchronous CUDA errors do. Past
// kMaxDeferredChecks pending, the next one waits and runs them all (bounded
// memory). check_when_ready runs `check` at once for a CPU tensor `on`.
constexpr size_t kMaxDeferredChecks = 256;
void defer_check(std::function<void()> check);
void check_when_ready(const Tensor& on, std::function<void()> check);
// Runs the pending checks (device backends call it after waiting for their device).
void run_deferred_checks();

// Run-time facts about the CPU backend.
const char* simd_level();  // "avx512", "avx2" or "generic"
int get_num_threads();
void set_num_threads(int n);

}  // namespace nnlite::backend
