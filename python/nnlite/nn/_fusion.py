"""Eager fusion of conv2d -> batch norm (-> + residual) (-> ReLU), the chain of every ResNet block.

In eval mode a batch norm is a per-channel affine map, so ``bn(conv(x))`` is
a convolution whose weight and bias have the batch norm folded in
(``_C._fold_batch_norm``: the fold ``load_graph`` applies), and a residual
add and ReLU after it are applied to the convolution's output tiles
(``_C._conv2d_fused``). That saves the batch-norm, add and ReLU passes over
the output and, at batch 1, most of the per-call cost of three modules.

Otherwise (training, or autograd needed) the convolution runs as its module,
and the batch norm, add and ReLU run as one op (``_C.batch_norm_module`` with
a residual and relu; so does any other BatchNorm1d/2d followed by a ReLU in a
``Sequential``): the add and ReLU on each normalized row while it is in
cache, and one autograd node whose backward takes ReLU's mask from the
output. That saves two to three passes over the activations and one
intermediate tensor per layer of a training step.

A fused path is taken only where nothing can tell it from the modules' own
calls but float rounding (the two agree within 1e-5 relative): exactly
``Conv2d`` (eval fold only), ``BatchNorm2d`` (or ``BatchNorm1d``) and
``ReLU`` (a subclass may override ``forward``); no hooks on them and no
``forward`` set on an instance; no export recording (an export records the
modules' own ops). The
eval fold also needs conv and batch norm in eval mode, zero padding given as
numbers, running statistics, a 4-d input and autograd not needed (no grad
mode, or nothing requires grad); the training fusion a residual of the
convolution output's shape, dtype and device. Anything else runs the modules
as written.

The folded weight and bias are cached per conv module (weakly: not in its
state, pickle or copies) in a ``_C._FoldedConv``, which runs the fused
convolution while nothing it was folded from has changed: the same modules,
classes, modes and attributes, no hooks, the same six sources at the same
version counters. Otherwise it returns None, and the checks below run again
(and fold again where a source was replaced or changed in place, or the
batch norm's ``eps`` changed).
"""
import weakref

from .. import _C
from .activation import ReLU
from .conv import Conv2d
from .normalization import BatchNorm1d, BatchNorm2d

__all__ = ["conv_bn", "sequential"]

_cache = weakref.WeakKeyDictionary()  # conv -> _C._FoldedConv
_BATCH_NORMS = (BatchNorm1d, BatchNorm2d)


def conv_bn(conv, bn, x, residual=None, relu=None):
    """``relu(bn(conv(x)) + residual)``; residual (a tensor) and relu (a ReLU module) may be None."""
    entry = _cache.get(conv)
    if entry is not None:
        y = entry(conv, bn, x, residual, relu)
        if y is not None:
            return y
    folded = _folded(conv, bn, x, relu)
    if folded is None:
        y = conv(x)
        if _bn_relu_fuses(bn, relu, residual, y):
            return bn._forward_then(y, residual, relu is not None)
        y = bn(y)
        if residual is not None:
            y = y + residual
        return y if relu is None else relu(y)
    weight, bias = folded
    return _C._conv2d_fused(x, weight, bias, conv.stride, conv.padding, conv.dilation, conv.groups, residual,
                            relu is not None)


def sequential(modules, x):
    """Runs ``modules`` (a list) in turn on x: each Conv2d, BatchNorm2d (, ReLU) through conv_bn, and any
    other BatchNorm1d/2d followed by a ReLU as one op."""
    i, n = 0, len(modules)
    while i < n:
        m = modules[i]
        if type(m) is Conv2d and i + 1 < n and type(modules[i + 1]) is BatchNorm2d:
            relu = modules[i + 2] if i + 2 < n and type(modules[i + 2]) is ReLU else None
            x = conv_bn(m, modules[i + 1], x, relu=relu)
            i += 2 if relu is None else 3
        elif type(m) in _BATCH_NORMS and i + 1 < n and _bn_relu_fuses(m, modules[i + 1], None, x):
            x = m._forward_then(x, None, True)
            i += 2
        else:
            x = m(x)
            i += 1
    return x


def _replaced(module):
    """Whether calling module may do more than its class's forward: hooks, or a forward set on the instance."""
    return module._has_hooks() or "forward" in module.__dict__


def _bn_relu_fuses(bn, relu, residual, y):
    """Whether relu?(bn(y) + residual?) may run as one batch-norm op (its modules as written otherwise)."""
    if (type(bn) not in _BATCH_NORMS or _replaced(bn)
            or (relu is not None and (type(relu) is not ReLU or _replaced(relu))) or _C._export_recording()):
        return False
    return residual is None or (isinstance(residual, _C.Tensor) and residual.shape == y.shape
                                and residual.dtype == y.dtype and residual.device == y.device)


def _sources(conv, bn):
    """(conv weight, conv bias, running mean, running var, bn weight, bn bias), or None when one is not
    a registered parameter or buffer (a module rewired by hand runs as written), or the conv weight or a
    running statistic is None."""
    cp, bp, bb = conv._parameters, bn._parameters, bn._buffers
    try:
        sources = cp["weight"], cp["bias"], bb["running_mean"], bb["running_var"], bp["weight"], bp["bias"]
    except KeyError:
        return None
    return None if sources[0] is None or sources[2] is None or sources[3] is None else sources


def _folded(conv, bn, x, relu):
    """conv's (weight, bias) with bn folded in, cached for the next calls, or None where the modules must run
    as written."""
    if (conv.training or bn.training or type(conv) is not Conv2d or type(bn) is not BatchNorm2d
            or _replaced(conv) or _replaced(bn) or (relu is not None and (type(relu) is not ReLU or _replaced(relu)))
            or conv.padding_mode != "zeros" or isinstance(conv.padding, str) or _C._export_recording()):
        return None
    sources = _sources(conv, bn)
    if sources is None or x.dim() != 4:
        return None
    if _C.is_grad_enabled() and (x.requires_grad or any(t is not None and t.requires_grad for t in sources)):
        return None
    if not _fits(sources, x):
        return None  # the modules raise their own errors
    folded = _C._fold_batch_norm(*sources, bn.eps)
    _cache[conv] = _C._FoldedConv(conv, bn, ReLU, sources, *folded)
    return folded


def _fits(sources, x):
    """Whether the six sources fold: one dtype and device with x, per-channel shapes of the conv's outputs."""
    weight = sources[0]
    if weight.dim() != 4 or weight.dtype != x.dtype or weight.device != x.device:
        return False
    channels = (weight.shape[0],)
    return all(t is None or (t.shape == channels and t.dtype == weight.dtype and t.device == weight.device)
               for t in sources[1:])
