"""Turning an op's Python arguments into JSON attributes, as the bindings
turn them into C++ arguments (an int or a pair, None, ...)."""
from __future__ import annotations

import numbers
import operator

from .tracer import DerivedDim, ExportError


def fixed_int(v, op, name):
    """An int attribute stored as a fixed number. Sizes read from the inputs
    are refused: the graph would keep the export's value for other inputs."""
    if isinstance(v, DerivedDim):
        raise ExportError(f"export: {op}'s {name} ({int(v)}) is computed from the inputs' sizes, but the graph "
                          f"stores it as a fixed number, which would be wrong for inputs of other sizes")
    if isinstance(v, bool) or not isinstance(v, numbers.Integral):
        try:
            v = operator.index(v)
        except TypeError:
            raise ExportError(f"export: {op}'s {name} must be an int, got {type(v).__name__}") from None
    return int(v)


def opt_int(v, op, name):
    return None if v is None else fixed_int(v, op, name)


def int_list(v, op, name):
    if isinstance(v, (list, tuple)):
        return [fixed_int(e, op, name) for e in v]
    return [fixed_int(v, op, name)]


def pair(v, op, name):
    """An int or a sequence of one or two ints as [height, width]."""
    if isinstance(v, (list, tuple)):
        if len(v) not in (1, 2):
            raise ExportError(f"export: {op}'s {name} must be an int or a pair, got {v!r}")
        return [fixed_int(v[0], op, name), fixed_int(v[-1], op, name)]
    n = fixed_int(v, op, name)
    return [n, n]


def number(v, op, name):
    if isinstance(v, DerivedDim):
        fixed_int(v, op, name)  # raises
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise ExportError(f"export: {op}'s {name} must be a number, got {type(v).__name__}")
    return float(v)


def scalar(v, op, name):
    """A bool, int or float attribute that keeps its kind (JSON true / 1 / 1.0)."""
    if isinstance(v, DerivedDim):
        fixed_int(v, op, name)  # raises
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, float):
        return float(v)
    if hasattr(v, "item"):
        return scalar(v.item(), op, name)
    raise ExportError(f"export: {op}'s {name} must be a number, got {type(v).__name__}")


def dims(v, op):
    """A reduction's dims: [] for all of them."""
    if v is None:
        return []
    return int_list(v, op, "dim")


def dtype_name(dtype):
    return str(dtype).split(".")[-1]
