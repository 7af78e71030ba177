"""nnlite.nn.functional: the layer, activation and loss functions of torch.nn.functional.

Thin wrappers over nnlite._C: every computation is a C++ op, so autograd
records it and nothing loops over elements in Python. Loss options after
``weight`` are keyword-only, which rejects the deprecated positional
size_average/reduce slots of PyTorch instead of misreading them.
"""
import warnings

from .. import _C

__all__ = [
    "linear", "relu", "leaky_relu", "gelu", "elu", "softplus", "sigmoid", "tanh", "softmax", "log_softmax",
    "dropout", "mse_loss", "l1_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits", "nll_loss",
    "cross_entropy",
]


def linear(input, weight, bias=None):
    return _C.linear(input, weight, bias)


# In-place variants compute out of place and return the result: the value is
# the same, only the aliasing of the input differs (see nn.ReLU's docstring).
def relu(input, inplace=False):
    return _C.relu(input)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    return _C.leaky_relu(input, negative_slope)


def gelu(input, approximate="none"):
    return _C.gelu(input, approximate)


def elu(input, alpha=1.0, inplace=False):
    return _C.elu(input, alpha)


def softplus(input, beta=1.0, threshold=20.0):
    return _C.softplus(input, beta, threshold)


def sigmoid(input):
    return _C.sigmoid(input)


def tanh(input):
    return _C.tanh(input)


def _softmax_dim(name, ndim):
    """PyTorch's legacy choice of dim when none is given (with its warning)."""
    warnings.warn(
        f"Implicit dimension choice for {name} has been deprecated. Change the call to include dim=X as an argument.",
        UserWarning,
        stacklevel=3,
    )
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input, dim=None, dtype=None):
    if dim is None:
        dim = _softmax_dim("softmax", input.dim())
    if dtype is not None:
        input = input.to(dtype)
    return _C.softmax(input, dim)


def log_softmax(input, dim=None, dtype=None):
    if dim is None:
        dim = _softmax_dim("log_softmax", input.dim())
    if dtype is not None:
        input = input.to(dtype)
    return _C.log_softmax(input, dim)


def dropout(input, p=0.5, training=True, inplace=False):
    return _C.dropout(input, p, training)


def mse_loss(input, target, *, reduction="mean"):
    return _C.mse_loss(input, target, reduction=reduction)


def l1_loss(input, target, *, reduction="mean"):
    return _C.l1_loss(input, target, reduction=reduction)


def binary_cross_entropy(input, target, weight=None, *, reduction="mean"):
    return _C.binary_cross_entropy(input, target, weight=weight, reduction=reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, *, reduction="mean", pos_weight=None):
    return _C.binary_cross_entropy_with_logits(input, target, weight=weight, reduction=reduction, pos_weight=pos_weight)


def nll_loss(input, target, weight=None, *, ignore_index=-100, reduction="mean"):
    return _C.nll_loss(input, target, weight=weight, ignore_index=ignore_index, reduction=reduction)


def cross_entropy(input, target, weight=None, *, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    return _C.cross_entropy(
        input, target, weight=weight, ignore_index=ignore_index, reduction=reduction, label_smoothing=label_smoothing
    )
