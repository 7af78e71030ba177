// Conv2d and ConvTranspose2d: option checks in the order and words of
// python/nnlite/nn/conv.py, PyTorch's initialisation, and the conv ops.
#include "nnlite/nn/conv.h"

#include "nnlite/nn/init.h"
#include "nnlite/ops.h"
#include "pyformat.h"

namespace nnlite::nn {
namespace {

void check_int(const char* cls, const char* name, int64_t v, int64_t minimum) {
  NNLITE_CHECK(v >= minimum, Value, cls, ": ", name, " must be a ", minimum > 0 ? "positive" : "non-negative",
               " integer (or a pair of them) but got ", v);
}

void check_size2(const char* cls, const char* name, Size2 v, int64_t minimum) {
  check_int(cls, name, v.h, minimum);
  check_int(cls, name, v.w, minimum);
}

void check_channels(const char* cls, int64_t in, int64_t out, int64_t groups) {
  check_int(cls, "in_channels", in, 0);
  check_int(cls, "out_channels", out, 0);
  NNLITE_CHECK(groups > 0, Value, cls, ": groups must be a positive integer but got ", groups);
  NNLITE_CHECK(in % groups == 0, Value, cls, ": in_channels (", in, ") must be divisible by groups (", groups, ")");
  NNLITE_CHECK(out % groups == 0, Value, cls, ": out_channels (", out, ") must be divisible by groups (", groups,
               ")");
}

std::string common_repr(int64_t in, int64_t out, Size2 kernel, Size2 stride) {
  return std::to_string(in) + ", " + std::to_string(out) + ", kernel_size=" + detail::py_pair(kernel.pair()) +
         ", stride=" + detail::py_pair(stride.pair());
}

}  // namespace

ConvPadding::ConvPadding(const std::string& s) : text(s) {
  NNLITE_CHECK(s == "same" || s == "valid", Value, "Conv2d: padding must be an int, a pair, 'valid' or 'same' but got ",
               detail::py_str(s));
  mode = s == "same" ? Mode::Same : Mode::Valid;
}

// ---- Conv2d -------------------------------------------------------------------

Conv2d::Conv2d(int64_t in_channels_, int64_t out_channels_, Size2 kernel_size_, Size2 stride_, ConvPadding padding_,
               Size2 dilation_, int64_t groups_, bool with_bias, const std::string& padding_mode_, DType dtype)
    : Module("Conv2d"),
      in_channels(in_channels_),
      out_channels(out_channels_),
      kernel_size(kernel_size_),
      stride(stride_),
      padding(padding_),
      dilation(dilation_),
      groups(groups_),
      padding_mode(padding_mode_) {
  const char* cls = "Conv2d";
  check_channels(cls, in_channels, out_channels, groups);
  NNLITE_CHECK(padding_mode == "zeros" || padding_mode == "reflect" || padding_mode == "replicate" ||
                   padding_mode == "circular",
               Value, cls, ": padding_mode must be one of ('zeros', 'reflect', 'replicate', 'circular') but got ",
               detail::py_str(padding_mode));
  check_size2(cls, "kernel_size", kernel_size, 1);
  check_size2(cls, "stride", stride, 1);
  check_size2(cls, "dilation", dilation, 1);
  if (padding.mode == ConvPadding::Mode::Explicit) {
    check_size2(cls, "padding", padding.size, 0);
  } else {
    // 'same' and 'valid' are checked by the rule itself (shared with Python's Conv2d).
    conv2d_padding(padding.text, kernel_size.pair(), dilation.pair(), stride.pair());
  }
  weight = register_parameter("weight",
                              empty({out_channels, in_channels / groups, kernel_size.h, kernel_size.w}, dtype));
  if (with_bias) bias = register_parameter("bias", empty({out_channels}, dtype));
  reset_parameters();
}

void Conv2d::reset_parameters() { init::reset_conv_(weight, bias); }

Tensor Conv2d::forward(const Tensor& input) {
  // The padding rule ('same', 'valid', padding_mode) is the op's, shared with Python's Conv2d.
  const std::string mode = padding.mode == ConvPadding::Mode::Explicit ? "" : padding.text;
  return conv2d_module(input, weight, bias, stride.pair(), mode, padding.size.pair(), dilation.pair(), groups,
                       padding_mode);
}

std::string Conv2d::extra_repr() const {
  std::string s = common_repr(in_channels, out_channels, kernel_size, stride);
  if (padding.mode != ConvPadding::Mode::Explicit)
    s += ", padding=" + padding.text;
  else if (padding.size != Size2(0))
    s += ", padding=" + detail::py_pair(padding.size.pair());
  if (dilation != Size2(1)) s += ", dilation=" + detail::py_pair(dilation.pair());
  if (groups != 1) s += ", groups=" + std::to_string(groups);
  if (!bias.defined()) s += ", bias=False";
  if (padding_mode != "zeros") s += ", padding_mode=" + padding_mode;
  return s;
}

// ---- ConvTranspose2d ----------------------------------------------------------

ConvTranspose2d::ConvTranspose2d(int64_t in_channels_, int64_t out_channels_, Size2 kernel_size_, Size2 stride_,
                                 Size2 padding_, Size2 output_padding_, int64_t groups_, bool with_bias,
                                 Size2 dilation_, DType dtype)
    : Module("ConvTranspose2d"),
      in_channels(in_channels_),
      out_channels(out_channels_),
      kernel_size(kernel_size_),
      stride(stride_),
      padding(padding_),
      output_padding(output_padding_),
      groups(groups_),
      dilation(dilation_) {
  const char* cls = "ConvTranspose2d";
  check_channels(cls, in_channels, out_channels, groups);
  check_size2(cls, "kernel_size", kernel_size, 1);
  check_size2(cls, "stride", stride, 1);
  check_size2(cls, "dilation", dilation, 1);
  check_size2(cls, "padding", padding, 0);
  check_size2(cls, "output_padding", output_padding, 0);
  weight = register_parameter("weight",
                              empty({in_channels, out_channels / groups, kernel_size.h, kernel_size.w}, dtype));
  if (with_bias) bias = register_parameter("bias", empty({out_channels}, dtype));
  reset_parameters();
}

void ConvTranspose2d::reset_parameters() { init::reset_conv_(weight, bias); }

Tensor ConvTranspose2d::forward(const Tensor& input) {
  return conv_transpose2d(input, weight, bias, stride.pair(), padding.pair(), output_padding.pair(), groups,
                          dilation.pair());
}

Tensor ConvTranspose2d::forward(const Tensor& input, const std::vector<int64_t>& output_size) {
  const Pair op = conv_transpose2d_output_padding(input.shape(), output_size, kernel_size.pair(), stride.pair(),
                                                  padding.pair(), dilation.pair());
  return conv_transpose2d(input, weight, bias, stride.pair(), padding.pair(), op, groups, dilation.pair());
}

std::string ConvTranspose2d::extra_repr() const {
  std::string s = common_repr(in_channels, out_channels, kernel_size, stride);
  if (padding != Size2(0)) s += ", padding=" + detail::py_pair(padding.pair());
  if (dilation != Size2(1)) s += ", dilation=" + detail::py_pair(dilation.pair());
  if (output_padding != Size2(0)) s += ", output_padding=" + detail::py_pair(output_padding.pair());
  if (groups != 1) s += ", groups=" + std::to_string(groups);
  if (!bias.defined()) s += ", bias=False";
  return s;
}

}  // namespace nnlite::nn
