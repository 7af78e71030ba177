// Bindings of the convolution, pooling, normalization and resampling ops with
// torch.nn.functional's names, argument names and defaults. What is here only
// turns Python arguments (an int or a pair, 'same'/'valid', None) into the
// C++ arguments; the ops check everything else.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <optional>
#include <string>

#include "bindings.h"
#include "convert.h"
#include "exported/recorder.h"
#include "nnlite/ops.h"
#include "ops/conv_fused.h"
#include "ops/fold_batch_norm.h"

namespace py = pybind11;

namespace nnlite::py_bind {
namespace {

// Pooling's stride: None (or an empty sequence) means the kernel size.
Pair stride_arg(py::handle o, Pair kernel, const char* op) {
  if (o.is_none() || (is_sequence(o) && py::len(o) == 0)) return kernel;
  return pair_arg(o, op, "stride");
}

std::vector<int64_t> int_list(py::handle o, const char* op, const char* name) {
  NNLITE_CHECK(is_sequence(o), Type, op, ": ", name, " must be a sequence of ints, got ", type_name(o));
  std::vector<int64_t> v;
  for (py::handle e : o) v.push_back(int_arg(e, op, name));
  return v;
}

// ---- convolution ----------------------------------------------------------------

// padding: an int, a pair, 'valid' or 'same'; the rule is conv2d_module's.
Tensor conv2d_py(const Tensor& x, const Tensor& w, const OptTensor& b, py::handle stride_o, py::handle padding_o,
                 py::handle dilation_o, int64_t groups, const std::string& padding_mode) {
  const char* op = "conv2d";
  Pair stride = pair_arg(stride_o, op, "stride"), dilation = pair_arg(dilation_o, op, "dilation");
  if (!py::isinstance<py::str>(padding_o))
    return conv2d_module(x, w, or_undefined(b), stride, "", pair_arg(padding_o, op, "padding"), dilation, groups,
                         padding_mode);
  const std::string mode = padding_o.cast<std::string>();
  NNLITE_CHECK(!mode.empty(), Value, op, ": padding must be an int, a pair, 'valid' or 'same', got ''");
  return conv2d_module(x, w, or_undefined(b), stride, mode, {0, 0}, dilation, groups, padding_mode);
}

void bind_conv(py::module_& m) {
  m.def("conv2d", &conv2d_py, py::arg("input"), py::arg("weight"), py::arg("bias") = py::none(),
        py::arg("stride") = 1, py::arg("padding") = 0, py::arg("dilation") = 1, py::arg("groups") = 1,
        py::arg("padding_mode") = "zeros",
        "2-d convolution (cross-correlation) of input [N, C, H, W] with weight [K, C/groups, kh, kw]; "
        "padding_mode 'reflect', 'replicate' or 'circular' pads with that mode first.");
  // The eager eval fusion's pieces (python/nnlite/nn/_fusion.py).
  m.def(
      "_conv2d_fused",
      [](const Tensor& x, const Tensor& w, const OptTensor& b, py::handle stride, py::handle padding,
         py::handle dilation, int64_t groups, const OptTensor& residual, bool relu) {
        const char* op = "conv2d";
        return conv2d_fused(x, w, or_undefined(b), pair_arg(stride, op, "stride"), pair_arg(padding, op, "padding"),
                            pair_arg(dilation, op, "dilation"), groups, or_undefined(residual), relu);
      },
      py::arg("input"), py::arg("weight"), py::arg("bias"), py::arg("stride"), py::arg("padding"),
      py::arg("dilation"), py::arg("groups"), py::arg("residual"), py::arg("relu"),
      "relu?(conv2d(input, weight, bias) + residual?) with the add and ReLU applied to the convolution's output "
      "tiles; inference only (no autograd record, not exportable).");
  m.def(
      "_fold_batch_norm",
      [](const Tensor& w, const OptTensor& b, const Tensor& mean, const Tensor& var, const OptTensor& gamma,
         const OptTensor& beta, double eps) {
        return fold_batch_norm(w, or_undefined(b), mean, var, or_undefined(gamma), or_undefined(beta), eps);
      },
      py::arg("weight"), py::arg("bias"), py::arg("running_mean"), py::arg("running_var"), py::arg("gamma"),
      py::arg("beta"), py::arg("eps"),
      "(weight', bias') of the layer with an eval-mode batch norm after it folded in (computed in float64).");
  m.def("_export_recording", &exported::recording_active,
        "Whether an export is recording on this thread (then layers must run as their recorded ops).");
  m.def(
      "conv_transpose2d_output_padding",
      [](const Tensor& x, const std::vector<int64_t>& output_size, py::handle kernel, py::handle stride,
         py::handle padding, py::handle dilation) {
        const char* op = "ConvTranspose2d";
        return conv_transpose2d_output_padding(x.shape(), output_size, pair_arg(kernel, op, "kernel_size"),
                                               pair_arg(stride, op, "stride"), pair_arg(padding, op, "padding"),
                                               pair_arg(dilation, op, "dilation"));
      },
      py::arg("input"), py::arg("output_size"), py::arg("kernel_size"), py::arg("stride") = 1, py::arg("padding") = 0,
      py::arg("dilation") = 1, "ConvTranspose2d's output_padding for a requested output_size.");
  m.def(
      "conv2d_padding",
      [](const std::string& padding, py::handle kernel, py::handle dilation, py::handle stride,
         py::handle explicit_padding) {
        const char* op = "conv2d_padding";
        return conv2d_padding(padding, pair_arg(kernel, op, "kernel_size"), pair_arg(dilation, op, "dilation"),
                              pair_arg(stride, op, "stride"), pair_arg(explicit_padding, op, "padding"));
      },
      py::arg("padding"), py::arg("kernel_size"), py::arg("dilation") = 1, py::arg("stride") = 1,
      py::arg("explicit_padding") = 0,
      "Conv2d's padding rule: the (left, right, top, bottom) zeros of padding 'same', 'valid' or '' (explicit).");
  m.def(
      "conv_transpose2d",
      [](const Tensor& x, const Tensor& w, const OptTensor& b, py::handle stride, py::handle padding,
         py::handle output_padding, int64_t groups, py::handle dilation) {
        const char* op = "conv_transpose2d";
        return conv_transpose2d(x, w, or_undefined(b), pair_arg(stride, op, "stride"),
                                pair_arg(padding, op, "padding"), pair_arg(output_padding, op, "output_padding"),
                                groups, pair_arg(dilation, op, "dilation"));
      },
      py::arg("input"), py::arg("weight"), py::arg("bias") = py::none(), py::arg("stride") = 1,
      py::arg("padding") = 0, py::arg("output_padding") = 0, py::arg("groups") = 1, py::arg("dilation") = 1,
      "2-d transposed convolution of input [N, C, H, W] with weight [C, K/groups, kh, kw].");
}

// ---- pooling --------------------------------------------------------------------

void bind_pool(py::module_& m) {
  m.def(
      "max_pool2d",
      [](const Tensor& x, py::handle kernel_o, py::handle stride_o, py::handle padding, py::handle dilation,
         bool ceil_mode, bool return_indices) -> py::object {
        const char* op = "max_pool2d";
        Pair kernel = pair_arg(kernel_o, op, "kernel_size");
        const Pair stride = stride_arg(stride_o, kernel, op), pad = pair_arg(padding, op, "padding"),
                   dil = pair_arg(dilation, op, "dilation");
        if (return_indices) {
          auto r = max_pool2d_with_indices(x, kernel, stride, pad, dil, ceil_mode);
          return py::make_tuple(r.first, r.second);
        }
        // Without indices, an inference call computes none (autograd still gets them).
        return py::cast(max_pool2d(x, kernel, stride, pad, dil, ceil_mode));
      },
      py::arg("input"), py::arg("kernel_size"), py::arg("stride") = py::none(), py::arg("padding") = 0,
      py::arg("dilation") = 1, py::arg("ceil_mode") = false, py::arg("return_indices") = false);
  m.def(
      "max_pool2d_with_indices",
      [](const Tensor& x, py::handle kernel_o, py::handle stride_o, py::handle padding, py::handle dilation,
         bool ceil_mode) {
        const char* op = "max_pool2d";
        Pair kernel = pair_arg(kernel_o, op, "kernel_size");
        return max_pool2d_with_indices(x, kernel, stride_arg(stride_o, kernel, op), pair_arg(padding, op, "padding"),
                                       pair_arg(dilation, op, "dilation"), ceil_mode);
      },
      py::arg("input"), py::arg("kernel_size"), py::arg("stride") = py::none(), py::arg("padding") = 0,
      py::arg("dilation") = 1, py::arg("ceil_mode") = false,
      "Max pooling values and the flat index (h * W + w) of each maximum within its plane.");
  m.def(
      "avg_pool2d",
      [](const Tensor& x, py::handle kernel_o, py::handle stride_o, py::handle padding, bool ceil_mode,
         bool count_include_pad, py::handle divisor_override) {
        const char* op = "avg_pool2d";
        if (!divisor_override.is_none())
          NNLITE_FAIL(NotImplemented, op, ": divisor_override is not supported; leave it None");
        Pair kernel = pair_arg(kernel_o, op, "kernel_size");
        return avg_pool2d(x, kernel, stride_arg(stride_o, kernel, op), pair_arg(padding, op, "padding"), ceil_mode,
                          count_include_pad);
      },
      py::arg("input"), py::arg("kernel_size"), py::arg("stride") = py::none(), py::arg("padding") = 0,
      py::arg("ceil_mode") = false, py::arg("count_include_pad") = true, py::arg("divisor_override") = py::none());
  m.def(
      "adaptive_avg_pool2d",
      [](const Tensor& x, py::handle size_o) {
        // None entries keep the input's size along that dim.
        const char* op = "adaptive_avg_pool2d";
        NNLITE_CHECK(x.dim() >= 2, Value, op, ": expected a 3-d or 4-d input, got shape ", shape_str(x.shape()));
        Pair size{};
        if (is_sequence(size_o)) {
          NNLITE_CHECK(py::len(size_o) == 2, Value, op, ": output_size must be an int or a pair, got ",
                       py::len(size_o), " values");
          for (int i = 0; i < 2; ++i) {
            py::handle e = size_o[py::int_(i)];
            size[i] = e.is_none() ? x.size(x.dim() - 2 + i) : int_arg(e, op, "output_size");
          }
        } else {
          size = pair_arg(size_o, op, "output_size");
        }
        return adaptive_avg_pool2d(x, size);
      },
      py::arg("input"), py::arg("output_size"));
}

// ---- normalization --------------------------------------------------------------

void bind_norm(py::module_& m) {
  m.def(
      "batch_norm",
      [](const Tensor& x, const OptTensor& rm, const OptTensor& rv, const OptTensor& w, const OptTensor& b,
         bool training, double momentum, double eps) {
        return batch_norm(x, or_undefined(rm), or_undefined(rv), or_undefined(w), or_undefined(b), training, momentum,
                          eps);
      },
      py::arg("input"), py::arg("running_mean"), py::arg("running_var"), py::arg("weight") = py::none(),
      py::arg("bias") = py::none(), py::arg("training") = false, py::arg("momentum") = 0.1, py::arg("eps") = 1e-5,
      "Batch normalization over [N, C, *]; in training, running_mean/running_var are updated in place.");
  m.def(
      "layer_norm",
      [](const Tensor& x, py::handle shape, const OptTensor& w, const OptTensor& b, double eps) {
        return layer_norm(x, shape_from_object(shape, "layer_norm"), or_undefined(w), or_undefined(b), eps);
      },
      py::arg("input"), py::arg("normalized_shape"), py::arg("weight") = py::none(), py::arg("bias") = py::none(),
      py::arg("eps") = 1e-5);
  m.def(
      "group_norm",
      [](const Tensor& x, int64_t num_groups, const OptTensor& w, const OptTensor& b, double eps) {
        return group_norm(x, num_groups, or_undefined(w), or_undefined(b), eps);
      },
      py::arg("input"), py::arg("num_groups"), py::arg("weight") = py::none(), py::arg("bias") = py::none(),
      py::arg("eps") = 1e-5);
}

// ---- resampling -----------------------------------------------------------------

// torch.nn.functional.interpolate, nearest mode: output size from `size`, or
// floor(in * scale_factor) with the scale kept for the index map unless
// recompute_scale_factor is set.
Tensor interpolate_py(const Tensor& x, py::handle size_o, py::handle scale_o, const std::string& mode,
                      py::handle align_corners, py::handle recompute, bool antialias) {
  const char* op = "interpolate";
  if (mode != "nearest")
    NNLITE_FAIL(NotImplemented, op, ": mode '", mode, "' is not supported; only 'nearest' is");
  NNLITE_CHECK(align_corners.is_none(), Value, op,
               ": align_corners can only be set with the interpolating modes (linear, bilinear, bicubic, trilinear)");
  NNLITE_CHECK(!antialias, Value, op, ": antialias is only available for the bilinear and bicubic modes");
  if (x.dim() != 4)
    NNLITE_FAIL(NotImplemented, op, ": only 4-d inputs [N, C, H, W] are supported (2-d nearest upsampling), got "
                "shape ", shape_str(x.shape()));
  NNLITE_CHECK(size_o.is_none() != scale_o.is_none(), Value, op,
               size_o.is_none() ? ": either size or scale_factor must be given"
                                : ": only one of size or scale_factor may be given");
  if (!size_o.is_none()) {
    if (is_sequence(size_o))
      NNLITE_CHECK(py::len(size_o) == 2, Value, op, ": size must have 2 entries for a 4-d input (2 spatial dims), "
                   "got ", py::len(size_o));
    return upsample_nearest2d(x, pair_arg(size_o, op, "size"));
  }
  std::array<double, 2> scales{};
  if (is_sequence(scale_o)) {
    NNLITE_CHECK(py::len(scale_o) == 2, Value, op, ": scale_factor must have 2 entries for a 4-d input, got ",
                 py::len(scale_o));
    for (int i = 0; i < 2; ++i) scales[i] = float_arg(scale_o[py::int_(i)], op, "scale_factor");
  } else {
    scales[0] = scales[1] = float_arg(scale_o, op, "scale_factor");
  }
  // out = floor(in * scale) in double, as torch does in eager mode.
  const bool recompute_size = !recompute.is_none() && recompute.cast<bool>();
  Pair out{};
  for (int i = 0; i < 2; ++i) {
    NNLITE_CHECK(scales[i] > 0 && std::isfinite(scales[i]), Value, op, ": scale_factor must be positive, got ",
                 scales[i]);
    out[i] = static_cast<int64_t>(std::floor(static_cast<double>(x.size(2 + i)) * scales[i]));
  }
  if (recompute_size) return upsample_nearest2d(x, out);
  return upsample_nearest2d_scaled(x, out, scales);
}

void bind_resample(py::module_& m) {
  m.def(
      "dropout2d",
      [](const Tensor& x, double p, bool training, Generator* gen) { return dropout2d(x, p, training, gen); },
      py::arg("input"), py::arg("p") = 0.5, py::arg("training") = true, py::arg("generator") = py::none(),
      "Zero whole channels of [N, C, H, W] (or [N, C, L]) with probability p; scale the rest by 1/(1-p).");
  m.def("interpolate", &interpolate_py, py::arg("input"), py::arg("size") = py::none(),
        py::arg("scale_factor") = py::none(), py::arg("mode") = "nearest", py::arg("align_corners") = py::none(),
        py::arg("recompute_scale_factor") = py::none(), py::arg("antialias") = false);
  m.def(
      "upsample_nearest2d",
      [](const Tensor& x, py::handle size, py::handle scale_factor) {
        return interpolate_py(x, size, scale_factor, "nearest", py::none(), py::none(), false);
      },
      py::arg("input"), py::arg("size") = py::none(), py::arg("scale_factor") = py::none());
  m.def(
      "pad",
      [](const Tensor& x, py::handle pads, const std::string& mode, py::handle value) {
        NNLITE_CHECK(value.is_none() || mode == "constant", Value, "pad: padding mode '", mode,
                     "' does not take a value argument");
        return pad(x, int_list(pads, "pad", "pad"), mode, value.is_none() ? 0.0 : float_arg(value, "pad", "value"));
      },
      py::arg("input"), py::arg("pad"), py::arg("mode") = "constant", py::arg("value") = py::none(),
      "Pad with (left, right, top, bottom, ...) from the last dim backwards; negative values crop.");
}

}  // namespace

void init_conv_pool_norm(py::module_& m) {
  bind_conv(m);
  bind_pool(m);
  bind_norm(m);
  bind_resample(m);
}

}  // namespace nnlite::py_bind
