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

backend::IndexFault CudaBackend::recurrent_forward(const backend::RecurrentGeometry& g, const Tensor& x, const Tensor& h0, const Tensor& c0, const backend::RecurrentWeights& w, const Tensor& lengths, Tensor& y, Tensor& hn, Tensor& cn, backend::RecurrentSaved& saved) { pending("recurrent_forward"); }
void CudaBackend::recurrent_backward(const backend::RecurrentGeometry& g, const Tensor& x, const backend::RecurrentWeights& w, const Tensor& lengths, const backend::RecurrentSaved& saved, const Tensor& gy, const Tensor& ghn, const Tensor& gcn, backend::RecurrentGrads& grads) { pending("recurrent_backward"); }

}  // namespace nnlite::cuda_impl
