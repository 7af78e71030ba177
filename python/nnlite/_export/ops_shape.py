"""Recorders of views, indexing, joins, creation with sizes read from the
inputs, and the in-place ops a graph can express (graph ops in
cpp/src/exported/ops_shape.cpp)."""
from __future__ import annotations

import numbers

from .attrs import dtype_name, fixed_int, int_list, number, scalar
from .tracer import ExportError, TracedDim


def _sizes(args, op):
    """view(2, 3) or view((2, 3)) -> [2, 3], keeping TracedDims."""
    if len(args) == 1 and isinstance(args[0], (list, tuple)):
        return list(args[0])
    return list(args)


def _reshape(t, out, input, sizes, op):
    inputs = [t.value(input, op)]
    shape = t.shape_attr(sizes, inputs, op)
    t.emit("reshape", inputs, {"shape": shape}, [out])


def view_method(t, out, self, *shape):
    _reshape(t, out, self, _sizes(shape, "view"), "view")


def reshape_method(t, out, self, *shape):
    _reshape(t, out, self, _sizes(shape, "reshape"), "reshape")


def reshape_function(t, out, input, shape):
    _reshape(t, out, input, _sizes((shape,), "reshape"), "reshape")


def _sizes_of(t, other, op):
    """The sizes of ``other``: following it when it is a graph value."""
    if t.is_traced(other):
        name = t.value(other, op)
        return [TracedDim(int(s), name, d) for d, s in enumerate(other.shape)]
    return [int(s) for s in other.shape]


def view_as(t, out, self, other):
    _reshape(t, out, self, _sizes_of(t, other, "view_as"), "view_as")


def _expand(t, out, input, sizes, op):
    inputs = [t.value(input, op)]
    shape = t.shape_attr(sizes, inputs, op)
    t.emit("expand", inputs, {"shape": shape}, [out])


def expand_method(t, out, self, *sizes):
    _expand(t, out, self, _sizes(sizes, "expand"), "expand")


def expand_as(t, out, self, other):
    _expand(t, out, self, _sizes_of(t, other, "expand_as"), "expand_as")


def flatten(t, out, input, start_dim=0, end_dim=-1):
    t.emit("flatten", [t.value(input, "flatten")], {"start_dim": fixed_int(start_dim, "flatten", "start_dim"),
                                                     "end_dim": fixed_int(end_dim, "flatten", "end_dim")}, [out])


def transpose(t, out, input, dim0, dim1):
    t.emit("transpose", [t.value(input, "transpose")],
           {"dim0": fixed_int(dim0, "transpose", "dim0"), "dim1": fixed_int(dim1, "transpose", "dim1")}, [out])


def permute_method(t, out, self, *dims):
    permute_function(t, out, self, _sizes(dims, "permute"))


def permute_function(t, out, input, dims):
    t.emit("permute", [t.value(input, "permute")], {"dims": int_list(dims, "permute", "dims")}, [out])


def t_(t, out, input):
    # t() of a 0-d or 1-d tensor is the tensor itself.
    if input.dim() < 2:
        t.alias(out, t.value(input, "t"))
    else:
        transpose(t, out, input, 0, 1)


def T(t, out, self):
    permute_function(t, out, self, list(range(self.dim() - 1, -1, -1)))


def mT(t, out, self):
    transpose(t, out, self, -2, -1)


def squeeze(t, out, input, dim=None):
    attrs = {} if dim is None else {"dims": int_list(dim, "squeeze", "dim")}
    t.emit("squeeze", [t.value(input, "squeeze")], attrs, [out])


def unsqueeze(t, out, input, dim):
    t.emit("unsqueeze", [t.value(input, "unsqueeze")], {"dim": fixed_int(dim, "unsqueeze", "dim")}, [out])


def narrow(t, out, input, dim, start, length):
    attrs = {"dim": fixed_int(dim, "narrow", "dim"), "start": fixed_int(start, "narrow", "start"),
             "length": fixed_int(length, "narrow", "length")}
    t.emit("narrow", [t.value(input, "narrow")], attrs, [out])


def select(t, out, input, dim, index):
    t.emit("select", [t.value(input, "select")],
           {"dim": fixed_int(dim, "select", "dim"), "index": fixed_int(index, "select", "index")}, [out])


def alias(t, out, input, *args, **kwargs):
    """contiguous(), clone(), detach(), .data: the same values."""
    t.alias(out, t.value(input, "alias"))


def split(t, out, input, split_size_or_sections, dim=0):
    op = "split"
    if isinstance(split_size_or_sections, (list, tuple)):
        attrs = {"sizes": int_list(split_size_or_sections, op, "sections")}
    else:
        attrs = {"split_size": fixed_int(split_size_or_sections, op, "split_size")}
    attrs["dim"] = fixed_int(dim, op, "dim")
    t.emit(op, [t.value(input, op)], attrs, list(out))


def chunk(t, out, input, chunks, dim=0):
    t.emit("chunk", [t.value(input, "chunk")],
           {"chunks": fixed_int(chunks, "chunk", "chunks"), "dim": fixed_int(dim, "chunk", "dim")}, list(out))


def unbind(t, out, input, dim=0):
    d = fixed_int(dim, "unbind", "dim")
    x = t.value(input, "unbind")
    for i, piece in enumerate(out):
        t.emit("select", [x], {"dim": d, "index": i}, [piece])


def _join(op):
    def record(t, out, tensors, dim=0):
        t.emit(op, [t.value(x, op) for x in tensors], {"dim": fixed_int(dim, op, "dim")}, [out])

    return record


# ---- indexing -------------------------------------------------------------------


def getitem(t, out, self, key):
    """Basic indexing (ints, slices, None, Ellipsis) as a chain of select, slice
    and unsqueeze nodes, following the binding's order of application."""
    op = "index"
    items = list(key) if isinstance(key, tuple) else [key]
    for it in items:
        if not (it is None or it is Ellipsis or isinstance(it, slice) or
                (isinstance(it, numbers.Integral) and not isinstance(it, bool))):
            raise ExportError(f"export: indexing a tensor computed from the inputs with a {type(it).__name__} is "
                              f"not supported in exported graphs (only ints, slices, None and ...); use "
                              f"index_select or gather")
    consumed = sum(1 for it in items if it is not None and it is not Ellipsis)
    x, d = t.value(self, op), 0
    for it in items:
        if it is None:
            x = t.emit("unsqueeze", [x], {"dim": d}, 1)[0]
            d += 1
        elif it is Ellipsis:
            d += self.dim() - consumed
        elif isinstance(it, slice):
            if it.start is None and it.stop is None and it.step in (None, 1):
                d += 1
                continue
            attrs = {"dim": d, "start": 0 if it.start is None else fixed_int(it.start, op, "slice start"),
                     "step": 1 if it.step is None else fixed_int(it.step, op, "slice step")}
            if it.stop is not None:
                attrs["stop"] = fixed_int(it.stop, op, "slice stop")
            x = t.emit("slice", [x], attrs, 1)[0]
            d += 1
        else:
            x = t.emit("select", [x], {"dim": d, "index": fixed_int(it, op, "index")}, 1)[0]
    t.alias(out, x)


# ---- creation with sizes that follow the inputs ------------------------------------


def _full(t, out, sizes, value, op):
    inputs = []
    shape = t.shape_attr(sizes, inputs, op)
    t.emit("full", inputs, {"shape": shape, "value": value, "dtype": dtype_name(out.dtype)}, [out])


def _factory(op, value):
    def record(t, out, *size, **kwargs):
        sizes = _sizes(size, op) if size else list(kwargs.get("size", ()))
        _full(t, out, sizes, value, op)

    return record


def full(t, out, size, fill_value, **kwargs):
    _full(t, out, _sizes((size,), "full"), scalar(fill_value, "full", "fill_value"), "full")


def _like(op, value):
    def record(t, out, input, **kwargs):
        _full(t, out, _sizes_of(t, input, op), value, op)

    return record


def full_like(t, out, input, fill_value, **kwargs):
    _full(t, out, _sizes_of(t, input, "full_like"), scalar(fill_value, "full_like", "fill_value"), "full_like")


# ---- in-place ops on graph values ---------------------------------------------------
# x.add_(y) is recorded as x' = add(x, y); later reads of x see x'.


def _binary_inplace(op, graph_op, with_alpha):
    def record(t, out, self, other, alpha=1.0):
        if not t.is_traced(self):
            raise ExportError(f"export: {op} changes a tensor that is not computed from the inputs (a weight or "
                              f"buffer) using one that is; a graph cannot change its constants")
        b = t.operand(other, op)
        if with_alpha and alpha != 1:
            b = t.emit("mul", [b, t.operand(number(alpha, op, "alpha"), op)], {}, 1)[0]
        name = t.emit(graph_op, [t.value(self, op), b], {}, 1)[0]
        t.replace_inplace(self, name)

    return record


def relu_(t, out, self):
    if not t.is_traced(self):
        raise ExportError("export: relu_ on a tensor that is not computed from the inputs")
    t.replace_inplace(self, t.emit("relu", [t.value(self, "relu_")], {}, 1)[0])


def clamp_(t, out, self, min=None, max=None):
    if not t.is_traced(self):
        raise ExportError("export: clamp_ changes a tensor that is not computed from the inputs")
    attrs = {}
    if min is not None:
        attrs["min"] = scalar(min, "clamp_", "min")
    if max is not None:
        attrs["max"] = scalar(max, "clamp_", "max")
    t.replace_inplace(self, t.emit("clamp", [t.value(self, "clamp_")], attrs, 1)[0])


_COMMON = {
    "flatten": flatten, "transpose": transpose, "t": t_, "squeeze": squeeze, "unsqueeze": unsqueeze,
    "narrow": narrow, "select": select, "split": split, "chunk": chunk, "unbind": unbind,
}

FUNCTIONS = {
    **_COMMON, "reshape": reshape_function, "permute": permute_function, "cat": _join("cat"),
    "concatenate": _join("cat"), "stack": _join("stack"),
    "zeros": _factory("zeros", 0), "ones": _factory("ones", 1), "empty": _factory("empty", 0), "full": full,
    "zeros_like": _like("zeros_like", 0), "ones_like": _like("ones_like", 1), "empty_like": _like("empty_like", 0),
    "full_like": full_like,
}

METHODS = {
    **_COMMON, "view": view_method, "reshape": reshape_method, "view_as": view_as, "reshape_as": view_as,
    "permute": permute_method, "expand": expand_method, "expand_as": expand_as, "contiguous": alias,
    "clone": alias, "detach": alias, "__getitem__": getitem,
    "add_": _binary_inplace("add_", "add", True), "sub_": _binary_inplace("sub_", "sub", True),
    "mul_": _binary_inplace("mul_", "mul", False), "div_": _binary_inplace("div_", "div", False),
    "__iadd__": _binary_inplace("+=", "add", False), "__isub__": _binary_inplace("-=", "sub", False),
    "__imul__": _binary_inplace("*=", "mul", False), "__itruediv__": _binary_inplace("/=", "div", False),
    "relu_": relu_, "clamp_": clamp_,
}

PROPERTIES = {"T": T, "mT": mT, "data": alias}
