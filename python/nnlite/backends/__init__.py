"""nnlite.backends: torch.backends' switches, accepted so that scripts that set them run.

nnlite has no cuDNN or MPS paths: ``cudnn.benchmark``,
``cudnn.deterministic``, ``cudnn.enabled`` and ``cudnn.allow_tf32`` can be
read and set but change nothing (nnlite's CPU kernels are deterministic).
``cuda.matmul.allow_tf32`` does act: it lets float32 GEMMs on the GPU use TF32.
"""
from . import cuda, cudnn, mps  # noqa: F401

__all__ = ["cudnn", "cuda", "mps"]
