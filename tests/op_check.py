"""One helper to test an op: `check_op`.

It builds seeded random inputs, runs the op in nnlite and (when installed) in
torch, compares the outputs and the gradients of every input for a random
upstream gradient, and checks nnlite's own float64 gradients against central
finite differences computed with nnlite in float64, which needs no torch.

Input specs, one per positional argument of the op:
  - a tuple of ints: a random tensor of that shape and of `dtype`;
  - a NumPy array: used as given (integer and bool arrays never get a grad);
  - anything else (Python numbers, None, lists...): passed unchanged to both.
"""
import numpy as np
import pytest

import nnlite

FLOAT_DTYPES = ("float32", "float64")
# Forward / gradient tolerances per dtype, for values of order one.
_TOL = {"float32": (1e-5, 1e-4, 1e-4, 1e-3), "float64": (1e-10, 1e-8, 1e-9, 1e-7)}


def torch_op(path):
    """A function calling torch.<path> (dotted, e.g. "nn.functional.gelu"),
    importing torch only when called, so tests build without torch."""
    def call(*args, **kwargs):
        import importlib

        obj = importlib.import_module("torch")
        for part in path.split("."):
            obj = getattr(obj, part)
        return obj(*args, **kwargs)

    return call


class _LazyTorch:
    """`T.exp(x)` is torch.exp(x); torch is imported on first use only."""

    def __getattr__(self, name):
        import torch

        return getattr(torch, name)


T = _LazyTorch()


def dtype_name(d):
    """'float32' for nnlite.float32, torch.float32, np.dtype('float32')..."""
    if isinstance(d, np.dtype):
        return d.name
    return str(d).rsplit(".", 1)[-1]


def to_numpy(t):
    """A NumPy copy of an nnlite tensor's values."""
    t = t.detach()
    if getattr(t, "is_cuda", False):
        t = t.to("cpu")
    return np.array(t.numpy(), copy=True)


def from_array(arr):
    """An nnlite tensor holding a private copy of `arr` with its exact dtype."""
    return nnlite.from_numpy(np.ascontiguousarray(arr).copy())


def make_noncontiguous(arr, device="cpu"):
    """An nnlite tensor equal to `arr` whose memory layout is not contiguous.

    A 1-d tensor is a step-2 slice of a buffer twice as long; from 2-d on it is
    also the transpose of its last two dims, so both odd strides and permuted
    strides reach the kernels. The buffer is made on `device`.
    """
    arr = np.asarray(arr)
    nd = arr.ndim
    if nd == 0:
        return from_array(arr).to(device)
    src = np.swapaxes(arr, -1, -2) if nd >= 2 else arr
    big = np.zeros(src.shape[:-1] + (2 * src.shape[-1],), dtype=arr.dtype)
    big[..., ::2] = src
    t = nnlite.from_numpy(big).to(device)[(slice(None),) * (nd - 1) + (slice(None, None, 2),)]
    if nd >= 2:
        t = t.transpose(-1, -2)
    return t.detach()


def _as_list(out):
    if isinstance(out, (tuple, list)):
        return list(out)
    return [out]


def _is_float(name):
    return name in FLOAT_DTYPES


def _make_input(spec, dtype, low, high, rng):
    if isinstance(spec, tuple) and all(isinstance(s, (int, np.integer)) for s in spec):
        if _is_float(dtype):
            return rng.uniform(low, high, size=spec).astype(dtype)
        if dtype == "bool":
            return rng.integers(0, 2, size=spec).astype(bool)
        return rng.integers(int(low), int(high), size=spec).astype(dtype)
    return spec


def _backward(lib, outs, ups, leaves, diff):
    """Backward of sum(out_i * up_i) in `lib` (nnlite or torch); the gradient of
    each input (None where not differentiable), as NumPy arrays."""
    loss = None
    for o, g in zip(outs, ups):
        if g is None or not o.requires_grad:
            continue
        up = lib.from_numpy(g.astype(dtype_name(o.dtype)))
        if getattr(o, "is_cuda", False):
            up = up.to(o.device)
        term = (o * up).sum()
        loss = term if loss is None else loss + term
    if loss is not None:
        loss.backward()
    grads = []
    for x, d in zip(leaves, diff):
        if not d:
            grads.append(None)
            continue
        if x.grad is None:
            grads.append(np.zeros(tuple(x.shape), dtype=dtype_name(x.dtype)))
            continue
        assert tuple(x.grad.shape) == tuple(x.shape), f"grad shape {tuple(x.grad.shape)} != input shape {tuple(x.shape)}"
        assert dtype_name(x.grad.dtype) == dtype_name(x.dtype), "grad dtype differs from the input's"
        grads.append(to_numpy(x.grad))
    return grads


def _compare_outputs(nn_out, t_out, atol, rtol, equal_nan):
    assert len(nn_out) == len(t_out), f"nnlite gave {len(nn_out)} outputs, torch {len(t_out)}"
    for i, (a, b) in enumerate(zip(nn_out, t_out)):
        assert tuple(a.shape) == tuple(b.shape), f"output {i}: shape {tuple(a.shape)}, torch {tuple(b.shape)}"
        assert dtype_name(a.dtype) == dtype_name(b.dtype), f"output {i}: dtype {a.dtype}, torch {b.dtype}"
        av, bv = to_numpy(a), b.detach().numpy()
        if _is_float(dtype_name(b.dtype)):
            np.testing.assert_allclose(av, bv, atol=atol, rtol=rtol, equal_nan=equal_nan, err_msg=f"output {i}")
        else:
            np.testing.assert_array_equal(av, bv, err_msg=f"output {i}")


def _fd_check(arrays, diff, nn_fn, kwargs, ups, eps, atol, rtol, max_elems, rng):
    """nnlite's float64 gradients against central differences of nnlite's float64 forward."""
    x64 = [a.astype(np.float64) if d else a for a, d in zip(arrays, diff)]

    def wrap(vals, requires_grad):
        out = []
        for v, d in zip(vals, diff):
            if isinstance(v, np.ndarray):
                t = from_array(v)
                if d and requires_grad:
                    t.requires_grad_()
                out.append(t)
            else:
                out.append(v)
        return out

    leaves = wrap(x64, True)
    outs = _as_list(nn_fn(*leaves, **kwargs))
    for o, g in zip(outs, ups):
        if g is not None:
            assert dtype_name(o.dtype) == "float64", f"float64 inputs gave a {o.dtype} output"
    analytic = _backward(nnlite, outs, ups, leaves, diff)

    def loss(vals):
        with nnlite.no_grad():
            res = _as_list(nn_fn(*wrap(vals, False), **kwargs))
        return sum(float((to_numpy(o) * g).sum()) for o, g in zip(res, ups) if g is not None)

    for i, d in enumerate(diff):
        if not d or x64[i].size == 0:
            continue
        n = x64[i].size
        picks = np.arange(n) if n <= max_elems else rng.choice(n, size=max_elems, replace=False)
        numeric = []
        for j in picks:
            vals = list(x64)
            v = x64[i].copy()
            v.flat[j] += eps
            vals[i] = v
            lp = loss(vals)
            v = x64[i].copy()
            v.flat[j] -= eps
            vals[i] = v
            lm = loss(vals)
            numeric.append((lp - lm) / (2 * eps))
        np.testing.assert_allclose(
            analytic[i].reshape(-1)[picks], np.array(numeric), atol=atol, rtol=rtol,
            err_msg=f"input {i}: float64 gradient differs from finite differences",
        )


def _check_recorded(leaves, nn_fn, kwargs):
    """Called inside an export recording on graph values, the op must record
    itself (every output a graph value: a node's output or an input it
    returns unchanged) or refuse with ExportError, never run unrecorded: an
    unrecorded result would be frozen into the graph as a constant."""
    from nnlite._export import ExportError

    values = [t.detach() if isinstance(t, nnlite.Tensor) else t for t in leaves]
    if not any(isinstance(t, nnlite.Tensor) and t.numel() for t in values):
        return  # nothing an export could follow
    recorder = nnlite._C.GraphRecorder(None, "op_check")
    try:
        with nnlite.no_grad(), recorder:
            for t in values:
                if isinstance(t, nnlite.Tensor):
                    recorder.add_input(t)
            outs = [o for o in _as_list(nn_fn(*values, **kwargs)) if isinstance(o, nnlite.Tensor)]
        if not outs:
            return
        recording = recorder.finish(outs)
    except ExportError:
        return
    import json

    graph = json.loads(recording.graph_json)
    produced = {n["name"] for n in graph["inputs"]} | {o for node in graph["nodes"] for o in node["outputs"]}
    for i, name in enumerate(graph["outputs"]):
        assert name in produced, (f"output {i} of the op ran unrecorded under export (it became the constant "
                                  f"{name!r}); the op must report itself to the recorder or refuse")


def check_op(inputs, nn_fn, torch_fn=None, *, dtype="float32", grad=True, atol=None, rtol=None,
             grad_atol=None, grad_rtol=None, low=-2.0, high=2.0, noncontiguous=False, fd=True,
             fd_eps=1e-6, fd_atol=1e-5, fd_rtol=1e-4, fd_max_elems=12, kwargs=None, seed=0,
             equal_nan=False, device="cpu"):
    """Check one op; returns nnlite's outputs (a list) for extra assertions.

    nn_fn / torch_fn get the inputs (as tensors of their library) positionally
    and `kwargs`; they may return one tensor or a tuple/list of them.
    `grad` False skips every gradient check; `fd` False skips only the
    finite differences (for random ops). `noncontiguous` feeds nnlite inputs of
    one dim or more as strided, transposed views. `device` runs nnlite on
    that device (its outputs and gradients are compared on the host); the
    finite differences and the export check run on the CPU only.
    """
    dtype = dtype_name(dtype)
    kwargs = kwargs or {}
    rng = np.random.default_rng(seed)
    arrays = [_make_input(s, dtype, low, high, rng) for s in inputs]
    diff = [bool(grad) and isinstance(a, np.ndarray) and a.dtype.kind == "f" for a in arrays]
    f_atol, f_rtol, g_atol, g_rtol = _TOL.get(dtype, (0, 0, 1e-4, 1e-3))
    atol = f_atol if atol is None else atol
    rtol = f_rtol if rtol is None else rtol
    grad_atol = g_atol if grad_atol is None else grad_atol
    grad_rtol = g_rtol if grad_rtol is None else grad_rtol

    # nnlite, in the requested dtype (and layout)
    leaves = []
    for a, d in zip(arrays, diff):
        if isinstance(a, np.ndarray):
            t = make_noncontiguous(a, device) if noncontiguous and a.ndim >= 1 else from_array(a).to(device)
            np.testing.assert_array_equal(to_numpy(t), a, err_msg="input construction")
            if d:
                t.requires_grad_()
            leaves.append(t)
        else:
            leaves.append(a)
    nn_out = _as_list(nn_fn(*leaves, **kwargs))
    if device == "cpu":
        _check_recorded(leaves, nn_fn, kwargs)
    # One upstream gradient per floating output, drawn once and shared by every check.
    ups = [rng.standard_normal(tuple(o.shape)) if _is_float(dtype_name(o.dtype)) else None for o in nn_out]
    nn_grads = _backward(nnlite, nn_out, ups, leaves, diff) if any(diff) else None

    compared = False
    if torch_fn is not None:
        try:
            import torch
        except ImportError:
            torch = None
        if torch is not None:
            t_leaves = []
            for a, d in zip(arrays, diff):
                if isinstance(a, np.ndarray):
                    t = torch.from_numpy(np.ascontiguousarray(a).copy())
                    t_leaves.append(t.requires_grad_() if d else t)
                else:
                    t_leaves.append(a)
            t_out = _as_list(torch_fn(*t_leaves, **kwargs))
            _compare_outputs(nn_out, t_out, atol, rtol, equal_nan)
            if any(diff):
                t_grads = _backward(torch, t_out, ups, t_leaves, diff)
                for i, (g, tg) in enumerate(zip(nn_grads, t_grads)):
                    if g is not None:
                        np.testing.assert_allclose(g, tg, atol=grad_atol, rtol=grad_rtol,
                                                   equal_nan=equal_nan, err_msg=f"gradient of input {i}")
            compared = True

    checked_fd = False
    if fd and any(diff) and device == "cpu":
        _fd_check(arrays, diff, nn_fn, kwargs, ups, fd_eps, fd_atol, fd_rtol, fd_max_elems, rng)
        checked_fd = True
    if torch_fn is not None and not compared and not checked_fd:
        pytest.skip("torch is not installed and this op has no finite-difference check")
    return nn_out
