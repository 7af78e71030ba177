// rbm_cd_step: contrastive-divergence (CD-k) or persistent-CD updates of a
// binary restricted Boltzmann machine, in place and without autograd, one per
// batch of batch_size consecutive rows (nnlite.models.RBM.fit and .cd_step). It is the same update as the
// gradient of RBM.contrastive_divergence followed by plain SGD, in one call:
// the Python path spends most of a small batch's step in op dispatch and the
// autograd graph, this one in its four matrix products.
#include "backend/cpu/binary_gemm.h"
#include "backend/cpu/rbm.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

constexpr const char* kRbmOp = "rbm_cd_step";
// Above this fraction of ones in the data, dense GEMMs beat sums of selected rows.
constexpr double kSparseBelow = 0.5;

void check_matrix(const Tensor& t, const char* what, int64_t cols) {
  NNLITE_CHECK(t.defined() && t.dim() == 2 && t.size(1) == cols && t.size(0) > 0, Value, kRbmOp, ": ", what,
               " must be a non-empty 2-d tensor [rows, ", cols, "], got ",
               t.defined() ? ops::describe(t) : std::string("nothing"));
}

// The parameters as the products read them. With binary data (the sparse
// path) every product has a binary operand, the visible units, and runs as
// sums of rows over the index of its ones (backend/cpu/binary_gemm.h); the
// weight is then kept transposed (wt [V, H], the rows those sums select) for
// the whole call and written back into w at the end.
struct Rbm {
  Tensor w, bv, bh, wt;  // w [H, V] (dense path), wt [V, H] (sparse path)
  std::shared_ptr<cpu::BinaryIndex> data_ones;  // the whole data's ones, on the sparse path
  Generator& gen;
  bool sparse() const { return data_ones != nullptr; }

  Tensor sample(const Tensor& p) const {  // Bernoulli(p), same shape
    Tensor out = empty(p.shape(), p.dtype(), p.device());
    // The CPU's draws hash (one generator draw, element index): no sequential
    // state per element. Other devices' bernoulli is counter-based already.
    if (p.device().is_cpu())
      cpu::rbm_bernoulli(p, gen.next_u64(), out);
    else
      ops::backend_of(p).bernoulli(p, out, gen);
    return out;
  }
  // p(h = 1 | v) = sigmoid(v W^T + b_h): v [rows, V] -> [rows, H], as sums
  // of wt's rows over the index of v's ones on the sparse path.
  Tensor hidden_probs(const Tensor& v) const {
    return sparse() ? hidden_probs(*cpu::index_binary(v, 1.0)) : sigmoid(linear(v, w, bh));
  }
  Tensor hidden_probs(const cpu::BinaryIndex& ones) const {
    Tensor pre = empty({ones.rows, wt.size(1)}, wt.dtype(), wt.device());
    cpu::binary_matmul(ones, wt, bh, pre);
    return sigmoid(pre);
  }
  // p(v = 1 | h) = sigmoid(h W + b_v): h [rows, H] -> [rows, V]. The hidden
  // samples are binary too, but two thirds ones: a dense GEMM's work.
  Tensor visible_probs(const Tensor& h) const { return sigmoid(sparse() ? linear(h, wt, bv) : linear(h, w.t(), bv)); }

  // One update from the batch v [B, V] (the data's rows from `start`); returns the chain's next hidden samples.
  Tensor update(const Tensor& v, int64_t start, const Tensor& chain, double lr, int64_t k) {
    const int64_t B = v.size(0);
    // CD-k starts its chain at the data's hidden sample, PCD at the chain's.
    Tensor ph_data, h = chain;
    if (!h.defined()) {
      ph_data = sparse() ? hidden_probs(*cpu::stack_rows(*data_ones, start, start + B)) : hidden_probs(v);
      h = sample(ph_data);
    }
    Tensor v_model;
    for (int64_t s = 0; s < k; ++s) {
      v_model = sample(visible_probs(h));
      if (s + 1 < k) h = sample(hidden_probs(v_model));
    }
    const int64_t C = v_model.size(0);
    // Row weights +lr/B for the data, -lr/C for the model: the update is
    // lr * (<h v>_data - <h v>_model), each average over its own rows.
    Tensor scale = cat({full({B, 1}, lr / static_cast<double>(B), v.dtype(), v.device()),
                        full({C, 1}, -lr / static_cast<double>(C), v.dtype(), v.device())});
    // Data and model rows stacked: one product for both halves' hidden means
    // (PCD) and one for both halves of the weight update. On the sparse path
    // they run over the index of both, the data's part cut from the index of
    // all the data (built once per call) above the model samples'.
    Tensor both = cat({v, v_model});  // [B + C, V]
    Tensor ph, ph_scaled;
    if (sparse()) {
      std::shared_ptr<cpu::BinaryIndex> model_ones = cpu::index_binary(v_model, 1.0);
      std::shared_ptr<cpu::BinaryIndex> both_ones = cpu::stack_rows(*data_ones, start, start + B, model_ones.get());
      ph = ph_data.defined() ? cat({ph_data, hidden_probs(*model_ones)}) : hidden_probs(*both_ones);
      ph_scaled = ph * scale;
      cpu::binary_matmul_tn(*both_ones, ph_scaled, wt, true);  // wt += both^T ph_scaled
    } else {
      ph = ph_data.defined() ? cat({ph_data, hidden_probs(v_model)}) : hidden_probs(both);
      ph_scaled = ph * scale;
      add_(w, matmul(ph_scaled.t(), both));
    }
    // (A sum over both's index for bv measured 4% slower than this dense one.)
    add_(bv, sum(both * scale, {0}));
    add_(bh, sum(ph_scaled, {0}));
    Tensor next_chain = sample(ph.narrow(0, B, C).contiguous());  // from the pre-update means, as scikit-learn does
    return next_chain;
  }
};

}  // namespace

Tensor rbm_cd_step(Tensor& weight, Tensor& visible_bias, Tensor& hidden_bias, const Tensor& v, const Tensor& chain,
                   double lr, int64_t k, int64_t batch_size, Generator* gen) {
  exported::OpScope scope;
  if (exported::reporting())
    exported::refuse(kRbmOp, {weight, visible_bias, hidden_bias, v}, "is a training step, not part of a model's forward");
  ops::check_floating(weight, kRbmOp);
  NNLITE_CHECK(weight.dim() == 2 && weight.is_contiguous(), Value, kRbmOp,
               ": weight must be a contiguous 2-d tensor [n_hidden, n_visible], got ", ops::describe(weight));
  const int64_t H = weight.size(0), V = weight.size(1);
  NNLITE_CHECK(visible_bias.dim() == 1 && visible_bias.size(0) == V && visible_bias.is_contiguous() &&
                   hidden_bias.dim() == 1 && hidden_bias.size(0) == H && hidden_bias.is_contiguous(),
               Value, kRbmOp, ": biases must be contiguous [", V, "] and [", H, "], got ", ops::describe(visible_bias),
               " and ", ops::describe(hidden_bias));
  check_matrix(v, "the visible batch", V);
  NNLITE_CHECK(v.dtype() == weight.dtype() && visible_bias.dtype() == weight.dtype() &&
                   hidden_bias.dtype() == weight.dtype(),
               Type, kRbmOp, ": the visible batch and biases must have the weight's dtype, got ", ops::describe(v),
               " for a ", ops::describe(weight));
  if (chain.defined()) {
    check_matrix(chain, "the persistent chain (hidden samples)", H);
    NNLITE_CHECK(chain.dtype() == weight.dtype(), Type, kRbmOp, ": the chain must have the weight's dtype, got ",
                 ops::describe(chain));
  }
  NNLITE_CHECK(k >= 1, Value, kRbmOp, ": k (Gibbs steps) must be at least 1, got ", k);
  NNLITE_CHECK(lr > 0, Value, kRbmOp, ": lr must be positive, got ", lr);
  NNLITE_CHECK(batch_size >= 0, Value, kRbmOp, ": batch_size must be >= 0 (0: one batch of all rows), got ", batch_size);
  ops::backend_of({weight, visible_bias, hidden_bias, v, chain}, kRbmOp);  // one device
  NoGradGuard ng;
  const Tensor data = v.detach().contiguous();
  const int64_t N = data.size(0), step = batch_size ? batch_size : N;
  // Sparse path (CPU): binary data with few enough ones (the index is only a test here).
  Rbm m{weight.detach(), visible_bias.detach(), hidden_bias.detach(), Tensor(),
        data.device().is_cpu() ? cpu::index_binary(data, kSparseBelow) : nullptr, gen ? *gen : default_generator()};
  if (m.sparse()) m.wt = m.w.t().contiguous();
  Tensor h = chain.defined() ? chain.detach().contiguous() : Tensor();
  const bool persistent = chain.defined();
  for (int64_t start = 0; start < N; start += step) {
    Tensor next = m.update(data.narrow(0, start, std::min(step, N - start)), start, persistent ? h : Tensor(), lr, k);
    if (persistent || start + step >= N) h = next;
  }
  if (m.sparse()) copy_(m.w, m.wt.t());
  return h;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_rbm_schemas(Registry& r) {
  r.add(OpSchema("rbm_cd_step")
            .inputs({"weight", "visible_bias", "hidden_bias", "input", "chain"})
            .attrs({{"lr", AttrType::Float}, {"k", AttrType::Int}, {"batch_size", AttrType::Int}})
            .not_exportable("an in-place training step of an RBM, not part of a model's forward"));
}

}  // namespace nnlite::schema
