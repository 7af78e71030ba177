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


# ---- convolution, pooling, normalization, resampling --------------------------
# Arguments that torch accepts as an int or a pair (stride, padding, ...) are
# converted by the bindings; conv2d also takes padding='same' or 'valid'.

def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """The 2-d convolution (cross-correlation, as in torch) of input with weight.

    Args:
        input (Tensor): [N, C_in, H, W] or [C_in, H, W].
        weight (Tensor): [C_out, C_in / groups, kH, kW].
        bias (Tensor | None): [C_out].
        stride (int | tuple[int, int]): the step of the window.
        padding (int | tuple[int, int] | str): zeros added on each side, or 'same' / 'valid'.
        dilation (int | tuple[int, int]): the spacing of the kernel's taps.
        groups (int): split the channels into this many independent groups.

    Returns:
        Tensor: [N, C_out, H_out, W_out] with H_out = (H + 2 * pad - dilation * (kH - 1) - 1) // stride + 1.

    Raises:
        ValueError: the channels do not match weight, or the kernel does not fit.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.conv2d(nnlite.ones(1, 1, 3, 3), nnlite.ones(1, 1, 2, 2)).tolist()
        [[[[4.0, 4.0], [4.0, 4.0]]]]
    """
    return _C.conv2d(input, weight, bias, stride, padding, dilation, groups)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """The transposed 2-d convolution (the gradient of conv2d with respect to its input).

    Args:
        input (Tensor): [N, C_in, H, W] or [C_in, H, W].
        weight (Tensor): [C_in, C_out / groups, kH, kW].
        bias (Tensor | None): [C_out].
        stride (int | tuple[int, int]): the upsampling step.
        padding (int | tuple[int, int]): removed from each side of the output.
        output_padding (int | tuple[int, int]): added to one side of the output, < stride.
        groups (int): independent channel groups.
        dilation (int | tuple[int, int]): the spacing of the kernel's taps.

    Returns:
        Tensor: [N, C_out, H_out, W_out] with
        H_out = (H - 1) * stride - 2 * padding + dilation * (kH - 1) + output_padding + 1.

    Raises:
        ValueError: the channels do not match weight.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.conv_transpose2d(nnlite.ones(1, 1, 1, 1), nnlite.ones(1, 1, 2, 2)).tolist()
        [[[[1.0, 1.0], [1.0, 1.0]]]]
    """
    return _C.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """The maximum over each kernel_size window of each channel.

    Args:
        input (Tensor): [N, C, H, W] or [C, H, W].
        kernel_size (int | tuple[int, int]): the window.
        stride (int | tuple[int, int] | None): the step; kernel_size if None.
        padding (int | tuple[int, int]): -inf padding on each side, at most half the window.
        dilation (int | tuple[int, int]): the spacing of the window's taps.
        ceil_mode (bool): round the output size up instead of down.
        return_indices (bool): also return the flat h * W + w index of each maximum.

    Returns:
        Tensor | tuple[Tensor, Tensor]: [N, C, H_out, W_out], with the int64 indices when asked for.

    Raises:
        ValueError: the window does not fit or padding is too large.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.max_pool2d(nnlite.arange(16.).reshape(1, 1, 4, 4), 2).tolist()
        [[[[5.0, 7.0], [13.0, 15.0]]]]
    """
    return _C.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def max_pool2d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=True):
    """max_pool2d(..., return_indices=True): the maxima and their flat h * W + w indices.

    Args:
        input (Tensor): [N, C, H, W] or [C, H, W].
        kernel_size (int | tuple[int, int]): the window.
        stride (int | tuple[int, int] | None): the step; kernel_size if None.
        padding (int | tuple[int, int]): -inf padding on each side.
        dilation (int | tuple[int, int]): the spacing of the window's taps.
        ceil_mode (bool): round the output size up.
        return_indices (bool): taken for torch's signature; the indices are always returned.

    Returns:
        tuple[Tensor, Tensor]: the maxima and the int64 indices (for max_unpool), of one shape.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> values, indices = F.max_pool2d_with_indices(nnlite.arange(4.).reshape(1, 1, 2, 2), 2)
        >>> values.item(), indices.item()
        (3.0, 3)
    """
    return _C.max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    """The mean over each kernel_size window of each channel.

    Args:
        input (Tensor): [N, C, H, W] or [C, H, W].
        kernel_size (int | tuple[int, int]): the window.
        stride (int | tuple[int, int] | None): the step; kernel_size if None.
        padding (int | tuple[int, int]): zero padding on each side.
        ceil_mode (bool): round the output size up.
        count_include_pad (bool): count the padding zeros in the divisor.
        divisor_override (int | None): divide by this instead of the window size.

    Returns:
        Tensor: [N, C, H_out, W_out].

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.avg_pool2d(nnlite.arange(16.).reshape(1, 1, 4, 4), 2).tolist()
        [[[[2.5, 4.5], [10.5, 12.5]]]]
    """
    return _C.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)


def adaptive_avg_pool2d(input, output_size):
    """Average pooling whose windows are chosen to give output_size, whatever the input size.

    Args:
        input (Tensor): [N, C, H, W] or [C, H, W].
        output_size (int | tuple[int | None, int | None]): (Ho, Wo); None keeps that input size.

    Returns:
        Tensor: [N, C, Ho, Wo].

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.adaptive_avg_pool2d(nnlite.arange(16.).reshape(1, 1, 4, 4), 1).tolist()
        [[[[7.5]]]]
    """
    return _C.adaptive_avg_pool2d(input, output_size)


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
    """Normalises each channel (dim 1) over the batch and spatial dims: (x - mean) / sqrt(var + eps) * weight + bias.

    Args:
        input (Tensor): [N, C] or [N, C, *].
        running_mean (Tensor | None): [C]; used in eval, updated in place when training.
        running_var (Tensor | None): [C]; the same (updated with the unbiased variance).
        weight (Tensor | None): [C], the scale.
        bias (Tensor | None): [C], the shift.
        training (bool): use the batch's statistics (and update the running ones) instead of the running ones.
        momentum (float): the running update: running = (1 - momentum) * running + momentum * batch.
        eps (float): added to the variance.

    Returns:
        Tensor: input's shape.

    Raises:
        ValueError: training with one value per channel, or the sizes do not match C.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.batch_norm(nnlite.tensor([[1.], [3.]]), None, None, training=True).tolist()
        [[-0.9999949932098389], [0.9999949932098389]]
    """
    return _C.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalises over the last len(normalized_shape) dims: (x - mean) / sqrt(var + eps) * weight + bias.

    Args:
        input (Tensor): [*, *normalized_shape].
        normalized_shape (int | Sequence[int]): the trailing shape normalised over.
        weight (Tensor | None): normalized_shape, the scale.
        bias (Tensor | None): normalized_shape, the shift.
        eps (float): added to the (biased) variance.

    Returns:
        Tensor: input's shape.

    Raises:
        ValueError: input's trailing shape is not normalized_shape.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.layer_norm(nnlite.tensor([[1., 3.]]), (2,)).tolist()
        [[-0.9999949932098389, 0.9999949932098389]]
    """
    return _C.layer_norm(input, normalized_shape, weight, bias, eps)


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5):
    """Normalises each group of channels over its channels and spatial dims, then scales per channel.

    Args:
        input (Tensor): [N, C, *].
        num_groups (int): divides C.
        weight (Tensor | None): [C], the scale.
        bias (Tensor | None): [C], the shift.
        eps (float): added to the variance.

    Returns:
        Tensor: input's shape.

    Raises:
        ValueError: num_groups does not divide C.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.group_norm(nnlite.tensor([[[1.], [3.]]]), 1).flatten().tolist()
        [-0.9999949932098389, 0.9999949932098389]
    """
    return _C.group_norm(input, num_groups, weight, bias, eps)


def dropout2d(input, p=0.5, training=True, inplace=False):
    """Zeroes whole channels with probability p and scales the rest by 1 / (1 - p), when training.

    Args:
        input (Tensor): [N, C, H, W] or [C, H, W]; a 2-d input is treated as plain dropout with a
            warning, as torch does.
        p (float): the probability of dropping a channel.
        training (bool): apply dropout; False returns input unchanged.
        inplace (bool): taken for torch's signature; nnlite returns a new tensor either way.

    Returns:
        Tensor: input's shape.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> x = F.dropout2d(nnlite.ones(1, 8, 2, 2), 0.5)
        >>> all(len(set(c.flatten().tolist())) == 1 for c in x[0])
        True
    """
    if input.dim() == 2:
        # PyTorch still takes [N, C] here (each element is a whole channel, so it
        # is plain dropout) with a deprecation warning; public examples rely on it.
        warnings.warn("dropout2d: Received a 2-D input to dropout2d, which is deprecated in PyTorch; "
                      "use dropout instead (dropout2d drops channels of 3-d or 4-d inputs)", UserWarning,
                      stacklevel=2)
        return _C.dropout(input, p, training)
    return _C.dropout2d(input, p, training)


def upsample_nearest(input, size=None, scale_factor=None):
    """Nearest-neighbour upsampling of the last two dims (torch's deprecated name; see interpolate).

    Args:
        input (Tensor): [N, C, H, W].
        size (int | tuple[int, int] | None): the output (H, W).
        scale_factor (float | tuple[float, float] | None): the factor, when size is None.

    Returns:
        Tensor: [N, C, H_out, W_out].

    Raises:
        ValueError: neither or both of size and scale_factor are given.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.upsample_nearest(nnlite.tensor([[[[0., 1.]]]]), scale_factor=2).tolist()
        [[[[0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 1.0]]]]
    """
    return _C.upsample_nearest2d(input, size, scale_factor)


def pad(input, pad, mode="constant", value=None):
    """Pads the last dims of input: pad = (left, right) for the last dim, then (top, bottom), ...

    Args:
        input (Tensor): any shape (reflect and replicate need [N, C, ...] inputs).
        pad (Sequence[int]): an even number of sizes, two per padded dim from the last one back;
            negative sizes crop.
        mode (str): 'constant', 'reflect', 'replicate' or 'circular'.
        value (float | None): the fill of 'constant' (0 if None).

    Returns:
        Tensor: input's shape grown by the padding.

    Raises:
        ValueError: an odd-length pad, an unknown mode, or reflect padding as large as the dim.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.pad(nnlite.ones(1, 2), (1, 1)).tolist()
        [[0.0, 1.0, 1.0, 0.0]]
    """
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
