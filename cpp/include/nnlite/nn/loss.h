// Losses (python/nnlite/nn/loss.py): hold the options (and the class-weight
// buffers) and call the loss op. Python's keyword-only options become an
// Options aggregate in Python's order, so
//   nn::CrossEntropyLoss loss({Tensor(), -100, Reduction::Mean, 0.1});   // C++17
//   nn::CrossEntropyLoss loss({.label_smoothing = 0.1});                 // C++20
// A loss is called with (input, target).
#pragma once
#include "nnlite/nn/module.h"
#include "nnlite/ops.h"

namespace nnlite::nn {

class Loss : public Module {
 public:
  Tensor forward(const Tensor& input, const Tensor& target) { return compute(input, target); }
  Tensor operator()(const Tensor& input, const Tensor& target) { return compute(input, target); }
  // A loss needs a target: this one-argument form raises a clear error.
  Tensor forward(const Tensor& input) override;

  Reduction reduction;

 protected:
  Loss(const char* type_name, Reduction r) : Module(type_name), reduction(r) {}
  virtual Tensor compute(const Tensor& input, const Tensor& target) = 0;
};

struct MSELossOptions {
  Reduction reduction = Reduction::Mean;
};
// Mean squared error.
class MSELoss : public Loss {
 public:
  explicit MSELoss(MSELossOptions o = {}) : Loss("MSELoss", o.reduction) {}

 protected:
  Tensor compute(const Tensor& input, const Tensor& target) override;
};

struct L1LossOptions {
  Reduction reduction = Reduction::Mean;
};
class L1Loss : public Loss {
 public:
  explicit L1Loss(L1LossOptions o = {}) : Loss("L1Loss", o.reduction) {}

 protected:
  Tensor compute(const Tensor& input, const Tensor& target) override;
};

struct BCELossOptions {
  Tensor weight;  // rescales each element's loss; a buffer "weight" when defined
  Reduction reduction = Reduction::Mean;
};
// Binary cross-entropy of probabilities.
class BCELoss : public Loss {
 public:
  explicit BCELoss(BCELossOptions o = {});
  Tensor weight;

 protected:
  Tensor compute(const Tensor& input, const Tensor& target) override;
};

struct BCEWithLogitsLossOptions {
  Tensor weight;
  Reduction reduction = Reduction::Mean;
  Tensor pos_weight;  // weight of positive examples, per class
};
// Sigmoid + binary cross-entropy in one numerically stable op.
class BCEWithLogitsLoss : public Loss {
 public:
  explicit BCEWithLogitsLoss(BCEWithLogitsLossOptions o = {});
  Tensor weight, pos_weight;

 protected:
  Tensor compute(const Tensor& input, const Tensor& target) override;
};

struct NLLLossOptions {
  Tensor weight;  // per-class weight [C]
  int64_t ignore_index = -100;
  Reduction reduction = Reduction::Mean;
};
// Negative log-likelihood of log-probabilities [N, C] (or [N, C, d...]) and class indices.
class NLLLoss : public Loss {
 public:
  explicit NLLLoss(NLLLossOptions o = {});
  Tensor weight;
  int64_t ignore_index;

 protected:
  Tensor compute(const Tensor& input, const Tensor& target) override;
};

struct CrossEntropyLossOptions {
  Tensor weight;  // per-class weight [C]
  int64_t ignore_index = -100;
  Reduction reduction = Reduction::Mean;
  double label_smoothing = 0.0;  // in [0, 1]
};
// log_softmax + NLL of logits [N, C] (or [N, C, d...]); targets are class
// indices (int64) or class probabilities (same shape as the input).
class CrossEntropyLoss : public Loss {
 public:
  explicit CrossEntropyLoss(CrossEntropyLossOptions o = {});
  Tensor weight;
  int64_t ignore_index;
  double label_smoothing;

 protected:
  Tensor compute(const Tensor& input, const Tensor& target) override;
};

}  // namespace nnlite::nn
