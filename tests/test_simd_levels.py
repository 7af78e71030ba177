"""Every SIMD kernel set, not only the one this CPU picks: each level runs in
a subprocess with NNLITE_SIMD capping the choice, and checks GEMM (with
tails and transposes), elementwise ops, reductions, softmax, convolution
(both direct tiles, Winograd with a kept filter), max pooling and the fused optimizer steps against NumPy references
computed in float64."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import nnlite

SCRIPT = r"""
import json, sys
import numpy as np
import nnlite
import nnlite.nn.functional as F

rng = np.random.default_rng(0)
def t(a):
    return nnlite.from_numpy(np.ascontiguousarray(a))
def err(ours, ref):
    ref = np.asarray(ref, np.float64)
    return float(np.max(np.abs(ours.detach().numpy().astype(np.float64) - ref)) / (1 + np.max(np.abs(ref))))

worst = {}
for (m, k, n) in [(1, 7, 5), (2, 33, 17), (13, 65, 31), (67, 130, 97), (128, 300, 10)]:
    a = rng.standard_normal((m, k)).astype(np.float32); b = rng.standard_normal((k, n)).astype(np.float32)
    worst["matmul"] = max(worst.get("matmul", 0), err(t(a) @ t(b), a.astype(np.float64) @ b))
    worst["matmul_T"] = max(worst.get("matmul_T", 0), err(t(a.T.copy()).T @ t(b.T.copy()).T, a.astype(np.float64) @ b))
x = rng.standard_normal(1003).astype(np.float32)
for name, ours, ref in [("exp", nnlite.exp, np.exp), ("tanh", nnlite.tanh, np.tanh),
                        ("sigmoid", nnlite.sigmoid, lambda v: 1 / (1 + np.exp(-v))),
                        ("relu", nnlite.relu, lambda v: np.maximum(v, 0))]:
    worst[name] = err(ours(t(x)), ref(x.astype(np.float64)))
worst["add_broadcast"] = err(t(x[:1000].reshape(10, 100)) + t(x[:100]), x[:1000].reshape(10, 100) + x[:100])
worst["sum"] = err(t(x).sum(), x.astype(np.float64).sum())
s = rng.standard_normal((7, 33)).astype(np.float32)
e = np.exp(s - s.max(1, keepdims=True)); worst["softmax"] = err(F.softmax(t(s), 1), e / e.sum(1, keepdims=True))
def conv3x3_ref(img, w):  # padding 1, in float64
    pad = np.pad(img, ((0, 0), (0, 0), (1, 1), (1, 1))).astype(np.float64)
    h, v = img.shape[2:]
    return sum(np.einsum("nchw,kc->nkhw", pad[:, :, i:i + h, j:j + v], w[:, :, i, j]) for i in range(3) for j in range(3))
img = rng.standard_normal((2, 3, 9, 9)).astype(np.float32); w = rng.standard_normal((4, 3, 3, 3)).astype(np.float32)
worst["conv2d"] = err(F.conv2d(t(img), t(w), padding=1), conv3x3_ref(img, w))
# 576 taps: the lanes tile, once its weights are packed (the second call);
# 36 channels leave part of a block at every level (8, 16 and 32 lanes).
img = rng.standard_normal((1, 64, 7, 7)).astype(np.float32); w = rng.standard_normal((36, 64, 3, 3)).astype(np.float32)
tw = t(w)
worst["conv2d_lanes"] = max(err(F.conv2d(t(img), tw, padding=1), conv3x3_ref(img, w)) for _ in range(3))
# Max pool without indices (isa/pool.cc), strides 1 and 2, one NaN: the
# reference is the maximum of the window's taps in the -inf padded image.
img = rng.standard_normal((2, 3, 13, 29)).astype(np.float32); img[1, 2, 4, 7] = np.nan
for sw in (1, 2):
    pad = np.pad(img, ((0, 0), (0, 0), (1, 1), (1, 1)), constant_values=-np.inf)
    wo = (29 + 2 - 3) // sw + 1
    ref = np.max([pad[:, :, i:i + 13:2, j:j + (wo - 1) * sw + 1:sw] for i in range(3) for j in range(3)], axis=0)
    with nnlite.no_grad():
        ours = F.max_pool2d(t(img), 3, (2, sw), 1).numpy()
    nan_ok = bool(np.array_equal(np.isnan(ours), np.isnan(ref)))
    worst[f"max_pool_s{sw}"] = float(np.nanmax(np.abs(ours - ref))) if nan_ok else float("inf")
# 16 tiles of 40 channels: Winograd once the weight holds still (the third
# call on), its filter kept in the GEMM's packed A panels.
img = rng.standard_normal((1, 40, 14, 14)).astype(np.float32); w = rng.standard_normal((45, 40, 3, 3)).astype(np.float32)
tw = t(w)
worst["conv2d_winograd_kept"] = max(err(F.conv2d(t(img), tw, padding=1), conv3x3_ref(img, w)) for _ in range(4))
p0 = rng.standard_normal(37).astype(np.float32); g = rng.standard_normal(37).astype(np.float32)
p, buf = t(p0.copy()), nnlite.zeros(37)
nnlite._C.sgd_step([p], [t(g)], [buf], lr=0.1, momentum=0.9, dampening=0.0, weight_decay=0.01, nesterov=True,
                   maximize=False, first_step=True)
d = g + 0.01 * p0; worst["sgd"] = err(p, p0 - 0.1 * (d + 0.9 * d))
print(json.dumps({"level": nnlite.simd_level(), "worst": worst}))
"""


@pytest.mark.parametrize("level", ["generic", "avx2", "avx512"])
def test_kernels_at_each_simd_level(level):
    env = dict(os.environ, NNLITE_SIMD=level)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(nnlite.__file__).resolve().parents[1]), env.get("PYTHONPATH", "")])
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    if out["level"] != level:
        # The CPU lacks this level (or the build has no such kernels): the cap
        # must then have fallen back to something lower, never higher.
        order = ["generic", "avx2", "avx512"]
        assert order.index(out["level"]) < order.index(level), out
        pytest.skip(f"this CPU does not run {level} kernels (got {out['level']})")
    bad = {k: v for k, v in out["worst"].items() if not v < 1e-5}
    assert not bad, f"{level}: {bad}"
