"""Recording a model's forward pass as a graph of nnlite ops (used by
nnlite.export and nnlite.onnx.export).

``trace(model, example_inputs)`` runs the model once in eval mode under
no_grad inside a core recording (``nnlite._C.GraphRecorder``, see
cpp/include/nnlite/export.h): the ops report themselves to the recorder of
the calling thread, so nothing in Python is replaced and several threads
may export at once. It returns the graph description (format in
cpp/include/nnlite/graph.h), the constants it reads and what it saw of
each value.
"""
from __future__ import annotations

import json

from .. import _C
from ..autograd import no_grad
from .dims import DerivedDim, TracedDim

ExportError = _C.ExportError
ExportError.__doc__ = ("A model cannot be recorded as a graph (an unsupported op, Python control flow on tensor "
                       "values, an in-place change that a graph cannot express).")
ExportError.__module__ = "nnlite"

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
    ({name: Tensor}), ``info`` ({value name: (dtype name, shape)} as seen while
    tracing, for converters that need dtypes or ranks) and ``recording`` (the
    core's, which nnlite._C.save_graph writes)."""

    def __init__(self, recording):
        self.recording = recording
        self.graph = json.loads(recording.graph_json)
        self.constants = dict(recording.constants)
        self.info = dict(recording.values)


def _outputs(out):
    if isinstance(out, _C.Tensor):
        return [out]
    if isinstance(out, (tuple, list)) and out and all(isinstance(o, _C.Tensor) for o in out):
        return list(out)
    raise ExportError(f"export: the model must return a Tensor or a tuple/list of Tensors, got {type(out).__name__}")


def _named_constants(model):
    named = []
    if hasattr(model, "named_parameters"):
        named += list(model.named_parameters())
    if hasattr(model, "named_buffers"):
        named += [(n, b) for n, b in model.named_buffers() if b is not None]
    return named


def trace(model, example_inputs, op="export"):
    """The Recorded graph of one forward pass of ``model``."""
    if not callable(model):
        raise TypeError(f"{op}: model must be a Module or a callable, got {type(model).__name__}")
    inputs = example_tuple(example_inputs, op)
    recorder = _C.GraphRecorder(_named_constants(model), f"nnlite {_C.version()}")
    was_training = getattr(model, "training", False)
    if hasattr(model, "eval"):
        model.eval()
    try:
        with no_grad(), recorder:
            for x in inputs:
                recorder.add_input(x)
            out = model(*inputs)
            outputs = _outputs(out)
        recording = recorder.finish(outputs)
    finally:
        if was_training and hasattr(model, "train"):
            model.train(True)
    return Recorded(recording)
