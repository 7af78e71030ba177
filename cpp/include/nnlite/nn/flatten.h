// Flatten (python/nnlite/nn/flatten.py): merges dims start_dim..end_dim into one.
#pragma once
#include "nnlite/nn/arg.h"
#include "nnlite/nn/module.h"

namespace nnlite::nn {

// nn::FlattenOptions().start_dim(0)
struct FlattenOptions {
  NNLITE_ARG(int64_t, start_dim) = 1;
  NNLITE_ARG(int64_t, end_dim) = -1;
};

class Flatten : public Module {
 public:
  explicit Flatten(int64_t start = 1, int64_t end = -1) : Module("Flatten"), start_dim(start), end_dim(end) {}
  explicit Flatten(const FlattenOptions& o) : Flatten(o.start_dim(), o.end_dim()) {}
  Tensor forward(const Tensor& input) override { return input.flatten(start_dim, end_dim); }
  std::string extra_repr() const override {
    return "start_dim=" + std::to_string(start_dim) + ", end_dim=" + std::to_string(end_dim);
  }

  int64_t start_dim, end_dim;
};

}  // namespace nnlite::nn
