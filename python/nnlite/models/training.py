"""The training recipe behind ``nnlite train``: build a zoo model, train it on
an image-classification dataset with a warm-up + cosine learning-rate
schedule, evaluate top-1/top-5 accuracy after every epoch, and optionally
write a checkpoint after every epoch and resume from one.

Settings left as None take the dataset's recipe (``RECIPES``):

* MNIST / Fashion-MNIST: SGD with Nesterov momentum 0.9, lr 0.05, weight
  decay 5e-4, label smoothing 0.1, batch 64, 15 epochs, 1 warm-up epoch,
  standardised inputs, no augmentation. Chosen on the embedded MNIST subset:
  the MLP reaches about 96-97% test accuracy, LeNet-5 about 98-99%.
* CIFAR-10/100: the standard ResNet recipe: SGD momentum 0.9, lr 0.1, weight
  decay 5e-4, batch 128, 200 epochs, 5 warm-up epochs then cosine decay;
  random 32x32 crops of the image padded by 4, horizontal flips, per-channel
  normalisation.

Everything random is seeded from ``cfg.seed``; the shuffling and dropout of
epoch e are re-seeded from (seed, e), so a run resumed from a checkpoint
continues exactly as the uninterrupted run would have.
"""
from __future__ import annotations

import dataclasses
import inspect
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional, Tuple

import nnlite
from nnlite import nn, optim
from nnlite.data import DataLoader, Subset
from nnlite.metrics import confusion_matrix, correct_topk

from . import _REGISTRY, list_models
from .checkpoint import checkpoint_path, latest_checkpoint, list_checkpoints, load_checkpoint, save_checkpoint


# ---- datasets and recipes ----------------------------------------------------


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    family: str  # the key of its recipe in RECIPES
    num_classes: int
    image_shape: Tuple[int, int, int]  # (C, H, W)
    mean: Tuple[float, ...]
    std: Tuple[float, ...]
    embedded: bool = False  # nnlite ships a copy (data_dir may be None)


DATASETS = {
    "mnist": DatasetSpec("mnist", "mnist", 10, (1, 28, 28), (0.1307,), (0.3081,), embedded=True),
    "fashion-mnist": DatasetSpec("fashion-mnist", "mnist", 10, (1, 28, 28), (0.2860,), (0.3530,)),
    # Per-channel statistics of the CIFAR training sets.
    "cifar10": DatasetSpec("cifar10", "cifar", 10, (3, 32, 32), (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)),
    "cifar100": DatasetSpec("cifar100", "cifar", 100, (3, 32, 32), (0.5071, 0.4865, 0.4409),
                            (0.2673, 0.2564, 0.2762)),
}

RECIPES = {
    "mnist": dict(epochs=15, batch_size=64, sgd_lr=0.05, nesterov=True, label_smoothing=0.1, warmup_epochs=1.0,
                  augment=False),
    "cifar": dict(epochs=200, batch_size=128, sgd_lr=0.1, nesterov=False, label_smoothing=0.0, warmup_epochs=5.0,
                  augment=True),
}

# Per-optimizer defaults for lr (SGD's comes from the recipe) and weight decay.
OPTIMIZERS = {
    "sgd": {"lr": None, "weight_decay": 5e-4},
    "adam": {"lr": 1e-3, "weight_decay": 0.0},
    "adamw": {"lr": 1e-3, "weight_decay": 0.01},
}


@dataclass
class TrainConfig:
    model: str = "mlp"
    dataset: str = "mnist"
    data_dir: Optional[str] = None  # None: the copy nnlite ships (MNIST only)
    epochs: Optional[int] = None  # None: the dataset's recipe, for this and the settings below
    batch_size: Optional[int] = None
    optimizer: str = "sgd"
    lr: Optional[float] = None
    weight_decay: Optional[float] = None
    momentum: float = 0.9  # SGD only
    nesterov: Optional[bool] = None
    label_smoothing: Optional[float] = None
    warmup_epochs: Optional[float] = None
    augment: Optional[bool] = None  # random crop + flip (CIFAR)
    download: bool = False  # fetch the dataset into data_dir if it is not there (CIFAR)
    seed: int = 0
    limit: Optional[int] = None  # use at most this many train and test samples
    progress: bool = True  # a tqdm bar per epoch
    checkpoint_dir: Optional[str] = None  # write a checkpoint there after every epoch
    keep_checkpoints: int = 3  # how many of the newest checkpoints to keep (0: all)
    resume: Optional[str] = None  # a checkpoint file, or "latest" (the newest in checkpoint_dir)
    confusion: bool = False  # compute the test confusion matrix at the end
    num_workers: int = 0  # loader threads (DataLoader's num_workers; its native path uses at least one)


def resolve_config(cfg: TrainConfig) -> TrainConfig:
    """A copy of ``cfg`` with every None setting taken from the dataset's recipe."""
    check_names(cfg)
    recipe = RECIPES[DATASETS[cfg.dataset].family]
    defaults = OPTIMIZERS[cfg.optimizer]
    filled = {k: recipe[k] for k in ("epochs", "batch_size", "nesterov", "label_smoothing", "warmup_epochs", "augment")
              if getattr(cfg, k) is None}
    if cfg.lr is None:
        filled["lr"] = recipe["sgd_lr"] if cfg.optimizer == "sgd" else defaults["lr"]
    if cfg.weight_decay is None:
        filled["weight_decay"] = defaults["weight_decay"]
    return dataclasses.replace(cfg, **filled)


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


def check_names(cfg: TrainConfig) -> None:
    if cfg.model not in list_models():
        raise ValueError(f"unknown model '{cfg.model}'; available: {', '.join(list_models())}")
    if cfg.dataset not in DATASETS:
        raise ValueError(f"unknown dataset '{cfg.dataset}'; available: {', '.join(DATASETS)}")
    if cfg.optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer '{cfg.optimizer}'; available: {', '.join(OPTIMIZERS)}")


def check_config(cfg: TrainConfig) -> None:
    """Raise ValueError naming the first bad setting (None settings take the recipe's value)."""
    check_names(cfg)
    cfg = resolve_config(cfg)
    for name in ("epochs", "batch_size"):
        v = getattr(cfg, name)
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if cfg.limit is not None and cfg.limit < 1:
        raise ValueError(f"limit must be a positive integer, got {cfg.limit!r}")
    if not cfg.lr > 0:
        raise ValueError(f"lr must be positive, got {cfg.lr!r}")
    if cfg.weight_decay < 0:
        raise ValueError(f"weight_decay must be >= 0, got {cfg.weight_decay!r}")
    if not 0 <= cfg.label_smoothing < 1:
        raise ValueError(f"label_smoothing must be in [0, 1), got {cfg.label_smoothing!r}")
    if cfg.warmup_epochs < 0:
        raise ValueError(f"warmup_epochs must be >= 0, got {cfg.warmup_epochs!r}")
    if cfg.keep_checkpoints < 0:
        raise ValueError(f"keep_checkpoints must be >= 0, got {cfg.keep_checkpoints!r}")
    if cfg.num_workers < 0:
        raise ValueError(f"num_workers must be >= 0, got {cfg.num_workers!r}")
    if not DATASETS[cfg.dataset].embedded and cfg.data_dir is None:
        raise ValueError(f"dataset '{cfg.dataset}' needs a data directory: nnlite ships only MNIST")
    if cfg.download and DATASETS[cfg.dataset].family != "cifar":
        raise ValueError(f"download is for the CIFAR datasets, not {cfg.dataset}")
    if cfg.augment and DATASETS[cfg.dataset].family != "cifar":
        raise ValueError(f"augment (random crops and flips) is for the CIFAR datasets, not {cfg.dataset}")
    if cfg.checkpoint_dir is not None and not Path(cfg.checkpoint_dir).is_dir():
        raise ValueError(f"checkpoint directory '{cfg.checkpoint_dir}' does not exist")
    if cfg.resume == "latest" and cfg.checkpoint_dir is None:
        raise ValueError("resuming from the latest checkpoint needs a checkpoint directory")


# ---- data ---------------------------------------------------------------------


def _cifar_datasets(cfg: TrainConfig, spec: DatasetSpec):
    from nnlite.data import datasets, transforms as T

    cls = datasets.CIFAR10 if spec.name == "cifar10" else datasets.CIFAR100
    tail = [T.ToTensor(), T.Normalize(spec.mean, spec.std)]
    head = [T.RandomCrop(32, padding=4), T.RandomHorizontalFlip()] if cfg.augment else []
    train = cls(cfg.data_dir, train=True, transform=T.Compose(head + tail), download=cfg.download)
    test = cls(cfg.data_dir, train=False, transform=T.Compose(tail), download=cfg.download)
    return train, test


def load_datasets(cfg: TrainConfig):
    """(train, test) datasets, standardised (and augmented for training when the
    recipe says so), cut to ``limit`` samples if set."""
    cfg = resolve_config(cfg)
    spec = DATASETS[cfg.dataset]
    if spec.family == "cifar":
        train, test = _cifar_datasets(cfg, spec)
    else:
        from nnlite.data.datasets import MNIST, FashionMNIST

        cls = MNIST if spec.name == "mnist" else FashionMNIST
        train = cls(cfg.data_dir, train=True, normalize=True)
        test = cls(cfg.data_dir, train=False, normalize=True)
    if cfg.limit is not None:
        train = _first(train, cfg.limit)
        test = _first(test, cfg.limit)
    return train, test


def _first(dataset, n):
    return Subset(dataset, range(min(n, len(dataset))))


def _make_loader(cfg: TrainConfig, dataset, batch_size, shuffle, generator=None):
    # MNIST and CIFAR (and Subsets of them) take the loader's native path:
    # gather, crop, flip and normalise in C++ threads, batches prefetched.
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, generator=generator,
                      num_workers=cfg.num_workers)


# ---- model, optimizer, schedule ------------------------------------------------


def build_model(cfg: TrainConfig):
    """The zoo model sized for the dataset: num_classes, and in_channels (CNNs)
    or in_features (MLP) from the image shape."""
    spec = DATASETS[cfg.dataset]
    builder = _REGISTRY[cfg.model]
    accepts = inspect.signature(builder).parameters
    kwargs = {"num_classes": spec.num_classes}
    c, h, w = spec.image_shape
    if "in_channels" in accepts:
        kwargs["in_channels"] = c
    if "in_features" in accepts:
        kwargs["in_features"] = c * h * w
    return builder(**kwargs)


def _check_model_fits(cfg: TrainConfig, model) -> None:
    """One eval-mode forward of a blank image, so a model that cannot take the
    dataset's images fails now with a clear message, not after loading."""
    spec = DATASETS[cfg.dataset]
    model.eval()
    try:
        with nnlite.no_grad():
            out = model(nnlite.zeros(1, *spec.image_shape))
    except (ValueError, TypeError, IndexError) as e:
        raise ValueError(f"model '{cfg.model}' cannot take {cfg.dataset} images of shape "
                         f"{list(spec.image_shape)}: {e}") from None
    finally:
        model.train()
    if tuple(out.shape) != (1, spec.num_classes):
        raise ValueError(f"model '{cfg.model}' gives outputs of shape {list(out.shape)} for one image, expected "
                         f"[1, {spec.num_classes}]")


def build_optimizer(cfg: TrainConfig, params):
    if cfg.optimizer == "sgd":
        return optim.SGD(params, lr=cfg.lr, momentum=cfg.momentum, nesterov=bool(cfg.nesterov) and cfg.momentum > 0,
                         weight_decay=cfg.weight_decay)
    if cfg.optimizer == "adam":
        return optim.Adam(params, lr=cfg.lr, weight_decay=cfg.weight_decay)
    return optim.AdamW(params, lr=cfg.lr, weight_decay=cfg.weight_decay)


def build_scheduler(cfg: TrainConfig, optimizer, steps_per_epoch: int):
    """Linear warm-up from lr/10, then cosine decay to 0, stepped every batch."""
    total = cfg.epochs * steps_per_epoch
    warmup = min(int(round(cfg.warmup_epochs * steps_per_epoch)), total - 1)
    if warmup <= 0:
        return optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total)
    warm = optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, end_factor=1.0, total_iters=warmup)
    cosine = optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total - warmup)
    return optim.lr_scheduler.SequentialLR(optimizer, [warm, cosine], milestones=[warmup])


# ---- evaluation and one epoch -----------------------------------------------------


def evaluate(model, loader, num_classes: Optional[int] = None, confusion: bool = False):
    """(top-1, top-5, confusion matrix or None) of ``model`` over ``loader``.
    Top-5 becomes top-C when there are fewer than 5 classes."""
    was_training = model.training
    model.eval()
    top1 = top5 = seen = 0
    counts = None
    with nnlite.no_grad():
        for x, y in loader:
            logits = model(x)
            classes = logits.shape[1]
            c1, c5 = correct_topk(logits, y, (1, min(5, classes)))
            top1, top5, seen = top1 + c1, top5 + c5, seen + y.shape[0]
            if confusion:
                m = confusion_matrix(logits.argmax(1), y, num_classes or classes)
                counts = m if counts is None else counts + m
    model.train(was_training)
    return top1 / max(seen, 1), top5 / max(seen, 1), counts


def _progress_bar(cfg: TrainConfig, epoch: int, total: int):
    from tqdm import tqdm

    return tqdm(total=total, desc=f"epoch {epoch}/{cfg.epochs}", unit=" samples", leave=False, dynamic_ncols=True,
                disable=not cfg.progress)


def train_one_epoch(model, loader, loss_fn, optimizer, scheduler, bar):
    """One pass over ``loader``; returns (mean loss, accuracy, samples)."""
    model.train()
    total_loss, correct, seen = 0.0, 0, 0
    for x, y in loader:
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


# ---- a training run --------------------------------------------------------------


class TrainingRun:
    """Everything ``fit`` needs, built (and checked) before any training, so
    bad settings fail fast: model, loaders, optimizer, schedule, and the state
    restored from a checkpoint when resuming. ``datasets`` is (train, test),
    by default ``load_datasets(cfg)``; ``model`` replaces the zoo model
    ``cfg.model`` (which then only names it in checkpoints)."""

    def __init__(self, cfg: TrainConfig, datasets=None, model=None):
        check_config(cfg)
        self.cfg = cfg = resolve_config(cfg)
        self.spec = DATASETS[cfg.dataset]
        nnlite.manual_seed(cfg.seed)
        if model is not None and not isinstance(model, nn.Module):
            raise TypeError(f"fit: model must be an nnlite.nn.Module, got {type(model).__name__}")
        self.model = model if model is not None else build_model(cfg)
        _check_model_fits(cfg, self.model)  # before loading data: fail fast
        self.train_set, self.test_set = datasets if datasets is not None else load_datasets(cfg)
        if len(self.train_set) == 0:
            raise ValueError(f"the {cfg.dataset} training set is empty")
        self.shuffle_gen = nnlite.Generator()
        self.train_loader = _make_loader(cfg, self.train_set, cfg.batch_size, True, self.shuffle_gen)
        self.test_loader = _make_loader(cfg, self.test_set, max(cfg.batch_size, 256), False)
        self.loss_fn = nn.CrossEntropyLoss(label_smoothing=cfg.label_smoothing)
        self.optimizer = build_optimizer(cfg, self.model.parameters())
        self.scheduler = build_scheduler(cfg, self.optimizer, len(self.train_loader))
        self.history = History()
        if cfg.resume is not None:
            self._resume(cfg.resume)

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
        meta = {"config": dataclasses.asdict(cfg), "history": [dataclasses.asdict(r) for r in self.history.epochs]}
        save_checkpoint(checkpoint_path(cfg.checkpoint_dir, epoch), self.model, self.optimizer, self.scheduler,
                        epoch, meta)
        if cfg.keep_checkpoints:
            for _, old in list_checkpoints(cfg.checkpoint_dir)[:-cfg.keep_checkpoints]:
                old.unlink()

    def run(self, on_epoch: Optional[Callable[[EpochResult], None]] = None) -> History:
        cfg = self.cfg
        for epoch in range(self.history.start_epoch + 1, cfg.epochs + 1):
            nnlite.manual_seed(_epoch_seed(cfg.seed, epoch))
            self.shuffle_gen.manual_seed(_epoch_seed(cfg.seed + 1, epoch))
            start = time.perf_counter()
            with _progress_bar(cfg, epoch, len(self.train_set)) as bar:
                loss, acc, seen = train_one_epoch(self.model, self.train_loader, self.loss_fn, self.optimizer,
                                                  self.scheduler, bar)
            seconds = time.perf_counter() - start
            top1, top5, _ = evaluate(self.model, self.test_loader)
            result = EpochResult(epoch, loss, acc, top1, seconds, seen / max(seconds, 1e-9), top5)
            self.history.epochs.append(result)
            if cfg.checkpoint_dir is not None:
                self._save(epoch)
            if on_epoch is not None:
                on_epoch(result)
        if cfg.confusion:
            _, _, self.history.confusion = evaluate(self.model, self.test_loader, self.spec.num_classes, True)
        return self.history


def fit(cfg: TrainConfig, on_epoch: Optional[Callable[[EpochResult], None]] = None, datasets=None, model=None):
    """Train as ``cfg`` says; returns (model, History). ``datasets`` is
    (train, test), by default ``load_datasets(cfg)``; ``model`` a module to
    train instead of the zoo's ``cfg.model``. A run repeats exactly with the
    same seed."""
    run = TrainingRun(cfg, datasets, model)
    history = run.run(on_epoch)
    return run.model, history
