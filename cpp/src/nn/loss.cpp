// Loss modules: register the weight buffers, check options as Python does, call the loss ops.
#include "nnlite/nn/loss.h"

#include "nnlite/ops.h"
#include "pyformat.h"

namespace nnlite::nn {

Tensor Loss::forward(const Tensor&) {
  NNLITE_FAIL(Type, type_name(), ": forward takes (input, target); call it with a target");
}

Tensor MSELoss::compute(const Tensor& input, const Tensor& target) { return mse_loss(input, target, reduction); }

Tensor L1Loss::compute(const Tensor& input, const Tensor& target) { return l1_loss(input, target, reduction); }

BCELoss::BCELoss(BCELossOptions o) : Loss("BCELoss", o.reduction), weight(o.weight) {
  if (weight.defined()) register_buffer("weight", weight);
}

Tensor BCELoss::compute(const Tensor& input, const Tensor& target) {
  return binary_cross_entropy(input, target, weight, reduction);
}

BCEWithLogitsLoss::BCEWithLogitsLoss(BCEWithLogitsLossOptions o)
    : Loss("BCEWithLogitsLoss", o.reduction), weight(o.weight), pos_weight(o.pos_weight) {
  if (weight.defined()) register_buffer("weight", weight);
  if (pos_weight.defined()) register_buffer("pos_weight", pos_weight);
}

Tensor BCEWithLogitsLoss::compute(const Tensor& input, const Tensor& target) {
  return binary_cross_entropy_with_logits(input, target, weight, pos_weight, reduction);
}

NLLLoss::NLLLoss(NLLLossOptions o) : Loss("NLLLoss", o.reduction), weight(o.weight), ignore_index(o.ignore_index) {
  if (weight.defined()) register_buffer("weight", weight);
}

Tensor NLLLoss::compute(const Tensor& input, const Tensor& target) {
  return nll_loss(input, target, weight, ignore_index, reduction);
}

CrossEntropyLoss::CrossEntropyLoss(CrossEntropyLossOptions o)
    : Loss("CrossEntropyLoss", o.reduction),
      weight(o.weight),
      ignore_index(o.ignore_index),
      label_smoothing(o.label_smoothing) {
  if (weight.defined()) register_buffer("weight", weight);
  NNLITE_CHECK(label_smoothing >= 0.0 && label_smoothing <= 1.0, Value,
               "CrossEntropyLoss: label_smoothing must be in [0, 1] but got ", detail::py_float(label_smoothing));
}

Tensor CrossEntropyLoss::compute(const Tensor& input, const Tensor& target) {
  return cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing);
}

}  // namespace nnlite::nn
