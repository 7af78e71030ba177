// Ops on categories: one_hot (class indices to int64 indicator rows) and
// multinomial (category draws by weight, a backend kernel that checks every
// row before drawing and reports what it found).
#include <cmath>

#include "backend/backend.h"
#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

Tensor one_hot(const Tensor& indices, int64_t num_classes) {
  exported::OpScope scope;
  NNLITE_CHECK(indices.dtype() == DType::Int64, Type, "one_hot: expected an int64 tensor of class indices, got ",
               ops::describe(indices));
  NNLITE_CHECK(num_classes >= -1, Value, "one_hot: num_classes must be -1 (inferred) or at least 0, got ",
               num_classes);
  if (indices.numel() == 0) {
    NNLITE_CHECK(num_classes > 0, Value, "one_hot: cannot infer num_classes from an empty tensor of shape ",
                 shape_str(indices.shape()), "; pass a positive num_classes");
  } else {
    // The range check needs the extreme values on the host, as in torch.
    const double lo = amin(indices).item(), hi = amax(indices).item();
    NNLITE_CHECK(lo >= 0, Value, "one_hot: class values must be non-negative, got ", static_cast<int64_t>(lo));
    if (num_classes == -1) num_classes = static_cast<int64_t>(hi) + 1;
    NNLITE_CHECK(hi < static_cast<double>(num_classes), Value, "one_hot: class value ", static_cast<int64_t>(hi),
                 " is out of range for num_classes = ", num_classes, " (expected values below it)");
  }
  NoGradGuard ng;
  Tensor classes = arange(0, num_classes, 1, DType::Int64, indices.device());
  Tensor y = eq(indices.unsqueeze(-1), classes).to(DType::Int64);
  // The class count is fixed at export (an inferred one too), as the output's width.
  NNLITE_REPORT("one_hot", {indices}, {y}, {{"num_classes", exported::jint(num_classes)}});
  return y;
}

Tensor multinomial(const Tensor& probs, int64_t n, bool replacement, Generator* gen) {
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("multinomial", {probs}, "is not supported in exported graphs (a random draw)");
  NNLITE_CHECK(probs.dtype() == DType::Float32 || probs.dtype() == DType::Float64, Type,
               "multinomial: expected a float32 or float64 tensor of probabilities, got ", ops::describe(probs));
  NNLITE_CHECK(probs.dim() == 1 || probs.dim() == 2, Value,
               "multinomial: expected probabilities of 1 or 2 dimensions, got ", ops::describe(probs));
  const int64_t C = probs.size(-1), R = probs.dim() == 2 ? probs.size(0) : 1;
  NNLITE_CHECK(C > 0, Value, "multinomial: the probabilities of shape ", shape_str(probs.shape()),
               " have no categories");
  NNLITE_CHECK(n > 0, Value, "multinomial: num_samples must be positive, got ", n);
  NNLITE_CHECK(replacement || n <= C, Value, "multinomial: cannot draw ", n, " samples from ", C,
               " categories without replacement (expected num_samples <= ", C, ", or replacement=True)");
  Tensor p = probs.detach().contiguous().reshape({R, C});
  Tensor out = empty({R, n}, DType::Int64, probs.device());
  backend::MultinomialFault f =
      ops::backend_of(probs).multinomial(p, n, replacement, out, gen ? *gen : default_generator());
  using F = backend::MultinomialFault;
  NNLITE_CHECK(f.kind != F::BadValue, Value, "multinomial: row ", f.row,
               " of the probabilities holds a negative, infinite or NaN value (expected finite weights >= 0)");
  NNLITE_CHECK(f.kind != F::ZeroSum, Value, "multinomial: the probabilities of row ", f.row,
               " sum to zero (expected a positive sum)");
  NNLITE_CHECK(f.kind != F::TooFewCategories, Value, "multinomial: row ", f.row,
               " has fewer categories of positive probability than the ", n,
               " samples to draw without replacement");
  return probs.dim() == 1 ? out.reshape({n}) : out;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_categorical_schemas(Registry& r) {
  r.add(OpSchema("one_hot")
            .inputs({"input"})
            .attrs({{"num_classes", AttrType::Int}})
            .onnx({"OneHot"})
            .kernel([](Attrs& a) -> Kernel {
              int64_t num_classes = a.integer("num_classes", -1);
              return [=](const TensorList& in) { return one(one_hot(in[0], num_classes)); };
            }));
  r.add(OpSchema("multinomial")
            .inputs({"input"})
            .attrs({{"num_samples", AttrType::Int}, {"replacement", AttrType::Bool}})
            .not_exportable("a random draw: exported graphs are deterministic inference"));
}

}  // namespace nnlite::schema
