"""DataParallel as a PyTorch CPU user meets it: nnlite runs a model on one
device, so it is a transparent wrapper (torch's DataParallel also just calls
the module when no GPU is visible): the module lives at ``.module`` and the
state_dict keys gain the ``module.`` prefix, as in torch."""
from ..module import Module

__all__ = ["DataParallel"]


class DataParallel(Module):
    """A transparent wrapper that calls module: nnlite runs a model on one device.

    Differs from torch: nothing is replicated or scattered over GPUs (torch behaves the same way
    when no GPU is visible). What code written for torch relies on still holds: the wrapped model
    is .module, and state_dict keys gain the 'module.' prefix.

    Args:
        module (Module): the model.
        device_ids (Sequence[int] | None): recorded, not used.
        output_device (int | None): recorded, not used.
        dim (int): recorded, not used.

    Raises:
        TypeError: module is not a Module.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> model = nn.DataParallel(nn.Linear(2, 1))
        >>> model(nnlite.ones(3, 2)).shape, sorted(model.state_dict())
        ((3, 1), ['module.bias', 'module.weight'])
    """
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

