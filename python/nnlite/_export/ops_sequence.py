"""Recorders of the ordering and positional ops (sort, argsort, topk, tril,
triu, roll, flip, cumsum) and one_hot, as nnlite._C functions and as Tensor
methods (graph kernels in cpp/src/ops/sort.cpp, positional.cpp and
categorical.cpp). masked_select and multinomial are not graph ops: they stay
unrecorded, so export refuses them."""
from __future__ import annotations

from .attrs import dtype_name, fixed_int, int_list


def _flag(v):
    return bool(v)


def sort(t, out, input, dim=-1, descending=False, stable=False):
    t.emit("sort", [t.value(input, "sort")], {"dim": fixed_int(dim, "sort", "dim"), "descending": _flag(descending),
                                              "stable": _flag(stable)}, [out[0], out[1]])


def argsort(t, out, input, dim=-1, descending=False, stable=False):
    t.emit("argsort", [t.value(input, "argsort")],
           {"dim": fixed_int(dim, "argsort", "dim"), "descending": _flag(descending), "stable": _flag(stable)}, [out])


def topk(t, out, input, k, dim=-1, largest=True, sorted=True):
    t.emit("topk", [t.value(input, "topk")], {"k": fixed_int(k, "topk", "k"), "dim": fixed_int(dim, "topk", "dim"),
                                              "largest": _flag(largest), "sorted": _flag(sorted)}, [out[0], out[1]])


def _triangle(op):
    def record(t, out, input, diagonal=0):
        t.emit(op, [t.value(input, op)], {"diagonal": fixed_int(diagonal, op, "diagonal")}, [out])

    return record


def roll(t, out, input, shifts, dims=None):
    attrs = {"shifts": int_list(shifts, "roll", "shifts")}
    if dims is not None:
        attrs["dims"] = int_list(dims, "roll", "dims")
    t.emit("roll", [t.value(input, "roll")], attrs, [out])


def flip(t, out, input, dims):
    t.emit("flip", [t.value(input, "flip")], {"dims": int_list(dims, "flip", "dims")}, [out])


def flip_method(t, out, self, *dims, **kwargs):
    # x.flip(0, 1), x.flip([0, 1]) or x.flip(dims=[0, 1]), as the binding reads them.
    given = kwargs["dims"] if "dims" in kwargs else dims[0] if len(dims) == 1 else list(dims)
    flip(t, out, self, given)


def cumsum(t, out, input, dim, *, dtype=None):
    attrs = {"dim": fixed_int(dim, "cumsum", "dim")}
    if dtype is not None:
        attrs["dtype"] = dtype_name(out.dtype)
    t.emit("cumsum", [t.value(input, "cumsum")], attrs, [out])


def one_hot(t, out, tensor, num_classes=-1):
    # The class count is fixed at export (inferred ones included), as the output's width.
    t.emit("one_hot", [t.value(tensor, "one_hot")], {"num_classes": int(out.shape[-1])}, [out])


_COMMON = {"sort": sort, "argsort": argsort, "topk": topk, "tril": _triangle("tril"), "triu": _triangle("triu"),
           "roll": roll, "cumsum": cumsum}

FUNCTIONS = {**_COMMON, "flip": flip, "one_hot": one_hot}
METHODS = {**_COMMON, "flip": flip_method}
