"""The recording state of one export: which tensors are graph values, the
constants (weights), and the list of nodes.

Values are named in SSA form: graph inputs ``%input0``, node outputs ``%1``,
``%2``, ..., weights by their state-dict name and other constants
``%const0``, ... (``%`` cannot occur in a state-dict name, so names never
clash). A tensor that no graph input flows into is a constant: ops on
constants alone are not recorded, their results are folded into the file.

Sizes read from a value's shape are ``TracedDim`` ints that remember which
value and dim they came from, so ``x.view(x.shape[0], -1)`` or
``zeros(n, c, h, w)`` follow the batch size of the inputs; arithmetic on them
gives ``DerivedDim``, which a shape attribute refuses rather than freezing a
size that would be wrong for other inputs.
"""
from __future__ import annotations

import numbers

from .. import _C


class ExportError(ValueError):
    """A model cannot be recorded as a graph (an unsupported op, Python control
    flow on tensor values, an in-place change that a graph cannot express)."""


class DerivedDim(int):
    """An int computed from input sizes by arithmetic (see the module docstring)."""


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
    """Size ``dim`` of the graph value ``value``, read while tracing."""

    def __new__(cls, size, value, dim):
        obj = int.__new__(cls, size)
        obj.value = value
        obj.dim = dim
        return obj


def is_number(v):
    """A Python or NumPy number (what the bindings accept as an operand)."""
    return isinstance(v, numbers.Number) or (hasattr(v, "dtype") and hasattr(v, "item") and
                                             not isinstance(v, _C.Tensor))


class Tracer:
    """Collects the nodes of one forward pass. ``busy`` is non-zero while an
    op that is being recorded runs, so the ops it calls internally (and the
    recorders' own shape reads) are not recorded again."""

    def __init__(self, model):
        self.names = {}          # id(tensor) -> value name, for graph values
        self.alive = []          # the traced tensors, kept alive so their ids stay theirs
        self.const_names = {}    # id(tensor) -> constant name
        self.constants = {}      # constant name -> tensor
        self.const_versions = {}  # constant name -> storage version when it was first used
        self.nodes = []
        self.inputs = []
        self.info = {}           # value name -> (dtype name, shape) seen while tracing (for ONNX)
        self.stale = set()       # names of values that an in-place op changed behind the graph's back
        self.busy = 0
        self._count = 0
        self._scalars = {}
        self._known = {}
        named = []
        if hasattr(model, "named_parameters"):
            named += list(model.named_parameters())
        if hasattr(model, "named_buffers"):
            named += [(n, b) for n, b in model.named_buffers() if b is not None]
        for name, t in named:
            self._known.setdefault(id(t), (name, t))

    # ---- values ------------------------------------------------------------

    def is_traced(self, obj):
        return isinstance(obj, _C.Tensor) and id(obj) in self.names

    def involves(self, obj, depth=0):
        """Whether a call argument is (or holds) a graph value or a traced size."""
        if isinstance(obj, _C.Tensor):
            return id(obj) in self.names
        if isinstance(obj, DerivedDim):
            return True
        if depth < 3 and isinstance(obj, (list, tuple)):
            return any(self.involves(o, depth + 1) for o in obj)
        return False

    def bind(self, tensor, name):
        if not isinstance(tensor, _C.Tensor):
            raise ExportError(f"export: expected an op to return a Tensor, got {type(tensor).__name__}")
        self.names[id(tensor)] = name
        self.alive.append(tensor)
        self.info[name] = (str(tensor.dtype).split(".")[-1], tuple(int(s) for s in tensor.shape))

    def new_name(self):
        self._count += 1
        return f"%{self._count}"

    def add_input(self, tensor):
        name = f"%input{len(self.inputs)}"
        self.bind(tensor, name)
        self.inputs.append({"name": name, "rank": tensor.dim(), "dtype": str(tensor.dtype).split(".")[-1],
                            "shape": [int(s) for s in tensor.shape]})
        return name

    def value(self, obj, op):
        """The value name of a tensor argument of ``op``: a graph value or a constant."""
        if not isinstance(obj, _C.Tensor):
            raise ExportError(f"export: {op} expected a Tensor argument, got {type(obj).__name__}")
        name = self.names.get(id(obj))
        if name is not None:
            if name in self.stale:
                raise ExportError(f"export: {op} reads a tensor that shares memory with a tensor changed in place "
                                  f"earlier in the forward pass; a graph cannot express that aliasing (use the "
                                  f"out-of-place op, e.g. x = x + y instead of x += y)")
            return name
        name = self.const_names.get(id(obj))
        if name is not None:
            return name
        known = self._known.get(id(obj))
        if known is not None and known[1] is obj:
            name = known[0]
        else:
            name = f"%const{len(self.constants)}"
        self.const_names[id(obj)] = name
        self.constants[name] = obj
        self.info[name] = (str(obj.dtype).split(".")[-1], tuple(int(s) for s in obj.shape))
        self.const_versions[name] = obj._version
        return name

    def optional(self, obj, op):
        return None if obj is None else self.value(obj, op)

    def operand(self, obj, op):
        """A tensor, or a Python number as the 0-d "scalar" a binary op turns it into."""
        if isinstance(obj, _C.Tensor):
            return self.value(obj, op)
        if isinstance(obj, DerivedDim):
            raise ExportError(f"export: {op} uses a number computed from the inputs' sizes as an operand; "
                              f"graphs cannot follow it (use tensor ops instead)")
        if not is_number(obj):
            raise ExportError(f"export: {op} expected a Tensor or a number, got {type(obj).__name__}")
        value = scalar_value(obj, op)
        key = (type(value).__name__, repr(value))
        if key not in self._scalars:
            self._scalars[key] = self.emit("scalar", [], {"value": value}, 1)[0]
        return self._scalars[key]

    # ---- nodes -------------------------------------------------------------

    def emit(self, op, inputs, attrs, outputs):
        """Append a node; ``outputs`` is the tensors it produced (bound to the new
        names) or a count. Returns the output names."""
        if isinstance(outputs, int):
            names = [self.new_name() for _ in range(outputs)]
        else:
            names = []
            for t in outputs:
                names.append(self.new_name())
                self.bind(t, names[-1])
        node = {"op": op, "inputs": list(inputs), "outputs": names}
        if attrs:
            node["attrs"] = attrs
        self.nodes.append(node)
        return names

    def alias(self, tensor, name):
        """``tensor`` holds the same values as ``name`` (contiguous(), eval dropout, ...)."""
        self.bind(tensor, name)

    def replace_inplace(self, tensor, name):
        """``tensor`` was changed in place and now holds the value ``name``; other
        values over the same memory changed too, so reading them is refused."""
        base = _storage_base(tensor)
        if base is not None:
            for other in self.alive:
                if other is not tensor and _storage_base(other) == base and id(other) in self.names:
                    self.stale.add(self.names[id(other)])
        self.bind(tensor, name)

    def shape_attr(self, sizes, inputs, op):
        """A shape attribute for ``op``: fixed ints, or {"dim_of": k, "dim": d} for
        sizes read from a graph value (added to ``inputs`` when missing)."""
        out = []
        for s in sizes:
            if isinstance(s, TracedDim):
                if s.value not in inputs:
                    inputs.append(s.value)
                out.append({"dim_of": inputs.index(s.value), "dim": s.dim})
            elif isinstance(s, DerivedDim):
                raise ExportError(f"export: {op} was given a size computed by arithmetic on the inputs' sizes "
                                  f"({int(s)}); a graph cannot follow it to other input sizes. Use -1, flatten() "
                                  f"or sizes read directly from x.shape")
            elif isinstance(s, numbers.Integral) and not isinstance(s, bool):
                out.append(int(s))
            else:
                raise ExportError(f"export: {op} expected integer sizes, got {type(s).__name__}")
        return out

    # ---- the result ----------------------------------------------------------

    def output_names(self, out):
        if isinstance(out, _C.Tensor):
            outs = [out]
        elif isinstance(out, (tuple, list)) and out and all(isinstance(o, _C.Tensor) for o in out):
            outs = list(out)
        else:
            raise ExportError(f"export: the model must return a Tensor or a tuple/list of Tensors, got "
                              f"{type(out).__name__}")
        return [self.value(o, "the model's output") for o in outs]

    def check_constants(self):
        for name, t in self.constants.items():
            if t._version != self.const_versions[name]:
                raise ExportError(f"export: the constant '{name}' was changed in place during the forward pass "
                                  f"after a recorded op had read it; a graph stores one value per constant")

    def graph(self, out, producer):
        outputs = self.output_names(out)
        self.check_constants()
        return {"version": 1, "producer": producer, "inputs": self.inputs, "nodes": self.nodes,
                "outputs": outputs}


def _storage_base(t):
    """The address of the storage a CPU tensor views (None for empty tensors)."""
    if t.numel() == 0:
        return None
    return t.data_ptr() - t.storage_offset() * t.element_size()


def scalar_value(v, op):
    """A Python number as bool, int or float (NumPy scalars unwrapped)."""
    if not isinstance(v, (bool, int, float)):
        v = v.item()
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return float(v)
    raise ExportError(f"export: {op} expected a real number, got {type(v).__name__}")

