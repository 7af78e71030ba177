"""DistributedSampler: PyTorch's shares (without shuffling the index streams
equal torch's exactly; shuffled, they partition one permutation per epoch)."""
import pytest

import nnlite
from nnlite.data import DistributedSampler, TensorDataset


def data(n):
    return TensorDataset(nnlite.arange(n))


@pytest.mark.parametrize("n,replicas", [(10, 3), (9, 3), (2, 3), (7, 1), (11, 4)])
@pytest.mark.parametrize("drop_last", [False, True])
def test_unshuffled_shares_equal_torch(n, replicas, drop_last):
    torch = pytest.importorskip("torch")
    from torch.utils.data.distributed import DistributedSampler as TorchSampler
    for rank in range(replicas):
        mine = DistributedSampler(data(n), replicas, rank, shuffle=False, drop_last=drop_last)
        theirs = TorchSampler(torch.utils.data.TensorDataset(torch.arange(n)), replicas, rank, shuffle=False,
                              drop_last=drop_last)
        assert list(mine) == list(theirs) and len(mine) == len(theirs)


@pytest.mark.parametrize("drop_last", [False, True])
def test_shuffled_shares_partition_one_permutation_per_epoch(drop_last):
    n, replicas = 23, 4
    samplers = [DistributedSampler(data(n), replicas, r, seed=5, drop_last=drop_last) for r in range(replicas)]
    epochs = []
    for epoch in range(2):
        for s in samplers:
            s.set_epoch(epoch)
        shares = [list(s) for s in samplers]
        assert len({len(share) for share in shares}) == 1 and len(shares[0]) == len(samplers[0])
        flat = [i for share in shares for i in share]
        if drop_last:
            assert len(flat) == len(set(flat)) == 20          # disjoint; 3 samples dropped
        else:
            assert set(flat) == set(range(n)) and len(flat) == 24   # one index repeated as padding
        epochs.append(shares)
    assert epochs[0] != epochs[1]
    again = DistributedSampler(data(n), replicas, 2, seed=5, drop_last=drop_last)
    again.set_epoch(1)
    assert list(again) == epochs[1][2]


def test_bad_arguments():
    with pytest.raises(ValueError, match="DistributedSampler: rank must be in \\[0, 1\\], got 2"):
        DistributedSampler(data(4), num_replicas=2, rank=2)
    with pytest.raises(ValueError, match="num_replicas must be a positive int"):
        DistributedSampler(data(4), num_replicas=0, rank=0)
    with pytest.raises(RuntimeError, match="pass num_replicas and rank, or call"):
        DistributedSampler(data(4))
