"""nnlite.backends: torch.backends' switches, accepted so that scripts that set them run.

nnlite has no cuDNN, MPS or TF32 paths: ``cudnn.benchmark``,
``cudnn.deterministic``, ``cudnn.enabled`` and the ``allow_tf32`` flags can be
read and set but change nothing (nnlite's CPU kernels are deterministic).
"""
from . import cuda, cudnn, mps  # noqa: F401

__all__ = ["cudnn", "cuda", "mps"]
