"""The convolution, pooling, normalization, dropout2d, resampling and padding
functions of torch.nn.functional over the C++ ops (re-exported by
nn.functional). Arguments that torch accepts as an int or a pair (stride,
padding, ...) are converted by the bindings; conv2d also takes padding='same'
or 'valid'."""
import warnings

from ... import _C

__all__ = ["conv2d", "conv_transpose2d", "max_pool2d", "max_pool2d_with_indices", "avg_pool2d", "adaptive_avg_pool2d", "batch_norm", "layer_norm", "group_norm", "dropout2d", "upsample_nearest", "pad"]


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
