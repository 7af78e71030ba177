"""Export for inference: ``nnlite.export(model, example_inputs, path)`` and
``nnlite.load_graph(path)``.

``export`` runs the model once in eval mode on the example inputs, records
every op it calls on tensors computed from them, and writes one file: a
safetensors file whose tensors are the weights (named as in the state dict)
and other constants, and whose metadata holds the graph as JSON (format in
cpp/include/nnlite/graph.h). Loading it never executes code, in Python or in
C++ (``nnlite::load_graph``), and the graph runs on inputs of the same rank
and dtype with other sizes, such as another batch size.

What can be recorded: the ops of nnlite.nn and nnlite.nn.functional, the
Tensor operators, reductions, views, basic indexing (ints, slices, None,
...), cat/stack/split, and creation of tensors whose sizes are read from the
inputs' shapes. Python control flow runs once, at export: code that reads
tensor values (``if x.sum() > 0``, ``x.item()``), unsupported ops, random
ops in training mode, and sizes computed by arithmetic on input sizes raise
``nnlite.ExportError`` (a ValueError) naming the op.

The recording happens in the C++ core (cpp/include/nnlite/export.h): the
ops report to a recorder of the calling thread, so nothing is patched and
several threads may export at the same time.
"""
from __future__ import annotations

import os

from . import _C
from ._export import ExportError, trace

__all__ = ["export", "load_graph", "Graph", "ExportError"]

FORMAT = "nnlite-graph"


def _path(path, op):
    try:
        return os.fspath(path)
    except TypeError:
        raise TypeError(f"{op}: path must be a str or os.PathLike, got {type(path).__name__}") from None


def export(model, example_inputs, path):
    """Record ``model(*example_inputs)`` in eval mode and write the graph file
    ``path`` (atomically: a temporary file renamed into place). The model's
    train/eval mode is restored afterwards."""
    path = _path(path, "export")
    recorded = trace(model, example_inputs, "export")
    _C.save_graph(recorded.recording, path)  # the writer nnlite::save_graph of C++ uses


class Graph:
    """A loaded graph. ``graph(x)`` (or ``graph(x1, x2)`` for several inputs)
    returns a Tensor, or a tuple when the model returned several."""

    def __init__(self, graph):
        self._graph = graph

    def __call__(self, *inputs):
        outputs = self.run(inputs)
        return outputs[0] if len(outputs) == 1 else tuple(outputs)

    def run(self, inputs):
        """A list of outputs for a sequence of inputs."""
        if isinstance(inputs, _C.Tensor):
            inputs = [inputs]
        inputs = list(inputs)
        for i, x in enumerate(inputs):
            if not isinstance(x, _C.Tensor):
                raise TypeError(f"Graph.run: input {i} must be a Tensor, got {type(x).__name__}")
        return self._graph.run(inputs)

    @property
    def inputs(self):
        """[{'name', 'rank', 'dtype', 'shape' (the example's)}] for each graph input."""
        return self._graph.inputs

    @property
    def output_names(self):
        return self._graph.output_names

    @property
    def node_ops(self):
        """The op of each node, in the order they run."""
        return self._graph.node_ops

    @property
    def constants(self):
        """{name: Tensor}: the weights and other constants the graph holds."""
        return self._graph.constants

    def __repr__(self):
        ins = ", ".join(f"{i['name']}: {i['dtype']} rank {i['rank']}" for i in self.inputs)
        return f"Graph(inputs=[{ins}], nodes={len(self.node_ops)}, outputs={len(self.output_names)})"


def load_graph(path, optimize=True):
    """Load a graph file written by ``export``. FileNotFoundError when it is
    missing; ValueError naming the file and the problem when it is malformed.

    With ``optimize`` (the default) the inference optimisations run at load:
    an eval batch norm is folded into the conv2d/linear before it, and a
    residual add and a ReLU after a conv2d/linear are fused into its step
    (``node_ops`` shows e.g. ``conv2d+add+relu``). ``optimize=False`` runs
    the recorded nodes as they are."""
    if not isinstance(optimize, bool):
        raise TypeError(f"load_graph: optimize must be a bool, got {type(optimize).__name__}")
    return Graph(_C.load_graph(_path(path, "load_graph"), optimize))


# nnlite.onnx.export shares the recording; importing it here makes it available
# after a plain `import nnlite`.
from . import onnx  # noqa: E402,F401
