"""The process group: which rank this process is, how many there are, and the
timeout every blocking call honours.

nnlite runs one group over MPI's COMM_WORLD (the processes ``mpiexec``
started); ``init_process_group`` duplicates it so nnlite's messages never mix
with those of other MPI users in the same program.
"""
from __future__ import annotations

import datetime
import sys
import time
from typing import Optional

from ._mpi import mpi

DEFAULT_TIMEOUT = datetime.timedelta(seconds=60)

_group = None   # the _Group of init_process_group, None before it and after destroy


class _Group:
    def __init__(self, comm, backend: str, timeout: datetime.timedelta):
        self.comm = comm
        self.backend = backend
        self.timeout = timeout
        self.rank = comm.Get_rank()
        self.size = comm.Get_size()


def init_process_group(backend: Optional[str] = None, init_method: Optional[str] = None,
                       timeout: Optional[datetime.timedelta] = None, world_size: int = -1, rank: int = -1,
                       store=None, group_name: str = "", device_id=None) -> None:
    """Join the processes started by ``mpiexec`` into one group.

    ``backend``: ``"mpi"`` (also None, and ``"gloo"``, which PyTorch CPU
    scripts name and nnlite serves over MPI). Rank and world size come from
    MPI; values given must agree with them. ``timeout`` bounds every blocking
    call: a rank that waits longer (another rank died or hangs) raises
    RuntimeError instead of hanging. ``init_method``/``store``/``group_name``
    are accepted for PyTorch scripts and ignored: MPI has already connected the
    processes.
    """
    global _group
    if _group is not None:
        raise RuntimeError("init_process_group: the default process group is already initialized; call "
                           "destroy_process_group() first")
    if backend not in (None, "mpi", "gloo", "cpu:gloo", "cpu:mpi"):
        raise ValueError(f"init_process_group: backend must be 'mpi' (or 'gloo', served over MPI), got "
                         f"{backend!r}; nnlite has no NCCL backend until CUDA tensors exist")
    if timeout is None:
        timeout = DEFAULT_TIMEOUT
    if not isinstance(timeout, datetime.timedelta) or timeout.total_seconds() <= 0:
        raise ValueError(f"init_process_group: timeout must be a positive datetime.timedelta, got {timeout!r}")
    MPI = mpi()
    world = MPI.COMM_WORLD
    if world_size not in (-1, world.Get_size()):
        raise ValueError(f"init_process_group: world_size={world_size} but mpiexec started {world.Get_size()} "
                         f"processes")
    if rank not in (-1, world.Get_rank()):
        raise ValueError(f"init_process_group: rank={rank} but MPI numbers this process {world.Get_rank()}")
    _group = _Group(world.Dup(), "mpi", timeout)
    _install_abort_on_error()


def destroy_process_group(group=None) -> None:
    """Leave the group (collective: every rank calls it)."""
    global _group
    current = _require("destroy_process_group")
    _group = None
    current.comm.Free()


def is_initialized() -> bool:
    return _group is not None


def is_available() -> bool:
    from ._mpi import available
    return available()


def is_mpi_available() -> bool:
    return is_available()


def get_backend(group=None) -> str:
    return _require("get_backend").backend


def get_rank(group=None) -> int:
    """This process's rank; 0 when no group is initialized is PyTorch's error, kept: it raises."""
    return _require("get_rank").rank


def get_world_size(group=None) -> int:
    return _require("get_world_size").size


def _require(fn: str) -> _Group:
    if _group is None:
        raise RuntimeError(f"{fn}: the default process group is not initialized; call "
                           f"nnlite.distributed.init_process_group() first")
    return _group


def _install_abort_on_error() -> None:
    """An exception that ends one rank's program aborts the whole job, so the
    other ranks exit at once with MPI's error instead of waiting in a
    collective for a partner that is gone."""
    previous = sys.excepthook

    def abort(kind, value, traceback):
        previous(kind, value, traceback)
        group = _group
        if group is not None and group.size > 1:
            sys.stderr.write(f"nnlite.distributed: rank {group.rank} failed; aborting all {group.size} ranks\n")
            sys.stderr.flush()
            # mpiexec forwards output asynchronously and Abort kills at once:
            # give it a moment so the traceback above reaches the terminal.
            time.sleep(0.5)
            mpi().COMM_WORLD.Abort(1)

    if getattr(sys.excepthook, "_nnlite_abort", False):
        return
    abort._nnlite_abort = True
    sys.excepthook = abort
