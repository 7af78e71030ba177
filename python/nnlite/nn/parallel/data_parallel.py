"""DataParallel as a PyTorch CPU user meets it: nnlite runs a model on one
device, so it is a transparent wrapper (torch's DataParallel also just calls
the module when no GPU is visible): the module lives at ``.module`` and the
state_dict keys gain the ``module.`` prefix, as in torch."""
from ..module import Module

__all__ = ["DataParallel"]


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

