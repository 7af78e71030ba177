"""GPU rows (python -m benchmarks --device cuda): nnlite's CUDA backend
against PyTorch on the same GPU, in the same process, interleaved.

Every timed call ends with a synchronize of its own library, so a row is the
time until the result is ready. The own-GEMM row runs in a child process with
NNLITE_CUBLAS=0 (the backend reads it when it first looks for cuBLAS), its
PyTorch peer in that same child. Rows and targets are the CUDA issue's:
sgemm 4096 FP32 and TF32, MLP and ResNet-20 training steps at batch 128,
the host overhead of a small add, and a ResNet-20 step's peak GPU memory.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from . import torch_models
from .common import interleaved
from .models import _step_fns, nnlite_model

GEMM_N = 4096


def _synced(fn, *syncs):
    def call():
        fn()
        for s in syncs:
            s()
    return call


def _syncs(nnlite, torch):
    out = {"nnlite": nnlite.cuda.synchronize}
    if torch:
        out["torch"] = torch.cuda.synchronize
    return out


def sgemm(nnlite, torch, n=GEMM_N, tf32=False, label=None, repeats=10):
    """C = A @ B for n x n FP32 matrices on the GPU, GFLOP/s."""
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((n, n), np.float32), rng.standard_normal((n, n), np.float32)
    nnlite.backends.cuda.matmul.allow_tf32 = tf32
    na, nb = nnlite.tensor(a, device="cuda"), nnlite.tensor(b, device="cuda")
    sync = _syncs(nnlite, torch)
    fns = {"nnlite": _synced(lambda: na @ nb, sync["nnlite"])}
    if torch:
        torch.backends.cuda.matmul.allow_tf32 = tf32
        ta, tb = torch.tensor(a, device="cuda"), torch.tensor(b, device="cuda")
        fns["torch"] = _synced(lambda: ta @ tb, sync["torch"])
    t = interleaved(fns, repeats=repeats, warmup=3)
    nnlite.backends.cuda.matmul.allow_tf32 = False
    if torch:
        torch.backends.cuda.matmul.allow_tf32 = False
    flop = 2.0 * n ** 3
    return {"row": label or ("sgemm tf32 (cuda)" if tf32 else "sgemm (cuda)"), "shape": f"{n}x{n}x{n}",
            "unit": "GFLOP/s", **{lib: flop / s / 1e9 for lib, s in t.items()}}


def sgemm_own_kernel(quick=False):
    """The sgemm row with cuBLAS hidden from nnlite (its own tiled kernel),
    measured in a child process: the choice of GEMM is made once per process."""
    code = ("import json, sys; import nnlite; from benchmarks import gpu\n"
            "try:\n    import torch\nexcept ImportError:\n    torch = None\n"
            f"print(json.dumps(gpu.sgemm(nnlite, torch, n={1024 if quick else GEMM_N}, "
            "label='sgemm own kernel (cuda)')))")
    env = dict(os.environ, NNLITE_CUBLAS="0")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600,
                       cwd=str(Path(__file__).resolve().parents[1]))
    if r.returncode != 0:
        raise RuntimeError(f"own-kernel sgemm child failed:\n{r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def train_step(nnlite, torch, name, shape, batch, repeats):
    """One SGD step (forward, cross-entropy, backward, update) on the GPU, ms."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((batch, *shape), np.float32)
    y = rng.integers(0, 10, batch)
    sync = _syncs(nnlite, torch)
    libs = {"nnlite": (nnlite, nnlite_model(nnlite, name))}
    if torch:
        libs["torch"] = (torch, torch_models.build(torch, name))
    fns = {}
    for key, (lib, model) in libs.items():
        model = model.to("cuda")
        opt = lib.optim.SGD(model.parameters(), 0.01, momentum=0.9)
        X, Y = lib.tensor(x, device="cuda"), lib.tensor(y, device="cuda")
        fns[key] = _synced(_step_fns(lib, model, X, Y, opt), sync[key])
    t = interleaved(fns, repeats=repeats, warmup=3)
    return {"row": f"{name} training step (cuda)", "shape": f"batch {batch}, {'x'.join(map(str, shape))}",
            "unit": "ms", **{lib: s * 1e3 for lib, s in t.items()}}


def op_overhead(nnlite, torch, calls=200):
    """Host time per launch of a 1-element add on the GPU: `calls` adds issued
    back to back, then one synchronize, us per add."""
    def adds(lib):
        a, b = lib.ones(1, device="cuda"), lib.ones(1, device="cuda")

        def run():
            for _ in range(calls):
                a + b
            lib.cuda.synchronize()
        return run

    t = interleaved({"nnlite": adds(nnlite), **({"torch": adds(torch)} if torch else {})}, repeats=15)
    return {"row": "op overhead (cuda)", "shape": "a+b, 1 elem", "unit": "us/call",
            **{lib: s / calls * 1e6 for lib, s in t.items()}}


def peak_memory(nnlite, torch, batch=128, steps=3):
    """Peak GPU memory the allocator handed out during ResNet-20 training
    steps (each library's max_memory_allocated after a reset), MiB."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((batch, 3, 32, 32), np.float32)
    y = rng.integers(0, 10, batch)
    out = {}
    libs = {"nnlite": (nnlite, lambda: nnlite_model(nnlite, "resnet20"))}
    if torch:
        libs["torch"] = (torch, lambda: torch_models.build(torch, "resnet20"))
    for key, (lib, build) in libs.items():
        model = build().to("cuda")
        opt = lib.optim.SGD(model.parameters(), 0.1, momentum=0.9)
        step = _step_fns(lib, model, lib.tensor(x, device="cuda"), lib.tensor(y, device="cuda"), opt)
        lib.cuda.synchronize()
        lib.cuda.reset_peak_memory_stats()
        for _ in range(steps):
            step()
        lib.cuda.synchronize()
        out[key] = lib.cuda.max_memory_allocated() / 2 ** 20
        del model, opt, step
        lib.cuda.empty_cache()
    return {"row": "memory (cuda)", "shape": f"resnet20 training, {steps} steps, batch {batch}",
            "unit": "MiB peak allocated", **out}


def all_rows(nnlite, torch, quick=False):
    if not nnlite.cuda.is_available():
        raise SystemExit("--device cuda: nnlite sees no CUDA GPU (nnlite.cuda.is_available() is False)")
    if torch is not None and not torch.cuda.is_available():
        print("PyTorch sees no GPU: nnlite-only GPU numbers", file=sys.stderr)
        torch = None
    r = 3 if quick else 10
    n = 1024 if quick else GEMM_N
    rows = [sgemm(nnlite, torch, n, repeats=r), sgemm(nnlite, torch, n, tf32=True, repeats=r), sgemm_own_kernel(quick),
            train_step(nnlite, torch, "mlp", (784,), 128, r * 3),
            train_step(nnlite, torch, "resnet20", (3, 32, 32), 128, r * 2),
            op_overhead(nnlite, torch),
            peak_memory(nnlite, torch)]
    return rows
