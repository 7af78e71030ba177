// In-place ops. Each computes its result out of place, then writes it into
// the target and, under autograd, hands the result's history to the target.
// The storage's version is bumped so that backward can detect saved tensors
// that were overwritten.
#include "exported/recorder.h"
#include "ops/inplace.h"
#include "ops/op_util.h"

namespace nnlite {

using detail::assign_;
using detail::inplace_input;

namespace {

void check_inplace(const Tensor& t, const char* op, bool result_requires_grad) {
  if (!grad_enabled()) return;
  NNLITE_CHECK(!(t.requires_grad() && t.is_leaf()), Runtime, op,
               ": a leaf tensor that requires grad is being used in an in-place operation; "
               "wrap it in no_grad() or operate on a clone");
  NNLITE_CHECK(!((t.requires_grad() || result_requires_grad) && t.impl()->is_view), Runtime, op,
               ": in-place change of a view of a tensor that requires grad is not supported; clone() it first");
}

}  // namespace

Tensor& detail::assign_(Tensor& t, const Tensor& result, const char* op) {
  exported::OpScope scope;
  NNLITE_CHECK(result.shape() == t.shape(), Value, op, ": the result of shape ", shape_str(result.shape()),
               " does not match the shape ", shape_str(t.shape()), " of the tensor changed in place");
  NNLITE_CHECK(is_floating(t.dtype()) || !is_floating(result.dtype()), Type, op, ": the result type ",
               dtype_name(result.dtype()), " cannot be stored in place in a ", ops::describe(t));
  check_inplace(t, op, result.requires_grad());
  // The history t takes over, decided before t changes.
  std::shared_ptr<Node> history;
  if (grad_enabled() && result.requires_grad()) {
    history = (result.is_leaf() ? result.clone() : result).grad_fn();  // a leaf has no node to hand over
  } else if (grad_enabled() && t.requires_grad()) {
    // New values that do not depend on the old ones (x.fill_(1), x.copy_(constant)):
    // the old history must get a zero gradient, not the gradient of the new values.
    Tensor old = ops::view_raw(t, t.shape(), t.strides(), t.offset());
    old.impl()->grad_fn = t.grad_fn();
    old.impl()->requires_grad = true;
    Tensor marker = record(op, ops::view_raw(t, t.shape(), t.strides(), t.offset()), {old},
                           [](const Tensor& g, const std::vector<bool>&) { return TensorList{zeros_like(g)}; });
    history = marker.grad_fn();
  }
  {
    // The result may alias the target (x.copy_(x.t())): never read what we write.
    Tensor src = result.storage() == t.storage() ? result.detach().clone() : result.detach();
    ops::backend_of({t, src}, op).copy(src, t);
  }
  t.storage()->bump_version();
  if (exported::reporting()) exported::report_assign(t, result, op);
  if (history) {
    t.impl()->grad_fn = std::move(history);
    t.impl()->requires_grad = true;
  }
  return t;
}

Tensor& copy_(Tensor& dst, const Tensor& src) {
  exported::OpScope scope;
  if (exported::reporting()) exported::report_assign(dst, src, "copy_");  // checks before dst changes
  Shape s = ops::broadcast_shapes(dst.shape(), src.shape(), "copy_");
  NNLITE_CHECK(s == dst.shape(), Value, "copy_: source of shape ", shape_str(src.shape()),
               " cannot be broadcast to the destination's shape ", shape_str(dst.shape()));
  if (!grad_enabled() || !any_requires_grad({dst, src})) {
    check_inplace(dst, "copy_", false);
    Tensor from = src.storage() == dst.storage() ? src.clone() : src;
    // Between devices too, as torch's: such a copy belongs to the non-CPU side's backend.
    backend::backend_for(dst.device().is_cpu() ? from.device() : dst.device(), "copy_")
        .copy(ops::expand_raw(from, dst.shape()), dst);
    dst.storage()->bump_version();
    return dst;
  }
  return assign_(dst, src.expand(dst.shape()).to(dst.dtype()).to(dst.device()), "copy_");
}

Tensor& fill_(Tensor& t, Scalar value) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("fill_", {t});
  if (grad_enabled() && t.requires_grad()) return assign_(t, full(t.shape(), value, t.dtype(), t.device()), "fill_");
  ops::backend_of(t).fill(t, value);
  t.storage()->bump_version();
  return t;
}

Tensor& zero_(Tensor& t) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("zero_", {t});
  return fill_(t, 0);
}

namespace {
template <typename F>
Tensor& random_fill_(Tensor& t, const char* op, F&& generate) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse(op, {t});
  check_inplace(t, op, false);
  ops::check_floating(t, op);
  if (t.is_contiguous()) {
    generate(t);
  } else {
    Tensor tmp = empty(t.shape(), t.dtype(), t.device());
    generate(tmp);
    ops::backend_of(t).copy(tmp, t);
  }
  t.storage()->bump_version();
  return t;
}
}  // namespace

Tensor& uniform_(Tensor& t, double low, double high, Generator* gen) {
  NNLITE_CHECK(low <= high, Value, "uniform_: expected low <= high, got low=", low, " high=", high);
  return random_fill_(t, "uniform_", [&](Tensor& x) {
    ops::backend_of(x).uniform(x, low, high, gen ? *gen : default_generator());
  });
}

Tensor& normal_(Tensor& t, double mean, double std, Generator* gen) {
  NNLITE_CHECK(std >= 0, Value, "normal_: std must be non-negative, got ", std);
  return random_fill_(t, "normal_", [&](Tensor& x) {
    ops::backend_of(x).normal(x, mean, std, gen ? *gen : default_generator());
  });
}

Tensor detail::inplace_input(const Tensor& x, const Tensor& target, const Tensor& other) {
  // Under autograd the out-of-place op may save its inputs for backward; the
  // target is about to be overwritten, so the op must see a private copy.
  bool recording = grad_enabled() && any_requires_grad({target, other, x});
  if (recording && x.defined() && x.storage() == target.storage()) return x.clone();
  return x;
}

namespace {
template <typename F>
Tensor& binary_inplace(Tensor& t, const Tensor& o, F op, const char* name) {
  return assign_(t, op(inplace_input(t, t, o), inplace_input(o, t, o)), name);
}
}  // namespace

Tensor& add_(Tensor& t, const Tensor& o) { return binary_inplace(t, o, add, "add_"); }
Tensor& sub_(Tensor& t, const Tensor& o) { return binary_inplace(t, o, sub, "sub_"); }
Tensor& mul_(Tensor& t, const Tensor& o) { return binary_inplace(t, o, mul, "mul_"); }
Tensor& div_(Tensor& t, const Tensor& o) { return binary_inplace(t, o, div, "div_"); }

}  // namespace nnlite
