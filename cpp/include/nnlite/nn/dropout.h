// Dropout and Dropout2d: in training mode, zero elements (Dropout) or whole
// channels (Dropout2d) with probability p and scale the rest by 1 / (1 - p);
// identity in eval mode. Draws come from the default generator.
#pragma once
#include "nnlite/nn/arg.h"
#include "nnlite/nn/module.h"

namespace nnlite::nn {

// nn::DropoutOptions(0.2) (also for Dropout2d)
struct DropoutOptions {
  DropoutOptions(double p = 0.5) : p_(p) {}  // NOLINT
  NNLITE_ARG(double, p);
};
using Dropout2dOptions = DropoutOptions;

class Dropout : public Module {
 public:
  explicit Dropout(double probability = 0.5) : Dropout("Dropout", probability) {}
  explicit Dropout(const DropoutOptions& o) : Dropout("Dropout", o.p()) {}
  Tensor forward(const Tensor& input) override;
  std::string extra_repr() const override;
  double p;

 protected:
  Dropout(const char* type_name, double probability);
};

// Channels of [N, C, H, W] (or [N, C, L]).
class Dropout2d : public Dropout {
 public:
  explicit Dropout2d(double probability = 0.5) : Dropout("Dropout2d", probability) {}
  explicit Dropout2d(const DropoutOptions& o) : Dropout("Dropout2d", o.p()) {}
  Tensor forward(const Tensor& input) override;
};

}  // namespace nnlite::nn
