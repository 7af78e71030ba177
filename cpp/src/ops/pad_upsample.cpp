// Nearest-neighbour upsampling and padding (constant, reflect, replicate,
// circular). Each is built from index_select / expand / slicing, or records a
// backward written with ops.
#include <algorithm>
#include <cmath>
#include <functional>

#include "exported/recorder.h"
#include "ops/op_util.h"

namespace nnlite {

namespace {

using ops::describe;

// An int64 index tensor [n] on `device` with entries src(o), o in [0, n).
Tensor index_tensor(int64_t n, const std::function<int64_t(int64_t)>& src, Device device) {
  Tensor idx = empty({n}, DType::Int64);
  int64_t* p = idx.data<int64_t>();
  for (int64_t o = 0; o < n; ++o) p[o] = src(o);
  return device.is_cpu() ? idx : idx.to(device);
}

// ---- nearest upsampling -----------------------------------------------------

// Source row of output row o, the way torch computes it (float arithmetic), so
// results match exactly. scale <= 0 means "use in / out".
int64_t nearest_source(int64_t o, int64_t in, int64_t out, double scale_factor) {
  if (out == in) return o;
  if (out == 2 * in) return o >> 1;
  const float scale = scale_factor > 0 ? static_cast<float>(1.0 / scale_factor)
                                       : static_cast<float>(in) / static_cast<float>(out);
  return std::min(static_cast<int64_t>(std::floor(static_cast<float>(o) * scale)), in - 1);
}

// True when the mapping is o -> o / k for an integer k (each row repeated k times).
bool is_repeat(const std::vector<int64_t>& src, int64_t in) {
  const int64_t n = static_cast<int64_t>(src.size());
  if (n % in != 0) return false;
  const int64_t k = n / in;
  for (int64_t o = 0; o < n; ++o)
    if (src[o] != o / k) return false;
  return true;
}

Tensor upsample_impl(const Tensor& x, Pair out, std::array<double, 2> scales) {
  const char* op = "upsample_nearest2d";
  NNLITE_CHECK(x.dim() == 4, Value, op, ": expected a 4-d input [N, C, H, W], got ", describe(x));
  NNLITE_CHECK(x.dtype() != DType::Bool, Type, op, ": not defined for bool tensors");
  const int64_t N = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3);
  NNLITE_CHECK(H > 0 && W > 0 && out[0] > 0 && out[1] > 0, Value, op,
               ": input and output sizes must be greater than 0, got input (H: ", H, ", W: ", W, ") and output (H: ",
               out[0], ", W: ", out[1], ")");
  std::vector<int64_t> src_h(out[0]), src_w(out[1]);
  for (int64_t o = 0; o < out[0]; ++o) src_h[o] = nearest_source(o, H, out[0], scales[0]);
  for (int64_t o = 0; o < out[1]; ++o) src_w[o] = nearest_source(o, W, out[1], scales[1]);
  if (is_repeat(src_h, H) && is_repeat(src_w, W)) {
    // Whole-number factors: a broadcast view and one copy; its backward sums
    // each k x k block (expand's backward).
    const int64_t kh = out[0] / H, kw = out[1] / W;
    if (kh == 1 && kw == 1) return x.clone();
    return x.reshape({N, C, H, 1, W, 1}).expand({N, C, H, kh, W, kw}).reshape({N, C, out[0], out[1]});
  }
  Tensor y = x;  // out == in maps every row to itself: that dim is left alone
  if (out[0] != H) y = index_select(y, 2, index_tensor(out[0], [&](int64_t o) { return src_h[o]; }, x.device()));
  if (out[1] != W)
    y = index_select(y, 3, index_tensor(out[1], [&](int64_t o) { return src_w[o]; }, x.device()));
  return y;
}

// ---- padding ------------------------------------------------------------------

Tensor pad_constant(const Tensor& x, const std::vector<int64_t>& pads, const Shape& out_shape, double value) {
  Tensor out = full(out_shape, value, x.dtype(), x.device());
  {
    // Copy the kept part of x (negative pads crop) into the interior of out.
    NoGradGuard no_grad;
    Tensor src = x.detach(), dst = out.detach();
    for (size_t k = 0; k < pads.size() / 2; ++k) {
      const int64_t d = x.dim() - 1 - static_cast<int64_t>(k);
      const int64_t l = pads[2 * k], r = pads[2 * k + 1], in = x.size(d);
      const int64_t kept = in - std::max<int64_t>(-l, 0) - std::max<int64_t>(-r, 0);
      src = src.narrow(d, std::max<int64_t>(-l, 0), kept);
      dst = dst.narrow(d, std::max<int64_t>(l, 0), kept);
    }
    if (src.numel() > 0) copy_(dst, src);
  }
  // The adjoint of padding is cropping by the same amounts (and vice versa).
  std::vector<int64_t> neg(pads.size());
  for (size_t i = 0; i < pads.size(); ++i) neg[i] = -pads[i];
  return record("pad", out, {x}, [neg](const Tensor& g, const std::vector<bool>&) {
    return TensorList{pad(g, neg, "constant", 0)};
  });
}

// Non-constant modes gather along each padded dim with an index map.
Tensor pad_indexed(const Tensor& x, const std::vector<int64_t>& pads, const std::string& mode) {
  Tensor y = x;
  for (size_t k = 0; k < pads.size() / 2; ++k) {
    const int64_t d = x.dim() - 1 - static_cast<int64_t>(k);
    const int64_t l = pads[2 * k], r = pads[2 * k + 1], in = x.size(d);
    if (l == 0 && r == 0) continue;
    std::function<int64_t(int64_t)> src;
    if (mode == "reflect") {
      NNLITE_CHECK(l < in && r < in, Value, "pad: reflect padding must be smaller than the padded dimension; got "
                   "padding (", l, ", ", r, ") for dimension ", d, " of size ", in, " (input ", describe(x), ")");
      src = [l, in](int64_t o) {
        int64_t i = o - l;
        if (i < 0) i = -i;
        if (i >= in) i = 2 * (in - 1) - i;
        return i;
      };
    } else if (mode == "replicate") {
      NNLITE_CHECK(in > 0, Value, "pad: replicate padding needs a non-empty dimension to copy, but dimension ", d,
                   " of the input (", describe(x), ") is empty");
      src = [l, in](int64_t o) { return std::clamp<int64_t>(o - l, 0, in - 1); };
    } else {  // circular
      NNLITE_CHECK(l <= in && r <= in && in > 0, Value, "pad: circular padding may wrap around at most once; got "
                   "padding (", l, ", ", r, ") for dimension ", d, " of size ", in, " (input ", describe(x), ")");
      src = [l, in](int64_t o) { return (((o - l) % in) + in) % in; };
    }
    y = index_select(y, d, index_tensor(in + l + r, src, x.device()));
  }
  return y;
}

}  // namespace

Tensor upsample_nearest2d(const Tensor& x, Pair output_size) {
  exported::OpScope scope;
  Tensor y = upsample_impl(x, output_size, {0, 0});
  NNLITE_REPORT("upsample_nearest2d", {x}, {y}, {{"size", exported::jpair(output_size)}});
  return y;
}

Tensor upsample_nearest2d_scaled(const Tensor& x, Pair output_size, std::array<double, 2> scale_factors) {
  exported::OpScope scope;
  for (double s : scale_factors)
    NNLITE_CHECK(s > 0 && std::isfinite(s), Value, "upsample_nearest2d: scale factors must be positive, got ", s);
  Tensor y = upsample_impl(x, output_size, scale_factors);
  if (exported::reporting()) {
    // The graph recomputes floor(in * scale) for each input; a size that is
    // not that (a caller's own choice) is stored as it is.
    bool follows = x.dim() == 4;
    for (int i = 0; follows && i < 2; ++i)
      follows = output_size[i] == static_cast<int64_t>(std::floor(static_cast<double>(x.size(2 + i)) * scale_factors[i]));
    if (!follows)
      exported::refuse("upsample_nearest2d_scaled", {x}, "with an output size other than floor(input size * scale "
                       "factor) is not supported in exported graphs");
    exported::report("upsample_nearest2d", {x}, {y},
                     {{"scale_factors", exported::jnums({scale_factors[0], scale_factors[1]})},
                      {"recompute_scale_factor", exported::jbool(false)}});
  }
  return y;
}

namespace {
Tensor pad_impl(const Tensor& x, const std::vector<int64_t>& pads, const std::string& mode, double value) {
  NNLITE_CHECK(mode == "constant" || mode == "reflect" || mode == "replicate" || mode == "circular", Value,
               "pad: mode must be 'constant', 'reflect', 'replicate' or 'circular', got '", mode, "'");
  NNLITE_CHECK(pads.size() % 2 == 0, Value,
               "pad: the padding must hold (left, right) pairs from the last dimension backwards, so its length "
               "must be even; got ", pads.size(), " values");
  NNLITE_CHECK(static_cast<int64_t>(pads.size()) <= 2 * x.dim(), Value, "pad: ", pads.size(),
               " padding values given for an input of ", x.dim(), " dimensions (", describe(x), "); at most ",
               2 * x.dim(), " are allowed");
  NNLITE_CHECK(mode == "constant" || value == 0, Value, "pad: padding mode '", mode,
               "' does not take a fill value (got ", value, ")");
  Shape out_shape = x.shape();
  for (size_t k = 0; k < pads.size() / 2; ++k) {
    const int64_t d = x.dim() - 1 - static_cast<int64_t>(k);
    const int64_t l = pads[2 * k], r = pads[2 * k + 1], in = x.size(d);
    NNLITE_CHECK(in - std::max<int64_t>(-l, 0) - std::max<int64_t>(-r, 0) >= 0, Value, "pad: negative padding (",
                 l, ", ", r, ") removes more than the ", in, " elements of dimension ", d, " (input ", describe(x),
                 ")");
    out_shape[d] = in + l + r;
  }
  if (mode == "constant") return pad_constant(x, pads, out_shape, value);
  return pad_indexed(x, pads, mode);
}
}  // namespace

Tensor pad(const Tensor& x, const std::vector<int64_t>& pads, const std::string& mode, double value) {
  exported::OpScope scope;
  Tensor y = pad_impl(x, pads, mode, value);
  NNLITE_REPORT("pad", {x}, {y},
                {{"pads", exported::jints(pads)}, {"mode", exported::jstr(mode)}, {"value", exported::jnum(value)}});
  return y;
}

}  // namespace nnlite
