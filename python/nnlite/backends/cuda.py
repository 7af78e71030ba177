"""torch.backends.cuda's matmul flags: settable, without effect."""
from types import SimpleNamespace

matmul = SimpleNamespace(allow_tf32=False, allow_fp16_reduced_precision_reduction=True)


def is_built():
    from .. import cuda

    return cuda.is_compiled()
