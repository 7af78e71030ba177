"""``nnlite.nn.parallel``: DataParallel (one device: a transparent wrapper) and
DistributedDataParallel (one replica per MPI rank, gradients averaged)."""
from .data_parallel import DataParallel
from .distributed import DistributedDataParallel

__all__ = ["DataParallel", "DistributedDataParallel"]
