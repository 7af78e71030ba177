"""Conv1d: weight [out, in / groups, k] and bias, through F.conv1d (the 2-d
op on [N, C, 1, L]). Options are 1-tuples as in torch; padding also takes
'same' / 'valid', padding_mode the four modes of Conv2d."""
from .. import _C
from . import functional as F
from . import init
from .conv import _PADDING_MODES, _ConvNd, _int
from .module import Module
from .parameter import _add_weight_and_bias

__all__ = ["Conv1d"]


def _single(value, name, minimum):
    if isinstance(value, (tuple, list)):
        if len(value) != 1:
            raise ValueError(f"Conv1d: {name} must be an int or a 1-tuple but got {value!r}")
        value = value[0]
    return (_int(value, name, "Conv1d", minimum),)


class Conv1d(Module):
    """A 1-d convolution layer over [N, C_in, L] inputs (see F.conv1d).

    Args:
        in_channels (int): C_in.
        out_channels (int): C_out.
        kernel_size (int | tuple[int]): the kernel length k.
        stride (int | tuple[int]): the step.
        padding (int | tuple[int] | str): added on both ends, or 'same' / 'valid'.
        dilation (int | tuple[int]): the spacing of the kernel's taps.
        groups (int): independent channel groups; divides in_channels and out_channels.
        bias (bool): learn a bias of [C_out].
        padding_mode (str): 'zeros', 'reflect', 'replicate' or 'circular'.
        device (device | str | None): where the parameters live.
        dtype (dtype | None): the parameters' dtype.

    Raises:
        ValueError: channels not divisible by groups, an unknown padding or padding_mode, or
            padding='same' with a stride other than 1.

    Shape:
        input [N, C_in, L] or [C_in, L]; output [N, C_out, L_out] with
        L_out = (L + 2 * padding - dilation * (k - 1) - 1) // stride + 1.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> conv = nn.Conv1d(2, 4, kernel_size=3, padding=1)
        >>> conv(nnlite.zeros(1, 2, 10)).shape
        (1, 4, 10)
    """
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
                 padding_mode="zeros", device=None, dtype=None):
        super().__init__()
        _int(in_channels, "in_channels", "Conv1d", 0)
        _int(out_channels, "out_channels", "Conv1d", 0)
        _int(groups, "groups", "Conv1d", 1)
        if in_channels % groups or out_channels % groups:
            raise ValueError(f"Conv1d: in_channels ({in_channels}) and out_channels ({out_channels}) must be "
                             f"divisible by groups ({groups})")
        if padding_mode not in _PADDING_MODES:
            raise ValueError(f"Conv1d: padding_mode must be one of {_PADDING_MODES} but got {padding_mode!r}")
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = _single(kernel_size, "kernel_size", 1)
        self.stride = _single(stride, "stride", 1)
        self.dilation = _single(dilation, "dilation", 1)
        if isinstance(padding, str):
            if padding not in ("same", "valid"):
                raise ValueError(f"Conv1d: padding must be an int, 'valid' or 'same' but got {padding!r}")
            if padding == "same" and self.stride != (1,):
                raise ValueError("Conv1d: padding='same' is not supported for strided convolutions")
            self.padding = padding
        else:
            self.padding = _single(padding, "padding", 0)
        self.groups = groups
        self.padding_mode = padding_mode
        self.transposed = False
        self.output_padding = (0,)
        _add_weight_and_bias(self, (out_channels, in_channels // groups) + self.kernel_size, out_channels, bias,
                             dtype)
        self.reset_parameters()
        if device is not None:
            self.to(device)

    def reset_parameters(self):
        """Re-initialises the parameters: weight and bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = in_channels / groups * kernel_size.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> conv = nn.Conv1d(2, 3, 2); conv.reset_parameters(); bool(conv.weight.abs().max() <= 0.5)
            True
        """
        # torch's default (kaiming_uniform_(a=sqrt(5)), bias U(+-1/sqrt(fan_in))), as Conv2d's.
        init._is_empty(self.weight, "kaiming_uniform_")
        _C._nn_init.reset_conv_(self.weight, self.bias)

    def forward(self, input):
        padding = self.padding if isinstance(self.padding, str) else self.padding[0]
        return F.conv1d(input, self.weight, self.bias, self.stride[0], padding, self.dilation[0], self.groups,
                        self.padding_mode)

    extra_repr = _ConvNd.extra_repr  # torch's Conv1d repr is Conv2d's with 1-tuples
