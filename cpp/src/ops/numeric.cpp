// Tests for and replacement of non-finite values, and linear interpolation:
// each is a short composition of recorded ops (comparisons, where, add, mul),
// so autograd and export see their parts and need nothing of their own.
#include <cfloat>
#include <limits>

#include "ops/op_util.h"

namespace nnlite {

namespace {
Tensor constant(double v, const Tensor& like) { return full({}, v, like.dtype(), like.device()); }
Tensor all_bool(const Tensor& x, bool v) { return full(x.shape(), v ? 1 : 0, DType::Bool, x.device()); }
}  // namespace

Tensor isnan(const Tensor& x) { return is_floating(x.dtype()) ? ne(x, x) : all_bool(x, false); }

Tensor isinf(const Tensor& x) {
  if (!is_floating(x.dtype())) return all_bool(x, false);
  return eq(abs(x), constant(std::numeric_limits<double>::infinity(), x));
}

Tensor isfinite(const Tensor& x) {
  if (!is_floating(x.dtype())) return all_bool(x, true);
  return lt(abs(x), constant(std::numeric_limits<double>::infinity(), x));  // false for NaN
}

Tensor nan_to_num(const Tensor& x, double nan, std::optional<double> posinf, std::optional<double> neginf) {
  if (!is_floating(x.dtype())) return x.clone();
  const double big = x.dtype() == DType::Float32 ? FLT_MAX : DBL_MAX;  // the dtype's largest finite value
  const double inf = std::numeric_limits<double>::infinity();
  Tensor y = where(isnan(x), constant(nan, x), x);
  y = where(eq(x, constant(inf, x)), constant(posinf.value_or(big), x), y);
  return where(eq(x, constant(-inf, x)), constant(neginf.value_or(-big), x), y);
}

Tensor lerp(const Tensor& start, const Tensor& end, const Tensor& weight) {
  return start + weight * (end - start);
}

}  // namespace nnlite
