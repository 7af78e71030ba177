"""SyncBatchNorm: batch normalization whose statistics span every rank's batch.

In training, with a process group of more than one rank, the per-channel
mean and variance are those of the global batch (the concatenation of the
ranks' batches): each rank's sums are all-reduced, the mean first and then
the sum of squared deviations (two passes, as the single-process kernel does,
so no E[x^2] - E[x]^2 cancellation). The all-reduce is itself differentiable
(its backward all-reduces the gradients), so autograd derives the exact
gradient of the global normalization: outputs, input and parameter
gradients and running statistics equal one process's BatchNorm on the
concatenated batch, to float rounding. In eval mode, or on one process, it
is BatchNorm.
"""
from .. import autograd
from .normalization import _BatchNorm

__all__ = ["SyncBatchNorm"]


class _AllReduceSum(autograd.Function):
    """y = the sum of x over the ranks; dL/dx = the sum of dL/dy over the ranks."""

    @staticmethod
    def forward(ctx, x, group):
        from .. import distributed as dist

        ctx.group = group
        y = x.clone()
        dist.all_reduce(y, group=group)
        return y

    @staticmethod
    def backward(ctx, grad):
        from .. import distributed as dist

        g = grad.contiguous().clone()
        dist.all_reduce(g, group=ctx.group)
        return g, None


class SyncBatchNorm(_BatchNorm):
    """torch.nn.SyncBatchNorm: BatchNorm over inputs [N, C, ...] with global-batch
    statistics across the ranks of ``process_group`` (default: the world)."""

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True,
                 process_group=None, device=None, dtype=None):
        super().__init__(num_features, eps, momentum, affine, track_running_stats, device, dtype)
        self.process_group = process_group

    def _world(self):
        from .. import distributed as dist

        return dist.get_world_size(self.process_group) if dist.is_initialized() else 1

    def forward(self, input):
        if input.dim() < 2:
            raise ValueError(f"SyncBatchNorm: expected an input of shape [N, C, ...] but got {list(input.shape)}")
        if input.shape[1] != self.num_features:
            raise ValueError(f"SyncBatchNorm: expected {self.num_features} channels (dim 1) but got input of shape "
                             f"{list(input.shape)}")
        use_batch = self.training or not self.track_running_stats
        if not use_batch or self._world() == 1:
            return self._local_forward(input)
        return self._global_forward(input)

    def _local_forward(self, input):
        # _BatchNorm's ranks are those of BatchNorm1d/2d; SyncBatchNorm takes any [N, C, ...].
        from .. import _C

        return _C.batch_norm_module(input, self.running_mean, self.running_var, self.num_batches_tracked,
                                    self.weight, self.bias, self.training, self.track_running_stats, self.momentum,
                                    self.eps, "")

    def _global_forward(self, x):
        import nnlite

        dims = [0] + list(range(2, x.dim()))
        shape = [1, -1] + [1] * (x.dim() - 2)
        local_count = x.numel() // x.shape[1]
        # [C + 1]: the channel sums and the sample count, in one all-reduce.
        count_entry = nnlite.full((1,), float(local_count), dtype=x.dtype, device=x.device)
        totals = _AllReduceSum.apply(nnlite.cat([x.sum(dims), count_entry]), self.process_group)
        count = totals[-1].detach()
        mean = totals[:-1] / count
        centered = x - mean.reshape(shape)
        var = _AllReduceSum.apply((centered * centered).sum(dims), self.process_group) / count
        y = centered * (var + self.eps).rsqrt().reshape(shape)
        if self.weight is not None:
            y = y * self.weight.reshape(shape) + self.bias.reshape(shape)
        if self.training and self.track_running_stats:
            self._update_running_stats(mean.detach(), var.detach(), float(count.item()))
        return y

    def _update_running_stats(self, mean, var, n):
        import nnlite

        with nnlite.no_grad():
            self.num_batches_tracked.add_(1)
            factor = self.momentum if self.momentum is not None else 1.0 / float(self.num_batches_tracked.item())
            unbiased = var * (n / max(n - 1.0, 1.0))
            self.running_mean.mul_(1 - factor).add_(mean * factor)
            self.running_var.mul_(1 - factor).add_(unbiased * factor)

    @classmethod
    def convert_sync_batchnorm(cls, module, process_group=None):
        """``module`` with every BatchNorm1d/2d/3d replaced by a SyncBatchNorm holding
        the same parameters and buffers (the module itself when it is one)."""
        out = module
        if isinstance(module, _BatchNorm) and not isinstance(module, SyncBatchNorm):
            out = cls(module.num_features, module.eps, module.momentum, module.affine, module.track_running_stats,
                      process_group)
            for registry, source in ((out._parameters, module._parameters), (out._buffers, module._buffers)):
                for name, value in source.items():
                    registry[name] = value
            out.train(module.training)
        for name, child in list(module._modules.items()):
            converted = cls.convert_sync_batchnorm(child, process_group)
            if converted is not child:
                out._modules[name] = converted
        return out
