"""Collective and point-to-point calls on nnlite tensors, in place.

Each call hands MPI the tensor's own memory (a NumPy view of a contiguous CPU
tensor), so nothing is copied on the way in or out, except where PyTorch's
signature takes a list of tensors (``all_gather``, ``reduce_scatter``), which
is packed into one buffer. Every call is a non-blocking MPI request: with
``async_op=True`` it returns a ``Work`` to wait on later; otherwise it waits
now. Waiting polls the request against the group's timeout, so a partner that
died turns into a RuntimeError instead of a hang.
"""
from __future__ import annotations

import enum
import time
from typing import Callable, List, Optional

import numpy as np

from .. import _C
from ._mpi import mpi
from .process_group import _require


class ReduceOp(enum.Enum):
    SUM = "sum"
    AVG = "avg"
    PRODUCT = "product"
    MIN = "min"
    MAX = "max"
    BAND = "band"
    BOR = "bor"
    BXOR = "bxor"


_MPI_OPS = {ReduceOp.SUM: "SUM", ReduceOp.AVG: "SUM", ReduceOp.PRODUCT: "PROD", ReduceOp.MIN: "MIN",
            ReduceOp.MAX: "MAX", ReduceOp.BAND: "BAND", ReduceOp.BOR: "BOR", ReduceOp.BXOR: "BXOR"}


class Work:
    """A request in flight. ``wait()`` blocks (within the group's timeout) and
    then finishes the call (AVG's division, unpacking a gathered list)."""

    def __init__(self, requests, what: str, finish: Optional[Callable[[], None]] = None):
        self._requests = list(requests)
        self._statuses = [mpi().Status() for _ in self._requests]   # filled as each request completes
        self._what = what
        self._finish = finish
        self._done = False

    def is_completed(self) -> bool:
        if not self._done and all(r.Test(s) for r, s in zip(self._requests, self._statuses)):
            self._complete()
        return self._done

    def wait(self, timeout=None) -> bool:
        group = _require(self._what)
        limit = group.timeout.total_seconds() if timeout is None else _seconds(timeout)
        deadline = time.monotonic() + limit
        polls = 0
        while not self.is_completed():
            polls += 1
            if polls > 2000:   # short waits spin (latency); long ones sleep (the peer is computing)
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"{self._what}: rank {group.rank} waited {limit:g} s for the other {group.size - 1} "
                        f"rank(s) without an answer (timeout); one of them has probably failed or hangs")
                time.sleep(0.0005)
        return True

    def _complete(self):
        self._done = True
        if self._finish is not None:
            self._finish()


def _seconds(timeout) -> float:
    return timeout.total_seconds() if hasattr(timeout, "total_seconds") else float(timeout)


def _buffer(tensor, fn: str) -> np.ndarray:
    """The tensor's memory as a writable NumPy array (no copy)."""
    if not isinstance(tensor, _C.Tensor):
        raise TypeError(f"{fn}: expected an nnlite Tensor, got {type(tensor).__name__}")
    if tensor.device.type != "cpu":
        raise ValueError(f"{fn}: the MPI backend takes CPU tensors, got one on {tensor.device}")
    if not tensor.is_contiguous():
        raise ValueError(f"{fn}: the tensor must be contiguous (MPI reads and writes its memory in place); "
                         f"call .contiguous() first, got shape {list(tensor.shape)} with strides "
                         f"{list(tensor.stride())}")
    return tensor.detach().numpy()


def _op(op, fn: str, array: np.ndarray):
    if not isinstance(op, ReduceOp):
        raise TypeError(f"{fn}: op must be a nnlite.distributed.ReduceOp, got {op!r}")
    if op is ReduceOp.AVG and not np.issubdtype(array.dtype, np.floating):
        raise ValueError(f"{fn}: ReduceOp.AVG needs a floating-point tensor, got {array.dtype}")
    return getattr(mpi(), _MPI_OPS[op])


def _peer(rank, fn: str, what: str, size: int) -> int:
    if not isinstance(rank, int) or not 0 <= rank < size:
        raise ValueError(f"{fn}: {what} must be a rank in [0, {size}), got {rank!r}")
    return rank


def _run(work: Work, async_op: bool):
    if async_op:
        return work
    work.wait()
    return None


def all_reduce(tensor, op=ReduceOp.SUM, group=None, async_op=False):
    """Reduce ``tensor`` over all ranks; every rank ends with the result in ``tensor``."""
    g = _require("all_reduce")
    array = _buffer(tensor, "all_reduce")
    mpi_op = _op(op, "all_reduce", array)
    request = g.comm.Iallreduce(mpi().IN_PLACE, array, op=mpi_op)

    def average():
        np.divide(array, g.size, out=array)

    return _run(Work([request], "all_reduce", average if op is ReduceOp.AVG else None), async_op)


def broadcast(tensor, src, group=None, async_op=False):
    """Copy ``tensor`` of rank ``src`` into ``tensor`` on every rank."""
    g = _require("broadcast")
    array = _buffer(tensor, "broadcast")
    request = g.comm.Ibcast(array, root=_peer(src, "broadcast", "src", g.size))
    return _run(Work([request], "broadcast"), async_op)


def all_gather_into_tensor(output_tensor, input_tensor, group=None, async_op=False):
    """``output_tensor`` [world_size * n, ...] receives every rank's ``input_tensor`` [n, ...] in rank order."""
    g = _require("all_gather_into_tensor")
    send, recv = _buffer(input_tensor, "all_gather_into_tensor"), _buffer(output_tensor, "all_gather_into_tensor")
    if recv.size != send.size * g.size or recv.dtype != send.dtype:
        raise ValueError(f"all_gather_into_tensor: the output must hold world_size ({g.size}) inputs of "
                         f"{send.size} {send.dtype} elements, got {recv.size} {recv.dtype} elements")
    request = g.comm.Iallgather(send, recv)
    return _run(Work([request], "all_gather_into_tensor"), async_op)


def all_gather(tensor_list: List, tensor, group=None, async_op=False):
    """``tensor_list[r]`` receives rank r's ``tensor`` (a list of world_size tensors of its shape)."""
    g = _require("all_gather")
    send = _buffer(tensor, "all_gather")
    targets = _same_shaped_list(tensor_list, send, g.size, "all_gather", "tensor_list")
    recv = np.empty((g.size,) + send.shape, send.dtype)
    request = g.comm.Iallgather(send, recv)

    def unpack():
        for rank, target in enumerate(targets):
            target[...] = recv[rank]

    return _run(Work([request], "all_gather", unpack), async_op)


def reduce_scatter_tensor(output, input, op=ReduceOp.SUM, group=None, async_op=False):
    """Reduce ``input`` [world_size * n, ...] over ranks; rank r keeps block r in ``output`` [n, ...]."""
    g = _require("reduce_scatter_tensor")
    send, recv = _buffer(input, "reduce_scatter_tensor"), _buffer(output, "reduce_scatter_tensor")
    if send.size != recv.size * g.size or recv.dtype != send.dtype:
        raise ValueError(f"reduce_scatter_tensor: the input must hold world_size ({g.size}) outputs of "
                         f"{recv.size} {recv.dtype} elements, got {send.size} {send.dtype} elements")
    mpi_op = _op(op, "reduce_scatter_tensor", recv)
    request = g.comm.Ireduce_scatter_block(send, recv, op=mpi_op)

    def average():
        np.divide(recv, g.size, out=recv)

    return _run(Work([request], "reduce_scatter_tensor", average if op is ReduceOp.AVG else None), async_op)


def reduce_scatter(output, input_list: List, op=ReduceOp.SUM, group=None, async_op=False):
    """``output`` on rank r receives the reduction over ranks of ``input_list[r]``."""
    g = _require("reduce_scatter")
    recv = _buffer(output, "reduce_scatter")
    parts = _same_shaped_list(input_list, recv, g.size, "reduce_scatter", "input_list")
    send = np.stack(parts)   # the list is packed into one buffer: MPI takes one send buffer
    mpi_op = _op(op, "reduce_scatter", recv)
    request = g.comm.Ireduce_scatter_block(send, recv, op=mpi_op)

    def average():
        np.divide(recv, g.size, out=recv)

    return _run(Work([request], "reduce_scatter", average if op is ReduceOp.AVG else None), async_op)


def _same_shaped_list(tensors, like: np.ndarray, size: int, fn: str, name: str) -> List[np.ndarray]:
    if not isinstance(tensors, (list, tuple)) or len(tensors) != size:
        got = len(tensors) if isinstance(tensors, (list, tuple)) else type(tensors).__name__
        raise ValueError(f"{fn}: {name} must be a list of world_size ({size}) tensors, got {got}")
    arrays = [_buffer(t, fn) for t in tensors]
    for a in arrays:
        if a.shape != like.shape or a.dtype != like.dtype:
            raise ValueError(f"{fn}: every tensor of {name} must have shape {list(like.shape)} and dtype "
                             f"{like.dtype}, got {list(a.shape)} {a.dtype}")
    return arrays


def isend(tensor, dst: int, group=None, tag: int = 0) -> Work:
    g = _require("isend")
    request = g.comm.Isend(_buffer(tensor, "isend"), dest=_peer(dst, "isend", "dst", g.size), tag=tag)
    return Work([request], "isend")


def irecv(tensor, src: Optional[int] = None, group=None, tag: int = 0) -> Work:
    g = _require("irecv")
    source = mpi().ANY_SOURCE if src is None else _peer(src, "irecv", "src", g.size)
    request = g.comm.Irecv(_buffer(tensor, "irecv"), source=source, tag=tag)
    return Work([request], "irecv")


def send(tensor, dst: int, group=None, tag: int = 0) -> None:
    isend(tensor, dst, group, tag).wait()


def recv(tensor, src: Optional[int] = None, group=None, tag: int = 0) -> int:
    """Receive into ``tensor``; returns the sender's rank."""
    work = irecv(tensor, src, group, tag)
    work.wait()
    return work._statuses[0].Get_source()


def barrier(group=None, async_op=False, device_ids=None):
    g = _require("barrier")
    return _run(Work([g.comm.Ibarrier()], "barrier"), async_op)
