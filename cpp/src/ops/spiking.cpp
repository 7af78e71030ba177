// leaky_sequence: a layer of leaky integrate-and-fire neurons run over all T
// steps of its input in one op (nnlite.snn.Leaky.sequence), with the
// backward through time in one pass too; the rules are backend::LifConfig's,
// the kernels the backends' lif_forward and lif_backward. Two differentiable
// outputs (spikes and the membrane trace), so it records through
// custom_function.
#include "exported/recorder.h"
#include "nnlite/custom_function.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

constexpr const char* kLeakyOp = "leaky_sequence";

using backend::LifConfig;
using backend::LifReset;
using backend::LifSurrogate;

LifReset parse_reset(const std::string& s) {
  if (s == "subtract") return LifReset::Subtract;
  if (s == "zero") return LifReset::Zero;
  NNLITE_CHECK(s == "none", Value, kLeakyOp, ": reset_mechanism must be 'subtract', 'zero' or 'none', got '", s, "'");
  return LifReset::None;
}

LifSurrogate parse_surrogate(const std::string& s) {
  if (s == "atan") return LifSurrogate::ATan;
  if (s == "fast_sigmoid") return LifSurrogate::FastSigmoid;
  if (s == "sigmoid") return LifSurrogate::Sigmoid;
  NNLITE_CHECK(s == "straight_through_estimator", Value, kLeakyOp,
               ": surrogate must be 'atan', 'fast_sigmoid', 'sigmoid' or 'straight_through_estimator', got '", s, "'");
  return LifSurrogate::StraightThrough;
}

// beta or threshold broadcast to the state's shape, contiguous, in `dtype`
// on `device` (a Python number arrives as a CPU scalar).
Tensor per_neuron(const Tensor& t, const char* what, const Shape& state, DType dtype, Device device) {
  NNLITE_CHECK(t.defined() && is_floating(t.dtype()), Type, kLeakyOp, ": ", what, " must be a floating-point tensor, got ",
               t.defined() ? ops::describe(t) : std::string("nothing"));
  const Shape& s = t.shape();
  bool fits = s.size() <= state.size();
  for (size_t k = 0; fits && k < s.size(); ++k) {
    const int64_t n = s[s.size() - 1 - k], want = state[state.size() - 1 - k];
    fits = n == 1 || n == want;
  }
  NNLITE_CHECK(fits, Value, kLeakyOp, ": ", what, " of shape ", shape_str(s), " does not broadcast to the state's shape ",
               shape_str(state));
  return t.to(dtype).to(device).expand(state).contiguous();
}

}  // namespace

std::pair<Tensor, Tensor> leaky_sequence(const Tensor& input, const Tensor& mem, const Tensor& beta,
                                         const Tensor& threshold, const std::string& reset_mechanism,
                                         const std::string& surrogate, double slope) {
  exported::OpScope scope;
  if (exported::reporting())
    exported::refuse(kLeakyOp, {input, mem, beta, threshold}, "is a training-time loop; export the layer step by step");
  NNLITE_CHECK(input.defined() && input.dim() >= 1 && is_floating(input.dtype()), Value, kLeakyOp,
               ": input must be a floating-point tensor [T, ...] with time first, got ",
               input.defined() ? ops::describe(input) : std::string("nothing"));
  backend::Backend& be = ops::backend_of({input, mem, beta, threshold}, kLeakyOp);
  Shape state(input.shape().begin() + 1, input.shape().end());
  NNLITE_CHECK(mem.defined() && mem.shape() == state, Value, kLeakyOp, ": mem of shape ",
               mem.defined() ? shape_str(mem.shape()) : std::string("nothing"),
               " must have the shape of one time step of the input, ", shape_str(state));
  NNLITE_CHECK(slope > 0, Value, kLeakyOp, ": slope must be positive, got ", slope);
  const LifConfig cfg{parse_reset(reset_mechanism), parse_surrogate(surrogate), slope};
  const DType dt = input.dtype();
  const Shape beta_shape = beta.shape(), th_shape = threshold.shape();

  auto forward = [&](autograd::FunctionCtx& ctx) {
    Tensor x = input.contiguous(), m0 = mem.to(dt).contiguous();
    Tensor b = per_neuron(beta, "beta", state, dt, input.device());
    Tensor th = per_neuron(threshold, "threshold", state, dt, input.device());
    Tensor spk = empty(input.shape(), dt, input.device()), trace = empty(input.shape(), dt, input.device());
    be.lif_forward(x, m0, b, th, cfg, spk, trace);
    ctx.save_for_backward({trace, m0, b, th});
    return TensorList{spk, trace};
  };
  // First-order only: the backward is one kernel, not a graph of ops.
  auto backward = [cfg, beta_shape, th_shape](autograd::FunctionCtx& ctx, const TensorList& g) {
    TensorList s = ctx.saved_tensors();
    const Tensor &trace = s[0], &m0 = s[1], &b = s[2], &th = s[3];
    NoGradGuard no_grad;
    Tensor gx = empty(trace.shape(), trace.dtype(), trace.device());
    Tensor gm0 = empty(m0.shape(), m0.dtype(), m0.device());
    Tensor gb = empty(m0.shape(), m0.dtype(), m0.device()), gth = empty(m0.shape(), m0.dtype(), m0.device());
    ops::backend_of(trace).lif_backward(g[0].contiguous(), g[1].contiguous(), trace, m0, b, th, cfg, gx, gm0, gb,
                                        gth);
    return TensorList{gx, gm0, sum_to(gb, beta_shape), sum_to(gth, th_shape)};
  };
  TensorList out = autograd::custom_function("LeakySequence", {input, mem, beta, threshold}, forward, backward);
  return {out[0], out[1]};
}

}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_spiking_schemas(Registry& r) {
  using A = AttrType;
  r.add(OpSchema("leaky_sequence")
            .inputs({"input", "mem", "beta", "threshold"})
            .attrs({{"reset_mechanism", A::String}, {"surrogate", A::String}, {"slope", A::Float}})
            .outputs(2)
            .differentiable()
            .not_exportable("a training-time loop over time with a surrogate gradient; the layer exports step by "
                            "step through its elementwise ops"));
}

}  // namespace nnlite::schema
