"""Soak test (not in CI): train, save, load and iterate the native loader
with worker threads for a given time, printing the process's resident memory
(RSS) as it goes, so that a leak or an unbounded cache shows as a trend.

    PYTHONPATH=python python scripts/soak.py --minutes 30 --workers 2

Each round: one training step of a small MLP on an embedded-MNIST batch, a
save + load of its state_dict, and one full pass (an "epoch") of a native
DataLoader over the 4,000 training images with ``--workers`` threads. RSS is
read from /proc/self/statm. Run it with MALLOC_ARENA_MAX=1 to see how much of
the growth is glibc's per-thread malloc arenas (docs/security.md, "Soak").
"""
import argparse
import os
import tempfile
import time

import nnlite
from nnlite import nn, optim
from nnlite.data import DataLoader
from nnlite.data.datasets import MNIST


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, required=True, help="how long to run")
    ap.add_argument("--workers", type=int, default=2, help="native loader threads (default 2)")
    ap.add_argument("--batch-size", type=int, default=100)
    ap.add_argument("--every", type=float, default=10.0, help="seconds between RSS lines (default 10)")
    args = ap.parse_args(argv)
    if args.minutes <= 0:
        ap.error(f"--minutes must be positive, got {args.minutes}")

    nnlite.manual_seed(0)
    data = MNIST(train=True)
    loader = DataLoader(data, batch_size=args.batch_size, shuffle=True, num_workers=args.workers, native=True)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))
    opt = optim.SGD(model.parameters(), lr=0.05)
    loss_fn = nn.CrossEntropyLoss()
    path = os.path.join(tempfile.mkdtemp(prefix="nnlite-soak-"), "state.nnl")

    start = time.monotonic()
    end = start + 60 * args.minutes
    next_report = start
    rounds = batches = 0
    samples = []
    print(f"{'seconds':>8} {'rounds':>7} {'batches':>8} {'RSS MB':>8}", flush=True)
    while True:
        now = time.monotonic()
        if now >= next_report or now >= end:
            samples.append(rss_mb())
            print(f"{now - start:8.0f} {rounds:7d} {batches:8d} {samples[-1]:8.1f}", flush=True)
            next_report = now + args.every
        if now >= end:
            break
        first = True
        for x, y in loader:
            batches += 1
            if first:  # one training step per round keeps the round short
                loss = loss_fn(model(x), y)
                opt.zero_grad()
                loss.backward()
                opt.step()
                first = False
        nnlite.save(model.state_dict(), path)
        model.load_state_dict(nnlite.load(path))
        rounds += 1
    os.remove(path)
    os.rmdir(os.path.dirname(path))
    print(f"RSS: first {samples[0]:.1f} MB, after the first round's warm-up "
          f"{samples[min(1, len(samples) - 1)]:.1f} MB, last {samples[-1]:.1f} MB, max {max(samples):.1f} MB "
          f"over {rounds} rounds ({batches} batches)")


if __name__ == "__main__":
    main()
