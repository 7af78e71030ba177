"""Peak resident memory of a training run (ResNet-20 on CIFAR-sized images, or
the 2-layer 256-wide LSTM of the sequence rows on [35, batch, 128]), each
library in a fresh process (so neither sees the other's memory)."""
from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r"""
import json, resource, sys
import numpy as np
lib_name, steps, batch, name = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[5]
rng = np.random.default_rng(0)
if lib_name == "torch":
    import torch as lib
    from benchmarks import torch_models
else:
    import nnlite as lib
lib.set_num_threads(int(sys.argv[4]))
if name == "lstm":
    from benchmarks.sequence import INPUT, HIDDEN, LAYERS, SEQ
    x = rng.standard_normal((SEQ, batch, INPUT), np.float32); y = rng.standard_normal((SEQ, batch, HIDDEN), np.float32)
    model = lib.nn.LSTM(INPUT, HIDDEN, num_layers=LAYERS)
    loss_fn = lambda out, y: lib.nn.functional.mse_loss(out[0], y)  # out: (output, (h, c))
else:
    x = rng.standard_normal((batch, 3, 32, 32), np.float32); y = rng.integers(0, 10, batch)
    model = torch_models.build(lib, name) if lib_name == "torch" else lib.models.get_model(name)
    loss_fn = lib.nn.functional.cross_entropy
opt = lib.optim.SGD(model.parameters(), 0.1, momentum=0.9)
X, Y = lib.tensor(x), lib.tensor(y)
for _ in range(steps):
    opt.zero_grad(); loss_fn(model(X), Y).backward(); opt.step()
# VmHWM, not getrusage's ru_maxrss: Linux keeps ru_maxrss across exec, so a
# child of a large parent would report the parent's peak.
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")]
peak = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"peak_mb": peak}))
"""


def peak_memory(libs, threads, steps=50, batch=128, cwd=None, model="resnet20"):
    out = {}
    for lib in libs:
        r = subprocess.run([sys.executable, "-c", SCRIPT, lib, str(steps), str(batch), str(threads), model],
                           capture_output=True, text=True, cwd=cwd, timeout=1800)
        if r.returncode != 0:
            raise RuntimeError(f"memory benchmark for {lib} failed:\n{r.stderr}")
        out[lib] = json.loads(r.stdout.strip().splitlines()[-1])["peak_mb"]
    what = "lstm 2x256, seq 35" if model == "lstm" else model
    return {"row": "memory", "shape": f"{what} training, {steps} steps, batch {batch}", "unit": "MB peak RSS",
            **out}
