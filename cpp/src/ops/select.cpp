// masked_select: the elements where a mask is true, as a 1-d tensor. Its
// size depends on the mask's values, so the positions come from the backend
// (nonzero, through advanced indexing with the mask), never from a host loop.
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

Tensor masked_select(const Tensor& x, const Tensor& mask) {
  exported::OpScope scope;
  if (exported::reporting())
    exported::refuse("masked_select", {x, mask}, "is not supported in exported graphs (its size depends on the "
                     "mask's values)");
  NNLITE_CHECK(mask.dtype() == DType::Bool, Type, "masked_select: mask must be a bool tensor, got ",
               ops::describe(mask));
  const Shape s = ops::broadcast_shapes(x.shape(), mask.shape(), "masked_select");
  // Both broadcast and flattened (a copy only where broadcasting needs one),
  // so 0-d operands and masks of any rank index one dim.
  Tensor flat_mask = ops::expand_raw(mask, s).reshape({-1});
  Tensor out;
  {
    NoGradGuard ng;
    out = index(ops::expand_raw(x.detach(), s).reshape({-1}), {flat_mask});
  }
  Shape xs = x.shape();
  return record("masked_select", out, {x}, [xs, s, flat_mask](const Tensor& g, const std::vector<bool>&) {
    Tensor spread = index_put(zeros({shape_numel(s)}, g.dtype(), g.device()), {flat_mask}, g, false);
    return TensorList{sum_to(spread.reshape(s), xs)};
  });
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_select_schemas(Registry& r) {
  r.add(OpSchema("masked_select")
            .inputs({"input", "mask"})
            .differentiable()
            .not_exportable("its output size depends on the mask's values, and graph shapes follow the inputs' "
                            "shapes only"));
}

}  // namespace nnlite::schema
