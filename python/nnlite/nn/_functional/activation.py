"""Activations written as short compositions of existing C++ ops.

Each is exact in value; the gradient comes from the pieces' own backward
formulas, which match torch's away from the kinks (torch picks one side at
x == kink as well, not always the same one).
"""
from ... import _C

__all__ = ["hardtanh", "relu6", "silu", "mish", "softsign", "hardswish", "hardsigmoid", "prelu"]


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    """x clamped to [min_val, max_val].

    Args:
        input (Tensor): any shape, a floating dtype.
        min_val (float): the lower bound.
        max_val (float): the upper bound.
        inplace (bool): taken for torch's signature; nnlite returns a new tensor either way.

    Raises:
        ValueError: min_val > max_val.

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.hardtanh(nnlite.tensor([-2., 0.5, 2.])).tolist()
        [-1.0, 0.5, 1.0]
    """
    if min_val > max_val:
        raise ValueError(f"hardtanh: min_val ({min_val}) cannot be greater than max_val ({max_val})")
    return input.clamp(min=min_val, max=max_val)


def relu6(input, inplace=False):
    """min(max(x, 0), 6), elementwise.

    Args:
        input (Tensor): any shape, a floating dtype.
        inplace (bool): taken for torch's signature; nnlite returns a new tensor either way.

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.relu6(nnlite.tensor([-1., 3., 7.])).tolist()
        [0.0, 3.0, 6.0]
    """
    return input.clamp(min=0.0, max=6.0)


def silu(input, inplace=False):
    """x * sigmoid(x), elementwise (also called swish).

    Args:
        input (Tensor): any shape, a floating dtype.
        inplace (bool): taken for torch's signature; nnlite returns a new tensor either way.

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.silu(nnlite.tensor([0.])).tolist()
        [0.0]
    """
    return input * _C.sigmoid(input)


def mish(input, inplace=False):
    """x tanh(softplus(x)) written with one exp: tanh(log(1 + e)) = n / (n + 2),
    n = e (e + 2), e = exp(x). The tanh and softplus kernels are scalar and
    made this about 70x slower. exp's argument is capped at 20, where the
    ratio is already 1 in float32 and float64 alike (and n cannot overflow)."""
    e = input.clamp(max=20.0).exp()
    n = e * (e + 2.0)
    return input * (n / (n + 2.0))


def softsign(input):
    """x / (1 + |x|), elementwise.

    Args:
        input (Tensor): any shape, a floating dtype.

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.softsign(nnlite.tensor([1., -3.])).tolist()
        [0.5, -0.75]
    """
    return input / (input.abs() + 1.0)


def hardsigmoid(input, inplace=False):
    """A piecewise-linear sigmoid: clamp(x + 3, 0, 6) / 6.

    Args:
        input (Tensor): any shape, a floating dtype.
        inplace (bool): taken for torch's signature; nnlite returns a new tensor either way.

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.hardsigmoid(nnlite.tensor([-3., 0., 3.])).tolist()
        [0.0, 0.5, 1.0]
    """
    return (input + 3.0).clamp(min=0.0, max=6.0) / 6.0


def hardswish(input, inplace=False):
    """x * hardsigmoid(x), elementwise.

    Args:
        input (Tensor): any shape, a floating dtype.
        inplace (bool): taken for torch's signature; nnlite returns a new tensor either way.

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.hardswish(nnlite.tensor([-3., 3.])).tolist()
        [-0.0, 3.0]
    """
    return input * hardsigmoid(input)


def prelu(input, weight):
    """max(0, x) + weight * min(0, x); weight has 1 or C entries, C = input.size(1)
    (the only dim for a 1-d input), as torch's."""
    if weight.dim() != 1:
        raise ValueError(f"prelu: weight must be 1-d but got shape {tuple(weight.shape)}")
    n = weight.numel()
    if n != 1:
        channels = input.size(1) if input.dim() >= 2 else input.size(0) if input.dim() == 1 else 1
        if input.dim() == 0 or channels != n:
            raise ValueError(f"prelu: weight has {n} entries but the input of shape {tuple(input.shape)} has "
                             f"{channels if input.dim() else 0} channels (dim 1); expected 1 or that many")
        if input.dim() >= 2:
            weight = weight.reshape([n] + [1] * (input.dim() - 2))
    return _C.relu(input) - weight * _C.relu(-input)
