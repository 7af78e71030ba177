"""Data-parallel scaling on this machine, and a model of it for N ranks.

    python -m benchmarks.distributed [--quick] [--out benchmarks/distributed.json]

Runs its own ``mpiexec`` jobs (MPICH from the ``mpi`` extra) and measures:

1. all-reduce latency and bandwidth by message size between 2 ranks:
   ``nnlite.distributed.all_reduce`` on an nnlite tensor against mpi4py's own
   ``Allreduce`` on a NumPy array (the baseline: the same MPI call with no
   library around it), interleaved in one job, medians;
2. DDP's cost per training step at the same per-rank batch: one process
   alone, then 2 ranks with gradient sync skipped (``no_sync``: the compute
   under the same contention for the machine), with overlap (small buckets
   that start during backward) and without (one bucket, started when backward
   ends);
3. one ResNet-20 training step per rank, to get the rate (GFLOP/s) a rank
   computes at.

It then fits ``t_allreduce(m, N) = alpha + 2 (N-1)/N * m / beta`` (a ring
all-reduce) to (1), and predicts a step at N ranks as
``compute + (1 - overlap) * t_allreduce(gradient bytes, N)`` with the
overlap fraction from (2). docs/scaling.md sets its predictions beside the
seed's table. Each rank uses one thread: two ranks share this machine's two
cores, so the numbers are for ranks that do not compete for a core. On a
loaded machine the times swing: every figure is a median.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SIZES = [1, 64, 1024, 16_384, 262_144, 1_048_576, 4_194_304]  # float32 elements: 4 B .. 16 MiB
PER_RANK_BATCH = 64


# ---- workers (run under mpiexec) ----------------------------------------------------


def _median_times(fns, repeats):
    """Median seconds of each function, called in turns (every rank calls them in the same order)."""
    samples = {name: [] for name in fns}
    for fn in fns.values():
        fn()
    for _ in range(repeats):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - t0)
    return {name: float(np.median(s)) for name, s in samples.items()}


def worker_allreduce(quick):
    import nnlite
    import nnlite.distributed as dist
    from mpi4py import MPI

    dist.init_process_group()
    comm = MPI.COMM_WORLD
    rows = []
    for n in SIZES[:-2] if quick else SIZES:
        array = np.ones(n, np.float32)
        tensor = nnlite.ones(n)
        repeats = 20 if n >= 1 << 20 else 200
        t = _median_times({"nnlite": lambda: dist.all_reduce(tensor),
                           "mpi4py": lambda: comm.Allreduce(MPI.IN_PLACE, array)}, 5 if quick else repeats)
        rows.append({"bytes": 4 * n, **t})
    if dist.get_rank() == 0:
        print(json.dumps({"allreduce": rows}), flush=True)
    dist.destroy_process_group()


def _mlp():
    from nnlite import nn

    return nn.Sequential(nn.Flatten(), nn.Linear(784, 1024), nn.ReLU(), nn.Linear(1024, 1024), nn.ReLU(),
                         nn.Linear(1024, 10))


def worker_ddp(quick):
    """Step times of the MLP at PER_RANK_BATCH per rank: plain (1 rank), or no_sync/overlap/no-overlap (N ranks)."""
    import nnlite
    import nnlite.distributed as dist
    from nnlite.nn.parallel import DistributedDataParallel as DDP

    nnlite.set_num_threads(1)
    dist.init_process_group()
    rng = np.random.default_rng(dist.get_rank())
    x = nnlite.from_numpy(rng.standard_normal((PER_RANK_BATCH, 1, 28, 28)).astype(np.float32))
    y = nnlite.from_numpy(rng.integers(0, 10, PER_RANK_BATCH))
    loss_fn = nnlite.nn.CrossEntropyLoss()

    def stepper(model, sync=True):
        opt = nnlite.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

        def step():
            opt.zero_grad()
            if sync:
                loss_fn(model(x), y).backward()
            else:
                with model.no_sync():
                    loss_fn(model(x), y).backward()
            opt.step()
        return step

    repeats = 5 if quick else 30
    if dist.get_world_size() == 1:
        times = _median_times({"alone": stepper(_mlp())}, repeats)
    else:
        overlap, single = DDP(_mlp(), bucket_cap_mb=1), DDP(_mlp(), bucket_cap_mb=10_000)
        times = _median_times({"no_sync": stepper(overlap, sync=False), "overlap": stepper(overlap),
                               "no_overlap": stepper(single)}, repeats)
    params = sum(p.numel() for p in _mlp().parameters())
    if dist.get_rank() == 0:
        print(json.dumps({"ddp": {"world": dist.get_world_size(), "gradient_bytes": 4 * params, **times}}),
              flush=True)
    dist.destroy_process_group()


def conv_linear_flops(model, input_shape):
    """Multiply-adds x 2 of the Conv2d and Linear layers of one forward pass (what dominates a CNN)."""
    import nnlite
    from nnlite import nn

    total = [0]

    def count(module, inputs, output):
        if isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            total[0] += output.numel() * (module.in_channels // module.groups) * kh * kw
        elif isinstance(module, nn.Linear):
            total[0] += output.numel() * module.in_features

    handles = [m.register_forward_hook(count) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with nnlite.no_grad():
        model(nnlite.zeros(*input_shape))
    for h in handles:
        h.remove()
    return 2 * total[0]


def worker_compute(quick):
    """GFLOP/s of one rank (one thread) training ResNet-20 at 32 images per step."""
    import nnlite
    from nnlite import models

    nnlite.set_num_threads(1)
    model = models.resnet20(num_classes=10)
    batch = 32
    x = nnlite.randn(batch, 3, 32, 32)
    y = nnlite.randint(0, 10, (batch,))
    opt = nnlite.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nnlite.nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()

    seconds = _median_times({"step": step}, 3 if quick else 10)["step"]
    flops = 3 * conv_linear_flops(model, (batch, 3, 32, 32))  # backward ~ 2x forward
    print(json.dumps({"compute": {"model": "resnet20", "batch": batch, "seconds": seconds,
                                  "gflops": flops / seconds / 1e9}}), flush=True)


WORKERS = {"allreduce": worker_allreduce, "ddp": worker_ddp, "compute": worker_compute}


# ---- the parent: launch, fit, predict -----------------------------------------------


def launch(kind, ranks, quick):
    mpiexec = shutil.which("mpiexec")
    if mpiexec is None:
        raise SystemExit("benchmarks.distributed: mpiexec not found; pip install 'nnlite[mpi]'")
    import nnlite

    # The ranks import the nnlite this process imported (the dev tree's or an installed one).
    env = dict(os.environ, OMP_NUM_THREADS="1")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(Path(nnlite.__file__).resolve().parents[1]),
                                         env.get("PYTHONPATH", "")])
    cmd = [mpiexec, "-n", str(ranks), sys.executable, "-m", "benchmarks.distributed", "--worker", kind]
    run = subprocess.run(cmd + (["--quick"] if quick else []), capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=1800)
    if run.returncode != 0:
        raise SystemExit(f"benchmarks.distributed: the {kind} job failed:\n{run.stdout}\n{run.stderr}")
    return json.loads([line for line in run.stdout.splitlines() if line.startswith("{")][-1])


def fit_allreduce(rows, world=2):
    """alpha (s) and beta (bytes/s) of t = alpha + 2 (N-1)/N * bytes / beta, least squares on nnlite's times."""
    factor = 2 * (world - 1) / world
    a = np.array([[1.0, factor * r["bytes"]] for r in rows])
    t = np.array([r["nnlite"] for r in rows])
    (alpha, inv_beta), *_ = np.linalg.lstsq(a, t, rcond=None)
    return max(float(alpha), 0.0), 1.0 / max(float(inv_beta), 1e-15)


def predict_step(compute_s, gradient_bytes, overlap, alpha, beta, world):
    """Seconds per step at `world` ranks: compute plus the part of the all-reduce that backward does not hide."""
    if world == 1:
        return compute_s
    allreduce = alpha + 2 * (world - 1) / world * gradient_bytes / beta
    return compute_s + (1 - overlap) * allreduce


# The seed's table: ResNet-50 on ImageNet, 90 epochs (1.28 M images each).
SEED_RUNS = [("He et al. / Goyal et al. baseline", 8, 256, 29 * 3600.0),
             ("Goyal et al. 2017", 256, 8192, 3600.0),
             ("Akiba et al. 2017 (ChainerMN)", 1024, 32768, 15 * 60.0)]
RESNET50_TRAIN_GFLOP = 3 * 4.1  # per 224x224 image, forward 4.1 GFLOP (multiply-adds x 2)
RESNET50_GRADIENT_BYTES = 4 * 25_557_032


def model_table(result):
    alpha, beta = result["fit"]["alpha_s"], result["fit"]["beta_bytes_per_s"]
    overlap = result["overlap_fraction"]
    rate = result["compute"]["gflops"] * 1e9
    rows = []
    for who, gpus, batch, seconds in SEED_RUNS:
        per_rank = batch // gpus
        compute = per_rank * RESNET50_TRAIN_GFLOP * 1e9 / rate
        step = predict_step(compute, RESNET50_GRADIENT_BYTES, overlap, alpha, beta, gpus)
        steps = 90 * 1_281_167 / batch
        rows.append({"run": who, "workers": gpus, "global_batch": batch, "seed_hours": seconds / 3600,
                     "nnlite_rank_step_s": step, "nnlite_hours": steps * step / 3600,
                     "allreduce_share": 1 - compute / step})
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m benchmarks.distributed", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer sizes and repeats (a smoke test)")
    ap.add_argument("--out", default=None, help="write the results as JSON here")
    ap.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return WORKERS[args.worker](args.quick)

    result = {"allreduce": launch("allreduce", 2, args.quick)["allreduce"]}
    alpha, beta = fit_allreduce(result["allreduce"])
    result["fit"] = {"alpha_s": alpha, "beta_bytes_per_s": beta}
    alone = launch("ddp", 1, args.quick)["ddp"]
    two = launch("ddp", 2, args.quick)["ddp"]
    exposed_off = two["no_overlap"] - two["no_sync"]
    overlap = 0.0 if exposed_off <= 0 else min(1.0, max(0.0, (two["no_overlap"] - two["overlap"]) / exposed_off))
    result.update(ddp={"alone": alone, "two": two}, overlap_fraction=overlap,
                  compute=launch("compute", 1, args.quick)["compute"])
    result["prediction"] = model_table(result)

    print("all-reduce, 2 ranks (median seconds; bandwidth = bytes / time)")
    print(f"{'bytes':>10} {'nnlite us':>10} {'mpi4py us':>10} {'ratio':>6} {'nnlite MB/s':>12}")
    for r in result["allreduce"]:
        print(f"{r['bytes']:>10} {r['nnlite'] * 1e6:>10.1f} {r['mpi4py'] * 1e6:>10.1f} "
              f"{r['nnlite'] / r['mpi4py']:>6.2f} {r['bytes'] / r['nnlite'] / 1e6:>12.1f}")
    print(f"fit: alpha {alpha * 1e6:.1f} us, beta {beta / 1e9:.2f} GB/s")
    print(f"DDP, MLP {two['gradient_bytes'] / 1e6:.1f} MB of gradients, batch {PER_RANK_BATCH} per rank "
          f"(median ms per step): alone {alone['alone'] * 1e3:.2f}; 2 ranks: no_sync {two['no_sync'] * 1e3:.2f}, "
          f"overlap {two['overlap'] * 1e3:.2f}, no overlap {two['no_overlap'] * 1e3:.2f}; overlap hides "
          f"{overlap:.0%} of the exposed all-reduce")
    print(f"one rank computes ResNet-20 training at {result['compute']['gflops']:.1f} GFLOP/s")
    for r in result["prediction"]:
        print(f"{r['run']}: {r['workers']} workers, batch {r['global_batch']}: seed {r['seed_hours']:.2f} h; "
              f"nnlite ranks like this one {r['nnlite_hours']:.0f} h (all-reduce {r['allreduce_share']:.1%} of a step)")
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
