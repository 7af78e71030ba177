"""``nnlite train`` under ``mpiexec -n N``: data-parallel training with no extra flag.

A run started by ``mpiexec`` (MPI's launcher sets the process count in the
environment) joins the process group; each rank then trains a
``DistributedDataParallel`` replica on its ``DistributedSampler`` share of
every global batch and gets 1/N of the CPU threads. ``--batch-size`` stays
the *global* batch: each rank takes batch/N samples of it, and the averaged
gradients equal those of one process on the whole batch, so an N-rank run
follows the single-process run with the same settings (exactly, to float
rounding, when N divides the batch and the training set and no layer draws
random numbers). Evaluation is split over the ranks and the counts summed;
rank 0 alone prints, plots and writes checkpoints.
"""
from __future__ import annotations

import os
from typing import Optional

import numpy as np

import nnlite

# The variables MPI launchers set in every process they start: MPICH/Hydra
# (PMI), Open MPI, and the Slurm/PMIx launchers.
_SIZE_VARIABLES = ("PMI_SIZE", "OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "MPI_LOCALNRANKS")


def launched_world_size() -> int:
    """The number of processes MPI's launcher started (1 when not under ``mpiexec``),
    read from the environment, so a plain run never imports mpi4py."""
    for name in _SIZE_VARIABLES:
        text = os.environ.get(name)
        if text:
            try:
                return max(1, int(text))
            except ValueError:
                raise ValueError(f"nnlite train: the MPI launcher variable {name}={text!r} is not a "
                                 f"process count") from None
    return 1


class DataParallel:
    """The rank, world size and helpers of one data-parallel training run."""

    def __init__(self):
        import nnlite.distributed as dist

        if not dist.is_initialized():
            dist.init_process_group("mpi")
        self.rank = dist.get_rank()
        self.world = dist.get_world_size()

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    def check_batch(self, batch_size: int) -> None:
        if batch_size % self.world:
            raise ValueError(f"nnlite train: batch_size {batch_size} (the global batch) does not split evenly "
                             f"over {self.world} MPI ranks; give a multiple of {self.world}")

    def share_threads(self, total: Optional[int]) -> int:
        """Give this rank 1/N of ``total`` threads (default: the threads nnlite
        would use alone), at least one: N ranks on one machine must not each
        start a thread per core."""
        total = total if total is not None else nnlite.get_num_threads()
        mine = max(1, total // self.world)
        nnlite.set_num_threads(mine)
        return mine

    def sampler(self, dataset, shuffle: bool, seed: int = 0):
        from nnlite.data.distributed import DistributedSampler

        return DistributedSampler(dataset, num_replicas=self.world, rank=self.rank, shuffle=shuffle, seed=seed)

    def wrap(self, model):
        from nnlite.nn.parallel import DistributedDataParallel

        return DistributedDataParallel(model)

    def sum(self, *values):
        """The sums over all ranks of these numbers (float64), in one all-reduce."""
        import nnlite.distributed as dist

        buffer = np.array(values, np.float64)
        dist.all_reduce(nnlite._C.from_numpy(buffer))
        return buffer.tolist()

    def sum_tensor(self, tensor):
        import nnlite.distributed as dist

        tensor = tensor.contiguous()
        dist.all_reduce(tensor)
        return tensor

    def finish(self) -> None:
        """Wait for every rank (rank 0 may still be writing files), then leave the group."""
        import nnlite.distributed as dist

        dist.barrier()
        dist.destroy_process_group()


def data_parallel_if_launched() -> Optional[DataParallel]:
    """A DataParallel when started by ``mpiexec`` with more than one process, else None."""
    return DataParallel() if launched_world_size() > 1 else None
