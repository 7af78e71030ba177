"""The training run behind ``nnlite train`` and ``fit``: build the model,
loaders, optimizer and schedule from a config (``recipes``), restore them from
a checkpoint when resuming, train with the schedule stepped every batch,
evaluate top-1/top-5 accuracy after every epoch, and optionally write a
checkpoint after every epoch (``checkpoint``).

Everything random is seeded from ``cfg.seed``; the shuffling and dropout of
epoch e are re-seeded from (seed, e), so a run resumed from a checkpoint
continues exactly as the uninterrupted run would have.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional

import nnlite
from nnlite import nn
from nnlite.data import DataLoader, Subset
from nnlite.metrics import confusion_matrix, correct_topk

from .checkpoint import checkpoint_path, latest_checkpoint, list_checkpoints, load_checkpoint, save_checkpoint
from .recipes import (
    DATASETS, TrainConfig, build_model, build_optimizer, build_scheduler, check_config, check_model_fits,
    load_datasets, model_device, resolve_config,
)


# ---- results ------------------------------------------------------------------


@dataclass
class EpochResult:
    epoch: int
    loss: float
    train_accuracy: float
    test_accuracy: float  # top-1
    seconds: float
    samples_per_second: float
    test_top5: float = float("nan")


@dataclass
class History:
    epochs: List[EpochResult] = field(default_factory=list)
    confusion: Optional["nnlite.Tensor"] = None  # int64 [C, C], rows = true class, when asked
    start_epoch: int = 0  # epochs done before this run (when resumed)

    @property
    def final_test_accuracy(self) -> float:
        return self.epochs[-1].test_accuracy if self.epochs else float("nan")


# ---- evaluation and one epoch -----------------------------------------------------


def evaluate(model, loader, num_classes: Optional[int] = None, confusion: bool = False, parallel=None):
    """(top-1, top-5, confusion matrix or None) of ``model`` over ``loader``.
    Top-5 becomes top-C when there are fewer than 5 classes. With ``parallel``
    (a ``parallel.DataParallel``) each rank's loader holds its share of the
    set and the counts are summed over the ranks."""
    top1, top5, seen, counts = _count_correct(model, loader, num_classes, confusion)
    if parallel is not None:
        top1, top5, seen = parallel.sum(top1, top5, seen)
        counts = parallel.sum_tensor(counts) if counts is not None else None
    return top1 / max(seen, 1), top5 / max(seen, 1), counts


def _count_correct(model, loader, num_classes, confusion):
    """(top-1 hits, top-5 hits, samples, confusion counts or None) over ``loader``."""
    was_training = model.training
    model.eval()
    top1 = top5 = seen = 0
    counts = None
    device = model_device(model)
    with nnlite.no_grad():
        for x, y in loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            logits = model(x)
            classes = logits.shape[1]
            c1, c5 = correct_topk(logits, y, (1, min(5, classes)))
            top1, top5, seen = top1 + c1, top5 + c5, seen + y.shape[0]
            if confusion:
                m = confusion_matrix(logits.argmax(1), y, num_classes or classes)
                counts = m if counts is None else counts + m
    model.train(was_training)
    if confusion and counts is None:   # an empty share of the test set
        counts = nnlite.zeros(num_classes, num_classes, dtype=nnlite.int64, device=device)
    return top1, top5, seen, counts.cpu() if counts is not None else None


def _progress_bar(cfg: TrainConfig, epoch: int, total: int):
    from tqdm import tqdm

    return tqdm(total=total, desc=f"epoch {epoch}/{cfg.epochs}", unit=" samples", leave=False, dynamic_ncols=True,
                disable=not cfg.progress)


def train_one_epoch(model, loader, loss_fn, optimizer, scheduler, bar):
    """One pass over ``loader``, its batches moved to the model's device;
    returns (mean loss, accuracy, samples)."""
    model.train()
    total_loss, correct, seen = 0.0, 0, 0
    device = model_device(model)
    for x, y in loader:
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        logits = model(x)
        loss = loss_fn(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
        n = y.shape[0]
        total_loss += loss.item() * n
        correct += int((logits.argmax(1) == y).sum().item())
        seen += n
        # The bar's own rate is the samples/s; loss and accuracy so far go after it.
        bar.set_postfix({"loss": f"{total_loss / seen:.4f}", "acc": f"{correct / seen:.3f}"}, refresh=False)
        bar.update(n)
    return total_loss / max(seen, 1), correct / max(seen, 1), seen


def _epoch_seed(seed: int, epoch: int) -> int:
    # Distinct, reproducible seeds per epoch (a large odd multiplier keeps
    # (seed, epoch) pairs apart).
    return (seed * 0x9E3779B1 + epoch) % (1 << 63)


def _make_loader(cfg: TrainConfig, dataset, batch_size, shuffle, generator=None):
    # MNIST and CIFAR (and Subsets of them) take the loader's native path:
    # gather, crop, flip and normalise in C++ threads, batches prefetched.
    # For a GPU, batches come in page-locked memory, so their copies run
    # asynchronously (non_blocking) behind the previous step's kernels.
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, generator=generator,
                      num_workers=cfg.num_workers, pin_memory=nnlite.device(cfg.device).type == "cuda")


# ---- a training run --------------------------------------------------------------


class TrainingRun:
    """Everything ``fit`` needs, built (and checked) before any training, so
    bad settings fail fast: model, loaders, optimizer, schedule, and the state
    restored from a checkpoint when resuming. ``datasets`` is (train, test),
    by default ``load_datasets(cfg)``; ``model`` replaces the zoo model
    ``cfg.model`` (which then only names it in checkpoints). ``parallel``
    (a ``parallel.DataParallel``, as ``nnlite train`` makes under
    ``mpiexec``) trains this rank's share of every batch in a
    DistributedDataParallel replica; ``self.model`` stays the plain module."""

    def __init__(self, cfg: TrainConfig, datasets=None, model=None, parallel=None):
        check_config(cfg)
        self.cfg = cfg = resolve_config(cfg)
        self.parallel = parallel
        if parallel is not None:
            parallel.check_batch(cfg.batch_size)
        self.spec = DATASETS[cfg.dataset]
        nnlite.manual_seed(cfg.seed)
        if model is not None and not isinstance(model, nn.Module):
            raise TypeError(f"fit: model must be an nnlite.nn.Module, got {type(model).__name__}")
        self.model = model if model is not None else build_model(cfg)
        check_model_fits(cfg, self.model)  # before loading data: fail fast
        self.model.to(cfg.device)
        self.train_set, self.test_set = datasets if datasets is not None else load_datasets(cfg)
        if len(self.train_set) == 0:
            raise ValueError(f"the {cfg.dataset} training set is empty")
        self.shuffle_gen = nnlite.Generator()
        self.train_loader = self._train_loader(1)
        test_set = self.test_set if parallel is None else Subset(
            self.test_set, range(parallel.rank, len(self.test_set), parallel.world))
        self.test_loader = _make_loader(cfg, test_set, max(cfg.batch_size, 256), False)
        self.loss_fn = nn.CrossEntropyLoss(label_smoothing=cfg.label_smoothing)
        self.optimizer = build_optimizer(cfg, self.model.parameters())
        self.scheduler = build_scheduler(cfg, self.optimizer, len(self.train_loader))
        self.history = History()
        if cfg.resume is not None:
            self._resume(cfg.resume)
        # after resuming: the replica starts from (and broadcasts) the restored weights
        self.train_model = self.model if parallel is None else parallel.wrap(self.model)

    def _train_loader(self, epoch: int):
        """Epoch ``epoch``'s training batches. Under MPI, this rank's
        DistributedSampler share in batches of batch_size/N. The sampler draws
        the permutation the single-process loader draws from ``shuffle_gen``
        (same generator, same seed), so global batch k holds the same samples
        as the single-process batch k."""
        cfg, parallel = self.cfg, self.parallel
        if parallel is None:
            return _make_loader(cfg, self.train_set, cfg.batch_size, True, self.shuffle_gen)
        sampler = parallel.sampler(self.train_set, shuffle=True, seed=_epoch_seed(cfg.seed + 1, 0))
        sampler.set_epoch(epoch)
        share = Subset(self.train_set, list(sampler))
        return _make_loader(cfg, share, cfg.batch_size // parallel.world, False, self.shuffle_gen)

    def _resume(self, where: str) -> None:
        cfg = self.cfg
        path = latest_checkpoint(cfg.checkpoint_dir) if where == "latest" else Path(where)
        if path is None:
            raise FileNotFoundError(f"no checkpoint to resume from in '{cfg.checkpoint_dir}'")
        ckpt = load_checkpoint(path)
        saved = ckpt["meta"].get("config")
        saved = saved if isinstance(saved, dict) else {}
        for key in ("model", "dataset", "batch_size", "optimizer"):
            if key in saved and saved[key] != getattr(cfg, key):
                raise ValueError(f"checkpoint '{path}' was trained with {key} {saved[key]!r}, not "
                                 f"{getattr(cfg, key)!r}; resume with the same {key}")
        try:
            self.model.load_state_dict(ckpt["model"])
            self._check_optimizer_state(ckpt["optimizer"])
            self.optimizer.load_state_dict(ckpt["optimizer"])
            self._fast_forward_schedule(ckpt["epoch"])
            epochs = [EpochResult(**r) for r in ckpt["meta"].get("history", [])]
        except (RuntimeError, KeyError, TypeError, AttributeError) as e:
            raise ValueError(f"checkpoint '{path}' does not fit this run: {e}") from None
        self.history.start_epoch = ckpt["epoch"]
        self.history.epochs = epochs
        self.resumed_from = path

    def _fast_forward_schedule(self, done_epochs: int) -> None:
        """A fresh schedule stepped through the epochs already done, rather
        than the saved one: the same learning rates when --epochs is
        unchanged, and a schedule stretched to the new length when a resumed
        run trains longer."""
        for group in self.optimizer.param_groups:
            group["lr"] = group["initial_lr"]
        steps = len(self.train_loader)
        self.scheduler = build_scheduler(self.cfg, self.optimizer, steps)
        for _ in range(min(done_epochs, self.cfg.epochs) * steps):
            self.scheduler.step()

    def _check_optimizer_state(self, state):
        params = [p for group in self.optimizer.param_groups for p in group["params"]]
        for index, entries in state["state"].items():
            if not 0 <= index < len(params):
                raise ValueError(f"the optimizer state names parameter {index}, the model has {len(params)}")
            for key, value in entries.items():
                if isinstance(value, nnlite.Tensor) and value.dim() > 0 and tuple(value.shape) != tuple(
                        params[index].shape):
                    raise ValueError(f"optimizer state '{key}' of parameter {index} has shape {list(value.shape)}, "
                                     f"the parameter {list(params[index].shape)}")

    def _save(self, epoch: int) -> None:
        cfg = self.cfg
        if self.parallel is not None and not self.parallel.is_main:
            return   # rank 0 writes (nnlite.save: a temporary file renamed over the target)
        meta = {"config": dataclasses.asdict(cfg), "history": [dataclasses.asdict(r) for r in self.history.epochs]}
        save_checkpoint(checkpoint_path(cfg.checkpoint_dir, epoch), self.model, self.optimizer, self.scheduler,
                        epoch, meta)
        if cfg.keep_checkpoints:
            for _, old in list_checkpoints(cfg.checkpoint_dir)[:-cfg.keep_checkpoints]:
                old.unlink()

    def run(self, on_epoch: Optional[Callable[[EpochResult], None]] = None) -> History:
        cfg = self.cfg
        parallel = self.parallel
        rank = 0 if parallel is None else parallel.rank
        for epoch in range(self.history.start_epoch + 1, cfg.epochs + 1):
            # each rank its own dropout and augmentation draws; rank 0 those of a single process
            nnlite.manual_seed(_epoch_seed(cfg.seed + rank * 7919, epoch))
            self.shuffle_gen.manual_seed(_epoch_seed(cfg.seed + 1 + rank * 7919, epoch))
            if parallel is not None:
                self.train_loader = self._train_loader(epoch)
            start = time.perf_counter()
            with _progress_bar(cfg, epoch, len(self.train_loader.dataset)) as bar:
                loss, acc, seen = train_one_epoch(self.train_model, self.train_loader, self.loss_fn,
                                                  self.optimizer, self.scheduler, bar)
            if parallel is not None:   # the whole job's figures
                loss_sum, correct, seen = parallel.sum(loss * seen, acc * seen, seen)
                loss, acc, seen = loss_sum / max(seen, 1), correct / max(seen, 1), int(seen)
            seconds = time.perf_counter() - start
            top1, top5, _ = evaluate(self.model, self.test_loader, parallel=parallel)
            result = EpochResult(epoch, loss, acc, top1, seconds, seen / max(seconds, 1e-9), top5)
            self.history.epochs.append(result)
            if cfg.checkpoint_dir is not None:
                self._save(epoch)
            if on_epoch is not None:
                on_epoch(result)
        if cfg.confusion:
            _, _, self.history.confusion = evaluate(self.model, self.test_loader, self.spec.num_classes, True,
                                                    parallel)
        return self.history


def fit(cfg: TrainConfig, on_epoch: Optional[Callable[[EpochResult], None]] = None, datasets=None, model=None,
        parallel=None):
    """Train as ``cfg`` says; returns (model, History). ``datasets`` is
    (train, test), by default ``load_datasets(cfg)``; ``model`` a module to
    train instead of the zoo's ``cfg.model``; ``parallel`` as TrainingRun's.
    A run repeats exactly with the same seed."""
    run = TrainingRun(cfg, datasets, model, parallel)
    history = run.run(on_epoch)
    return run.model, history
