"""Helpers shared by the distributions: broadcasting parameters together,
probabilities <-> logits, and sums over the rightmost dims."""
import math

import nnlite

_EPS = {"nnlite.float32": 1.1920928955078125e-07, "nnlite.float64": 2.220446049250313e-16}
_MIN = {"nnlite.float32": -3.4028234663852886e38, "nnlite.float64": -1.7976931348623157e308}


def eps(dtype):
    """The machine epsilon of a floating dtype (torch.finfo(dtype).eps)."""
    return _EPS[str(dtype)]


def lowest(dtype):
    """The most negative finite value of a floating dtype (torch.finfo(dtype).min)."""
    return _MIN[str(dtype)]


def broadcast_shape(*shapes):
    """The shape that all of `shapes` broadcast to (ValueError when they do not)."""
    ndim = max((len(s) for s in shapes), default=0)
    out = []
    for i in range(-ndim, 0):
        sizes = {s[i] for s in shapes if len(s) >= -i and s[i] != 1}
        if len(sizes) > 1:
            raise ValueError(f"shapes {', '.join(str(tuple(s)) for s in shapes)} cannot be broadcast together")
        out.append(sizes.pop() if sizes else 1)
    return tuple(out)


def broadcast_all(*values):
    """Tensors and numbers broadcast to one shape; numbers become tensors of
    the tensors' dtype (float32 when all are numbers), as torch's broadcast_all."""
    tensors = [v for v in values if isinstance(v, nnlite.Tensor)]
    for v in values:
        if not isinstance(v, (nnlite.Tensor, int, float)):
            raise TypeError(f"expected tensors or numbers as parameters, got {type(v).__name__}")
    dtype = tensors[0].dtype if tensors else nnlite.float32
    values = [v if isinstance(v, nnlite.Tensor) else nnlite.full((), float(v), dtype=dtype) for v in values]
    shape = broadcast_shape(*(tuple(v.shape) for v in values))
    return [v if tuple(v.shape) == shape else v.expand(shape) for v in values]


def clamp_probs(probs):
    """probs kept eps away from 0 and 1, so that their logs are finite."""
    e = eps(probs.dtype)
    return probs.clamp(min=e, max=1 - e)


def probs_to_logits(probs, is_binary=False):
    """log-odds (binary) or log-probabilities (categorical) of `probs`."""
    p = clamp_probs(probs)
    return p.log() - (1 - p).log() if is_binary else p.log()


def logits_to_probs(logits, is_binary=False):
    return logits.sigmoid() if is_binary else logits.softmax(-1)


def sum_rightmost(x, n):
    """x summed over its last n dims (x itself for n = 0)."""
    return x if n == 0 else x.sum(list(range(-n, 0)))


LOG_SQRT_2PI = math.log(math.sqrt(2 * math.pi))
