"""Run under ``mpiexec -n N``: DistributedDataParallel against one process
training on the concatenated batch (each rank rebuilds that reference
locally). argv[1] names the case. Prints "rank R ok"."""
import sys

import numpy as np

import nnlite
import nnlite.distributed as dist
from nnlite import nn
from nnlite.nn.parallel import DistributedDataParallel as DDP


class Net(nn.Module):
    def __init__(self, with_branch=False):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(6, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh())
        self.head = nn.Linear(16, 3)
        self.branch = nn.Linear(16, 3) if with_branch else None

    def forward(self, x, use_branch=False):
        h = self.body(x)
        return self.head(h) + (self.branch(h) if use_branch else 0)


def batch(step, n):
    rng = np.random.default_rng(100 + step)
    return (nnlite.from_numpy(rng.standard_normal((n, 6)).astype(np.float32)),
            nnlite.from_numpy(rng.standard_normal((n, 3)).astype(np.float32)))


def make(rank_seed, branch):
    nnlite.manual_seed(rank_seed)   # different on every rank: DDP must broadcast rank 0's weights
    return Net(branch)


def main(case):
    dist.init_process_group()
    rank, world = dist.get_rank(), dist.get_world_size()
    per_rank, steps = 4, 4
    branch = case == "unused"
    model = DDP(make(rank, branch), bucket_cap_mb=0.0005 if case == "buckets" else 25,
                find_unused_parameters=branch)
    reference = make(0, branch)   # rank 0's initial weights, trained on the whole batch
    assert len(model._buckets) > 1 if case == "buckets" else len(model._buckets) == 1
    opt = nnlite.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    ref_opt = nnlite.optim.SGD(reference.parameters(), lr=0.1, momentum=0.9)
    loss_fn = nn.MSELoss()
    for step in range(steps):
        x, y = batch(step, per_rank * world)
        mine = slice(rank * per_rank, (rank + 1) * per_rank)
        opt.zero_grad()
        ref_opt.zero_grad()
        if case == "no_sync":
            # two micro-batches: the first accumulates locally, the second averages the sums
            half = per_rank // 2
            with model.no_sync():
                loss_fn(model(x[mine][:half]), y[mine][:half]).backward()
            loss_fn(model(x[mine][half:]), y[mine][half:]).backward()
            for part in range(2):
                rows = np.concatenate([np.arange(r * per_rank + part * half, r * per_rank + (part + 1) * half)
                                       for r in range(world)])
                idx = nnlite.from_numpy(rows)
                (loss_fn(reference(x[idx]), y[idx]) / 1).backward()
        elif case == "unused":
            # only rank 0 uses the branch on even steps; nobody on odd steps
            use = step % 2 == 0 and rank == 0
            loss_fn(model(x[mine], use_branch=use), y[mine]).backward()
            if step % 2 == 0:
                out = reference.head(reference.body(x))
                rows0 = slice(0, per_rank)
                out_branch = reference.branch(reference.body(x[rows0]))
                # per-rank mean losses averaged: rank 0's rows get the branch
                losses = [loss_fn(out[r * per_rank:(r + 1) * per_rank] + (out_branch if r == 0 else 0),
                                  y[r * per_rank:(r + 1) * per_rank]) for r in range(world)]
                (sum(losses[1:], losses[0]) / world).backward()
            else:
                loss_fn(reference(x), y).backward()
            if step % 2 == 1:   # unused on every rank: DDP leaves its .grad alone (None after zero_grad)
                assert model.module.branch.weight.grad is None
            else:               # used on rank 0 only: every rank gets rank 0's gradient / world
                assert model.module.branch.weight.grad is not None
        else:
            loss_fn(model(x[mine]), y[mine]).backward()
            loss_fn(reference(x), y).backward()
        opt.step()
        ref_opt.step()
    for (name, p), q in zip(model.module.named_parameters(), reference.parameters()):
        np.testing.assert_allclose(p.detach().numpy(), q.detach().numpy(), rtol=2e-5, atol=2e-6, err_msg=name)
    assert list(model.state_dict())[0].startswith("module.")
    dist.destroy_process_group()
    print(f"rank {rank} ok", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
