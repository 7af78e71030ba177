// Activation modules (python/nnlite/nn/activation.py): hold the options and
// call the matching op.
#pragma once
#include <string>

#include "nnlite/nn/arg.h"
#include "nnlite/nn/module.h"

namespace nnlite::nn {

// Options, as libtorch spells them: nn::LeakyReLUOptions().negative_slope(0.2), ...
struct LeakyReLUOptions {
  NNLITE_ARG(double, negative_slope) = 0.01;
};
struct GELUOptions {
  NNLITE_ARG(std::string, approximate) = "none";
};
struct ELUOptions {
  NNLITE_ARG(double, alpha) = 1.0;
};
struct SoftplusOptions {
  NNLITE_ARG(double, beta) = 1.0;
  NNLITE_ARG(double, threshold) = 20.0;
};
struct SoftmaxOptions {
  SoftmaxOptions(int64_t dim) : dim_(dim) {}  // NOLINT
  NNLITE_ARG(int64_t, dim);
};
using LogSoftmaxOptions = SoftmaxOptions;

class ReLU : public Module {
 public:
  ReLU() : Module("ReLU") {}
  Tensor forward(const Tensor& input) override;
};

class LeakyReLU : public Module {
 public:
  explicit LeakyReLU(double slope = 0.01) : Module("LeakyReLU"), negative_slope(slope) {}
  explicit LeakyReLU(const LeakyReLUOptions& o) : LeakyReLU(o.negative_slope()) {}
  Tensor forward(const Tensor& input) override;
  std::string extra_repr() const override;
  double negative_slope;
};

// approximate: "none" (the exact erf form) or "tanh".
class GELU : public Module {
 public:
  explicit GELU(const std::string& approximate = "none");
  explicit GELU(const GELUOptions& o) : GELU(o.approximate()) {}
  Tensor forward(const Tensor& input) override;
  std::string extra_repr() const override;
  std::string approximate;
};

class ELU : public Module {
 public:
  explicit ELU(double a = 1.0) : Module("ELU"), alpha(a) {}
  explicit ELU(const ELUOptions& o) : ELU(o.alpha()) {}
  Tensor forward(const Tensor& input) override;
  std::string extra_repr() const override;
  double alpha;
};

class Softplus : public Module {
 public:
  explicit Softplus(double b = 1.0, double t = 20.0) : Module("Softplus"), beta(b), threshold(t) {}
  explicit Softplus(const SoftplusOptions& o) : Softplus(o.beta(), o.threshold()) {}
  Tensor forward(const Tensor& input) override;
  std::string extra_repr() const override;
  double beta, threshold;
};

class Sigmoid : public Module {
 public:
  Sigmoid() : Module("Sigmoid") {}
  Tensor forward(const Tensor& input) override;
};

class Tanh : public Module {
 public:
  Tanh() : Module("Tanh") {}
  Tensor forward(const Tensor& input) override;
};

// Softmax over `dim` (required: Python's implicit choice is deprecated there).
class Softmax : public Module {
 public:
  explicit Softmax(int64_t d) : Module("Softmax"), dim(d) {}
  explicit Softmax(const SoftmaxOptions& o) : Softmax(o.dim()) {}
  Tensor forward(const Tensor& input) override;
  std::string extra_repr() const override;
  int64_t dim;
};

class LogSoftmax : public Module {
 public:
  explicit LogSoftmax(int64_t d) : Module("LogSoftmax"), dim(d) {}
  explicit LogSoftmax(const SoftmaxOptions& o) : LogSoftmax(o.dim()) {}
  Tensor forward(const Tensor& input) override;
  std::string extra_repr() const override;
  int64_t dim;
};

}  // namespace nnlite::nn
