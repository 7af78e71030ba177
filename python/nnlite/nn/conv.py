"""Conv2d and ConvTranspose2d: hold the weight and bias and call the C++ ops.

The padding rule ('same', 'valid', padding_mode) is _C.conv2d's (the C++
conv2d_module and conv2d_padding, which nnlite::nn::Conv2d calls too), and
the default initialisation is _C._nn_init.reset_conv_.
"""
from .. import _C
from . import init
from .module import Module
from .parameter import _add_weight_and_bias

__all__ = ["Conv2d", "ConvTranspose2d"]

_PADDING_MODES = ("zeros", "reflect", "replicate", "circular")


def _int(value, name, cls, minimum):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        kind = "positive" if minimum > 0 else "non-negative"
        raise ValueError(f"{cls}: {name} must be a {kind} integer (or a pair of them) but got {value!r}")
    return value


def _pair(value, name, cls, minimum):
    """An int or a sequence of one or two ints as a (height, width) tuple."""
    if isinstance(value, (tuple, list)):
        if len(value) not in (1, 2):
            raise ValueError(f"{cls}: {name} must be an int or a pair of ints but got {value!r}")
        pair = tuple(_int(v, name, cls, minimum) for v in value)
        return pair * 2 if len(pair) == 1 else pair
    v = _int(value, name, cls, minimum)
    return (v, v)


class _ConvNd(Module):
    """What Conv2d and ConvTranspose2d share: options, parameters, initialisation, repr."""

    def __init__(self, in_channels, out_channels, kernel_size, stride, padding, dilation, transposed,
                 output_padding, groups, bias, padding_mode, device, dtype):
        super().__init__()
        cls = type(self).__name__
        _int(in_channels, "in_channels", cls, 0)
        _int(out_channels, "out_channels", cls, 0)
        if isinstance(groups, bool) or not isinstance(groups, int) or groups <= 0:
            raise ValueError(f"{cls}: groups must be a positive integer but got {groups!r}")
        if in_channels % groups != 0:
            raise ValueError(f"{cls}: in_channels ({in_channels}) must be divisible by groups ({groups})")
        if out_channels % groups != 0:
            raise ValueError(f"{cls}: out_channels ({out_channels}) must be divisible by groups ({groups})")
        if padding_mode not in _PADDING_MODES:
            raise ValueError(f"{cls}: padding_mode must be one of {_PADDING_MODES} but got {padding_mode!r}")
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = _pair(kernel_size, "kernel_size", cls, 1)
        self.stride = _pair(stride, "stride", cls, 1)
        self.dilation = _pair(dilation, "dilation", cls, 1)
        if isinstance(padding, str):
            if padding not in ("same", "valid"):
                raise ValueError(f"{cls}: padding must be an int, a pair, 'valid' or 'same' but got {padding!r}")
            self.padding = padding  # 'same' with a stride is refused by the C++ rule (_reversed_padding)
        else:
            self.padding = _pair(padding, "padding", cls, 0)
        self.transposed = transposed
        self.output_padding = _pair(output_padding, "output_padding", cls, 0)
        self.groups = groups
        self.padding_mode = padding_mode
        self._reversed_padding_repeated_twice = self._reversed_padding()
        if transposed:
            shape = (in_channels, out_channels // groups) + self.kernel_size
        else:
            shape = (out_channels, in_channels // groups) + self.kernel_size
        _add_weight_and_bias(self, shape, out_channels, bias, dtype)
        self.reset_parameters()
        if device is not None:
            self.to(device)

    def _reversed_padding(self):
        """F.pad's (left, right, top, bottom) for padding_mode != 'zeros', from the C++ rule."""
        if isinstance(self.padding, str):
            return list(_C.conv2d_padding(self.padding, self.kernel_size, self.dilation, self.stride))
        return list(_C.conv2d_padding("", self.kernel_size, self.dilation, 1, self.padding))

    def reset_parameters(self):
        # PyTorch's default (kaiming_uniform_(a=sqrt(5)) and the matching bias bound), in C++.
        init._is_empty(self.weight, "kaiming_uniform_")  # warns, as torch does; C++ skips it too
        _C._nn_init.reset_conv_(self.weight, self.bias)

    def extra_repr(self):
        s = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}")
        zeros, ones = (0,) * len(self.kernel_size), (1,) * len(self.kernel_size)  # Conv1d shares this
        if self.padding != zeros:
            s += f", padding={self.padding}"
        if self.dilation != ones:
            s += f", dilation={self.dilation}"
        if self.output_padding != zeros:
            s += f", output_padding={self.output_padding}"
        if self.groups != 1:
            s += f", groups={self.groups}"
        if self.bias is None:
            s += ", bias=False"
        if self.padding_mode != "zeros":
            s += f", padding_mode={self.padding_mode}"
        return s


class Conv2d(_ConvNd):
    """2-d convolution over [N, C, H, W] (or [C, H, W]) inputs; weight [out, in/groups, kh, kw].

    padding may be an int, a pair, 'valid' or 'same'; padding_mode 'reflect',
    'replicate' and 'circular' pad with that mode first (inside _C.conv2d).
    """

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
                 padding_mode="zeros", device=None, dtype=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation, False, 0, groups, bias,
                         padding_mode, device, dtype)

    def forward(self, input):
        p = self._parameters  # not self.weight first: see Linear.forward
        weight = p["weight"] if "weight" in p else self.weight
        bias = p["bias"] if "bias" in p else self.bias
        return _C.conv2d(input, weight, bias, self.stride, self.padding, self.dilation, self.groups, self.padding_mode)


class ConvTranspose2d(_ConvNd):
    """2-d transposed convolution (the gradient of Conv2d with respect to its input);
    weight [in, out/groups, kh, kw]. forward(input, output_size) picks the
    output_padding that gives output_size."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1,
                 bias=True, dilation=1, padding_mode="zeros", device=None, dtype=None):
        if isinstance(padding, str):
            raise ValueError(f"ConvTranspose2d: padding must be an int or a pair of ints but got {padding!r}")
        if padding_mode != "zeros":
            raise ValueError(f"ConvTranspose2d: only 'zeros' padding mode is supported but got {padding_mode!r}")
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation, True, output_padding,
                         groups, bias, padding_mode, device, dtype)

    def _output_padding(self, input, output_size):
        if output_size is None:
            return self.output_padding
        return tuple(_C.conv_transpose2d_output_padding(input, list(output_size), self.kernel_size, self.stride,
                                                        self.padding, self.dilation))

    def forward(self, input, output_size=None):
        output_padding = self._output_padding(input, output_size)
        return _C.conv_transpose2d(input, self.weight, self.bias, self.stride, self.padding, output_padding,
                                   self.groups, self.dilation)
