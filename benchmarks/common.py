"""Timing and machine facts shared by the benchmarks.

Timings are medians over repeats, and competing implementations are run
interleaved (a, b, a, b, ...) in the same process, because the two vCPUs of
the development machine move between host cores and a run can swing by 2x.
"""
from __future__ import annotations

import os
import platform
import statistics
import time


def interleaved(fns: dict, repeats: int = 10, warmup: int = 2, inner: int = 1) -> dict:
    """Median seconds per call of each function, timing them in turns.

    Each turn starts with one untimed call: it absorbs the cost of switching
    libraries (the previous library's thread pool still spinning, caches
    holding its data), which would otherwise be charged to whoever runs next.
    """
    for fn in fns.values():
        for _ in range(warmup):
            fn()
    samples = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            fn()
            t0 = time.perf_counter()
            for _ in range(inner):
                fn()
            samples[name].append((time.perf_counter() - t0) / inner)
    return {name: statistics.median(s) for name, s in samples.items()}


def cpu_ghz() -> float:
    """The clock used for the peak estimate: NNLITE_BENCH_GHZ, else the highest
    'cpu MHz' in /proc/cpuinfo, else 3.6 (the development machine under load)."""
    if os.environ.get("NNLITE_BENCH_GHZ"):
        return float(os.environ["NNLITE_BENCH_GHZ"])
    try:
        mhz = [float(line.split(":")[1]) for line in open("/proc/cpuinfo") if line.startswith("cpu MHz")]
        if mhz and max(mhz) > 1000:
            return max(mhz) / 1000
    except OSError:
        pass
    return 3.6


def fp32_peak_gflops(threads: int, simd: str) -> dict:
    """cores x FLOP/cycle x clock. Two FMA pipes of 8 float lanes (AVX2, or
    AVX-512 executed as two 256-bit halves as on Zen 4) give 32 FLOP/cycle;
    SSE 16."""
    per_cycle = 32 if simd in ("avx2", "avx512") else 16
    ghz = cpu_ghz()
    return {"threads": threads, "flop_per_cycle": per_cycle, "ghz": round(ghz, 2),
            "gflops": round(threads * per_cycle * ghz, 1)}


def machine(threads: int) -> dict:
    import nnlite

    return {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(), "threads": threads, "nnlite": nnlite.__version__,
            "simd": nnlite.simd_level()}
