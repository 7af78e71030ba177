"""Training zoo models on image datasets: what ``nnlite train`` runs.

* ``recipes``: the datasets, each one's recipe (optimizer, schedule,
  augmentation), ``TrainConfig`` and how its None settings are filled in;
* ``loop``: ``TrainingRun`` (build, resume, run epochs, evaluate) and ``fit``;
* ``checkpoint``: the checkpoint files a run writes and resumes from.

``fit(TrainConfig(model="lenet5", epochs=3))`` trains and returns
(model, History).
"""
from .checkpoint import checkpoint_path, latest_checkpoint, list_checkpoints, load_checkpoint, save_checkpoint
from .loop import EpochResult, History, TrainingRun, evaluate, fit, train_one_epoch
from .recipes import (
    DATASETS, OPTIMIZERS, RECIPES, DatasetSpec, TrainConfig, build_model, build_optimizer, build_scheduler,
    check_config, load_datasets, resolve_config,
)

__all__ = [
    "DATASETS", "OPTIMIZERS", "RECIPES", "DatasetSpec", "TrainConfig", "resolve_config", "check_config",
    "load_datasets", "build_model", "build_optimizer", "build_scheduler", "EpochResult", "History", "TrainingRun",
    "evaluate", "train_one_epoch", "fit", "checkpoint_path", "list_checkpoints", "latest_checkpoint",
    "save_checkpoint", "load_checkpoint",
]
