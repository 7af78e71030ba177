"""nnlite: a small, fast deep-learning library with a PyTorch-like API.

The math lives in the C++ core (``nnlite._C``); this package re-exports it and
adds the Python-only pieces (grad-mode context managers, nn, optim, data).
"""
from . import _omp_env  # noqa: F401  (before _C: OpenMP reads its environment when it loads)
from . import _C
from ._C import (  # noqa: F401  (re-exported API)
    Tensor, dtype, device, Generator,
    bool, uint8, int32, int64, float32, float64,
    tensor, from_numpy, from_dlpack, as_strided,
    zeros, ones, empty, full, arange, linspace, eye, rand, randn, randint, randperm,
    zeros_like, ones_like, empty_like, full_like, rand_like, randn_like, randint_like,
    bernoulli, normal, poisson,
    manual_seed, initial_seed, default_generator,
    neg, abs, sign, exp, log, sqrt, rsqrt, sin, cos, erf, tanh, sigmoid, relu, clamp, clip, logical_not,
    log1p, expm1, log2, log10, floor, ceil, trunc, fix, frac, round, isnan, isinf, isfinite, nan_to_num, lerp,
    fmod, remainder,
    add, sub, mul, div, pow, maximum, minimum, where, eq, ne, lt, le, gt, ge, logical_and, logical_or,
    sum, mean, var, std, prod, amax, amin, logsumexp, max, min, argmax, argmin, any, all,
    matmul, mm, bmm, softmax, log_softmax,
    reshape, transpose, permute, t, squeeze, unsqueeze, flatten, narrow, select, split, chunk, unbind,
    cat, concatenate, stack,
    gather, scatter, scatter_add, index_select, masked_fill, nonzero, index_put,
    sort, argsort, topk, tril, triu, roll, flip, cumsum, masked_select, multinomial,
    get_num_threads, set_num_threads, simd_level,
)
from . import _tensor_methods
globals().update(_tensor_methods.install())
globals().update(_tensor_methods.LEGACY)
from .autograd import no_grad, enable_grad, set_grad_enabled, is_grad_enabled, inference_mode  # noqa: F401
from . import autograd, cuda, _pickle  # noqa: F401
from . import nn, optim, data, models, snn  # noqa: F401,E402
from . import distributions  # noqa: F401,E402
from . import utils  # noqa: F401,E402  (after data: nnlite.utils.data is nnlite.data)
from . import accelerator, backends, xpu  # noqa: F401,E402
from .export import export, load_graph, ExportError  # noqa: F401,E402  (also imports nnlite.onnx)
from .serialization import save, load  # noqa: F401,E402
from ._defaults import get_default_device, get_default_dtype, set_default_device, set_default_dtype  # noqa: E402,F401
from . import sparse  # noqa: E402  (dense stand-ins for torch's COO tensors)
globals().update(sparse.install())

# PyTorch's spellings of the dtypes
float = float32
double = float64
long = int64
int = int32

__version__ = _C.version()

__all__ = [name for name in dir() if not name.startswith("_")]
