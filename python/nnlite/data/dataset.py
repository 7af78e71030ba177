"""Map-style datasets: the Dataset base class, TensorDataset, Subset and
random_split, with PyTorch's API.

A dataset may also define ``get_batch(indices)``: given a 1-d int64 tensor of
indices it returns the already-collated batch. DataLoader uses it (when no
``collate_fn`` is given) to gather a batch with one ``index_select`` per
tensor instead of indexing and collating sample by sample.
"""
from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Sequence

import nnlite


class Dataset:
    """A map-style dataset: subclasses define ``__getitem__`` and ``__len__``."""

    def __getitem__(self, index):
        raise NotImplementedError(f"{type(self).__name__} must define __getitem__")

    def __len__(self):
        raise NotImplementedError(f"{type(self).__name__} must define __len__")

    def __add__(self, other):
        return ConcatDataset([self, other])


class _BatchedWhenUntransformed:
    """For datasets of images in memory (MNIST, CIFAR): ``get_batch`` is their
    ``_get_batch`` unless a per-sample transform must run, then None (the
    DataLoader then indexes sample by sample)."""

    @property
    def get_batch(self):
        if self.transform is not None or self.target_transform is not None:
            return None
        return self._get_batch


def _check_index(name: str, index, length: int) -> int:
    """Turn a Python/numpy/0-d tensor index into a non-negative int in range."""
    if isinstance(index, nnlite.Tensor):
        if index.numel() != 1 or index.dtype not in (nnlite.int64, nnlite.int32, nnlite.uint8):
            raise TypeError(f"{name}: a tensor index must hold one integer, got shape "
                            f"{tuple(index.shape)} of {index.dtype}")
        index = int(index.item())
    if isinstance(index, bool) or not isinstance(index, Integral):
        raise TypeError(f"{name}: index must be an integer, got {type(index).__name__}")
    index = int(index)
    if not -length <= index < length:
        raise IndexError(f"{name}: index {index} is out of range for a dataset of {length} samples")
    return index + length if index < 0 else index


def _as_index_tensor(name: str, indices) -> "nnlite.Tensor":
    """A 1-d int64 tensor from a tensor or a sequence of ints."""
    if not isinstance(indices, nnlite.Tensor):
        indices = nnlite.tensor(list(indices), dtype=nnlite.int64)
    if indices.dim() != 1:
        raise ValueError(f"{name}: indices must be 1-d, got shape {tuple(indices.shape)}")
    if indices.dtype != nnlite.int64:
        indices = indices.long()
    return indices


class TensorDataset(Dataset):
    """Samples are the rows (dim 0) of the given tensors, which must agree in size(0)."""

    def __init__(self, *tensors):
        if not tensors:
            raise ValueError("TensorDataset: needs at least one tensor")
        for i, t in enumerate(tensors):
            if not isinstance(t, nnlite.Tensor):
                raise TypeError(f"TensorDataset: argument {i} is a {type(t).__name__}, expected a Tensor")
            if t.dim() == 0:
                raise ValueError(f"TensorDataset: argument {i} is 0-d; every tensor needs a sample dimension")
        n = tensors[0].shape[0]
        sizes = [t.shape[0] for t in tensors]
        if any(s != n for s in sizes):
            raise ValueError(f"TensorDataset: tensors differ in size(0): {sizes}; they must all be equal")
        self.tensors = tuple(tensors)

    def __len__(self):
        return self.tensors[0].shape[0]

    def __getitem__(self, index):
        i = _check_index("TensorDataset", index, len(self))
        return tuple(t[i] for t in self.tensors)

    def get_batch(self, indices):
        """The rows at the given indices of every tensor, in one index_select each (the loaders' fast path).

        Args:
            indices (Sequence[int] | Tensor): the row indices.

        Returns:
            tuple[Tensor, ...]: one tensor per stored tensor, each of len(indices) rows.

        Raises:
            IndexError: an index out of range.

        Examples:
            >>> import nnlite
            >>> from nnlite.data import TensorDataset
            >>> ds = TensorDataset(nnlite.arange(4.), nnlite.tensor([0, 1, 0, 1]))
            >>> [t.tolist() for t in ds.get_batch([3, 0])]
            [[3.0, 0.0], [1, 0]]
        """
        idx = _as_index_tensor("TensorDataset.get_batch", indices)
        return tuple(nnlite.index_select(t, 0, idx) for t in self.tensors)

    def _native_source(self):
        """Rows gathered as they are, by the native loader (see nnlite.data.native)."""
        from .native import NativeSource
        return NativeSource(fields=list(self.tensors))


class Subset(Dataset):
    """The samples of ``dataset`` at ``indices``, in that order."""

    def __init__(self, dataset, indices: Sequence[int]):
        if isinstance(indices, nnlite.Tensor):
            indices = indices.tolist()
        self.dataset = dataset
        self.indices = [int(i) for i in indices]
        self._index_tensor = None  # built on the first batched access

    def __len__(self):
        return len(self.indices)

    def __getitem__(self, index):
        if isinstance(index, (list, tuple)):
            return [self.dataset[self.indices[_check_index("Subset", i, len(self))]] for i in index]
        return self.dataset[self.indices[_check_index("Subset", index, len(self))]]

    @property
    def get_batch(self):
        """Batched access when the wrapped dataset has it, else None."""
        inner = getattr(self.dataset, "get_batch", None)
        if inner is None:
            return None

        def get_batch(indices):
            if self._index_tensor is None:
                self._index_tensor = nnlite.tensor(self.indices, dtype=nnlite.int64)
            idx = _as_index_tensor("Subset.get_batch", indices)
            return inner(nnlite.index_select(self._index_tensor, 0, idx))

        return get_batch


class ConcatDataset(Dataset):
    """The samples of several datasets one after the other."""

    def __init__(self, datasets):
        self.datasets = list(datasets)
        if not self.datasets:
            raise ValueError("ConcatDataset: needs at least one dataset")
        self.cumulative_sizes = []
        total = 0
        for d in self.datasets:
            total += len(d)
            self.cumulative_sizes.append(total)

    def __len__(self):
        return self.cumulative_sizes[-1]

    def __getitem__(self, index):
        i = _check_index("ConcatDataset", index, len(self))
        start = 0
        for d, end in zip(self.datasets, self.cumulative_sizes):
            if i < end:
                return d[i - start]
            start = end
        raise AssertionError("unreachable: index was checked against the total length")


def _lengths_from_fractions(fractions, n: int):
    """floor(f * n) each, then the remainder one by one, as PyTorch does."""
    lengths = [math.floor(n * f) for f in fractions]
    for i in range(n - sum(lengths)):
        lengths[i % len(lengths)] += 1
    return lengths


def random_split(dataset, lengths, generator=None):
    """Split ``dataset`` into non-overlapping random Subsets.

    ``lengths`` are sample counts that sum to ``len(dataset)``, or fractions
    that sum to 1 (then the counts are floor(f*n) plus the remainder dealt out
    one at a time). The permutation comes from ``nnlite.randperm`` with
    ``generator`` (the default generator when None), so a seed fixes it.
    """
    lengths = list(lengths)
    n = len(dataset)
    if not lengths:
        raise ValueError("random_split: lengths is empty")
    for x in lengths:
        if isinstance(x, bool) or not isinstance(x, Real) or x < 0:
            raise ValueError(f"random_split: lengths must be non-negative numbers, got {lengths}")
    all_int = all(isinstance(x, Integral) for x in lengths)
    if not all_int:
        if not math.isclose(sum(lengths), 1.0, abs_tol=1e-6) or any(x > 1 for x in lengths):
            raise ValueError(f"random_split: fractions {lengths} must each be in [0, 1] and sum to 1")
        lengths = _lengths_from_fractions(lengths, n)
    elif sum(lengths) != n:
        raise ValueError(f"random_split: lengths {lengths} sum to {sum(lengths)}, but the dataset "
                         f"has {n} samples")
    perm = nnlite.randperm(n, generator=generator).tolist()
    out, start = [], 0
    for length in lengths:
        out.append(Subset(dataset, perm[start:start + length]))
        start += length
    return out
