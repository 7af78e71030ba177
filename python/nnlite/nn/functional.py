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
    """y = input @ weight.T + bias.

    Args:
        input (Tensor): [..., in_features].
        weight (Tensor): [out_features, in_features].
        bias (Tensor | None): [out_features].

    Returns:
        Tensor: [..., out_features].

    Raises:
        ValueError: input's last size is not in_features.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.linear(nnlite.ones(1, 2), nnlite.ones(3, 2), nnlite.tensor([0., 1., 2.])).tolist()
        [[2.0, 3.0, 4.0]]
    """
    return _C.linear(input, weight, bias)


# In-place variants compute out of place and return the result: the value is
# the same, only the aliasing of the input differs (see nn.ReLU's docstring).
def relu(input, inplace=False):
    """max(x, 0), elementwise.

    Differs from torch: inplace=True does not change input; the result is a new tensor.

    Args:
        input (Tensor): any shape, a floating dtype.
        inplace (bool): taken for torch's signature; nnlite returns a new tensor either way.

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.relu(nnlite.tensor([-1., 2.])).tolist()
        [0.0, 2.0]
    """
    return _C.relu(input)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    """x where x >= 0, negative_slope * x elsewhere.

    Args:
        input (Tensor): any shape, a floating dtype.
        negative_slope (float): the slope below 0.
        inplace (bool): taken for torch's signature; nnlite returns a new tensor either way.

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.leaky_relu(nnlite.tensor([-2., 2.]), 0.5).tolist()
        [-1.0, 2.0]
    """
    return _C.leaky_relu(input, negative_slope)


def gelu(input, approximate="none"):
    """The Gaussian error linear unit: x * Phi(x), Phi the standard normal CDF.

    Args:
        input (Tensor): any shape, a floating dtype.
        approximate (str): 'none' (the exact erf form) or 'tanh' (the tanh approximation).

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.gelu(nnlite.tensor([0., 1.])).tolist()
        [0.0, 0.8413447141647339]
    """
    return _C.gelu(input, approximate)


def elu(input, alpha=1.0, inplace=False):
    """x where x > 0, alpha * (exp(x) - 1) elsewhere.

    Args:
        input (Tensor): any shape, a floating dtype.
        alpha (float): the scale of the negative part.
        inplace (bool): taken for torch's signature; nnlite returns a new tensor either way.

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.elu(nnlite.tensor([-1., 1.])).tolist()
        [-0.6321205496788025, 1.0]
    """
    return _C.elu(input, alpha)


def softplus(input, beta=1.0, threshold=20.0):
    """log(1 + exp(beta * x)) / beta, a smooth relu; linear where beta * x > threshold.

    Args:
        input (Tensor): any shape, a floating dtype.
        beta (float): the sharpness.
        threshold (float): above it the function returns x (no overflow).

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.softplus(nnlite.tensor([0.])).tolist()
        [0.6931471824645996]
    """
    return _C.softplus(input, beta, threshold)


def sigmoid(input):
    """1 / (1 + exp(-x)), elementwise.

    Args:
        input (Tensor): any shape, a floating dtype.

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.sigmoid(nnlite.tensor([0.])).tolist()
        [0.5]
    """
    return _C.sigmoid(input)


def tanh(input):
    """The hyperbolic tangent, elementwise.

    Args:
        input (Tensor): any shape, a floating dtype.

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.tanh(nnlite.tensor([0.])).tolist()
        [0.0]
    """
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
    """exp(x) / sum(exp(x)) along dim, computed stably.

    Args:
        input (Tensor): any shape, a floating dtype.
        dim (int | None): the dim that sums to 1; None picks torch's legacy default (0 for 0-, 1- and
            3-d inputs, else 1) with a UserWarning.
        dtype (dtype | None): convert input to this dtype first.

    Returns:
        Tensor: input's shape.

    Raises:
        IndexError: dim out of range.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.softmax(nnlite.tensor([[1., 1.]]), dim=1).tolist()
        [[0.5, 0.5]]
    """
    if dim is None:
        dim = _softmax_dim("softmax", input.dim())
    if dtype is not None:
        input = input.to(dtype)
    return _C.softmax(input, dim)


def log_softmax(input, dim=None, dtype=None):
    """log(softmax(x)) along dim, computed stably as x - logsumexp(x).

    Args:
        input (Tensor): any shape, a floating dtype.
        dim (int | None): the dim normalised over; None picks torch's legacy default with a UserWarning.
        dtype (dtype | None): convert input to this dtype first.

    Returns:
        Tensor: input's shape.

    Raises:
        IndexError: dim out of range.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> [round(v, 4) for v in F.log_softmax(nnlite.tensor([0., 0.]), dim=0).tolist()]
        [-0.6931, -0.6931]
    """
    if dim is None:
        dim = _softmax_dim("log_softmax", input.dim())
    if dtype is not None:
        input = input.to(dtype)
    return _C.log_softmax(input, dim)


def dropout(input, p=0.5, training=True, inplace=False):
    """Zeroes each element with probability p and scales the rest by 1 / (1 - p), when training.

    Args:
        input (Tensor): any shape.
        p (float): the drop probability, in [0, 1].
        training (bool): apply dropout; False returns input unchanged.
        inplace (bool): taken for torch's signature; nnlite returns a new tensor either way.

    Returns:
        Tensor: input's shape.

    Raises:
        ValueError: p outside [0, 1].

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.dropout(nnlite.ones(3), 0.5, training=False).tolist()
        [1.0, 1.0, 1.0]
        >>> sorted(set(F.dropout(nnlite.ones(100), 0.5).tolist()))
        [0.0, 2.0]
    """
    return _C.dropout(input, p, training)


def mse_loss(input, target, *, reduction="mean"):
    """The squared error (input - target) ** 2, averaged or summed.

    Args:
        input (Tensor): any shape, a floating dtype.
        target (Tensor): input's shape.
        reduction (str): keyword only: 'mean' (the default), 'sum', or 'none' for the per-element losses.

    Returns:
        Tensor: 0-d, or input's shape with reduction='none'.

    Raises:
        ValueError: the shapes differ or an unknown reduction.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.mse_loss(nnlite.tensor([1., 3.]), nnlite.zeros(2)).item()
        5.0
    """
    return _C.mse_loss(input, target, reduction=reduction)


def l1_loss(input, target, *, reduction="mean"):
    """The absolute error |input - target|, averaged or summed.

    Args:
        input (Tensor): any shape, a floating dtype.
        target (Tensor): input's shape.
        reduction (str): keyword only: 'mean' (the default), 'sum', or 'none' for the per-element losses.

    Returns:
        Tensor: 0-d, or input's shape with reduction='none'.

    Raises:
        ValueError: the shapes differ or an unknown reduction.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.l1_loss(nnlite.tensor([1., -3.]), nnlite.zeros(2), reduction='none').tolist()
        [1.0, 3.0]
    """
    return _C.l1_loss(input, target, reduction=reduction)


def binary_cross_entropy(input, target, weight=None, *, reduction="mean"):
    """-(target * log(input) + (1 - target) * log(1 - input)) for probabilities input.

    The logs are clamped at -100, as in torch, so input 0 or 1 gives a finite loss.

    Args:
        input (Tensor): probabilities in [0, 1], any shape.
        target (Tensor): input's shape, values in [0, 1].
        weight (Tensor | None): a factor per element, broadcast to input's shape.
        reduction (str): keyword only: 'mean' (the default), 'sum', or 'none' for the per-element losses.

    Returns:
        Tensor: 0-d, or input's shape with reduction='none'.

    Raises:
        ValueError: the shapes differ.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> round(F.binary_cross_entropy(nnlite.tensor([0.5]), nnlite.tensor([1.])).item(), 4)
        0.6931
    """
    return _C.binary_cross_entropy(input, target, weight=weight, reduction=reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, *, reduction="mean", pos_weight=None):
    """binary_cross_entropy(sigmoid(input), target), computed stably from the logits.

    Args:
        input (Tensor): logits, any shape.
        target (Tensor): input's shape, values in [0, 1].
        weight (Tensor | None): a factor per element, broadcast to input's shape.
        reduction (str): keyword only: 'mean' (the default), 'sum', or 'none' for the per-element losses.
        pos_weight (Tensor | None): keyword only: a factor on the positive term, per class (broadcast
            along the last dim).

    Returns:
        Tensor: 0-d, or input's shape with reduction='none'.

    Raises:
        ValueError: the shapes differ.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> round(F.binary_cross_entropy_with_logits(nnlite.tensor([0.]), nnlite.tensor([1.])).item(), 4)
        0.6931
    """
    return _C.binary_cross_entropy_with_logits(input, target, weight=weight, reduction=reduction, pos_weight=pos_weight)


def nll_loss(input, target, weight=None, *, ignore_index=-100, reduction="mean"):
    """The negative log likelihood: -input[i, target[i]], for log-probabilities input.

    Args:
        input (Tensor): [N, C] or [N, C, d1, ...] log-probabilities (log_softmax over C).
        target (Tensor): int64 class indices, [N] or [N, d1, ...].
        weight (Tensor | None): [C], a factor per class; 'mean' divides by the sum of the weights used.
        ignore_index (int): keyword only: targets equal to it add nothing (and do not count in the mean).
        reduction (str): keyword only: 'mean' (the default), 'sum', or 'none' for the per-element losses.

    Returns:
        Tensor: 0-d, or target's shape with reduction='none'.

    Raises:
        IndexError: a target out of range that is not ignore_index.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.nll_loss(nnlite.tensor([[-1., -2.]]), nnlite.tensor([1])).item()
        2.0
    """
    return _C.nll_loss(input, target, weight=weight, ignore_index=ignore_index, reduction=reduction)


def cross_entropy(input, target, weight=None, *, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """nll_loss(log_softmax(input, 1), target): the classification loss on raw scores (logits).

    Args:
        input (Tensor): [N, C] or [N, C, d1, ...] logits.
        target (Tensor): int64 class indices [N] (or [N, d1, ...]), or class probabilities of input's shape.
        weight (Tensor | None): [C], a factor per class.
        ignore_index (int): keyword only: class-index targets equal to it add nothing.
        reduction (str): keyword only: 'mean' (the default), 'sum', or 'none' for the per-element losses.
        label_smoothing (float): keyword only: in [0, 1]; mixes the target with the uniform distribution.

    Returns:
        Tensor: 0-d, or the per-sample losses with reduction='none'.

    Raises:
        IndexError: a class index out of range.
        ValueError: the shapes do not match.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> x = nnlite.tensor([[2., 0., 0.], [0., 2., 0.]])
        >>> round(F.cross_entropy(x, nnlite.tensor([0, 1])).item(), 4)
        0.2395
    """
    return _C.cross_entropy(
        input, target, weight=weight, ignore_index=ignore_index, reduction=reduction, label_smoothing=label_smoothing
    )


# Convolution, pooling, normalization, dropout2d, resampling and padding.
from ._functional.spatial import (adaptive_avg_pool2d, avg_pool2d, batch_norm, conv2d,  # noqa: E402
                                  conv_transpose2d, dropout2d, group_norm, layer_norm, max_pool2d,
                                  max_pool2d_with_indices, pad, upsample_nearest)

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
