"""CUDA availability. The CUDA kernels come with a later release; until then
ops on CUDA tensors raise a clear error."""
from . import _C


def is_compiled():
    """True when this build of nnlite contains the CUDA backend."""
    return _C.cuda_is_compiled()


def is_available():
    """True when the CUDA backend is compiled in and a GPU answers."""
    return _C.cuda_is_available()


def device_count():
    return _C.cuda_device_count()


def manual_seed(seed):
    """torch.cuda.manual_seed: nnlite draws its random numbers from the generator
    that nnlite.manual_seed seeds, on every device, so there is nothing more to seed."""
    int(seed)  # torch refuses what is not a number


def manual_seed_all(seed):
    manual_seed(seed)
