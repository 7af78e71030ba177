// Embedding: a row lookup weight[indices], its row-accumulating weight
// gradient (never a one-hot product) and the in-place max_norm
// renormalisation of the rows an input references. Index checks happen in
// the kernels; these ops never read index values on the host.
#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

// indices as contiguous int64 [N]; TypeError for anything but integer indices.
Tensor flat_indices(const Tensor& indices, const char* op) {
  NNLITE_CHECK(indices.defined(), Value, op, ": indices are missing");
  NNLITE_CHECK(indices.dtype() == DType::Int64 || indices.dtype() == DType::Int32, Type, op,
               ": indices must be an int64 or int32 tensor, got ", ops::describe(indices));
  return indices.to(DType::Int64).contiguous().reshape({-1});
}

void check_weight(const Tensor& weight, const char* op) {
  NNLITE_CHECK(weight.defined() && weight.dim() == 2, Value, op,
               ": weight must be 2-d [num_embeddings, embedding_dim], got ",
               weight.defined() ? ops::describe(weight) : std::string("nothing"));
}

void check_padding(int64_t padding_idx, int64_t num, const char* op) {
  NNLITE_CHECK(padding_idx >= -1 && padding_idx < num, Value, op, ": padding_idx ", padding_idx,
               " must be -1 (none) or within [0, ", num, ") (negative values are wrapped by the caller)");
}

void check_fault(backend::IndexFault f, const char* op, int64_t num) {
  if (f.later)  // the device answers later: the check runs when the host next waits for it
    return backend::defer_check([later = std::move(f.later), op, num] { check_fault(later(), op, num); });
  NNLITE_CHECK(!f.found, Index, op, ": index ", f.value, " is out of range for num_embeddings ", num,
               " (valid indices are 0 to ", num - 1, ")");
}

}  // namespace

Tensor embedding(const Tensor& weight, const Tensor& indices, int64_t padding_idx, bool scale_grad_by_freq,
                 bool sparse) {
  exported::OpScope scope;
  check_weight(weight, "embedding");
  NNLITE_CHECK(!sparse, NotImplemented, "embedding: sparse=True gives a sparse weight gradient, but nnlite has no "
               "sparse tensors; use sparse=False (the dense gradient adds only the referenced rows)");
  const int64_t num = weight.shape()[0], D = weight.shape()[1];
  check_padding(padding_idx, num, "embedding");
  Tensor idx = flat_indices(indices, "embedding");
  Tensor w = weight.contiguous();
  Tensor out = empty({idx.numel(), D}, weight.dtype(), weight.device());
  check_fault(ops::backend_of({weight, idx}, "embedding").embedding(w, idx, out), "embedding", num);
  Shape out_shape = indices.shape();
  out_shape.push_back(D);
  out = out.reshape(out_shape);
  NNLITE_REPORT("embedding", {weight, indices}, {out},
                {{"padding_idx", exported::jint(padding_idx)}, {"scale_grad_by_freq", exported::jbool(scale_grad_by_freq)}});
  return record("embedding", out, {weight}, [idx, num, padding_idx, scale_grad_by_freq](
                    const Tensor& g, const std::vector<bool>&) {
    return TensorList{embedding_backward(g, idx, num, padding_idx, scale_grad_by_freq)};
  }, {idx});
}

Tensor embedding_backward(const Tensor& grad, const Tensor& indices, int64_t num_weights, int64_t padding_idx,
                          bool scale_grad_by_freq) {
  const char* op = "embedding_backward";
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse(op, {grad, indices});
  Tensor idx = flat_indices(indices, op);
  NNLITE_CHECK(grad.dim() >= 1 && grad.numel() == idx.numel() * grad.shape().back(), Value, op, ": grad of shape ",
               shape_str(grad.shape()), " must be the indices' shape ", shape_str(indices.shape()),
               " plus [embedding_dim]");
  NNLITE_CHECK(is_floating(grad.dtype()), Type, op, ": grad must be a floating-point tensor, got ",
               ops::describe(grad));
  NNLITE_CHECK(num_weights >= 0, Value, op, ": num_weights must be non-negative, got ", num_weights);
  check_padding(padding_idx, num_weights, op);
  const int64_t D = grad.shape().back();
  Tensor g2 = grad.contiguous().reshape({idx.numel(), D});
  Tensor gw = zeros({num_weights, D}, grad.dtype(), grad.device());
  check_fault(ops::backend_of({grad, idx}, op).embedding_backward(g2, idx, padding_idx, scale_grad_by_freq, gw),
              op, num_weights);
  Shape gshape = grad.shape();
  // Linear in grad: its adjoint reads the rows back, each weighted by what
  // the forward applied to it (0 for padding_idx, 1 / count when scaled).
  return record(op, gw, {grad}, [idx, gshape, num_weights, padding_idx, scale_grad_by_freq](
                    const Tensor& gg, const std::vector<bool>&) {
    Tensor G = gg;
    if (padding_idx >= 0 || scale_grad_by_freq) {
      Tensor m;
      {
        NoGradGuard ng;
        m = ones({num_weights}, gg.dtype(), gg.device());
        if (padding_idx >= 0)
          m = m * ne(arange(0, num_weights, 1, DType::Int64, gg.device()),
                     scalar_tensor(padding_idx, DType::Int64)).to(gg.dtype());
        if (scale_grad_by_freq) {
          Tensor counts = index_put(zeros({num_weights}, gg.dtype(), gg.device()), {idx},
                                    ones({idx.numel()}, gg.dtype(), gg.device()), true);
          m = m / clamp(counts, Scalar(1.0), std::nullopt);
        }
      }
      G = gg * m.unsqueeze(1);
    }
    return TensorList{embedding(G, idx, -1, false, false).reshape(gshape)};
  }, {idx});
}

Tensor& embedding_renorm_(Tensor& weight, const Tensor& indices, double max_norm, double norm_type) {
  const char* op = "embedding_renorm_";
  exported::OpScope scope;
  if (exported::reporting())
    exported::refuse(op, {weight, indices}, "(max_norm) is not supported in exported graphs: it rewrites the weight "
                     "in place, depending on the indices");
  check_weight(weight, op);
  NNLITE_CHECK(is_floating(weight.dtype()), Type, op, ": weight must be a floating-point tensor, got ",
               ops::describe(weight));
  NNLITE_CHECK(weight.is_contiguous(), Value, op, ": weight must be contiguous to be renormalised in place");
  NNLITE_CHECK(max_norm >= 0 && norm_type > 0, Value, op, ": max_norm must be non-negative and norm_type positive, "
               "got max_norm=", max_norm, ", norm_type=", norm_type);
  NNLITE_CHECK(!grad_enabled() || !weight.requires_grad(), Runtime, op,
               ": weight requires grad; renormalise it under no_grad() (as F.embedding does)");
  Tensor idx = flat_indices(indices, op);
  check_fault(ops::backend_of({weight, idx}, op).embedding_renorm(weight, idx, max_norm, norm_type), op,
              weight.shape()[0]);
  weight.storage()->bump_version();
  return weight;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_embedding_schemas(Registry& r) {
  using A = AttrType;
  r.add(OpSchema("embedding")
            .inputs({"weight", "indices"})
            .attrs({{"padding_idx", A::Int}, {"scale_grad_by_freq", A::Bool}})
            .differentiable()
            .onnx({"Gather"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t padding_idx = a.integer("padding_idx", -1);
              bool scale = a.boolean("scale_grad_by_freq", false);
              return [=](const TensorList& in) { return one(embedding(in[0], in[1], padding_idx, scale)); };
            }));
  r.add(OpSchema("embedding_backward")
            .inputs({"grad", "indices"})
            .attrs({{"num_weights", A::Int}, {"padding_idx", A::Int}, {"scale_grad_by_freq", A::Bool}})
            .differentiable()
            .not_exportable("a gradient: graphs hold inference only"));
  r.add(OpSchema("embedding_renorm_")
            .inputs({"weight", "indices"})
            .attrs({{"max_norm", A::Float}, {"norm_type", A::Float}})
            .not_exportable("changes the weight in place, and values in a graph are never written in place"));
}

}  // namespace nnlite::schema
