"""InstanceNorm1d/2d: each sample's channels normalized over their own
spatial positions (F.instance_norm). torch's defaults: no affine and no
running statistics; with track_running_stats, eval mode normalizes with the
running averages."""
from . import functional as F
from .module import Module
from .normalization import _BatchNorm, _init_channel_norm

__all__ = ["InstanceNorm1d", "InstanceNorm2d"]


class _InstanceNorm(Module):
    _spatial = 0  # spatial dims of a batched input

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=False, track_running_stats=False, device=None,
                 dtype=None, *, bias=True):
        super().__init__()
        _init_channel_norm(self, num_features, eps, momentum, affine, track_running_stats, dtype, bias)
        if device is not None:
            self.to(device)

    # BatchNorm's: the same buffers and affine parameters.
    reset_running_stats = _BatchNorm.reset_running_stats
    reset_parameters = _BatchNorm.reset_parameters

    def forward(self, input):
        batched = self._spatial + 2
        if input.dim() not in (batched - 1, batched):
            raise ValueError(f"{type(self).__name__}: expected a {batched - 1}-d or {batched}-d input but got shape "
                             f"{tuple(input.shape)}")
        unbatched = input.dim() == batched - 1
        x = input.unsqueeze(0) if unbatched else input
        if x.size(1) != self.num_features and self.affine:
            raise ValueError(f"{type(self).__name__}: expected {self.num_features} channels (dim "
                             f"{0 if unbatched else 1}) but got input shape {tuple(input.shape)}")
        use_input_stats = self.training or not self.track_running_stats
        y = F.instance_norm(x, self.running_mean, self.running_var, self.weight, self.bias, use_input_stats,
                            self.momentum if self.momentum is not None else 0.0, self.eps)
        return y.squeeze(0) if unbatched else y

    def extra_repr(self):
        return (f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.affine}, "
                f"bias={self.bias is not None}, track_running_stats={self.track_running_stats}")


class InstanceNorm1d(_InstanceNorm):
    """[N, C, L] or [C, L]."""

    _spatial = 1


class InstanceNorm2d(_InstanceNorm):
    """[N, C, H, W] or [C, H, W]."""

    _spatial = 2
