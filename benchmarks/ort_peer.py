"""onnxruntime as the inference peer: the nnlite model exported with
nnlite.onnx.export, run by the CPU provider with the same thread count on
the same inputs, its outputs checked against nnlite's.

Spinning is off (session.intra_op.allow_spinning = 0): onnxruntime's pool
otherwise keeps its threads spinning after each run, and in a process where
nnlite runs in turns those threads would steal nnlite's cores
(/work/shared/TOOLCHAIN.md).
"""
from __future__ import annotations

import os
import tempfile

import numpy as np


def available():
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def session(nnlite, model, x: np.ndarray, threads: int):
    """An onnxruntime session running `model` (exported on input x), or None
    without onnx/onnxruntime."""
    if not available():
        return None
    import onnxruntime as ort

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.onnx")
        nnlite.onnx.export(model, (nnlite.tensor(x),), path)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])


def run_fn(sess, x: np.ndarray):
    """A no-argument function running the session on x."""
    feed = {sess.get_inputs()[0].name: x}
    return lambda: sess.run(None, feed)


def check_outputs(name, sess, x: np.ndarray, ours: np.ndarray, rtol=1e-3, atol=1e-4):
    """onnxruntime's outputs equal nnlite's (else the timings compare different work)."""
    theirs = sess.run(None, {sess.get_inputs()[0].name: x})[0]
    if not np.allclose(theirs, ours, rtol=rtol, atol=atol):
        raise RuntimeError(f"benchmark {name}: onnxruntime's output differs from nnlite's by up to "
                           f"{float(np.abs(theirs - ours).max()):.3g}")
