// Every op of nnlite. Each one checks its arguments (throwing nnlite::Error
// with the op's name, the shapes and what was expected), runs the kernel of
// the tensors' device and records its backward for autograd.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <initializer_list>
#include <map>
#include <optional>
#include <type_traits>
#include <tuple>
#include <utility>
#include <vector>

#include "nnlite/random.h"
#include "nnlite/tensor.h"

namespace nnlite {

using Dims = std::vector<int64_t>;  // empty means "all dimensions" for reductions
enum class Reduction { None, Mean, Sum };
Reduction reduction_from_name(const std::string& name);  // "none" | "mean" | "sum"

// ---- creation -------------------------------------------------------------
// Each takes TensorOptions (dtype, device, requires_grad; see options.h) and
// runs on the device's backend. Unset, the dtype is float32, except: arange
// and full infer it from their numbers (int64 for integers, bool for bools),
// randint and randperm give int64, and the *_like ops take dtype and device
// from their input. The overloads with a (dtype, device) pair are the older
// spelling and behave the same.
Tensor zeros(const Shape& shape, const TensorOptions& options = {});
Tensor ones(const Shape& shape, const TensorOptions& options = {});
Tensor full(const Shape& shape, Scalar value, const TensorOptions& options = {});
Tensor arange(Scalar end, const TensorOptions& options = {});
Tensor arange(Scalar start, Scalar end, const TensorOptions& options = {});
Tensor arange(Scalar start, Scalar end, Scalar step, const TensorOptions& options = {});
Tensor linspace(double start, double end, int64_t steps, const TensorOptions& options = {});
Tensor eye(int64_t n, const TensorOptions& options = {});
Tensor eye(int64_t n, int64_t m, const TensorOptions& options = {});
Tensor rand(const Shape& shape, const TensorOptions& options = {});
Tensor rand(const Shape& shape, Generator* gen, const TensorOptions& options = {});
Tensor randn(const Shape& shape, const TensorOptions& options = {});
Tensor randn(const Shape& shape, Generator* gen, const TensorOptions& options = {});
Tensor randint(int64_t high, const Shape& shape, const TensorOptions& options = {});
Tensor randint(int64_t low, int64_t high, const Shape& shape, const TensorOptions& options = {});
Tensor randint(int64_t low, int64_t high, const Shape& shape, Generator* gen, const TensorOptions& options = {});
Tensor randperm(int64_t n, const TensorOptions& options = {});
Tensor randperm(int64_t n, Generator* gen, const TensorOptions& options);
Tensor randperm(int64_t n, Generator* gen);  // int64 on the CPU
Tensor zeros_like(const Tensor& x, const TensorOptions& options = {});
Tensor ones_like(const Tensor& x, const TensorOptions& options = {});
Tensor full_like(const Tensor& x, Scalar value, const TensorOptions& options = {});
Tensor empty_like(const Tensor& x, const TensorOptions& options = {});
Tensor rand_like(const Tensor& x, const TensorOptions& options = {});
Tensor randn_like(const Tensor& x, const TensorOptions& options = {});
// A 1-d tensor of the given values: tensor({1, 2, 3}) is int64, tensor({0.5, 1.5})
// float32, tensor({true, false}) bool, unless the options give a dtype.
// Integers are copied exactly.
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Tensor tensor(const std::vector<T>& values, const TensorOptions& options = {});
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Tensor tensor(std::initializer_list<T> values, const TensorOptions& options = {}) {
  return tensor(std::vector<T>(values), options);
}
// The older spellings.
Tensor zeros(const Shape& shape, DType dtype, Device device = Device());
Tensor ones(const Shape& shape, DType dtype, Device device = Device());
Tensor full(const Shape& shape, Scalar value, DType dtype, Device device = Device());
Tensor arange(Scalar start, Scalar end, Scalar step, DType dtype, Device device = Device());
Tensor linspace(double start, double end, int64_t steps, DType dtype, Device device = Device());
Tensor eye(int64_t n, int64_t m, DType dtype, Device device = Device());
Tensor eye(int64_t n, std::optional<int64_t> m, DType dtype, Device device = Device());
Tensor rand(const Shape& shape, DType dtype, Generator* gen = nullptr);
Tensor randn(const Shape& shape, DType dtype, Generator* gen = nullptr);
Tensor randint(int64_t low, int64_t high, const Shape& shape, DType dtype, Generator* gen = nullptr);

namespace detail {
// The body of tensor(values): `data` holds n values of `source` (bool, int64 or float64).
Tensor tensor_from_values(const void* data, int64_t n, DType source, const TensorOptions& options);
}  // namespace detail

template <typename T, typename>
Tensor tensor(const std::vector<T>& values, const TensorOptions& options) {
  const auto n = static_cast<int64_t>(values.size());
  if constexpr (std::is_same_v<T, bool>) {
    std::vector<uint8_t> v(values.begin(), values.end());
    return detail::tensor_from_values(v.data(), n, DType::Bool, options);
  } else if constexpr (std::is_integral_v<T>) {
    std::vector<int64_t> v(values.begin(), values.end());
    return detail::tensor_from_values(v.data(), n, DType::Int64, options);
  } else {
    std::vector<double> v(values.begin(), values.end());
    return detail::tensor_from_values(v.data(), n, DType::Float64, options);
  }
}

// ---- elementwise, unary ---------------------------------------------------
Tensor neg(const Tensor& x);
Tensor abs(const Tensor& x);
Tensor sign(const Tensor& x);  // no gradient (zero)
Tensor exp(const Tensor& x);
Tensor log(const Tensor& x);
Tensor sqrt(const Tensor& x);
Tensor rsqrt(const Tensor& x);
Tensor sin(const Tensor& x);
Tensor cos(const Tensor& x);
Tensor erf(const Tensor& x);
Tensor tanh(const Tensor& x);
Tensor sigmoid(const Tensor& x);
Tensor relu(const Tensor& x);
Tensor leaky_relu(const Tensor& x, double negative_slope = 0.01);
Tensor gelu(const Tensor& x, bool tanh_approximation = false);
Tensor elu(const Tensor& x, double alpha = 1.0);
Tensor softplus(const Tensor& x, double beta = 1.0, double threshold = 20.0);
Tensor clamp(const Tensor& x, std::optional<Scalar> min, std::optional<Scalar> max);
Tensor logical_not(const Tensor& x);
Tensor log1p(const Tensor& x);  // log(1 + x), exact for small x
Tensor expm1(const Tensor& x);  // exp(x) - 1, exact for small x
Tensor log2(const Tensor& x);
Tensor log10(const Tensor& x);

// ---- rounding and remainders (rounding.cpp); the rounding ops have zero gradient ----
Tensor floor(const Tensor& x);  // integer tensors come back unchanged (a copy), as in torch
Tensor ceil(const Tensor& x);
Tensor round(const Tensor& x, int64_t decimals = 0);  // half to even
Tensor trunc(const Tensor& x);
Tensor frac(const Tensor& x);   // x - trunc(x)
Tensor fmod(const Tensor& a, const Tensor& b);       // sign of a (C fmod)
Tensor remainder(const Tensor& a, const Tensor& b);  // sign of b (Python %)

// ---- non-finite values and interpolation (numeric.cpp): compositions of the ops above ----
Tensor isnan(const Tensor& x);     // bool
Tensor isinf(const Tensor& x);
Tensor isfinite(const Tensor& x);
// NaN -> nan, +inf -> posinf (default: the dtype's largest value), -inf -> neginf (its lowest)
Tensor nan_to_num(const Tensor& x, double nan = 0.0, std::optional<double> posinf = std::nullopt,
                  std::optional<double> neginf = std::nullopt);
Tensor lerp(const Tensor& start, const Tensor& end, const Tensor& weight);  // start + weight * (end - start)

// ---- elementwise, binary (NumPy broadcasting, type promotion) -------------
Tensor add(const Tensor& a, const Tensor& b);
Tensor sub(const Tensor& a, const Tensor& b);
Tensor mul(const Tensor& a, const Tensor& b);
Tensor div(const Tensor& a, const Tensor& b);  // true division: ints give float32
Tensor pow(const Tensor& a, const Tensor& b);
Tensor maximum(const Tensor& a, const Tensor& b);
Tensor minimum(const Tensor& a, const Tensor& b);
Tensor eq(const Tensor& a, const Tensor& b);  // comparisons give bool, no gradient
Tensor ne(const Tensor& a, const Tensor& b);
Tensor lt(const Tensor& a, const Tensor& b);
Tensor le(const Tensor& a, const Tensor& b);
Tensor gt(const Tensor& a, const Tensor& b);
Tensor ge(const Tensor& a, const Tensor& b);
Tensor logical_and(const Tensor& a, const Tensor& b);
Tensor logical_or(const Tensor& a, const Tensor& b);
Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b);

Tensor operator+(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a);
Tensor operator+(const Tensor& a, double b);
Tensor operator-(const Tensor& a, double b);
Tensor operator*(const Tensor& a, double b);
Tensor operator/(const Tensor& a, double b);
Tensor operator*(double a, const Tensor& b);
Tensor operator+(double a, const Tensor& b);
Tensor operator-(double a, const Tensor& b);
Tensor operator/(double a, const Tensor& b);

// ---- reductions -----------------------------------------------------------
Tensor sum(const Tensor& x, const Dims& dims = {}, bool keepdim = false);
Tensor mean(const Tensor& x, const Dims& dims = {}, bool keepdim = false);
Tensor var(const Tensor& x, const Dims& dims = {}, double correction = 1, bool keepdim = false);
Tensor std(const Tensor& x, const Dims& dims = {}, double correction = 1, bool keepdim = false);
Tensor prod(const Tensor& x, const Dims& dims = {}, bool keepdim = false);
Tensor amax(const Tensor& x, const Dims& dims = {}, bool keepdim = false);
Tensor amin(const Tensor& x, const Dims& dims = {}, bool keepdim = false);
Tensor logsumexp(const Tensor& x, const Dims& dims, bool keepdim = false);
std::pair<Tensor, Tensor> max(const Tensor& x, int64_t dim, bool keepdim = false);  // values, indices
std::pair<Tensor, Tensor> min(const Tensor& x, int64_t dim, bool keepdim = false);
Tensor argmax(const Tensor& x, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
Tensor argmin(const Tensor& x, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
// Sum `x` down to `shape` (the reverse of broadcasting); used by backward passes.
Tensor sum_to(const Tensor& x, const Shape& shape);

// ---- linear algebra and layers --------------------------------------------
Tensor matmul(const Tensor& a, const Tensor& b);  // torch.matmul semantics
Tensor linear(const Tensor& x, const Tensor& weight, const Tensor& bias = Tensor());  // x @ w^T + b
Tensor softmax(const Tensor& x, int64_t dim);
Tensor log_softmax(const Tensor& x, int64_t dim);
Tensor dropout(const Tensor& x, double p, bool training, Generator* gen = nullptr);

// ---- convolution, pooling, normalization (NCHW) ---------------------------
using Pair = std::array<int64_t, 2>;  // (height, width)
// x [N, C, H, W], weight [K, C/groups, kh, kw], bias [K] -> [N, K, Ho, Wo]
Tensor conv2d(const Tensor& x, const Tensor& weight, const Tensor& bias = Tensor(), Pair stride = {1, 1},
              Pair padding = {0, 0}, Pair dilation = {1, 1}, int64_t groups = 1);
// conv2d with stride 1 and padding='same': [N, C, H, W] -> [N, K, H, W]. The
// dilated kernel needs dilation * (k - 1) zeros per dim; when that is odd the
// extra one goes to the bottom/right, as in torch.
Tensor conv2d_same(const Tensor& x, const Tensor& weight, const Tensor& bias = Tensor(), Pair dilation = {1, 1},
                   int64_t groups = 1);
// Conv2d's padding rule, the one place it is written: the zeros (left, right,
// top, bottom), pad()'s order, that padding "same" (stride 1 only), "valid" or
// an explicit pair ("" for `explicit_padding`) puts around the input.
std::array<int64_t, 4> conv2d_padding(const std::string& padding, Pair kernel, Pair dilation, Pair stride = {1, 1},
                                      Pair explicit_padding = {0, 0});
// conv2d with padding "same" or "valid" (a const char*, so that a braced pair
// still picks the overload above).
Tensor conv2d(const Tensor& x, const Tensor& weight, const Tensor& bias, Pair stride, const char* padding,
              Pair dilation = {1, 1}, int64_t groups = 1);
// Conv2d's forward: padding "same", "valid" or "" (then `explicit_padding`),
// and padding_mode "zeros", "reflect", "replicate" or "circular" (pad() first).
Tensor conv2d_module(const Tensor& x, const Tensor& weight, const Tensor& bias, Pair stride, const std::string& padding,
                     Pair explicit_padding, Pair dilation, int64_t groups, const std::string& padding_mode);
// x [N, C, H, W], weight [C, K/groups, kh, kw], bias [K] -> [N, K, Ho, Wo]
Tensor conv_transpose2d(const Tensor& x, const Tensor& weight, const Tensor& bias = Tensor(), Pair stride = {1, 1},
                        Pair padding = {0, 0}, Pair output_padding = {0, 0}, int64_t groups = 1,
                        Pair dilation = {1, 1});
// ConvTranspose2d's forward(input, output_size): the output_padding that makes
// conv_transpose2d of an input of `input_shape` give `output_size` (its last two
// entries when it also holds the batch and channel dims), with a clear error
// naming the valid range otherwise.
Pair conv_transpose2d_output_padding(const Shape& input_shape, const std::vector<int64_t>& output_size, Pair kernel,
                                     Pair stride, Pair padding, Pair dilation);
// Values and the flat (h * W + w) index of each maximum within its plane.
std::pair<Tensor, Tensor> max_pool2d_with_indices(const Tensor& x, Pair kernel, Pair stride, Pair padding = {0, 0},
                                                  Pair dilation = {1, 1}, bool ceil_mode = false);
Tensor max_pool2d(const Tensor& x, Pair kernel, Pair stride, Pair padding = {0, 0}, Pair dilation = {1, 1},
                  bool ceil_mode = false);
Tensor avg_pool2d(const Tensor& x, Pair kernel, Pair stride, Pair padding = {0, 0}, bool ceil_mode = false,
                  bool count_include_pad = true);
Tensor adaptive_avg_pool2d(const Tensor& x, Pair output_size);
// Updates running_mean/running_var in place when training and they are defined.
Tensor batch_norm(const Tensor& x, Tensor running_mean, Tensor running_var, const Tensor& weight,
                  const Tensor& bias, bool training, double momentum, double eps);
// BatchNorm1d/2d's forward (both nn APIs call it): counts the batch in
// num_batches_tracked, picks batch or running statistics and the update factor
// (momentum, or a cumulative average when nullopt) as torch's module does.
// `module` ("BatchNorm1d" / "BatchNorm2d", or "" for no check) fixes the input rank.
Tensor batch_norm_module(const Tensor& x, Tensor running_mean, Tensor running_var, Tensor num_batches_tracked,
                         const Tensor& weight, const Tensor& bias, bool training, bool track_running_stats,
                         std::optional<double> momentum, double eps, const std::string& module = "");
Tensor layer_norm(const Tensor& x, const Shape& normalized_shape, const Tensor& weight = Tensor(),
                  const Tensor& bias = Tensor(), double eps = 1e-5);
Tensor group_norm(const Tensor& x, int64_t num_groups, const Tensor& weight = Tensor(), const Tensor& bias = Tensor(),
                  double eps = 1e-5);
Tensor dropout2d(const Tensor& x, double p, bool training, Generator* gen = nullptr);
Tensor upsample_nearest2d(const Tensor& x, Pair output_size);
// The same, with source rows found through 1 / scale_factor rather than in/out
// (what torch's interpolate(scale_factor=...) does for non-integer scales).
Tensor upsample_nearest2d_scaled(const Tensor& x, Pair output_size, std::array<double, 2> scale_factors);
// pads: (left, right, top, bottom, ...) from the last dim backwards, like torch.nn.functional.pad;
// mode "constant" | "reflect" | "replicate".
Tensor pad(const Tensor& x, const std::vector<int64_t>& pads, const std::string& mode = "constant",
           double value = 0);

// ---- losses ---------------------------------------------------------------
Tensor mse_loss(const Tensor& input, const Tensor& target, Reduction r = Reduction::Mean);
Tensor l1_loss(const Tensor& input, const Tensor& target, Reduction r = Reduction::Mean);
Tensor binary_cross_entropy(const Tensor& input, const Tensor& target, const Tensor& weight = Tensor(),
                            Reduction r = Reduction::Mean);
Tensor binary_cross_entropy_with_logits(const Tensor& input, const Tensor& target, const Tensor& weight = Tensor(),
                                        const Tensor& pos_weight = Tensor(), Reduction r = Reduction::Mean);
Tensor nll_loss(const Tensor& log_probs, const Tensor& target, const Tensor& weight = Tensor(),
                int64_t ignore_index = -100, Reduction r = Reduction::Mean);
// target holds class indices (int64, shape [N] or [N, d1..]) or class
// probabilities (float, same shape as input).
Tensor cross_entropy(const Tensor& input, const Tensor& target, const Tensor& weight = Tensor(),
                     int64_t ignore_index = -100, Reduction r = Reduction::Mean, double label_smoothing = 0.0);

// ---- joining and splitting ------------------------------------------------
Tensor cat(const TensorList& xs, int64_t dim = 0);
Tensor stack(const TensorList& xs, int64_t dim = 0);
TensorList split(const Tensor& x, int64_t split_size, int64_t dim = 0);
TensorList split(const Tensor& x, const std::vector<int64_t>& sizes, int64_t dim = 0);
TensorList chunk(const Tensor& x, int64_t chunks, int64_t dim = 0);

// ---- indexing -------------------------------------------------------------
Tensor gather(const Tensor& x, int64_t dim, const Tensor& index);
Tensor scatter(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src);
Tensor scatter_add(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src);
Tensor index_select(const Tensor& x, int64_t dim, const Tensor& index);
// Advanced indexing x[i0, i1, ...]: one entry per leading dim, undefined for ":".
// Bool entries are masks. Follows NumPy's placement of the broadcast index dims.
Tensor index(const Tensor& x, const TensorList& indices);
Tensor index_put(const Tensor& x, const TensorList& indices, const Tensor& values, bool accumulate = false);
Tensor masked_fill(const Tensor& x, const Tensor& mask, Scalar value);
Tensor nonzero(const Tensor& x);  // [n, ndim] int64

// ---- copies and in-place --------------------------------------------------
// In-place ops bump the storage version. Under grad mode they refuse leaves
// that require grad and views of tensors that require grad.
Tensor& copy_(Tensor& dst, const Tensor& src);  // broadcasts and casts src
Tensor& fill_(Tensor& t, Scalar value);
Tensor& zero_(Tensor& t);
Tensor& uniform_(Tensor& t, double low, double high, Generator* gen = nullptr);
Tensor& normal_(Tensor& t, double mean, double std, Generator* gen = nullptr);
Tensor& add_(Tensor& t, const Tensor& o);
Tensor& sub_(Tensor& t, const Tensor& o);
Tensor& mul_(Tensor& t, const Tensor& o);
Tensor& div_(Tensor& t, const Tensor& o);

// ---- fused optimizer steps (no autograd; update tensors in place) --------
void sgd_step(TensorList params, const TensorList& grads, TensorList momentum_buffers, double lr,
              double momentum, double dampening, double weight_decay, bool nesterov, bool maximize,
              bool first_step);
void adam_step(TensorList params, const TensorList& grads, TensorList exp_avgs, TensorList exp_avg_sqs,
               TensorList max_exp_avg_sqs, int64_t step, double lr, double beta1, double beta2, double eps,
               double weight_decay, bool amsgrad, bool decoupled_weight_decay, bool maximize);

// One optimizer step over a parameter group, as torch.optim does it per group.
// The lists run parallel to params; parameters without a grad are skipped.
// SGD: an undefined momentum buffer starts from the gradient (made here when
// momentum != 0). Adam: steps[i] counts parameter i's updates; undefined
// moments are made here (max_exp_avg_sqs only with amsgrad); parameters are
// updated in one fused call per distinct step count.
void sgd_group_step(const TensorList& params, TensorList& momentum_buffers, double lr, double momentum,
                    double dampening, double weight_decay, bool nesterov, bool maximize);
void adam_group_step(const TensorList& params, std::vector<int64_t>& steps, TensorList& exp_avgs,
                     TensorList& exp_avg_sqs, TensorList& max_exp_avg_sqs, double lr, double beta1, double beta2,
                     double eps, double weight_decay, bool amsgrad, bool decoupled_weight_decay, bool maximize);

// Optimizers whose update is a short composition of ops (optim_rules.cpp):
// "Adagrad", "RMSprop", "Adadelta", "NAdam", "RAdam", with torch's rules.
// A parameter's state holds torch's keys: numbers ("step", "mu_product") and
// tensors ("sum", "square_avg", "exp_avg", ...); missing entries start as
// torch starts them. Hyperparameters by torch's names (betas as "beta1",
// "beta2"; flags as 0/1); every name the optimizer reads must be present.
struct OptimizerParamState {
  std::map<std::string, double> numbers;
  std::map<std::string, Tensor> tensors;
};
using OptimizerHyper = std::map<std::string, double>;
std::vector<std::string> rule_optimizer_names();
// ValueError naming the optimizer for a missing or out-of-range hyperparameter.
void check_rule_optimizer_options(const std::string& optimizer, const OptimizerHyper& hyper);
// One step over a parameter group; parameters without a grad are skipped.
void rule_optimizer_group_step(const std::string& optimizer, const TensorList& params,
                               std::vector<OptimizerParamState>& states, const OptimizerHyper& hyper);

// ---- sorting, positions, categories (ops for sequence models) -------------
// sort.cpp: values and int64 indices along dim. NaN sorts as the largest
// value; equal values keep their input order (every sort is stable, so
// `stable` is accepted for torch's signature). topk's `sorted` = false may
// still return sorted values.
std::pair<Tensor, Tensor> sort(const Tensor& x, int64_t dim = -1, bool descending = false, bool stable = false);
Tensor argsort(const Tensor& x, int64_t dim = -1, bool descending = false, bool stable = false);
std::pair<Tensor, Tensor> topk(const Tensor& x, int64_t k, int64_t dim = -1, bool largest = true, bool sorted = true);
// positional.cpp: the lower / upper triangle of the last two dims (diagonal
// k: 0 the main one, > 0 above it), the rest zero; roll (no dims: over the
// flattened tensor), flip, and the running sum along dim (integers and bool
// give int64, or `dtype` when given).
Tensor tril(const Tensor& x, int64_t diagonal = 0);
Tensor triu(const Tensor& x, int64_t diagonal = 0);
Tensor roll(const Tensor& x, const std::vector<int64_t>& shifts, const std::vector<int64_t>& dims = {});
Tensor flip(const Tensor& x, const std::vector<int64_t>& dims);
Tensor cumsum(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt);
// select.cpp: the elements of x where mask (bool, both broadcast) is true, as a 1-d tensor.
Tensor masked_select(const Tensor& x, const Tensor& mask);
// categorical.cpp: one_hot of int64 class indices ([...] -> [..., num_classes],
// int64; -1: max + 1); `n` category draws per row of probs ([C] -> [n],
// [R, C] -> [R, n]) with the weights in probs.
Tensor one_hot(const Tensor& indices, int64_t num_classes = -1);
Tensor multinomial(const Tensor& probs, int64_t n, bool replacement = false, Generator* gen = nullptr);
// sampling.cpp: draws with tensor parameters, from gen or the default
// generator. bernoulli: 0/1 in probs' dtype (probs in [0, 1]), or input's
// shape and dtype with one p; normal: mean and std broadcast (std >= 0);
// poisson: counts in rates' dtype (rates finite, >= 0). As in torch, a
// parameter that requires grad gets a zero gradient (samples are not
// reparameterised). randint_like: x's shape, dtype and device unless given.
Tensor bernoulli(const Tensor& probs, Generator* gen = nullptr);
Tensor bernoulli(const Tensor& input, double p, Generator* gen = nullptr);
Tensor normal(const Tensor& mean, const Tensor& std, Generator* gen = nullptr);
Tensor normal(const Tensor& mean, double std, Generator* gen = nullptr);
Tensor normal(double mean, const Tensor& std, Generator* gen = nullptr);
Tensor normal(double mean, double std, const Shape& size, Generator* gen = nullptr, const TensorOptions& options = {});
Tensor poisson(const Tensor& rates, Generator* gen = nullptr);
Tensor randint_like(const Tensor& x, int64_t high, const TensorOptions& options = {});
Tensor randint_like(const Tensor& x, int64_t low, int64_t high, const TensorOptions& options = {});
Tensor randint_like(const Tensor& x, int64_t low, int64_t high, Generator* gen, const TensorOptions& options = {});
// In place (any strides): 0/1 with probability p (a float, or a tensor
// broadcast to t), and exponential with rate lambd > 0.
Tensor& bernoulli_(Tensor& t, double p = 0.5, Generator* gen = nullptr);
Tensor& bernoulli_(Tensor& t, const Tensor& p, Generator* gen = nullptr);
Tensor& exponential_(Tensor& t, double lambd = 1.0, Generator* gen = nullptr);
// clip.cpp: gradient clipping (torch.nn.utils), in place on the .grad of the
// parameters that have one. clip_grad_norm_ scales them by
// min(1, max_norm / (total_norm + 1e-6)) and returns the total norm (0-d;
// norm_type inf for the largest magnitude); error_if_nonfinite raises when it
// is NaN or infinite. clip_grad_value_ clamps them to [-clip_value, clip_value].
Tensor clip_grad_norm_(const TensorList& params, double max_norm, double norm_type = 2.0,
                       bool error_if_nonfinite = false);
void clip_grad_value_(const TensorList& params, double clip_value);

// ---- embedding -------------------------------------------------------------
// weight [num_embeddings, D], indices int64/int32 of any shape -> [*indices.shape, D].
// padding_idx in [0, num) or -1 for none (callers wrap negative values); its
// row gets no gradient. scale_grad_by_freq divides each row's gradient by how
// often its index occurs. sparse=true raises NotImplemented (no sparse tensors).
Tensor embedding(const Tensor& weight, const Tensor& indices, int64_t padding_idx = -1,
                 bool scale_grad_by_freq = false, bool sparse = false);
// The weight gradient: rows of grad [*indices.shape, D] added into [num_weights, D].
Tensor embedding_backward(const Tensor& grad, const Tensor& indices, int64_t num_weights, int64_t padding_idx = -1,
                          bool scale_grad_by_freq = false);
// In place, no autograd: rows of weight that indices reference whose norm_type
// norm exceeds max_norm are scaled to max_norm (torch.embedding_renorm_).
Tensor& embedding_renorm_(Tensor& weight, const Tensor& indices, double max_norm, double norm_type = 2.0);

// ---- attention -------------------------------------------------------------
// attention.cpp: softmax(query key^T * scale + mask) value, as
// torch.nn.functional.scaled_dot_product_attention. query [..., L, E], key
// [..., S, E], value [..., S, Ev] -> [..., L, Ev], batch dims broadcast.
// attn_mask (may be undefined) broadcasts to [..., L, S]: bool (true = attend)
// or of query's dtype (added to the scores). is_causal: row i attends to
// columns 0..i (not with attn_mask). scale defaults to 1/sqrt(E). dropout_p
// drops attention weights with `gen` (the default generator when null).
// enable_gqa: query heads (dim -3) a multiple of key's and value's heads.
Tensor scaled_dot_product_attention(const Tensor& query, const Tensor& key, const Tensor& value,
                                    const Tensor& attn_mask = Tensor(), double dropout_p = 0.0,
                                    bool is_causal = false, std::optional<double> scale = std::nullopt,
                                    bool enable_gqa = false, Generator* gen = nullptr);

// ---- recurrent cells (recurrent_cells.cpp) --------------------------------
// One step with torch's layout: input [N, I] or [I], hx/cx [N, H] or [H],
// w_ih [G*H, I], w_hh [G*H, H], biases [G*H] or undefined; G = 1 (rnn),
// 4 (lstm: gates i, f, g, o), 3 (gru: r, z, n with
// n = tanh(W_in x + b_in + r * (W_hn h + b_hn))). lstm_cell returns (h', c').
Tensor rnn_tanh_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                     const Tensor& b_ih = Tensor(), const Tensor& b_hh = Tensor());
Tensor rnn_relu_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                     const Tensor& b_ih = Tensor(), const Tensor& b_hh = Tensor());
std::pair<Tensor, Tensor> lstm_cell(const Tensor& input, const Tensor& hx, const Tensor& cx, const Tensor& w_ih,
                                    const Tensor& w_hh, const Tensor& b_ih = Tensor(), const Tensor& b_hh = Tensor());
Tensor gru_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                const Tensor& b_ih = Tensor(), const Tensor& b_hh = Tensor());

// ---- recurrent layers (recurrent_layers.cpp) -------------------------------
// One layer in one direction over a whole sequence: input [T, N, I]
// (time-major), hx [N, P], cx [N, H] (LSTM), weights as the cells' (w_hh
// [G*H, P]), w_hr [P, H] or undefined (LSTM's proj_size; P = H without it),
// reverse: walk time backwards; lengths: int64 [N] or undefined, row b runs
// only the steps t < lengths[b] (outputs 0 beyond, final state from its last
// valid step; PyTorch's packed semantics). Returns y [T, N, P], h_n [N, P]
// (and c_n [N, H]). Differentiable once (no double backward).
std::pair<Tensor, Tensor> rnn_tanh_layer(const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                                         const Tensor& w_hh, const Tensor& b_ih = Tensor(),
                                         const Tensor& b_hh = Tensor(), bool reverse = false,
                                         const Tensor& lengths = Tensor());
std::pair<Tensor, Tensor> rnn_relu_layer(const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                                         const Tensor& w_hh, const Tensor& b_ih = Tensor(),
                                         const Tensor& b_hh = Tensor(), bool reverse = false,
                                         const Tensor& lengths = Tensor());
std::pair<Tensor, Tensor> gru_layer(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                                    const Tensor& b_ih = Tensor(), const Tensor& b_hh = Tensor(),
                                    bool reverse = false, const Tensor& lengths = Tensor());
std::tuple<Tensor, Tensor, Tensor> lstm_layer(const Tensor& input, const Tensor& hx, const Tensor& cx,
                                              const Tensor& w_ih, const Tensor& w_hh, const Tensor& b_ih = Tensor(),
                                              const Tensor& b_hh = Tensor(), const Tensor& w_hr = Tensor(),
                                              bool reverse = false, const Tensor& lengths = Tensor());

// ---- spiking (spiking.cpp) -------------------------------------------------
// A layer of leaky integrate-and-fire neurons over a whole sequence, as
// nnlite.snn.Leaky step by step: input [T, *S], mem [*S] (the state before
// step 0), beta and threshold broadcastable to [*S] -> (spikes [T, *S],
// membrane trace [T, *S]). reset_mechanism "subtract" | "zero" | "none";
// surrogate "atan" | "fast_sigmoid" | "sigmoid" | "straight_through_estimator"
// with its slope (atan's alpha). CPU only; first-order gradients.
std::pair<Tensor, Tensor> leaky_sequence(const Tensor& input, const Tensor& mem, const Tensor& beta,
                                         const Tensor& threshold, const std::string& reset_mechanism = "subtract",
                                         const std::string& surrogate = "atan", double slope = 2.0);

// ---- restricted Boltzmann machine training step (no autograd; in place) ----
// CD-k updates of weight [H, V], visible_bias [V], hidden_bias [H] with
// learning rate lr, one per batch of batch_size consecutive rows of v [N, V]
// (0: one batch of all N): lr * (<h v>_data - <h v>_model), h at its
// conditional mean. chain [C, H] holds the persistent chain's hidden samples
// (PCD), or is undefined (CD-k: each batch's chain starts at its data's
// hidden sample). Returns the chain's next hidden samples [C, H] (CD-k: those
// of the last batch).
Tensor rbm_cd_step(Tensor& weight, Tensor& visible_bias, Tensor& hidden_bias, const Tensor& v, const Tensor& chain,
                   double lr, int64_t k = 1, int64_t batch_size = 0, Generator* gen = nullptr);

// ---- the op list ----------------------------------------------------------
// Names of every differentiable op; tests check that each has a forward and
// backward test against PyTorch.
const std::vector<std::string>& op_names();

}  // namespace nnlite
