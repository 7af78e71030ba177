"""ResNet-20 inference with a busy process beside it, against onnxruntime
under the same load: the "under load" rows.

The busy neighbour is a child Python process spinning in a loop, started
before the timings and killed after them, so both libraries see the same
contention. Comparing them in turns in one process (medians) is what keeps
the ratio meaningful when the absolute times swing.
"""
from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager

from . import models


@contextmanager
def busy_neighbour(processes: int = 1):
    """`processes` children spinning on the CPU for the duration of the block."""
    children = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)]
    try:
        yield children
    finally:
        for child in children:
            child.kill()
            child.wait()


def all_rows(nnlite, torch, quick=False):
    rows = []
    with busy_neighbour():
        for batch, repeats in ((1, 5 if quick else 15), (32 if quick else 128, 3 if quick else 9)):
            # PyTorch is left out: the row is about nnlite's threads against onnxruntime's pool.
            row = models.inference(nnlite, None, "resnet20", (3, 32, 32), batch, repeats, "under load")
            row["shape"] += ", 1 busy process"
            rows.append(row)
    return rows
