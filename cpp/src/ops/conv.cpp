// conv2d and conv_transpose2d. The backward of each is the other (for the
// input) plus conv2d_weight (for the weight), all three differentiable, so
// gradients of gradients work too.
#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/conv_fused.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

using backend::ConvGeometry;

namespace {

int64_t conv_out(int64_t in, int64_t k, int64_t s, int64_t p, int64_t d) { return (in + 2 * p - d * (k - 1) - 1) / s + 1; }

void check_pairs(const char* op, Pair stride, Pair padding, Pair dilation) {
  for (int i = 0; i < 2; ++i) {
    NNLITE_CHECK(stride[i] > 0, Value, op, ": stride must be positive, got (", stride[0], ", ", stride[1], ")");
    NNLITE_CHECK(dilation[i] > 0, Value, op, ": dilation must be positive, got (", dilation[0], ", ", dilation[1], ")");
    NNLITE_CHECK(padding[i] >= 0, Value, op, ": padding must be non-negative, got (", padding[0], ", ", padding[1], ")");
  }
}

void check_tensors(const char* op, const Tensor& x, const Tensor& w, const Tensor& bias, int64_t out_channels) {
  ops::backend_of({x, w, bias}, op);
  ops::check_floating(x, op);
  NNLITE_CHECK(w.dtype() == x.dtype(), Type, op, ": weight (", ops::describe(w), ") and input (", ops::describe(x),
               ") must have the same dtype");
  NNLITE_CHECK(x.dim() == 4, Value, op, ": expected a 4-d input [N, C, H, W] (or 3-d [C, H, W]), got shape ",
               shape_str(x.shape()));
  NNLITE_CHECK(w.dim() == 4, Value, op, ": expected a 4-d weight, got shape ", shape_str(w.shape()));
  if (bias.defined()) {
    NNLITE_CHECK(bias.dtype() == x.dtype(), Type, op, ": bias (", ops::describe(bias), ") must have the input's dtype");
    NNLITE_CHECK(bias.dim() == 1 && bias.size(0) == out_channels, Value, op, ": bias of shape ",
                 shape_str(bias.shape()), " does not match the ", out_channels, " output channels");
  }
}

// Geometry of conv2d(x, w): checks that the shapes fit together.
ConvGeometry conv_geometry(const char* op, const Shape& x, const Shape& w, Pair stride, Pair padding, Pair dilation,
                           int64_t groups) {
  check_pairs(op, stride, padding, dilation);
  NNLITE_CHECK(groups > 0, Value, op, ": groups must be positive, got ", groups);
  ConvGeometry g{};
  g.N = x[0], g.C = x[1], g.H = x[2], g.W = x[3], g.K = w[0], g.kh = w[2], g.kw = w[3];
  g.sh = stride[0], g.sw = stride[1], g.ph = padding[0], g.pw = padding[1], g.dh = dilation[0], g.dw = dilation[1];
  g.groups = groups;
  NNLITE_CHECK(g.C % groups == 0 && g.K % groups == 0, Value, op, ": ", g.C, " input channels and ", g.K,
               " output channels must both be divisible by groups=", groups);
  NNLITE_CHECK(w[1] * groups == g.C, Value, op, ": weight of shape ", shape_str(w), " expects ", w[1] * groups,
               " input channels (with groups=", groups, ") but the input of shape ", shape_str(x), " has ", g.C);
  NNLITE_CHECK(g.kh > 0 && g.kw > 0, Value, op, ": kernel of shape ", shape_str(w), " is empty");
  const int64_t eh = g.dh * (g.kh - 1) + 1, ew = g.dw * (g.kw - 1) + 1;
  NNLITE_CHECK(eh <= g.H + 2 * g.ph && ew <= g.W + 2 * g.pw, Value, op, ": kernel ", g.kh, "x", g.kw,
               " (dilated to ", eh, "x", ew, ") is larger than the padded input ", g.H + 2 * g.ph, "x", g.W + 2 * g.pw,
               " (input shape ", shape_str(x), ", padding (", g.ph, ", ", g.pw, "))");
  g.Ho = conv_out(g.H, g.kh, g.sh, g.ph, g.dh);
  g.Wo = conv_out(g.W, g.kw, g.sw, g.pw, g.dw);
  return g;
}

// The output padding that makes conv_transpose2d map Ho back to exactly H.
Pair output_padding_for(const ConvGeometry& g) {
  return {g.H - ((g.Ho - 1) * g.sh - 2 * g.ph + g.dh * (g.kh - 1) + 1),
          g.W - ((g.Wo - 1) * g.sw - 2 * g.pw + g.dw * (g.kw - 1) + 1)};
}

Tensor conv2d_weight(const Tensor& x, const Tensor& gy, const Shape& w_shape, Pair stride, Pair padding, Pair dilation,
                     int64_t groups);

// conv2d's forward for a 4-d x, checked; its geometry is written to *g.
// With a residual and/or relu (conv2d_fused), the backend applies them as
// the convolution's epilogue when the residual has the output's shape,
// dtype and device; *fused says whether it did (it did when there is none).
Tensor conv2d_forward(const Tensor& x, const Tensor& w, const Tensor& bias, Pair stride, Pair padding, Pair dilation,
                      int64_t groups, ConvGeometry* g, const Tensor& residual = Tensor(), bool relu = false,
                      bool* fused = nullptr) {
  check_tensors("conv2d", x, w, bias, w.dim() == 4 ? w.size(0) : 0);
  *g = conv_geometry("conv2d", x.shape(), w.shape(), stride, padding, dilation, groups);
  Tensor y = empty({g->N, g->K, g->Ho, g->Wo}, x.dtype(), x.device());
  const bool fits = !residual.defined() || (residual.shape() == y.shape() && residual.dtype() == y.dtype() &&
                                            residual.device() == y.device());
  if (fused) *fused = fits;
  backend::Epilogue e;
  if (fits) {
    if (residual.defined()) e.residual = residual.detach().contiguous();
    e.relu = relu;
  }
  if (y.numel() > 0)
    ops::backend_of(x).conv2d(x.detach().contiguous(), w.detach().contiguous(),
                              bias.defined() ? bias.detach().contiguous() : Tensor(), y, *g, e);
  return y;
}

Tensor add_channel_bias(Tensor y, const Tensor& bias) {
  if (!bias.defined()) return y;
  return y + bias.view({1, -1, 1, 1});
}


}  // namespace

Tensor conv2d(const Tensor& x_in, const Tensor& w, const Tensor& bias, Pair stride, Pair padding, Pair dilation,
              int64_t groups) {
  exported::OpScope scope;
  Tensor out = ops::batched(x_in, [&](const Tensor& x) {
    ConvGeometry g{};
    Tensor y = conv2d_forward(x, w, bias, stride, padding, dilation, groups, &g);
    TensorList inputs{x, w};
    if (bias.defined()) inputs.push_back(bias);
    return record("conv2d", y, inputs, [x, w, g, stride, padding, dilation, groups](const Tensor& gy,
                                                                                    const std::vector<bool>& n) {
      TensorList r(n.size());
      if (n[0]) r[0] = conv_transpose2d(gy, w, Tensor(), stride, padding, output_padding_for(g), groups, dilation);
      if (n[1]) r[1] = conv2d_weight(x, gy, w.shape(), stride, padding, dilation, groups);
      if (n.size() > 2 && n[2]) r[2] = sum(gy, {0, 2, 3});
      return r;
    }, {x, w});
  });
  NNLITE_REPORT("conv2d", {x_in, w, bias}, {out},
                {{"stride", exported::jpair(stride)}, {"padding", exported::jpair(padding)},
                 {"dilation", exported::jpair(dilation)}, {"groups", exported::jint(groups)}});
  return out;
}

Tensor conv2d_fused(const Tensor& x, const Tensor& w, const Tensor& bias, Pair stride, Pair padding, Pair dilation,
                    int64_t groups, const Tensor& residual, bool relu) {
  if (x.dim() != 4) {  // 3-d and bad inputs: the ops themselves (and their errors)
    Tensor y = conv2d(x, w, bias, stride, padding, dilation, groups);
    if (residual.defined()) y = add(y, residual);
    return relu ? nnlite::relu(y) : y;
  }
  ConvGeometry g{};
  bool fused = false;
  Tensor y = conv2d_forward(x, w, bias, stride, padding, dilation, groups, &g, residual, relu, &fused);
  if (!fused) {  // a residual of another shape (broadcasting), dtype or device: the ops
    y = add(y, residual);
    if (relu) y = nnlite::relu(y);
  }
  return y;
}

Tensor conv_transpose2d(const Tensor& x_in, const Tensor& w, const Tensor& bias, Pair stride, Pair padding,
                        Pair output_padding, int64_t groups, Pair dilation) {
  exported::OpScope scope;
  Tensor out = ops::batched(x_in, [&](const Tensor& x) {
    const char* op = "conv_transpose2d";
    NNLITE_CHECK(groups > 0, Value, op, ": groups must be positive, got ", groups);
    check_tensors(op, x, w, bias, w.dim() == 4 ? w.size(1) * groups : 0);
    check_pairs(op, stride, padding, dilation);
    NNLITE_CHECK(w.size(0) == x.size(1), Value, op, ": weight of shape ", shape_str(w.shape()), " expects ", w.size(0),
                 " input channels but the input of shape ", shape_str(x.shape()), " has ", x.size(1));
    for (int i = 0; i < 2; ++i)
      NNLITE_CHECK(output_padding[i] >= 0 && output_padding[i] < std::max(stride[i], dilation[i]), Value, op,
                   ": output_padding (", output_padding[0], ", ", output_padding[1],
                   ") must be smaller than either stride or dilation");
    // As a convolution: its input is our output, its output is our input.
    const int64_t Ho = (x.size(2) - 1) * stride[0] - 2 * padding[0] + dilation[0] * (w.size(2) - 1) + output_padding[0] + 1;
    const int64_t Wo = (x.size(3) - 1) * stride[1] - 2 * padding[1] + dilation[1] * (w.size(3) - 1) + output_padding[1] + 1;
    NNLITE_CHECK(Ho > 0 && Wo > 0, Value, op, ": the output size ", Ho, "x", Wo, " for input shape ",
                 shape_str(x.shape()), " is not positive");
    Shape y_shape{x.size(0), w.size(1) * groups, Ho, Wo};
    ConvGeometry g = conv_geometry(op, y_shape, w.shape(), stride, padding, dilation, groups);
    NNLITE_CHECK(g.Ho == x.size(2) && g.Wo == x.size(3), Value, op, ": inconsistent sizes for input shape ",
                 shape_str(x.shape()));
    Tensor xc = x.detach().contiguous(), wc = w.detach().contiguous();
    Tensor y = empty(y_shape, x.dtype(), x.device());
    if (y.numel() > 0) ops::backend_of(x).conv2d_input_grad(xc, wc, y, g);
    TensorList inputs{x, w};
    y = record(op, y, inputs, [x, w, stride, padding, dilation, groups](const Tensor& gy, const std::vector<bool>& n) {
      TensorList r(2);
      if (n[0]) r[0] = conv2d(gy, w, Tensor(), stride, padding, dilation, groups);
      if (n[1]) r[1] = conv2d_weight(gy, x, w.shape(), stride, padding, dilation, groups);
      return r;
    }, {x, w});
    return add_channel_bias(y, bias);
  });
  NNLITE_REPORT("conv_transpose2d", {x_in, w, bias}, {out},
                {{"stride", exported::jpair(stride)}, {"padding", exported::jpair(padding)},
                 {"output_padding", exported::jpair(output_padding)}, {"groups", exported::jint(groups)},
                 {"dilation", exported::jpair(dilation)}});
  return out;
}

std::array<int64_t, 4> conv2d_padding(const std::string& padding, Pair kernel, Pair dilation, Pair stride,
                                      Pair explicit_padding) {
  if (padding.empty()) {
    NNLITE_CHECK(explicit_padding[0] >= 0 && explicit_padding[1] >= 0, Value, "conv2d: padding must be "
                 "non-negative, got (", explicit_padding[0], ", ", explicit_padding[1], ")");
    return {explicit_padding[1], explicit_padding[1], explicit_padding[0], explicit_padding[0]};
  }
  if (padding == "valid") return {0, 0, 0, 0};
  NNLITE_CHECK(padding == "same", Value, "conv2d: padding must be an int, a pair, 'valid' or 'same', got '", padding,
               "'");
  NNLITE_CHECK(stride[0] == 1 && stride[1] == 1, Value, "conv2d: padding='same' is not supported for strided "
               "convolutions (got stride (", stride[0], ", ", stride[1], "))");
  // The dilated kernel needs dilation * (k - 1) zeros per dim; an odd one goes
  // to the bottom/right, as in torch.
  std::array<int64_t, 4> out{};
  for (int i = 0; i < 2; ++i) {
    const int64_t total = dilation[i] * (kernel[i] - 1);
    out[2 - 2 * i] = total / 2;             // left (i = 1) or top (i = 0)
    out[3 - 2 * i] = total - total / 2;     // right or bottom
  }
  return out;
}

Tensor conv2d_module(const Tensor& x, const Tensor& w, const Tensor& bias, Pair stride, const std::string& padding,
                     Pair explicit_padding, Pair dilation, int64_t groups, const std::string& padding_mode) {
  NNLITE_CHECK(padding_mode == "zeros" || padding_mode == "reflect" || padding_mode == "replicate" ||
                   padding_mode == "circular",
               Value, "conv2d: padding_mode must be one of ('zeros', 'reflect', 'replicate', 'circular'), got '",
               padding_mode, "'");
  if (w.dim() != 4) return conv2d(x, w, bias, stride, explicit_padding, dilation, groups);  // conv2d says what is wrong
  if (padding.empty() && padding_mode == "zeros") return conv2d(x, w, bias, stride, explicit_padding, dilation, groups);
  const auto p = conv2d_padding(padding, {w.size(2), w.size(3)}, dilation, stride, explicit_padding);
  if (padding_mode != "zeros")
    return conv2d(pad(x, {p[0], p[1], p[2], p[3]}, padding_mode), w, bias, stride, {0, 0}, dilation, groups);
  // Zeros: the symmetric part becomes conv2d's own padding; an odd extra zero is padded first.
  const Pair lo{p[2], p[0]};
  const int64_t extra_h = p[3] - p[2], extra_w = p[1] - p[0];
  const Tensor xp = (extra_h || extra_w) ? pad(x, {0, extra_w, 0, extra_h}) : x;
  return conv2d(xp, w, bias, stride, lo, dilation, groups);
}

Tensor conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, Pair stride, const char* padding, Pair dilation,
              int64_t groups) {
  NNLITE_CHECK(padding != nullptr, Value, "conv2d: padding must be a pair, 'valid' or 'same', got a null string");
  return conv2d_module(x, w, bias, stride, padding, {0, 0}, dilation, groups, "zeros");
}

Pair conv_transpose2d_output_padding(const Shape& input_shape, const std::vector<int64_t>& output_size, Pair kernel,
                                     Pair stride, Pair padding, Pair dilation) {
  const char* op = "ConvTranspose2d";
  const int64_t dim = static_cast<int64_t>(input_shape.size());
  std::vector<int64_t> size = output_size;
  const int64_t n = static_cast<int64_t>(size.size());
  if ((n == dim || n == dim - 1) && n > 2) size.erase(size.begin(), size.end() - 2);  // batch and channel dims given
  auto tuple_str = [](const std::vector<int64_t>& v) {
    std::string s = "(";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
    return s + (v.size() == 1 ? ",)" : ")");
  };
  NNLITE_CHECK(size.size() == 2 && dim >= 2, Value, op, ": output_size must have 2 or ", dim, " elements but got ",
               tuple_str(output_size));
  Pair out{};
  for (int i = 0; i < 2; ++i) {
    const int64_t in = input_shape[dim - 2 + i];
    const int64_t smallest = (in - 1) * stride[i] - 2 * padding[i] + dilation[i] * (kernel[i] - 1) + 1;
    const int64_t largest = smallest + stride[i] - 1;
    NNLITE_CHECK(smallest <= size[i] && size[i] <= largest, Value, op, ": requested an output size of ",
                 tuple_str(size), ", but valid sizes for dimension ", i, " range from ", smallest, " to ", largest,
                 " (for an input of shape ", shape_str(input_shape), ")");
    out[i] = size[i] - smallest;
  }
  return out;
}

Tensor conv2d_same(const Tensor& x, const Tensor& w, const Tensor& bias, Pair dilation, int64_t groups) {
  return conv2d_module(x, w, bias, {1, 1}, "same", {0, 0}, dilation, groups, "zeros");
}

namespace {
// The weight gradient of conv2d(x, w) for output gradient gy, as an op.
Tensor conv2d_weight(const Tensor& x, const Tensor& gy, const Shape& w_shape, Pair stride, Pair padding, Pair dilation,
                     int64_t groups) {
  ConvGeometry g = conv_geometry("conv2d", x.shape(), w_shape, stride, padding, dilation, groups);
  Tensor gw = empty(w_shape, x.dtype(), x.device());
  ops::backend_of(x).conv2d_weight_grad(x.detach().contiguous(), gy.detach().contiguous(), gw, g);
  return record("conv2d_weight", gw, {x, gy}, [x, gy, g, stride, padding, dilation, groups](
                                                   const Tensor& ggw, const std::vector<bool>& n) {
    TensorList r(2);
    if (n[0]) r[0] = conv_transpose2d(gy, ggw, Tensor(), stride, padding, output_padding_for(g), groups, dilation);
    if (n[1]) r[1] = conv2d(x, ggw, Tensor(), stride, padding, dilation, groups);
    return r;
  }, {x, gy});
}
}  // namespace

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_conv_schemas(Registry& r) {
  using A = AttrType;
  // x [N, C, H, W], weight [K, C/groups, kh, kw], bias [K]? -> [N, K, Ho, Wo]
  // (export records padding='same' as its explicit pair)
  r.add(OpSchema("conv2d")
            .inputs({"input", "weight", "bias?"})
            .attrs({{"stride", A::Pair}, {"padding", A::Pair}, {"dilation", A::Pair}, {"groups", A::Int}})
            .differentiable()
            .onnx({"Conv"})
            .kernel([](Attrs& a) -> Kernel {
              Pair stride = a.pair("stride", {1, 1}), padding = a.pair("padding", {0, 0});
              Pair dilation = a.pair("dilation", {1, 1});
              int64_t groups = a.integer("groups", 1);
              return [=](const TensorList& in) {
                return one(conv2d(in[0], in[1], input_or_none(in, 2), stride, padding, dilation, groups));
              };
            }));
  // x [N, C, H, W], weight [C, K/groups, kh, kw], bias [K]? -> [N, K, Ho, Wo]
  r.add(OpSchema("conv_transpose2d")
            .inputs({"input", "weight", "bias?"})
            .attrs({{"stride", A::Pair},
                    {"padding", A::Pair},
                    {"output_padding", A::Pair},
                    {"dilation", A::Pair},
                    {"groups", A::Int}})
            .differentiable()
            .onnx({"ConvTranspose"})
            .kernel([](Attrs& a) -> Kernel {
              Pair stride = a.pair("stride", {1, 1}), padding = a.pair("padding", {0, 0});
              Pair output_padding = a.pair("output_padding", {0, 0}), dilation = a.pair("dilation", {1, 1});
              int64_t groups = a.integer("groups", 1);
              return [=](const TensorList& in) {
                return one(conv_transpose2d(in[0], in[1], input_or_none(in, 2), stride, padding, output_padding,
                                            groups, dilation));
              };
            }));
}

}  // namespace nnlite::schema
