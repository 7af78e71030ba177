"""DistributedDataParallel: one model replica per MPI rank, gradients
averaged over the ranks during backward.

Parameters are grouped into buckets of about ``bucket_cap_mb`` in reverse
registration order (roughly the order backward produces their gradients).
Each parameter's post-accumulate-grad hook copies its gradient into its
bucket; a full bucket starts a non-blocking all-reduce at once, so the
communication of late layers overlaps the backward of early ones. Buckets
are started strictly in index order, the same on every rank (MPI matches
collectives by order). A callback queued for the end of backward waits for
all of them and writes the averages back into ``.grad``, so the optimizer
step that follows sees the same gradients on every rank: those of one
process training on the concatenated batch. (With
``find_unused_parameters=True`` the buckets start only at the end of
backward: see ``_make_hook``.)
"""
from __future__ import annotations

import contextlib
from typing import List

import numpy as np

from ... import autograd, distributed as dist
from ..module import Module

__all__ = ["DistributedDataParallel"]


class _Bucket:
    """A flat buffer [sum of numel] for some parameters of one dtype."""

    def __init__(self, params, dtype):
        self.params = params
        self.offsets = np.cumsum([0] + [p.numel() for p in params])
        self.buffer = np.zeros(int(self.offsets[-1]), dtype)
        self.pending = len(params)
        self.work = None

    def slot(self, i):
        return self.buffer[self.offsets[i]:self.offsets[i + 1]]


class DistributedDataParallel(Module):
    """Wrap ``module`` for data-parallel training (PyTorch's signature; the
    device arguments are accepted for CPU scripts and must be None)."""

    def __init__(self, module, device_ids=None, output_device=None, dim=0, broadcast_buffers=True,
                 process_group=None, bucket_cap_mb=25, find_unused_parameters=False, check_reduction=False,
                 gradient_as_bucket_view=False, static_graph=False):
        super().__init__()
        if not dist.is_initialized():
            raise RuntimeError("DistributedDataParallel: the default process group is not initialized; call "
                               "nnlite.distributed.init_process_group() first")
        if not isinstance(module, Module):
            raise TypeError(f"DistributedDataParallel: expected an nnlite.nn.Module, got {type(module).__name__}")
        if device_ids not in (None, []) or output_device is not None:
            raise ValueError(f"DistributedDataParallel: device_ids/output_device are for GPU replicas; nnlite "
                             f"trains on CPU tensors here, got device_ids={device_ids!r}")
        if not (isinstance(bucket_cap_mb, (int, float)) and bucket_cap_mb > 0):
            raise ValueError(f"DistributedDataParallel: bucket_cap_mb must be a positive number, got "
                             f"{bucket_cap_mb!r}")
        self.module = module
        object.__setattr__(self, "broadcast_buffers", broadcast_buffers)
        object.__setattr__(self, "find_unused_parameters", find_unused_parameters)
        object.__setattr__(self, "require_backward_grad_sync", True)
        self._sync_from_rank0(p.detach() for p in module.parameters())
        self._sync_from_rank0(b for _, b in module.named_buffers())
        params = [p for p in module.parameters() if p.requires_grad]
        object.__setattr__(self, "_params", params)
        object.__setattr__(self, "_buckets", self._make_buckets(params, bucket_cap_mb * 2 ** 20))
        object.__setattr__(self, "_reset_round", None)
        self._start_round()
        for index, p in enumerate(params):
            p.register_post_accumulate_grad_hook(self._make_hook(index))

    # ---- construction -------------------------------------------------------------

    @staticmethod
    def _sync_from_rank0(tensors):
        for t in tensors:
            dist.broadcast(t, src=0)

    def _make_buckets(self, params, cap_bytes) -> List[_Bucket]:
        buckets, current, size, dtype = [], [], 0, None
        where = {}   # parameter index -> (bucket, slot)
        for index in reversed(range(len(params))):
            p = params[index]
            nbytes = p.numel() * p.element_size()
            kind = p.detach().numpy().dtype
            if current and (size + nbytes > cap_bytes or kind != dtype):
                buckets.append(_Bucket(current, dtype))
                current, size = [], 0
            where[index] = (len(buckets), len(current))
            current.append(p)
            size += nbytes
            dtype = kind
        if current:
            buckets.append(_Bucket(current, dtype))
        object.__setattr__(self, "_where", where)
        return buckets

    # ---- one backward pass ---------------------------------------------------------

    def _start_round(self):
        for bucket in self._buckets:
            bucket.pending = len(bucket.params)
            bucket.work = None
        object.__setattr__(self, "_ready", [False] * len(self._params))
        object.__setattr__(self, "_next_bucket", 0)
        object.__setattr__(self, "_finalizing", False)

    def _make_hook(self, index):
        def hook(param):
            if not self.require_backward_grad_sync:
                return   # no_sync(): gradients accumulate locally
            if not self._finalizing:
                object.__setattr__(self, "_finalizing", True)
                autograd.queue_callback(self._finish_round)
            if self._ready[index]:
                raise RuntimeError(f"DistributedDataParallel: parameter {index} received two gradients in one "
                                   f"backward pass; a parameter reused across backward calls needs no_sync() "
                                   f"or one backward per step")
            self._ready[index] = True
            b, i = self._where[index]   # (param is a new handle on the parameter: look up by index)
            bucket = self._buckets[b]
            bucket.slot(i)[...] = param.grad.detach().numpy().reshape(-1)
            bucket.pending -= 1
            if not self.find_unused_parameters:
                # With unused parameters allowed, a rank cannot know during backward which buckets
                # the others will fill: all buckets start in _finish_round, in the same order on
                # every rank (MPI matches collectives by order), so that mode gives up the overlap.
                self._launch_ready_buckets()
        return hook

    def _launch_ready_buckets(self):
        while self._next_bucket < len(self._buckets) and self._buckets[self._next_bucket].pending == 0:
            bucket = self._buckets[self._next_bucket]
            bucket.work = dist.all_reduce(_as_tensor(bucket.buffer), async_op=True)
            object.__setattr__(self, "_next_bucket", self._next_bucket + 1)

    def _finish_round(self):
        try:
            unused = [i for i, ready in enumerate(self._ready) if not ready]
            globally_used = None
            if unused:
                if not self.find_unused_parameters:
                    names = self._names([self._params[i] for i in unused])
                    raise RuntimeError(f"DistributedDataParallel: parameters {names} received no gradient in this "
                                       f"backward pass; pass find_unused_parameters=True if the model leaves "
                                       f"some unused")
            if self.find_unused_parameters:
                for i in unused:
                    b, j = self._where[i]
                    self._buckets[b].slot(j)[...] = 0
                    self._buckets[b].pending -= 1
                self._launch_ready_buckets()
                # whether any rank used each parameter: unused on every rank keeps .grad untouched
                globally_used = np.array(self._ready, np.int32)
                dist.all_reduce(_as_tensor(globally_used), op=dist.ReduceOp.MAX)
            world = dist.get_world_size()
            for bucket in self._buckets:
                bucket.work.wait()
                np.divide(bucket.buffer, world, out=bucket.buffer)
            for index, p in enumerate(self._params):
                if globally_used is not None and not globally_used[index]:
                    continue
                b, j = self._where[index]
                averaged = self._buckets[b].slot(j).reshape(tuple(p.shape))
                if p.grad is None:
                    p.grad = _as_tensor(averaged.copy())
                else:
                    p.grad.detach().numpy()[...] = averaged
        finally:
            self._start_round()

    def _names(self, params):
        by_id = {id(p): n for n, p in self.module.named_parameters()}
        return ", ".join(by_id.get(id(p), "?") for p in params)

    # ---- the Module ----------------------------------------------------------------

    def forward(self, *args, **kwargs):
        if self.broadcast_buffers and self.training:
            self._sync_from_rank0(b for _, b in self.module.named_buffers())
        return self.module(*args, **kwargs)

    @contextlib.contextmanager
    def no_sync(self):
        """Backward passes inside accumulate gradients locally; the first one
        after it averages the accumulated sums."""
        previous = self.require_backward_grad_sync
        object.__setattr__(self, "require_backward_grad_sync", False)
        try:
            yield
        finally:
            object.__setattr__(self, "require_backward_grad_sync", previous)


def _as_tensor(array):
    from ... import _C
    return _C.from_numpy(array)
