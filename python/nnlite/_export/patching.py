"""Recording hooks, installed only while a model is traced.

For the duration of ``recording(tracer)`` every function of ``nnlite._C``
(wherever a module holds it: ``nnlite._C.linear``, ``nnlite.cat``, a name
imported into another module) and every op method of ``Tensor`` is replaced
by a wrapper that calls the original and, when an argument is a graph value,
hands the call to the op's recorder. Calls that touch no graph value (ops on
weights alone, other threads' calls) run unchanged. Outside a trace nothing
is wrapped, so normal calls pay nothing.
"""
from __future__ import annotations

import contextlib
import sys
import threading
import types

from .. import _C
from . import ops_nn, ops_sequence, ops_shape, ops_tensor
from .tracer import ExportError, TracedDim

FUNCTIONS = {**ops_nn.FUNCTIONS, **ops_tensor.FUNCTIONS, **ops_shape.FUNCTIONS, **ops_sequence.FUNCTIONS}
METHODS = {**ops_nn.METHODS, **ops_tensor.METHODS, **ops_shape.METHODS, **ops_sequence.METHODS}
PROPERTIES = ops_shape.PROPERTIES

# Tensor attributes that read metadata only, or are not ops: left alone.
_PLAIN = {
    "__init__", "__hash__", "__repr__", "__deepcopy__", "__reduce_ex__", "__doc__", "__module__", "__len__",
    "_pybind11_conduit_v1_", "_version", "backward", "data_ptr", "device", "dim", "dtype", "element_size", "grad",
    "grad_fn", "is_contiguous", "is_cuda", "is_floating_point", "is_leaf", "itemsize", "ndim", "numel",
    "register_hook", "requires_grad", "requires_grad_", "retain_grad", "retains_grad", "storage_offset", "stride",
    "__dlpack_device__",
}
# Tensor methods that hand tensor values to Python: refused on graph values.
_READERS = {"item", "tolist", "numpy", "__array__", "__dlpack__", "__bool__", "__float__", "__int__", "__index__",
            "__iter__"}

_lock = threading.Lock()
_active = None  # (tracer, thread ident) while recording


def _current():
    state = _active
    if state is None or state[1] != threading.get_ident():
        return None
    tracer = state[0]
    return None if tracer.busy else tracer


def _involves(tracer, args, kwargs):
    return tracer.involves(args) or (kwargs and tracer.involves(tuple(kwargs.values())))


def _wrap(qualname, original, recorder):
    def wrapper(*args, **kwargs):
        tracer = _current()
        if tracer is None or not _involves(tracer, args, kwargs):
            return original(*args, **kwargs)
        if recorder is None:
            raise ExportError(f"export: {qualname} is not supported in exported graphs (it was called on a tensor "
                              f"computed from the model's inputs)")
        tracer.busy += 1
        try:
            out = original(*args, **kwargs)
            if out is not NotImplemented:  # an operator declining a type: Python tries the reflected one
                recorder(tracer, out, *args, **kwargs)
        finally:
            tracer.busy -= 1
        return out

    wrapper.__name__ = getattr(original, "__name__", qualname)
    wrapper.__qualname__ = qualname
    wrapper.__doc__ = getattr(original, "__doc__", None)
    return wrapper


def _reader(name, original):
    def wrapper(self, *args, **kwargs):
        tracer = _current()
        if tracer is not None and tracer.is_traced(self):
            raise ExportError(f"export: Tensor.{name} reads the values of a tensor computed from the model's inputs; "
                              f"Python control flow or numbers that depend on input values cannot be recorded in "
                              f"a graph")
        if original is None:  # the class has no __iter__: Python's sequence protocol
            return _sequence_iter(self)
        return original(self, *args, **kwargs)

    wrapper.__name__ = name
    return wrapper


def _sequence_iter(seq):
    i = 0
    while True:
        try:
            item = seq[i]
        except IndexError:
            return
        yield item
        i += 1


def _traced_shape(original):
    def shape(self):
        tracer = _current()
        if tracer is not None and tracer.is_traced(self):
            name = tracer.value(self, "shape")
            return tuple(TracedDim(int(s), name, d) for d, s in enumerate(original.fget(self)))
        return original.fget(self)

    return property(shape, doc=original.__doc__)


def _traced_size(original):
    def size(self, dim=None):
        tracer = _current()
        if tracer is None or not tracer.is_traced(self):
            return original(self, dim)
        if dim is None:
            return self.shape
        n = original(self, dim)  # checks dim
        rank = self.dim()
        return TracedDim(n, tracer.value(self, "size"), int(dim) + rank if dim < 0 else int(dim))

    return size


def _tensor_replacements():
    cls = _C.Tensor
    out = {}
    for name, attr in vars(cls).items():
        if name in _PLAIN:
            continue
        if name in _READERS:
            out[name] = _reader(name, getattr(cls, name))
        elif name == "shape":
            out[name] = _traced_shape(attr)
        elif name == "size":
            out[name] = _traced_size(getattr(cls, name))
        elif isinstance(attr, property):
            recorder = PROPERTIES.get(name)
            fget = _wrap(f"Tensor.{name}", attr.fget, recorder)
            out[name] = property(fget, attr.fset, attr.fdel, attr.__doc__)
        elif callable(attr):
            out[name] = _wrap(f"Tensor.{name}", getattr(cls, name), METHODS.get(name))
    if "__iter__" not in vars(cls):
        out["__iter__"] = _reader("__iter__", None)
    return out


def _function_replacements():
    out = {}
    for name, fn in vars(_C).items():
        if isinstance(fn, types.BuiltinFunctionType):
            out[id(fn)] = (fn, _wrap(f"nnlite.{name}", fn, FUNCTIONS.get(name)))
    return out


def _module_slots(functions):
    """(module, attribute, original) for every module attribute that holds an _C function."""
    slots = []
    for module in list(sys.modules.values()):
        try:
            namespace = vars(module)
        except TypeError:
            continue
        for key, value in list(namespace.items()):
            entry = functions.get(id(value))
            if entry is not None and entry[0] is value:
                slots.append((module, key, value))
    return slots


@contextlib.contextmanager
def recording(tracer):
    """Install the hooks for ``tracer`` on this thread's calls; one trace at a time."""
    global _active
    if not _lock.acquire(blocking=False):
        raise RuntimeError("export: another export is running; exports cannot run at the same time")
    cls = _C.Tensor
    saved_tensor = {}
    slots = []
    try:
        replacements = _tensor_replacements()
        functions = _function_replacements()
        slots = _module_slots(functions)
        for name, new in replacements.items():
            saved_tensor[name] = vars(cls).get(name)
            setattr(cls, name, new)
        for module, key, original in slots:
            setattr(module, key, functions[id(original)][1])
        _active = (tracer, threading.get_ident())
        yield tracer
    finally:
        _active = None
        for module, key, original in slots:
            setattr(module, key, original)
        for name, original in saved_tensor.items():
            if original is None:
                delattr(cls, name)
            else:
                setattr(cls, name, original)
        _lock.release()
