// Methods of the CUDA backend whose kernels have not landed yet: each raises a
// clear NotImplemented error naming the op, instead of crashing. A family's
// .cu file takes its methods out of this list as it lands.
#include "backend/cuda/cuda_backend.h"

namespace nnlite::cuda_impl {

namespace {
[[noreturn]] void pending(const char* what) {
  NNLITE_FAIL(NotImplemented, what, ": the CUDA kernel is not implemented yet; move the tensors to 'cpu'");
}
}  // namespace

void CudaBackend::unary(backend::Unary op, const Tensor& x, Tensor& out, backend::UnaryParams p) { pending("unary"); }
void CudaBackend::binary(backend::Binary op, const Tensor& a, const Tensor& b, Tensor& out) { pending("binary"); }
void CudaBackend::where(const Tensor& cond, const Tensor& a, const Tensor& b, Tensor& out) { pending("where"); }
void CudaBackend::reduce(backend::Reduce op, const Tensor& x, const std::vector<int64_t>& dims, Tensor& out) { pending("reduce"); }
void CudaBackend::copy(const Tensor& src, Tensor& dst) { pending("copy"); }
void CudaBackend::fill(Tensor& t, Scalar value) { pending("fill"); }
void CudaBackend::iota(Tensor& t, Scalar start, Scalar step) { pending("iota"); }
void CudaBackend::matmul(const Tensor& a, const Tensor& b, const Tensor& bias, Tensor& out) { pending("matmul"); }
void CudaBackend::softmax(const Tensor& x, int64_t dim, bool log, Tensor& out) { pending("softmax"); }
backend::IndexFault CudaBackend::gather(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) { pending("gather"); }
backend::IndexFault CudaBackend::scatter(Tensor& out, int64_t dim, const Tensor& index, const Tensor& src, bool accumulate) { pending("scatter"); }
backend::IndexFault CudaBackend::index_select(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) { pending("index_select"); }
backend::IndexFault CudaBackend::add_index_offsets(const Tensor& index, int64_t size, int64_t stride, Tensor& offsets) { pending("add_index_offsets"); }
void CudaBackend::take(const Tensor& x, const Tensor& idx, Tensor& out) { pending("take"); }
void CudaBackend::put(Tensor& x, const Tensor& idx, const Tensor& v, bool accumulate) { pending("put"); }
Tensor CudaBackend::nonzero(const Tensor& x) { pending("nonzero"); }
void CudaBackend::uniform(Tensor& t, double low, double high, Generator& g) { pending("uniform"); }
void CudaBackend::normal(Tensor& t, double mean, double std, Generator& g) { pending("normal"); }
void CudaBackend::randint(Tensor& t, int64_t low, int64_t high, Generator& g) { pending("randint"); }
void CudaBackend::randperm(Tensor& t, Generator& g) { pending("randperm"); }
void CudaBackend::dropout_mask(Tensor& mask, double p, Generator& g) { pending("dropout_mask"); }
void CudaBackend::bernoulli(const Tensor& p, Tensor& out, Generator& g) { pending("bernoulli"); }
void CudaBackend::poisson(const Tensor& rates, Tensor& out, Generator& g) { pending("poisson"); }
void CudaBackend::exponential(Tensor& t, double lambd, Generator& g) { pending("exponential"); }
void CudaBackend::conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, Tensor& y, const backend::ConvGeometry& g) { pending("conv2d"); }
void CudaBackend::conv2d_input_grad(const Tensor& gy, const Tensor& w, Tensor& gx, const backend::ConvGeometry& g) { pending("conv2d_input_grad"); }
void CudaBackend::conv2d_weight_grad(const Tensor& x, const Tensor& gy, Tensor& gw, const backend::ConvGeometry& g) { pending("conv2d_weight_grad"); }
void CudaBackend::max_pool2d(const Tensor& x, Tensor& y, Tensor& indices, const backend::PoolGeometry& g) { pending("max_pool2d"); }
void CudaBackend::max_pool2d_backward(const Tensor& gy, const Tensor& indices, Tensor& gx, const backend::PoolGeometry& g) { pending("max_pool2d_backward"); }
void CudaBackend::avg_pool2d(const Tensor& x, Tensor& y, const backend::PoolGeometry& g) { pending("avg_pool2d"); }
void CudaBackend::avg_pool2d_backward(const Tensor& gy, Tensor& gx, const backend::PoolGeometry& g) { pending("avg_pool2d_backward"); }
void CudaBackend::norm_stats(const Tensor& x, double eps, Tensor& mean, Tensor& var, Tensor& rstd, const backend::NormGeometry& g) { pending("norm_stats"); }
void CudaBackend::norm_forward(const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight, const Tensor& bias, Tensor& y, const backend::NormGeometry& g) { pending("norm_forward"); }
void CudaBackend::norm_backward(const Tensor& gy, const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight, bool batch_stats, Tensor& gx, Tensor& gweight, Tensor& gbias, const backend::NormGeometry& g) { pending("norm_backward"); }
void CudaBackend::sgd_step(Tensor& param, const Tensor& grad, Tensor& buf, double lr, double momentum, double dampening, double weight_decay, bool nesterov, bool maximize, bool first_step) { pending("sgd_step"); }
void CudaBackend::adam_step(Tensor& param, const Tensor& grad, Tensor& m, Tensor& v, Tensor& vmax, double lr, double beta1, double beta2, double eps, double weight_decay, bool amsgrad, bool decoupled, bool maximize, double bias_correction1, double bias_correction2) { pending("adam_step"); }
void CudaBackend::sort(const Tensor& x, int64_t dim, int64_t k, bool descending, Tensor& values, Tensor& indices) { pending("sort"); }
void CudaBackend::cumsum(const Tensor& x, int64_t dim, Tensor& out) { pending("cumsum"); }
backend::MultinomialFault CudaBackend::multinomial(const Tensor& probs, int64_t n, bool replacement, Tensor& out, Generator& g) { pending("multinomial"); }
backend::IndexFault CudaBackend::recurrent_forward(const backend::RecurrentGeometry& g, const Tensor& x, const Tensor& h0, const Tensor& c0, const backend::RecurrentWeights& w, const Tensor& lengths, Tensor& y, Tensor& hn, Tensor& cn, backend::RecurrentSaved& saved) { pending("recurrent_forward"); }
void CudaBackend::recurrent_backward(const backend::RecurrentGeometry& g, const Tensor& x, const backend::RecurrentWeights& w, const Tensor& lengths, const backend::RecurrentSaved& saved, const Tensor& gy, const Tensor& ghn, const Tensor& gcn, backend::RecurrentGrads& grads) { pending("recurrent_backward"); }
backend::IndexFault CudaBackend::embedding(const Tensor& weight, const Tensor& indices, Tensor& out) { pending("embedding"); }
backend::IndexFault CudaBackend::embedding_backward(const Tensor& grad, const Tensor& indices, int64_t padding_idx, bool scale_by_freq, Tensor& gw) { pending("embedding_backward"); }
backend::IndexFault CudaBackend::embedding_renorm(Tensor& weight, const Tensor& indices, double max_norm, double norm_type) { pending("embedding_renorm"); }

}  // namespace nnlite::cuda_impl
