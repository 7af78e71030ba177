// linear over a binary, sparse input: spike trains (rate-coded images, ~13%
// ones; a spiking layer's output), binary samples, one-hot rows. There
// y = x W^T + b sums, per row of x, the columns of W its ones select, and the
// weight gradient dW = dY^T x adds, per input feature, the rows of dY where it
// is 1: both cost the ones, not the full product (backend/cpu/binary_gemm.h).
// The index of x's ones is built once here and kept for the weight gradient.
// The scan that builds it stops at the first row holding a value other than
// 0 or 1, so a real-valued input pays one row before the dense GEMM.
#include "ops/binary_linear.h"

#include "backend/cpu/binary_gemm.h"
#include "ops/op_util.h"

namespace nnlite::ops {

namespace {

// Above this fraction of ones the dense GEMM wins (measured on the
// 1600x784x1000 product of the spiking benchmark: the sums cost as much as
// the GEMM near 35% ones on one thread).
constexpr double kMaxDensity = 0.25;
// Narrower outputs fill too little of a vector per selected row, and below
// this many multiply-adds the dense GEMM is as cheap as the scan.
constexpr int64_t kMinOut = 32;
constexpr int64_t kMinWork = int64_t{1} << 22;

}  // namespace

Tensor binary_linear(const Tensor& x, const Tensor& w, const Tensor& bias) {
  const int64_t in = w.size(1), outf = w.size(0);
  const int64_t R = in > 0 ? x.numel() / in : 0;
  const bool floating = x.dtype() == DType::Float32 || x.dtype() == DType::Float64;
  if (!floating || !x.device().is_cpu() || !x.is_contiguous() || outf < kMinOut || R * in * outf < kMinWork)
    return Tensor();
  std::shared_ptr<cpu::BinaryIndex> ones = cpu::index_binary(x.detach().reshape({R, in}), kMaxDensity);
  if (!ones) return Tensor();
  // [in, out]: the rows the ones select, contiguous.
  const Tensor wt = w.detach().t().contiguous();
  Shape out_shape = x.shape();
  out_shape.back() = outf;
  Tensor out = empty(out_shape, x.dtype(), x.device());
  cpu::binary_matmul(*ones, wt, bias.defined() ? bias.detach().contiguous() : Tensor(), out);
  TensorList inputs{x, w};
  if (bias.defined()) inputs.push_back(bias);
  return record("linear", out, inputs, [x, w, ones, in, outf, R](const Tensor& g, const std::vector<bool>& n) {
    Tensor g2 = g.reshape({R, outf});
    TensorList r(n.size());
    if (n[0]) r[0] = matmul(g, w);
    if (n[1] && grad_enabled()) {  // create_graph: a product autograd can differentiate
      r[1] = matmul(g2.t(), x.reshape({R, in}));
    } else if (n[1]) {
      Tensor gwt = empty({in, outf}, g.dtype(), g.device());  // dW^T = x^T dY [in, out]
      cpu::binary_matmul_tn(*ones, g2.contiguous(), gwt, false);
      r[1] = gwt.t().contiguous();
    }
    if (n.size() > 2 && n[2]) r[2] = sum(g2, {0});
    return r;
  }, {x, w});
}

}  // namespace nnlite::ops
