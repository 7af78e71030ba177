"""DataLoader: iterate over a map-style dataset in (optionally shuffled) batches.

Three ways to build a batch, picked per dataset:

* native (array-backed datasets: TensorDataset, MNIST, CIFAR, Subsets of
  them): a C++ loader gathers the rows and runs the crop/flip/normalize the
  dataset's transform asks for on background threads that never take the
  GIL, several batches ahead, into recycled buffers (``nnlite._C._BatchLoader``,
  see ``nnlite/data.h``). A batch is yours to keep: its buffer is reused only
  after every tensor viewing it has been freed.
* ``get_batch(indices)`` when the dataset has one and no ``collate_fn`` is given.
* per sample: ``collate_fn([dataset[i] for i in batch])``.

The last two run on ``num_workers`` Python threads (0: in the caller's thread).

Reproducibility: each pass draws the order (``shuffle``) and then, when
anything may be random, one base seed from ``generator`` (or nnlite's default
generator). Every sample is loaded with a generator seeded from (base seed,
its position in the pass), which the random transforms draw from, so a seed
gives the same batches whatever ``num_workers`` is and whichever path runs.
"""
from __future__ import annotations

from numbers import Integral

import nnlite

from . import _seeding, native
from ._iterators import BatchIter, NativeIter
from .collate import default_collate


def _check_count(name, value, minimum):
    if isinstance(value, bool) or not isinstance(value, Integral) or value < minimum:
        raise ValueError(f"DataLoader: {name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


class DataLoader:
    """Batches of ``dataset``, with PyTorch's arguments (threads instead of processes).

    ``num_workers``: threads that load batches (native path: C++ threads,
    at least one). ``prefetch_factor``: batches loaded ahead per worker.
    ``native``: None picks the native path when the dataset allows it; True
    requires it (ValueError saying why not); False never uses it.
    """

    def __init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0,
                 collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None,
                 multiprocessing_context=None, generator=None, *, prefetch_factor=None, persistent_workers=False,
                 pin_memory_device="", in_order=True, native=None):
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError("DataLoader: batch_sampler option is mutually exclusive with batch_size, shuffle, "
                                 "sampler, and drop_last")
            if not hasattr(batch_sampler, "__iter__"):
                raise TypeError(f"DataLoader: batch_sampler must be an iterable of index lists, got "
                                f"{type(batch_sampler).__name__}")
        elif isinstance(batch_size, bool) or not isinstance(batch_size, Integral) or batch_size < 1:
            raise ValueError(f"DataLoader: batch_size must be a positive integer, got {batch_size!r}")
        if sampler is not None:
            if shuffle:
                raise ValueError("DataLoader: sampler option is mutually exclusive with shuffle")
            if not hasattr(sampler, "__iter__"):
                raise TypeError(f"DataLoader: sampler must be an iterable of indices, got {type(sampler).__name__}")
        if not hasattr(dataset, "__len__") or not hasattr(dataset, "__getitem__"):
            raise TypeError(f"DataLoader: dataset must define __len__ and __getitem__, got {type(dataset).__name__}")
        if collate_fn is not None and not callable(collate_fn):
            raise TypeError(f"DataLoader: collate_fn must be callable, got {type(collate_fn).__name__}")
        if worker_init_fn is not None and not callable(worker_init_fn):
            raise TypeError(f"DataLoader: worker_init_fn must be callable, got {type(worker_init_fn).__name__}")
        if generator is not None and not isinstance(generator, nnlite.Generator):
            raise TypeError(f"DataLoader: generator must be an nnlite.Generator, got {type(generator).__name__}")
        if native not in (None, True, False):
            raise ValueError(f"DataLoader: native must be None, True or False, got {native!r}")
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout < 0:
            raise ValueError(f"DataLoader: timeout option should be non-negative, got {timeout!r}")
        self.num_workers = _check_count("num_workers", num_workers, 0)
        if persistent_workers and self.num_workers == 0:
            raise ValueError("DataLoader: persistent_workers option needs num_workers > 0")
        if prefetch_factor is not None:
            prefetch_factor = _check_count("prefetch_factor", prefetch_factor, 1)
        self.prefetch_factor = prefetch_factor
        self.dataset = dataset
        self.batch_size = None if batch_sampler is not None else int(batch_size)
        self.shuffle = bool(shuffle)
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.drop_last = bool(drop_last)
        self.generator = generator
        self.native = native
        self.timeout = float(timeout)
        self.worker_init_fn = worker_init_fn
        # pin_memory pins the batches when a GPU is present (see __iter__).
        # Accepted for PyTorch scripts: threads share memory (nothing to start
        # in another process) and persist only for one pass, which costs
        # microseconds; batches always come out in order.
        self.pin_memory, self.pin_memory_device = bool(pin_memory), pin_memory_device
        self.persistent_workers, self.multiprocessing_context, self.in_order = (
            bool(persistent_workers), multiprocessing_context, in_order)
        self.collate_fn = collate_fn if collate_fn is not None else default_collate
        # The batched paths only stand in for the default collate.
        self._custom_collate = collate_fn is not None
        self._pool = None
        if native is True:
            self._native_plan()  # fail now, with the reason, rather than at the first pass

    def __len__(self):
        if self.batch_sampler is not None:
            return len(self.batch_sampler)
        n = len(self.sampler) if self.sampler is not None else len(self.dataset)
        if self.drop_last:
            return n // self.batch_size
        return (n + self.batch_size - 1) // self.batch_size

    def _order(self, n):
        if self.sampler is not None:
            return nnlite.tensor([int(i) for i in self.sampler], dtype=nnlite.int64)
        if self.shuffle:
            return nnlite.randperm(n, generator=self.generator)
        return nnlite.arange(n, dtype=nnlite.int64)

    def _native_plan(self):
        """The native Plan, or None (ValueError when native=True cannot be honoured)."""
        if self.native is False:
            return None
        why = "a collate_fn was given" if self._custom_collate else None
        plan = native.plan_for(self.dataset) if why is None else why
        if isinstance(plan, str):
            if self.native:
                raise ValueError(f"DataLoader: native=True, but the native loader cannot load this dataset: {plan}")
            return None
        return plan

    def _prefetch(self, workers):
        return (self.prefetch_factor or 2) * max(1, workers)

    def __iter__(self):
        batches = self._iter_batches()
        if self.pin_memory and nnlite.cuda.is_available():
            # Page-locked batches: their copies to the GPU run asynchronously.
            return map(nnlite.cuda._pin_batch, batches)
        return batches

    def _iter_batches(self):
        if self.batch_sampler is not None:
            # batches of any sizes: the per-batch Python path
            return self._python_iter([[int(i) for i in batch] for batch in self.batch_sampler])
        n = len(self.dataset)
        order = self._order(n)
        plan = self._native_plan() if order.numel() > 0 else None
        # The iterator owns the threads and holds no reference to the loader:
        # it stops them when exhausted, closed or freed (breaking out of a
        # loop frees it), so a deleted loader leaves no thread behind.
        if plan is not None:   # C++ threads run no Python: worker_init_fn has nothing to set up there
            return self._native_iter(plan, order)
        bs, stop = self.batch_size, order.numel()
        if self.drop_last:
            stop = (stop // bs) * bs
        return self._python_iter([order[k:min(stop, k + bs)] for k in range(0, stop, bs)])

    def _native_iter(self, plan, order):
        if plan.index_map is not None:
            order = nnlite.index_select(plan.index_map, 0, order)
        # Draw a base seed only when something is random, so plain gathers
        # consume the generator exactly as before.
        base = _seeding.draw_base_seed(self.generator) if plan.random else 0
        threads = max(1, self.num_workers)
        prefetch = max(2, self._prefetch(threads))
        if self._pool is None:
            # Room for the batches in flight plus a few the consumer still holds.
            self._pool = nnlite._C._BufferPool((prefetch + 4) * len(plan.fields))
        loader = nnlite._C._BatchLoader(plan.fields, order, self.batch_size, self.drop_last, base, threads,
                                        prefetch, self._pool)
        return NativeIter(loader, plan.pack)

    def _python_iter(self, batches):
        """``batches``: the index tensor or list of each batch, in order."""
        starts = [0]
        for b in batches:
            starts.append(starts[-1] + len(b))
        base = _seeding.draw_base_seed(self.generator) if starts[-1] > 0 else 0
        dataset = self.dataset
        get_batch = None if self._custom_collate else getattr(dataset, "get_batch", None)
        if get_batch is not None:
            def make_batch(k):
                rows = batches[k]
                with _seeding.using_generator(_seeding.sample_generator(base, starts[k])):
                    return get_batch(rows if isinstance(rows, nnlite.Tensor) else
                                     nnlite.tensor(rows, dtype=nnlite.int64))
        else:
            collate = self.collate_fn

            def make_batch(k):
                rows = batches[k]
                samples = []
                for j, index in enumerate(rows.tolist() if isinstance(rows, nnlite.Tensor) else rows):
                    with _seeding.using_generator(_seeding.sample_generator(base, starts[k] + j)):
                        samples.append(dataset[index])
                return collate(samples)
        return BatchIter(make_batch, len(batches), self.num_workers, self._prefetch(self.num_workers),
                         worker_init=self.worker_init_fn, timeout=self.timeout)
