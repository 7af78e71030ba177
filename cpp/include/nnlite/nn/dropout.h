// Dropout and Dropout2d: in training mode, zero elements (Dropout) or whole
// channels (Dropout2d) with probability p and scale the rest by 1 / (1 - p);
// identity in eval mode. Draws come from the default generator.
#pragma once
#include "nnlite/nn/module.h"

namespace nnlite::nn {

class Dropout : public Module {
 public:
  explicit Dropout(double probability = 0.5) : Dropout("Dropout", probability) {}
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
  Tensor forward(const Tensor& input) override;
};

}  // namespace nnlite::nn
