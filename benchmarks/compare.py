"""Two builds of nnlite against each other, through the same peer.

    python -m benchmarks.compare BASE_PYTHONPATH NEW_PYTHONPATH [--rounds 3] [--quick]

Two copies of the extension cannot live in one process, so each round runs
the whole benchmark once per build, in turns (base, new, base, new, ...),
each in its own process. Every row's number is already a ratio against
PyTorch measured in that same process, so a slow moment of the shared
machine moves both sides of a ratio; the table compares the median ratio of
each build over the rounds. "change" is new/base of that ratio, turned so
that below 1 always means the new build is faster (or smaller).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Rows whose numbers are rates (higher is better); the rest are times or sizes.
RATE_UNITS = ("GFLOP/s", "GB/s")


def run_once(pythonpath, out, quick, threads):
    env = dict(os.environ, PYTHONPATH=str(Path(pythonpath).resolve()))
    cmd = [sys.executable, "-m", "benchmarks", "--out", str(out), "--threads", str(threads)]
    if quick:
        cmd.append("--quick")
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return {(r["row"], r["shape"]): r for r in json.loads(Path(out).read_text())["rows"]}


def compare(base_runs, new_runs):
    """[(row, shape, unit, base median ratio, new median ratio, change)] for rows with ratios."""
    out = []
    for key, first in base_runs[0].items():
        base = [run[key]["ratio"] for run in base_runs if "ratio" in run.get(key, {})]
        new = [run[key]["ratio"] for run in new_runs if "ratio" in run.get(key, {})]
        if not base or not new:
            continue
        b, n = statistics.median(base), statistics.median(new)
        change = b / n if first["unit"] in RATE_UNITS else n / b
        out.append((key[0], key[1], first["unit"], b, n, change))
    return out


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m benchmarks.compare", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("base", help="PYTHONPATH that imports the base build of nnlite")
    p.add_argument("new", help="PYTHONPATH that imports the new build of nnlite")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--out", help="write the comparison as JSON here")
    args = p.parse_args(argv)
    runs = {"base": [], "new": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.rounds):
            for which in ("base", "new"):
                path = getattr(args, which)
                runs[which].append(run_once(path, Path(tmp) / f"{which}{i}.json", args.quick, args.threads))
                print(f"... round {i + 1}/{args.rounds}: {which} done", file=sys.stderr)
    rows = compare(runs["base"], runs["new"])
    print(f"{'row':24} {'shape':34} {'unit':10} {'base':>7} {'new':>7} {'change':>7}")
    for row, shape, unit, b, n, change in rows:
        print(f"{row:24} {shape:34} {unit:10} {b:7.2f} {n:7.2f} {change:7.2f}")
    if args.out:
        Path(args.out).write_text(json.dumps(
            [{"row": r, "shape": s, "unit": u, "base_ratio": b, "new_ratio": n, "change": c}
             for r, s, u, b, n, c in rows], indent=2))
    return rows


if __name__ == "__main__":
    main()
