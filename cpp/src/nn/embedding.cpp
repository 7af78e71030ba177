// Embedding: holds the weight table, calls the embedding op (and renormalises
// referenced rows in place first when max_norm is set, as PyTorch does).
#include "nnlite/nn/embedding.h"

#include "nnlite/autograd.h"
#include "nnlite/nn/init.h"
#include "nnlite/ops.h"
#include "pyformat.h"

namespace nnlite::nn {

namespace {
std::optional<int64_t> wrap_padding(std::optional<int64_t> p, int64_t num) {
  if (!p) return p;
  NNLITE_CHECK(*p >= -num && *p < num, Value, "Embedding: padding_idx ", *p, " must be within num_embeddings (in [",
               -num, ", ", num, "))");
  return *p < 0 ? *p + num : *p;
}
}  // namespace

Embedding::Embedding(const EmbeddingOptions& o) : Embedding(o, Tensor(), false) {}

Embedding::Embedding(const EmbeddingOptions& o, const Tensor& w, bool freeze)
    : Module("Embedding"), options(o), num_embeddings(o.num_embeddings()), embedding_dim(o.embedding_dim()) {
  NNLITE_CHECK(num_embeddings >= 0, Value, "Embedding: num_embeddings must be a non-negative integer but got ",
               num_embeddings);
  NNLITE_CHECK(embedding_dim >= 0, Value, "Embedding: embedding_dim must be a non-negative integer but got ",
               embedding_dim);
  NNLITE_CHECK(!o.sparse(), NotImplemented, "Embedding: sparse=True gives a sparse weight gradient, but nnlite has "
               "no sparse tensors; use sparse=False (the dense gradient adds only the referenced rows)");
  padding_idx = wrap_padding(o.padding_idx(), num_embeddings);
  if (w.defined()) {
    weight = register_parameter("weight", w, !freeze);
  } else {
    weight = register_parameter("weight", empty({num_embeddings, embedding_dim}, o.dtype()));
    reset_parameters();
  }
}

std::shared_ptr<Embedding> Embedding::from_pretrained(const Tensor& embeddings, bool freeze,
                                                      std::optional<int64_t> padding_idx,
                                                      std::optional<double> max_norm, double norm_type,
                                                      bool scale_grad_by_freq) {
  NNLITE_CHECK(embeddings.defined() && embeddings.dim() == 2, Value,
               "Embedding.from_pretrained: embeddings must be a 2-d tensor, got ",
               embeddings.defined() ? shape_str(embeddings.shape()) : std::string("nothing"));
  EmbeddingOptions o(embeddings.size(0), embeddings.size(1));
  o.padding_idx(padding_idx).max_norm(max_norm).norm_type(norm_type).scale_grad_by_freq(scale_grad_by_freq)
      .dtype(embeddings.dtype());
  return std::shared_ptr<Embedding>(new Embedding(o, embeddings, freeze));
}

void Embedding::reset_parameters() {
  init::normal_(weight);
  if (padding_idx) {
    NoGradGuard no_grad;
    Tensor row = weight.select(0, *padding_idx);
    fill_(row, 0.0);
  }
}

Tensor Embedding::forward(const Tensor& indices) {
  if (options.max_norm()) {
    NoGradGuard no_grad;
    embedding_renorm_(weight, indices, *options.max_norm(), options.norm_type());
  }
  return embedding(weight, indices, padding_idx.value_or(-1), options.scale_grad_by_freq(), false);
}

std::string Embedding::extra_repr() const {
  std::string s = std::to_string(num_embeddings) + ", " + std::to_string(embedding_dim);
  if (padding_idx) s += ", padding_idx=" + std::to_string(*padding_idx);
  if (options.max_norm()) s += ", max_norm=" + detail::py_float(*options.max_norm());
  if (options.norm_type() != 2) s += ", norm_type=" + detail::py_float(options.norm_type());
  if (options.scale_grad_by_freq()) s += ", scale_grad_by_freq=True";
  return s;
}

}  // namespace nnlite::nn
