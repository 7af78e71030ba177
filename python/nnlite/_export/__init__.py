"""Recording a model's forward pass as a graph of nnlite ops (used by
nnlite.export and nnlite.onnx.export).

``trace(model, example_inputs)`` runs the model once in eval mode under
no_grad with the recording hooks of ``patching`` installed, and returns the
graph description (see cpp/include/nnlite/graph.h for the format) and the
constants it reads.
"""
from __future__ import annotations

from .. import _C
from ..autograd import no_grad
from .patching import recording
from .tracer import DerivedDim, ExportError, TracedDim, Tracer

__all__ = ["trace", "Recorded", "ExportError", "TracedDim", "DerivedDim"]


def example_tuple(example_inputs, op):
    """A Tensor or a tuple/list of Tensors as a tuple of distinct Tensors."""
    inputs = (example_inputs,) if isinstance(example_inputs, _C.Tensor) else example_inputs
    if not isinstance(inputs, (tuple, list)) or not inputs:
        raise TypeError(f"{op}: example_inputs must be a Tensor or a non-empty tuple of Tensors, got "
                        f"{type(example_inputs).__name__}")
    for i, x in enumerate(inputs):
        if not isinstance(x, _C.Tensor):
            raise TypeError(f"{op}: example input {i} must be a Tensor, got {type(x).__name__}")
    if len({id(x) for x in inputs}) != len(inputs):
        raise ValueError(f"{op}: the same tensor is given twice as an example input; pass distinct tensors")
    return tuple(inputs)


class Recorded:
    """What one trace gives: ``graph`` (the JSON-ready description), ``constants``
    ({name: Tensor}) and ``info`` ({value name: (dtype name, shape)} as seen
    while tracing, for converters that need dtypes or ranks)."""

    def __init__(self, graph, constants, info):
        self.graph, self.constants, self.info = graph, constants, info


def trace(model, example_inputs, op="export"):
    """The Recorded graph of one forward pass of ``model``."""
    if not callable(model):
        raise TypeError(f"{op}: model must be a Module or a callable, got {type(model).__name__}")
    inputs = example_tuple(example_inputs, op)
    tracer = Tracer(model)
    was_training = getattr(model, "training", False)
    if hasattr(model, "eval"):
        model.eval()
    try:
        with no_grad(), recording(tracer):
            for x in inputs:
                tracer.add_input(x)
            out = model(*inputs)
            graph = tracer.graph(out, producer=f"nnlite {_C.version()}")
    finally:
        if was_training and hasattr(model, "train"):
            model.train(True)
    return Recorded(graph, dict(tracer.constants), dict(tracer.info))
