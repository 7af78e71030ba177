"""Run under ``mpiexec -n N``: every collective against what NumPy computes
from all ranks' inputs (which each rank can rebuild: input = f(rank)).
Prints "rank R ok" at the end; any failed check raises (and aborts the job)."""
import numpy as np

import nnlite
import nnlite.distributed as dist


def rank_data(rank, shape=(3, 4), dtype=np.float32):
    return (np.arange(np.prod(shape), dtype=np.float64).reshape(shape) * (rank + 1) + rank).astype(dtype)


def main():
    dist.init_process_group(backend="mpi")
    rank, size = dist.get_rank(), dist.get_world_size()
    everyone = np.stack([rank_data(r) for r in range(size)])

    for op, reduce in [(dist.ReduceOp.SUM, everyone.sum(0)), (dist.ReduceOp.AVG, everyone.mean(0)),
                       (dist.ReduceOp.MAX, everyone.max(0)), (dist.ReduceOp.MIN, everyone.min(0)),
                       (dist.ReduceOp.PRODUCT, everyone.prod(0))]:
        t = nnlite.from_numpy(rank_data(rank))
        dist.all_reduce(t, op=op)
        np.testing.assert_allclose(t.numpy(), reduce, rtol=1e-6, err_msg=str(op))

    ints = nnlite.from_numpy(rank_data(rank, dtype=np.int64))
    work = dist.all_reduce(ints, async_op=True)
    assert work.wait() and work.is_completed()
    np.testing.assert_array_equal(ints.numpy(), np.stack([rank_data(r, dtype=np.int64) for r in range(size)]).sum(0))

    # in place on a parameter's memory, as DDP uses it
    p = nnlite.nn.Parameter(nnlite.from_numpy(rank_data(rank)))
    dist.broadcast(p, src=size - 1)
    np.testing.assert_array_equal(p.detach().numpy(), rank_data(size - 1))

    gathered = [nnlite.zeros(3, 4) for _ in range(size)]
    dist.all_gather(gathered, nnlite.from_numpy(rank_data(rank)))
    for r in range(size):
        np.testing.assert_array_equal(gathered[r].numpy(), rank_data(r))
    flat = nnlite.zeros(size * 3, 4)
    dist.all_gather_into_tensor(flat, nnlite.from_numpy(rank_data(rank)))
    np.testing.assert_array_equal(flat.numpy(), everyone.reshape(size * 3, 4))

    # rank r keeps the sum over ranks of block r
    blocks = [nnlite.from_numpy(rank_data(rank) + 10 * b) for b in range(size)]
    out = nnlite.zeros(3, 4)
    dist.reduce_scatter(out, blocks)
    np.testing.assert_allclose(out.numpy(), everyone.sum(0) + 10 * rank * size)
    out2 = nnlite.zeros(3, 4)
    dist.reduce_scatter_tensor(out2, nnlite.cat(blocks, 0), op=dist.ReduceOp.AVG)
    np.testing.assert_allclose(out2.numpy(), everyone.mean(0) + 10 * rank, rtol=1e-6)

    # a ring of point-to-point messages
    nxt, prev = (rank + 1) % size, (rank - 1) % size
    incoming = nnlite.zeros(3, 4)
    pending = dist.irecv(incoming, src=prev)
    dist.send(nnlite.from_numpy(rank_data(rank)), dst=nxt)
    pending.wait()
    np.testing.assert_array_equal(incoming.numpy(), rank_data(prev))
    if rank == 0:
        anyone = nnlite.zeros(2)
        assert dist.recv(anyone) == size - 1 and anyone.numpy().tolist() == [7.0, 7.0]
    elif rank == size - 1:
        dist.send(nnlite.full((2,), 7.0), dst=0)

    dist.barrier()
    dist.destroy_process_group()
    assert not dist.is_initialized()
    print(f"rank {rank} ok", flush=True)


if __name__ == "__main__":
    main()
