"""nnlite against PyTorch (and NumPy for GEMM, onnxruntime for inference)
on this machine, same run, same threads, float32: prints a table and writes
JSON with the ratio nnlite/PyTorch for every row and the target it is held to,
and the ratios to the other peers where a row has them (ratio_ort: nnlite /
onnxruntime time; ratio_numpy_own: nnlite / NumPy rate with OpenBLAS's own
kernel, numpy_kernel names it).

    python -m benchmarks [--threads N] [--out benchmarks/results.json] [--quick]
    python -m benchmarks --device cuda --out gpu.json   # the GPU rows (benchmarks/gpu.py)
    python -m benchmarks --markdown benchmarks/results.json   # the README's table

Ratios: for rates (GFLOP/s, GB/s) ratio = nnlite / torch (higher is better);
for times and memory ratio = nnlite / torch (lower is better). GEMM rows also
get their fraction of the FP32 peak: the rate fma_peak.c measures on all
threads (it is compiled with the system's C compiler), else the estimate
threads x FLOP/cycle x clock (NNLITE_BENCH_GHZ, NNLITE_BENCH_FLOP_PER_CYCLE
override its parts).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import gpu, memory, micro, models, rbm, sequence, spiking, under_load
from .common import fp32_peak_gflops, machine

# (row, shape predicate, kind, bound): kind "min" wants ratio >= bound, "max" ratio <= bound.
TARGETS = [
    ("sgemm", lambda s: s in ("1024x1024x1024", "2048x2048x2048"), "min", 1.0),
    ("sgemm", lambda s: s.startswith("128x") or s.startswith("512x3072"), "min", 0.9),
    ("op overhead", lambda s: True, "max", 0.5),
    ("mlp training step", lambda s: True, "max", 1.0),
    ("lenet5 training step", lambda s: True, "max", 1.0),
    ("latency", lambda s: True, "max", 0.5),
    ("resnet20 training step", lambda s: True, "max", 1.0),
    ("resnet20 inference", lambda s: True, "max", 1.0),
    ("memory", lambda s: True, "max", 1.0),
    ("lstm training step", lambda s: True, "max", 0.8),
    ("gru training step", lambda s: True, "max", 0.8),
    ("sdpa forward+backward", lambda s: True, "max", 1.0),
    ("snn training step", lambda s: True, "max", 0.5),  # the peer is snnTorch on PyTorch
    ("rbm training (vs sklearn)", lambda s: True, "max", 0.33),
    # --device cuda (benchmarks/gpu.py): the CUDA issue's targets, PyTorch on the same GPU.
    ("sgemm (cuda)", lambda s: True, "min", 0.9),
    ("sgemm tf32 (cuda)", lambda s: True, "min", 0.9),
    ("sgemm own kernel (cuda)", lambda s: True, "min", 0.7),
    ("mlp training step (cuda)", lambda s: True, "max", 1.0),
    ("resnet20 training step (cuda)", lambda s: True, "max", 1.0),
    ("op overhead (cuda)", lambda s: True, "max", 0.5),
    ("memory (cuda)", lambda s: True, "max", 1.0),
]

# Targets against the other peers (issue 15): (column, row, shape predicate, kind, bound).
PEER_TARGETS = [
    # ratio_ort: the eager module / onnxruntime; ratio_graph_ort (below): nnlite's loaded graph / onnxruntime.
    ("ort", "resnet20 inference", lambda s: True, "max", 0.9),
    ("ort", "latency", lambda s: not s.startswith("lstm"), "max", 1.0),
    ("ort", "under load", lambda s: ", batch 1," in s, "max", 1.5),
    ("numpy_own", "sgemm", lambda s: s in ("1024x1024x1024", "2048x2048x2048"), "min", 1.0),
]


def _annotate_peers(r):
    for column, name, pred, kind, bound in PEER_TARGETS:
        if r.get(column) and r["row"] == name and pred(r["shape"]):
            ratio = r["nnlite"] / r[column]
            r[f"ratio_{column}"] = ratio
            r[f"target_{column}"] = f"{'>=' if kind == 'min' else '<='} {bound}"
            r[f"met_{column}"] = ratio >= bound if kind == "min" else ratio <= bound
        elif r.get(column) and f"ratio_{column}" not in r:
            r[f"ratio_{column}"] = r["nnlite"] / r[column]
    if r.get("ort") and r.get("graph"):
        r["ratio_graph_ort"] = r["graph"] / r["ort"]


def target_of(row):
    for name, pred, kind, bound in TARGETS:
        if row["row"] == name and pred(row["shape"]):
            return kind, bound
    return None


def annotate(rows, peak):
    for r in rows:
        if "torch" in r and r["torch"]:
            r["ratio"] = r["nnlite"] / r["torch"]
        _annotate_peers(r)
        t = target_of(r)
        if t and "ratio" in r:
            kind, bound = t
            r["target"] = f"{'>=' if kind == 'min' else '<='} {bound}"
            r["met"] = r["ratio"] >= bound if kind == "min" else r["ratio"] <= bound
        if r["row"] == "sgemm":
            r["fraction_of_peak"] = r["nnlite"] / peak["gflops"]
            if r["shape"] in ("1024x1024x1024", "2048x2048x2048"):
                r["peak_target_met"] = r["fraction_of_peak"] >= 0.85
    return rows


def table(rows):
    head = (f"{'row':24} {'shape':34} {'unit':12} {'nnlite':>9} {'torch':>9} {'numpy':>9} {'ratio':>7} {'target':>8} met"
            f"  {'ort/own':>9} {'ratio':>7} met {'graph':>9} {'g/ort':>6}")
    lines = [head, "-" * len(head)]
    for r in rows:
        fmt = lambda v: f"{v:9.2f}" if isinstance(v, float) else f"{'':>9}"
        met = "" if "met" not in r else ("yes" if r["met"] else "NO")
        peer, ratio, pmet = _peer_cells(r)
        lines.append(f"{r['row']:24} {r['shape']:34} {r['unit']:12} {fmt(r.get('nnlite'))} {fmt(r.get('torch'))} "
                     f"{fmt(r.get('numpy'))} {r.get('ratio', float('nan')):7.2f} {r.get('target', ''):>8} {met:3}"
                     f"  {fmt(peer)} {ratio:7.2f} {pmet:3} {fmt(r.get('graph'))} {r.get('ratio_graph_ort', float('nan')):6.2f}")
    return "\n".join(lines)


def _peer_cells(r):
    """(value, nnlite/peer ratio, met) of the row's second peer: onnxruntime,
    or NumPy with OpenBLAS's own kernel."""
    for column in ("ort", "numpy_own"):
        if column in r:
            met = "" if f"met_{column}" not in r else ("yes" if r[f"met_{column}"] else "NO")
            return r[column], r.get(f"ratio_{column}", float("nan")), met
    return None, float("nan"), ""


def markdown(rows):
    """The table as Markdown, as the README shows it (% of peak for GEMMs)."""
    def num(v):
        return "" if not isinstance(v, float) else (f"{v:.0f}" if v >= 100 else f"{v:.2f}")

    lines = ["| row | shape | unit | nnlite | PyTorch | NumPy | nnlite/PyTorch | target | met "
             "| onnxruntime or NumPy (own kernel) | nnlite/that | met | nnlite graph | graph/onnxruntime |",
             "|---|---|---|---:|---:|---:|---:|---|---|---:|---:|---|---:|---:|"]
    for r in rows:
        met = "" if "met" not in r else ("yes" if r["met"] else "**no**")
        if "fraction_of_peak" in r:
            met += f"{'; ' if met else ''}{r['fraction_of_peak']:.0%} of peak"
        ratio = f"{r['ratio']:.2f}" if "ratio" in r else ""
        peer, pratio, pmet = _peer_cells(r)
        pmet = pmet.replace("NO", "**no**")
        gratio = f"{r['ratio_graph_ort']:.2f}" if "ratio_graph_ort" in r else ""
        lines.append(f"| {r['row']} | {r['shape']} | {r['unit']} | {num(r.get('nnlite'))} | {num(r.get('torch'))} | "
                     f"{num(r.get('numpy'))} | {ratio} | {r.get('target', '')} | {met} | {num(peer)} | "
                     f"{'' if peer is None else f'{pratio:.2f}'} | {pmet} | {num(r.get('graph'))} | {gratio} |")
    return "\n".join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--out", default="benchmarks/results.json")
    p.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats (a smoke test)")
    p.add_argument("--skip-memory", action="store_true")
    p.add_argument("--device", choices=("cpu", "cuda"), default="cpu",
                   help="cpu: the CPU rows; cuda: the GPU rows against PyTorch on the same GPU")
    p.add_argument("--markdown", metavar="JSON", help="print the table of a results file as Markdown and exit")
    args = p.parse_args(argv)
    if args.markdown:
        print(markdown(json.loads(Path(args.markdown).read_text())["rows"]))
        return None

    import nnlite
    try:
        import torch
        torch.set_num_threads(args.threads)
    except ImportError:
        torch = None
        print("PyTorch is not installed: nnlite-only numbers, no ratios", file=sys.stderr)
    nnlite.set_num_threads(args.threads)

    if args.device == "cuda":
        return _gpu_main(nnlite, torch, args)
    peak = fp32_peak_gflops(args.threads, nnlite.simd_level())
    rows = []
    for part in (micro.sgemm, micro.op_overhead, micro.elementwise, micro.conv2d, models.all_rows,
                 under_load.all_rows, sequence.all_rows, spiking.all_rows, rbm.all_rows):
        rows += part(nnlite, torch, quick=args.quick)
        print(f"... {part.__module__.split('.')[-1]}.{part.__name__} done", file=sys.stderr)
    if not args.skip_memory:
        libs = ["nnlite"] + (["torch"] if torch else [])
        for model, batch in (("resnet20", 128), ("lstm", 32)):
            rows.append(memory.peak_memory(libs, args.threads, steps=10 if args.quick else 50, batch=batch,
                                           cwd=str(Path(__file__).resolve().parents[1]), model=model))
    annotate(rows, peak)
    result = {"machine": machine(args.threads), "fp32_peak": peak, "rows": rows}
    print(f"FP32 peak estimate: {peak['threads']} threads x {peak['flop_per_cycle']} FLOP/cycle x {peak['ghz']} GHz"
          f" = {peak['estimate_gflops']} GFLOP/s")
    if peak["measured_gflops"]:
        m = peak["measured_gflops"]
        print(f"FP32 FMA loop (benchmarks/fma_peak.c): {m['one_thread']} GFLOP/s on 1 thread, {m['all_threads']} on"
              f" {peak['threads']}; GEMM fractions are of {peak['gflops']}")
    print(table(rows))
    kernel = next((r["numpy_kernel"] for r in rows if "numpy_kernel" in r), None)
    if kernel:
        print(f"NumPy (own kernel) column: OpenBLAS without OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE, kernel {kernel}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(f"wrote {args.out}")
    return result


def _gpu_main(nnlite, torch, args):
    rows = annotate(gpu.all_rows(nnlite, torch, quick=args.quick), peak={"gflops": float("nan")})
    gpu_name = torch.cuda.get_device_name() if torch and torch.cuda.is_available() else "cuda"
    result = {"machine": {**machine(args.threads), "gpu": gpu_name}, "rows": rows}
    print(table(rows))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(f"wrote {args.out}")
    return result


if __name__ == "__main__":
    main()
