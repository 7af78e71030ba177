"""Loader throughput against ResNet-20's training throughput, on this machine.

CIFAR-sized synthetic data (50,000 uint8 images 3x32x32, written as CIFAR-10
binary batches and read back with ``datasets.CIFAR10``) goes through the
standard augmentation (RandomCrop(32, padding=4), RandomHorizontalFlip,
ToTensor, Normalize) in batches of 128:

* nnlite's native loader (C++ threads), for several thread counts;
* nnlite's per-sample Python path (``native=False``), for reference;
* PyTorch's DataLoader running the same pipeline with torch ops (no
  torchvision needed), when torch is installed.

Then ResNet-20 (``nnlite.models.get_model("resnet20")``) is timed for one
training step (forward, backward, SGD with momentum) on a batch of 128, and
each loader's throughput is shown as a multiple of the training throughput:
a loader must stay well ahead of training for the cores to stay busy.
Medians over repeats; prints a table and writes JSON.

    python -m benchmarks.loader [--out loader.json] [--quick]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import nnlite
from nnlite.data import DataLoader
from nnlite.data import transforms as T
from nnlite.data.datasets import CIFAR10

BATCH = 128
MEAN, STD = CIFAR10.mean, CIFAR10.std


def write_synthetic_cifar(root: Path, n: int, seed: int = 0):
    """n training images split over the five CIFAR-10 binary batches (plus a tiny test batch)."""
    folder = root / CIFAR10.binary_folder
    folder.mkdir(parents=True)
    rng = np.random.default_rng(seed)
    for i, part in enumerate(np.array_split(np.arange(n), 5), start=1):
        rec = np.empty((len(part), 3073), np.uint8)
        rec[:, 0] = rng.integers(0, 10, len(part))
        rec[:, 1:] = rng.integers(0, 256, (len(part), 3072), dtype=np.uint8)
        (folder / f"data_batch_{i}.bin").write_bytes(rec.tobytes())
    (folder / "test_batch.bin").write_bytes(np.zeros((1, 3073), np.uint8).tobytes())


def augment():
    return T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize(MEAN, STD)])


def time_loader(make_iter, max_batches, repeats):
    """Median images/s over ``repeats`` passes of at most ``max_batches`` batches."""
    rates = []
    for _ in range(repeats):
        it = make_iter()
        images, start = 0, time.perf_counter()
        for k, (x, _) in enumerate(it):
            images += x.shape[0]
            if k + 1 >= max_batches:
                break
        rates.append(images / (time.perf_counter() - start))
        del it
    return statistics.median(rates), rates


def nnlite_loaders(dataset, args):
    out = []
    for workers in args.threads:
        loader = DataLoader(dataset, batch_size=BATCH, shuffle=True, num_workers=workers, native=True)
        rate, rates = time_loader(lambda: iter(loader), args.max_batches, args.repeats)
        out.append({"name": f"nnlite native, {max(1, workers)} thread(s)", "images_per_s": rate, "runs": rates})
    loader = DataLoader(dataset, batch_size=BATCH, shuffle=True, native=False)
    rate, rates = time_loader(lambda: iter(loader), args.python_batches, args.repeats)
    out.append({"name": "nnlite per-sample Python path", "images_per_s": rate, "runs": rates})
    return out


def torch_loader(images_u8, labels, args):
    try:
        import torch
        from torch.utils.data import DataLoader as TorchLoader, Dataset as TorchDataset
    except ImportError:
        return {"name": "torch DataLoader", "skipped": "torch is not installed"}

    mean = torch.tensor(MEAN).view(3, 1, 1)
    std = torch.tensor(STD).view(3, 1, 1)

    class Augmented(TorchDataset):
        """RandomCrop(32, 4) + flip + to-float + normalize with torch ops, per sample."""

        def __init__(self):
            self.x = torch.from_numpy(images_u8)
            self.y = torch.from_numpy(labels)

        def __len__(self):
            return self.x.shape[0]

        def __getitem__(self, i):
            img = torch.nn.functional.pad(self.x[i], (4, 4, 4, 4))
            top, left = torch.randint(0, 9, (2,)).tolist()
            img = img[:, top:top + 32, left:left + 32]
            if torch.rand(1).item() < 0.5:
                img = img.flip(-1)
            return (img.float() / 255 - mean) / std, self.y[i]

    torch.set_num_threads(1)  # one sample at a time: intra-op threads only add overhead
    loader = TorchLoader(Augmented(), batch_size=BATCH, shuffle=True, num_workers=args.torch_workers)
    rate, rates = time_loader(lambda: iter(loader), args.python_batches, args.repeats)
    return {"name": f"torch DataLoader, {args.torch_workers} worker process(es)", "images_per_s": rate,
            "runs": rates}


def resnet20_training(args):
    try:
        from nnlite import models, nn, optim
        model = models.get_model("resnet20")
    except Exception as e:  # the zoo or its layers may not be there yet
        return {"available": False, "reason": f"{type(e).__name__}: {e}"}
    model.train()
    opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    loss_fn = nn.CrossEntropyLoss()
    g = nnlite.Generator()
    g.manual_seed(0)
    x = nnlite.randn(BATCH, 3, 32, 32, generator=g)
    y = nnlite.randint(0, 10, (BATCH,), generator=g)

    def step():
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()

    try:
        step()  # warm-up: first-touch allocations, packing buffers
        times = []
        for _ in range(args.train_steps):
            start = time.perf_counter()
            step()
            times.append(time.perf_counter() - start)
    except Exception as e:
        return {"available": False, "reason": f"training step failed: {type(e).__name__}: {e}"}
    median = statistics.median(times)
    return {"available": True, "images_per_s": BATCH / median, "step_s": times, "batch": BATCH}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default="loader.json", help="JSON output path (default: loader.json)")
    p.add_argument("--images", type=int, default=50_000, help="synthetic training images (default 50000)")
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="native loader thread counts")
    p.add_argument("--repeats", type=int, default=3, help="passes per loader (median reported)")
    p.add_argument("--max-batches", type=int, default=10**9, help="batches per native pass (default: all)")
    p.add_argument("--python-batches", type=int, default=40, help="batches per pass of the Python/torch loaders")
    p.add_argument("--torch-workers", type=int, default=0, help="worker processes of the torch DataLoader")
    p.add_argument("--train-steps", type=int, default=3, help="timed ResNet-20 training steps")
    p.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    args = p.parse_args(argv)
    if args.quick:
        args.images, args.repeats, args.python_batches, args.train_steps = 2_000, 1, 4, 1

    with tempfile.TemporaryDirectory(prefix="nnlite-bench-") as tmp:
        write_synthetic_cifar(Path(tmp), args.images)
        start = time.perf_counter()
        dataset = CIFAR10(tmp, train=True, transform=augment())
        read_s = time.perf_counter() - start
    results = nnlite_loaders(dataset, args)
    results.append(torch_loader(dataset.data.numpy(), dataset.targets.numpy(), args))
    train = resnet20_training(args)

    report = {
        "benchmark": "loader",
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": sys.version.split()[0],
                    "nnlite": nnlite.__version__, "simd": nnlite.simd_level(), "threads": nnlite.get_num_threads()},
        "config": {"images": args.images, "batch": BATCH, "pipeline": repr(augment()).replace("\n", ""),
                   "repeats": args.repeats},
        "read_cifar_s": read_s,
        "loaders": results,
        "resnet20_train": train,
    }
    print(f"{args.images} synthetic CIFAR images ({read_s:.2f} s to read), batch {BATCH}, "
          "RandomCrop(32, 4) + flip + normalize")
    print(f"{'pipeline':<44} {'images/s':>12} {'x ResNet-20 training':>22}")
    for r in results:
        if "skipped" in r:
            print(f"{r['name']:<44} {'skipped: ' + r['skipped']:>35}")
            continue
        ratio = r["images_per_s"] / train["images_per_s"] if train["available"] else None
        r["ratio_to_training"] = ratio
        print(f"{r['name']:<44} {r['images_per_s']:>12,.0f} {'' if ratio is None else f'{ratio:,.1f}x':>22}")
    if train["available"]:
        print(f"{'ResNet-20 training step (fwd+bwd+SGD)':<44} {train['images_per_s']:>12,.1f}")
    else:
        print(f"ResNet-20 training: not measured ({train['reason']})")
    Path(args.out).write_text(json.dumps(report, indent=2))
    print(f"wrote {args.out}")
    return report


if __name__ == "__main__":
    main()
