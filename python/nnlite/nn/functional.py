"""nnlite.nn.functional: the layer, activation and loss functions of torch.nn.functional.

Thin wrappers over nnlite._C: every computation is a C++ op, so autograd
records it and nothing loops over elements in Python. Loss options after
``weight`` are keyword-only, which rejects the deprecated positional
size_average/reduce slots of PyTorch instead of misreading them.
"""
import warnings

from .. import _C
from .._C import scaled_dot_product_attention  # noqa: F401 (torch.nn.functional's name)

__all__ = [
    "linear", "relu", "leaky_relu", "gelu", "elu", "softplus", "sigmoid", "tanh", "softmax", "log_softmax",
    "dropout", "mse_loss", "l1_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits", "nll_loss",
    "cross_entropy", "conv2d", "conv_transpose2d", "max_pool2d", "max_pool2d_with_indices", "avg_pool2d",
    "adaptive_avg_pool2d", "batch_norm", "layer_norm", "group_norm", "dropout2d", "interpolate", "upsample_nearest",
    "pad",
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


# ---- convolution, pooling, normalization, resampling --------------------------
# Arguments that torch accepts as an int or a pair (stride, padding, ...) are
# converted by the bindings; conv2d also takes padding='same' or 'valid'.

def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    return _C.conv2d(input, weight, bias, stride, padding, dilation, groups)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    return _C.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    return _C.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def max_pool2d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=True):
    return _C.max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    return _C.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)


def adaptive_avg_pool2d(input, output_size):
    return _C.adaptive_avg_pool2d(input, output_size)


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
    return _C.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    return _C.layer_norm(input, normalized_shape, weight, bias, eps)


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5):
    return _C.group_norm(input, num_groups, weight, bias, eps)


def dropout2d(input, p=0.5, training=True, inplace=False):
    if input.dim() == 2:
        # PyTorch still takes [N, C] here (each element is a whole channel, so it
        # is plain dropout) with a deprecation warning; public examples rely on it.
        warnings.warn("dropout2d: Received a 2-D input to dropout2d, which is deprecated in PyTorch; "
                      "use dropout instead (dropout2d drops channels of 3-d or 4-d inputs)", UserWarning,
                      stacklevel=2)
        return _C.dropout(input, p, training)
    return _C.dropout2d(input, p, training)


def upsample_nearest(input, size=None, scale_factor=None):
    return _C.upsample_nearest2d(input, size, scale_factor)


def pad(input, pad, mode="constant", value=None):
    return _C.pad(input, pad, mode, value)


from .._C import one_hot  # noqa: E402,F401  (one_hot(tensor, num_classes=-1), as torch's)
from .sparse import embedding  # noqa: E402  (defined next to nn.Embedding)
__all__.append("embedding")
from .attention import multi_head_attention_forward  # noqa: E402  (defined next to nn.MultiheadAttention)
__all__.append("multi_head_attention_forward")

# Compositions of existing ops, one file per topic under _functional/.
from ._functional.activation import (hardsigmoid, hardswish, hardtanh, mish, prelu, relu6, silu,  # noqa: E402
                                     softsign)
from ._functional.adaptive import adaptive_max_pool2d, adaptive_max_pool2d_with_indices  # noqa: E402
from ._functional.conv1d import avg_pool1d, conv1d, max_pool1d, max_pool1d_with_indices  # noqa: E402
from ._functional.distance import cosine_similarity, normalize, pairwise_distance  # noqa: E402
from ._functional.interpolate import interpolate, upsample, upsample_bilinear  # noqa: E402
from ._functional.linear import bilinear  # noqa: E402
from ._functional.loss import (cosine_embedding_loss, huber_loss, kl_div, margin_ranking_loss,  # noqa: E402
                               smooth_l1_loss, soft_margin_loss, triplet_margin_loss)
from ._functional.norm import instance_norm  # noqa: E402
from ._functional.shape import pixel_shuffle, pixel_unshuffle  # noqa: E402
__all__ += [
    "hardsigmoid", "hardswish", "hardtanh", "mish", "prelu", "relu6", "silu", "softsign", "adaptive_max_pool2d",
    "adaptive_max_pool2d_with_indices", "avg_pool1d", "conv1d", "max_pool1d", "max_pool1d_with_indices",
    "cosine_similarity", "normalize", "pairwise_distance", "upsample", "upsample_bilinear", "bilinear",
    "cosine_embedding_loss", "huber_loss", "kl_div", "margin_ranking_loss", "smooth_l1_loss", "soft_margin_loss",
    "triplet_margin_loss", "instance_norm", "pixel_shuffle", "pixel_unshuffle", "one_hot",
]
