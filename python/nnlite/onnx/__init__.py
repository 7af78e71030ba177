"""ONNX export: ``nnlite.onnx.export(model, example_inputs, path)``.

The model is recorded exactly as ``nnlite.export`` records it (eval mode,
no_grad, one forward pass on the example inputs), then each graph op becomes
ONNX nodes of the default domain at opset 17 (Gemm/MatMul, Conv,
BatchNormalization, Relu and the other activations, MaxPool, AveragePool,
GlobalAveragePool, Flatten/Reshape, Add, Mul, Softmax, Concat, Pad, ...).
Every input dim is symbolic, so the file runs on other batch sizes; inputs
are named ``input0``, ``input1``, ... and outputs ``output0``, ...

Needs the ``onnx`` package (``pip install onnx``, or the ``onnx`` extra of
nnlite); it is imported only when ``export`` is called. Ops ONNX cannot
express at this opset raise ValueError naming them.
"""
from __future__ import annotations

import os

from .._export import trace
from .._files import write_atomically
from .builder import Builder, UnsupportedOp

__all__ = ["export", "to_model", "UnsupportedOp", "OPSET"]

OPSET = 17
_IR_VERSION = 8  # the IR version of opset 17, so older runtimes load the file too


def _require_onnx():
    try:
        import onnx
    except ImportError as e:
        raise ImportError("nnlite.onnx.export needs the 'onnx' package: pip install onnx "
                          "(or pip install 'nnlite[onnx]')") from e
    return onnx


def to_model(recorded, onnx):
    """An onnx.ModelProto computing the recorded graph."""
    from . import ops, ops_tensor  # noqa: F401  (the converters register themselves)

    scalars = {}
    b = Builder(onnx, recorded.info, scalars)
    helper = onnx.helper
    graph = recorded.graph
    for index, node in enumerate(graph["nodes"]):
        op, attrs = node["op"], node.get("attrs", {})
        if op == "scalar":  # becomes a constant of the dtype its consumer computes in
            scalars[node["outputs"][0]] = attrs["value"]
            continue
        convert = ops.CONVERTERS.get(op)
        if convert is None:
            raise UnsupportedOp(f"onnx.export: op '{op}' (node {index}) has no ONNX counterpart at opset {OPSET}")
        convert(b, attrs, node["inputs"], node["outputs"])

    def value_info(name, value):
        dtype, shape = recorded.info[value]
        dims = [f"{name}_dim{d}" for d in range(len(shape))]
        return helper.make_tensor_value_info(name, b.onnx_type(dtype), dims)

    inputs = []
    for i, spec in enumerate(graph["inputs"]):
        inputs.append(value_info(f"input{i}", spec["name"]))
        b.nodes.insert(0, helper.make_node("Identity", [f"input{i}"], [spec["name"]]))
    outputs = []
    for i, value in enumerate(graph["outputs"]):
        b.node("Identity", [b.operand(value, recorded.info[value][0])], [f"output{i}"])
        outputs.append(value_info(f"output{i}", value))
    initializers = [onnx.numpy_helper.from_array(t.detach().contiguous().numpy(), name)
                    for name, t in recorded.constants.items()] + b.initializers
    onnx_graph = helper.make_graph(b.nodes, "nnlite", inputs, outputs, initializers)
    model = helper.make_model(onnx_graph, producer_name="nnlite", opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = _IR_VERSION
    onnx.checker.check_model(model)
    return model


def export(model, example_inputs, path):
    """Record ``model(*example_inputs)`` in eval mode and write it to ``path``
    as an ONNX model (written to a temporary file, then renamed into place)."""
    onnx = _require_onnx()
    try:
        path = os.fspath(path)
    except TypeError:
        raise TypeError(f"onnx.export: path must be a str or os.PathLike, got {type(path).__name__}") from None
    recorded = trace(model, example_inputs, "onnx.export")
    data = to_model(recorded, onnx).SerializeToString()
    write_atomically(path, lambda f: f.write(data))
