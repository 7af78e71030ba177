// Gradient clipping (torch.nn.utils.clip_grad_norm_ / clip_grad_value_):
// in place on the parameters' .grad, computed with ops so it runs on any
// device. The total norm is the norm of the per-gradient norms, as in torch.
#include <cmath>

#include "ops/op_util.h"

namespace nnlite {

namespace {

TensorList grads_of(const TensorList& params) {
  TensorList out;
  for (const Tensor& p : params)
    if (p.grad().defined()) out.push_back(p.grad());
  return out;
}

// The vector norm of all of x's elements, of order p (inf: the largest
// magnitude, -inf: the smallest, 0: the count of non-zeros).
Tensor vector_norm(const Tensor& x, double p) {
  if (x.numel() == 0) return zeros({}, x.dtype(), x.device());
  Tensor a = abs(x);
  if (std::isinf(p)) return p > 0 ? amax(a) : amin(a);
  if (p == 0) return sum(ne(a, zeros({}, x.dtype(), x.device()))).to(x.dtype());
  if (p == 1) return sum(a);
  if (p == 2) return sqrt(sum(a * a));
  return pow(sum(pow(a, full({}, p, x.dtype(), x.device()))), full({}, 1.0 / p, x.dtype(), x.device()));
}

}  // namespace

Tensor clip_grad_norm_(const TensorList& params, double max_norm, double norm_type, bool error_if_nonfinite) {
  NNLITE_CHECK(!std::isnan(norm_type), Value, "clip_grad_norm_: norm_type must be a number, got NaN");
  TensorList grads = grads_of(params);
  NoGradGuard ng;
  if (grads.empty()) return zeros({});
  for (const Tensor& g : grads) ops::check_floating(g, "clip_grad_norm_");
  const DType dt = grads[0].dtype();
  TensorList norms;
  for (const Tensor& g : grads) norms.push_back(vector_norm(g, norm_type).to(dt).to(grads[0].device()));
  Tensor total = vector_norm(stack(norms), norm_type);
  if (error_if_nonfinite) {
    const double t = total.item();  // the one host read: whether to raise
    NNLITE_CHECK(std::isfinite(t), Runtime, "clip_grad_norm_: the total norm of order ", norm_type,
                 " of the gradients is ", t, ", so it cannot be clipped; to scale the gradients by the "
                 "non-finite norm anyway, pass error_if_nonfinite=False");
  }
  Tensor coef = clamp(max_norm / (total + 1e-6), std::nullopt, Scalar(1.0));
  for (Tensor& g : grads) mul_(g, coef.to(g.dtype()).to(g.device()));
  return total;
}

void clip_grad_value_(const TensorList& params, double clip_value) {
  NNLITE_CHECK(!std::isnan(clip_value), Value, "clip_grad_value_: clip_value must be a number, got NaN");
  NoGradGuard ng;
  for (Tensor g : grads_of(params)) copy_(g, clamp(g, Scalar(-clip_value), Scalar(clip_value)));
}

}  // namespace nnlite
