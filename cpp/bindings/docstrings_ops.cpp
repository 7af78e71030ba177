// Docstrings of the math ops (nnlite.<op> and Tensor.<op>). Families share a
// template (elementwise, binary, reductions); the examples are doctests.
#include <string>

#include "docstrings.h"

namespace nnlite::py_bind {

namespace {

using Add = void (*)(const std::string&, std::string);

// y = f(x) elementwise; `in` and `out` are Python lists for the example.
void unary(Add add, const std::string& name, const std::string& summary, const std::string& in,
           const std::string& out) {
  add(name, summary +
                "\n\nArgs:\n    input (Tensor): any shape.\n\nReturns:\n    Tensor: the same shape as input"
                " (and its dtype, bool for tests such as isnan).\n" +
                example("nnlite." + name + "(nnlite.tensor(" + in + ")).tolist()", out));
}

void binary(Add add, const std::string& name, const std::string& summary, const std::string& a,
            const std::string& b, const std::string& out) {
  add(name, summary +
                ", broadcasting input and other against each other.\n\nArgs:\n    input (Tensor): the first "
                "operand.\n    other (Tensor | number): the second operand; a Python number acts as a 0-d "
                "tensor.\n\nReturns:\n    Tensor: of the broadcast shape, in the promoted dtype (bool for "
                "comparisons).\n\nRaises:\n    ValueError: the shapes cannot be broadcast together.\n" +
                example("nnlite." + name + "(nnlite.tensor(" + a + "), " + b + ").tolist()", out));
}

// Reductions over dims; the example reduces [[1, 2], [3, 4]] over dim 0.
void reduction(Add add, const std::string& name, const std::string& summary, const std::string& args,
               const std::string& out) {
  add(name, summary +
                "\n\nArgs:\n    input (Tensor): the tensor to reduce.\n" + args +
                "    keepdim (bool): keep each reduced dim with size 1.\n\nReturns:\n    Tensor: input's shape "
                "without the reduced dims (0-d when all are reduced).\n\nRaises:\n    IndexError: a dim out of "
                "range.\n" +
                example("nnlite." + name + "(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()", out));
}

// add and sub: input op alpha * other.
void with_alpha(Add add, const std::string& name, const std::string& op, const std::string& call,
                const std::string& out) {
  add(name, "input " + op + " alpha * other, elementwise, broadcasting input and other.\n\nArgs:\n    input "
            "(Tensor): the first operand.\n    other (Tensor | number): the second operand.\n    alpha (float): the "
            "factor of other (default 1).\n\nReturns:\n    Tensor: of the broadcast shape and promoted dtype.\n\n"
            "Raises:\n    ValueError: the shapes cannot be broadcast together.\n" + example(call, out));
}

const char* kDims =
    "    dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.\n";
const char* kOneDim = "    dim (int | None): the dim to reduce; None reduces all of them.\n";

}  // namespace

void add_op_docs(Add add) {
  unary(add, "neg", "-x, elementwise.", "[1., -2.]", "[-1.0, 2.0]");
  unary(add, "abs", "|x|, elementwise.", "[-1., 2.]", "[1.0, 2.0]");
  unary(add, "sign", "-1, 0 or 1 by the sign of x, elementwise.", "[-3., 0., 2.]", "[-1.0, 0.0, 1.0]");
  unary(add, "exp", "e to the power x, elementwise.", "[0.]", "[1.0]");
  unary(add, "log", "The natural logarithm, elementwise (nan below 0, -inf at 0).", "[1.]", "[0.0]");
  unary(add, "sqrt", "The square root, elementwise (nan below 0).", "[4., 9.]", "[2.0, 3.0]");
  unary(add, "rsqrt", "1 / sqrt(x), elementwise.", "[4.]", "[0.5]");
  unary(add, "sin", "The sine (radians), elementwise.", "[0.]", "[0.0]");
  unary(add, "cos", "The cosine (radians), elementwise.", "[0.]", "[1.0]");
  unary(add, "erf", "The error function, elementwise.", "[0.]", "[0.0]");
  unary(add, "logical_not", "True where x is zero, elementwise.", "[0., 2.]", "[True, False]");
  unary(add, "log1p", "log(1 + x), elementwise, accurate for small x.", "[0.]", "[0.0]");
  unary(add, "expm1", "exp(x) - 1, elementwise, accurate for small x.", "[0.]", "[0.0]");
  unary(add, "log2", "The base-2 logarithm, elementwise.", "[8.]", "[3.0]");
  unary(add, "log10", "The base-10 logarithm, elementwise.", "[100.]", "[2.0]");
  unary(add, "floor", "The largest integer <= x, elementwise.", "[1.5, -1.5]", "[1.0, -2.0]");
  unary(add, "ceil", "The smallest integer >= x, elementwise.", "[1.5, -1.5]", "[2.0, -1.0]");
  unary(add, "trunc", "x rounded toward zero, elementwise.", "[1.5, -1.5]", "[1.0, -1.0]");
  unary(add, "fix", "x rounded toward zero, elementwise (trunc's other name).", "[1.5, -1.5]", "[1.0, -1.0]");
  unary(add, "frac", "x - trunc(x): the fractional part, with x's sign.", "[1.5, -1.5]", "[0.5, -0.5]");
  unary(add, "isnan", "True where x is NaN.", "[1., float('nan')]", "[False, True]");
  unary(add, "isinf", "True where x is +inf or -inf.", "[1., float('inf')]", "[False, True]");
  unary(add, "isfinite", "True where x is neither NaN nor infinite.", "[1., float('inf')]", "[True, False]");

  binary(add, "mul", "input * other, elementwise", "[1., 2.]", "3", "[3.0, 6.0]");
  binary(add, "div", "input / other (true division), elementwise", "[1., 2.]", "4", "[0.25, 0.5]");
  binary(add, "maximum", "The larger of input and other, elementwise", "[1., 5.]", "nnlite.tensor([3., 2.])",
         "[3.0, 5.0]");
  binary(add, "minimum", "The smaller of input and other, elementwise", "[1., 5.]", "nnlite.tensor([3., 2.])",
         "[1.0, 2.0]");
  binary(add, "eq", "input == other, elementwise", "[1., 2.]", "2", "[False, True]");
  binary(add, "ne", "input != other, elementwise", "[1., 2.]", "2", "[True, False]");
  binary(add, "lt", "input < other, elementwise", "[1., 2.]", "2", "[True, False]");
  binary(add, "le", "input <= other, elementwise", "[1., 2.]", "2", "[True, True]");
  binary(add, "gt", "input > other, elementwise", "[1., 2.]", "1", "[False, True]");
  binary(add, "ge", "input >= other, elementwise", "[1., 2.]", "2", "[False, True]");
  binary(add, "logical_and", "True where both are nonzero, elementwise", "[0., 1., 1.]",
         "nnlite.tensor([1., 0., 1.])", "[False, False, True]");
  binary(add, "logical_or", "True where either is nonzero, elementwise", "[0., 1., 0.]",
         "nnlite.tensor([0., 0., 1.])", "[False, True, True]");
  binary(add, "fmod", "The remainder of input / other with input's sign (C's fmod)", "[-3., 3.]", "2",
         "[-1.0, 1.0]");
  binary(add, "remainder", "The remainder of input / other with other's sign (Python's %)", "[-3., 3.]", "2",
         "[1.0, 1.0]");
  with_alpha(add, "add", "+", "nnlite.add(nnlite.tensor([1., 2.]), nnlite.tensor([10., 20.]), alpha=2).tolist()",
             "[21.0, 42.0]");
  with_alpha(add, "sub", "-", "nnlite.sub(nnlite.tensor([5., 5.]), 1).tolist()", "[4.0, 4.0]");
  add("pow", "input to the power exponent, elementwise, broadcasting.\n\nArgs:\n    input (Tensor): the "
             "bases.\n    exponent (Tensor | number): the exponents.\n\nReturns:\n    Tensor: of the broadcast "
             "shape.\n" + example("nnlite.pow(nnlite.tensor([2., 3.]), 2).tolist()", "[4.0, 9.0]"));
  add("clamp", "Limits every element to [min, max].\n\nArgs:\n    input (Tensor): any shape.\n    min (number | "
               "None): the lower bound; None for none.\n    max (number | None): the upper bound; None for "
               "none.\n\nReturns:\n    Tensor: input's shape and dtype.\n" +
                   example("nnlite.clamp(nnlite.tensor([-2., 0.5, 3.]), min=0, max=1).tolist()", "[0.0, 0.5, 1.0]"));
  add("clip", std::string("clamp's other name (NumPy's).\n") + example("nnlite.clip(nnlite.tensor([-2., 3.]), 0, 1)"
                                                                       ".tolist()", "[0.0, 1.0]"));

  reduction(add, "sum", "The sum of the elements, over all dims or the given ones.",
            std::string(kDims) + "    dtype (dtype | None): convert input to this dtype first.\n", "[4.0, 6.0]");
  reduction(add, "mean", "The mean of the elements, over all dims or the given ones.", kDims, "[2.0, 3.0]");
  reduction(add, "prod", "The product of the elements, over all dims or the given ones.", kDims, "[3.0, 8.0]");
  reduction(add, "amax", "The largest element, over all dims or the given ones (values only).", kDims,
            "[3.0, 4.0]");
  reduction(add, "amin", "The smallest element, over all dims or the given ones (values only).", kDims,
            "[1.0, 2.0]");
  reduction(add, "var", "The variance, over all dims or the given ones.",
            std::string(kDims) + "    unbiased (bool | None): divide by n - 1 (the default) or n.\n"
                                 "    correction (float | None): keyword only: divide by n - correction.\n",
            "[2.0, 2.0]");
  reduction(add, "std", "The standard deviation: sqrt(var) with var's arguments.",
            std::string(kDims) + "    unbiased (bool | None): divide by n - 1 (the default) or n.\n"
                                 "    correction (float | None): keyword only: divide by n - correction.\n",
            "[1.4142135381698608, 1.4142135381698608]");
  add("logsumexp", std::string("log(sum(exp(x))) over the given dims, computed without overflow.\n\nArgs:\n"
                               "    input (Tensor): the tensor to reduce.\n    dim (int | Sequence[int]): the dims "
                               "to reduce.\n    keepdim (bool): keep each reduced dim with size 1.\n\nReturns:\n"
                               "    Tensor: input's shape without the reduced dims.\n") +
                       example("[round(v, 4) for v in nnlite.logsumexp(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0)"
                               ".tolist()]", "[3.1269, 4.1269]"));
  reduction(add, "argmax", "The index of the largest element, over one dim or the flattened tensor.", kOneDim,
            "[1, 1]");
  reduction(add, "argmin", "The index of the smallest element, over one dim or the flattened tensor.", kOneDim,
            "[0, 0]");
  reduction(add, "any", "True where any element is nonzero, over all dims or the given ones.", kDims,
            "[True, True]");
  reduction(add, "all", "True where every element is nonzero, over all dims or the given ones.", kDims,
            "[True, True]");
  add("max", std::string("The largest element; with dim, (values, indices) along that dim.\n\nArgs:\n    input "
                         "(Tensor): the tensor to reduce.\n") + kOneDim +
                 "    keepdim (bool): keep the reduced dim with size 1.\n\nReturns:\n    Tensor | tuple[Tensor, "
                 "Tensor]: the 0-d maximum without dim; a named tuple (values, indices) with it.\n" +
                 example("nnlite.max(nnlite.tensor([[1., 5.], [3., 4.]]), dim=1).indices.tolist()", "[1, 1]"));
  add("min", std::string("The smallest element; with dim, (values, indices) along that dim.\n\nArgs:\n    input "
                         "(Tensor): the tensor to reduce.\n") + kOneDim +
                 "    keepdim (bool): keep the reduced dim with size 1.\n\nReturns:\n    Tensor | tuple[Tensor, "
                 "Tensor]: the 0-d minimum without dim; a named tuple (values, indices) with it.\n" +
                 example("nnlite.min(nnlite.tensor([[1., 5.], [3., 4.]]), dim=1).values.tolist()", "[1.0, 3.0]"));
  add("matmul", "The matrix product, with NumPy's rules for 1-d operands and broadcast batch dims.\n\nArgs:\n"
                "    input (Tensor): [..., n, k] (or [k]).\n    other (Tensor): [..., k, m] (or [k]).\n\nReturns:\n"
                "    Tensor: [..., n, m]; the dims of 1-d operands are dropped.\n\nRaises:\n    ValueError: the "
                "inner sizes differ or the batch dims do not broadcast.\n" +
                    example("nnlite.matmul(nnlite.ones(2, 3), nnlite.ones(3, 4)).shape", "(2, 4)"));
  add("mm", "The product of two matrices: [n, k] x [k, m] -> [n, m].\n\nArgs:\n    input (Tensor): [n, k].\n"
            "    mat2 (Tensor): [k, m].\n\nReturns:\n    Tensor: [n, m].\n" +
                example("nnlite.mm(nnlite.ones(2, 3), nnlite.ones(3, 1)).tolist()", "[[3.0], [3.0]]"));
  add("bmm", "Batched matrix product: [b, n, k] x [b, k, m] -> [b, n, m].\n\nArgs:\n    input (Tensor): "
             "[b, n, k].\n    mat2 (Tensor): [b, k, m].\n\nReturns:\n    Tensor: [b, n, m].\n" +
                 example("nnlite.bmm(nnlite.ones(5, 2, 3), nnlite.ones(5, 3, 4)).shape", "(5, 2, 4)"));
  add("transpose", "Swaps two dims (a view: no copy).\n\nArgs:\n    input (Tensor): any shape.\n    dim0 (int): "
                   "one dim.\n    dim1 (int): the other.\n\nReturns:\n    Tensor: a view with the two dims "
                   "swapped.\n" + example("nnlite.zeros(2, 3, 4).transpose(0, 2).shape", "(4, 3, 2)"));
  add("squeeze", "Removes dims of size 1: all of them, or the given ones.\n\nArgs:\n    input (Tensor): any "
                 "shape.\n    dim (int | Sequence[int] | None): the dims to remove (those not of size 1 stay).\n"
                 "\nReturns:\n    Tensor: a view without those dims.\n" +
                     example("nnlite.zeros(2, 1, 3, 1).squeeze().shape", "(2, 3)"));
  add("unsqueeze", "Inserts a dim of size 1 at position dim.\n\nArgs:\n    input (Tensor): any shape.\n    dim "
                   "(int): where the new dim goes (negative counts from the end).\n\nReturns:\n    Tensor: a view "
                   "with one more dim.\n" + example("nnlite.zeros(2, 3).unsqueeze(1).shape", "(2, 1, 3)"));
  add("flatten", "Merges dims start_dim..end_dim into one.\n\nArgs:\n    input (Tensor): any shape.\n    "
                 "start_dim (int): the first dim merged.\n    end_dim (int): the last dim merged.\n\nReturns:\n"
                 "    Tensor: input's elements in the new shape.\n" +
                     example("nnlite.flatten(nnlite.zeros(2, 3, 4), 1).shape", "(2, 12)"));
  add("cumsum", "The running sum along one dim.\n\nArgs:\n    input (Tensor): any shape.\n    dim (int): the dim "
                "to sum along.\n    dtype (dtype | None): convert input to this dtype first.\n\nReturns:\n    "
                "Tensor: input's shape.\n" + example("nnlite.cumsum(nnlite.tensor([1., 2., 3.]), 0).tolist()",
                                                      "[1.0, 3.0, 6.0]"));
}

}  // namespace nnlite::py_bind
