"""Run under ``mpiexec -n N``: SyncBatchNorm on each rank's share of a batch
against one process's BatchNorm on the whole batch (rebuilt on every rank):
outputs, input and parameter gradients, running statistics over 3 training
steps, then eval mode. argv[1]: "2d" or "1d". Prints "rank R ok"."""
import sys

import numpy as np

import nnlite
import nnlite.distributed as dist
from nnlite import nn


def close(a, b, what, rtol=1e-4, atol=1e-5):
    np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=rtol, atol=atol, err_msg=what)


def main(kind):
    dist.init_process_group()
    rank, world = dist.get_rank(), dist.get_world_size()
    per_rank, C = 3, 4
    shape = (per_rank * world, C, 5, 3) if kind == "2d" else (per_rank * world, C)
    reference = nn.BatchNorm2d(C) if kind == "2d" else nn.BatchNorm1d(C, momentum=None)
    # Converted from the same module type, so convert_sync_batchnorm is tested too.
    ours = nn.SyncBatchNorm.convert_sync_batchnorm(
        nn.Sequential(nn.BatchNorm2d(C) if kind == "2d" else nn.BatchNorm1d(C, momentum=None)))
    assert isinstance(ours[0], nn.SyncBatchNorm), type(ours[0])
    with nnlite.no_grad():
        for m in (reference, ours[0]):
            m.weight.copy_(nnlite.tensor([1.0, 0.5, 2.0, -1.0]))
            m.bias.copy_(nnlite.tensor([0.0, 0.1, -0.2, 0.3]))
    for step in range(3):
        rng = np.random.default_rng(10 + step)
        x_all = (rng.standard_normal(shape) * 3 + 1).astype(np.float32)
        g_all = rng.standard_normal(shape).astype(np.float32)
        mine = slice(rank * per_rank, (rank + 1) * per_rank)

        x_ref = nnlite.from_numpy(x_all.copy()).requires_grad_()
        reference.weight.grad = reference.bias.grad = None
        y_ref = reference(x_ref)
        (y_ref * nnlite.from_numpy(g_all)).sum().backward()

        x = nnlite.from_numpy(x_all[mine].copy()).requires_grad_()
        ours[0].weight.grad = ours[0].bias.grad = None
        y = ours(x)
        (y * nnlite.from_numpy(g_all[mine].copy())).sum().backward()
        # The parameters' gradients are per-rank shares (as DDP sees them): their sum is the reference.
        gw = ours[0].weight.grad.clone()
        gb = ours[0].bias.grad.clone()
        dist.all_reduce(gw)
        dist.all_reduce(gb)

        where = f"{kind} step {step} rank {rank}"
        close(y.detach().numpy(), y_ref.detach().numpy()[mine], f"{where}: output")
        close(x.grad.numpy(), x_ref.grad.numpy()[mine], f"{where}: input gradient")
        close(gw.numpy(), reference.weight.grad.numpy(), f"{where}: weight gradient")
        close(gb.numpy(), reference.bias.grad.numpy(), f"{where}: bias gradient")
        close(ours[0].running_mean.numpy(), reference.running_mean.numpy(), f"{where}: running_mean")
        close(ours[0].running_var.numpy(), reference.running_var.numpy(), f"{where}: running_var")
        assert int(ours[0].num_batches_tracked.item()) == step + 1
    ours.eval()
    reference.eval()
    x = nnlite.from_numpy(np.random.default_rng(rank).standard_normal(shape).astype(np.float32))
    close(ours(x).detach().numpy(), reference(x).detach().numpy(), f"{kind} eval rank {rank}")
    print(f"rank {rank} ok", flush=True)
    dist.destroy_process_group()


if __name__ == "__main__":
    main(sys.argv[1])
