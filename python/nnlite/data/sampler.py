"""Samplers: the order in which a DataLoader reads a dataset, with PyTorch's
classes (``torch.utils.data.sampler``). A sampler is any iterable of indices
with a length; a batch sampler yields lists of indices.

Random samplers draw from their ``generator`` (nnlite's default generator
when None), so ``nnlite.manual_seed`` makes them repeat. The streams are
nnlite's own: the same seed does not give torch's permutation.
"""
from __future__ import annotations

from numbers import Integral

import nnlite

__all__ = ["Sampler", "SequentialSampler", "RandomSampler", "SubsetRandomSampler", "WeightedRandomSampler",
           "BatchSampler"]


def _positive_int(owner, name, value):
    if isinstance(value, bool) or not isinstance(value, Integral) or value <= 0:
        raise ValueError(f"{owner}: {name} should be a positive integer value, but got {name}={value!r}")
    return int(value)


def _bool(owner, name, value):
    if not isinstance(value, bool):
        raise TypeError(f"{owner}: {name} should be a boolean value, but got {name}={value!r}")
    return value


class Sampler:
    """Base class: subclasses define ``__iter__`` (indices) and usually ``__len__``."""

    def __init__(self, data_source=None):
        pass

    def __iter__(self):
        raise NotImplementedError


class SequentialSampler(Sampler):
    """0, 1, ..., len(data_source) - 1."""

    def __init__(self, data_source):
        self.data_source = data_source

    def __iter__(self):
        return iter(range(len(self.data_source)))

    def __len__(self):
        return len(self.data_source)


class RandomSampler(Sampler):
    """A random order of the dataset's indices; with ``replacement`` (or a
    ``num_samples`` larger than the dataset) indices may repeat as in PyTorch:
    with replacement they are drawn independently, without it whole
    permutations are chained."""

    def __init__(self, data_source, replacement=False, num_samples=None, generator=None):
        self.data_source = data_source
        self.replacement = _bool("RandomSampler", "replacement", replacement)
        self._num_samples = None if num_samples is None else _positive_int("RandomSampler", "num_samples",
                                                                          num_samples)
        self.generator = generator

    @property
    def num_samples(self):
        """How many indices one pass draws: num_samples if given, else the dataset's length.

        Returns:
            int: the length of the sampler.

        Examples:
            >>> from nnlite.data import RandomSampler
            >>> RandomSampler(range(10)).num_samples, RandomSampler(range(10), num_samples=3).num_samples
            (10, 3)
        """
        return len(self.data_source) if self._num_samples is None else self._num_samples

    def __iter__(self):
        n, wanted = len(self.data_source), self.num_samples
        if n == 0:
            return iter(())
        if self.replacement:
            return iter(nnlite.randint(0, n, (wanted,), generator=self.generator).tolist())
        order = []
        while len(order) < wanted:
            order += nnlite.randperm(n, generator=self.generator).tolist()
        return iter(order[:wanted])

    def __len__(self):
        return self.num_samples


class SubsetRandomSampler(Sampler):
    """The given indices, in a random order each pass."""

    def __init__(self, indices, generator=None):
        self.indices = indices
        self.generator = generator

    def __iter__(self):
        for i in nnlite.randperm(len(self.indices), generator=self.generator).tolist():
            yield self.indices[i]

    def __len__(self):
        return len(self.indices)


class WeightedRandomSampler(Sampler):
    """``num_samples`` indices drawn with probability proportional to ``weights``."""

    def __init__(self, weights, num_samples, replacement=True, generator=None):
        self.num_samples = _positive_int("WeightedRandomSampler", "num_samples", num_samples)
        self.replacement = _bool("WeightedRandomSampler", "replacement", replacement)
        w = weights if isinstance(weights, nnlite.Tensor) else nnlite.tensor(list(weights), dtype=nnlite.float64)
        if w.dim() != 1:
            raise ValueError(f"WeightedRandomSampler: weights should be a 1-d sequence but given weights have "
                             f"shape {tuple(w.shape)}")
        if not self.replacement and self.num_samples > w.numel():
            raise ValueError(f"WeightedRandomSampler: cannot draw {self.num_samples} samples without replacement "
                             f"from {w.numel()} weights")
        self.weights = w.to(nnlite.float64)
        self.generator = generator

    def __iter__(self):
        drawn = nnlite.multinomial(self.weights, self.num_samples, self.replacement, generator=self.generator)
        return iter(drawn.tolist())

    def __len__(self):
        return self.num_samples


class BatchSampler(Sampler):
    """Lists of ``batch_size`` indices from ``sampler`` (the last one shorter
    unless ``drop_last``)."""

    def __init__(self, sampler, batch_size, drop_last):
        self.sampler = sampler
        self.batch_size = _positive_int("BatchSampler", "batch_size", batch_size)
        self.drop_last = _bool("BatchSampler", "drop_last", drop_last)

    def __iter__(self):
        batch = []
        for index in self.sampler:
            batch.append(index)
            if len(batch) == self.batch_size:
                yield batch
                batch = []
        if batch and not self.drop_last:
            yield batch

    def __len__(self):
        n = len(self.sampler)
        return n // self.batch_size if self.drop_last else (n + self.batch_size - 1) // self.batch_size
