"""Normalization layers: BatchNorm1d, BatchNorm2d, LayerNorm, GroupNorm.

These modules hold the parameters and buffers. What they do is C++, shared
with nnlite::nn: the math is in the ops, BatchNorm's rules (which statistics,
the batch count, the running-average factor and update) in
_C.batch_norm_module, and the initialisation in _C._nn_init.
"""
import numbers

from .. import _C
from .module import Module
from .parameter import Parameter

__all__ = ["BatchNorm1d", "BatchNorm2d", "LayerNorm", "GroupNorm"]


def _new(shape, dtype, fill):
    from .. import get_default_dtype, full

    return full(shape, fill, dtype=get_default_dtype() if dtype is None else dtype)


def _init_channel_norm(module, num_features, eps, momentum, affine, track_running_stats, dtype, bias):
    """What BatchNorm and InstanceNorm share: checked options, affine parameters, running statistics."""
    cls = type(module).__name__
    _check_count(cls, "num_features", num_features)
    if not isinstance(eps, numbers.Real) or eps < 0:
        raise ValueError(f"{cls}: eps must be a non-negative number but got {eps!r}")
    module.num_features = num_features
    module.eps = eps
    module.momentum = momentum
    module.affine = affine
    module.track_running_stats = track_running_stats
    _add_affine(module, affine, (num_features,), dtype, bias)
    _add_running_stats(module, track_running_stats, num_features, dtype)


def _add_affine(module, enabled, shape, dtype, bias):
    """weight (ones) and bias (zeros) of the given shape, or None entries when off."""
    weight = Parameter(_new(shape, dtype, 1.0)) if enabled else None
    module.register_parameter("weight", weight)
    module.register_parameter("bias", Parameter(_new(shape, dtype, 0.0)) if enabled and bias else None)


def _add_running_stats(module, enabled, num_features, dtype):
    """Buffers running_mean (zeros), running_var (ones) and num_batches_tracked, or None entries when off."""
    if enabled:
        from .. import int64, tensor

        module.register_buffer("running_mean", _new((num_features,), dtype, 0.0))
        module.register_buffer("running_var", _new((num_features,), dtype, 1.0))
        module.register_buffer("num_batches_tracked", tensor(0, dtype=int64))
    else:
        for name in ("running_mean", "running_var", "num_batches_tracked"):
            module.register_buffer(name, None)


def _reset_affine(module):
    _C._nn_init.reset_affine_(module.weight, module.bias)


def _check_count(cls, name, value):
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{cls}: {name} must be a positive integer but got {value!r}")


class _BatchNorm(Module):
    """Shared by BatchNorm1d/2d. Buffers running_mean, running_var and
    num_batches_tracked exist when track_running_stats; momentum=None means a
    cumulative moving average (factor 1 / num_batches_tracked)."""

    _module_name = ""

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, device=None,
                 dtype=None, *, bias=True):
        super().__init__()
        _init_channel_norm(self, num_features, eps, momentum, affine, track_running_stats, dtype, bias)
        self.reset_parameters()
        if device is not None:
            self.to(device)

    def reset_running_stats(self):
        if self.track_running_stats:
            _C._nn_init.reset_running_stats_(self.running_mean, self.running_var, self.num_batches_tracked)

    def reset_parameters(self):
        self.reset_running_stats()
        _reset_affine(self)

    def forward(self, input):
        return self._forward_then(input, None, False)

    def _forward_then(self, input, residual, relu):
        """``relu?(forward(input) + residual?)`` as one op (nn._fusion's conv -> batch norm -> ReLU chains);
        residual None or of the input's shape."""
        # The registries read directly: each self.<parameter> goes through
        # Module.__getattr__, and batch-1 inference feels a dozen of them. (An
        # entry replaced by a plain attribute is still found through self.)
        p, b = self._parameters, self._buffers
        running_mean = b["running_mean"] if "running_mean" in b else self.running_mean
        running_var = b["running_var"] if "running_var" in b else self.running_var
        weight = p["weight"] if "weight" in p else self.weight
        bias = p["bias"] if "bias" in p else self.bias
        tracked = b["num_batches_tracked"] if "num_batches_tracked" in b else self.num_batches_tracked
        return _C.batch_norm_module(input, running_mean, running_var, tracked, weight, bias, self.training,
                                    self.track_running_stats, self.momentum, self.eps, self._module_name,
                                    residual, relu)

    def extra_repr(self):
        return (f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.affine}, "
                f"bias={self.bias is not None}, track_running_stats={self.track_running_stats}")


class BatchNorm1d(_BatchNorm):
    """Batch normalization of [N, C] or [N, C, L] inputs over N (and L) per channel."""

    _module_name = "BatchNorm1d"  # fixes the input ranks batch_norm_module accepts


class BatchNorm2d(_BatchNorm):
    """Batch normalization of [N, C, H, W] inputs over N, H, W per channel."""

    _module_name = "BatchNorm2d"


class LayerNorm(Module):
    """Normalizes over the trailing dims given by normalized_shape, with an
    elementwise affine of that shape."""

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True, device=None, dtype=None):
        super().__init__()
        if isinstance(normalized_shape, numbers.Integral) and not isinstance(normalized_shape, bool):
            normalized_shape = (normalized_shape,)
        try:
            self.normalized_shape = tuple(int(s) for s in normalized_shape)
        except TypeError:
            raise TypeError(f"LayerNorm: normalized_shape must be an int or a sequence of ints but got "
                            f"{normalized_shape!r}") from None
        if not self.normalized_shape or any(s < 0 for s in self.normalized_shape):
            raise ValueError(f"LayerNorm: normalized_shape must be non-empty with non-negative sizes but got "
                             f"{normalized_shape!r}")
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        _add_affine(self, elementwise_affine, self.normalized_shape, dtype, bias)
        if device is not None:
            self.to(device)

    def reset_parameters(self):
        """Re-initialises the parameters: weight to 1 and bias to 0.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> ln = nn.LayerNorm(2); ln.reset_parameters(); ln.weight.tolist(), ln.bias.tolist()
            ([1.0, 1.0], [0.0, 0.0])
        """
        _reset_affine(self)

    def forward(self, input):
        return _C.layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self):
        return (f"{self.normalized_shape}, eps={self.eps}, elementwise_affine={self.elementwise_affine}, "
                f"bias={self.bias is not None}")


class GroupNorm(Module):
    """Normalizes each sample over groups of num_channels // num_groups channels
    (and all spatial positions), with a per-channel affine."""

    def __init__(self, num_groups, num_channels, eps=1e-5, affine=True, device=None, dtype=None, *, bias=True):
        super().__init__()
        _check_count("GroupNorm", "num_groups", num_groups)
        _check_count("GroupNorm", "num_channels", num_channels)
        if num_channels % num_groups != 0:
            raise ValueError(f"GroupNorm: num_channels ({num_channels}) must be divisible by num_groups "
                             f"({num_groups})")
        self.num_groups = num_groups
        self.num_channels = num_channels
        self.eps = eps
        self.affine = affine
        _add_affine(self, affine, (num_channels,), dtype, bias)
        if device is not None:
            self.to(device)

    def reset_parameters(self):
        """Re-initialises the parameters: weight to 1 and bias to 0.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> gn = nn.GroupNorm(1, 2); gn.reset_parameters(); gn.weight.tolist()
            [1.0, 1.0]
        """
        _reset_affine(self)

    def forward(self, input):
        return _C.group_norm(input, self.num_groups, self.weight, self.bias, self.eps)

    def extra_repr(self):
        return (f"{self.num_groups}, {self.num_channels}, eps={self.eps}, affine={self.affine}, "
                f"bias={self.bias is not None}")
