// Loss functions. Each one checks its arguments, then composes other nnlite
// ops (log_softmax, gather, softplus, sum, ...), so autograd differentiates it
// without a hand-written backward. The semantics follow PyTorch exactly,
// including the weighted means of nll_loss / cross_entropy, which divide by
// the total weight of the targets that are not ignored.
#include <cmath>
#include <string>

#include "backend/backend.h"
#include "exported/recorder.h"
#include "nnlite/autograd.h"
#include "nnlite/ops.h"
#include "ops/schema.h"

namespace nnlite {

Reduction reduction_from_name(const std::string& name) {
  if (name == "none") return Reduction::None;
  if (name == "mean") return Reduction::Mean;
  if (name == "sum") return Reduction::Sum;
  NNLITE_FAIL(Value, "reduction: expected 'none', 'mean' or 'sum' but got '", name, "'");
}

namespace {

Tensor reduce(const Tensor& loss, Reduction r) {
  switch (r) {
    case Reduction::None: return loss;
    case Reduction::Sum: return sum(loss);
    case Reduction::Mean: return mean(loss);
  }
  return loss;
}

void check_defined(const Tensor& t, const char* op, const char* what) {
  NNLITE_CHECK(t.defined(), Value, op, ": ", what, " is an undefined tensor");
}

void check_floating(const Tensor& t, const char* op, const char* what) {
  NNLITE_CHECK(is_floating(t.dtype()), Type, op, ": expected ", what,
               " to be a floating point tensor (float32 or float64) but got ", dtype_name(t.dtype()));
}

// True when `from` broadcasts to exactly `to` (NumPy rules, `to` unchanged).
bool broadcasts_to(const Shape& from, const Shape& to) {
  if (from.size() > to.size()) return false;
  size_t lead = to.size() - from.size();
  for (size_t i = 0; i < from.size(); ++i)
    if (from[i] != 1 && from[i] != to[lead + i]) return false;
  return true;
}

// True when the two shapes broadcast together.
bool broadcastable(const Shape& a, const Shape& b) {
  size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    int64_t x = i < a.size() ? a[a.size() - 1 - i] : 1;
    int64_t y = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (x != y && x != 1 && y != 1) return false;
  }
  return true;
}

// Both defined and floating: what every regression-style loss needs first.
void check_float_pair(const Tensor& input, const Tensor& target, const char* op) {
  check_defined(input, op, "input");
  check_defined(target, op, "target");
  check_floating(input, op, "input");
  check_floating(target, op, "target");
}

// The per-element loss of an input/target pair that must broadcast (mse, l1).
void check_pair(const Tensor& input, const Tensor& target, const char* op) {
  check_float_pair(input, target, op);
  NNLITE_CHECK(broadcastable(input.shape(), target.shape()), Value, op, ": input shape ",
               shape_str(input.shape()), " and target shape ", shape_str(target.shape()),
               " do not broadcast; expected the same shape");
}

// The binary cross entropies want the target of exactly the input's shape.
void check_same_shape(const Tensor& input, const Tensor& target, const char* op) {
  check_float_pair(input, target, op);
  NNLITE_CHECK(target.shape() == input.shape(), Value, op, ": expected target of the input's shape ",
               shape_str(input.shape()), " but got ", shape_str(target.shape()));
}

// An optional elementwise weight must broadcast to the input's shape.
void check_elementwise_weight(const Tensor& w, const Tensor& input, const char* op, const char* what) {
  if (!w.defined()) return;
  check_floating(w, op, what);
  NNLITE_CHECK(broadcasts_to(w.shape(), input.shape()), Value, op, ": ", what, " of shape ",
               shape_str(w.shape()), " does not broadcast to the input shape ", shape_str(input.shape()));
}

// A class weight is a 1-d tensor with one entry per class.
void check_class_weight(const Tensor& w, int64_t classes, const char* op) {
  if (!w.defined()) return;
  check_floating(w, op, "weight");
  NNLITE_CHECK(w.dim() == 1 && w.size(0) == classes, Value, op, ": weight must be a 1-d tensor with one entry per class (",
               classes, ") but got shape ", shape_str(w.shape()));
}

Tensor scalar_like(double v, const Tensor& like) { return scalar_tensor(v, like.dtype(), true); }

// Checks of a class-index target against an input of shape [N, C, d1, ...]
// (the caller has already made an unbatched [C] input batched).
void check_index_target(const Tensor& input, const Tensor& target, const char* op) {
  NNLITE_CHECK(input.dim() >= 2, Value, op, ": expected input of shape [C], [N, C] or [N, C, d1, ...] but got ",
               shape_str(input.shape()));
  NNLITE_CHECK(target.dim() >= 1 && target.size(0) == input.size(0), Value, op, ": expected input batch size (",
               input.size(0), ") to match target batch size (", target.dim() >= 1 ? target.size(0) : 0,
               "); input shape ", shape_str(input.shape()), ", target shape ", shape_str(target.shape()));
  Shape expected{input.size(0)};
  for (int64_t d = 2; d < input.dim(); ++d) expected.push_back(input.size(d));
  NNLITE_CHECK(target.shape() == expected, Value, op, ": expected target of shape ", shape_str(expected),
               " for input of shape ", shape_str(input.shape()), " but got ", shape_str(target.shape()));
}

// Every target that is not ignore_index must lie in [0, C).
void check_class_range(const Tensor& target, int64_t classes, int64_t ignore_index, const char* op) {
  if (target.numel() == 0) return;
  NoGradGuard no_grad;
  Tensor flat = target.reshape({-1});
  Tensor ignored = eq(flat, scalar_tensor(static_cast<double>(ignore_index), DType::Int64, true));
  Tensor outside = logical_or(lt(flat, scalar_tensor(0, DType::Int64, true)),
                              ge(flat, scalar_tensor(static_cast<double>(classes), DType::Int64, true)));
  Tensor bad = logical_and(outside, logical_not(ignored)).to(DType::Int64);
  Tensor count = sum(bad);
  // On a GPU the count is read when the host next waits for the device, not here.
  backend::check_when_ready(count, [count, bad, flat, classes, ignore_index, op] {
    if (count.item() == 0) return;
    NoGradGuard off;
    const int64_t value = static_cast<int64_t>(flat.select(0, static_cast<int64_t>(argmax(bad).item())).item());
    NNLITE_FAIL(Index, op, ": target value ", value, " is out of range [0, ", classes, ") for ", classes,
                " classes (ignore_index=", ignore_index, ")");
  });
}

// The pieces of a negative log-likelihood over class indices, per element of
// the target: the weighted loss (zero where ignored) and the weight itself
// (zero where ignored), whose sum is the divisor of the "mean" reduction.
struct NllParts {
  Tensor loss;
  Tensor weight;
  Tensor ignored;  // bool, target's shape
};

NllParts nll_parts(const Tensor& log_probs, const Tensor& target, const Tensor& weight, int64_t ignore_index) {
  NllParts p;
  p.ignored = eq(target, scalar_tensor(static_cast<double>(ignore_index), DType::Int64, true));
  // Ignored entries may hold any value (even -100): gather from class 0
  // instead, and zero their weight.
  Tensor safe = masked_fill(target, p.ignored, 0);
  Tensor picked = gather(log_probs, 1, safe.unsqueeze(1)).squeeze(1);
  Tensor kept = logical_not(p.ignored).to(log_probs.dtype());
  if (weight.defined())
    p.weight = index_select(weight.to(log_probs.dtype()), 0, safe.reshape({-1})).reshape(target.shape()) * kept;
  else
    p.weight = kept;
  p.loss = neg(picked) * p.weight;
  return p;
}

Tensor reduce_weighted(const Tensor& loss, const Tensor& weight, Reduction r) {
  switch (r) {
    case Reduction::None: return loss;
    case Reduction::Sum: return sum(loss);
    case Reduction::Mean: return sum(loss) / sum(weight);  // 0/0 = nan when all are ignored, as in PyTorch
  }
  return loss;
}

// Turn a class-index target into int64, or refuse it.
Tensor index_target(const Tensor& target, const char* op) {
  NNLITE_CHECK(target.dtype() == DType::Int64 || target.dtype() == DType::UInt8, Type, op,
               ": expected class-index target of dtype int64 (or uint8) but got ", dtype_name(target.dtype()));
  return target.to(DType::Int64);
}

// The NLL over a batched [N, C, ...] log-probability input.
Tensor nll_batched(const Tensor& log_probs, const Tensor& target, const Tensor& weight, int64_t ignore_index,
                   Reduction r, const char* op) {
  check_index_target(log_probs, target, op);
  check_class_weight(weight, log_probs.size(1), op);
  check_class_range(target, log_probs.size(1), ignore_index, op);
  NllParts p = nll_parts(log_probs, target, weight, ignore_index);
  return reduce_weighted(p.loss, p.weight, r);
}

// Cross entropy with class indices and label smoothing (ls > 0): a mix of the
// NLL and the (weighted) mean of -log p over all classes.
Tensor cross_entropy_smoothed(const Tensor& log_probs, const Tensor& target, const Tensor& weight,
                              int64_t ignore_index, Reduction r, double ls) {
  const char* op = "cross_entropy";
  check_index_target(log_probs, target, op);
  int64_t classes = log_probs.size(1);
  check_class_weight(weight, classes, op);
  check_class_range(target, classes, ignore_index, op);
  NllParts p = nll_parts(log_probs, target, weight, ignore_index);
  Tensor all = log_probs;
  if (weight.defined()) {
    Shape wshape(log_probs.dim(), 1);
    wshape[1] = classes;
    all = log_probs * weight.to(log_probs.dtype()).reshape(wshape);
  }
  Tensor smooth = masked_fill(neg(sum(all, {1})), p.ignored, 0.0);
  Tensor nll = reduce_weighted(p.loss, p.weight, r);
  Tensor spread = reduce_weighted(smooth, p.weight, r);
  return nll * (1.0 - ls) + spread * (ls / static_cast<double>(classes));
}

// Cross entropy against class probabilities of the input's shape.
Tensor cross_entropy_probs(const Tensor& input, const Tensor& target, const Tensor& weight, int64_t ignore_index,
                           Reduction r, double ls) {
  const char* op = "cross_entropy";
  NNLITE_CHECK(target.shape() == input.shape(), Value, op,
               ": a class-probability target must have the input's shape ", shape_str(input.shape()), " but got ",
               shape_str(target.shape()), " (class-index targets must be int64)");
  NNLITE_CHECK(ignore_index == -100, Value, op, ": ignore_index (", ignore_index,
               ") is not supported for class-probability (floating point) targets");
  int64_t class_dim = input.dim() == 1 ? 0 : 1;
  int64_t classes = input.size(class_dim);
  NNLITE_CHECK(classes > 0, Value, op, ": input has no classes (shape ", shape_str(input.shape()), ")");
  check_class_weight(weight, classes, op);
  Tensor log_probs = log_softmax(input, class_dim);
  Tensor probs = target.to(input.dtype());
  if (ls > 0) probs = probs * (1.0 - ls) + ls / static_cast<double>(classes);
  Tensor terms = log_probs * probs;
  if (weight.defined()) {
    Shape wshape(input.dim(), 1);
    wshape[class_dim] = classes;
    terms = terms * weight.to(input.dtype()).reshape(wshape);
  }
  Tensor loss = neg(sum(terms, {class_dim}));
  switch (r) {
    case Reduction::None: return loss;
    case Reduction::Sum: return sum(loss);
    // The mean is over the batch elements, never weighted.
    case Reduction::Mean: return sum(loss) / static_cast<double>(input.numel() / classes);
  }
  return loss;
}

}  // namespace

Tensor mse_loss(const Tensor& input, const Tensor& target, Reduction r) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("mse_loss", {input, target});
  check_pair(input, target, "mse_loss");
  Tensor d = input - target;
  return reduce(d * d, r);
}

Tensor l1_loss(const Tensor& input, const Tensor& target, Reduction r) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("l1_loss", {input, target});
  check_pair(input, target, "l1_loss");
  return reduce(abs(input - target), r);
}

Tensor binary_cross_entropy(const Tensor& input, const Tensor& target, const Tensor& weight, Reduction r) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("binary_cross_entropy", {input, target});
  const char* op = "binary_cross_entropy";
  check_same_shape(input, target, op);
  check_elementwise_weight(weight, input, op, "weight");
  if (input.numel() > 0) {
    NoGradGuard no_grad;
    Tensor x = input.detach();
    double lo = amin(x).item(), hi = amax(x).item();
    NNLITE_CHECK(lo >= 0 && hi <= 1, Value, op, ": all elements of input must be probabilities in [0, 1] but got values in [",
                 lo, ", ", hi, "]");
  }
  // log(0) would be -inf and its backward 0 * inf = nan: take the log of a
  // safe value where x is 0 and clamp at -100, as PyTorch does.
  auto safe_log = [](const Tensor& x) {
    Tensor positive = gt(x, scalar_like(0, x));
    Tensor safe = where(positive, x, ones_like(x));
    return clamp(where(positive, log(safe), full_like(x, -100.0)), -100.0, std::nullopt);
  };
  Tensor loss = neg(target * safe_log(input) + (1.0 - target) * safe_log(1.0 - input));
  if (weight.defined()) loss = loss * weight.to(input.dtype());
  return reduce(loss, r);
}

Tensor binary_cross_entropy_with_logits(const Tensor& input, const Tensor& target, const Tensor& weight,
                                        const Tensor& pos_weight, Reduction r) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("binary_cross_entropy_with_logits", {input, target});
  const char* op = "binary_cross_entropy_with_logits";
  check_same_shape(input, target, op);
  check_elementwise_weight(weight, input, op, "weight");
  check_elementwise_weight(pos_weight, input, op, "pos_weight");
  // (1 - t) * x + (1 + (pw - 1) * t) * log(1 + exp(-x)): softplus keeps the
  // exponential from overflowing for large |x|.
  Tensor tail = softplus(neg(input));
  Tensor loss;
  if (pos_weight.defined()) {
    Tensor log_weight = 1.0 + (pos_weight.to(input.dtype()) - 1.0) * target;
    loss = (1.0 - target) * input + log_weight * tail;
  } else {
    loss = (1.0 - target) * input + tail;
  }
  if (weight.defined()) loss = loss * weight.to(input.dtype());
  return reduce(loss, r);
}

Tensor nll_loss(const Tensor& log_probs, const Tensor& target_in, const Tensor& weight, int64_t ignore_index,
                Reduction r) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("nll_loss", {log_probs, target_in});
  const char* op = "nll_loss";
  check_defined(log_probs, op, "input");
  check_defined(target_in, op, "target");
  check_floating(log_probs, op, "input");
  Tensor target = index_target(target_in, op);
  if (log_probs.dim() == 1) {  // unbatched: input [C], target []
    NNLITE_CHECK(target.dim() == 0, Value, op, ": expected a 0-d target for input of shape ",
                 shape_str(log_probs.shape()), " but got ", shape_str(target.shape()));
    Tensor out = nll_batched(log_probs.unsqueeze(0), target.unsqueeze(0), weight, ignore_index, r, op);
    return r == Reduction::None ? out.squeeze(0) : out;
  }
  return nll_batched(log_probs, target, weight, ignore_index, r, op);
}

Tensor cross_entropy(const Tensor& input, const Tensor& target, const Tensor& weight, int64_t ignore_index,
                     Reduction r, double label_smoothing) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("cross_entropy", {input, target});
  const char* op = "cross_entropy";
  check_defined(input, op, "input");
  check_defined(target, op, "target");
  check_floating(input, op, "input");
  NNLITE_CHECK(input.dim() >= 1, Value, op, ": expected input of shape [C], [N, C] or [N, C, d1, ...] but got ",
               shape_str(input.shape()));
  NNLITE_CHECK(label_smoothing >= 0.0 && label_smoothing <= 1.0, Value, op,
               ": label_smoothing must be in [0, 1] but got ", label_smoothing);
  if (is_floating(target.dtype())) return cross_entropy_probs(input, target, weight, ignore_index, r, label_smoothing);

  Tensor idx = index_target(target, op);
  bool unbatched = input.dim() == 1;
  if (unbatched)
    NNLITE_CHECK(idx.dim() == 0, Value, op, ": expected a 0-d target for input of shape ", shape_str(input.shape()),
                 " but got ", shape_str(idx.shape()));
  Tensor x = unbatched ? input.unsqueeze(0) : input;
  Tensor t = unbatched ? idx.unsqueeze(0) : idx;
  NNLITE_CHECK(x.size(1) > 0, Value, op, ": input has no classes (shape ", shape_str(input.shape()), ")");
  Tensor log_probs = log_softmax(x, 1);
  Tensor out = label_smoothing > 0 ? cross_entropy_smoothed(log_probs, t, weight, ignore_index, r, label_smoothing)
                                   : nll_batched(log_probs, t, weight, ignore_index, r, op);
  return unbatched && r == Reduction::None ? out.squeeze(0) : out;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_loss_schemas(Registry& r) {
  using A = AttrType;
  const std::string why = "a training loss; exported graphs hold inference only";
  r.add(OpSchema("mse_loss")
            .inputs({"input", "target"})
            .attrs({{"reduction", A::String}})
            .differentiable()
            .not_exportable(why));
  r.add(OpSchema("l1_loss")
            .inputs({"input", "target"})
            .attrs({{"reduction", A::String}})
            .differentiable()
            .not_exportable(why));
  r.add(OpSchema("binary_cross_entropy")
            .inputs({"input", "target", "weight?"})
            .attrs({{"reduction", A::String}})
            .differentiable()
            .not_exportable(why));
  r.add(OpSchema("binary_cross_entropy_with_logits")
            .inputs({"input", "target", "weight?", "pos_weight?"})
            .attrs({{"reduction", A::String}})
            .differentiable()
            .not_exportable(why));
  r.add(OpSchema("nll_loss")
            .inputs({"input", "target", "weight?"})
            .attrs({{"ignore_index", A::Int}, {"reduction", A::String}})
            .differentiable()
            .not_exportable(why));
  r.add(OpSchema("cross_entropy")
            .inputs({"input", "target", "weight?"})
            .attrs({{"ignore_index", A::Int}, {"reduction", A::String}, {"label_smoothing", A::Float}})
            .differentiable()
            .not_exportable(why));
}

}  // namespace nnlite::schema
