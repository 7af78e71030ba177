// scaled_dot_product_attention: softmax(q k^T * scale + mask) v, with torch's
// semantics (batch dims broadcast, bool or additive mask, top-left causal
// mask, dropout on the attention weights).
//
// The forward runs a chunk of (batch, head) blocks at a time, as batched
// GEMMs: as many blocks as fit a budget of score elements (many small blocks
// share one op call; a block larger than the budget runs alone), so the live
// score memory stays bounded. It saves the inputs (and the dropout masks when
// dropout is on), and the weights only when they are no larger than the
// inputs; otherwise the backward recomputes each chunk's softmax. The
// backward is written with nnlite ops, so it runs on any device and, under
// create_graph, records itself (higher-order gradients).
#include <algorithm>
#include <cmath>
#include <limits>

#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

constexpr const char* kAttentionOp = "scaled_dot_product_attention";

Shape batch_of(const Tensor& t) { return Shape(t.shape().begin(), t.shape().end() - 2); }

Shape with_last(Shape batch, int64_t a, int64_t b) {
  batch.push_back(a);
  batch.push_back(b);
  return batch;
}

struct Geometry {
  Shape batch;       // the broadcast batch dims of q, k, v (and the mask)
  int64_t blocks;    // prod(batch)
  int64_t L, S, E, Ev;
  double scale;
  // Chunking: batch dims before `dim` are selected one index at a time (`outer` combinations), dim `dim` is
  // cut into runs of `run` indices, the dims after it stay whole. dim = -1: no batch dims, one chunk.
  int64_t dim = -1, run = 1, outer = 1;
  int64_t chunks() const { return dim < 0 ? 1 : outer * ((batch[static_cast<size_t>(dim)] + run - 1) / run); }
};

// Score elements per chunk: 256 KiB of float32, so a chunk's scores and their temporaries stay in cache
// (2**18 and 2**20 measured slower at [32, 8, 128, 64]); small blocks are still batched by the hundred.
constexpr int64_t kChunkScores = int64_t{1} << 16;

void plan_chunks(Geometry& g) {
  if (g.batch.empty()) return;
  const int64_t nd = static_cast<int64_t>(g.batch.size());
  int64_t inner = g.L * g.S;  // score elements of one index of dim d (all dims after d whole)
  g.dim = nd - 1;
  for (int64_t d = nd - 1; d >= 0; --d) {
    if (d < nd - 1) inner *= g.batch[static_cast<size_t>(d) + 1];
    g.dim = d;
    if (d == 0 || inner * g.batch[static_cast<size_t>(d)] > kChunkScores) break;
  }
  // Recompute the score count of one index of g.dim, then fit as many indices as the budget allows.
  inner = g.L * g.S;
  for (int64_t d = nd - 1; d > g.dim; --d) inner *= g.batch[static_cast<size_t>(d)];
  g.run = std::max<int64_t>(1, std::min(g.batch[static_cast<size_t>(g.dim)], kChunkScores / std::max<int64_t>(inner, 1)));
  g.outer = 1;
  for (int64_t d = 0; d < g.dim; ++d) g.outer *= g.batch[static_cast<size_t>(d)];
}

// Chunk `n` of t, a tensor expanded to batch + [rows, cols]: a view, nothing is copied.
// Shape [run', batch[dim+1:]..., rows, cols] (run' <= run at the end of dim), or t itself without batch dims.
Tensor chunk_of(const Tensor& t, const Geometry& g, int64_t n) {
  if (g.dim < 0) return t;
  const int64_t len = g.batch[static_cast<size_t>(g.dim)], per = (len + g.run - 1) / g.run;
  const int64_t start = (n % per) * g.run;
  int64_t o = n / per;
  Tensor out = t;
  for (int64_t d = g.dim - 1; d >= 0; --d) {
    out = out.select(d, o % g.batch[static_cast<size_t>(d)]);  // from the back keeps leading indices valid
    o /= g.batch[static_cast<size_t>(d)];
  }
  return out.narrow(0, start, std::min(g.run, len - start));
}

// Everything torch checks, with the op's name, what it got and what it expects.
Geometry check(const Tensor& q, const Tensor& k, const Tensor& v, const Tensor& mask, bool is_causal,
               std::optional<double> scale) {
  for (const Tensor* t : {&q, &k, &v}) {
    const char* name = t == &q ? "query" : t == &k ? "key" : "value";
    NNLITE_CHECK(t->defined(), Value, kAttentionOp, ": ", name, " must be a tensor, got None");
    NNLITE_CHECK(t->dim() >= 2, Value, kAttentionOp, ": expected ", name, " of at least 2 dimensions ([..., ",
                 t == &q ? "L, E" : t == &k ? "S, E" : "S, Ev", "]), got ", ops::describe(*t));
    ops::check_floating(*t, kAttentionOp);
  }
  NNLITE_CHECK(k.dtype() == q.dtype() && v.dtype() == q.dtype(), Type, kAttentionOp,
               ": expected query, key and value of one dtype, got ", ops::describe(q), ", ", ops::describe(k),
               " and ", ops::describe(v));
  NNLITE_CHECK(k.device() == q.device() && v.device() == q.device(), Value, kAttentionOp,
               ": expected query, key and value on one device, got ", q.device().str(), ", ", k.device().str(),
               " and ", v.device().str());
  NNLITE_CHECK(k.size(-1) == q.size(-1), Value, kAttentionOp, ": key's last dim (E) must equal query's, got query ",
               ops::describe(q), " and key ", ops::describe(k));
  NNLITE_CHECK(v.size(-2) == k.size(-2), Value, kAttentionOp, ": value's sequence dim (S, dim -2) must equal key's, got key ",
               ops::describe(k), " and value ", ops::describe(v));
  Geometry g;
  g.L = q.size(-2);
  g.S = k.size(-2);
  g.E = q.size(-1);
  g.Ev = v.size(-1);
  g.batch = ops::broadcast_shapes(ops::broadcast_shapes(batch_of(q), batch_of(k), kAttentionOp), batch_of(v), kAttentionOp);
  if (mask.defined()) {
    NNLITE_CHECK(!is_causal, Value, kAttentionOp, ": got both attn_mask and is_causal=True; expected at most one of them");
    NNLITE_CHECK(mask.dtype() == DType::Bool || mask.dtype() == q.dtype(), Type, kAttentionOp,
                 ": expected attn_mask of dtype bool or of query's dtype (", dtype_name(q.dtype()), "), got ",
                 ops::describe(mask));
    NNLITE_CHECK(mask.device() == q.device(), Value, kAttentionOp, ": expected attn_mask on query's device (",
                 q.device().str(), "), got ", mask.device().str());
    const Shape want = with_last(g.batch, g.L, g.S);
    bool ok = mask.dim() <= static_cast<int64_t>(want.size());
    for (int64_t i = 1; ok && i <= mask.dim(); ++i) {
      const int64_t m = mask.size(-i), w = want[want.size() - static_cast<size_t>(i)];
      ok = m == 1 || m == w;
    }
    NNLITE_CHECK(ok, Value, kAttentionOp, ": attn_mask must broadcast to ", shape_str(want),
                 " (batch dims, L, S), got ", ops::describe(mask));
  }
  g.blocks = 1;
  for (int64_t b : g.batch) g.blocks *= b;
  g.scale = scale ? *scale : 1.0 / std::sqrt(static_cast<double>(g.E));
  plan_chunks(g);
  return g;
}

// The inputs of one attention, expanded to the broadcast batch.
struct Operands {
  Tensor q, k, v, mask;  // q scaled by `scale` (one pass over q, not over the larger scores); mask: undefined,
                         // bool or additive, [batch..., L, S]
  Tensor causal_keep;    // [L, S] bool (is_causal), else undefined
  Tensor neg_inf, zero;  // 0-d -inf and 0 of q's dtype
};

Operands expand_all(const Tensor& q, const Tensor& k, const Tensor& v, const Tensor& mask, bool is_causal,
                    const Geometry& g) {
  Operands o;
  o.q = (q * g.scale).expand(with_last(g.batch, g.L, g.E));
  o.k = k.expand(with_last(g.batch, g.S, g.E));
  o.v = v.expand(with_last(g.batch, g.S, g.Ev));
  if (mask.defined()) o.mask = mask.expand(with_last(g.batch, g.L, g.S));
  o.neg_inf = full({}, -std::numeric_limits<double>::infinity(), q.dtype(), q.device());
  o.zero = zeros({}, q.dtype(), q.device());
  if (is_causal) {
    NoGradGuard ng;
    // torch aligns the triangle top-left: row i sees columns 0..i.
    Tensor offset = arange(0, g.S, 1, DType::Int64, q.device()).reshape({1, g.S}) -
                    arange(0, g.L, 1, DType::Int64, q.device()).reshape({g.L, 1});
    o.causal_keep = le(offset, full({}, 0, DType::Int64, q.device()));
  }
  return o;
}

// softmax((q_n * scale) k_n^T + mask_n) of chunk n: [chunk batch..., L, S].
Tensor weights(const Operands& o, const Geometry& g, int64_t n) {
  Tensor s = matmul(chunk_of(o.q, g, n), chunk_of(o.k, g, n).transpose(-2, -1));
  if (o.mask.defined()) {
    Tensor m = chunk_of(o.mask, g, n);
    s = m.dtype() == DType::Bool ? where(m, s, o.neg_inf) : s + m;
  }
  if (o.causal_keep.defined()) s = where(o.causal_keep, s, o.neg_inf);
  if (!o.mask.defined() && !o.causal_keep.defined()) return softmax(s, -1);
  // A row that attends to nothing (every score -inf) gets weights 0, as torch
  // gives (its "safe softmax"), not the NaN of a plain softmax.
  Tensor dead;
  {
    NoGradGuard ng;
    dead = eq(amax(s.detach(), {-1}, true), o.neg_inf);
  }
  return where(dead, o.zero, softmax(s, -1));
}

// Gradients of the inputs that need one, from the saved inputs and dropout
// masks; each chunk's weights are the saved ones (`saved`, when the forward
// kept them) or recomputed with ops. Under create_graph they are always
// recomputed, so the backward is recorded and differentiable again.
TensorList attention_backward(const Tensor& grad, const Tensor& q, const Tensor& k, const Tensor& v,
                              const Tensor& mask, bool is_causal, const Geometry& g, const TensorList& drop,
                              const TensorList& saved, const std::vector<bool>& need) {
  const bool use_saved = !saved.empty() && !grad_enabled();
  Operands o = expand_all(q, k, v, mask, is_causal, g);
  Tensor gout = grad.expand(with_last(g.batch, g.L, g.Ev));
  TensorList dq, dk, dv, dm;
  const int64_t chunks = g.blocks == 0 ? 0 : g.chunks();
  for (int64_t n = 0; n < chunks; ++n) {
    Tensor p = use_saved ? saved[static_cast<size_t>(n)] : weights(o, g, n);
    Tensor gn = chunk_of(gout, g, n);                                 // [chunk..., L, Ev]
    Tensor pd = drop.empty() ? p : p * drop[static_cast<size_t>(n)];  // the weights v saw
    if (need[2]) dv.push_back(matmul(pd.transpose(-2, -1), gn));    // [chunk..., S, Ev]
    if (!(need[0] || need[1] || (need.size() > 3 && need[3]))) continue;
    Tensor dp = matmul(gn, chunk_of(o.v, g, n).transpose(-2, -1));   // [chunk..., L, S]
    if (!drop.empty()) dp = dp * drop[static_cast<size_t>(n)];
    // The softmax VJP; masked-out weights are 0, so their scores get no gradient.
    Tensor ds = p * (dp - sum(dp * p, {-1}, true));
    if (need[0]) dq.push_back(matmul(ds, chunk_of(o.k, g, n)) * g.scale);
    if (need[1]) dk.push_back(matmul(ds.transpose(-2, -1), chunk_of(o.q, g, n)));  // o.q holds the scale
    if (need.size() > 3 && need[3]) dm.push_back(ds);
  }
  // Concatenate the chunks back into batch + [rows, cols] (they are in row-major
  // order of the batch), then sum over the dims each input was broadcast along.
  auto gather = [&](TensorList& parts, const Tensor& like, int64_t rows, int64_t cols) {
    if (g.blocks == 0) return zeros(like.shape(), like.dtype(), like.device());  // an empty batch dim
    if (parts.empty()) return Tensor();  // not needed
    return sum_to(cat(parts, 0).reshape(with_last(g.batch, rows, cols)), like.shape());
  };
  TensorList out{gather(dq, q, g.L, g.E), gather(dk, k, g.S, g.E), gather(dv, v, g.S, g.Ev)};
  if (need.size() > 3) out.push_back(gather(dm, mask, g.L, g.S));
  return out;
}

Tensor attention_impl(const Tensor& q, const Tensor& k, const Tensor& v, const Tensor& mask, double dropout_p,
                      bool is_causal, const Geometry& g, Generator* gen) {
  TensorList drop;  // one mask of 0 and 1 / (1 - p) per chunk (the weights' shape), when dropout is on
  // The weights are kept for the backward when a gradient will be asked for and they take no more memory
  // than the inputs the backward keeps anyway (L S <= L E + S E + S Ev per block): that saves the backward a
  // GEMM and a softmax. Long sequences (S much larger than E) recompute them chunk by chunk instead.
  const bool float_mask = mask.defined() && mask.dtype() != DType::Bool;
  const bool wants_grad = grad_enabled() && (q.requires_grad() || k.requires_grad() || v.requires_grad() ||
                                             (float_mask && mask.requires_grad()));
  const bool keep = wants_grad && g.L * g.S <= g.L * g.E + g.S * (g.E + g.Ev);
  TensorList saved;
  Tensor out;
  {
    NoGradGuard ng;
    Operands o = expand_all(q.detach(), k.detach(), v.detach(), mask.defined() ? mask.detach() : mask, is_causal, g);
    TensorList parts;
    const int64_t chunks = g.blocks == 0 ? 0 : g.chunks();
    for (int64_t n = 0; n < chunks; ++n) {
      Tensor p = weights(o, g, n);
      if (keep) saved.push_back(p);
      if (dropout_p > 0) {
        Tensor m = dropout_p >= 1 ? zeros(p.shape(), p.dtype(), p.device()) : empty(p.shape(), p.dtype(), p.device());
        if (dropout_p < 1) ops::backend_of(p).dropout_mask(m, dropout_p, gen ? *gen : default_generator());
        drop.push_back(m);
        p = p * m;
      }
      parts.push_back(matmul(p, chunk_of(o.v, g, n)));  // [chunk..., L, Ev]
    }
    out = g.blocks == 0 ? zeros(with_last(g.batch, g.L, g.Ev), q.dtype(), q.device())
                        : cat(parts, 0).reshape(with_last(g.batch, g.L, g.Ev));
  }
  // A bool mask takes no gradient; an additive one does, as in torch.
  TensorList inputs{q, k, v};
  if (float_mask) inputs.push_back(mask);
  return record(kAttentionOp, out, inputs,
                [q, k, v, mask, is_causal, g, drop, saved](const Tensor& grad, const std::vector<bool>& need) {
                  return attention_backward(grad, q, k, v, mask, is_causal, g, drop, saved, need);
                },
                inputs);
}

}  // namespace

Tensor scaled_dot_product_attention(const Tensor& query, const Tensor& key, const Tensor& value,
                                    const Tensor& attn_mask, double dropout_p, bool is_causal,
                                    std::optional<double> scale, bool enable_gqa, Generator* gen) {
  exported::OpScope scope;
  NNLITE_CHECK(dropout_p >= 0 && dropout_p <= 1, Value, kAttentionOp, ": dropout_p must be between 0 and 1, got ", dropout_p);
  if (dropout_p > 0 && exported::reporting())
    exported::refuse(kAttentionOp, {query, key, value, attn_mask},
                     "with dropout_p > 0 draws random numbers; exported graphs are deterministic (pass "
                     "dropout_p=0.0 when not training)");
  Tensor k = key, v = value;
  if (enable_gqa && query.dim() >= 3 && key.dim() >= 3 && value.dim() >= 3) {
    // Grouped-query attention: each key/value head serves Hq / Hkv query heads (repeat_interleave on dim -3).
    const int64_t hq = query.size(-3);
    for (Tensor* t : {&k, &v}) {
      const int64_t h = t->size(-3);
      NNLITE_CHECK(h > 0 && hq % h == 0, Value, kAttentionOp, ": with enable_gqa, the query's heads (dim -3, ", hq,
                   ") must be a multiple of the key's and value's, got ", ops::describe(*t));
      if (h == hq) continue;
      // [..., h, S, X] -> [..., h, r, S, X] (a view) -> [..., h * r, S, X]
      Shape grouped = t->shape();
      grouped.insert(grouped.end() - 2, hq / h);
      Shape heads = t->shape();
      heads[heads.size() - 3] = hq;
      *t = t->unsqueeze(-3).expand(grouped).reshape(heads);
    }
  }
  const Geometry g = check(query, k, v, attn_mask, is_causal, scale);
  Tensor y = attention_impl(query, k, v, attn_mask, dropout_p, is_causal, g, gen);
  if (exported::reporting()) {
    exported::NodeAttrs attrs = {{"is_causal", exported::jbool(is_causal)}, {"enable_gqa", exported::jbool(enable_gqa)}};
    if (scale) attrs.emplace_back("scale", exported::jnum(*scale));
    exported::report(kAttentionOp, {query, key, value, attn_mask}, {y}, std::move(attrs));
  }
  return y;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_attention_schemas(Registry& r) {
  using A = AttrType;
  // query [..., L, E], key [..., S, E], value [..., S, Ev], attn_mask [..., L, S]? -> [..., L, Ev].
  // Graphs hold eval attention only: recording refuses dropout_p > 0.
  r.add(OpSchema(kAttentionOp)
            .inputs({"query", "key", "value", "attn_mask?"})
            .attrs({{"is_causal", A::Bool}, {"enable_gqa", A::Bool}, {"scale", A::Float}})
            .differentiable()
            .no_onnx("not written yet: MatMul, Mul, Add/Where, Softmax and MatMul, with the causal mask built "
                     "from the sequence lengths")
            .kernel([](Attrs& a) -> Kernel {
              const bool causal = a.boolean("is_causal", false), gqa = a.boolean("enable_gqa", false);
              std::optional<double> scale;
              if (a.has("scale")) scale = a.number("scale");
              return [=](const TensorList& in) {
                return one(scaled_dot_product_attention(in[0], in[1], in[2], input_or_none(in, 3), 0.0, causal,
                                                        scale, gqa));
              };
            }));
}

}  // namespace nnlite::schema
