"""Samplers and the DataLoader arguments of torch.utils.data, against PyTorch
where the result is determined (orders without randomness, lengths, errors)
and by their defining properties where it is random."""
import threading
import time
from collections import Counter

import numpy as np
import pytest

import nnlite
from nnlite.data import (BatchSampler, DataLoader, RandomSampler, SequentialSampler, SubsetRandomSampler,
                         TensorDataset, WeightedRandomSampler)

torch = pytest.importorskip("torch")
tdata = torch.utils.data


def both(n):
    return TensorDataset(nnlite.arange(n)), tdata.TensorDataset(torch.arange(n))


@pytest.mark.parametrize("n,batch,drop", [(10, 3, False), (10, 3, True), (9, 3, False), (2, 5, False)])
def test_sequential_and_batch_samplers_equal_torch(n, batch, drop):
    ours, theirs = both(n)
    assert list(SequentialSampler(ours)) == list(tdata.SequentialSampler(theirs))
    mine = BatchSampler(SequentialSampler(ours), batch, drop)
    ref = tdata.BatchSampler(tdata.SequentialSampler(theirs), batch, drop)
    assert list(mine) == list(ref) and len(mine) == len(ref)
    loader = DataLoader(ours, batch_sampler=mine)
    ref_loader = tdata.DataLoader(theirs, batch_sampler=ref)
    assert [b[0].tolist() for b in loader] == [b[0].tolist() for b in ref_loader]
    assert len(loader) == len(ref_loader)


def test_loader_reads_in_the_samplers_order():
    ours, theirs = both(7)
    order = [6, 0, 3, 3, 1]
    got = [b[0].tolist() for b in DataLoader(ours, batch_size=2, sampler=order)]
    ref = [b[0].tolist() for b in tdata.DataLoader(theirs, batch_size=2, sampler=order)]
    assert got == ref == [[6, 0], [3, 3], [1]]
    assert len(DataLoader(ours, batch_size=2, sampler=order, drop_last=True)) == 2
    # custom samples and the per-sample path: a plain list dataset
    plain = [(float(i), i % 2) for i in range(7)]
    got = [b[1].tolist() for b in DataLoader(plain, batch_size=3, sampler=order, num_workers=2)]
    assert got == [[0, 0, 1], [1, 1]]


def test_random_samplers_are_permutations_and_repeat_with_a_seed():
    ours, _ = both(10)
    g = nnlite.Generator()
    g.manual_seed(3)
    first = list(RandomSampler(ours, generator=g))
    assert sorted(first) == list(range(10))
    g.manual_seed(3)
    assert list(RandomSampler(ours, generator=g)) == first
    chained = list(RandomSampler(ours, num_samples=25))
    assert len(chained) == 25 and sorted(chained[:10]) == list(range(10)) and sorted(chained[10:20]) == list(range(10))
    drawn = list(RandomSampler(ours, replacement=True, num_samples=200))
    assert len(drawn) == 200 and set(drawn) <= set(range(10)) and len(set(drawn)) > 5
    subset = [4, 9, 2]
    assert sorted(SubsetRandomSampler(subset)) == sorted(subset) and len(SubsetRandomSampler(subset)) == 3


def test_weighted_sampler_follows_the_weights():
    nnlite.manual_seed(0)
    counts = Counter(WeightedRandomSampler([0.0, 1.0, 3.0], 4000))
    assert counts[0] == 0 and 0.7 < counts[2] / 4000 < 0.8
    unique = list(WeightedRandomSampler([1.0, 1.0, 1.0, 0.0], 3, replacement=False))
    assert sorted(unique) == [0, 1, 2]


def test_worker_init_fn_runs_on_each_worker_thread():
    seen = {}

    def init(worker_id):
        seen[worker_id] = threading.current_thread().name

    plain = [float(i) for i in range(12)]
    batches = [b.tolist() for b in DataLoader(plain, batch_size=2, num_workers=3, worker_init_fn=init)]
    assert batches == [[float(i), float(i + 1)] for i in range(0, 12, 2)]
    assert sorted(seen) == [0, 1, 2] and all(name.startswith("nnlite-DataLoader-worker") for name in seen.values())

    def broken(worker_id):
        raise KeyError("init failed")

    with pytest.raises(KeyError, match="init failed"):
        list(DataLoader(plain, batch_size=2, num_workers=1, worker_init_fn=broken))


def test_timeout_raises_instead_of_waiting():
    class Slow:
        def __len__(self):
            return 2

        def __getitem__(self, i):
            time.sleep(0.5)
            return float(i)

    with pytest.raises(RuntimeError, match="DataLoader timed out after 0.05 seconds"):
        list(DataLoader(Slow(), batch_size=1, num_workers=1, timeout=0.05))


def test_accepted_pytorch_arguments():
    ours, _ = both(6)
    loader = DataLoader(ours, batch_size=4, shuffle=True, pin_memory=True, num_workers=1, persistent_workers=True,
                        prefetch_factor=2, multiprocessing_context="spawn", drop_last=False)
    assert sorted(sum((b[0].tolist() for b in loader), [])) == list(range(6))


@pytest.mark.parametrize("kwargs,match", [
    (dict(sampler=[0, 1], shuffle=True), "sampler option is mutually exclusive with shuffle"),
    (dict(batch_sampler=[[0]], batch_size=2), "batch_sampler option is mutually exclusive"),
    (dict(batch_sampler=[[0]], drop_last=True), "batch_sampler option is mutually exclusive"),
    (dict(timeout=-1), "timeout option should be non-negative"),
    (dict(persistent_workers=True), "persistent_workers option needs num_workers > 0"),
])
def test_argument_errors_match_torch(kwargs, match):
    ours, theirs = both(4)
    with pytest.raises(ValueError, match=match):
        DataLoader(ours, **kwargs)
    with pytest.raises(ValueError, match=match):
        tdata.DataLoader(theirs, **kwargs)


def test_sampler_argument_errors():
    with pytest.raises(ValueError, match="num_samples should be a positive integer value"):
        RandomSampler(list(range(3)), num_samples=0)
    with pytest.raises(TypeError, match="replacement should be a boolean value"):
        WeightedRandomSampler([1.0], 1, replacement=1)
    with pytest.raises(ValueError, match="weights should be a 1-d sequence"):
        WeightedRandomSampler(nnlite.ones(2, 2), 1)
    with pytest.raises(ValueError, match="batch_size should be a positive integer value"):
        BatchSampler([0, 1], 0, False)
