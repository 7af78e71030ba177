"""DataLoader: iterate over a map-style dataset in (optionally shuffled) batches."""
from __future__ import annotations

from numbers import Integral

import nnlite

from .collate import default_collate


class DataLoader:
    """Batches of ``dataset``, as PyTorch's DataLoader (single process).

    ``shuffle`` draws a new permutation with ``nnlite.randperm`` at the start
    of every pass, from ``generator`` or the default generator, so seeding
    either one makes the order the same on every run. When ``collate_fn`` is
    None and the dataset defines ``get_batch(indices)``, a batch is gathered in
    one call (one ``index_select`` per tensor for TensorDataset and MNIST).
    """

    def __init__(self, dataset, batch_size=1, shuffle=False, drop_last=False, generator=None, collate_fn=None):
        if isinstance(batch_size, bool) or not isinstance(batch_size, Integral) or batch_size < 1:
            raise ValueError(f"DataLoader: batch_size must be a positive integer, got {batch_size!r}")
        if not hasattr(dataset, "__len__") or not hasattr(dataset, "__getitem__"):
            raise TypeError(f"DataLoader: dataset must define __len__ and __getitem__, got {type(dataset).__name__}")
        if collate_fn is not None and not callable(collate_fn):
            raise TypeError(f"DataLoader: collate_fn must be callable, got {type(collate_fn).__name__}")
        if generator is not None and not isinstance(generator, nnlite.Generator):
            raise TypeError(f"DataLoader: generator must be an nnlite.Generator, got {type(generator).__name__}")
        self.dataset = dataset
        self.batch_size = int(batch_size)
        self.shuffle = bool(shuffle)
        self.drop_last = bool(drop_last)
        self.generator = generator
        self.collate_fn = collate_fn if collate_fn is not None else default_collate
        # The batched path only stands in for the default collate.
        self._get_batch = getattr(dataset, "get_batch", None) if collate_fn is None else None

    def __len__(self):
        n = len(self.dataset)
        if self.drop_last:
            return n // self.batch_size
        return (n + self.batch_size - 1) // self.batch_size

    def _order(self, n):
        if self.shuffle:
            return nnlite.randperm(n, generator=self.generator)
        return nnlite.arange(n, dtype=nnlite.int64)

    def __iter__(self):
        n = len(self.dataset)
        if n == 0:
            return
        order = self._order(n)
        stop = (n // self.batch_size) * self.batch_size if self.drop_last else n
        if self._get_batch is not None:
            for start in range(0, stop, self.batch_size):
                yield self._get_batch(order[start:start + self.batch_size])
            return
        order = order.tolist()
        for start in range(0, stop, self.batch_size):
            yield self.collate_fn([self.dataset[i] for i in order[start:start + self.batch_size]])
