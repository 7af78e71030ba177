"""A restricted unpickler for dataset files (the CIFAR "python version").

Unpickling can call any importable function, so a downloaded pickle could run
code. ``loads`` resolves only the names a pickled NumPy array uses
(``numpy.core.multiarray._reconstruct``/``scalar``, ``numpy.ndarray``,
``numpy.dtype``, ``numpy.core.numeric._frombuffer`` for protocol 5, and
``_codecs.encode`` limited to latin-1, which protocol 2 uses for bytes) and
refuses every other global: nothing but containers, strings, numbers and
numeric arrays can come out.

Even those names never reach NumPy with the pickle's arguments. They return
stand-ins (``_DType``, ``_Array``) that take the pickled state, check it
(plain numeric dtypes only, no object arrays, a shape that matches the
bytes) and then build the array with ``np.frombuffer``, so a crafted state
cannot confuse NumPy's own ``__setstate__`` and no allocation exceeds the
file's size. The stand-ins are swapped for real arrays and dtypes before
``loads`` returns.
"""
from __future__ import annotations

import io
import math
import pickle
import pickletools

import numpy as np


class RefusedError(pickle.UnpicklingError):
    """The pickle asks for something the restricted unpickler does not allow."""


def _refuse(what):
    raise RefusedError(f"refused: {what}")


class _NdarrayType:
    """Stands for numpy.ndarray: usable only as _reconstruct's first argument."""

    def __repr__(self):
        return "numpy.ndarray"


_NDARRAY = _NdarrayType()


class _DType:
    """A pickled numpy.dtype: a plain numeric type and, from its state, a byte order."""

    def __init__(self, spec, align=False, copy=False):
        if not isinstance(spec, (str, bytes)):
            _refuse(f"a dtype built from {type(spec).__name__}")
        try:
            base = np.dtype(spec.decode("latin-1") if isinstance(spec, bytes) else spec)
        except TypeError:
            _refuse(f"the dtype {spec!r}")
        if base.kind not in "biufc" or base.fields is not None or base.subdtype is not None:
            _refuse(f"an array of dtype {base} (only plain numeric dtypes are allowed)")
        self.dtype = base

    def __setstate__(self, state):
        if not isinstance(state, tuple) or len(state) < 8:
            _refuse("a malformed dtype state")
        order = state[1]
        if any(s is not None for s in state[2:5]):
            _refuse("a dtype with fields or a sub-array")
        if order in ("<", ">"):
            self.dtype = self.dtype.newbyteorder(order)
        elif order not in ("|", "="):
            _refuse(f"the byte order {order!r}")


def _as_dtype(d):
    if isinstance(d, _DType):
        return d.dtype
    if isinstance(d, (str, bytes)):  # e.g. _reconstruct's placeholder b"b"
        return _DType(d).dtype
    _refuse(f"a {type(d).__name__} where a dtype belongs")


def _as_shape(shape):
    if not isinstance(shape, tuple) or any(isinstance(s, bool) or not isinstance(s, int) or s < 0 for s in shape):
        _refuse(f"the array shape {shape!r}")
    return shape


def _array_from(raw, dtype, shape, fortran=False):
    """A fresh array of ``shape`` from ``raw`` bytes, which must be exactly the right size."""
    if isinstance(raw, str):  # a Python 2 byte string read as latin-1
        raw = raw.encode("latin-1")
    if not isinstance(raw, (bytes, bytearray, pickle.PickleBuffer)):
        _refuse(f"array data given as {type(raw).__name__} (object arrays are not allowed)")
    raw = bytes(raw)  # an immutable copy: no buffer of the pickle's objects stays exported
    need = math.prod(shape) * dtype.itemsize
    if len(raw) != need:
        _refuse(f"an array of shape {shape} and {dtype} from {len(raw)} bytes (it needs {need})")
    return np.frombuffer(raw, dtype=dtype).reshape(shape, order="F" if fortran else "C").copy(order="A")


class _Array:
    """A pickled ndarray, built by _reconstruct and filled by its state."""

    array = None

    def __setstate__(self, state):
        if not isinstance(state, tuple) or len(state) not in (4, 5):
            _refuse("a malformed array state")
        shape, dtype, fortran, raw = state[-4:]
        self.array = _array_from(raw, _as_dtype(dtype), _as_shape(shape), bool(fortran))


def _reconstruct(subtype, shape, typecode):
    if subtype is not _NDARRAY:
        _refuse(f"_reconstruct of {subtype!r}; only numpy.ndarray is allowed")
    return _Array()


def _scalar(dtype, data=None):
    dtype = _as_dtype(dtype)
    if isinstance(data, str):
        data = data.encode("latin-1")
    if not isinstance(data, bytes):
        _refuse(f"a numpy scalar from {type(data).__name__}")
    return _array_from(data, dtype, ())[()]


def _frombuffer(buf, dtype, shape, order="C"):
    # Protocol 5 pickles an array as its raw buffer plus dtype and shape.
    if order not in ("C", "F"):
        _refuse(f"the array order {order!r}")
    return _array_from(buf, _as_dtype(dtype), _as_shape(shape), order == "F")


def _encode(text, encoding="utf-8"):
    if not isinstance(text, str) or encoding not in ("latin1", "latin-1"):
        _refuse(f"_codecs.encode with encoding {encoding!r}")
    return text.encode("latin-1")


_ALLOWED = {("numpy", "ndarray"): _NDARRAY, ("numpy", "dtype"): _DType, ("_codecs", "encode"): _encode}
for _prefix in ("numpy.core", "numpy._core"):
    _ALLOWED[(f"{_prefix}.multiarray", "_reconstruct")] = _reconstruct
    _ALLOWED[(f"{_prefix}.multiarray", "scalar")] = _scalar
    _ALLOWED[(f"{_prefix}.numeric", "_frombuffer")] = _frombuffer


class RestrictedUnpickler(pickle.Unpickler):
    """An Unpickler whose find_class resolves only the names listed above."""

    def find_class(self, module, name):
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise RefusedError(f"refused to load global '{module}.{name}': only NumPy arrays, lists, "
                               "dicts, strings and numbers are allowed") from None

    def persistent_load(self, pid):
        raise RefusedError("refused: persistent ids")


def _finish(obj):
    """Swap the stand-ins for real arrays/dtypes, walking containers iteratively
    (pickles can be deep or self-referencing)."""
    def real(x):
        if isinstance(x, _Array):
            if x.array is None:
                _refuse("an array without its data")
            return x.array
        return x.dtype if isinstance(x, _DType) else x

    stack, seen = [obj], set()
    while stack:
        x = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        if isinstance(x, list):
            for i, v in enumerate(x):
                x[i] = real(v)
                stack.append(x[i])
        elif isinstance(x, dict):
            for k, v in list(x.items()):
                if isinstance(k, (_Array, _DType)):
                    _refuse("an array or dtype as a dict key")
                x[k] = real(v)
                stack.append(x[k])
        elif isinstance(x, (tuple, set, frozenset)):
            for v in x:
                if isinstance(v, (_Array, _DType)):
                    _refuse(f"an array inside a {type(x).__name__}")  # immutable: cannot be swapped
                stack.append(v)
    return real(obj)


def loads(data: bytes, name: str = "<bytes>"):
    """Unpickle ``data`` with the restricted unpickler. Python 2 strings are
    read as latin-1 (how NumPy's Python 2 arrays store their bytes). Any
    failure, a refused global included, is a ValueError naming ``name``."""
    try:
        # A first pass over the opcodes checks every length prefix against the
        # bytes that remain, so a few corrupt bytes cannot make the unpickler
        # allocate gigabytes for a string the file does not hold.
        # It also bounds memo indices: CPython sizes its memo array from the
        # largest index, so LONG_BINPUT 2**32-1 alone would ask for 32 GiB. A
        # pickler numbers memo entries from 0 and each PUT takes >= 2 bytes,
        # so no honest index reaches len(data).
        for op, arg, pos in pickletools.genops(data):
            if op.name in ("PUT", "BINPUT", "LONG_BINPUT") and not 0 <= int(arg) < len(data):
                raise RefusedError(f"memo index {arg} at byte {pos} (a {len(data)}-byte pickle "
                                   f"numbers its memo below {len(data)})")
        return _finish(RestrictedUnpickler(io.BytesIO(data), encoding="latin1").load())
    except RefusedError as e:
        raise ValueError(f"'{name}' is not a safe dataset pickle: {e}") from None
    except Exception as e:  # nothing can run, so any other error means a malformed file
        raise ValueError(f"'{name}' is not a valid pickle file (corrupt or truncated?): "
                         f"{type(e).__name__}: {e}") from None


def load(path):
    """Read and unpickle the file at ``path`` (see ``loads``)."""
    with open(path, "rb") as f:
        return loads(f.read(), str(path))
