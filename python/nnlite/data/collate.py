"""default_collate: turn a list of samples into one batch.

Tensors, numpy arrays and numbers are stacked along a new first dimension;
tuples, lists, named tuples and dicts are collated field by field; strings
and None stay as lists.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

import nnlite


def _stack_tensors(batch):
    first = batch[0]
    for i, t in enumerate(batch):
        if tuple(t.shape) != tuple(first.shape) or t.dtype != first.dtype:
            raise ValueError(
                f"default_collate: sample {i} is a tensor of shape {tuple(t.shape)} and {t.dtype}, but sample 0 "
                f"has shape {tuple(first.shape)} and {first.dtype}; tensors must match to be stacked")
    return nnlite.stack(list(batch), 0)


def _stack_arrays(batch):
    if batch[0].dtype == object or batch[0].dtype.kind in "SUV":
        raise TypeError(f"default_collate: cannot make a tensor of numpy arrays of dtype {batch[0].dtype}")
    try:
        stacked = np.stack(batch)
    except ValueError as e:
        shapes = sorted({a.shape for a in batch})
        raise ValueError(f"default_collate: numpy arrays of different shapes {shapes} cannot be stacked") from e
    return nnlite.from_numpy(np.ascontiguousarray(stacked))


def default_collate(batch):
    """Collate a list of samples into a batch (see the module docstring)."""
    if not isinstance(batch, Sequence) or isinstance(batch, (str, bytes)):
        raise TypeError(f"default_collate: expected a list of samples, got {type(batch).__name__}")
    if len(batch) == 0:
        raise ValueError("default_collate: the batch is empty")
    elem = batch[0]
    kind = type(elem)
    if isinstance(elem, nnlite.Tensor):
        return _stack_tensors(batch)
    if isinstance(elem, np.ndarray):
        return _stack_arrays(batch)
    if isinstance(elem, np.generic):
        return _stack_arrays([np.asarray(x) for x in batch])
    if isinstance(elem, bool):
        return nnlite.tensor(list(batch), dtype=nnlite.bool)
    if isinstance(elem, int):
        return nnlite.tensor(list(batch), dtype=nnlite.int64)
    if isinstance(elem, float):
        # Like PyTorch: Python floats are doubles.
        return nnlite.tensor(list(batch), dtype=nnlite.float64)
    if isinstance(elem, (str, bytes)) or elem is None:
        return list(batch)
    if isinstance(elem, Mapping):
        keys = set(elem.keys())
        for i, d in enumerate(batch):
            if not isinstance(d, Mapping) or set(d.keys()) != keys:
                raise ValueError(f"default_collate: sample {i} does not have the same keys as sample 0 "
                                 f"({sorted(map(str, keys))})")
        return {k: default_collate([d[k] for d in batch]) for k in elem}
    if isinstance(elem, Sequence):
        n = len(elem)
        for i, s in enumerate(batch):
            if len(s) != n:
                raise ValueError(f"default_collate: sample {i} has {len(s)} fields, sample 0 has {n}; "
                                 "every sample must have the same number")
        fields = [default_collate(list(f)) for f in zip(*batch)]
        if isinstance(elem, tuple) and hasattr(elem, "_fields"):  # a namedtuple
            return kind(*fields)
        if isinstance(elem, tuple):
            return tuple(fields)
        return fields
    raise TypeError(f"default_collate: samples of type {kind.__name__} are not supported; expected tensors, "
                    "numpy arrays, numbers, strings, or tuples/lists/dicts of them")
