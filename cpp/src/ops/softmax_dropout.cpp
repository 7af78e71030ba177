// softmax, log_softmax, dropout and dropout2d (whole channels).
#include <tuple>

#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {
Tensor softmax_impl(const char* name, const Tensor& x, int64_t dim, bool log) {
  exported::OpScope scope;
  ops::check_floating(x, name);
  int64_t d = ops::wrap_dim(dim, x.dim(), name);
  Tensor xc = x.detach().contiguous();
  Tensor y = empty(x.shape(), x.dtype(), x.device());
  if (x.dim() == 0)
    fill_(y, log ? 0.0 : 1.0);
  else
    ops::backend_of(x).softmax(xc, d, log, y);
  NNLITE_REPORT(name, {x}, {y}, {{"dim", exported::jint(dim)}});
  Tensor yd = y.detach();
  return record(name, y, {x}, [x, yd, d, log](const Tensor& g, const std::vector<bool>&) {
    // With create_graph the output is recomputed from x so the gradient can
    // itself be differentiated; otherwise the saved output is used.
    Tensor out = grad_enabled() ? (log ? log_softmax(x, d) : softmax(x, d)) : yd;
    if (log) return TensorList{g - exp(out) * sum(g, {d}, true)};
    return TensorList{out * (g - sum(g * out, {d}, true))};
  }, {y});
}
constexpr const char* kRandomInGraph =
    "with training=True draws random numbers; exported graphs are deterministic (export puts modules in eval "
    "mode; pass training=self.training)";
}  // namespace

Tensor softmax(const Tensor& x, int64_t dim) { return softmax_impl("softmax", x, dim, false); }
Tensor log_softmax(const Tensor& x, int64_t dim) { return softmax_impl("log_softmax", x, dim, true); }

Tensor dropout(const Tensor& x, double p, bool training, Generator* gen) {
  NNLITE_CHECK(p >= 0 && p <= 1, Value, "dropout: probability must be between 0 and 1, got ", p);
  if (!training || p == 0) return x;
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("dropout", {x}, kRandomInGraph);
  ops::check_floating(x, "dropout");
  if (p == 1) return x * 0.0;
  Tensor mask = empty(x.shape(), x.dtype(), x.device());
  ops::backend_of(x).dropout_mask(mask, p, gen ? *gen : default_generator());
  return x * mask;
}

Tensor dropout2d(const Tensor& x, double p, bool training, Generator* gen) {
  NNLITE_CHECK(p >= 0 && p <= 1, Value, "dropout2d: probability must be between 0 and 1, got ", p);
  NNLITE_CHECK(x.dim() == 3 || x.dim() == 4, Value,
               "dropout2d: expected a 3-d [N, C, L] or 4-d [N, C, H, W] input, got ", ops::describe(x));
  if (!training || p == 0) return x;
  exported::OpScope scope;
  if (exported::reporting()) exported::refuse("dropout2d", {x}, kRandomInGraph);
  ops::check_floating(x, "dropout2d");
  if (p == 1) return x * 0.0;
  // One keep/drop decision per (sample, channel), broadcast over the plane.
  Shape mshape(static_cast<size_t>(x.dim()), 1);
  mshape[0] = x.size(0);
  mshape[1] = x.size(1);
  Tensor mask = empty(mshape, x.dtype(), x.device());
  ops::backend_of(x).dropout_mask(mask, p, gen ? *gen : default_generator());
  return x * mask;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_softmax_dropout_schemas(Registry& r) {
  using A = AttrType;
  for (auto [name, f, onnx_op] : {std::tuple<const char*, Tensor (*)(const Tensor&, int64_t), const char*>{
                                      "softmax", &softmax, "Softmax"},
                                  {"log_softmax", &log_softmax, "LogSoftmax"}}) {
    r.add(OpSchema(name)
              .inputs({"input"})
              .attrs({{"dim", A::Int}})
              .differentiable()
              .onnx({onnx_op})
              .kernel([f = f](Attrs& a) -> Kernel {
                int64_t dim = a.integer("dim");
                return [=](const TensorList& in) { return one(f(in[0], dim)); };
              }));
  }
  for (const char* name : {"dropout", "dropout2d"})
    r.add(OpSchema(name)
              .inputs({"input"})
              .attrs({{"p", A::Float}, {"training", A::Bool}})
              .differentiable()
              .recorded_as({}, "the identity in eval mode, so export records no node; in training mode it draws "
                               "random numbers, which a graph does not"));
}

}  // namespace nnlite::schema
