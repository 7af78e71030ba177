"""Training recipes: the datasets ``nnlite train`` knows, each family's recipe,
the configuration of a run and how its None settings are filled in, and the
pieces a run is built from (datasets, zoo model, optimizer, schedule).

Settings left as None take the dataset's recipe (``RECIPES``):

* MNIST / Fashion-MNIST: SGD with Nesterov momentum 0.9, lr 0.05, weight
  decay 5e-4, label smoothing 0.1, batch 64, 15 epochs, 1 warm-up epoch,
  standardised inputs, no augmentation. Chosen on the embedded MNIST subset:
  the MLP reaches about 96-97% test accuracy, LeNet-5 about 98-99%.
  The row-by-row bidirectional LSTM (``lstm``) takes lr 0.2, weight decay
  1e-3 and 20 epochs (``MODEL_RECIPES``) and reaches about 97-97.5%.
* A global batch larger than the recipe's (``--batch-size``, also when split
  over MPI ranks) scales SGD's default lr linearly (Goyal et al. 2017): batch
  256 on MNIST trains with lr 0.05 * 256 / 64 = 0.2. An explicit lr is kept.
* CIFAR-10/100: the standard ResNet recipe: SGD momentum 0.9, lr 0.1, weight
  decay 5e-4, batch 128, 200 epochs, 5 warm-up epochs then cosine decay;
  random 32x32 crops of the image padded by 4, horizontal flips, per-channel
  normalisation.
"""
from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Tuple

import nnlite
from nnlite import optim
from nnlite.data import Subset
from nnlite.models import get_model_builder, list_models


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

# A model's own settings, over its dataset family's recipe.
MODEL_RECIPES = {
    "lstm": dict(epochs=20, sgd_lr=0.2, sgd_weight_decay=1e-3),
}

# LARS's eta (with the default lr 1, each weight tensor moves by about 2% of its
# norm per step: chosen on the embedded MNIST with the whole training set as one batch).
LARS_TRUST_COEFFICIENT = 0.02

# Per-optimizer defaults for lr (SGD's comes from the recipe) and weight decay.
OPTIMIZERS = {
    "sgd": {"lr": None, "weight_decay": 5e-4},
    "adam": {"lr": 1e-3, "weight_decay": 0.0},
    "adamw": {"lr": 1e-3, "weight_decay": 0.01},
    # The layer-wise adaptive optimizers of large-minibatch training (optim.large_batch):
    # weights are decayed and adapted, biases and normalisation parameters are not.
    "lars": {"lr": 1.0, "weight_decay": 5e-4},
    "lamb": {"lr": 1e-2, "weight_decay": 0.01},
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
    device: str = "cpu"  # where the model trains: "cpu", "cuda" or "cuda:N"


def resolve_config(cfg: TrainConfig) -> TrainConfig:
    """A copy of ``cfg`` with every None setting taken from the dataset's recipe."""
    check_names(cfg)
    recipe = {**RECIPES[DATASETS[cfg.dataset].family], **MODEL_RECIPES.get(cfg.model, {})}
    defaults = OPTIMIZERS[cfg.optimizer]
    filled = {k: recipe[k] for k in ("epochs", "batch_size", "nesterov", "label_smoothing", "warmup_epochs", "augment")
              if getattr(cfg, k) is None}
    if cfg.lr is None:
        filled["lr"] = recipe["sgd_lr"] if cfg.optimizer == "sgd" else defaults["lr"]
        batch = cfg.batch_size if cfg.batch_size is not None else recipe["batch_size"]
        if cfg.optimizer == "sgd" and isinstance(batch, int) and batch > recipe["batch_size"]:
            # The linear scaling rule (Goyal et al. 2017): a global batch k times the recipe's
            # takes k times its learning rate (the warm-up keeps the first steps stable).
            filled["lr"] *= batch / recipe["batch_size"]
    if cfg.weight_decay is None:
        own = recipe.get("sgd_weight_decay") if cfg.optimizer == "sgd" else None
        filled["weight_decay"] = defaults["weight_decay"] if own is None else own
    return dataclasses.replace(cfg, **filled)


def check_names(cfg: TrainConfig) -> None:
    if cfg.model not in list_models():
        raise ValueError(f"unknown model '{cfg.model}'; available: {', '.join(list_models())}")
    if cfg.dataset not in DATASETS:
        raise ValueError(f"unknown dataset '{cfg.dataset}'; available: {', '.join(DATASETS)}")
    if cfg.optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer '{cfg.optimizer}'; available: {', '.join(OPTIMIZERS)}")


def check_device(device) -> "nnlite.device":
    """The device to train on, or ValueError: an unknown name, or CUDA without a GPU."""
    try:
        dev = nnlite.device(device)
    except (ValueError, TypeError) as e:
        raise ValueError(f"device: {e}") from None
    try:
        nnlite.empty(1, device=dev)  # the device's backend answers: no GPU, or no CUDA in this build
    except RuntimeError as e:
        raise ValueError(f"device {str(dev)!r}: {e}") from None
    return dev


def model_device(model) -> "nnlite.device":
    """Where ``model``'s parameters live (the CPU for a model without any): the training loops move each batch there."""
    p = next(iter(model.parameters()), None)
    return p.device if p is not None else nnlite.device("cpu")


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
    check_device(cfg.device)
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


# ---- model, optimizer, schedule ------------------------------------------------


def build_model(cfg: TrainConfig):
    """The zoo model sized for the dataset: num_classes, and in_channels (CNNs),
    in_features (MLP) or image_width (row-by-row LSTM) from the image shape."""
    spec = DATASETS[cfg.dataset]
    builder = get_model_builder(cfg.model)
    accepts = inspect.signature(builder).parameters
    kwargs = {"num_classes": spec.num_classes}
    c, h, w = spec.image_shape
    if "in_channels" in accepts:
        kwargs["in_channels"] = c
    if "in_features" in accepts:
        kwargs["in_features"] = c * h * w
    if "image_width" in accepts:
        kwargs["image_width"] = w
    return builder(**kwargs)


def check_model_fits(cfg: TrainConfig, model) -> None:
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
    if cfg.optimizer in ("lars", "lamb"):
        # Weights (2-d and up) are decayed and take the trust ratio; biases and
        # normalisation parameters go in a group without either (You et al.).
        params = list(params)
        groups = [{"params": [p for p in params if p.dim() > 1]},
                  {"params": [p for p in params if p.dim() <= 1], "weight_decay": 0.0}]
        groups = [g for g in groups if g["params"]]
        if cfg.optimizer == "lars":
            return optim.LARS(groups, lr=cfg.lr, momentum=cfg.momentum, weight_decay=cfg.weight_decay,
                              trust_coefficient=LARS_TRUST_COEFFICIENT)
        return optim.LAMB(groups, lr=cfg.lr, weight_decay=cfg.weight_decay)
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
