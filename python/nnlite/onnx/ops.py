"""Converters from nnlite graph ops to ONNX (opset 17) nodes.

Each converter gets the builder, the node's attributes, its input names
(None for an absent optional input) and output names, and appends the ONNX
nodes that compute the same outputs. Ops without an ONNX counterpart at
opset 17 (group_norm, var/std, ...) and options ONNX lacks raise
UnsupportedOp naming them.
"""
from __future__ import annotations

import math

from .builder import UnsupportedOp

INT64_MAX = 2**63 - 1
CONVERTERS = {}


def converter(*names):
    def add(fn):
        for n in names:
            CONVERTERS[n] = fn
        return fn

    return add


def _out_dtype(b, ins, outs):
    """The dtype of an op's output (recorded), or of its first known operand."""
    dtype = b.dtype_of(outs[0])
    for name in ins:
        if dtype is None and name is not None:
            dtype = b.dtype_of(name)
    return dtype or "float32"


# ---- layers -------------------------------------------------------------------------


@converter("linear")
def linear(b, a, ins, outs):
    x, w, bias = ins[0], ins[1], ins[2] if len(ins) > 2 else None
    if b.rank_of(x, "linear") == 2:
        b.node("Gemm", [x, w] + ([bias] if bias else []), outs, transB=1)
        return
    y = b.node("MatMul", [x, b.node("Transpose", [w], perm=[1, 0])], None if bias else outs)
    if bias:
        b.node("Add", [y, bias], outs)


def _conv_attrs(a, w_shape):
    ph, pw = a.get("padding", [0, 0])
    return {"kernel_shape": list(w_shape[2:]), "strides": a.get("stride", [1, 1]), "pads": [ph, pw, ph, pw],
            "dilations": a.get("dilation", [1, 1]), "group": a.get("groups", 1)}


@converter("conv2d")
def conv2d(b, a, ins, outs):
    inputs = [i for i in ins if i is not None]
    b.node("Conv", inputs, outs, **_conv_attrs(a, b.shape_of(ins[1])))


@converter("conv_transpose2d")
def conv_transpose2d(b, a, ins, outs):
    inputs = [i for i in ins if i is not None]
    b.node("ConvTranspose", inputs, outs, output_padding=a.get("output_padding", [0, 0]),
           **_conv_attrs(a, b.shape_of(ins[1])))


def _pool_attrs(a):
    ph, pw = a.get("padding", [0, 0])
    kernel = a["kernel_size"]
    return {"kernel_shape": kernel, "strides": a.get("stride", kernel), "pads": [ph, pw, ph, pw],
            "ceil_mode": int(a.get("ceil_mode", False))}


@converter("max_pool2d")
def max_pool2d(b, a, ins, outs):
    b.node("MaxPool", ins, outs, dilations=a.get("dilation", [1, 1]), **_pool_attrs(a))


@converter("avg_pool2d")
def avg_pool2d(b, a, ins, outs):
    b.node("AveragePool", ins, outs, count_include_pad=int(a.get("count_include_pad", True)), **_pool_attrs(a))


@converter("adaptive_avg_pool2d")
def adaptive_avg_pool2d(b, a, ins, outs):
    size = a["output_size"]
    if size == [1, 1]:
        b.node("GlobalAveragePool", ins, outs)
        return
    shape = b.shape_of(ins[0])
    if size == [None, None]:
        b.node("Identity", ins, outs)
        return
    # Equal windows when the output size divides the input size (as recorded).
    kernel = []
    for i in range(2):
        n = shape[-2 + i]
        out = n if size[i] is None else size[i]
        if out <= 0 or n % out:
            raise UnsupportedOp(f"onnx.export: adaptive_avg_pool2d from {n} to {out} has unequal windows, which "
                                f"ONNX pooling cannot express")
        kernel.append(n // out)
    b.node("AveragePool", ins, outs, kernel_shape=kernel, strides=kernel)


@converter("batch_norm")
def batch_norm(b, a, ins, outs):
    x, mean, var, weight, bias = (ins + [None] * 5)[:5]
    if a.get("training", False) or mean is None or var is None:
        raise UnsupportedOp("onnx.export: batch_norm with batch statistics (training=True or no running stats) is "
                            "not supported; ONNX BatchNormalization uses running statistics")
    channels = b.shape_of(mean)[0]
    dtype = b.dtype_of(x) or "float32"
    weight = weight or b.const([1.0] * channels, dtype)
    bias = bias or b.const([0.0] * channels, dtype)
    b.node("BatchNormalization", [x, weight, bias, mean, var], outs, epsilon=float(a.get("eps", 1e-5)))


@converter("layer_norm")
def layer_norm(b, a, ins, outs):
    x, weight, bias = (ins + [None] * 3)[:3]
    shape = a["normalized_shape"]
    dtype = b.dtype_of(x) or "float32"
    weight = weight or b.const([1.0] * math.prod(shape), dtype)
    inputs = [x, weight] + ([bias] if bias else [])
    if len(shape) > 1:  # ONNX wants scale and bias shaped like the normalized dims
        inputs = [inputs[0]] + [b.node("Reshape", [t, b.ints(shape)]) for t in inputs[1:]]
    b.node("LayerNormalization", inputs, outs, axis=-len(shape), epsilon=float(a.get("eps", 1e-5)))


@converter("upsample_nearest2d")
def upsample_nearest2d(b, a, ins, outs):
    x = ins[0]
    common = {"mode": "nearest", "coordinate_transformation_mode": "asymmetric", "nearest_mode": "floor"}
    if "size" in a:
        sizes = b.node("Concat", [b.node("Slice", [b.node("Shape", [x]), b.ints([0]), b.ints([2])]),
                                  b.ints(a["size"])], axis=0)
        b.node("Resize", [x, "", "", sizes], outs, **common)
        return
    if a.get("recompute_scale_factor", False):
        raise UnsupportedOp("onnx.export: interpolate with recompute_scale_factor=True is not supported")
    scales = b.const([1.0, 1.0] + list(a["scale_factors"]), "float32")
    b.node("Resize", [x, "", scales], outs, **common)


@converter("pad")
def pad(b, a, ins, outs):
    x = ins[0]
    rank = b.rank_of(x, "pad")
    pads = a["pads"]
    begin, end = [0] * rank, [0] * rank
    for i in range(len(pads) // 2):  # (left, right) of the last dim first
        begin[rank - 1 - i], end[rank - 1 - i] = pads[2 * i], pads[2 * i + 1]
    mode = {"constant": "constant", "reflect": "reflect", "replicate": "edge"}.get(a.get("mode", "constant"))
    if mode is None:
        raise UnsupportedOp(f"onnx.export: pad mode '{a.get('mode')}' is not supported")
    inputs = [x, b.ints(begin + end)]
    if mode == "constant":
        inputs.append(b.const(a.get("value", 0.0), b.dtype_of(x) or "float32"))
    b.node("Pad", inputs, outs, mode=mode)


# ---- activations ----------------------------------------------------------------------

_SIMPLE = {"relu": "Relu", "sigmoid": "Sigmoid", "tanh": "Tanh", "neg": "Neg", "abs": "Abs", "sign": "Sign",
           "exp": "Exp", "log": "Log", "sqrt": "Sqrt", "sin": "Sin", "cos": "Cos", "erf": "Erf",
           "logical_not": "Not", "floor": "Floor", "ceil": "Ceil", "round": "Round"}


def _simple(op_type):
    def convert(b, a, ins, outs):
        b.node(op_type, ins, outs)

    return convert


for _op, _type in _SIMPLE.items():
    CONVERTERS[_op] = _simple(_type)


@converter("rsqrt")
def rsqrt(b, a, ins, outs):
    b.node("Reciprocal", [b.node("Sqrt", ins)], outs)


@converter("log1p")
def log1p(b, a, ins, outs):
    b.node("Log", [b.node("Add", [ins[0], b.const(1.0, b.dtype_of(ins[0]) or "float32")])], outs)


@converter("expm1")
def expm1(b, a, ins, outs):
    b.node("Sub", [b.node("Exp", ins), b.const(1.0, b.dtype_of(ins[0]) or "float32")], outs)


def _log_base(base):
    def convert(b, a, ins, outs):
        b.node("Div", [b.node("Log", ins), b.const(math.log(base), b.dtype_of(ins[0]) or "float32")], outs)

    return convert


CONVERTERS["log2"] = _log_base(2.0)
CONVERTERS["log10"] = _log_base(10.0)


@converter("trunc")
def trunc(b, a, ins, outs):
    # ONNX has no Trunc: sign(x) * floor(|x|)
    b.node("Mul", [b.node("Sign", ins), b.node("Floor", [b.node("Abs", ins)])], outs)


@converter("leaky_relu")
def leaky_relu(b, a, ins, outs):
    b.node("LeakyRelu", ins, outs, alpha=float(a.get("negative_slope", 0.01)))


@converter("elu")
def elu(b, a, ins, outs):
    b.node("Elu", ins, outs, alpha=float(a.get("alpha", 1.0)))


@converter("gelu")
def gelu(b, a, ins, outs):
    x, dtype = ins[0], _out_dtype(b, ins, outs)
    half = b.const(0.5, dtype)
    if a.get("approximate", "none") == "tanh":
        # 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
        cube = b.node("Mul", [b.node("Mul", [x, x]), x])
        inner = b.node("Add", [x, b.node("Mul", [cube, b.const(0.044715, dtype)])])
        t = b.node("Tanh", [b.node("Mul", [inner, b.const(math.sqrt(2 / math.pi), dtype)])])
    else:
        # 0.5 x (1 + erf(x / sqrt 2))
        t = b.node("Erf", [b.node("Div", [x, b.const(math.sqrt(2.0), dtype)])])
    b.node("Mul", [b.node("Mul", [x, half]), b.node("Add", [t, b.const(1.0, dtype)])], outs)


@converter("softplus")
def softplus(b, a, ins, outs):
    # log(1 + exp(beta x)) / beta, and x itself where beta x > threshold
    x, dtype = ins[0], _out_dtype(b, ins, outs)
    beta, threshold = float(a.get("beta", 1.0)), float(a.get("threshold", 20.0))
    bx = b.node("Mul", [x, b.const(beta, dtype)])
    soft = b.node("Div", [b.node("Softplus", [bx]), b.const(beta, dtype)])
    b.node("Where", [b.node("Greater", [bx, b.const(threshold, dtype)]), x, soft], outs)


def _softmax(op_type):
    def convert(b, a, ins, outs):
        b.node(op_type, ins, outs, axis=a["dim"])

    return convert


CONVERTERS["softmax"] = _softmax("Softmax")
CONVERTERS["log_softmax"] = _softmax("LogSoftmax")


@converter("clamp")
def clamp(b, a, ins, outs):
    dtype = _out_dtype(b, ins, outs)
    lo = b.const(a["min"], dtype) if "min" in a else ""
    hi = b.const(a["max"], dtype) if "max" in a else ""
    b.node("Clip", [ins[0], lo, hi], outs)
