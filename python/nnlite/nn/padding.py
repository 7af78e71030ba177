"""Padding modules: F.pad (the C++ pad op) with a fixed mode and amounts.

An int pads every side by that much; a tuple is F.pad's (left, right[, top,
bottom]) with as many entries as the layer pads sides.
"""
from . import functional as F
from .module import Module

__all__ = ["ZeroPad1d", "ZeroPad2d", "ConstantPad1d", "ConstantPad2d", "ReflectionPad1d", "ReflectionPad2d",
           "ReplicationPad1d", "ReplicationPad2d"]


class _PadNd(Module):
    _sides = 0  # 2 for 1-d layers (left, right), 4 for 2-d ones
    _mode = "constant"

    def __init__(self, padding, value=0.0):
        super().__init__()
        cls = type(self).__name__
        if isinstance(padding, (tuple, list)):
            padding = tuple(padding)
            if len(padding) != self._sides:
                raise ValueError(f"{cls}: padding must be an int or a {self._sides}-tuple but got {padding!r}")
        else:
            padding = (padding,) * self._sides
        if any(isinstance(p, bool) or not isinstance(p, int) for p in padding):
            raise ValueError(f"{cls}: padding entries must be integers but got {padding!r}")
        self.padding = padding
        self.value = value

    def forward(self, input):
        dims = self._sides // 2
        if input.dim() not in (dims + 1, dims + 2):
            raise ValueError(f"{type(self).__name__}: expected a {dims + 1}-d or {dims + 2}-d input but got shape "
                             f"{tuple(input.shape)}")
        if self._mode == "constant":
            return F.pad(input, list(self.padding), "constant", self.value)
        return F.pad(input, list(self.padding), self._mode)

    def extra_repr(self):
        return f"{self.padding}"


class ConstantPad1d(_PadNd):
    """Pads the last dim with a constant value.

    Args:
        padding (int | tuple[int, ...]): every side by that much, or (left, right).
        value (float): the fill value.

    Shape:
        input [N, C, L] or [C, L]; the output grows by the padding.

    Raises:
        ValueError: padding of the wrong length or not integers; an input of the wrong number of dims.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.ConstantPad1d((1, 2), 9.)(nnlite.ones(1, 1)).tolist()
        [[9.0, 1.0, 9.0, 9.0]]
    """
    _sides = 2

    def __init__(self, padding, value):
        super().__init__(padding, value)

    def extra_repr(self):
        return f"padding={self.padding}, value={self.value}"


class ConstantPad2d(ConstantPad1d):
    """Pads the last two dims with a constant value.

    Args:
        padding (int | tuple[int, ...]): every side by that much, or (left, right, top, bottom).
        value (float): the fill value.

    Shape:
        input [N, C, H, W] or [C, H, W]; the output grows by the padding.

    Raises:
        ValueError: padding of the wrong length or not integers; an input of the wrong number of dims.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.ConstantPad2d(1, 0.)(nnlite.ones(1, 1, 1)).tolist()
        [[[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]]
    """
    _sides = 4


class _ModePad(_PadNd):
    """A padding layer whose amounts are its only option."""

    def __init__(self, padding):
        super().__init__(padding)


class ZeroPad1d(_ModePad):
    """Pads the last dim with zeros.

    Args:
        padding (int | tuple[int, ...]): every side by that much, or (left, right).

    Shape:
        input [N, C, L] or [C, L]; the output grows by the padding.

    Raises:
        ValueError: padding of the wrong length or not integers; an input of the wrong number of dims.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.ZeroPad1d((0, 1))(nnlite.ones(1, 2)).tolist()
        [[1.0, 1.0, 0.0]]
    """
    _sides = 2


class ZeroPad2d(_ModePad):
    """Pads the last two dims with zeros.

    Args:
        padding (int | tuple[int, ...]): every side by that much, or (left, right, top, bottom).

    Shape:
        input [N, C, H, W] or [C, H, W]; the output grows by the padding.

    Raises:
        ValueError: padding of the wrong length or not integers; an input of the wrong number of dims.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.ZeroPad2d((1, 0, 0, 0))(nnlite.ones(1, 1, 1)).tolist()
        [[[0.0, 1.0]]]
    """
    _sides = 4


class ReflectionPad1d(_ModePad):
    """Mirror the input at its border (without repeating the edge); each amount must be below that dim's size."""

    _sides = 2
    _mode = "reflect"


class ReflectionPad2d(ReflectionPad1d):
    """Pads the last two dims with their mirror image at the border (the edge is not repeated).

    Args:
        padding (int | tuple[int, ...]): every side by that much, or (left, right, top, bottom); each below that dim's size.

    Shape:
        input [N, C, H, W] or [C, H, W]; the output grows by the padding.

    Raises:
        ValueError: padding of the wrong length or not integers; an input of the wrong number of dims.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.ReflectionPad2d((1, 1, 0, 0))(nnlite.tensor([[[1., 2.]]])).tolist()
        [[[2.0, 1.0, 2.0, 1.0]]]
    """
    _sides = 4


class ReplicationPad1d(_ModePad):
    """Repeat the edge values."""

    _sides = 2
    _mode = "replicate"


class ReplicationPad2d(ReplicationPad1d):
    """Pads the last two dims by repeating the edge values.

    Args:
        padding (int | tuple[int, ...]): every side by that much, or (left, right, top, bottom).

    Shape:
        input [N, C, H, W] or [C, H, W]; the output grows by the padding.

    Raises:
        ValueError: padding of the wrong length or not integers; an input of the wrong number of dims.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.ReplicationPad2d((1, 1, 0, 0))(nnlite.tensor([[[1., 2.]]])).tolist()
        [[[1.0, 1.0, 2.0, 2.0]]]
    """
    _sides = 4
