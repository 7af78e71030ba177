// The ops, as nnlite.* functions and as Tensor methods where torch has both.
// Layer ops and losses are bound in nn.cpp.
#include <algorithm>

#include "bindings.h"
#include "both.h"
#include "convert.h"
#include "exported/recorder.h"
#include "ops/inplace.h"
#include "ops/op_util.h"

namespace nnlite::py_bind {

namespace {

using Cls = TensorClass;

Tensor with_alpha(const Tensor& o, double alpha) { return alpha == 1 ? o : o * alpha; }

py::object max_min(const Tensor& x, py::object dim, bool keepdim, bool is_max) {
  if (dim.is_none()) return py::cast(is_max ? amax(x) : amin(x));
  int64_t d = int_arg(dim, is_max ? "max" : "min", "dim");
  auto r = is_max ? max(x, d, keepdim) : min(x, d, keepdim);
  return values_indices(r);
}

std::optional<int64_t> opt_dim(py::object d, const char* op) {
  if (d.is_none()) return std::nullopt;
  return int_arg(d, op, "dim");
}

double correction_of(py::object unbiased, py::object correction) {
  if (!correction.is_none()) return float_arg(correction, "var", "correction");
  if (!unbiased.is_none()) {
    NNLITE_CHECK(PyBool_Check(unbiased.ptr()), Type, "var: argument 'unbiased' must be a bool, got ",
                 type_name(unbiased));
    return unbiased.cast<bool>() ? 1.0 : 0.0;
  }
  return 1.0;
}

Tensor sum_with_dtype(const Tensor& x, DimsArg dim, bool keepdim, DTypeArg dtype) {
  Tensor in = dtype.is_none() ? x : x.to(*dtype_from(dtype));
  return sum(in, dims_from(dim, "sum"), keepdim);
}

TensorList split_any(const Tensor& x, py::object size, int64_t dim) {
  if (py::isinstance<py::int_>(size)) return split(x, size.cast<int64_t>(), dim);
  return split(x, shape_from_object(size, "split"), dim);
}

}  // namespace

void bind_elementwise(py::module_& m, Cls& c) {
  both(m, c, "neg", &nnlite::neg);
  both(m, c, "abs", &nnlite::abs);
  both(m, c, "sign", &nnlite::sign);
  both(m, c, "exp", &nnlite::exp);
  both(m, c, "log", &nnlite::log);
  both(m, c, "sqrt", &nnlite::sqrt);
  both(m, c, "rsqrt", &nnlite::rsqrt);
  both(m, c, "sin", &nnlite::sin);
  both(m, c, "cos", &nnlite::cos);
  both(m, c, "erf", &nnlite::erf);
  both(m, c, "logical_not", &nnlite::logical_not);
  both(m, c, "log1p", &nnlite::log1p);
  both(m, c, "expm1", &nnlite::expm1);
  both(m, c, "log2", &nnlite::log2);
  both(m, c, "log10", &nnlite::log10);
  both(m, c, "floor", &nnlite::floor);
  both(m, c, "ceil", &nnlite::ceil);
  both(m, c, "trunc", &nnlite::trunc);
  both(m, c, "fix", &nnlite::trunc);  // torch's alias
  both(m, c, "frac", &nnlite::frac);
  both(m, c, "round", [](const Tensor& x, int64_t decimals) { return nnlite::round(x, decimals); },
       py::kw_only(), py::arg("decimals") = 0);
  both(m, c, "isnan", &nnlite::isnan);
  both(m, c, "isinf", &nnlite::isinf);
  both(m, c, "isfinite", &nnlite::isfinite);
  both(m, c, "nan_to_num", &nnlite::nan_to_num, py::arg("nan") = 0.0, py::arg("posinf") = py::none(),
       py::arg("neginf") = py::none());
  both(m, c, "lerp", [](const Tensor& start, TensorOrNumber end, TensorOrNumber weight) {
    return lerp(start, operand(end, "lerp"), operand(weight, "lerp"));
  }, py::arg("end"), py::arg("weight"));
  c.def("relu", &nnlite::relu, doc_of("relu"));  // nnlite.relu/sigmoid/tanh come from nn.cpp
  c.def("sigmoid", &nnlite::sigmoid, doc_of("sigmoid"));
  c.def("tanh", &nnlite::tanh, doc_of("tanh"));
  c.def("softmax", &nnlite::softmax, py::arg("dim"), doc_of("softmax"));
  c.def("log_softmax", &nnlite::log_softmax, py::arg("dim"), doc_of("log_softmax"));
  auto clampf = [](const Tensor& x, std::optional<Scalar> lo, std::optional<Scalar> hi) { return clamp(x, lo, hi); };
  both(m, c, "clamp", clampf, py::arg("min") = py::none(), py::arg("max") = py::none());
  both(m, c, "clip", clampf, py::arg("min") = py::none(), py::arg("max") = py::none());

#define NNLITE_BINARY(name)                                                                          \
  both(m, c, #name, [](const Tensor& x, TensorOrNumber o) { return nnlite::name(x, operand(o, #name)); }, \
       py::arg("other"))
  NNLITE_BINARY(mul);
  NNLITE_BINARY(div);
  NNLITE_BINARY(maximum);
  NNLITE_BINARY(minimum);
  NNLITE_BINARY(eq);
  NNLITE_BINARY(ne);
  NNLITE_BINARY(lt);
  NNLITE_BINARY(le);
  NNLITE_BINARY(gt);
  NNLITE_BINARY(ge);
  NNLITE_BINARY(logical_and);
  NNLITE_BINARY(logical_or);
  NNLITE_BINARY(fmod);
  NNLITE_BINARY(remainder);
#undef NNLITE_BINARY
  both(m, c, "add", [](const Tensor& x, TensorOrNumber o, double alpha) {
    return add(x, with_alpha(operand(o, "add"), alpha));
  }, py::arg("other"), py::arg("alpha") = 1.0);
  both(m, c, "sub", [](const Tensor& x, TensorOrNumber o, double alpha) {
    return sub(x, with_alpha(operand(o, "sub"), alpha));
  }, py::arg("other"), py::arg("alpha") = 1.0);
  both(m, c, "pow", [](const Tensor& x, TensorOrNumber o) { return pow(x, operand(o, "pow")); }, py::arg("exponent"));
  m.def("where", [](const Tensor& cond, TensorOrNumber a, TensorOrNumber b) {
    return where(cond, operand(a, "where"), operand(b, "where"));
  }, py::arg("condition"), py::arg("input"), py::arg("other"), doc_of("where"));
  c.def("where", [](const Tensor& x, const Tensor& cond, TensorOrNumber o) { return where(cond, x, operand(o, "where")); },
        py::arg("condition"), py::arg("other"), doc_of("Tensor.where"));

  // operators
  c.def("__add__", [](const Tensor& a, TensorOrNumber b) { return add(a, operand(b, "add")); }, py::is_operator());
  c.def("__radd__", [](const Tensor& a, TensorOrNumber b) { return add(operand(b, "add"), a); }, py::is_operator());
  c.def("__sub__", [](const Tensor& a, TensorOrNumber b) { return sub(a, operand(b, "sub")); }, py::is_operator());
  c.def("__rsub__", [](const Tensor& a, TensorOrNumber b) { return sub(operand(b, "sub"), a); }, py::is_operator());
  c.def("__mul__", [](const Tensor& a, TensorOrNumber b) { return mul(a, operand(b, "mul")); }, py::is_operator());
  c.def("__rmul__", [](const Tensor& a, TensorOrNumber b) { return mul(operand(b, "mul"), a); }, py::is_operator());
  c.def("__truediv__", [](const Tensor& a, TensorOrNumber b) { return div(a, operand(b, "div")); }, py::is_operator());
  c.def("__rtruediv__", [](const Tensor& a, TensorOrNumber b) { return div(operand(b, "div"), a); }, py::is_operator());
  c.def("__pow__", [](const Tensor& a, TensorOrNumber b) { return pow(a, operand(b, "pow")); }, py::is_operator());
  c.def("__rpow__", [](const Tensor& a, TensorOrNumber b) { return pow(operand(b, "pow"), a); }, py::is_operator());
  c.def("__matmul__", [](const Tensor& a, const Tensor& b) { return matmul(a, b); }, py::is_operator());
  c.def("__neg__", [](const Tensor& a) { return neg(a); });
  c.def("__abs__", [](const Tensor& a) { return abs(a); });
  c.def("__invert__", [](const Tensor& a) {
    NNLITE_CHECK(a.dtype() == DType::Bool, Type, "invert: only bool tensors support ~, got ", ops::describe(a));
    return logical_not(a);
  });
  c.def("__eq__", [](const Tensor& a, TensorOrNumber b) -> py::object {
    if (!py::isinstance<Tensor>(b) && !is_number(b)) return py::cast(false);
    return py::cast(eq(a, operand(b, "eq")));
  }, py::is_operator());
  c.def("__ne__", [](const Tensor& a, TensorOrNumber b) -> py::object {
    if (!py::isinstance<Tensor>(b) && !is_number(b)) return py::cast(true);
    return py::cast(ne(a, operand(b, "ne")));
  }, py::is_operator());
  c.def("__lt__", [](const Tensor& a, TensorOrNumber b) { return lt(a, operand(b, "lt")); }, py::is_operator());
  c.def("__le__", [](const Tensor& a, TensorOrNumber b) { return le(a, operand(b, "le")); }, py::is_operator());
  c.def("__gt__", [](const Tensor& a, TensorOrNumber b) { return gt(a, operand(b, "gt")); }, py::is_operator());
  c.def("__ge__", [](const Tensor& a, TensorOrNumber b) { return ge(a, operand(b, "ge")); }, py::is_operator());
  c.def("__and__", [](const Tensor& a, TensorOrNumber b) { return logical_and(a, operand(b, "and")); }, py::is_operator());
  c.def("__or__", [](const Tensor& a, TensorOrNumber b) { return logical_or(a, operand(b, "or")); }, py::is_operator());
}

void bind_inplace(py::module_& m, Cls& c) {
  auto self_op = [&c](const char* name, Tensor& (*f)(Tensor&, const Tensor&)) {
    c.def(name, [f, name](TensorSelf self, TensorOrNumber o) {
      f(self.cast<Tensor&>(), operand(o, name));
      return self;
    }, py::is_operator());
  };
  self_op("__iadd__", &nnlite::add_);
  self_op("__isub__", &nnlite::sub_);
  self_op("__imul__", &nnlite::mul_);
  self_op("__itruediv__", &nnlite::div_);
  c.def("add_", [](TensorSelf self, TensorOrNumber o, double alpha) {
    add_(self.cast<Tensor&>(), with_alpha(operand(o, "add_"), alpha));
    return self;
  }, py::arg("other"), py::arg("alpha") = 1.0, doc_of("Tensor.add_"));
  c.def("sub_", [](TensorSelf self, TensorOrNumber o, double alpha) {
    sub_(self.cast<Tensor&>(), with_alpha(operand(o, "sub_"), alpha));
    return self;
  }, py::arg("other"), py::arg("alpha") = 1.0, doc_of("Tensor.sub_"));
  c.def("mul_", [](TensorSelf self, TensorOrNumber o) { mul_(self.cast<Tensor&>(), operand(o, "mul_")); return self; }, doc_of("Tensor.mul_"));
  c.def("div_", [](TensorSelf self, TensorOrNumber o) { div_(self.cast<Tensor&>(), operand(o, "div_")); return self; }, doc_of("Tensor.div_"));
  c.def("copy_", [](TensorSelf self, const Tensor& src) { copy_(self.cast<Tensor&>(), src); return self; },
        py::arg("src"), doc_of("Tensor.copy_"));
  c.def("fill_", [](TensorSelf self, Scalar v) { fill_(self.cast<Tensor&>(), v); return self; }, py::arg("value"), doc_of("Tensor.fill_"));
  c.def("zero_", [](TensorSelf self) { zero_(self.cast<Tensor&>()); return self; }, doc_of("Tensor.zero_"));
  c.def("uniform_", [](TensorSelf self, double a, double b, Generator* g) {
    uniform_(self.cast<Tensor&>(), a, b, g);
    return self;
  }, py::arg("a") = 0.0, py::arg("b") = 1.0, py::arg("generator") = py::none(), doc_of("Tensor.uniform_"));
  c.def("normal_", [](TensorSelf self, double mean, double std, Generator* g) {
    normal_(self.cast<Tensor&>(), mean, std, g);
    return self;
  }, py::arg("mean") = 0.0, py::arg("std") = 1.0, py::arg("generator") = py::none(), doc_of("Tensor.normal_"));
  c.def("clamp_", [](TensorSelf self, std::optional<Scalar> lo, std::optional<Scalar> hi) {
    Tensor& t = self.cast<Tensor&>();
    detail::assign_(t, clamp(detail::inplace_input(t, t), lo, hi), "clamp_");
    return self;
  }, py::arg("min") = py::none(), py::arg("max") = py::none(), doc_of("Tensor.clamp_"));
  // x.f_(...) = x.copy_(f(x, ...)) with the in-place checks of detail::assign_
  auto unary_ = [&c](const char* name, Tensor (*f)(const Tensor&)) {
    c.def(name, [f, name](TensorSelf self) {
      Tensor& t = self.cast<Tensor&>();
      detail::assign_(t, f(detail::inplace_input(t, t)), name);
      return self;
    }, doc_of(std::string("Tensor.") + name));
  };
  unary_("floor_", &nnlite::floor);
  unary_("ceil_", &nnlite::ceil);
  unary_("trunc_", &nnlite::trunc);
  unary_("frac_", &nnlite::frac);
  unary_("log1p_", &nnlite::log1p);
  unary_("expm1_", &nnlite::expm1);
  unary_("exp_", &nnlite::exp);
  unary_("log_", &nnlite::log);
  unary_("sqrt_", &nnlite::sqrt);
  unary_("neg_", &nnlite::neg);
  unary_("abs_", &nnlite::abs);
  unary_("sigmoid_", &nnlite::sigmoid);
  unary_("tanh_", &nnlite::tanh);
  c.def("round_", [](TensorSelf self, int64_t decimals) {
    Tensor& t = self.cast<Tensor&>();
    detail::assign_(t, nnlite::round(detail::inplace_input(t, t), decimals), "round_");
    return self;
  }, py::kw_only(), py::arg("decimals") = 0, doc_of("Tensor.round_"));
  c.def("nan_to_num_", [](TensorSelf self, double nan, std::optional<double> posinf, std::optional<double> neginf) {
    Tensor& t = self.cast<Tensor&>();
    detail::assign_(t, nan_to_num(detail::inplace_input(t, t), nan, posinf, neginf), "nan_to_num_");
    return self;
  }, py::arg("nan") = 0.0, py::arg("posinf") = py::none(), py::arg("neginf") = py::none(), doc_of("Tensor.nan_to_num_"));
  auto binary_ = [&c](const char* name, Tensor (*f)(const Tensor&, const Tensor&)) {
    c.def(name, [f, name](TensorSelf self, TensorOrNumber other) {
      Tensor& t = self.cast<Tensor&>();
      Tensor o = operand(other, name);
      detail::assign_(t, f(detail::inplace_input(t, t, o), o), name);
      return self;
    }, py::arg("other"), doc_of(std::string("Tensor.") + name));
  };
  binary_("fmod_", &nnlite::fmod);
  binary_("remainder_", &nnlite::remainder);
  binary_("pow_", &nnlite::pow);
  c.def("lerp_", [](TensorSelf self, TensorOrNumber end, TensorOrNumber weight) {
    Tensor& t = self.cast<Tensor&>();
    Tensor e = operand(end, "lerp_"), w = operand(weight, "lerp_");
    detail::assign_(t, lerp(detail::inplace_input(t, t, e), e, w), "lerp_");
    return self;
  }, py::arg("end"), py::arg("weight"), doc_of("Tensor.lerp_"));
  c.def("relu_", [](TensorSelf self) {
    Tensor& t = self.cast<Tensor&>();
    detail::assign_(t, relu(detail::inplace_input(t, t)), "relu_");
    return self;
  }, doc_of("Tensor.relu_"));
  c.def("masked_fill_", [](TensorSelf self, const Tensor& mask, Scalar v) {
    Tensor& t = self.cast<Tensor&>();
    detail::assign_(t, masked_fill(detail::inplace_input(t, t, mask), mask, v), "masked_fill_");
    return self;
  }, py::arg("mask"), py::arg("value"), doc_of("Tensor.masked_fill_"));
  c.def("index_put_", [](TensorSelf self, const TensorList& idx, TensorOrNumber v, bool acc) {
    Tensor& t = self.cast<Tensor&>();
    Tensor val = operand(v, "index_put_");
    detail::assign_(t, index_put(detail::inplace_input(t, t, val), idx, detail::inplace_input(val, t, val), acc),
                    "index_put_");
    return self;
  }, py::arg("indices"), py::arg("values"), py::arg("accumulate") = false, doc_of("Tensor.index_put_"));
  (void)m;
}

void bind_reductions(py::module_& m, Cls& c) {
  both(m, c, "sum", &sum_with_dtype, py::arg("dim") = py::none(), py::arg("keepdim") = false,
       py::arg("dtype") = py::none());
  both(m, c, "mean", [](const Tensor& x, DimsArg dim, bool keepdim) {
    return mean(x, dims_from(dim, "mean"), keepdim);
  }, py::arg("dim") = py::none(), py::arg("keepdim") = false);
  both(m, c, "var", [](const Tensor& x, DimsArg dim, OptBool unbiased, bool keepdim, OptNumber correction) {
    return var(x, dims_from(dim, "var"), correction_of(unbiased, correction), keepdim);
  }, py::arg("dim") = py::none(), py::arg("unbiased") = py::none(), py::arg("keepdim") = false, py::kw_only(),
       py::arg("correction") = py::none());
  both(m, c, "std", [](const Tensor& x, DimsArg dim, OptBool unbiased, bool keepdim, OptNumber correction) {
    return nnlite::std(x, dims_from(dim, "std"), correction_of(unbiased, correction), keepdim);
  }, py::arg("dim") = py::none(), py::arg("unbiased") = py::none(), py::arg("keepdim") = false, py::kw_only(),
       py::arg("correction") = py::none());
  both(m, c, "prod", [](const Tensor& x, DimsArg dim, bool keepdim) {
    return prod(x, dims_from(dim, "prod"), keepdim);
  }, py::arg("dim") = py::none(), py::arg("keepdim") = false);
  both(m, c, "amax", [](const Tensor& x, DimsArg dim, bool keepdim) {
    return amax(x, dims_from(dim, "amax"), keepdim);
  }, py::arg("dim") = py::none(), py::arg("keepdim") = false);
  both(m, c, "amin", [](const Tensor& x, DimsArg dim, bool keepdim) {
    return amin(x, dims_from(dim, "amin"), keepdim);
  }, py::arg("dim") = py::none(), py::arg("keepdim") = false);
  both(m, c, "logsumexp", [](const Tensor& x, DimsArg dim, bool keepdim) {
    return logsumexp(x, dims_from(dim, "logsumexp"), keepdim);
  }, py::arg("dim"), py::arg("keepdim") = false);
  both(m, c, "max", [](const Tensor& x, OptDimArg dim, bool keepdim) { return max_min(x, dim, keepdim, true); },
       py::arg("dim") = py::none(), py::arg("keepdim") = false);
  both(m, c, "min", [](const Tensor& x, OptDimArg dim, bool keepdim) { return max_min(x, dim, keepdim, false); },
       py::arg("dim") = py::none(), py::arg("keepdim") = false);
  both(m, c, "argmax", [](const Tensor& x, OptDimArg dim, bool keepdim) { return argmax(x, opt_dim(dim, "argmax"), keepdim); },
       py::arg("dim") = py::none(), py::arg("keepdim") = false);
  both(m, c, "argmin", [](const Tensor& x, OptDimArg dim, bool keepdim) { return argmin(x, opt_dim(dim, "argmin"), keepdim); },
       py::arg("dim") = py::none(), py::arg("keepdim") = false);
  both(m, c, "any", [](const Tensor& x, DimsArg dim, bool keepdim) {
    return amax(ne(x, scalar_tensor(0, DType::Bool, true)), dims_from(dim, "any"), keepdim);
  }, py::arg("dim") = py::none(), py::arg("keepdim") = false);
  both(m, c, "all", [](const Tensor& x, DimsArg dim, bool keepdim) {
    return amin(ne(x, scalar_tensor(0, DType::Bool, true)), dims_from(dim, "all"), keepdim);
  }, py::arg("dim") = py::none(), py::arg("keepdim") = false);
  both(m, c, "matmul", [](const Tensor& a, const Tensor& b) { return matmul(a, b); }, py::arg("other"));
  both(m, c, "mm", [](const Tensor& a, const Tensor& b) { return matmul(a, b); }, py::arg("mat2"));
  both(m, c, "bmm", [](const Tensor& a, const Tensor& b) { return matmul(a, b); }, py::arg("mat2"));
  m.def("sum_to", &nnlite::sum_to, py::arg("input"), py::arg("shape"));
}

void bind_shape(py::module_& m, Cls& c) {
  c.def("view", [](const Tensor& x, py::args s) { return x.view(shape_from_args(s, "view")); }, doc_of("Tensor.view"));
  c.def("reshape", [](const Tensor& x, py::args s) { return x.reshape(shape_from_args(s, "reshape")); }, doc_of("Tensor.reshape"));
  m.def("reshape", [](const Tensor& x, SizeArg s) { return x.reshape(shape_from_object(s, "reshape")); },
        py::arg("input"), py::arg("shape"), doc_of("reshape"));
  // *_as: in an export, the sizes follow `o` when it is a graph value (exported/recorder.h).
  auto sizes_of = [](const Tensor& o) -> const Shape& {
    if (exported::recording_active()) exported::note_shape_of(o);
    return o.shape();
  };
  c.def("view_as", [sizes_of](const Tensor& x, const Tensor& o) { return x.view(sizes_of(o)); }, doc_of("Tensor.view_as"));
  c.def("reshape_as", [sizes_of](const Tensor& x, const Tensor& o) { return x.reshape(sizes_of(o)); }, doc_of("Tensor.reshape_as"));
  both(m, c, "transpose", [](const Tensor& x, int64_t a, int64_t b) { return x.transpose(a, b); }, py::arg("dim0"),
       py::arg("dim1"));
  c.def("permute", [](const Tensor& x, py::args d) { return x.permute(shape_from_args(d, "permute")); }, doc_of("Tensor.permute"));
  m.def("permute", [](const Tensor& x, SizeArg d) { return x.permute(shape_from_object(d, "permute")); },
        py::arg("input"), py::arg("dims"), doc_of("permute"));
  both(m, c, "t", [](const Tensor& x) { return x.t(); });
  c.def_property_readonly("T", [](const Tensor& x) {
    Shape rev;
    for (int64_t i = x.dim() - 1; i >= 0; --i) rev.push_back(i);
    return x.permute(rev);
  });
  c.def_property_readonly("mT", [](const Tensor& x) { return x.transpose(-2, -1); });
  c.def("expand", [](const Tensor& x, py::args s) { return x.expand(shape_from_args(s, "expand")); }, doc_of("Tensor.expand"));
  c.def("expand_as", [sizes_of](const Tensor& x, const Tensor& o) { return x.expand(sizes_of(o)); }, doc_of("Tensor.expand_as"));
  both(m, c, "squeeze", [](const Tensor& x, DimsArg d) {
    if (d.is_none()) return x.squeeze();
    Shape dims = shape_from_object(d, "squeeze");
    std::vector<int64_t> wrapped;
    for (int64_t k : dims) wrapped.push_back(ops::wrap_dim(k, x.dim(), "squeeze"));
    std::sort(wrapped.rbegin(), wrapped.rend());  // highest first keeps the others in place
    Tensor r = x;
    for (int64_t k : wrapped) r = r.squeeze(k);
    return r;
  }, py::arg("dim") = py::none());
  both(m, c, "unsqueeze", [](const Tensor& x, int64_t d) { return x.unsqueeze(d); }, py::arg("dim"));
  both(m, c, "flatten", [](const Tensor& x, int64_t s, int64_t e) { return x.flatten(s, e); },
       py::arg("start_dim") = 0, py::arg("end_dim") = -1);
  both(m, c, "narrow", [](const Tensor& x, int64_t d, int64_t s, int64_t n) { return x.narrow(d, s, n); },
       py::arg("dim"), py::arg("start"), py::arg("length"));
  both(m, c, "select", [](const Tensor& x, int64_t d, int64_t i) { return x.select(d, i); }, py::arg("dim"),
       py::arg("index"));
  both(m, c, "split", &split_any, py::arg("split_size_or_sections"), py::arg("dim") = 0);
  both(m, c, "chunk", [](const Tensor& x, int64_t n, int64_t d) { return chunk(x, n, d); }, py::arg("chunks"),
       py::arg("dim") = 0);
  both(m, c, "unbind", [](const Tensor& x, int64_t d) {
    TensorList out;
    for (int64_t i = 0; i < x.size(d); ++i) out.push_back(x.select(d, i));
    return out;
  }, py::arg("dim") = 0);
  // A Tensor is a sequence too; cat(x) must not silently iterate over it.
  auto tensors = [](py::handle o, const char* op) {
    NNLITE_CHECK(!py::isinstance<Tensor>(o) && py::isinstance<py::sequence>(o), Type, op,
                 ": expected a list or tuple of tensors, got ", type_name(o));
    TensorList out;
    for (py::handle e : o) {
      NNLITE_CHECK(py::isinstance<Tensor>(e), Type, op, ": expected a list or tuple of tensors, but element ",
                   out.size(), " is a ", type_name(e));
      out.push_back(e.cast<Tensor>());
    }
    return out;
  };
  m.def("cat", [tensors](TensorSeq xs, int64_t d) { return cat(tensors(xs, "cat"), d); }, py::arg("tensors"),
        py::arg("dim") = 0, doc_of("cat"));
  m.def("concatenate", [tensors](TensorSeq xs, int64_t d) { return cat(tensors(xs, "cat"), d); },
        py::arg("tensors"), py::arg("dim") = 0, doc_of("concatenate"));
  m.def("stack", [tensors](TensorSeq xs, int64_t d) { return stack(tensors(xs, "stack"), d); }, py::arg("tensors"),
        py::arg("dim") = 0, doc_of("stack"));
}

void bind_indexing(py::module_& m, Cls& c) {
  both(m, c, "gather", [](const Tensor& x, int64_t d, const Tensor& i) { return gather(x, d, i); }, py::arg("dim"),
       py::arg("index"));
  both(m, c, "scatter", [](const Tensor& x, int64_t d, const Tensor& i, TensorOrNumber src) {
    Tensor s = py::isinstance<Tensor>(src) ? src.cast<Tensor>() : full(i.shape(), scalar_from(src, "scatter"), x.dtype());
    return scatter(x, d, i, s);
  }, py::arg("dim"), py::arg("index"), py::arg("src"));
  both(m, c, "scatter_add", [](const Tensor& x, int64_t d, const Tensor& i, const Tensor& s) {
    return scatter_add(x, d, i, s);
  }, py::arg("dim"), py::arg("index"), py::arg("src"));
  both(m, c, "index_select", [](const Tensor& x, int64_t d, const Tensor& i) { return index_select(x, d, i); },
       py::arg("dim"), py::arg("index"));
  both(m, c, "masked_fill", [](const Tensor& x, const Tensor& mask, Scalar v) { return masked_fill(x, mask, v); },
       py::arg("mask"), py::arg("value"));
  both(m, c, "nonzero", [](const Tensor& x) { return nonzero(x); });
  both(m, c, "index_put", [](const Tensor& x, const TensorList& idx, TensorOrNumber v, bool acc) {
    return index_put(x, idx, operand(v, "index_put"), acc);
  }, py::arg("indices"), py::arg("values"), py::arg("accumulate") = false);
}

void init_ops(py::module_& m) {
  Cls c = py::reinterpret_borrow<Cls>(m.attr("Tensor"));
  bind_elementwise(m, c);
  bind_inplace(m, c);
  bind_reductions(m, c);
  bind_shape(m, c);
  bind_indexing(m, c);
  m.def("op_names", &nnlite::op_names);
}

}  // namespace nnlite::py_bind
