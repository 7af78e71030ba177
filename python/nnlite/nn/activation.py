"""Activation modules: hold the options and call the matching C++ op.

``inplace=True`` is accepted for compatibility with PyTorch model code; the
result is computed out of place and returned, so ``x = act(x)`` behaves the
same, but the input tensor is not overwritten.
"""
from . import functional as F
from .module import Module

__all__ = ["ReLU", "LeakyReLU", "GELU", "ELU", "Softplus", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Hardtanh",
           "ReLU6", "SiLU", "Mish", "Softsign", "Hardswish", "Hardsigmoid", "PReLU"]


def _inplace_repr(inplace):
    return "inplace=True" if inplace else ""


class ReLU(Module):
    """max(0, x), elementwise.

    Shape:
        any shape in, the same shape out.

    Args:
        inplace (bool): overwrite the input.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.ReLU()(nnlite.tensor([-1., 2.])).tolist()
        [0.0, 2.0]
    """
    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace

    def forward(self, input):
        return F.relu(input)

    def extra_repr(self):
        return _inplace_repr(self.inplace)


class LeakyReLU(Module):
    """x where x > 0, negative_slope * x elsewhere.

    Shape:
        any shape in, the same shape out.

    Args:
        negative_slope (float): the slope below 0.
        inplace (bool): overwrite the input.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.LeakyReLU(0.5)(nnlite.tensor([-2., 2.])).tolist()
        [-1.0, 2.0]
    """
    def __init__(self, negative_slope=0.01, inplace=False):
        super().__init__()
        self.negative_slope = negative_slope
        self.inplace = inplace

    def forward(self, input):
        return F.leaky_relu(input, self.negative_slope)

    def extra_repr(self):
        return f"negative_slope={self.negative_slope}" + (", inplace=True" if self.inplace else "")


class GELU(Module):
    """x * Phi(x), Phi the standard normal CDF (or its tanh approximation).

    Shape:
        any shape in, the same shape out.

    Args:
        approximate (str): 'none' or 'tanh'.

    Raises:
        ValueError: another approximate.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.GELU()(nnlite.tensor([0.])).tolist()
        [0.0]
    """
    def __init__(self, approximate="none"):
        super().__init__()
        if approximate not in ("none", "tanh"):
            raise ValueError(f"GELU: approximate must be 'none' or 'tanh' but got {approximate!r}")
        self.approximate = approximate

    def forward(self, input):
        return F.gelu(input, self.approximate)

    def extra_repr(self):
        return f"approximate={self.approximate!r}"


class ELU(Module):
    """x where x > 0, alpha * (exp(x) - 1) elsewhere.

    Shape:
        any shape in, the same shape out.

    Args:
        alpha (float): the scale below 0.
        inplace (bool): overwrite the input.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.ELU()(nnlite.tensor([0., 1.])).tolist()
        [0.0, 1.0]
    """
    def __init__(self, alpha=1.0, inplace=False):
        super().__init__()
        self.alpha = alpha
        self.inplace = inplace

    def forward(self, input):
        return F.elu(input, self.alpha)

    def extra_repr(self):
        return f"alpha={self.alpha}" + (", inplace=True" if self.inplace else "")


class Softplus(Module):
    """log(1 + exp(beta * x)) / beta, linear above threshold.

    Shape:
        any shape in, the same shape out.

    Args:
        beta (float): the sharpness.
        threshold (float): where it becomes x.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.Softplus()(nnlite.tensor([100.])).tolist()
        [100.0]
    """
    def __init__(self, beta=1.0, threshold=20.0):
        super().__init__()
        self.beta = beta
        self.threshold = threshold

    def forward(self, input):
        return F.softplus(input, self.beta, self.threshold)

    def extra_repr(self):
        return f"beta={self.beta}, threshold={self.threshold}"


class Sigmoid(Module):
    """1 / (1 + exp(-x)), elementwise.

    Shape:
        any shape in, the same shape out.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.Sigmoid()(nnlite.tensor([0.])).tolist()
        [0.5]
    """
    def forward(self, input):
        return F.sigmoid(input)


class Tanh(Module):
    """The hyperbolic tangent, elementwise.

    Shape:
        any shape in, the same shape out.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.Tanh()(nnlite.tensor([0.])).tolist()
        [0.0]
    """
    def forward(self, input):
        return F.tanh(input)


class Softmax(Module):
    """exp(x) / sum(exp(x)) along dim: each slice sums to 1.

    Shape:
        any shape in, the same shape out.

    Args:
        dim (int): the dim that sums to 1.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.Softmax(dim=0)(nnlite.tensor([1., 1.])).tolist()
        [0.5, 0.5]
    """
    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return F.softmax(input, self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"


class LogSoftmax(Module):
    """log(softmax(x)) along dim, computed stably.

    Shape:
        any shape in, the same shape out.

    Args:
        dim (int): the dim of the softmax.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.LogSoftmax(dim=0)(nnlite.tensor([0., 0.])).exp().tolist()
        [0.5, 0.5]
    """
    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return F.log_softmax(input, self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"


class Hardtanh(Module):
    """clamp(x, min_val, max_val)."""

    def __init__(self, min_val=-1.0, max_val=1.0, inplace=False):
        super().__init__()
        if min_val > max_val:
            raise ValueError(f"Hardtanh: min_val ({min_val}) cannot be greater than max_val ({max_val})")
        self.min_val = min_val
        self.max_val = max_val
        self.inplace = inplace

    def forward(self, input):
        return F.hardtanh(input, self.min_val, self.max_val)

    def extra_repr(self):
        return f"min_val={self.min_val}, max_val={self.max_val}" + (", inplace=True" if self.inplace else "")


class ReLU6(Hardtanh):
    """min(max(0, x), 6), elementwise.

    Shape:
        any shape in, the same shape out.

    Args:
        inplace (bool): overwrite the input.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.ReLU6()(nnlite.tensor([-1., 8.])).tolist()
        [0.0, 6.0]
    """
    def __init__(self, inplace=False):
        super().__init__(0.0, 6.0, inplace)

    def extra_repr(self):
        return _inplace_repr(self.inplace)


class _InplaceOnly(Module):
    """An activation whose only option is the (accepted, see above) inplace flag."""

    _fn = None

    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace

    def forward(self, input):
        return type(self)._fn(input)

    def extra_repr(self):
        return _inplace_repr(self.inplace)


class SiLU(_InplaceOnly):
    """x * sigmoid(x)."""

    _fn = staticmethod(F.silu)


class Mish(_InplaceOnly):
    """x * tanh(softplus(x))."""

    _fn = staticmethod(F.mish)


class Hardswish(_InplaceOnly):
    """x * relu6(x + 3) / 6."""

    _fn = staticmethod(F.hardswish)


class Hardsigmoid(_InplaceOnly):
    """relu6(x + 3) / 6."""

    _fn = staticmethod(F.hardsigmoid)


class Softsign(Module):
    """x / (1 + |x|)."""

    def forward(self, input):
        return F.softsign(input)


class PReLU(Module):
    """max(0, x) + weight * min(0, x), with a learned slope per channel (dim 1)
    or one shared slope; weight starts at `init`."""

    def __init__(self, num_parameters=1, init=0.25, device=None, dtype=None):
        super().__init__()
        if isinstance(num_parameters, bool) or not isinstance(num_parameters, int) or num_parameters <= 0:
            raise ValueError(f"PReLU: num_parameters must be a positive integer but got {num_parameters!r}")
        from .. import get_default_dtype, full
        from .parameter import Parameter

        self.num_parameters = num_parameters
        self.init = init
        self.weight = Parameter(full((num_parameters,), float(init), dtype=get_default_dtype() if dtype is None else dtype))
        if device is not None:
            self.to(device)

    def reset_parameters(self):
        """Re-initialises the parameters: every slope back to init.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> act = nn.PReLU(2, init=0.1); act.reset_parameters(); [round(v, 2) for v in act.weight.tolist()]
            [0.1, 0.1]
        """
        from . import init

        init.constant_(self.weight, self.init)

    def forward(self, input):
        return F.prelu(input, self.weight)

    def extra_repr(self):
        return f"num_parameters={self.num_parameters}"
