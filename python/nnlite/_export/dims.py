"""Sizes read while an export records.

While a thread records an export, ``x.shape`` and ``x.size(d)`` of a graph
value (a tensor computed from the model's inputs) are ``TracedDim`` ints
made by the bindings (cpp/bindings/tensor.cpp): they remember which value
and dim they came from, and the bindings' shape conversion hands that to
the recorder, so ``x.view(x.shape[0], -1)`` or ``zeros(n, c, h, w)`` follow
the batch size of the inputs. Arithmetic on them gives ``DerivedDim``, which
shape arguments refuse rather than freezing a size that would be wrong for
other inputs. Outside a recording they never appear.
"""
from __future__ import annotations


class DerivedDim(int):
    """An int computed from input sizes by arithmetic (see the module docstring)."""

    _nnlite_derived = True  # what the bindings look for (cpp/bindings/convert.cpp)


def _arith(name):
    base = getattr(int, name)

    def op(self, *args):
        result = base(self, *args)
        if isinstance(result, int) and not isinstance(result, bool):
            return DerivedDim(result)
        return result  # NotImplemented, or a float from pow with a negative exponent

    op.__name__ = name
    return op


for _name in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__floordiv__",
              "__rfloordiv__", "__mod__", "__rmod__", "__neg__", "__pos__", "__abs__", "__pow__", "__rpow__"):
    setattr(DerivedDim, _name, _arith(_name))


class TracedDim(DerivedDim):
    """Size ``dim`` of the graph value named ``value``, read while recording."""

    def __new__(cls, size, value, dim):
        obj = int.__new__(cls, size)
        obj.value = value
        obj.dim = dim
        return obj

    def __reduce__(self):  # pickles and copies as a plain int
        return (int, (int(self),))
