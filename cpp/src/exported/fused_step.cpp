// See fused_step.h. A convolution takes its epilogue into its own kernel
// (ops/conv_fused.h); a linear layer's runs as one in-place pass after it.
// The per-layer thread decision lives here too: a layer whose
// work is under spec.serial_below (optimize.h) runs with one thread, since waking the pool
// costs more than it saves (and, on a loaded machine, may wait a scheduler
// slice for a descheduled thread).
#include "exported/fused_step.h"

#include "backend/cpu/epilogue.h"
#include "exported/attrs.h"
#include "nnlite/nnlite.h"
#include "nnlite/ops.h"
#include "ops/conv_fused.h"

namespace nnlite::exported {
namespace {

// Sets the calling thread's OpenMP team size to 1 for its lifetime when `serial`.
class OneThreadIf {
 public:
  explicit OneThreadIf(bool serial) : saved_(serial ? get_num_threads() : 0) {
    if (saved_ > 1) set_num_threads(1);
  }
  ~OneThreadIf() {
    if (saved_ > 1) set_num_threads(saved_);
  }
  OneThreadIf(const OneThreadIf&) = delete;
  OneThreadIf& operator=(const OneThreadIf&) = delete;

 private:
  int saved_;
};

// conv2d's attributes, read as its schema's kernel reads them (ops/conv.cpp).
struct ConvAttrs {
  Pair stride{1, 1}, padding{0, 0}, dilation{1, 1};
  int64_t groups = 1;
};

ConvAttrs conv_attrs(const Graph::Impl::Step& s) {
  Attrs a(s.attrs, s.where, s.inputs.size());
  return {a.pair("stride", {1, 1}), a.pair("padding", {0, 0}), a.pair("dilation", {1, 1}), a.integer("groups", 1)};
}

// Multiply-adds x2 of the layer on these inputs, from the input's size:
// conv2d x [N, C, H, W], w [K, C/g, kh, kw] -> about N*H*W/(sh*sw) outputs
// per output channel; linear x [*, in], w [out, in].
double layer_flop(bool conv, const Tensor& x, const Tensor& w, Pair stride) {
  if (!x.defined() || !w.defined() || w.dim() == 0) return 0;
  if (conv) {
    const double pixels = x.dim() >= 3 && x.size(-3) > 0 ? static_cast<double>(x.numel() / x.size(-3)) : 0;
    return 2.0 * pixels / static_cast<double>(stride[0] * stride[1]) * static_cast<double>(w.numel());
  }
  const double rows = x.dim() >= 1 && x.size(-1) > 0 ? static_cast<double>(x.numel() / x.size(-1)) : 0;
  return 2.0 * rows * static_cast<double>(w.numel());
}

template <typename T>
void epilogue(Tensor& y, const Tensor& r, bool relu) {
  cpu::add_relu_inplace(y.data<T>(), r.defined() ? r.data<T>() : nullptr, y.numel(), relu);
}

}  // namespace

Graph::Impl::Step make_fused_step(const Graph::Impl::Step& layer, const FusedSpec& spec, int residual_slot,
                                  int out_slot) {
  Graph::Impl::Step step;
  step.op = layer.op + (spec.residual ? "+add" : "") + (spec.relu ? "+relu" : "");
  step.where = layer.where;
  step.attrs = layer.attrs;
  step.inputs = layer.inputs;
  if (spec.residual) step.inputs.push_back(residual_slot);
  step.outputs = {out_slot};
  const bool conv = layer.op == "conv2d";
  const ConvAttrs ca = conv ? conv_attrs(layer) : ConvAttrs{};
  const std::string op = layer.op;
  step.kernel = [inner = layer.kernel, spec, conv, ca, op](const TensorList& in) -> TensorList {
    TensorList layer_in(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(spec.layer_inputs));
    const Tensor r = spec.residual ? in[spec.layer_inputs] : Tensor();
    Tensor y;
    {
      OneThreadIf one(layer_flop(conv, in[0], in[1], ca.stride) < spec.serial_below);
      y = conv ? conv2d_fused(in[0], in[1], schema::input_or_none(layer_in, 2), ca.stride, ca.padding, ca.dilation,
                              ca.groups, r, spec.relu)
               : inner(layer_in).at(0);
    }
    NNLITE_CHECK(!spec.folded_rank || y.dim() == spec.folded_rank, Value, op, ": the batch_norm folded into it at "
                 "load time assumed a ", spec.folded_rank, "-d output (channels in dim 1), got shape ",
                 shape_str(y.shape()), "; load the graph with optimize=False to run it unfused");
    if (conv || (!spec.residual && !spec.relu)) return {y};
    const bool in_place = y.is_cpu() && y.is_contiguous() &&
                          (y.dtype() == DType::Float32 || y.dtype() == DType::Float64) &&
                          (!r.defined() || (r.is_cpu() && r.dtype() == y.dtype() && r.shape() == y.shape()));
    if (!in_place) {  // broadcasting, mixed dtypes, another device: the ops themselves
      if (r.defined()) y = add(y, r);
      return {spec.relu ? relu(y) : y};
    }
    const Tensor rc = r.defined() ? r.contiguous() : Tensor();
    if (y.dtype() == DType::Float32)
      epilogue<float>(y, rc, spec.relu);
    else
      epilogue<double>(y, rc, spec.relu);
    return {y};
  };
  return step;
}

}  // namespace nnlite::exported
