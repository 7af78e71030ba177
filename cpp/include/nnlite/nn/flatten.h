// Flatten (python/nnlite/nn/flatten.py): merges dims start_dim..end_dim into one.
#pragma once
#include "nnlite/nn/module.h"

namespace nnlite::nn {

class Flatten : public Module {
 public:
  explicit Flatten(int64_t start = 1, int64_t end = -1) : Module("Flatten"), start_dim(start), end_dim(end) {}
  Tensor forward(const Tensor& input) override { return input.flatten(start_dim, end_dim); }
  std::string extra_repr() const override {
    return "start_dim=" + std::to_string(start_dim) + ", end_dim=" + std::to_string(end_dim);
  }

  int64_t start_dim, end_dim;
};

}  // namespace nnlite::nn
