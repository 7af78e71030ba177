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

void CudaBackend::max_pool2d(const Tensor& x, Tensor& y, Tensor& indices, const backend::PoolGeometry& g) { pending("max_pool2d"); }
void CudaBackend::max_pool2d_backward(const Tensor& gy, const Tensor& indices, Tensor& gx, const backend::PoolGeometry& g) { pending("max_pool2d_backward"); }
void CudaBackend::avg_pool2d(const Tensor& x, Tensor& y, const backend::PoolGeometry& g) { pending("avg_pool2d"); }
void CudaBackend::avg_pool2d_backward(const Tensor& gy, Tensor& gx, const backend::PoolGeometry& g) { pending("avg_pool2d_backward"); }
void CudaBackend::norm_stats(const Tensor& x, double eps, Tensor& mean, Tensor& var, Tensor& rstd, const backend::NormGeometry& g) { pending("norm_stats"); }
void CudaBackend::norm_forward(const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight, const Tensor& bias, Tensor& y, const backend::NormGeometry& g) { pending("norm_forward"); }
void CudaBackend::norm_backward(const Tensor& gy, const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight, bool batch_stats, Tensor& gx, Tensor& gweight, Tensor& gbias, const backend::NormGeometry& g) { pending("norm_backward"); }
void CudaBackend::sort(const Tensor& x, int64_t dim, int64_t k, bool descending, Tensor& values, Tensor& indices) { pending("sort"); }
void CudaBackend::cumsum(const Tensor& x, int64_t dim, Tensor& out) { pending("cumsum"); }
backend::MultinomialFault CudaBackend::multinomial(const Tensor& probs, int64_t n, bool replacement, Tensor& out, Generator& g) { pending("multinomial"); }
backend::IndexFault CudaBackend::recurrent_forward(const backend::RecurrentGeometry& g, const Tensor& x, const Tensor& h0, const Tensor& c0, const backend::RecurrentWeights& w, const Tensor& lengths, Tensor& y, Tensor& hn, Tensor& cn, backend::RecurrentSaved& saved) { pending("recurrent_forward"); }
void CudaBackend::recurrent_backward(const backend::RecurrentGeometry& g, const Tensor& x, const backend::RecurrentWeights& w, const Tensor& lengths, const backend::RecurrentSaved& saved, const Tensor& gy, const Tensor& ghn, const Tensor& gcn, backend::RecurrentGrads& grads) { pending("recurrent_backward"); }
backend::IndexFault CudaBackend::embedding(const Tensor& weight, const Tensor& indices, Tensor& out) { pending("embedding"); }
backend::IndexFault CudaBackend::embedding_backward(const Tensor& grad, const Tensor& indices, int64_t padding_idx, bool scale_by_freq, Tensor& gw) { pending("embedding_backward"); }
backend::IndexFault CudaBackend::embedding_renorm(Tensor& weight, const Tensor& indices, double max_norm, double norm_type) { pending("embedding_renorm"); }

}  // namespace nnlite::cuda_impl
