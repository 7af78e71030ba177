"""nnlite.nn.init: weight initialisations, in place and without recording history.

The bounds and the random fills are nnlite::nn::init's (C++, through
_C._nn_init), so both APIs draw the same numbers from the same seed; this
module checks Python arguments and warns as torch does.
"""
import warnings

from .. import _C

__all__ = [
    "calculate_gain", "uniform_", "normal_", "constant_", "zeros_", "ones_", "xavier_uniform_", "xavier_normal_",
    "kaiming_uniform_", "kaiming_normal_",
]

_init = _C._nn_init


def _no_grad():
    from .. import no_grad

    return no_grad()


def calculate_gain(nonlinearity, param=None):
    """The recommended gain for an activation, as in PyTorch's table."""
    if nonlinearity == "leaky_relu" and param is not None and (isinstance(param, bool) or
                                                               not isinstance(param, (int, float))):
        raise ValueError(f"calculate_gain: negative_slope {param!r} is not a valid number")
    gain = _init.calculate_gain(nonlinearity, None if param is None else float(param))
    return int(gain) if gain == 1 else gain


def _calculate_fan_in_and_fan_out(tensor):
    """fan_in = size(1) * receptive field, fan_out = size(0) * receptive field."""
    return _init.calculate_fan_in_and_fan_out(tensor)


def _fan_in(mode):
    """True for 'fan_in', False for 'fan_out' (any case)."""
    mode = mode.lower()
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"Mode {mode} not supported, please use one of fan_in, fan_out")
    return mode == "fan_in"


def uniform_(tensor, a=0.0, b=1.0, generator=None):
    _init.uniform_(tensor, a, b, generator)
    return tensor


def normal_(tensor, mean=0.0, std=1.0, generator=None):
    _init.normal_(tensor, mean, std, generator)
    return tensor


def constant_(tensor, val):
    from .. import no_grad

    with no_grad():
        tensor.fill_(val)
    return tensor


def ones_(tensor):
    return constant_(tensor, 1.0)


def zeros_(tensor):
    from .. import no_grad

    with no_grad():
        tensor.zero_()
    return tensor


def xavier_uniform_(tensor, gain=1.0, generator=None):
    _init.xavier_uniform_(tensor, gain, generator)
    return tensor


def xavier_normal_(tensor, gain=1.0, generator=None):
    _init.xavier_normal_(tensor, gain, generator)
    return tensor


def _is_empty(tensor, name):
    if 0 in tuple(tensor.shape):
        warnings.warn(f"Initializing zero-element tensors is a no-op ({name})", UserWarning, stacklevel=3)
        return True
    return False


def kaiming_uniform_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    fan_in = _fan_in(mode)
    if not _is_empty(tensor, "kaiming_uniform_"):
        _init.kaiming_uniform_(tensor, a, fan_in, nonlinearity, generator)
    return tensor


def kaiming_normal_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    fan_in = _fan_in(mode)
    if not _is_empty(tensor, "kaiming_normal_"):
        _init.kaiming_normal_(tensor, a, fan_in, nonlinearity, generator)
    return tensor
