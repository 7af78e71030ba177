"""torch.backends.cuda: the switches of nnlite's CUDA matrix products.

``matmul.allow_tf32`` (default False, as in PyTorch) lets float32 matmuls,
linear layers and convolutions on the GPU run on TF32 tensor cores through
cuBLAS: inputs rounded to a 10-bit mantissa, sums kept in float32 (about 1e-3
relative error instead of 1e-6). It changes nothing on the CPU, for float64,
or when cuBLAS is not loaded (the own GEMM kernel always computes in full
float32). ``allow_fp16_reduced_precision_reduction`` is accepted and unused.
"""
from .. import _C


class _MatmulFlags:
    """torch.backends.cuda.matmul: ``allow_tf32`` is read from and written to the
    C++ backend, so the switch takes effect on the next product."""

    __slots__ = ("allow_fp16_reduced_precision_reduction",)

    def __init__(self):
        self.allow_fp16_reduced_precision_reduction = True

    @property
    def allow_tf32(self):
        """Whether float32 GEMMs on the GPU may use TF32 tensor cores (default False)."""
        return _C._cuda_allow_tf32()

    @allow_tf32.setter
    def allow_tf32(self, value):
        _C._cuda_set_allow_tf32(bool(value))

    def __repr__(self):
        return f"matmul(allow_tf32={self.allow_tf32})"


matmul = _MatmulFlags()


def is_built():
    """True when this build of nnlite contains the CUDA backend."""
    from .. import cuda

    return cuda.is_compiled()
