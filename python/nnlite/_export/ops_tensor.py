"""Recorders of the elementwise ops, operators, reductions, casts and
gathers, as nnlite._C functions and as Tensor methods (graph ops in
cpp/src/exported/ops_math.cpp)."""
from __future__ import annotations

from .attrs import dims, dtype_name, fixed_int, number, opt_int, scalar
from .tracer import ExportError

_UNARY = ("neg", "abs", "sign", "exp", "log", "sqrt", "rsqrt", "sin", "cos", "erf", "logical_not")
_BINARY = ("mul", "div", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge", "logical_and", "logical_or")


def _unary(op):
    def record(t, out, input):
        t.emit(op, [t.value(input, op)], {}, [out])

    return record


def _binary(op, reverse=False):
    """a <op> b; ``reverse`` for the reflected operators (b - a for __rsub__)."""

    def record(t, out, input, other):
        a, b = t.value(input, op), t.operand(other, op)
        t.emit(op, [b, a] if reverse else [a, b], {}, [out])

    return record


def _with_alpha(op):
    # add(x, y, alpha) computes x + y * alpha, as the binding does.
    def record(t, out, input, other, alpha=1.0):
        b = t.operand(other, op)
        if alpha != 1:
            b = t.emit("mul", [b, t.operand(number(alpha, op, "alpha"), op)], {}, 1)[0]
        t.emit(op, [t.value(input, op), b], {}, [out])

    return record


def pow_(t, out, input, exponent):
    t.emit("pow", [t.value(input, "pow"), t.operand(exponent, "pow")], {}, [out])


def matmul(t, out, input, other):
    t.emit("matmul", [t.value(input, "matmul"), t.value(other, "matmul")], {}, [out])


def where(t, out, condition, input, other):
    t.emit("where", [t.value(condition, "where"), t.operand(input, "where"), t.operand(other, "where")], {}, [out])


def where_method(t, out, self, condition, other):
    where(t, out, condition, self, other)


def masked_fill(t, out, input, mask, value):
    t.emit("masked_fill", [t.value(input, "masked_fill"), t.value(mask, "masked_fill")],
           {"value": scalar(value, "masked_fill", "value")}, [out])


def invert(t, out, input):
    t.emit("logical_not", [t.value(input, "invert")], {}, [out])


# ---- reductions -------------------------------------------------------------------


def _reduce(op):
    def record(t, out, input, dim=None, keepdim=False):
        t.emit(op, [t.value(input, op)], {"dims": dims(dim, op), "keepdim": bool(keepdim)}, [out])

    return record


def sum_(t, out, input, dim=None, keepdim=False, dtype=None):
    x = t.value(input, "sum")
    if dtype is not None and dtype_name(dtype) != dtype_name(input.dtype):
        x = t.emit("to", [x], {"dtype": dtype_name(out.dtype)}, 1)[0]
    t.emit("sum", [x], {"dims": dims(dim, "sum"), "keepdim": bool(keepdim)}, [out])


def _correction(op, unbiased, correction):
    if correction is not None:
        return number(correction, op, "correction")
    if unbiased is not None:
        return 1.0 if unbiased else 0.0
    return 1.0


def _spread(op):
    def record(t, out, input, dim=None, unbiased=None, keepdim=False, *, correction=None):
        attrs = {"dims": dims(dim, op), "correction": _correction(op, unbiased, correction), "keepdim": bool(keepdim)}
        t.emit(op, [t.value(input, op)], attrs, [out])

    return record


def logsumexp(t, out, input, dim, keepdim=False):
    t.emit("logsumexp", [t.value(input, "logsumexp")], {"dims": dims(dim, "logsumexp"), "keepdim": bool(keepdim)},
           [out])


def _max_min(op):
    # Without dim: the reduction over everything (amax/amin); with dim: values and indices.
    def record(t, out, input, dim=None, keepdim=False):
        x = t.value(input, op)
        if dim is None:
            t.emit("amax" if op == "max" else "amin", [x], {"dims": [], "keepdim": False}, [out])
            return
        t.emit(op, [x], {"dim": fixed_int(dim, op, "dim"), "keepdim": bool(keepdim)}, [out[0], out[1]])

    return record


def _arg(op):
    def record(t, out, input, dim=None, keepdim=False):
        t.emit(op, [t.value(input, op)], {"dim": opt_int(dim, op, "dim"), "keepdim": bool(keepdim)}, [out])

    return record


def _any_all(op):
    # As the binding: amax/amin of (x != 0) as bool.
    def record(t, out, input, dim=None, keepdim=False):
        nonzero = t.emit("ne", [t.value(input, op), t.operand(False, op)], {}, 1)[0]
        t.emit("amax" if op == "any" else "amin", [nonzero], {"dims": dims(dim, op), "keepdim": bool(keepdim)},
               [out])

    return record


# ---- casts and gathers ------------------------------------------------------------


def cast(t, out, input, *args, **kwargs):
    """to(), float(), long(), type(), astype(), cpu(): a cast when the dtype changes."""
    x = t.value(input, "to")
    if out.dtype == input.dtype:
        t.alias(out, x)
    else:
        t.emit("to", [x], {"dtype": dtype_name(out.dtype)}, [out])


def index_select(t, out, input, dim, index):
    t.emit("index_select", [t.value(input, "index_select"), t.value(index, "index_select")],
           {"dim": fixed_int(dim, "index_select", "dim")}, [out])


def gather(t, out, input, dim, index):
    t.emit("gather", [t.value(input, "gather"), t.value(index, "gather")], {"dim": fixed_int(dim, "gather", "dim")},
           [out])


_COMMON = {
    **{op: _unary(op) for op in _UNARY}, **{op: _binary(op) for op in _BINARY},
    "add": _with_alpha("add"), "sub": _with_alpha("sub"), "pow": pow_, "matmul": matmul, "mm": matmul,
    "bmm": matmul, "masked_fill": masked_fill,
    **{op: _reduce(op) for op in ("mean", "prod", "amax", "amin")}, "sum": sum_, "var": _spread("var"),
    "std": _spread("std"), "logsumexp": logsumexp, "max": _max_min("max"), "min": _max_min("min"),
    "argmax": _arg("argmax"), "argmin": _arg("argmin"), "any": _any_all("any"), "all": _any_all("all"),
    "index_select": index_select, "gather": gather,
}

FUNCTIONS = {**_COMMON, "where": where}

_OPERATORS = {
    "__add__": _binary("add"), "__radd__": _binary("add", reverse=True), "__sub__": _binary("sub"),
    "__rsub__": _binary("sub", reverse=True), "__mul__": _binary("mul"), "__rmul__": _binary("mul", reverse=True),
    "__truediv__": _binary("div"), "__rtruediv__": _binary("div", reverse=True), "__pow__": _binary("pow"),
    "__rpow__": _binary("pow", reverse=True), "__matmul__": matmul, "__neg__": _unary("neg"),
    "__abs__": _unary("abs"), "__invert__": invert, "__lt__": _binary("lt"), "__le__": _binary("le"),
    "__gt__": _binary("gt"), "__ge__": _binary("ge"), "__and__": _binary("logical_and"),
    "__or__": _binary("logical_or"),
}


def _eq_ne(op):
    # x == "text" is False in eager mode, not an op; only tensors and numbers compare.
    binary = _binary(op)

    def record(t, out, input, other):
        if not isinstance(out, type(input)):
            raise ExportError(f"export: comparing a tensor computed from the inputs with a "
                              f"{type(other).__name__} gives a Python bool, which a graph cannot hold")
        binary(t, out, input, other)

    return record


METHODS = {
    **_COMMON, **_OPERATORS, "where": where_method, "__eq__": _eq_ne("eq"), "__ne__": _eq_ne("ne"),
    **{name: cast for name in ("to", "float", "double", "long", "int", "byte", "bool", "type", "astype", "cpu")},
}
