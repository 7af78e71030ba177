"""Soak test (issue 16; not in CI): for a given time, train a small model,
save and load checkpoints, and iterate the native loader with worker threads,
printing the process's resident memory (RSS) as it goes. Memory that keeps
growing after the first minutes is a leak; flat memory is the promise.

    PYTHONPATH=python nice -n 10 python scripts/soak.py --seconds 600 --workers 2

Each line: elapsed seconds, epochs of the loader, training steps, save/load
cycles, RSS in MB, and the C++ loader's buffer pool counters. At the end it
prints the RSS growth between the first and the last quarter of the run.
"""
import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import nnlite
import nnlite.nn as nn
import nnlite.nn.functional as F
from nnlite.data import DataLoader
from nnlite.data import transforms as T
from nnlite.data.datasets import MNIST


def rss_mb() -> float:
    # Current RSS from /proc (ru_maxrss is the peak, which cannot show a leak's slope).
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--report", type=float, default=10, help="seconds between RSS lines")
    args = ap.parse_args()

    nnlite.manual_seed(0)
    data = MNIST(train=False, transform=T.Compose([T.RandomCrop(28, padding=2), T.ToTensor(),
                                                   T.Normalize((0.1307,), (0.3081,))]))
    loader = DataLoader(data, batch_size=128, shuffle=True, num_workers=args.workers)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))
    opt = nnlite.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    ckpt = Path(tempfile.mkdtemp(prefix="nnlite-soak-")) / "ckpt.safetensors"
    epochs = steps = cycles = 0
    samples = []
    start = last = time.monotonic()
    print("seconds  epochs   steps  cycles  rss_mb", flush=True)
    while time.monotonic() - start < args.seconds:
        for i, (x, y) in enumerate(loader):
            if i % 8 == 0:  # train on part of each epoch: the loader is the thing under test
                loss = F.cross_entropy(model(x), y)
                opt.zero_grad()
                loss.backward()
                opt.step()
                steps += 1
        epochs += 1
        nnlite.save({"model": model.state_dict(), "opt": opt.state_dict()}, ckpt)
        state = nnlite.load(ckpt)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        cycles += 1
        now = time.monotonic()
        if now - last >= args.report:
            last = now
            samples.append((now - start, rss_mb()))
            print(f"{now - start:7.0f} {epochs:7d} {steps:7d} {cycles:7d} {samples[-1][1]:7.1f}", flush=True)
    if len(samples) >= 4:
        q = len(samples) // 4
        first = sum(r for _, r in samples[:q]) / q
        tail = sum(r for _, r in samples[-q:]) / q
        print(f"RSS first quarter {first:.1f} MB, last quarter {tail:.1f} MB, growth {tail - first:+.1f} MB; "
              f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB", flush=True)


if __name__ == "__main__":
    main()
