"""DistributedSampler: each rank of a data-parallel job reads an equal,
disjoint share of the dataset (``torch.utils.data.distributed``).

All ranks draw the same permutation (seeded by ``seed + epoch``), pad it by
repeating its start (or cut it, with ``drop_last``) to a multiple of the
number of replicas, and rank r takes every num_replicas-th index from r.
"""
from __future__ import annotations

import math

from .. import _C


class DistributedSampler:
    """The share of a dataset's indices that one process (rank) of a distributed job reads.

    Every rank builds the same order (a permutation seeded with seed + epoch when shuffling), then
    takes every num_replicas-th index starting at its rank, so the ranks' shares do not overlap.
    The order is padded by repeating indices so that every rank gets num_samples of them, or cut
    with drop_last. Call set_epoch(epoch) before each epoch for a new order.

    Args:
        dataset (Sized): the dataset (only its length is used).
        num_replicas (int | None): the number of processes; the world size of the initialised
            process group if None.
        rank (int | None): this process's rank, in [0, num_replicas); the group's if None.
        shuffle (bool): shuffle the order each epoch.
        seed (int): the base seed; it must be the same on every rank.
        drop_last (bool): drop the tail instead of padding.

    Raises:
        RuntimeError: num_replicas or rank is None and no process group is initialised.
        ValueError: num_replicas < 1 or rank out of range.

    Examples:
        >>> import nnlite
        >>> from nnlite.data import DistributedSampler
        >>> list(DistributedSampler(range(5), num_replicas=2, rank=0, shuffle=False))
        [0, 2, 4]
        >>> list(DistributedSampler(range(5), num_replicas=2, rank=1, shuffle=False))
        [1, 3, 0]
    """

    def __init__(self, dataset, num_replicas=None, rank=None, shuffle=True, seed=0, drop_last=False):
        if num_replicas is None or rank is None:
            from .. import distributed as dist
            if not dist.is_initialized():
                raise RuntimeError("DistributedSampler: pass num_replicas and rank, or call "
                                   "nnlite.distributed.init_process_group() first")
            num_replicas = dist.get_world_size() if num_replicas is None else num_replicas
            rank = dist.get_rank() if rank is None else rank
        if not isinstance(num_replicas, int) or num_replicas < 1:
            raise ValueError(f"DistributedSampler: num_replicas must be a positive int, got {num_replicas!r}")
        if not isinstance(rank, int) or not 0 <= rank < num_replicas:
            raise ValueError(f"DistributedSampler: rank must be in [0, {num_replicas - 1}], got {rank!r}")
        self.dataset = dataset
        self.num_replicas, self.rank = num_replicas, rank
        self.shuffle, self.seed, self.drop_last = shuffle, int(seed), drop_last
        self.epoch = 0
        n = len(dataset)
        if drop_last and n % num_replicas:
            self.num_samples = math.ceil((n - num_replicas) / num_replicas)   # the largest equal share
        else:
            self.num_samples = math.ceil(n / num_replicas)
        self.total_size = self.num_samples * num_replicas

    def __iter__(self):
        n = len(self.dataset)
        if self.shuffle:
            generator = _C.Generator()
            generator.manual_seed(self.seed + self.epoch)
            indices = _C.randperm(n, generator=generator).tolist()
        else:
            indices = list(range(n))
        if self.drop_last:
            indices = indices[:self.total_size]
        elif len(indices) < self.total_size:
            padding = self.total_size - len(indices)
            indices += (indices * math.ceil(padding / len(indices)))[:padding]
        return iter(indices[self.rank:self.total_size:self.num_replicas])

    def __len__(self):
        return self.num_samples

    def set_epoch(self, epoch: int) -> None:
        """Reshuffle differently each epoch: call it before iterating, on every rank."""
        self.epoch = int(epoch)
