// Linear and Identity (python/nnlite/nn/linear.py).
#pragma once
#include "nnlite/nn/module.h"

namespace nnlite::nn {

// Returns its input.
class Identity : public Module {
 public:
  Identity() : Module("Identity") {}
  Tensor forward(const Tensor& input) override { return input; }
};

// y = x @ weight^T + bias; weight [out_features, in_features], bias [out_features].
// PyTorch's initialisation: U(-1/sqrt(in_features), 1/sqrt(in_features)) for both.
class Linear : public Module {
 public:
  Linear(int64_t in_features, int64_t out_features, bool bias = true, DType dtype = DType::Float32);
  Tensor forward(const Tensor& input) override;
  void reset_parameters();
  std::string extra_repr() const override;

  int64_t in_features, out_features;
  Tensor weight, bias;  // bias undefined when bias = false
};

}  // namespace nnlite::nn
