// Linear and Identity (python/nnlite/nn/linear.py).
#pragma once
#include "nnlite/nn/arg.h"
#include "nnlite/nn/module.h"

namespace nnlite::nn {

// Returns its input.
class Identity : public Module {
 public:
  Identity() : Module("Identity") {}
  Tensor forward(const Tensor& input) override { return input; }
};

// nn::LinearOptions(in, out).bias(false)
struct LinearOptions {
  LinearOptions(int64_t in_features, int64_t out_features) : in_features_(in_features), out_features_(out_features) {}
  NNLITE_ARG(int64_t, in_features);
  NNLITE_ARG(int64_t, out_features);
  NNLITE_ARG(bool, bias) = true;
  NNLITE_ARG(DType, dtype) = DType::Float32;
};

// y = x @ weight^T + bias; weight [out_features, in_features], bias [out_features].
// PyTorch's initialisation: U(-1/sqrt(in_features), 1/sqrt(in_features)) for both.
class Linear : public Module {
 public:
  Linear(int64_t in_features, int64_t out_features, bool bias = true, DType dtype = DType::Float32);
  explicit Linear(const LinearOptions& o) : Linear(o.in_features(), o.out_features(), o.bias(), o.dtype()) {}
  Tensor forward(const Tensor& input) override;
  void reset_parameters();
  std::string extra_repr() const override;

  int64_t in_features, out_features;
  Tensor weight, bias;  // bias undefined when bias = false
};

}  // namespace nnlite::nn
