"""PyTorch's counting Tensor methods and functions (unique, bincount, histc):
no gradient in torch either, so they run through NumPy. Split from
_tensor_methods.py, which attaches them to Tensor."""
import builtins

import numpy as np

from . import _C

Tensor = _C.Tensor

def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    """The distinct elements of input, sorted, optionally with where each element went and how often each occurs.

    Computed with NumPy on the CPU values; no gradient (as in torch).

    Args:
        input (Tensor): any shape (flattened).
        sorted (bool): taken for torch's signature; the result is always sorted.
        return_inverse (bool): also return, for each element of input, the index of its value.
        return_counts (bool): also return how many times each value occurs.
        dim (None): must be None: nnlite does not find unique slices.

    Returns:
        Tensor | tuple[Tensor, ...]: the values (1-d, input's dtype), then the inverse (int64,
        input's shape) and the counts (int64) when asked for.

    Raises:
        ValueError: dim is given.

    Examples:
        >>> import nnlite
        >>> values, counts = nnlite.unique(nnlite.tensor([3, 1, 3]), return_counts=True)
        >>> values.tolist(), counts.tolist()
        ([1, 3], [1, 2])
    """
    if dim is not None:
        raise ValueError("unique: dim= is not supported; nnlite compares whole tensors only")
    values, inverse, counts = np.unique(input.detach().cpu().numpy(), return_inverse=True, return_counts=True)
    out = [_C.tensor(values.tolist(), dtype=input.dtype, device=input.device)]
    if return_inverse:
        out.append(_C.tensor(inverse.reshape(list(input.shape)).tolist(), dtype=_C.int64, device=input.device))
    if return_counts:
        out.append(_C.tensor(counts.tolist(), dtype=_C.int64, device=input.device))
    return out[0] if len(out) == 1 else tuple(out)


def bincount(input, weights=None, minlength=0):
    """How many times each non-negative integer occurs in input (or the sum of its weights).

    Args:
        input (Tensor): 1-d int64, int32 or uint8, non-negative.
        weights (Tensor | None): one weight per element of input.
        minlength (int): the smallest length of the result.

    Returns:
        Tensor: 1-d of length max(input.max() + 1, minlength); int64 without weights, else float32
        for float32 weights and float64 for others.

    Raises:
        ValueError: input is not a 1-d integer tensor, or holds a negative value.

    Examples:
        >>> import nnlite
        >>> nnlite.bincount(nnlite.tensor([0, 2, 2])).tolist()
        [1, 0, 2]
    """
    if input.dim() != 1 or input.dtype not in (_C.int64, _C.int32, _C.uint8):
        raise ValueError(f"bincount: expected a 1-d integer tensor, got {input.dim()}-d {input.dtype}")
    w = None if weights is None else weights.detach().numpy()
    counts = np.bincount(input.numpy(), weights=w, minlength=minlength)
    dtype = _C.int64 if weights is None else (weights.dtype if weights.dtype == _C.float32 else _C.float64)
    return _C.tensor(counts.tolist(), dtype=dtype)


def histc(input, bins=100, min=0, max=0):
    """A histogram of input's values in bins equal bins over [min, max].

    Elements outside [min, max] are not counted; when min == max (the default) the range is the
    data's smallest and largest value.

    Args:
        input (Tensor): any shape (flattened).
        bins (int): the number of bins.
        min (float): the lower end of the range.
        max (float): the upper end of the range.

    Returns:
        Tensor: 1-d of length bins, input's dtype.

    Raises:
        ValueError: min > max.

    Examples:
        >>> import nnlite
        >>> nnlite.histc(nnlite.tensor([1., 2., 1.]), bins=4, min=0, max=3).tolist()
        [0.0, 2.0, 1.0, 0.0]
    """
    x = input.detach().numpy().reshape(-1)
    lo, hi = builtins.float(min), builtins.float(max)
    if lo == hi and x.size:
        lo, hi = builtins.float(x.min()), builtins.float(x.max())
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    if lo > hi:
        raise ValueError(f"histc: min {min} is larger than max {max}")
    counts, _ = np.histogram(x[(x >= lo) & (x <= hi)], bins=bins, range=(lo, hi))
    return _C.tensor(counts.tolist(), dtype=input.dtype)
