// See fold_batch_norm.h.
#include "ops/fold_batch_norm.h"

#include "nnlite/autograd.h"
#include "nnlite/error.h"
#include "nnlite/ops.h"

namespace nnlite {

std::pair<Tensor, Tensor> fold_batch_norm(const Tensor& w, const Tensor& b, const Tensor& mean, const Tensor& var,
                                          const Tensor& gamma, const Tensor& beta, double eps) {
  const char* op = "fold_batch_norm";
  NNLITE_CHECK(w.defined() && w.dim() >= 1, Value, op, ": the layer's weight must have an output-channel dim 0, got ",
               w.defined() ? shape_str(w.shape()) : std::string("None"));
  NNLITE_CHECK(w.dtype() == DType::Float32 || w.dtype() == DType::Float64, Value, op,
               ": the layer's weight must be float32 or float64, got ", dtype_name(w.dtype()));
  NNLITE_CHECK(mean.defined() && var.defined(), Value, op,
               ": batch norm needs its running mean and variance (eval mode with running statistics)");
  const int64_t K = w.size(0);
  const std::pair<const char*, const Tensor*> per_channel[] = {
      {"bias", &b}, {"running_mean", &mean}, {"running_var", &var}, {"weight (gamma)", &gamma}, {"bias (beta)", &beta}};
  for (const auto& [name, t] : per_channel) {
    if (!t->defined()) continue;
    NNLITE_CHECK(t->dim() == 1 && t->size(0) == K, Value, op, ": ", name, " must have shape [", K,
                 "] (the layer's output channels), got ", shape_str(t->shape()));
    NNLITE_CHECK(t->device() == w.device(), Value, op, ": ", name, " is on ", t->device().str(),
                 " but the layer's weight is on ", w.device().str());
  }
  NoGradGuard no_grad;
  auto f64 = [](const Tensor& t) { return t.detach().to(DType::Float64); };
  Tensor scale = rsqrt(f64(var) + eps);
  if (gamma.defined()) scale = scale * f64(gamma);
  Shape per_row(static_cast<size_t>(w.dim()), 1);
  per_row[0] = K;
  Tensor w_folded = (f64(w) * scale.view(per_row)).to(w.dtype());
  Tensor shift = b.defined() ? f64(b) - f64(mean) : -f64(mean);
  shift = shift * scale;
  if (beta.defined()) shift = shift + f64(beta);
  return {w_folded, shift.to(w.dtype())};
}

}  // namespace nnlite
