"""Building an ONNX graph from a recorded nnlite graph: names, initializers,
nodes, dtypes and shape tensors (the op converters are in ops.py)."""
from __future__ import annotations

import numpy as np

_NUMPY = {"bool": np.bool_, "uint8": np.uint8, "int32": np.int32, "int64": np.int64, "float32": np.float32,
          "float64": np.float64}
_ORDER = ["bool", "uint8", "int32", "int64", "float32", "float64"]


def promote(a, b):
    """nnlite's promotion of two tensor dtypes (bool < uint8 < int32 < int64 < float32 < float64)."""
    return _ORDER[max(_ORDER.index(a), _ORDER.index(b))]


def is_float(dtype):
    return dtype in ("float32", "float64")


class UnsupportedOp(ValueError):
    """An nnlite graph op (or an option of one) that the ONNX exporter cannot express."""


class Builder:
    def __init__(self, onnx, info, scalars):
        self.onnx = onnx
        self.helper = onnx.helper
        self.info = dict(info)     # value name -> (dtype, shape seen at export)
        self.scalars = scalars     # "scalar" node outputs -> Python number
        self.nodes = []
        self.initializers = []
        self._count = 0
        self._consts = {}

    # ---- names, constants, nodes ---------------------------------------------------

    def fresh(self, hint="t"):
        self._count += 1
        return f"onnx::{hint}{self._count}"

    def node(self, op_type, inputs, outputs=None, **attrs):
        """Append an ONNX node; ``outputs`` None means one fresh name. Returns the output name(s)."""
        single = outputs is None
        outputs = [self.fresh(op_type)] if single else list(outputs)
        self.nodes.append(self.helper.make_node(op_type, list(inputs), outputs, **attrs))
        return outputs[0] if single else outputs

    def const(self, value, dtype):
        """An initializer holding ``value`` (a number or nested list) as ``dtype``; shared by value."""
        array = np.asarray(value, dtype=_NUMPY[dtype])
        key = (dtype, array.shape, array.tobytes())
        if key not in self._consts:
            name = self.fresh("const")
            self.initializers.append(self.onnx.numpy_helper.from_array(array, name))
            self._consts[key] = name
        return self._consts[key]

    def ints(self, values):
        return self.const(list(values), "int64")

    def dtype_of(self, name):
        entry = self.info.get(name)
        return entry[0] if entry else None

    def shape_of(self, name):
        entry = self.info.get(name)
        return entry[1] if entry else None

    def rank_of(self, name, op):
        shape = self.shape_of(name)
        if shape is None:
            raise UnsupportedOp(f"onnx.export: {op} needs the rank of '{name}', which was not recorded")
        return len(shape)

    def onnx_type(self, dtype):
        t = self.onnx.TensorProto
        return {"bool": t.BOOL, "uint8": t.UINT8, "int32": t.INT32, "int64": t.INT64, "float32": t.FLOAT,
                "float64": t.DOUBLE}[dtype]

    # ---- operands ----------------------------------------------------------------------

    def operand(self, name, dtype):
        """Value ``name`` as ``dtype``: scalars become constants of that dtype,
        tensors of another (known) dtype get a Cast."""
        if name in self.scalars:
            return self.const(self.scalars[name], dtype)
        have = self.dtype_of(name)
        if have is None or have == dtype:
            return name
        return self.node("Cast", [name], to=self.onnx_type(dtype))

    # ---- shapes ------------------------------------------------------------------------

    def dim(self, value, d):
        """A 1-element int64 tensor holding the size of dim ``d`` of ``value``."""
        shape = self.node("Shape", [value])
        return self.node("Gather", [shape, self.ints([d])], axis=0)

    def shape_tensor(self, entries, refs):
        """An int64 shape tensor from nnlite shape entries: ints, or
        {"dim_of": k, "dim": d} read from ``refs[k]`` while the graph runs."""
        if all(isinstance(e, int) for e in entries):
            return self.ints(entries)
        parts, fixed = [], []
        for e in entries:
            if isinstance(e, int):
                fixed.append(e)
                continue
            if fixed:
                parts.append(self.ints(fixed))
                fixed = []
            parts.append(self.dim(refs[e["dim_of"]], e["dim"]))
        if fixed:
            parts.append(self.ints(fixed))
        return parts[0] if len(parts) == 1 else self.node("Concat", parts, axis=0)
