"""NumPy's sgemm with OpenBLAS's own kernel choice.

This environment sets OPENBLAS_CORETYPE (forcing a Haswell kernel) and
OPENBLAS_L2_SIZE; OpenBLAS reads them once, when it loads, so the fair NumPy
column runs in a child process started without them. The child prints one
JSON object: the kernel threadpoolctl reports ("internal_api"/"architecture")
and GFLOP/s per shape (median of `repeats` calls, after a warm-up).

    python -m benchmarks.openblas_child THREADS REPEATS MxKxN [MxKxN ...]
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

FORCED = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def measure(shapes, threads: int, repeats: int, timeout: float = 600) -> dict:
    """Run this module in a child without the two variables: {"kernel": str, "gflops": {shape: rate}}."""
    env = {k: v for k, v in os.environ.items() if k not in FORCED}
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    args = [sys.executable, "-m", "benchmarks.openblas_child", str(threads), str(repeats)]
    args += ["x".join(map(str, s)) for s in shapes]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run(args, env=env, cwd=root, capture_output=True, text=True, timeout=timeout, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _kernel() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "unknown (no threadpoolctl)"
    blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    return ", ".join(f"{i.get('internal_api')} {i.get('architecture')}" for i in blas) or "no BLAS found"


def main(argv):
    import numpy as np

    threads, repeats = int(argv[0]), int(argv[1])
    rates = {}
    for spec in argv[2:]:
        m, k, n = map(int, spec.split("x"))
        rng = np.random.default_rng(0)
        a, b = rng.standard_normal((m, k), np.float32), rng.standard_normal((k, n), np.float32)
        a @ b
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            a @ b
            times.append(time.perf_counter() - t0)
        rates[spec] = 2.0 * m * k * n / statistics.median(times) / 1e9
    print(json.dumps({"kernel": _kernel(), "threads": threads, "gflops": rates}))


if __name__ == "__main__":
    main(sys.argv[1:])
