"""The 1-d convolution and pooling functions through their 2-d ops: a length-L
signal [N, C, L] is the image [N, C, 1, L], and every option becomes a pair
whose height entry is neutral (kernel 1, stride 1, padding 0). Exact: the 2-d
kernels do the same multiply-adds in the same order."""
from ... import _C

__all__ = ["conv1d", "max_pool1d", "max_pool1d_with_indices", "avg_pool1d"]


def _one(op, name, value):
    """An int or a 1-sequence of one as an int."""
    if isinstance(value, (tuple, list)):
        if len(value) != 1:
            raise ValueError(f"{op}: {name} must be an int or a 1-tuple but got {value!r}")
        value = value[0]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{op}: {name} must be an int but got {value!r}")
    return value


def _as_image(op, input, dims=(2, 3)):
    if input.dim() not in dims:
        raise ValueError(f"{op}: input must be [N, C, L] or [C, L] but got shape {tuple(input.shape)}")
    return input.unsqueeze(-2)


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    """input [N, C_in, L] (or [C_in, L]), weight [C_out, C_in / groups, k] -> [N, C_out, L_out]."""
    op = "conv1d"
    if weight.dim() != 3:
        raise ValueError(f"{op}: weight must be [C_out, C_in / groups, k] but got shape {tuple(weight.shape)}")
    x = _as_image(op, input)
    pad = padding if isinstance(padding, str) else (0, _one(op, "padding", padding))
    y = _C.conv2d(x, weight.unsqueeze(2), bias, (1, _one(op, "stride", stride)), pad,
                  (1, _one(op, "dilation", dilation)), groups, padding_mode)
    return y.squeeze(-2)


def _pool_args(op, kernel_size, stride, padding, dilation=1):
    k = _one(op, "kernel_size", kernel_size)
    s = k if stride is None or (isinstance(stride, (tuple, list)) and len(stride) == 0) else _one(op, "stride",
                                                                                                    stride)
    return (1, k), (1, s), (0, _one(op, "padding", padding)), (1, _one(op, "dilation", dilation))


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """Maximum over windows of [N, C, L]; indices are positions along L."""
    k, s, p, d = _pool_args("max_pool1d", kernel_size, stride, padding, dilation)
    out = _C.max_pool2d(_as_image("max_pool1d", input), k, s, p, d, ceil_mode, return_indices)
    if return_indices:
        # The 2-d op's flat index h * W + w is w here (h = 0).
        return out[0].squeeze(-2), out[1].squeeze(-2)
    return out.squeeze(-2)


def max_pool1d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=True):
    """max_pool1d(..., return_indices=True): the maxima over windows of [N, C, L] and their positions along L.

    Args:
        input (Tensor): [N, C, L] or [C, L].
        kernel_size (int): the window.
        stride (int | None): the step; kernel_size if None.
        padding (int): -inf padding on each side.
        dilation (int): the spacing of the window's taps.
        ceil_mode (bool): round the output length up.
        return_indices (bool): taken for torch's signature; the indices are always returned.

    Returns:
        tuple[Tensor, Tensor]: the maxima [N, C, L_out] and the int64 positions.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> values, indices = F.max_pool1d_with_indices(nnlite.tensor([[[1., 3., 2., 0.]]]), 2)
        >>> values.tolist(), indices.tolist()
        ([[[3.0, 2.0]]], [[[1, 2]]])
    """
    return max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    """Mean over windows of [N, C, L]."""
    k, s, p, _ = _pool_args("avg_pool1d", kernel_size, stride, padding)
    out = _C.avg_pool2d(_as_image("avg_pool1d", input), k, s, p, ceil_mode, count_include_pad, None)
    return out.squeeze(-2)
