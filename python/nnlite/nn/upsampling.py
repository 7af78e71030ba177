"""The modules of the resampling ops (cpp/src/ops/pad_upsample.cpp): Upsample,
UpsamplingNearest2d and Dropout2d (which drops whole channels)."""
from .. import _C
from . import functional as F
from .dropout import Dropout
from .module import Module

__all__ = ["Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d", "Dropout2d"]


class Upsample(Module):
    """Resize [N, C, L] / [N, C, H, W] inputs to `size` or by `scale_factor` (F.interpolate's modes)."""

    def __init__(self, size=None, scale_factor=None, mode="nearest", align_corners=None, recompute_scale_factor=None):
        super().__init__()
        self.name = type(self).__name__
        self.size = size
        if isinstance(scale_factor, tuple):
            self.scale_factor = tuple(float(f) for f in scale_factor)
        else:
            self.scale_factor = float(scale_factor) if scale_factor else None
        self.mode = mode
        self.align_corners = align_corners
        self.recompute_scale_factor = recompute_scale_factor

    def forward(self, input):
        return F.interpolate(input, self.size, self.scale_factor, self.mode, self.align_corners,
                             self.recompute_scale_factor)

    def extra_repr(self):
        if self.scale_factor is not None:
            info = f"scale_factor={self.scale_factor!r}"
        else:
            info = f"size={self.size!r}"
        return info + f", mode={self.mode!r}"


class UpsamplingNearest2d(Upsample):
    """Nearest-neighbour upsampling of [N, C, H, W] (torch's older name for Upsample(mode='nearest')).

    Args:
        size (int | tuple[int, int] | None): the output (H, W).
        scale_factor (float | tuple[float, float] | None): the factor, when size is None.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.UpsamplingNearest2d(scale_factor=2)(nnlite.ones(1, 1, 1, 1)).shape
        (1, 1, 2, 2)
    """
    def __init__(self, size=None, scale_factor=None):
        super().__init__(size, scale_factor, mode="nearest")


class UpsamplingBilinear2d(Upsample):
    """Bilinear upsampling of [N, C, H, W] with align_corners=True (torch's older name).

    Args:
        size (int | tuple[int, int] | None): the output (H, W).
        scale_factor (float | tuple[float, float] | None): the factor, when size is None.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.UpsamplingBilinear2d(size=(1, 3))(nnlite.tensor([[[[0., 1.]]]])).tolist()
        [[[[0.0, 0.5, 1.0]]]]
    """
    def __init__(self, size=None, scale_factor=None):
        super().__init__(size, scale_factor, mode="bilinear", align_corners=True)


class Dropout2d(Dropout):
    """Zero each channel of [N, C, H, W] (or [N, C, L]) with probability p in
    training mode and scale the kept ones by 1/(1-p)."""

    def forward(self, input):
        from . import functional as F  # nn.functional imports nn's modules itself
        return F.dropout2d(input, self.p, self.training)
