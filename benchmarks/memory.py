"""Peak resident memory of a ResNet-20 training run of 50 steps, each library
in a fresh process (so neither sees the other's memory)."""
from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r"""
import json, resource, sys
import numpy as np
lib_name, steps, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(0)
x = rng.standard_normal((batch, 3, 32, 32), np.float32); y = rng.integers(0, 10, batch)
if lib_name == "torch":
    import torch
    from benchmarks import torch_models
    lib = torch; model = torch_models.build(torch, "resnet20")
else:
    import nnlite as lib
    model = lib.models.get_model("resnet20")
lib.set_num_threads(int(sys.argv[4]))
opt = lib.optim.SGD(model.parameters(), 0.1, momentum=0.9)
X, Y = lib.tensor(x), lib.tensor(y)
for _ in range(steps):
    opt.zero_grad(); lib.nn.functional.cross_entropy(model(X), Y).backward(); opt.step()
# VmHWM, not getrusage's ru_maxrss: Linux keeps ru_maxrss across exec, so a
# child of a large parent would report the parent's peak.
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")]
peak = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"peak_mb": peak}))
"""


def peak_memory(libs, threads, steps=50, batch=128, cwd=None):
    out = {}
    for lib in libs:
        r = subprocess.run([sys.executable, "-c", SCRIPT, lib, str(steps), str(batch), str(threads)],
                           capture_output=True, text=True, cwd=cwd, timeout=1800)
        if r.returncode != 0:
            raise RuntimeError(f"memory benchmark for {lib} failed:\n{r.stderr}")
        out[lib] = json.loads(r.stdout.strip().splitlines()[-1])["peak_mb"]
    return {"row": "memory", "shape": f"resnet20 training, {steps} steps, batch {batch}", "unit": "MB peak RSS",
            **out}
