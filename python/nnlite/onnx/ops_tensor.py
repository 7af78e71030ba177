"""Converters of the elementwise, reduction, cast, gather and shape ops (see ops.py)."""
from __future__ import annotations

import numpy as np

from .builder import _NUMPY, UnsupportedOp, is_float, promote
from .ops import CONVERTERS, INT64_MAX, _out_dtype, converter

_ARITH = {"add": "Add", "sub": "Sub", "mul": "Mul", "div": "Div", "pow": "Pow", "maximum": "Max",
          "minimum": "Min", "logical_and": "And", "logical_or": "Or"}
_COMPARE = {"eq": "Equal", "lt": "Less", "le": "LessOrEqual", "gt": "Greater", "ge": "GreaterOrEqual"}


def _arith(op, op_type):
    # ONNX wants both operands of the result's dtype (nnlite promotes them).
    def convert(b, a, ins, outs):
        dtype = _out_dtype(b, ins, outs)
        b.node(op_type, [b.operand(i, dtype) for i in ins], outs)

    return convert


for _op, _type in _ARITH.items():
    CONVERTERS[_op] = _arith(_op, _type)


@converter("fmod")
def fmod(b, a, ins, outs):
    dtype = _out_dtype(b, ins, outs)
    b.node("Mod", [b.operand(i, dtype) for i in ins], outs, fmod=1)


@converter("remainder")
def remainder(b, a, ins, outs):
    dtype = _out_dtype(b, ins, outs)
    x, y = (b.operand(i, dtype) for i in ins)
    if not is_float(dtype):
        b.node("Mod", [x, y], outs, fmod=0)  # integer Mod takes the divisor's sign, as Python's %
        return
    # floats: x - floor(x / y) * y (ONNX's float Mod is fmod only)
    b.node("Sub", [x, b.node("Mul", [b.node("Floor", [b.node("Div", [x, y])]), y])], outs)


def _operand_dtype(b, ins):
    """The dtype both operands of a comparison are compared in."""
    known = [b.dtype_of(i) for i in ins if i not in b.scalars and b.dtype_of(i)]
    if not known:
        return "float32"
    dtype = known[0]
    for d in known[1:]:
        dtype = promote(dtype, d)
    return dtype


def _compare(op_type, negate=False):
    def convert(b, a, ins, outs):
        dtype = _operand_dtype(b, ins)
        if any(i in b.scalars and isinstance(b.scalars[i], float) for i in ins) and not is_float(dtype):
            dtype = "float32"  # int tensor vs a float number compares as float
        y = b.node(op_type, [b.operand(i, dtype) for i in ins], None if negate else outs)
        if negate:
            b.node("Not", [y], outs)

    return convert


for _op, _type in _COMPARE.items():
    CONVERTERS[_op] = _compare(_type)
CONVERTERS["ne"] = _compare("Equal", negate=True)


@converter("matmul")
def matmul(b, a, ins, outs):
    b.node("MatMul", ins, outs)


@converter("where")
def where(b, a, ins, outs):
    dtype = _out_dtype(b, ins[1:], outs)
    b.node("Where", [ins[0], b.operand(ins[1], dtype), b.operand(ins[2], dtype)], outs)


@converter("masked_fill")
def masked_fill(b, a, ins, outs):
    dtype = _out_dtype(b, ins[:1], outs)
    b.node("Where", [ins[1], b.const(a["value"], dtype), ins[0]], outs)


# ---- reductions --------------------------------------------------------------------------

_REDUCE = {"mean": "ReduceMean", "amax": "ReduceMax", "amin": "ReduceMin", "prod": "ReduceProd",
           "logsumexp": "ReduceLogSumExp"}


def _reduce(op_type):
    def convert(b, a, ins, outs):
        dims, keep = a.get("dims", []), int(a.get("keepdim", False))
        if dims:
            b.node(op_type, ins, outs, axes=dims, keepdims=keep)
        else:
            b.node(op_type, ins, outs, keepdims=keep)

    return convert


for _op, _type in _REDUCE.items():
    CONVERTERS[_op] = _reduce(_type)


@converter("sum")
def reduce_sum(b, a, ins, outs):
    dims, keep = a.get("dims", []), int(a.get("keepdim", False))
    x = ins[0]
    dtype = b.dtype_of(outs[0])
    if dtype and b.dtype_of(x) and dtype != b.dtype_of(x):  # nnlite sums bools and small ints as int64
        x = b.operand(x, dtype)
    b.node("ReduceSum", [x, b.ints(dims)] if dims else [x], outs, keepdims=keep)


def _max_min(reduce_type, arg_type):
    def convert(b, a, ins, outs):
        dim, keep = a["dim"], int(a.get("keepdim", False))
        b.node(reduce_type, ins, [outs[0]], axes=[dim], keepdims=keep)
        b.node(arg_type, ins, [outs[1]], axis=dim, keepdims=keep, select_last_index=0)

    return convert


CONVERTERS["max"] = _max_min("ReduceMax", "ArgMax")
CONVERTERS["min"] = _max_min("ReduceMin", "ArgMin")


def _arg(arg_type):
    def convert(b, a, ins, outs):
        dim, keep, x = a.get("dim"), int(a.get("keepdim", False)), ins[0]
        if dim is None:  # over the flattened tensor
            x, dim, keep = b.node("Reshape", [x, b.ints([-1])]), 0, 0
        b.node(arg_type, [x], outs, axis=dim, keepdims=keep)

    return convert


CONVERTERS["argmax"] = _arg("ArgMax")
CONVERTERS["argmin"] = _arg("ArgMin")


# ---- casts and gathers -------------------------------------------------------------------


@converter("to")
def to(b, a, ins, outs):
    b.node("Cast", ins, outs, to=b.onnx_type(a["dtype"]))


@converter("index_select")
def index_select(b, a, ins, outs):
    b.node("Gather", ins, outs, axis=a["dim"])


@converter("embedding")
def embedding(b, a, ins, outs):
    b.node("Gather", ins, outs, axis=0)  # padding_idx and scale_grad_by_freq only change gradients


@converter("gather")
def gather(b, a, ins, outs):
    b.node("GatherElements", ins, outs, axis=a["dim"])


# ---- shapes --------------------------------------------------------------------------------


@converter("reshape")
def reshape(b, a, ins, outs):
    shape = a["shape"]
    allow_zero = int(any(s == 0 for s in shape if isinstance(s, int)))
    b.node("Reshape", [ins[0], b.shape_tensor(shape, ins)], outs, allowzero=allow_zero)


@converter("expand")
def expand(b, a, ins, outs):
    # nnlite's -1 keeps a size; ONNX Expand broadcasts, so 1 keeps it.
    shape = [1 if s == -1 else s for s in a["shape"]]
    b.node("Expand", [ins[0], b.shape_tensor(shape, ins)], outs)


@converter("flatten")
def flatten(b, a, ins, outs):
    x = ins[0]
    rank = b.rank_of(x, "flatten")
    if rank == 0:
        b.node("Reshape", [x, b.ints([1])], outs)
        return
    start, end = a.get("start_dim", 0) % rank, a.get("end_dim", -1) % rank
    if end == rank - 1 and start == 1:
        b.node("Flatten", [x], outs, axis=1)
        return
    entries = [{"dim_of": 0, "dim": d} for d in range(start)] + [-1] + \
              [{"dim_of": 0, "dim": d} for d in range(end + 1, rank)]
    b.node("Reshape", [x, b.shape_tensor(entries, [x])], outs)


@converter("transpose")
def transpose(b, a, ins, outs):
    rank = b.rank_of(ins[0], "transpose")
    perm = list(range(rank))
    d0, d1 = a["dim0"] % rank, a["dim1"] % rank
    perm[d0], perm[d1] = perm[d1], perm[d0]
    b.node("Transpose", ins, outs, perm=perm)


@converter("permute")
def permute(b, a, ins, outs):
    rank = b.rank_of(ins[0], "permute")
    b.node("Transpose", ins, outs, perm=[d % rank for d in a["dims"]])


@converter("squeeze")
def squeeze(b, a, ins, outs):
    if "dims" in a:
        b.node("Squeeze", [ins[0], b.ints(a["dims"])], outs)
    else:
        b.node("Squeeze", ins, outs)


@converter("unsqueeze")
def unsqueeze(b, a, ins, outs):
    b.node("Unsqueeze", [ins[0], b.ints([a["dim"]])], outs)


@converter("slice")
def slice_(b, a, ins, outs):
    stop = a.get("stop", INT64_MAX)
    b.node("Slice", [ins[0], b.ints([a.get("start", 0)]), b.ints([stop]), b.ints([a["dim"]]),
                     b.ints([a.get("step", 1)])], outs)


@converter("narrow")
def narrow(b, a, ins, outs):
    start = a["start"]
    b.node("Slice", [ins[0], b.ints([start]), b.ints([start + a["length"]]), b.ints([a["dim"]])], outs)


@converter("select")
def select(b, a, ins, outs):
    b.node("Gather", [ins[0], b.const(a["index"], "int64")], outs, axis=a["dim"])


@converter("cat")
def cat(b, a, ins, outs):
    dtype = _out_dtype(b, ins, outs)
    b.node("Concat", [b.operand(i, dtype) for i in ins], outs, axis=a.get("dim", 0))


@converter("stack")
def stack(b, a, ins, outs):
    dim = a.get("dim", 0)
    if dim < 0:
        dim += b.rank_of(ins[0], "stack") + 1
    axis = b.ints([dim])
    b.node("Concat", [b.node("Unsqueeze", [i, axis]) for i in ins], outs, axis=dim)


def _pieces(b, x, dim, outs, op):
    """Piece sizes of a split, from the sizes recorded at export."""
    sizes = [b.shape_of(o)[dim] if b.shape_of(o) else None for o in outs]
    if None in sizes:
        raise UnsupportedOp(f"onnx.export: {op} needs the recorded sizes of its outputs")
    return sizes


@converter("split", "chunk")
def split(b, a, ins, outs):
    dim = a.get("dim", 0)
    b.node("Split", [ins[0], b.ints(_pieces(b, ins[0], dim, outs, "split"))], outs, axis=dim)


@converter("full")
def full(b, a, ins, outs):
    dtype = a["dtype"]
    shape = a["shape"]
    if all(isinstance(s, int) for s in shape):
        value = b.const(a["value"], dtype)
        b.node("Expand", [value, b.ints(shape)], outs)
        return
    fill = b.onnx.numpy_helper.from_array(np.asarray([a["value"]], dtype=_NUMPY[dtype]))
    b.node("ConstantOfShape", [b.shape_tensor(shape, ins)], outs, value=fill)


# ---- ordering and positional ops (cpp/src/ops/sort.cpp, positional.cpp, categorical.cpp) ----


def _triangle(upper):
    def convert(b, a, ins, outs):
        b.node("Trilu", [ins[0], b.const(a.get("diagonal", 0), "int64")], outs, upper=upper)

    return convert


CONVERTERS["tril"] = _triangle(0)
CONVERTERS["triu"] = _triangle(1)


@converter("flip")
def flip(b, a, ins, outs):
    # A step -1 Slice from the last element through the first, per dim.
    dims = a["dims"]
    if not dims:
        b.node("Identity", ins, outs)
        return
    n = len(dims)
    b.node("Slice", [ins[0], b.ints([-1] * n), b.ints([-INT64_MAX - 1] * n), b.ints(dims), b.ints([-1] * n)], outs)


@converter("cumsum")
def cumsum(b, a, ins, outs):
    # The output's dtype (int64 for integers and bool, as nnlite) is what CumSum runs in.
    x = b.operand(ins[0], _out_dtype(b, ins, outs))
    b.node("CumSum", [x, b.const(a["dim"], "int64")], outs)


@converter("topk")
def topk(b, a, ins, outs):
    b.node("TopK", [ins[0], b.ints([a["k"]])], outs, axis=a.get("dim", -1), largest=int(a.get("largest", True)),
           sorted=1)


@converter("one_hot")
def one_hot(b, a, ins, outs):
    b.node("OneHot", [ins[0], b.const(a["num_classes"], "int64"), b.ints([0, 1])], outs, axis=-1)
