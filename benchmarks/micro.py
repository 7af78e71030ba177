"""Kernel-level rows: sgemm (also NumPy), per-call overhead, elementwise
bandwidth and conv2d."""
from __future__ import annotations

import subprocess

import numpy as np

from . import openblas_child
from .common import interleaved

SGEMM_SHAPES = [(256, 256, 256), (512, 512, 512), (1024, 1024, 1024), (2048, 2048, 2048),
                (128, 784, 512), (128, 512, 512), (128, 512, 10), (512, 3072, 1024)]


def sgemm(nnlite, torch, quick=False, shapes=None):
    rows = []
    shapes = [s for s in (shapes or SGEMM_SHAPES) if not (quick and s[0] * s[1] * s[2] > 512 ** 3)]
    for (m, k, n) in shapes:
        rng = np.random.default_rng(0)
        a, b = rng.standard_normal((m, k), np.float32), rng.standard_normal((k, n), np.float32)
        na, nb = nnlite.from_numpy(a), nnlite.from_numpy(b)
        fns = {"nnlite": lambda: na @ nb}
        if torch:
            ta, tb = torch.from_numpy(a), torch.from_numpy(b)
            fns["torch"] = lambda: ta @ tb
        reps = 5 if m * k * n >= 1024 ** 3 else 15
        t = interleaved(fns, repeats=reps)
        # NumPy's OpenBLAS threads spin for a long time after each call and
        # would slow whichever library runs next: time it on its own, after.
        t.update(interleaved({"numpy": lambda: a @ b}, repeats=reps))
        flop = 2.0 * m * k * n
        rows.append({"row": "sgemm", "shape": f"{m}x{k}x{n}", "unit": "GFLOP/s",
                     **{lib: flop / s / 1e9 for lib, s in t.items()}})
    _add_own_kernel_column(rows, shapes, nnlite.get_num_threads(), 3 if quick else 7)
    return rows


def _add_own_kernel_column(rows, shapes, threads, repeats):
    """Column numpy_own: NumPy with the kernel OpenBLAS picks itself (a child
    process without this environment's forced Haswell kernel); each row names
    that kernel as threadpoolctl reports it."""
    try:
        own = openblas_child.measure(shapes, threads, repeats)
    except (OSError, subprocess.SubprocessError, ValueError) as e:
        for r in rows:
            r["numpy_kernel"] = f"not measured: {e}"
        return
    for r in rows:
        r["numpy_own"] = own["gflops"][r["shape"]]
        r["numpy_kernel"] = own["kernel"]


def op_overhead(nnlite, torch, quick=False):
    rows = []
    for n in (1, 1000):
        for grad in (False, True):
            a, b = nnlite.ones(n, requires_grad=grad), nnlite.ones(n)
            fns = {"nnlite": lambda: a + b}
            if torch:
                ta, tb = torch.ones(n, requires_grad=grad), torch.ones(n)
                fns["torch"] = lambda: ta + tb
            t = interleaved(fns, repeats=15, inner=200)
            rows.append({"row": "op overhead", "shape": f"a+b, {n} elem" + (", requires_grad" if grad else ""),
                         "unit": "us/call", **{lib: s * 1e6 for lib, s in t.items()}})
    return rows


def elementwise(nnlite, torch, quick=False):
    n = 1 << (22 if quick else 24)
    x = np.random.default_rng(0).standard_normal(n).astype(np.float32)
    na, nb = nnlite.from_numpy(x), nnlite.from_numpy(x.copy())
    rows = []
    for name, nbytes, nf, tf in [
            ("relu", 8 * n, lambda: nnlite.relu(na), lambda: torch.relu(ta)),
            ("add", 12 * n, lambda: na + nb, lambda: ta + tb)]:
        fns = {"nnlite": nf}
        if torch:
            ta, tb = torch.from_numpy(x), torch.from_numpy(x.copy())
            fns["torch"] = tf
        t = interleaved(fns, repeats=10)
        rows.append({"row": "elementwise", "shape": f"{name}, {n >> 20}M floats", "unit": "GB/s",
                     **{lib: nbytes / s / 1e9 for lib, s in t.items()}})
    return rows


CONV_SHAPES = [(128, 16, 32, 32, 16), (128, 64, 8, 8, 64)]


def conv2d(nnlite, torch, quick=False):
    F = nnlite.nn.functional
    rows = []
    for (N, C, H, W, K) in CONV_SHAPES:
        if quick:
            N = 32
        rng = np.random.default_rng(0)
        x = rng.standard_normal((N, C, H, W), np.float32)
        w = (rng.standard_normal((K, C, 3, 3)) * 0.1).astype(np.float32)
        nx, nw = nnlite.tensor(x, requires_grad=True), nnlite.tensor(w, requires_grad=True)

        def n_fwd():
            with nnlite.no_grad():
                F.conv2d(nx, nw, padding=1)

        def n_train():
            F.conv2d(nx, nw, padding=1).sum().backward()

        fwd, train = {"nnlite": n_fwd}, {"nnlite": n_train}
        if torch:
            tx, tw = torch.tensor(x, requires_grad=True), torch.tensor(w, requires_grad=True)

            def t_fwd():
                with torch.no_grad():
                    torch.nn.functional.conv2d(tx, tw, padding=1)

            def t_train():
                torch.nn.functional.conv2d(tx, tw, padding=1).sum().backward()

            fwd["torch"], train["torch"] = t_fwd, t_train
        shape = f"N{N} C{C} {H}x{W} K{K} 3x3 pad1"
        for kind, fns in (("forward", fwd), ("forward+backward", train)):
            t = interleaved(fns, repeats=7)
            rows.append({"row": f"conv2d {kind}", "shape": shape, "unit": "ms", **{lib: s * 1e3 for lib, s in t.items()}})
    return rows
