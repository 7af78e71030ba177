"""torch.set_default_dtype / set_default_device (and their getters).

The defaults apply to what Python code creates: the factories (zeros, rand,
arange and full with float values, ...), ``tensor()`` of Python floats, and
so the parameters of nnlite.nn layers. Like torch's default device (a mode
over Python factory calls), the C++ API keeps float32 on the CPU.
"""
from __future__ import annotations

import builtins

from . import _C

set_default_dtype = _C.set_default_dtype
get_default_dtype = _C.get_default_dtype


def set_default_device(device):
    """The device factories use when none is named; None (or 'cpu') restores the CPU.
    A CUDA device is refused (ValueError) when nnlite has no usable CUDA device."""
    if device is None:
        _C._set_default_device(None)
        return
    if isinstance(device, builtins.int) and not isinstance(device, builtins.bool):
        device = f"cuda:{device}"  # torch reads a bare index as a CUDA device
    if not isinstance(device, (str, _C.device)):
        raise TypeError(f"set_default_device: expected a device, a string such as 'cpu' or None, got "
                        f"{type(device).__name__}")
    dev = _C.device(device) if isinstance(device, str) else device
    if dev.type != "cpu" and not _C.cuda_is_available():
        raise ValueError(f"set_default_device: {dev} is not available (nnlite has no usable CUDA device here); "
                         "use 'cpu'")
    _C._set_default_device(None if dev.type == "cpu" else dev)


def get_default_device():
    """The device factories use when none is named."""
    return _C._get_default_device()
