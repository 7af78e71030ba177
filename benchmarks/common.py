"""Timing and machine facts shared by the benchmarks.

Timings are medians over repeats, and competing implementations are run
interleaved (a, b, a, b, ...) in the same process, because the two vCPUs of
the development machine move between host cores and a run can swing by 2x.
"""
from __future__ import annotations

import os
import platform
import statistics
import subprocess
import tempfile
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


def _cpuinfo() -> dict:
    """The first processor's fields of /proc/cpuinfo ({} where there is none)."""
    info = {}
    try:
        for line in open("/proc/cpuinfo"):
            if not line.strip():
                break
            key, _, value = line.partition(":")
            info[key.strip()] = value.strip()
    except OSError:
        pass
    return info


def flop_per_cycle(simd: str) -> int:
    """FP32 FLOP per cycle and core: FMA pipes x vector lanes x 2.
    NNLITE_BENCH_FLOP_PER_CYCLE overrides. AVX-512 is 64 where two 512-bit FMA
    pipes exist (AMD Zen 5, family 26 and up; Intel server cores) and 32 where
    512-bit FMAs run as two 256-bit halves (Zen 4, family 25); AVX2 is 32."""
    if os.environ.get("NNLITE_BENCH_FLOP_PER_CYCLE"):
        return int(os.environ["NNLITE_BENCH_FLOP_PER_CYCLE"])
    if simd == "avx512":
        info = _cpuinfo()
        amd = info.get("vendor_id") == "AuthenticAMD"
        family = int(info.get("cpu family", "0") or 0)
        return 32 if amd and family < 26 else 64
    return 32 if simd == "avx2" else 16


def measured_fma_gflops(threads: int, simd: str) -> dict | None:
    """Compile and run fma_peak.c (chains of vector FMAs): the FP32 rate one
    thread and `threads` threads sustain. None without a C compiler or AVX."""
    if simd not in ("avx2", "avx512"):
        return None
    flags = ["-mavx512f"] if simd == "avx512" else ["-mavx2", "-mfma"]
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "fma_peak")
        src = os.path.join(os.path.dirname(__file__), "fma_peak.c")
        try:
            subprocess.run([os.environ.get("CC", "cc"), "-O2", "-fopenmp", *flags, src, "-o", exe], check=True,
                           capture_output=True, timeout=120)
            out = subprocess.run([exe, str(threads)], check=True, capture_output=True, text=True, timeout=120).stdout
        except (OSError, subprocess.SubprocessError):
            return None
    rates = dict(line.split() for line in out.splitlines())
    return {"one_thread": float(rates["1"]), "all_threads": float(rates[str(threads)])}


def fp32_peak_gflops(threads: int, simd: str) -> dict:
    """The estimate threads x FLOP/cycle x clock, and the rate of fma_peak.c.
    The clock is NNLITE_BENCH_GHZ, else the one implied by the one-thread FMA
    rate (turbo clocks are not in /proc/cpuinfo), else /proc/cpuinfo's.
    "gflops", which the GEMM rows are a fraction of, is the measured rate on
    all threads where there is one (it also shows whether the threads are
    separate cores), else the estimate."""
    per_cycle = flop_per_cycle(simd)
    measured = measured_fma_gflops(threads, simd)
    if os.environ.get("NNLITE_BENCH_GHZ"):
        ghz = float(os.environ["NNLITE_BENCH_GHZ"])
    elif measured:
        ghz = measured["one_thread"] / per_cycle
    else:
        mhz = _cpuinfo().get("cpu MHz")
        ghz = float(mhz) / 1000 if mhz else 3.0
    estimate = round(threads * per_cycle * ghz, 1)
    return {"threads": threads, "flop_per_cycle": per_cycle, "ghz": round(ghz, 2), "estimate_gflops": estimate,
            "measured_gflops": measured, "gflops": measured["all_threads"] if measured else estimate}


def machine(threads: int) -> dict:
    import nnlite

    return {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(), "threads": threads, "nnlite": nnlite.__version__,
            "simd": nnlite.simd_level()}
