"""nnlite.nn.init: weight initialisations, in place and without recording history.

The bounds and the random fills are nnlite::nn::init's (C++, through
_C._nn_init), so both APIs draw the same numbers from the same seed; this
module checks Python arguments and warns as torch does.
"""
import warnings

from .. import _C

__all__ = [
    "calculate_gain", "uniform_", "normal_", "constant_", "zeros_", "ones_", "xavier_uniform_", "xavier_normal_",
    "kaiming_uniform_", "kaiming_normal_", "orthogonal_", "sparse_", "dirac_", "eye_",
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
    """Fills tensor with uniform random numbers in [a, b).

    Args:
        tensor (Tensor): the tensor to fill, in place (outside autograd).
        a (float): the lower bound.
        b (float): the upper bound.
        generator (Generator | None): the random generator; the default one if None.

    Returns:
        Tensor: tensor itself.

    Examples:
        >>> import nnlite
        >>> from nnlite.nn import init
        >>> w = init.uniform_(nnlite.empty(100), -1, 1)
        >>> bool(w.min() >= -1 and w.max() < 1)
        True
    """
    _init.uniform_(tensor, a, b, generator)
    return tensor


def normal_(tensor, mean=0.0, std=1.0, generator=None):
    """Fills tensor with normal random numbers N(mean, std**2).

    Args:
        tensor (Tensor): the tensor to fill, in place (outside autograd).
        mean (float): the mean.
        std (float): the standard deviation.
        generator (Generator | None): the random generator; the default one if None.

    Returns:
        Tensor: tensor itself.

    Examples:
        >>> import nnlite
        >>> from nnlite.nn import init
        >>> init.normal_(nnlite.empty(2), mean=3., std=0.).tolist()
        [3.0, 3.0]
    """
    _init.normal_(tensor, mean, std, generator)
    return tensor


def constant_(tensor, val):
    """Fills tensor with val.

    Args:
        tensor (Tensor): the tensor to fill, in place (outside autograd).
        val (number): the value.

    Returns:
        Tensor: tensor itself.

    Examples:
        >>> import nnlite
        >>> from nnlite.nn import init
        >>> init.constant_(nnlite.empty(2), 0.5).tolist()
        [0.5, 0.5]
    """
    from .. import no_grad

    with no_grad():
        tensor.fill_(val)
    return tensor


def ones_(tensor):
    """Fills tensor with 1.

    Args:
        tensor (Tensor): the tensor to fill, in place (outside autograd).

    Returns:
        Tensor: tensor itself.

    Examples:
        >>> import nnlite
        >>> from nnlite.nn import init
        >>> init.ones_(nnlite.empty(2)).tolist()
        [1.0, 1.0]
    """
    return constant_(tensor, 1.0)


def zeros_(tensor):
    """Fills tensor with 0.

    Args:
        tensor (Tensor): the tensor to fill, in place (outside autograd).

    Returns:
        Tensor: tensor itself.

    Examples:
        >>> import nnlite
        >>> from nnlite.nn import init
        >>> init.zeros_(nnlite.ones(2)).tolist()
        [0.0, 0.0]
    """
    from .. import no_grad

    with no_grad():
        tensor.zero_()
    return tensor


def xavier_uniform_(tensor, gain=1.0, generator=None):
    """Glorot's uniform initialisation: U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out)).

    fan_in and fan_out are size(1) and size(0) times the product of the remaining sizes
        (the receptive field of a convolution weight).

    Args:
        tensor (Tensor): at least 2-d, filled in place.
        gain (float): the scale (see calculate_gain).
        generator (Generator | None): the random generator; the default one if None.

    Returns:
        Tensor: tensor itself.

    Raises:
        ValueError: tensor has fewer than 2 dims.

    Examples:
        >>> import nnlite
        >>> from nnlite.nn import init
        >>> w = init.xavier_uniform_(nnlite.empty(3, 5))
        >>> bool(w.abs().max() <= (6 / 8) ** 0.5)
        True
    """
    _init.xavier_uniform_(tensor, gain, generator)
    return tensor


def xavier_normal_(tensor, gain=1.0, generator=None):
    """Glorot's normal initialisation: N(0, std**2) with std = gain * sqrt(2 / (fan_in + fan_out)).

    fan_in and fan_out are size(1) and size(0) times the product of the remaining sizes
        (the receptive field of a convolution weight).

    Args:
        tensor (Tensor): at least 2-d, filled in place.
        gain (float): the scale (see calculate_gain).
        generator (Generator | None): the random generator; the default one if None.

    Returns:
        Tensor: tensor itself.

    Raises:
        ValueError: tensor has fewer than 2 dims.

    Examples:
        >>> import nnlite
        >>> from nnlite.nn import init
        >>> init.xavier_normal_(nnlite.empty(3, 5)).shape
        (3, 5)
    """
    _init.xavier_normal_(tensor, gain, generator)
    return tensor


def _is_empty(tensor, name):
    if 0 in tuple(tensor.shape):
        warnings.warn(f"Initializing zero-element tensors is a no-op ({name})", UserWarning, stacklevel=3)
        return True
    return False


def kaiming_uniform_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    """He's uniform initialisation: U(-b, b) with b = gain * sqrt(3 / fan), gain = calculate_gain(nonlinearity, a).

    The layers' default (Linear, Conv2d) is this with a=sqrt(5). A tensor with no elements is
    left alone with a UserWarning, as in torch.

    Args:
        tensor (Tensor): at least 2-d, filled in place.
        a (float): the negative slope of the leaky_relu that follows.
        mode (str): 'fan_in' (keeps the forward variance) or 'fan_out' (the backward one).
        nonlinearity (str): the activation, 'relu' or 'leaky_relu' (the default).
        generator (Generator | None): the random generator; the default one if None.

    Returns:
        Tensor: tensor itself.

    Raises:
        ValueError: an unknown mode or nonlinearity, or fewer than 2 dims.

    Examples:
        >>> import nnlite
        >>> from nnlite.nn import init
        >>> w = init.kaiming_uniform_(nnlite.empty(4, 6), nonlinearity='relu')
        >>> bool(w.abs().max() <= (6 / 6) ** 0.5)
        True
    """
    fan_in = _fan_in(mode)
    if not _is_empty(tensor, "kaiming_uniform_"):
        _init.kaiming_uniform_(tensor, a, fan_in, nonlinearity, generator)
    return tensor


def kaiming_normal_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    """He's normal initialisation: N(0, std**2) with std = gain / sqrt(fan), gain = calculate_gain(nonlinearity, a).

    Args:
        tensor (Tensor): at least 2-d, filled in place.
        a (float): the negative slope of the leaky_relu that follows.
        mode (str): 'fan_in' or 'fan_out'.
        nonlinearity (str): 'relu' or 'leaky_relu' (the default).
        generator (Generator | None): the random generator; the default one if None.

    Returns:
        Tensor: tensor itself.

    Raises:
        ValueError: an unknown mode or nonlinearity, or fewer than 2 dims.

    Examples:
        >>> import nnlite
        >>> from nnlite.nn import init
        >>> init.kaiming_normal_(nnlite.empty(4, 6), mode='fan_out').shape
        (4, 6)
    """
    fan_in = _fan_in(mode)
    if not _is_empty(tensor, "kaiming_normal_"):
        _init.kaiming_normal_(tensor, a, fan_in, nonlinearity, generator)
    return tensor


# ---- structured initialisations: drawn with nnlite's RNG (normal_), shaped on the host ----

def _assign(tensor, values):
    """Copy a NumPy array into tensor in place, outside autograd."""
    import numpy as np

    from .. import from_numpy, no_grad

    with no_grad():
        tensor.copy_(from_numpy(np.ascontiguousarray(values)).to(tensor.dtype).reshape(tuple(tensor.shape)))
    return tensor


def orthogonal_(tensor, gain=1, generator=None):
    """Fill with a (semi-)orthogonal matrix: the Q of the QR decomposition of a
    standard normal [rows, cols] draw (rows = size(0), cols = the rest), its
    columns' signs fixed by R's diagonal so Q is uniformly distributed."""
    import numpy as np

    from .. import empty, float64

    if tensor.dim() < 2:
        raise ValueError(f"orthogonal_: only tensors with 2 or more dimensions are supported, got shape "
                         f"{tuple(tensor.shape)}")
    if tensor.numel() == 0:
        return tensor
    rows = tensor.size(0)
    cols = tensor.numel() // rows
    draw = normal_(empty(rows, cols, dtype=float64), 0.0, 1.0, generator).numpy()
    if rows < cols:
        draw = draw.T
    q, r = np.linalg.qr(draw)
    q = q * np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return _assign(tensor, q * gain)


def sparse_(tensor, sparsity, std=0.01, generator=None):
    """A 2-d tensor drawn from N(0, std^2) with ceil(sparsity * rows) entries of each column zeroed."""
    import math

    import numpy as np

    from .. import empty, float64, randperm

    if tensor.dim() != 2:
        raise ValueError(f"sparse_: only tensors with 2 dimensions are supported, got shape {tuple(tensor.shape)}")
    if not 0 <= sparsity <= 1:
        raise ValueError(f"sparse_: sparsity must be in [0, 1] but got {sparsity!r}")
    rows, cols = tuple(tensor.shape)
    values = normal_(empty(rows, cols, dtype=float64), 0.0, std, generator).numpy()
    zeros = int(math.ceil(sparsity * rows))
    for c in range(cols):
        kw = {} if generator is None else {"generator": generator}
        values[np.asarray(randperm(rows, **kw).numpy())[:zeros], c] = 0.0
    return _assign(tensor, values)


def dirac_(tensor, groups=1):
    """The identity of a convolution: for a [out, in, *k] weight, 1 at the centre
    tap of channel i -> i (within each of `groups` groups), 0 elsewhere."""
    import numpy as np

    if tensor.dim() not in (3, 4, 5):
        raise ValueError(f"dirac_: only tensors with 3, 4, or 5 dimensions are supported, got shape "
                         f"{tuple(tensor.shape)}")
    shape = tuple(tensor.shape)
    if isinstance(groups, bool) or not isinstance(groups, int) or groups <= 0 or shape[0] % groups:
        raise ValueError(f"dirac_: dim 0 ({shape[0]}) must be divisible by groups ({groups!r})")
    out_per_group = shape[0] // groups
    values = np.zeros(shape)
    centre = tuple(k // 2 for k in shape[2:])
    for g in range(groups):
        for d in range(min(out_per_group, shape[1])):
            values[(g * out_per_group + d, d) + centre] = 1.0
    return _assign(tensor, values)


def eye_(tensor):
    """The identity matrix in a 2-d tensor (ones on the diagonal of a rectangle)."""
    import numpy as np

    if tensor.dim() != 2:
        raise ValueError(f"eye_: only 2-d tensors are supported, got shape {tuple(tensor.shape)}")
    return _assign(tensor, np.eye(*tuple(tensor.shape)))
