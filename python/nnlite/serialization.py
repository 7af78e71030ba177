"""``nnlite.save`` / ``nnlite.load``: tensors, state dicts and whole training
checkpoints in safetensors files.

The file is a plain safetensors file that the ``safetensors`` package and
PyTorch (``safetensors.torch.load_file``) read directly. A nested object
(dicts, lists and tuples of tensors, NumPy arrays, numbers, strings, booleans and None) is
stored as its tensors, named by their dotted path (``model.fc.weight``,
``optimizer.state.0.momentum_buffer``), plus a JSON description of everything
else under the ``"nnlite"`` key of the file's ``__metadata__``, so that
``load`` gives back the same structure with the same types: dict or
OrderedDict with their key order and key types, list or tuple, int, float
(inf and nan included), bool, str, None. A flat ``{str: Tensor}`` state dict
keeps its keys as the tensor names.

Tensors are saved detached and contiguous (a Parameter comes back as a plain
Tensor on the CPU); a tensor that appears twice is stored twice. Loading runs
no code: the C++ reader checks every length and offset, and the description is
JSON checked here against the tensors the file holds.
"""
from __future__ import annotations

import json
import math
import numbers
import os
from collections import OrderedDict

import numpy as np

from . import _C
from ._C import Tensor

__all__ = ["save", "load", "to_bytes", "from_bytes", "save_file", "load_file"]

META_KEY = "nnlite"  # the __metadata__ entry holding the structure
VERSION = 1
MAX_DEPTH = 100  # nesting levels, far below Python's recursion limit


def _fspath(path, op):
    if isinstance(path, (str, bytes, os.PathLike)):
        p = os.fspath(path)
        return os.fsdecode(p) if isinstance(p, bytes) else p
    raise TypeError(f"{op}: path must be a str or os.PathLike, got {type(path).__name__}")


def _check_str_dict(d, op, what, value_type, value_name):
    """Raise a TypeError naming the first entry of ``d`` that is not str -> value_type."""
    if not isinstance(d, dict):
        raise TypeError(f"{op}: {what} must be a dict of str to {value_name}, got {type(d).__name__}")
    for k, v in d.items():
        if not isinstance(k, str):
            raise TypeError(f"{op}: {what} must be a dict of str to {value_name}, got the key {k!r} "
                            f"of type {type(k).__name__}")
        if not isinstance(v, value_type):
            raise TypeError(f"{op}: {what} must be a dict of str to {value_name}, got a value of type "
                            f"{type(v).__name__} at key {k!r}")


def _check_metadata(metadata, op):
    if metadata is None:
        return {}
    _check_str_dict(metadata, op, "metadata", str, "str")
    if META_KEY in metadata:
        raise ValueError(f"{op}: the metadata key '{META_KEY}' is reserved for the structure nnlite stores")
    return dict(metadata)


# ---- flattening (save) -----------------------------------------------------------


def _float(x):
    """A float as JSON: the number itself, or a tag for what JSON cannot spell."""
    if math.isfinite(x):
        return x
    return {"float": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


class _Flattener:
    def __init__(self, op):
        self.op = op
        self.tensors = {}
        self.open = set()  # ids of the containers being walked: a repeat is a cycle

    def _where(self, path):
        return "'" + ".".join(path) + "'" if path else "the top level"

    def _name(self, path):
        base = ".".join(path) if path else "tensor"
        name, n = base, 0
        while name in self.tensors:  # {"a.b": x, "a": {"b": y}} spell the same path
            n += 1
            name = f"{base}#{n}"
        return name

    def scalar(self, obj, path):
        """None, bool, int, float, str as JSON, or None when obj is none of them."""
        if obj is None or isinstance(obj, bool):
            return obj, True
        if isinstance(obj, str):
            return str.__str__(obj), True
        if isinstance(obj, np.bool_):
            return bool(obj), True
        if isinstance(obj, numbers.Integral):
            return int(obj), True
        if isinstance(obj, numbers.Real):
            return _float(float(obj)), True
        return None, False

    def array(self, arr, path):
        """Store a NumPy array as a tensor of its own dtype; load gives back an ndarray."""
        from . import tensor as _tensor
        try:
            t = _tensor(np.ascontiguousarray(arr))
        except (TypeError, ValueError, RuntimeError):
            t = None
        if t is None or t.numpy().dtype != arr.dtype:
            raise TypeError(f"{self.op}: cannot store a NumPy array of dtype {arr.dtype} at {self._where(path)}; "
                            "nnlite tensors hold float32, float64, int64, int32 and uint8 among others")
        name = self._name(path)
        self.tensors[name] = t
        return name

    def key(self, k, path):
        value, ok = self.scalar(k, path)
        if not ok:
            raise TypeError(f"{self.op}: a dict at {self._where(path)} has a key of type {type(k).__name__}; "
                            "keys must be str, int, float, bool or None")
        return value

    def value(self, obj, path):
        if isinstance(obj, Tensor):
            name = self._name(path)
            self.tensors[name] = obj.detach()
            return {"tensor": name}
        if isinstance(obj, np.ndarray):
            return {"ndarray": self.array(obj, path)}
        value, ok = self.scalar(obj, path)
        if ok:
            return value
        if not isinstance(obj, (dict, list, tuple)):
            hint = " (save its state_dict())" if hasattr(obj, "state_dict") else ""
            raise TypeError(f"{self.op}: cannot store a {type(obj).__name__} at {self._where(path)}{hint}; "
                            "expected tensors, dicts, lists, tuples, numbers, strings, booleans or None")
        if id(obj) in self.open:
            raise ValueError(f"{self.op}: the object contains itself at {self._where(path)}")
        if len(path) >= MAX_DEPTH:
            raise ValueError(f"{self.op}: the object is nested deeper than {MAX_DEPTH} levels")
        self.open.add(id(obj))
        try:
            if isinstance(obj, dict):
                items = [[self.key(k, path), self.value(v, path + [str(k)])] for k, v in obj.items()]
                return {"odict" if isinstance(obj, OrderedDict) else "dict": items}
            items = [self.value(v, path + [str(i)]) for i, v in enumerate(obj)]
            return items if isinstance(obj, list) else {"tuple": items}
        finally:
            self.open.discard(id(obj))


def _flatten(obj, metadata, op):
    """({name: Tensor}, {str: str}) for the C++ writer."""
    meta = _check_metadata(metadata, op)
    f = _Flattener(op)
    structure = f.value(obj, [])
    meta[META_KEY] = json.dumps({"version": VERSION, "object": structure}, allow_nan=False, separators=(",", ":"))
    return f.tensors, meta


# ---- rebuilding (load) -----------------------------------------------------------


class _Rebuilder:
    def __init__(self, tensors, where):
        self.tensors = tensors
        self.where = where
        self.used = set()

    def fail(self, what):
        raise ValueError(f"{self.where}: the '{META_KEY}' structure in the metadata is invalid: {what}")

    def scalar(self, v):
        if v is None or isinstance(v, (bool, int, float, str)):
            return v
        if isinstance(v, dict) and len(v) == 1 and "float" in v:
            if v["float"] not in ("nan", "inf", "-inf"):
                self.fail(f"a float tag holds {v['float']!r}, expected 'nan', 'inf' or '-inf'")
            return float(v["float"])
        self.fail(f"expected a number, string, boolean or null, found {type(v).__name__}")

    def value(self, v, depth):
        if depth > MAX_DEPTH:
            self.fail(f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(v, list):
            return [self.value(x, depth + 1) for x in v]
        if not isinstance(v, dict):
            return self.scalar(v)
        if len(v) != 1:
            self.fail(f"a tagged value has keys {sorted(v)}, expected exactly one")
        (tag, body), = v.items()
        if tag == "float":
            return self.scalar(v)
        if tag == "tensor":
            if not isinstance(body, str) or body not in self.tensors:
                self.fail(f"it names a tensor {body!r} that the file does not hold")
            self.used.add(body)
            return self.tensors[body]
        if tag == "ndarray":
            return self.value({"tensor": body}, depth).numpy()
        if tag == "tuple":
            if not isinstance(body, list):
                self.fail("a tuple is not a list of values")
            return tuple(self.value(x, depth + 1) for x in body)
        if tag in ("dict", "odict"):
            if not isinstance(body, list):
                self.fail("a dict is not a list of [key, value] pairs")
            out = OrderedDict() if tag == "odict" else {}
            for pair in body:
                if not isinstance(pair, list) or len(pair) != 2:
                    self.fail("a dict item is not a [key, value] pair")
                key = self.scalar(pair[0])
                if key in out:
                    self.fail(f"a dict repeats the key {key!r}")
                out[key] = self.value(pair[1], depth + 1)
            return out
        self.fail(f"unknown tag {tag!r}")


def _rebuild(tensors, metadata, where):
    raw = metadata.get(META_KEY)
    if raw is None:  # written by another tool: the tensors, in name order
        return dict(tensors)
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError) as e:
        raise ValueError(f"{where}: the '{META_KEY}' metadata is not valid JSON ({e})") from None
    if not isinstance(doc, dict) or "object" not in doc:
        raise ValueError(f"{where}: the '{META_KEY}' metadata is not an nnlite structure record")
    if doc.get("version") != VERSION:
        raise ValueError(f"{where}: structure version {doc.get('version')!r}; this nnlite reads version {VERSION}")
    r = _Rebuilder(tensors, where)
    obj = r.value(doc["object"], 0)
    unused = sorted(set(tensors) - r.used)
    if unused:
        shown = ", ".join(repr(n) for n in unused[:5]) + (", ..." if len(unused) > 5 else "")
        raise ValueError(f"{where}: the file holds tensors that its '{META_KEY}' structure does not mention: {shown}")
    return obj


# ---- public API --------------------------------------------------------------------


def _refuse_module(obj, op):
    from .nn import Module
    if isinstance(obj, Module):
        raise TypeError(f"{op}: cannot save a whole {type(obj).__name__} module: PyTorch pickles modules, and "
                        "nnlite never unpickles code; save its state_dict() instead "
                        "(nnlite.save(model.state_dict(), path)) and load it with model.load_state_dict()")


def _check_map_location(map_location):
    # nnlite tensors live on the CPU: every location that means the CPU is accepted.
    if map_location is None or callable(map_location) or isinstance(map_location, dict):
        return
    if str(map_location).split(":")[0] != "cpu":
        raise ValueError(f"load: map_location={map_location!r} is not available; nnlite loads tensors on the CPU "
                         "(use None or 'cpu')")


def save(obj, f, metadata=None) -> None:
    """Write ``obj`` (a Tensor, a state dict, or a nested dict/list/tuple of
    tensors, NumPy arrays, numbers, strings, booleans and None) as a
    safetensors file to ``f``: a path (str, bytes, pathlib) or a binary file
    object with ``write``.

    A path is written through a temporary file in the same directory that is
    synced and renamed over it, so a failed save leaves any previous file
    intact. ``metadata`` adds {str: str} entries to the file's __metadata__.
    A whole Module is refused (save its state_dict()). Raises TypeError for
    objects it cannot store, OSError when the file system refuses.
    """
    _refuse_module(obj, "save")
    if hasattr(f, "write") and not isinstance(f, (str, bytes, os.PathLike)):
        f.write(to_bytes(obj, metadata))
        return
    path = _fspath(f, "save")
    tensors, meta = _flatten(obj, metadata, "save")
    _C.save_safetensors(tensors, path, meta)


def load(f, map_location=None, weights_only=None, **pickle_load_args):
    """Read a file written by ``save`` (a path or a binary file object with
    ``read``) and return the same structure; a safetensors file from another
    tool gives {name: Tensor}. NumPy arrays come back as arrays.

    ``map_location`` may be None, 'cpu' (or a CPU device, a dict or a
    callable, which have nothing to remap). ``weights_only`` is accepted with
    any value: nnlite never unpickles, so loading is always weights-only.
    Malformed files raise ValueError naming the file and the problem; a
    missing one FileNotFoundError."""
    _check_map_location(map_location)
    if weights_only not in (None, True, False):
        raise TypeError(f"load: weights_only must be a bool or None, got {weights_only!r}")
    if pickle_load_args:
        raise TypeError(f"load: unexpected arguments {sorted(pickle_load_args)}; nnlite files are not pickles")
    if hasattr(f, "read") and not isinstance(f, (str, bytes, os.PathLike)):
        return from_bytes(f.read(), str(getattr(f, "name", "<file object>")))
    path = _fspath(f, "load")
    tensors, meta = _C.load_safetensors(path)
    return _rebuild(tensors, meta, f"load: '{path}'")


def to_bytes(obj, metadata=None) -> bytes:
    """The bytes of the file ``save(obj, path)`` writes."""
    _refuse_module(obj, "to_bytes")
    tensors, meta = _flatten(obj, metadata, "to_bytes")
    return _C.safetensors_to_bytes(tensors, meta)


def from_bytes(data, name="<bytes>"):
    """``load`` for the bytes of a file; ``name`` stands for it in errors."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"from_bytes: data must be bytes, got {type(data).__name__}")
    tensors, meta = _C.safetensors_from_bytes(bytes(data), name)
    return _rebuild(tensors, meta, f"load: '{name}'")


def save_file(tensors, path, metadata=None) -> None:
    """The plain safetensors API: write {str: Tensor} and {str: str} metadata
    as they are, with no structure record (like ``safetensors.numpy.save_file``)."""
    path = _fspath(path, "save_file")
    _check_str_dict(tensors, "save_file", "tensors", Tensor, "nnlite.Tensor")
    meta = {} if metadata is None else metadata
    _check_str_dict(meta, "save_file", "metadata", str, "str")
    _C.save_safetensors({k: v.detach() for k, v in tensors.items()}, path, meta)


def load_file(path):
    """The plain safetensors API: ({name: Tensor} in name order, {str: str} metadata)."""
    return _C.load_safetensors(_fspath(path, "load_file"))
