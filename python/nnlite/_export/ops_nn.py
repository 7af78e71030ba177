"""Recorders of the layer ops (nnlite._C functions that nnlite.nn calls).

A recorder gets the tracer, the op's result and the call's arguments (its
parameters mirror the binding's), and emits the graph node(s) that compute
the same result with the C++ graph ops (cpp/src/exported/ops_layers.cpp).
"""
from __future__ import annotations

from .attrs import fixed_int, number, pair, scalar
from .tracer import ExportError


def linear(t, out, input, weight, bias=None):
    t.emit("linear", [t.value(input, "linear"), t.value(weight, "linear"), t.optional(bias, "linear")], {}, [out])


def conv2d(t, out, input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    op = "conv2d"
    stride, dilation = pair(stride, op, "stride"), pair(dilation, op, "dilation")
    x = t.value(input, op)
    if isinstance(padding, str):
        # As the binding does: 'same' puts the odd extra zero at the bottom/right.
        lo = [0, 0]
        if padding == "same":
            extra = [0, 0]
            for i in range(2):
                total = dilation[i] * (int(weight.shape[2 + i]) - 1)
                lo[i], extra[i] = total // 2, total - 2 * (total // 2)
            if extra[0] or extra[1]:
                x = t.emit("pad", [x], {"pads": [0, extra[1], 0, extra[0]]}, 1)[0]
        padding = lo
    attrs = {"stride": stride, "padding": pair(padding, op, "padding"), "dilation": dilation,
             "groups": fixed_int(groups, op, "groups")}
    t.emit(op, [x, t.value(weight, op), t.optional(bias, op)], attrs, [out])


def conv_transpose2d(t, out, input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    op = "conv_transpose2d"
    attrs = {"stride": pair(stride, op, "stride"), "padding": pair(padding, op, "padding"),
             "output_padding": pair(output_padding, op, "output_padding"), "groups": fixed_int(groups, op, "groups"),
             "dilation": pair(dilation, op, "dilation")}
    t.emit(op, [t.value(input, op), t.value(weight, op), t.optional(bias, op)], attrs, [out])


def _pool_stride(stride, kernel, op):
    if stride is None or (isinstance(stride, (list, tuple)) and len(stride) == 0):
        return kernel
    return pair(stride, op, "stride")


def max_pool2d(t, out, input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    op = "max_pool2d"
    if return_indices:
        raise ExportError("export: max_pool2d with return_indices=True is not supported in exported graphs")
    kernel = pair(kernel_size, op, "kernel_size")
    attrs = {"kernel_size": kernel, "stride": _pool_stride(stride, kernel, op), "padding": pair(padding, op, "padding"),
             "dilation": pair(dilation, op, "dilation"), "ceil_mode": bool(ceil_mode)}
    t.emit(op, [t.value(input, op)], attrs, [out])


def avg_pool2d(t, out, input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    op = "avg_pool2d"
    kernel = pair(kernel_size, op, "kernel_size")
    attrs = {"kernel_size": kernel, "stride": _pool_stride(stride, kernel, op), "padding": pair(padding, op, "padding"),
             "ceil_mode": bool(ceil_mode), "count_include_pad": bool(count_include_pad)}
    t.emit(op, [t.value(input, op)], attrs, [out])


def adaptive_avg_pool2d(t, out, input, output_size):
    op = "adaptive_avg_pool2d"
    if isinstance(output_size, (list, tuple)):
        if len(output_size) != 2:
            raise ExportError(f"export: {op}'s output_size must be an int or a pair, got {output_size!r}")
        size = [None if s is None else fixed_int(s, op, "output_size") for s in output_size]
    else:
        size = pair(output_size, op, "output_size")
    t.emit(op, [t.value(input, op)], {"output_size": size}, [out])


def batch_norm(t, out, input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1,
               eps=1e-5):
    op = "batch_norm"
    if training and (running_mean is not None or running_var is not None):
        raise ExportError("export: batch_norm in training mode updates its running statistics; export records "
                          "the model in eval mode, so call it with training=False (or without running stats)")
    inputs = [t.value(input, op)] + [t.optional(v, op) for v in (running_mean, running_var, weight, bias)]
    attrs = {"training": bool(training), "momentum": number(momentum, op, "momentum"), "eps": number(eps, op, "eps")}
    t.emit(op, inputs, attrs, [out])


def layer_norm(t, out, input, normalized_shape, weight=None, bias=None, eps=1e-5):
    op = "layer_norm"
    shape = [fixed_int(s, op, "normalized_shape") for s in
             (normalized_shape if isinstance(normalized_shape, (list, tuple)) else [normalized_shape])]
    inputs = [t.value(input, op), t.optional(weight, op), t.optional(bias, op)]
    t.emit(op, inputs, {"normalized_shape": shape, "eps": number(eps, op, "eps")}, [out])


def group_norm(t, out, input, num_groups, weight=None, bias=None, eps=1e-5):
    op = "group_norm"
    inputs = [t.value(input, op), t.optional(weight, op), t.optional(bias, op)]
    t.emit(op, inputs, {"num_groups": fixed_int(num_groups, op, "num_groups"), "eps": number(eps, op, "eps")}, [out])


def _dropout(op):
    def record(t, out, input, p=0.5, training=True, generator=None):
        if training and p > 0:
            raise ExportError(f"export: {op} with training=True draws random numbers; exported graphs are "
                              f"deterministic (export puts modules in eval mode; pass training=self.training)")
        t.alias(out, t.value(input, op))

    return record


def interpolate(t, out, input, size=None, scale_factor=None, mode="nearest", align_corners=None,
                recompute_scale_factor=None, antialias=False):
    op = "interpolate"
    if mode != "nearest":
        raise ExportError(f"export: interpolate mode '{mode}' is not supported (only 'nearest')")
    if size is not None:
        attrs = {"size": pair(size, op, "size")}
    else:
        scales = scale_factor if isinstance(scale_factor, (list, tuple)) else (scale_factor, scale_factor)
        attrs = {"scale_factors": [number(s, op, "scale_factor") for s in scales],
                 "recompute_scale_factor": bool(recompute_scale_factor)}
    t.emit("upsample_nearest2d", [t.value(input, op)], attrs, [out])


def upsample_nearest2d(t, out, input, size=None, scale_factor=None):
    interpolate(t, out, input, size, scale_factor)


def pad(t, out, input, pad, mode="constant", value=None):
    op = "pad"
    pads = [fixed_int(p, op, "pad") for p in pad]
    attrs = {"pads": pads, "mode": str(mode)}
    if value is not None:
        attrs["value"] = number(value, op, "value")
    t.emit(op, [t.value(input, op)], attrs, [out])


def _plain(op):
    def record(t, out, input):
        t.emit(op, [t.value(input, op)], {}, [out])

    return record


def leaky_relu(t, out, input, negative_slope=0.01):
    t.emit("leaky_relu", [t.value(input, "leaky_relu")],
           {"negative_slope": number(negative_slope, "leaky_relu", "negative_slope")}, [out])


def gelu(t, out, input, approximate="none"):
    t.emit("gelu", [t.value(input, "gelu")], {"approximate": str(approximate)}, [out])


def elu(t, out, input, alpha=1.0):
    t.emit("elu", [t.value(input, "elu")], {"alpha": number(alpha, "elu", "alpha")}, [out])


def softplus(t, out, input, beta=1.0, threshold=20.0):
    t.emit("softplus", [t.value(input, "softplus")],
           {"beta": number(beta, "softplus", "beta"), "threshold": number(threshold, "softplus", "threshold")}, [out])


def _softmax(op):
    def record(t, out, input, dim):
        t.emit(op, [t.value(input, op)], {"dim": fixed_int(dim, op, "dim")}, [out])

    return record


def clamp(t, out, input, min=None, max=None):
    attrs = {}
    if min is not None:
        attrs["min"] = scalar(min, "clamp", "min")
    if max is not None:
        attrs["max"] = scalar(max, "clamp", "max")
    t.emit("clamp", [t.value(input, "clamp")], attrs, [out])



def embedding(t, out, weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False):
    op = "embedding"
    t.emit(op, [t.value(weight, op), t.value(indices, op)],
           {"padding_idx": fixed_int(padding_idx, op, "padding_idx"), "scale_grad_by_freq": bool(scale_grad_by_freq)},
           [out])


FUNCTIONS = {
    "embedding": embedding,
    "linear": linear, "conv2d": conv2d, "conv_transpose2d": conv_transpose2d, "max_pool2d": max_pool2d,
    "avg_pool2d": avg_pool2d, "adaptive_avg_pool2d": adaptive_avg_pool2d, "batch_norm": batch_norm,
    "layer_norm": layer_norm, "group_norm": group_norm, "dropout": _dropout("dropout"),
    "dropout2d": _dropout("dropout2d"), "interpolate": interpolate, "upsample_nearest2d": upsample_nearest2d,
    "pad": pad, "relu": _plain("relu"), "sigmoid": _plain("sigmoid"), "tanh": _plain("tanh"),
    "leaky_relu": leaky_relu, "gelu": gelu, "elu": elu, "softplus": softplus, "softmax": _softmax("softmax"),
    "log_softmax": _softmax("log_softmax"), "clamp": clamp, "clip": clamp,
}

METHODS = {
    "relu": _plain("relu"), "sigmoid": _plain("sigmoid"), "tanh": _plain("tanh"), "softmax": _softmax("softmax"),
    "log_softmax": _softmax("log_softmax"), "clamp": clamp, "clip": clamp,
}
