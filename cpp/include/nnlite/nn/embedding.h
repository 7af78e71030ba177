// Embedding (python/nnlite/nn/sparse.py): a table of num_embeddings rows of
// size embedding_dim, looked up by integer indices with the embedding op.
#pragma once
#include <optional>

#include "nnlite/nn/module.h"

namespace nnlite::nn {

// libtorch-style options: EmbeddingOptions(10, 4).padding_idx(0).max_norm(1.0).
struct EmbeddingOptions {
  EmbeddingOptions(int64_t num_embeddings, int64_t embedding_dim)
      : num_embeddings_(num_embeddings), embedding_dim_(embedding_dim) {}
#define NNLITE_EMBEDDING_OPTION(type, name)        \
  EmbeddingOptions& name(const type& value) {      \
    name##_ = value;                               \
    return *this;                                  \
  }                                                \
  const type& name() const { return name##_; }
  NNLITE_EMBEDDING_OPTION(int64_t, num_embeddings)
  NNLITE_EMBEDDING_OPTION(int64_t, embedding_dim)
  NNLITE_EMBEDDING_OPTION(std::optional<int64_t>, padding_idx)  // negative counts from the end
  NNLITE_EMBEDDING_OPTION(std::optional<double>, max_norm)
  NNLITE_EMBEDDING_OPTION(double, norm_type)
  NNLITE_EMBEDDING_OPTION(bool, scale_grad_by_freq)
  NNLITE_EMBEDDING_OPTION(bool, sparse)  // true raises NotImplemented: no sparse tensors
  NNLITE_EMBEDDING_OPTION(DType, dtype)
#undef NNLITE_EMBEDDING_OPTION

 private:
  int64_t num_embeddings_, embedding_dim_;
  std::optional<int64_t> padding_idx_;
  std::optional<double> max_norm_;
  double norm_type_ = 2.0;
  bool scale_grad_by_freq_ = false;
  bool sparse_ = false;
  DType dtype_ = DType::Float32;
};

// output [*indices.shape, embedding_dim] = weight[indices]. weight starts as
// N(0, 1) with the padding_idx row zero (PyTorch's initialisation).
class Embedding : public Module {
 public:
  Embedding(int64_t num_embeddings, int64_t embedding_dim)
      : Embedding(EmbeddingOptions(num_embeddings, embedding_dim)) {}
  explicit Embedding(const EmbeddingOptions& options);
  // An Embedding over `embeddings` [num, dim] (shared, not copied); freeze
  // leaves it out of training (requires_grad false).
  static std::shared_ptr<Embedding> from_pretrained(const Tensor& embeddings, bool freeze = true,
                                                    std::optional<int64_t> padding_idx = std::nullopt,
                                                    std::optional<double> max_norm = std::nullopt,
                                                    double norm_type = 2.0, bool scale_grad_by_freq = false);
  Tensor forward(const Tensor& indices) override;
  void reset_parameters();
  std::string extra_repr() const override;

  EmbeddingOptions options;
  int64_t num_embeddings, embedding_dim;
  std::optional<int64_t> padding_idx;  // wrapped into [0, num_embeddings)
  Tensor weight;

 private:
  Embedding(const EmbeddingOptions& options, const Tensor& weight, bool freeze);
};

}  // namespace nnlite::nn
