// matmul (torch.matmul semantics) and linear, on the backend's batched GEMM.
#include "exported/attrs.h"
#include "exported/recorder.h"
#include "ops/binary_linear.h"
#include "ops/op_util.h"
#include "ops/schema.h"

namespace nnlite {

namespace {

// t (rank >= 2, already broadcast to batch + [r, c]) as a [B, r, c] view when
// its batch dims collapse into one stride, else as a contiguous copy.
Tensor as_batched(const Tensor& t, int64_t B) {
  const int64_t nb = t.dim() - 2;
  const Shape& sh = t.shape();
  const Shape& st = t.strides();
  std::vector<int64_t> big;  // batch dims of size > 1
  for (int64_t i = 0; i < nb; ++i)
    if (sh[i] != 1) big.push_back(i);
  bool collapsible = true;
  for (size_t k = 0; k + 1 < big.size(); ++k)
    if (st[big[k]] != st[big[k + 1]] * sh[big[k + 1]]) collapsible = false;
  Tensor src = collapsible ? t : t.detach().contiguous();
  int64_t stride = collapsible ? (big.empty() ? 0 : st[big.back()]) : sh[nb] * sh[nb + 1];
  return ops::view_raw(src, {B, sh[nb], sh[nb + 1]}, {stride, src.strides()[nb], src.strides()[nb + 1]},
                       src.offset());
}

// a [..., M, K] @ b [..., K, N] with broadcast batch dims; sa0/sb0 are the
// caller's shapes (before 1-d operands were unsqueezed), for messages.
Tensor matmul_nd(const Tensor& a, const Tensor& b, const Shape& sa0, const Shape& sb0) {
  const int64_t M = a.size(-2), K = a.size(-1), K2 = b.size(-2), N = b.size(-1);
  NNLITE_CHECK(K == K2, Value, "matmul: shapes ", shape_str(sa0), " and ", shape_str(sb0),
               " cannot be multiplied (", K, " columns in the first vs ", K2, " rows in the second)");
  Shape ba(a.shape().begin(), a.shape().end() - 2), bb(b.shape().begin(), b.shape().end() - 2);
  Shape batch;
  try {
    batch = ops::broadcast_shapes(ba, bb, "matmul");
  } catch (const Error&) {
    NNLITE_FAIL(Value, "matmul: the batch dimensions of shapes ", shape_str(sa0), " and ", shape_str(sb0),
                " cannot be broadcast together");
  }
  int64_t B = shape_numel(batch);
  Shape sa = batch, sb = batch, so = batch;
  sa.insert(sa.end(), {M, K});
  sb.insert(sb.end(), {K, N});
  so.insert(so.end(), {M, N});
  Tensor out = empty(so, a.dtype(), a.device());
  if (B > 0) {
    Tensor a3 = as_batched(ops::expand_raw(a, sa), B), b3 = as_batched(ops::expand_raw(b, sb), B);
    Tensor o3 = ops::view_raw(out, {B, M, N}, {M * N, N, 1}, 0);
    ops::backend_of(a).matmul(a3, b3, Tensor(), o3);
  }
  return record("matmul", out, {a, b}, [a, b](const Tensor& g, const std::vector<bool>& n) {
    return TensorList{n[0] ? sum_to(matmul(g, b.transpose(-1, -2)), a.shape()) : Tensor(),
                      n[1] ? sum_to(matmul(a.transpose(-1, -2), g), b.shape()) : Tensor()};
  }, {a, b});
}

void check_operands(const char* op, const Tensor& a, const Tensor& b) {
  ops::backend_of({a, b}, op);
  NNLITE_CHECK(a.dtype() == b.dtype() && a.dtype() != DType::Bool, Type, op,
               ": expected two numeric tensors of the same dtype, got ", ops::describe(a), " and ", ops::describe(b));
}

Tensor matmul_any(const Tensor& a, const Tensor& b);
Tensor linear_impl(const Tensor& x, const Tensor& w, const Tensor& bias);

}  // namespace

Tensor matmul(const Tensor& a, const Tensor& b) {
  exported::OpScope scope;
  Tensor y = matmul_any(a, b);
  NNLITE_REPORT("matmul", {a, b}, {y});
  return y;
}

Tensor linear(const Tensor& x, const Tensor& w, const Tensor& bias) {
  exported::OpScope scope;
  Tensor y = linear_impl(x, w, bias);
  NNLITE_REPORT("linear", {x, w, bias}, {y});
  return y;
}

namespace {

Tensor matmul_any(const Tensor& a, const Tensor& b) {
  check_operands("matmul", a, b);
  NNLITE_CHECK(a.dim() >= 1 && b.dim() >= 1, Value, "matmul: both arguments need at least one dimension, got shapes ",
               shape_str(a.shape()), " and ", shape_str(b.shape()));
  const Shape& sa = a.shape();
  const Shape& sb = b.shape();
  if (a.dim() == 1 && b.dim() == 1) {
    NNLITE_CHECK(a.size(0) == b.size(0), Value, "matmul: vectors of shapes ", shape_str(sa), " and ", shape_str(sb),
                 " cannot be multiplied; expected equal sizes");
    return matmul_nd(a.unsqueeze(0), b.unsqueeze(1), sa, sb).view({});
  }
  if (a.dim() == 1) return matmul_nd(a.unsqueeze(0), b, sa, sb).squeeze(-2);
  if (b.dim() == 1) return matmul_nd(a, b.unsqueeze(1), sa, sb).squeeze(-1);
  return matmul_nd(a, b, sa, sb);
}

Tensor linear_impl(const Tensor& x, const Tensor& w, const Tensor& bias) {
  check_operands("linear", x, w);
  NNLITE_CHECK(w.dim() == 2, Value, "linear: weight must be 2-d [out_features, in_features], got shape ",
               shape_str(w.shape()));
  NNLITE_CHECK(x.dim() >= 1 && x.size(-1) == w.size(1), Value, "linear: input of shape ", shape_str(x.shape()),
               " does not match weight of shape ", shape_str(w.shape()), " (expected the last input dimension to be ",
               w.size(1), ")");
  if (bias.defined()) {
    check_operands("linear", x, bias);
    NNLITE_CHECK(bias.dim() == 1 && bias.size(0) == w.size(0), Value, "linear: bias of shape ",
                 shape_str(bias.shape()), " does not match weight of shape ", shape_str(w.shape()),
                 " (expected [", w.size(0), "])");
  }
  if (Tensor y = ops::binary_linear(x, w, bias); y.defined()) return y;  // binary sparse input: sums of rows
  const int64_t in = w.size(1), outf = w.size(0);
  int64_t R = 1;  // rows: the product of x's leading dims (not numel / in, which is 0 when in == 0)
  for (int64_t d = 0; d + 1 < x.dim(); ++d) R *= x.size(d);
  Shape out_shape = x.shape();
  out_shape.back() = outf;
  Tensor out = empty(out_shape, x.dtype(), x.device());
  if (R > 0 && outf > 0) {
    Tensor x2 = x.detach().reshape({R, in});
    Tensor a3 = ops::view_raw(x2, {1, R, in}, {0, x2.strides()[0], x2.strides()[1]}, x2.offset());
    Tensor b3 = ops::view_raw(w, {1, in, outf}, {0, w.strides()[1], w.strides()[0]}, w.offset());
    Tensor o3 = ops::view_raw(out, {1, R, outf}, {0, outf, 1}, 0);
    ops::backend_of(x).matmul(a3, b3, bias, o3);
  } else if (bias.defined() && R > 0) {
    copy_(out, bias.detach().expand(out_shape));
  }
  TensorList inputs{x, w};
  if (bias.defined()) inputs.push_back(bias);
  return record("linear", out, inputs, [x, w, in, outf, R](const Tensor& g, const std::vector<bool>& n) {
    Tensor g2 = g.reshape({R, outf});
    TensorList r(n.size());
    if (n[0]) r[0] = matmul(g, w);
    if (n[1]) r[1] = matmul(g2.t(), x.reshape({R, in}));
    if (n.size() > 2 && n[2]) r[2] = sum(g2, {0});
    return r;
  }, {x, w});
}

}  // namespace
}  // namespace nnlite

// ---- schema entries (ops/schema.h): one per op of this file ----
namespace nnlite::schema {

void register_linalg_schemas(Registry& r) {
  r.add(OpSchema("matmul").inputs({"input", "other"}).differentiable().onnx({"MatMul"}).kernel(binary_kernel(&matmul)));
  // x [*, in], weight [out, in], bias [out]? -> [*, out]
  r.add(OpSchema("linear")
            .inputs({"input", "weight", "bias?"})
            .differentiable()
            .onnx({"Gemm", "MatMul", "Transpose", "Add"})
            .kernel([](Attrs&) -> Kernel {
              return [](const TensorList& in) { return one(linear(in[0], in[1], input_or_none(in, 2))); };
            }));
}

}  // namespace nnlite::schema
