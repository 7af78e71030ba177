// Graph ops of the layer family: linear, convolution, pooling,
// normalization, resampling, padding and the activations. Each parses its
// attributes into the C++ op's arguments once; the C++ op checks shapes and
// dtypes on every run.
#include <cmath>

#include "exported/registry.h"
#include "nnlite/ops.h"

namespace nnlite::exported {
namespace {

OpSpec with_inputs(int min, int max, std::vector<int> optional, std::function<Kernel(Attrs&)> prepare) {
  OpSpec s;
  s.min_inputs = min;
  s.max_inputs = max;
  s.optional = std::move(optional);
  s.prepare = std::move(prepare);
  return s;
}

// The i-th input, or an undefined tensor when the node has fewer.
const Tensor& arg(const TensorList& in, size_t i) {
  static const Tensor none;
  return i < in.size() ? in[i] : none;
}

void register_linear_conv(OpRegistry& r) {
  // inputs: x [*, in], weight [out, in], bias [out]? -> [*, out]
  r.add("linear", with_inputs(2, 3, {2}, [](Attrs&) -> Kernel {
          return [](const TensorList& in) { return one(linear(in[0], in[1], arg(in, 2))); };
        }));
  // inputs: x [N, C, H, W], weight [K, C/groups, kh, kw], bias [K]? -> [N, K, Ho, Wo]
  r.add("conv2d", with_inputs(2, 3, {2}, [](Attrs& a) -> Kernel {
          Pair stride = a.pair("stride", {1, 1}), padding = a.pair("padding", {0, 0});
          Pair dilation = a.pair("dilation", {1, 1});
          int64_t groups = a.integer("groups", 1);
          return [=](const TensorList& in) {
            return one(conv2d(in[0], in[1], arg(in, 2), stride, padding, dilation, groups));
          };
        }));
  // inputs: x [N, C, H, W], weight [C, K/groups, kh, kw], bias [K]? -> [N, K, Ho, Wo]
  r.add("conv_transpose2d", with_inputs(2, 3, {2}, [](Attrs& a) -> Kernel {
          Pair stride = a.pair("stride", {1, 1}), padding = a.pair("padding", {0, 0});
          Pair output_padding = a.pair("output_padding", {0, 0}), dilation = a.pair("dilation", {1, 1});
          int64_t groups = a.integer("groups", 1);
          return [=](const TensorList& in) {
            return one(conv_transpose2d(in[0], in[1], arg(in, 2), stride, padding, output_padding, groups, dilation));
          };
        }));
}

void register_pooling(OpRegistry& r) {
  r.add("max_pool2d", unary_spec([](Attrs& a) -> Kernel {
          Pair kernel = a.pair("kernel_size");
          Pair stride = a.pair("stride", kernel), padding = a.pair("padding", {0, 0});
          Pair dilation = a.pair("dilation", {1, 1});
          bool ceil_mode = a.boolean("ceil_mode", false);
          return [=](const TensorList& in) {
            return one(max_pool2d(in[0], kernel, stride, padding, dilation, ceil_mode));
          };
        }));
  r.add("avg_pool2d", unary_spec([](Attrs& a) -> Kernel {
          Pair kernel = a.pair("kernel_size");
          Pair stride = a.pair("stride", kernel), padding = a.pair("padding", {0, 0});
          bool ceil_mode = a.boolean("ceil_mode", false);
          bool count_include_pad = a.boolean("count_include_pad", true);
          return [=](const TensorList& in) {
            return one(avg_pool2d(in[0], kernel, stride, padding, ceil_mode, count_include_pad));
          };
        }));
  // output_size: [h, w] where null keeps the input's size along that dim.
  r.add("adaptive_avg_pool2d", unary_spec([](Attrs& a) -> Kernel {
          auto size = a.optional_ints("output_size", 2);
          return [=](const TensorList& in) {
            const Tensor& x = in[0];
            Pair out{};
            for (int i = 0; i < 2; ++i) {
              NNLITE_CHECK(size[i] || x.dim() >= 2, Value, "adaptive_avg_pool2d: expected a 3-d or 4-d input, got "
                           "shape ", shape_str(x.shape()));
              out[i] = size[i] ? *size[i] : x.size(x.dim() - 2 + i);
            }
            return one(adaptive_avg_pool2d(x, out));
          };
        }));
}

void register_norm(OpRegistry& r) {
  // inputs: x [N, C, *], running_mean [C]?, running_var [C]?, weight [C]?, bias [C]?
  // Graphs never update running statistics: with training set (batch
  // statistics), the running tensors must be absent.
  r.add("batch_norm", with_inputs(1, 5, {1, 2, 3, 4}, [](Attrs& a) -> Kernel {
          bool training = a.boolean("training", false);
          double momentum = a.number("momentum", 0.1), eps = a.number("eps", 1e-5);
          std::string where = a.where();
          return [=](const TensorList& in) {
            NNLITE_CHECK(!training || (!arg(in, 1).defined() && !arg(in, 2).defined()), Value, where,
                         ": batch_norm with training=true would update running statistics; a graph cannot");
            return one(batch_norm(in[0], arg(in, 1), arg(in, 2), arg(in, 3), arg(in, 4), training, momentum, eps));
          };
        }));
  r.add("layer_norm", with_inputs(1, 3, {1, 2}, [](Attrs& a) -> Kernel {
          Shape normalized = a.ints("normalized_shape");
          double eps = a.number("eps", 1e-5);
          return [=](const TensorList& in) {
            return one(layer_norm(in[0], normalized, arg(in, 1), arg(in, 2), eps));
          };
        }));
  r.add("group_norm", with_inputs(1, 3, {1, 2}, [](Attrs& a) -> Kernel {
          int64_t groups = a.integer("num_groups");
          double eps = a.number("eps", 1e-5);
          return [=](const TensorList& in) { return one(group_norm(in[0], groups, arg(in, 1), arg(in, 2), eps)); };
        }));
}

void register_resample(OpRegistry& r) {
  // Either a fixed output "size" [h, w], or "scale_factors" [sh, sw]: the
  // output is floor(in * scale) and, unless "recompute_scale_factor", the
  // source rows follow 1 / scale (torch's interpolate).
  r.add("upsample_nearest2d", unary_spec([](Attrs& a) -> Kernel {
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
  r.add("pad", unary_spec([](Attrs& a) -> Kernel {
          std::vector<int64_t> pads = a.ints("pads");
          std::string mode = a.string("mode", "constant");
          double value = a.number("value", 0.0);
          return [=](const TensorList& in) { return one(pad(in[0], pads, mode, value)); };
        }));
}

// Activations without attributes.
void register_plain(OpRegistry& r, const char* name, Tensor (*f)(const Tensor&)) {
  r.add(name, unary_spec([f](Attrs&) -> Kernel {
          return [f](const TensorList& in) { return one(f(in[0])); };
        }));
}

void register_activations(OpRegistry& r) {
  register_plain(r, "relu", &relu);
  register_plain(r, "sigmoid", &sigmoid);
  register_plain(r, "tanh", &nnlite::tanh);
  r.add("leaky_relu", unary_spec([](Attrs& a) -> Kernel {
          double slope = a.number("negative_slope", 0.01);
          return [=](const TensorList& in) { return one(leaky_relu(in[0], slope)); };
        }));
  r.add("gelu", unary_spec([](Attrs& a) -> Kernel {
          std::string approximate = a.string("approximate", "none");
          NNLITE_CHECK(approximate == "none" || approximate == "tanh", Value, a.where(),
                       ": attribute 'approximate' must be 'none' or 'tanh', got '", approximate, "'");
          bool use_tanh = approximate == "tanh";
          return [=](const TensorList& in) { return one(gelu(in[0], use_tanh)); };
        }));
  r.add("elu", unary_spec([](Attrs& a) -> Kernel {
          double alpha = a.number("alpha", 1.0);
          return [=](const TensorList& in) { return one(elu(in[0], alpha)); };
        }));
  r.add("softplus", unary_spec([](Attrs& a) -> Kernel {
          double beta = a.number("beta", 1.0), threshold = a.number("threshold", 20.0);
          return [=](const TensorList& in) { return one(softplus(in[0], beta, threshold)); };
        }));
  r.add("softmax", unary_spec([](Attrs& a) -> Kernel {
          int64_t dim = a.integer("dim");
          return [=](const TensorList& in) { return one(softmax(in[0], dim)); };
        }));
  r.add("log_softmax", unary_spec([](Attrs& a) -> Kernel {
          int64_t dim = a.integer("dim");
          return [=](const TensorList& in) { return one(log_softmax(in[0], dim)); };
        }));
  r.add("clamp", unary_spec([](Attrs& a) -> Kernel {
          std::optional<Scalar> lo = a.optional_scalar("min"), hi = a.optional_scalar("max");
          return [=](const TensorList& in) { return one(clamp(in[0], lo, hi)); };
        }));
}

}  // namespace

void register_layer_ops(OpRegistry& r) {
  register_linear_conv(r);
  register_pooling(r);
  register_norm(r);
  register_resample(r);
  register_activations(r);
}

}  // namespace nnlite::exported
