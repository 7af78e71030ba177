"""nnlite.accelerator: torch.accelerator's queries (the accelerator is CUDA when a GPU answers)."""
from . import _C, cuda

__all__ = ["is_available", "current_accelerator", "device_count", "current_device_index", "synchronize"]


def is_available():
    return cuda.is_available()


def current_accelerator(check_available=False):
    """The accelerator's device type (``device('cuda')``), or None without one."""
    return _C.device("cuda") if cuda.is_available() else None


def device_count():
    return cuda.device_count() if cuda.is_available() else 0


def current_device_index():
    return 0 if cuda.is_available() else -1


def synchronize(device=None):
    """nnlite's ops return when their results are ready: nothing to wait for."""
