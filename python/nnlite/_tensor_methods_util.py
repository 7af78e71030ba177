"""Argument helpers shared by the Python-built Tensor methods."""
import builtins


def _sizes(args):
    if len(args) == 1 and isinstance(args[0], (list, tuple)):
        return [builtins.int(s) for s in args[0]]
    return [builtins.int(s) for s in args]


def _dim(t, dim, op):
    n = builtins.max(t.dim(), 1)
    if not -n <= dim < n:
        raise IndexError(f"{op}: dim {dim} out of range for a {t.dim()}-d tensor")
    return dim % n


def _scaled(t, k):
    return t if k == 1 else t * k
