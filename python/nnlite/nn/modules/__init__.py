"""torch.nn.modules' import paths (``from nnlite.nn.modules.loss import _Loss``,
``nnlite.nn.modules.conv.Conv2d``, ...). nnlite's nn files are cut
differently from torch's, so each torch submodule here is a module object
whose names are the nn files' own classes (aliases, not copies), registered
in sys.modules so both ``import`` forms and attribute access work."""
import sys
import types

from .. import (activation, attention, containers, conv, conv1d, distance, dropout, flatten, instancenorm, linear,
                loss, module, normalization, padding, pixelshuffle, pooling, rnn, sparse, transformer, upsampling)

# torch submodule -> the nn files whose public names (plus the listed private ones) it holds.
_LAYOUT = {
    "module": ([module], []),
    "activation": ([activation], ["MultiheadAttention"]),
    "container": ([containers], []),
    "conv": ([conv, conv1d], ["_ConvNd"]),
    "linear": ([linear], []),
    "batchnorm": ([], ["BatchNorm1d", "BatchNorm2d", "_BatchNorm"]),
    "normalization": ([], ["LayerNorm", "GroupNorm"]),
    "instancenorm": ([instancenorm], ["_InstanceNorm"]),
    "pooling": ([pooling], []),
    "dropout": ([dropout], ["Dropout2d"]),
    "loss": ([loss], ["_Loss", "_WeightedLoss"]),
    "flatten": ([flatten], []),
    "padding": ([padding], []),
    "pixelshuffle": ([pixelshuffle], []),
    "distance": ([distance], []),
    "upsampling": ([], ["Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d"]),
    "rnn": ([rnn], []),
    "sparse": ([sparse], []),
    "transformer": ([transformer], []),
}
_SOURCES = (activation, attention, containers, conv, loss, normalization, instancenorm, upsampling, dropout)


def _find(name):
    for src in _SOURCES:
        if hasattr(src, name):
            return getattr(src, name)
    raise AttributeError(name)


def _build():
    names = {}
    for sub, (files, extra) in _LAYOUT.items():
        mod = types.ModuleType(f"{__name__}.{sub}", f"torch.nn.modules.{sub}'s names, from nnlite.nn")
        public = [n for f in files for n in getattr(f, "__all__", [])]
        for n in public:
            setattr(mod, n, getattr(next(f for f in files if hasattr(f, n)), n))
        for n in extra:
            setattr(mod, n, _find(n))
        mod.__all__ = public + [n for n in extra if not n.startswith("_")]
        sys.modules[mod.__name__] = mod
        globals()[sub] = mod
        names.update({n: getattr(mod, n) for n in mod.__all__})
    return names


globals().update(_build())
__all__ = sorted(n for n in globals() if n[:1].isupper())
