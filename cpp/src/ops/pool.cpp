// Max, average and adaptive-average 2-d pooling. Each backward is an op of
// its own whose backward is simple (gather for max, the pooling itself for
// average), so second derivatives work.
#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

using backend::PoolGeometry;

namespace {

int64_t pool_out(const char* op, int64_t in, int64_t k, int64_t s, int64_t p, int64_t d, bool ceil_mode) {
  int64_t span = in + 2 * p - d * (k - 1) - 1;
  NNLITE_CHECK(span >= 0, Value, op, ": kernel ", k, " (dilation ", d, ") is larger than the padded input size ",
               in + 2 * p);
  int64_t out = (ceil_mode ? (span + s - 1) / s : span / s) + 1;
  // With ceil_mode the last window must still start inside the input or its left padding.
  if (ceil_mode && (out - 1) * s >= in + p) --out;
  return out;
}

PoolGeometry pool_geometry(const char* op, const Tensor& x, Pair kernel, Pair stride, Pair padding, Pair dilation,
                           bool ceil_mode) {
  ops::check_floating(x, op);
  NNLITE_CHECK(x.dim() == 4, Value, op, ": expected a 4-d input [N, C, H, W] (or 3-d [C, H, W]), got shape ",
               shape_str(x.shape()));
  for (int i = 0; i < 2; ++i) {
    NNLITE_CHECK(kernel[i] > 0, Value, op, ": kernel size must be positive, got (", kernel[0], ", ", kernel[1], ")");
    NNLITE_CHECK(stride[i] > 0, Value, op, ": stride must be positive, got (", stride[0], ", ", stride[1], ")");
    NNLITE_CHECK(dilation[i] > 0, Value, op, ": dilation must be positive, got (", dilation[0], ", ", dilation[1], ")");
    NNLITE_CHECK(padding[i] >= 0 && padding[i] * 2 <= kernel[i], Value, op, ": padding (", padding[0], ", ",
                 padding[1], ") must be non-negative and at most half the kernel size (", kernel[0], ", ", kernel[1], ")");
  }
  PoolGeometry g{};
  g.N = x.size(0), g.C = x.size(1), g.H = x.size(2), g.W = x.size(3);
  g.kh = kernel[0], g.kw = kernel[1], g.sh = stride[0], g.sw = stride[1];
  g.ph = padding[0], g.pw = padding[1], g.dh = dilation[0], g.dw = dilation[1];
  g.Ho = pool_out(op, g.H, g.kh, g.sh, g.ph, g.dh, ceil_mode);
  g.Wo = pool_out(op, g.W, g.kw, g.sw, g.pw, g.dw, ceil_mode);
  NNLITE_CHECK(g.Ho > 0 && g.Wo > 0, Value, op, ": output size ", g.Ho, "x", g.Wo, " is too small for input shape ",
               shape_str(x.shape()));
  return g;
}


// The gradient of max pooling: gy added at the recorded positions.
Tensor max_pool2d_backward(const Tensor& gy, const Tensor& indices, const PoolGeometry& g) {
  Tensor gx = empty({g.N, g.C, g.H, g.W}, gy.dtype(), gy.device());
  ops::backend_of(gy).max_pool2d_backward(gy.detach().contiguous(), indices, gx, g);
  return record("max_pool2d_backward", gx, {gy}, [indices, g](const Tensor& ggx, const std::vector<bool>&) {
    Tensor flat = ggx.reshape({g.N, g.C, g.H * g.W});
    return TensorList{gather(flat, 2, indices.view({g.N, g.C, g.Ho * g.Wo})).view({g.N, g.C, g.Ho, g.Wo})};
  });
}

Tensor avg_pool_forward(const char* name, const Tensor& x, const PoolGeometry& g);

// The gradient of average pooling, whose own gradient is the pooling again.
Tensor avg_pool2d_backward(const Tensor& gy, const PoolGeometry& g) {
  Tensor gx = empty({g.N, g.C, g.H, g.W}, gy.dtype(), gy.device());
  ops::backend_of(gy).avg_pool2d_backward(gy.detach().contiguous(), gx, g);
  return record("avg_pool2d_backward", gx, {gy}, [g](const Tensor& ggx, const std::vector<bool>&) {
    return TensorList{avg_pool_forward("avg_pool2d", ggx, g)};
  });
}

Tensor avg_pool_forward(const char* name, const Tensor& x, const PoolGeometry& g) {
  Tensor y = empty({g.N, g.C, g.Ho, g.Wo}, x.dtype(), x.device());
  if (y.numel() > 0) ops::backend_of(x).avg_pool2d(x.detach().contiguous(), y, g);
  return record(name, y, {x}, [g](const Tensor& gy, const std::vector<bool>&) {
    return TensorList{avg_pool2d_backward(gy, g)};
  });
}

}  // namespace

namespace {
// The values, and the indices when asked for or when autograd will need them
// (else undefined: an inference forward does not track them).
std::pair<Tensor, Tensor> max_pool2d_impl(const Tensor& x_in, Pair kernel, Pair stride, Pair padding, Pair dilation,
                                          bool ceil_mode, bool want_indices) {
  const bool track = want_indices || (grad_enabled() && any_requires_grad({x_in}));
  Tensor indices;
  Tensor values = ops::batched(x_in, [&](const Tensor& x) {
    PoolGeometry g = pool_geometry("max_pool2d", x, kernel, stride, padding, dilation, ceil_mode);
    Tensor y = empty({g.N, g.C, g.Ho, g.Wo}, x.dtype(), x.device());
    if (track) indices = empty({g.N, g.C, g.Ho, g.Wo}, DType::Int64, x.device());
    if (y.numel() > 0) ops::backend_of(x).max_pool2d(x.detach().contiguous(), y, indices, g);
    if (!track) return y;
    Tensor idx = indices;
    return record("max_pool2d", y, {x}, [idx, g](const Tensor& gy, const std::vector<bool>&) {
      return TensorList{max_pool2d_backward(gy, idx, g)};
    });
  });
  if (x_in.dim() == 3 && indices.defined()) indices = indices.squeeze(0);
  return {values, indices};
}
}  // namespace

std::pair<Tensor, Tensor> max_pool2d_with_indices(const Tensor& x_in, Pair kernel, Pair stride, Pair padding,
                                                  Pair dilation, bool ceil_mode) {
  exported::OpScope scope;
  auto [values, indices] = max_pool2d_impl(x_in, kernel, stride, padding, dilation, ceil_mode, true);
  if (exported::reporting()) {  // the values are max_pool2d's; the indices have no graph op
    exported::report("max_pool2d", {x_in}, {values},
                     {{"kernel_size", exported::jpair(kernel)}, {"stride", exported::jpair(stride)},
                      {"padding", exported::jpair(padding)}, {"dilation", exported::jpair(dilation)},
                      {"ceil_mode", exported::jbool(ceil_mode)}});
    exported::poison(indices, {x_in}, "export: max_pool2d with return_indices=True is not supported in exported "
                     "graphs (the indices were used)");
  }
  return {values, indices};
}

Tensor max_pool2d(const Tensor& x, Pair kernel, Pair stride, Pair padding, Pair dilation, bool ceil_mode) {
  exported::OpScope scope;
  Tensor y = max_pool2d_impl(x, kernel, stride, padding, dilation, ceil_mode, false).first;
  NNLITE_REPORT("max_pool2d", {x}, {y},
                {{"kernel_size", exported::jpair(kernel)}, {"stride", exported::jpair(stride)},
                 {"padding", exported::jpair(padding)}, {"dilation", exported::jpair(dilation)},
                 {"ceil_mode", exported::jbool(ceil_mode)}});
  return y;
}

namespace {
Tensor avg_pool2d_impl(const Tensor& x_in, Pair kernel, Pair stride, Pair padding, bool ceil_mode, bool count_include_pad) {
  return ops::batched(x_in, [&](const Tensor& x) {
    PoolGeometry g = pool_geometry("avg_pool2d", x, kernel, stride, padding, {1, 1}, ceil_mode);
    g.count_include_pad = count_include_pad;
    return avg_pool_forward("avg_pool2d", x, g);
  });
}
}  // namespace

Tensor avg_pool2d(const Tensor& x, Pair kernel, Pair stride, Pair padding, bool ceil_mode, bool count_include_pad) {
  exported::OpScope scope;
  Tensor y = avg_pool2d_impl(x, kernel, stride, padding, ceil_mode, count_include_pad);
  NNLITE_REPORT("avg_pool2d", {x}, {y},
                {{"kernel_size", exported::jpair(kernel)}, {"stride", exported::jpair(stride)},
                 {"padding", exported::jpair(padding)}, {"ceil_mode", exported::jbool(ceil_mode)},
                 {"count_include_pad", exported::jbool(count_include_pad)}});
  return y;
}

namespace {
Tensor adaptive_avg_pool2d_impl(const Tensor& x_in, Pair output_size) {
  return ops::batched(x_in, [&](const Tensor& x) {
    const char* op = "adaptive_avg_pool2d";
    ops::check_floating(x, op);
    NNLITE_CHECK(x.dim() == 4, Value, op, ": expected a 4-d input [N, C, H, W] (or 3-d [C, H, W]), got shape ",
                 shape_str(x.shape()));
    NNLITE_CHECK(output_size[0] > 0 && output_size[1] > 0, Value, op, ": output size must be positive, got (",
                 output_size[0], ", ", output_size[1], ")");
    NNLITE_CHECK(x.size(2) > 0 && x.size(3) > 0, Value, op, ": input of shape ", shape_str(x.shape()),
                 " has an empty plane");
    PoolGeometry g{};
    g.N = x.size(0), g.C = x.size(1), g.H = x.size(2), g.W = x.size(3);
    g.Ho = output_size[0], g.Wo = output_size[1];
    g.adaptive = true;
    return avg_pool_forward(op, x, g);
  });
}
}  // namespace

Tensor adaptive_avg_pool2d(const Tensor& x, Pair output_size) {
  exported::OpScope scope;
  Tensor y = adaptive_avg_pool2d_impl(x, output_size);
  NNLITE_REPORT("adaptive_avg_pool2d", {x}, {y}, {{"output_size", exported::jpair(output_size)}});
  return y;
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_pool_schemas(Registry& r) {
  using A = AttrType;
  // max_pool2d and max_pool2d_with_indices take the same attributes.
  const std::vector<Attr> max_pool_attrs = {{"kernel_size", A::Pair}, {"stride", A::Pair}, {"padding", A::Pair},
                                            {"dilation", A::Pair},    {"ceil_mode", A::Bool}};
  // stride absent: the kernel size
  r.add(OpSchema("max_pool2d")
            .inputs({"input"})
            .attrs(max_pool_attrs)
            .differentiable()
            .onnx({"MaxPool"})
            .kernel([](Attrs& a) -> Kernel {
              Pair kernel = a.pair("kernel_size");
              Pair stride = a.pair("stride", kernel), padding = a.pair("padding", {0, 0});
              Pair dilation = a.pair("dilation", {1, 1});
              bool ceil_mode = a.boolean("ceil_mode", false);
              return [=](const TensorList& in) {
                return one(max_pool2d(in[0], kernel, stride, padding, dilation, ceil_mode));
              };
            }));
  r.add(OpSchema("max_pool2d_with_indices")
            .inputs({"input"})
            .attrs(max_pool_attrs)
            .outputs(2)
            .differentiable()
            .not_exportable("its indices serve training code (unpooling, inspection); export rejects "
                            "return_indices=True, and max_pool2d exports the values"));
  r.add(OpSchema("avg_pool2d")
            .inputs({"input"})
            .attrs({{"kernel_size", A::Pair},
                    {"stride", A::Pair},
                    {"padding", A::Pair},
                    {"ceil_mode", A::Bool},
                    {"count_include_pad", A::Bool}})
            .differentiable()
            .onnx({"AveragePool"})
            .kernel([](Attrs& a) -> Kernel {
              Pair kernel = a.pair("kernel_size");
              Pair stride = a.pair("stride", kernel), padding = a.pair("padding", {0, 0});
              bool ceil_mode = a.boolean("ceil_mode", false);
              bool count_include_pad = a.boolean("count_include_pad", true);
              return [=](const TensorList& in) {
                return one(avg_pool2d(in[0], kernel, stride, padding, ceil_mode, count_include_pad));
              };
            }));
  // output_size: [h, w] where null keeps the input's size along that dim.
  // ONNX: global pooling for [1, 1], else equal windows (when the sizes divide).
  r.add(OpSchema("adaptive_avg_pool2d")
            .inputs({"input"})
            .attrs({{"output_size", A::OptionalInts}})
            .differentiable()
            .onnx({"GlobalAveragePool", "AveragePool", "Identity"})
            .kernel([](Attrs& a) -> Kernel {
              auto size = a.optional_ints("output_size", 2);
              return [=](const TensorList& in) {
                const Tensor& x = in[0];
                Pair out{};
                for (int i = 0; i < 2; ++i) {
                  NNLITE_CHECK(size[i] || x.dim() >= 2, Value,
                               "adaptive_avg_pool2d: expected a 3-d or 4-d input, got shape ", shape_str(x.shape()));
                  out[i] = size[i] ? *size[i] : x.size(x.dim() - 2 + i);
                }
                return one(adaptive_avg_pool2d(x, out));
              };
            }));
}

}  // namespace nnlite::schema
