// Docstrings of Tensor methods whose calling form differs from the function's
// (view, reshape, permute, expand, flip, where take sizes as *args or self as
// the input) and of the in-place methods (x.f_(...) = x.copy_(f(x, ...))).
#include <string>

#include "docstrings.h"

namespace nnlite::py_bind {

namespace {

using Add = void (*)(const std::string&, std::string);

const char* kInplaceRaises =
    "\nRaises:\n    RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.\n"
    "    TypeError: the result's dtype cannot be stored in this tensor (a float result in an integer one).\n";

// x.name_(): x = name(x), written into x's storage.
void inplace(Add add, const std::string& name, const std::string& what, const std::string& call,
             const std::string& out) {
  add("Tensor." + name + "_", "In-place " + name + ": " + what + ", written into this tensor.\n\nReturns:\n"
      "    Tensor: this tensor, changed.\n" + kInplaceRaises + example(call, out));
}

// x.name_(other): x = name(x, other), other broadcast to x's shape.
void inplace_binary(Add add, const std::string& name, const std::string& what, const std::string& call,
                    const std::string& out) {
  add("Tensor." + name + "_", "In-place " + name + ": " + what + ", written into this tensor.\n\nArgs:\n"
      "    other (Tensor | number): broadcast to this tensor's shape.\n\nReturns:\n    Tensor: this tensor, "
      "changed.\n" + kInplaceRaises + example(call, out));
}

}  // namespace

void add_method_docs(Add add) {
  add("Tensor.view", R"(The same data seen with another shape, without copying.

Args:
    *shape (int | Sequence[int]): the new shape, as ints or one sequence; one size may be -1
        (inferred from the others).

Returns:
    Tensor: a view sharing storage with this tensor.

Raises:
    ValueError: the tensor's strides cannot express the new shape without a copy (use reshape),
        or the number of elements differs.

Examples:
    >>> import nnlite
    >>> nnlite.arange(6).view(2, -1).tolist()
    [[0, 1, 2], [3, 4, 5]]
)");
  add("Tensor.reshape", R"(The elements in another shape: a view when the strides allow it, else a copy.

Args:
    *shape (int | Sequence[int]): the new shape, as ints or one sequence; one size may be -1.

Returns:
    Tensor: the same elements in row-major order.

Raises:
    ValueError: the number of elements differs.

Examples:
    >>> import nnlite
    >>> nnlite.arange(6).reshape((3, 2)).tolist()
    [[0, 1], [2, 3], [4, 5]]
)");
  add("reshape", R"(input's elements in another shape: a view when the strides allow it, else a copy.

Args:
    input (Tensor): any shape.
    shape (Sequence[int]): the new shape; one size may be -1 (inferred).

Returns:
    Tensor: the same elements in row-major order.

Raises:
    ValueError: the number of elements differs.

Examples:
    >>> import nnlite
    >>> nnlite.reshape(nnlite.arange(4), (2, 2)).tolist()
    [[0, 1], [2, 3]]
)");
  add("Tensor.view_as", R"(x.view(other.shape): the same data in other's shape, without copying.

Args:
    other (Tensor): the tensor whose shape is taken.

Returns:
    Tensor: a view of this tensor.

Raises:
    ValueError: as for view.

Examples:
    >>> import nnlite
    >>> nnlite.arange(4).view_as(nnlite.zeros(2, 2)).shape
    (2, 2)
)");
  add("Tensor.reshape_as", R"(x.reshape(other.shape): the elements in other's shape.

Args:
    other (Tensor): the tensor whose shape is taken.

Returns:
    Tensor: a view when possible, else a copy.

Raises:
    ValueError: the number of elements differs.

Examples:
    >>> import nnlite
    >>> nnlite.arange(6).reshape_as(nnlite.zeros(3, 2)).shape
    (3, 2)
)");
  add("Tensor.permute", R"(The dims reordered (a view: no copy).

Args:
    *dims (int | Sequence[int]): the new order, a permutation of range(dim()), as ints or one sequence.

Returns:
    Tensor: a view whose dim i is this tensor's dim dims[i].

Raises:
    ValueError: dims is not a permutation of the tensor's dims.

Examples:
    >>> import nnlite
    >>> nnlite.zeros(2, 3, 4).permute(2, 0, 1).shape
    (4, 2, 3)
)");
  add("permute", R"(input's dims reordered (a view: no copy).

Args:
    input (Tensor): any shape.
    dims (Sequence[int]): the new order, a permutation of range(input.dim()).

Returns:
    Tensor: a view whose dim i is input's dim dims[i].

Raises:
    ValueError: dims is not a permutation of input's dims.

Examples:
    >>> import nnlite
    >>> nnlite.permute(nnlite.zeros(2, 3), (1, 0)).shape
    (3, 2)
)");
  add("Tensor.expand", R"(The tensor broadcast to a larger shape without copying (the stride of new or size-1 dims is 0).

Args:
    *sizes (int | Sequence[int]): the new shape; -1 keeps a dim's size; new dims go in front.

Returns:
    Tensor: a view; write to it only through ops that make a copy.

Raises:
    ValueError: a dim whose size is neither 1 nor the requested size.

Examples:
    >>> import nnlite
    >>> nnlite.tensor([[1], [2]]).expand(2, 3).tolist()
    [[1, 1, 1], [2, 2, 2]]
)");
  add("Tensor.expand_as", R"(x.expand(other.shape): the tensor broadcast to other's shape without copying.

Args:
    other (Tensor): the tensor whose shape is taken.

Returns:
    Tensor: a view of this tensor.

Raises:
    ValueError: the shapes cannot be broadcast.

Examples:
    >>> import nnlite
    >>> nnlite.tensor([1., 2.]).expand_as(nnlite.zeros(3, 2)).shape
    (3, 2)
)");
  add("Tensor.flip", R"(The elements in reverse order along the given dims (a copy, as in torch).

Args:
    *dims (int | Sequence[int]): the dims to reverse, as ints, one sequence, or dims=...

Returns:
    Tensor: the same shape.

Raises:
    IndexError: a dim out of range.
    TypeError: dims given both positionally and by name.

Examples:
    >>> import nnlite
    >>> nnlite.tensor([[1, 2], [3, 4]]).flip(0, 1).tolist()
    [[4, 3], [2, 1]]
)");
  add("flip", R"(input's elements in reverse order along the given dims (a copy, as in torch).

Args:
    input (Tensor): any shape.
    dims (int | Sequence[int]): the dims to reverse.

Returns:
    Tensor: input's shape.

Raises:
    IndexError: a dim out of range.

Examples:
    >>> import nnlite
    >>> nnlite.flip(nnlite.tensor([[1, 2], [3, 4]]), [0]).tolist()
    [[3, 4], [1, 2]]
)");
  add("Tensor.where", R"(x.where(condition, other): this tensor's element where condition is true, other's elsewhere.

The same as nnlite.where(condition, x, other).

Args:
    condition (Tensor): bool, broadcast with this tensor and other.
    other (Tensor | number): the values taken where condition is false.

Returns:
    Tensor: of the broadcast shape and the promoted dtype.

Raises:
    ValueError: the shapes cannot be broadcast.

Examples:
    >>> import nnlite
    >>> x = nnlite.tensor([1., -2., 3.])
    >>> x.where(x > 0, 0.).tolist()
    [1.0, 0.0, 3.0]
)");
  add("where", R"(Picks input's element where condition is true and other's where it is false.

Args:
    condition (Tensor): bool (other dtypes count nonzero as true).
    input (Tensor | number): the values where condition holds.
    other (Tensor | number): the values elsewhere.

Returns:
    Tensor: the three broadcast together, in the promoted dtype of input and other;
    gradients flow to input and other through the positions each supplied.

Raises:
    ValueError: the shapes cannot be broadcast.

Examples:
    >>> import nnlite
    >>> c = nnlite.tensor([True, False])
    >>> nnlite.where(c, nnlite.tensor([1., 2.]), -1.).tolist()
    [1.0, -1.0]
)");

  // in place
  add("Tensor.add_", std::string(R"(In-place add: x += alpha * other, broadcasting other to x's shape.

Args:
    other (Tensor | number): the addend.
    alpha (float): the factor of other (default 1).

Returns:
    Tensor: this tensor, changed.
)") + kInplaceRaises + example("nnlite.ones(2).add_(nnlite.tensor([1., 2.]), alpha=10).tolist()", "[11.0, 21.0]"));
  add("Tensor.sub_", std::string(R"(In-place subtract: x -= alpha * other, broadcasting other to x's shape.

Args:
    other (Tensor | number): the subtrahend.
    alpha (float): the factor of other (default 1).

Returns:
    Tensor: this tensor, changed.
)") + kInplaceRaises + example("nnlite.ones(2).sub_(3).tolist()", "[-2.0, -2.0]"));
  inplace_binary(add, "mul", "x *= other", "nnlite.tensor([1., 2.]).mul_(3).tolist()", "[3.0, 6.0]");
  inplace_binary(add, "div", "x /= other (true division; an integer tensor cannot hold the result)",
                 "nnlite.tensor([1., 2.]).div_(4).tolist()", "[0.25, 0.5]");
  inplace_binary(add, "fmod", "the remainder of x / other with x's sign",
                 "nnlite.tensor([-3., 3.]).fmod_(2).tolist()", "[-1.0, 1.0]");
  inplace_binary(add, "remainder", "the remainder of x / other with other's sign (Python's %)",
                 "nnlite.tensor([-3., 3.]).remainder_(2).tolist()", "[1.0, 1.0]");
  inplace_binary(add, "pow", "x to the power other", "nnlite.tensor([2., 3.]).pow_(2).tolist()", "[4.0, 9.0]");
  inplace(add, "abs", "|x|", "nnlite.tensor([-1., 2.]).abs_().tolist()", "[1.0, 2.0]");
  inplace(add, "neg", "-x", "nnlite.tensor([1., -2.]).neg_().tolist()", "[-1.0, 2.0]");
  inplace(add, "exp", "e to the power x", "nnlite.tensor([0.]).exp_().tolist()", "[1.0]");
  inplace(add, "expm1", "exp(x) - 1", "nnlite.tensor([0.]).expm1_().tolist()", "[0.0]");
  inplace(add, "log", "the natural logarithm", "nnlite.tensor([1.]).log_().tolist()", "[0.0]");
  inplace(add, "log1p", "log(1 + x)", "nnlite.tensor([0.]).log1p_().tolist()", "[0.0]");
  inplace(add, "sqrt", "the square root", "nnlite.tensor([4.]).sqrt_().tolist()", "[2.0]");
  inplace(add, "floor", "the largest integer <= x", "nnlite.tensor([1.5, -1.5]).floor_().tolist()", "[1.0, -2.0]");
  inplace(add, "ceil", "the smallest integer >= x", "nnlite.tensor([1.5, -1.5]).ceil_().tolist()", "[2.0, -1.0]");
  inplace(add, "trunc", "x rounded toward zero", "nnlite.tensor([1.5, -1.5]).trunc_().tolist()", "[1.0, -1.0]");
  inplace(add, "frac", "x - trunc(x)", "nnlite.tensor([1.5, -1.5]).frac_().tolist()", "[0.5, -0.5]");
  inplace(add, "sigmoid", "1 / (1 + exp(-x))", "nnlite.tensor([0.]).sigmoid_().tolist()", "[0.5]");
  inplace(add, "tanh", "the hyperbolic tangent", "nnlite.tensor([0.]).tanh_().tolist()", "[0.0]");
  inplace(add, "relu", "max(x, 0)", "nnlite.tensor([-1., 2.]).relu_().tolist()", "[0.0, 2.0]");
  add("Tensor.round_", std::string(R"(In-place round: x rounded to the nearest integer (halves to even), or to decimals places.

Args:
    decimals (int): keyword only: the number of decimal places (default 0).

Returns:
    Tensor: this tensor, changed.
)") + kInplaceRaises + example("nnlite.tensor([0.5, 1.5, 2.6]).round_().tolist()", "[0.0, 2.0, 3.0]"));
  add("Tensor.clamp_", std::string(R"(In-place clamp: every element limited to [min, max].

Args:
    min (number | None): the lower bound; None for none.
    max (number | None): the upper bound; None for none.

Returns:
    Tensor: this tensor, changed.
)") + kInplaceRaises + example("nnlite.tensor([-2., 0.5, 3.]).clamp_(0, 1).tolist()", "[0.0, 0.5, 1.0]"));
  add("Tensor.nan_to_num_", std::string(R"(In-place nan_to_num: NaN, +inf and -inf replaced by finite numbers.

Args:
    nan (float): what NaN becomes (default 0).
    posinf (float | None): what +inf becomes; the dtype's largest value if None.
    neginf (float | None): what -inf becomes; the dtype's lowest value if None.

Returns:
    Tensor: this tensor, changed.
)") + kInplaceRaises + example("nnlite.tensor([float('nan'), 1.]).nan_to_num_(nan=-1.).tolist()", "[-1.0, 1.0]"));
  add("Tensor.lerp_", std::string(R"(In-place lerp: x += weight * (end - x).

Args:
    end (Tensor | number): the target values, broadcast to x's shape.
    weight (Tensor | number): the interpolation weight.

Returns:
    Tensor: this tensor, changed.
)") + kInplaceRaises + example("nnlite.zeros(2).lerp_(nnlite.tensor([10., 20.]), 0.5).tolist()", "[5.0, 10.0]"));
  add("Tensor.copy_", std::string(R"(Copies src's elements into this tensor (converting dtype and device), broadcasting src.

Args:
    src (Tensor): broadcastable to this tensor's shape.

Returns:
    Tensor: this tensor, changed (gradients flow back to src).
)") + kInplaceRaises + example("nnlite.zeros(2, 2).copy_(nnlite.tensor([1, 2])).tolist()", "[[1.0, 2.0], [1.0, 2.0]]"));
  add("Tensor.fill_", std::string(R"(Sets every element to value.

Args:
    value (number): converted to the tensor's dtype.

Returns:
    Tensor: this tensor, changed.
)") + kInplaceRaises + example("nnlite.zeros(3).fill_(7).tolist()", "[7.0, 7.0, 7.0]"));
  add("Tensor.zero_", std::string(R"(Sets every element to 0.

Returns:
    Tensor: this tensor, changed.
)") + kInplaceRaises + example("nnlite.ones(2).zero_().tolist()", "[0.0, 0.0]"));
  add("Tensor.masked_fill_", std::string(R"(In-place masked_fill: value written where mask is true.

Args:
    mask (Tensor): bool, broadcastable to this tensor's shape.
    value (number): the value written.

Returns:
    Tensor: this tensor, changed.
)") + kInplaceRaises + example("nnlite.zeros(3).masked_fill_(nnlite.tensor([True, False, True]), 5).tolist()",
                                "[5.0, 0.0, 5.0]"));
  add("Tensor.index_put_", std::string(R"(In-place index_put: x[indices] = values (or += with accumulate).

Args:
    indices (Sequence[Tensor]): one int64 (or bool) index tensor per leading dim, broadcast together.
    values (Tensor | number): broadcast to the indexed shape.
    accumulate (bool): add into the indexed elements (repeated indices add up) instead of writing.

Returns:
    Tensor: this tensor, changed.
)") + kInplaceRaises + example("nnlite.zeros(3).index_put_((nnlite.tensor([0, 0]),), nnlite.tensor(1.), "
                                "accumulate=True).tolist()", "[2.0, 0.0, 0.0]"));
  add("Tensor.uniform_", R"(Fills the tensor with uniform random numbers in [a, b).

Args:
    a (float): the lower bound (default 0).
    b (float): the upper bound (default 1).
    generator (Generator | None): the random generator; the default one if None.

Returns:
    Tensor: this tensor, changed.

Examples:
    >>> import nnlite
    >>> x = nnlite.empty(1000).uniform_(-1, 1)
    >>> bool(x.min() >= -1 and x.max() < 1)
    True
)");
  add("Tensor.normal_", R"(Fills the tensor with normal random numbers.

Args:
    mean (float): the mean (default 0).
    std (float): the standard deviation (default 1).
    generator (Generator | None): the random generator; the default one if None.

Returns:
    Tensor: this tensor, changed.

Examples:
    >>> import nnlite
    >>> nnlite.empty(3).normal_(5., 0.).tolist()
    [5.0, 5.0, 5.0]
)");
  add("Tensor.bernoulli_", R"(Fills the tensor with 0 and 1 drawn from Bernoulli(p).

Args:
    p (float | Tensor): the probability of 1 (default 0.5); a tensor gives one per element,
        broadcast to this tensor's shape.
    generator (Generator | None): keyword only: the random generator; the default one if None.

Returns:
    Tensor: this tensor, changed.

Raises:
    ValueError: p outside [0, 1].

Examples:
    >>> import nnlite
    >>> nnlite.empty(3).bernoulli_(1.).tolist()
    [1.0, 1.0, 1.0]
)");
  add("Tensor.exponential_", R"(Fills the tensor with draws of the exponential distribution of rate lambd (mean 1 / lambd).

Args:
    lambd (float): the rate, > 0 (default 1).
    generator (Generator | None): keyword only: the random generator; the default one if None.

Returns:
    Tensor: this tensor, changed.

Examples:
    >>> import nnlite
    >>> bool((nnlite.empty(100).exponential_(2.) >= 0).all())
    True
)");
  add("relu", R"(max(x, 0), elementwise (the rectified linear unit).

Args:
    input (Tensor): any shape, a floating dtype.

Returns:
    Tensor: input's shape and dtype; the gradient is 0 where x <= 0.

Examples:
    >>> import nnlite
    >>> nnlite.relu(nnlite.tensor([-1., 2.])).tolist()
    [0.0, 2.0]
)");
  add("sigmoid", R"(1 / (1 + exp(-x)), elementwise, computed without overflow for large |x|.

Args:
    input (Tensor): any shape, a floating dtype.

Returns:
    Tensor: input's shape, values in (0, 1).

Examples:
    >>> import nnlite
    >>> nnlite.sigmoid(nnlite.tensor([0.])).tolist()
    [0.5]
)");
  add("tanh", R"(The hyperbolic tangent, elementwise.

Args:
    input (Tensor): any shape, a floating dtype.

Returns:
    Tensor: input's shape, values in (-1, 1).

Examples:
    >>> import nnlite
    >>> nnlite.tanh(nnlite.tensor([0.])).tolist()
    [0.0]
)");
  add("softmax", R"(exp(x) / sum(exp(x)) along dim: a probability distribution over that dim.

Computed with the maximum subtracted first, so large inputs do not overflow.

Args:
    input (Tensor): any shape, a floating dtype.
    dim (int): the dim that sums to 1.

Returns:
    Tensor: input's shape.

Raises:
    IndexError: dim out of range.

Examples:
    >>> import nnlite
    >>> nnlite.softmax(nnlite.tensor([[0., 0.], [0., 1000.]]), dim=1).tolist()
    [[0.5, 0.5], [0.0, 1.0]]
)");
  add("log_softmax", R"(log(softmax(x)) along dim, computed stably as x - logsumexp(x).

Args:
    input (Tensor): any shape, a floating dtype.
    dim (int): the dim normalised over.

Returns:
    Tensor: input's shape; exp of it sums to 1 along dim.

Raises:
    IndexError: dim out of range.

Examples:
    >>> import nnlite
    >>> [round(v, 4) for v in nnlite.log_softmax(nnlite.tensor([0., 0.]), dim=0).tolist()]
    [-0.6931, -0.6931]
)");
}

}  // namespace nnlite::py_bind
