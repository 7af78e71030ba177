"""nnlite.nn.parallel: DataParallel and DistributedDataParallel as a PyTorch CPU user meets them.

nnlite runs a model on one device, so DataParallel is a transparent wrapper
(torch's DataParallel also just calls the module when no GPU is visible): the
module lives at ``.module`` and the state_dict keys gain the ``module.``
prefix, as in torch. DistributedDataParallel needs a process group, which
nnlite does not have: it raises, as torch does before init_process_group.
"""
from ..module import Module

__all__ = ["DataParallel", "DistributedDataParallel"]


class DataParallel(Module):
    def __init__(self, module, device_ids=None, output_device=None, dim=0):
        super().__init__()
        if not isinstance(module, Module):
            raise TypeError(f"DataParallel: expected a Module but got {type(module).__name__}")
        self.module = module
        self.device_ids = [] if device_ids is None else list(device_ids)
        self.output_device = output_device
        self.dim = dim

    def forward(self, *inputs, **kwargs):
        return self.module(*inputs, **kwargs)


class DistributedDataParallel(Module):
    def __init__(self, module, *args, **kwargs):
        raise RuntimeError(
            "DistributedDataParallel: nnlite has no distributed process groups (torch.distributed); train on one "
            "process, or wrap the model in nnlite.nn.DataParallel, which runs it unchanged"
        )
