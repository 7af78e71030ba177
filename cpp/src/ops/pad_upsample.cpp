// Nearest-neighbour upsampling and padding (constant, reflect, replicate,
// circular). Each is built from index_select / expand / slicing, or records a
// backward written with ops.
#include <algorithm>
#include <cmath>

#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

using ops::describe;

// Index maps are built on x's device with iota and arithmetic ops: an op
// never writes tensor memory on the host.
Tensor int64_scalar(int64_t v, Device device) { return full({}, v, DType::Int64, device); }

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
// Past 2^24 rows the check would be a long loop before any allocation could
// fail (a hostile size hangs instead of erroring), so those sizes take the
// general index map, which is exact for any size.
bool is_repeat(int64_t in, int64_t out, double scale_factor) {
  if (out % in != 0 || out > (int64_t(1) << 24)) return false;
  const int64_t k = out / in;
  for (int64_t o = 0; o < out; ++o)
    if (nearest_source(o, in, out, scale_factor) != o / k) return false;
  return true;
}

// The source rows [out] of nearest upsampling from `in` rows to `out` (out != in).
Tensor nearest_index(int64_t in, int64_t out, double scale_factor, Device device) {
  if (is_repeat(in, out, scale_factor)) {  // exact integers: each source row k times
    const int64_t k = out / in;
    return arange(0, in, 1, DType::Int64, device).reshape({in, 1}).expand({in, k}).reshape({out});
  }
  // nearest_source's float arithmetic, elementwise: float(o) * scale is
  // rounded the same way in a float32 multiply, and the cast to int64
  // truncates, which is floor for these non-negative values.
  const float scale = scale_factor > 0 ? static_cast<float>(1.0 / scale_factor)
                                       : static_cast<float>(in) / static_cast<float>(out);
  Tensor rows = arange(0, out, 1, DType::Float32, device) * full({}, scale, DType::Float32, device);
  return minimum(rows.to(DType::Int64), int64_scalar(in - 1, device));
}

// The largest tensor a 64-bit process can address (x86-64 and AArch64 user
// space: 2^47 bytes). Checked before any buffer (the index maps come first)
// is allocated, so an absurd size is a clear error rather than an allocation
// failure, or an overcommitted index map that the kernel kills the process for.
constexpr int64_t kMaxAddressableBytes = int64_t(1) << 47;

void check_output_fits(const Tensor& x, Pair out) {
  int64_t n = x.size(0) * x.size(1), bytes = 0;
  const bool overflow = __builtin_mul_overflow(n, out[0], &n) || __builtin_mul_overflow(n, out[1], &n) ||
                        __builtin_mul_overflow(n, static_cast<int64_t>(x.itemsize()), &bytes);
  NNLITE_CHECK(!overflow && bytes <= kMaxAddressableBytes, Value, "upsample_nearest2d: output size (H: ", out[0],
               ", W: ", out[1], ") for input ", describe(x), " would need ",
               overflow ? std::string("more than 2^63") : std::to_string(bytes),
               " bytes; the output must fit in 2^47 bytes (128 TiB, what a process can address)");
}

Tensor upsample_impl(const Tensor& x, Pair out, std::array<double, 2> scales) {
  const char* op = "upsample_nearest2d";
  NNLITE_CHECK(x.dim() == 4, Value, op, ": expected a 4-d input [N, C, H, W], got ", describe(x));
  NNLITE_CHECK(x.dtype() != DType::Bool, Type, op, ": not defined for bool tensors");
  const int64_t N = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3);
  NNLITE_CHECK(H > 0 && W > 0 && out[0] > 0 && out[1] > 0, Value, op,
               ": input and output sizes must be greater than 0, got input (H: ", H, ", W: ", W, ") and output (H: ",
               out[0], ", W: ", out[1], ")");
  check_output_fits(x, out);
  if (is_repeat(H, out[0], scales[0]) && is_repeat(W, out[1], scales[1])) {
    // Whole-number factors: a broadcast view and one copy; its backward sums
    // each k x k block (expand's backward).
    const int64_t kh = out[0] / H, kw = out[1] / W;
    if (kh == 1 && kw == 1) return x.clone();
    return x.reshape({N, C, H, 1, W, 1}).expand({N, C, H, kh, W, kw}).reshape({N, C, out[0], out[1]});
  }
  Tensor y = x;  // out == in maps every row to itself: that dim is left alone
  if (out[0] != H) y = index_select(y, 2, nearest_index(H, out[0], scales[0], x.device()));
  if (out[1] != W) y = index_select(y, 3, nearest_index(W, out[1], scales[1], x.device()));
  return y;
}

// A size within the address space can still be more than the machine has:
// the error of the allocator (or of the arange building an index map) then
// says which op and which sizes asked for it.
template <typename F>
Tensor naming_allocation_failures(const Tensor& x, Pair out, F f) {
  try {
    return f();
  } catch (const Error& e) {
    const std::string what = e.what(), op = "upsample_nearest2d";
    if (what.compare(0, op.size(), op) == 0) throw;
    throw Error(e.kind(), detail::concat(op, ": output size (H: ", out[0], ", W: ", out[1], ") for input ",
                                         describe(x), ": ", what));
  }
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

// Non-constant modes gather along each padded dim with an index map, built
// from i = o - l (the output position o relative to the input's first row).
Tensor pad_indexed(const Tensor& x, const std::vector<int64_t>& pads, const std::string& mode) {
  Tensor y = x;
  const Device dev = x.device();
  for (size_t k = 0; k < pads.size() / 2; ++k) {
    const int64_t d = x.dim() - 1 - static_cast<int64_t>(k);
    const int64_t l = pads[2 * k], r = pads[2 * k + 1], in = x.size(d);
    if (l == 0 && r == 0) continue;
    Tensor src;
    if (mode == "reflect") {
      NNLITE_CHECK(l < in && r < in, Value, "pad: reflect padding must be smaller than the padded dimension; got "
                   "padding (", l, ", ", r, ") for dimension ", d, " of size ", in, " (input ", describe(x), ")");
      // |i| reflected at the last row: (in-1) - |(in-1) - |i||.
      Tensor last = int64_scalar(in - 1, dev);
      src = last - abs(last - abs(arange(-l, in + r, 1, DType::Int64, dev)));
    } else if (mode == "replicate") {
      NNLITE_CHECK(in > 0, Value, "pad: replicate padding needs a non-empty dimension to copy, but dimension ", d,
                   " of the input (", describe(x), ") is empty");
      src = clamp(arange(-l, in + r, 1, DType::Int64, dev), 0, in - 1);
    } else {  // circular
      NNLITE_CHECK(l <= in && r <= in && in > 0, Value, "pad: circular padding may wrap around at most once; got "
                   "padding (", l, ", ", r, ") for dimension ", d, " of size ", in, " (input ", describe(x), ")");
      // i in [-in, 2 * in): one wrap either way.
      Tensor i = arange(-l, in + r, 1, DType::Int64, dev), n = int64_scalar(in, dev);
      src = where(lt(i, int64_scalar(0, dev)), i + n, where(ge(i, n), i - n, i));
    }
    y = index_select(y, d, src);
  }
  return y;
}

}  // namespace

Tensor upsample_nearest2d(const Tensor& x, Pair output_size) {
  exported::OpScope scope;
  Tensor y = naming_allocation_failures(x, output_size, [&] { return upsample_impl(x, output_size, {0, 0}); });
  NNLITE_REPORT("upsample_nearest2d", {x}, {y}, {{"size", exported::jpair(output_size)}});
  return y;
}

Tensor upsample_nearest2d_scaled(const Tensor& x, Pair output_size, std::array<double, 2> scale_factors) {
  exported::OpScope scope;
  for (double s : scale_factors)
    NNLITE_CHECK(s > 0 && std::isfinite(s), Value, "upsample_nearest2d: scale factors must be positive, got ", s);
  Tensor y = naming_allocation_failures(x, output_size, [&] { return upsample_impl(x, output_size, scale_factors); });
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

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_pad_upsample_schemas(Registry& r) {
  using A = AttrType;
  // Either a fixed output "size" [h, w], or "scale_factors" [sh, sw]: the
  // output is floor(in * scale) and, unless "recompute_scale_factor", the
  // source rows follow 1 / scale (torch's interpolate).
  r.add(OpSchema("upsample_nearest2d")
            .inputs({"input"})
            .attrs({{"size", A::Pair}, {"scale_factors", A::Floats}, {"recompute_scale_factor", A::Bool}})
            .differentiable()
            .onnx({"Resize", "Shape", "Slice", "Concat"})
            .kernel([](Attrs& a) -> Kernel {
              const std::string where = a.where();
              NNLITE_CHECK(a.has("size") != a.has("scale_factors"), Value, where,
                           ": exactly one of the attributes 'size' and 'scale_factors' must be given");
              if (a.has("size")) {
                Pair size = a.pair("size");
                return [=](const TensorList& in) { return one(upsample_nearest2d(in[0], size)); };
              }
              std::vector<double> s = a.numbers("scale_factors", 2);
              for (double v : s)
                NNLITE_CHECK(v > 0 && std::isfinite(v), Value, where, ": scale_factors must be positive, got ", v);
              bool recompute = a.boolean("recompute_scale_factor", false);
              std::array<double, 2> scales{s[0], s[1]};
              return [=](const TensorList& in) {
                const Tensor& x = in[0];
                NNLITE_CHECK(x.dim() == 4, Value, "upsample_nearest2d: expected a 4-d input [N, C, H, W], got shape ",
                             shape_str(x.shape()));
                Pair out{};
                for (int i = 0; i < 2; ++i)
                  out[i] = static_cast<int64_t>(std::floor(static_cast<double>(x.size(2 + i)) * scales[i]));
                return one(recompute ? upsample_nearest2d(x, out) : upsample_nearest2d_scaled(x, out, scales));
              };
            }));
  // pads: (left, right) of the last dim first, as torch's F.pad
  r.add(OpSchema("pad")
            .inputs({"input"})
            .attrs({{"pads", A::Ints}, {"mode", A::String}, {"value", A::Float}})
            .differentiable()
            .onnx({"Pad"})
            .kernel([](Attrs& a) -> Kernel {
              std::vector<int64_t> pads = a.ints("pads");
              std::string mode = a.string("mode", "constant");
              double value = a.number("value", 0.0);
              return [=](const TensorList& in) { return one(pad(in[0], pads, mode, value)); };
            }));
}

}  // namespace nnlite::schema
