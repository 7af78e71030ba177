"""Training checkpoints: model, optimizer and scheduler state in one file.

A checkpoint is a safetensors file written by ``nnlite.save`` (so other tools
read its tensors, and loading one never runs code): the model's state dict
under ``model.<name>``, the optimizer's tensors under
``optimizer.state.<index>.<key>``, and everything else (epoch, optimizer
hyper-parameters, scheduler state, config, history) in the file's structure
record, restored with its exact types by ``nnlite.load``. ``nnlite.save``
writes a temporary file in the target directory, syncs it and renames it over
the target, so a crash leaves the previous checkpoint intact.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

import nnlite

FORMAT = "nnlite-checkpoint"
VERSION = 2  # 1 was the .npz format
SUFFIX = ".safetensors"
_NAME = re.compile(r"^checkpoint-epoch(\d+)\.safetensors$")


def checkpoint_path(directory, epoch: int) -> Path:
    return Path(directory) / f"checkpoint-epoch{epoch:04d}{SUFFIX}"


def list_checkpoints(directory):
    """[(epoch, path)] of the checkpoints in ``directory``, oldest first."""
    found = []
    for entry in Path(directory).iterdir():
        m = _NAME.match(entry.name)
        if m and entry.is_file():
            found.append((int(m.group(1)), entry))
    return sorted(found)


def latest_checkpoint(directory) -> Optional[Path]:
    found = list_checkpoints(directory)
    return found[-1][1] if found else None


def save_checkpoint(path, model, optimizer, scheduler, epoch: int, meta: Optional[dict] = None) -> None:
    """Write the state of a training run after ``epoch`` epochs to ``path``."""
    nnlite.save({
        "format": FORMAT, "version": VERSION, "epoch": int(epoch),
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict() if scheduler is not None else None,
        "meta": meta or {},
    }, path)


def load_checkpoint(path) -> dict:
    """Read a checkpoint: {'epoch', 'model' (state dict), 'optimizer' (state
    dict), 'scheduler', 'meta'}. A missing file raises FileNotFoundError; a
    file that is not an nnlite checkpoint raises ValueError naming it."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"load_checkpoint: no checkpoint file at '{path}'")
    try:
        info = nnlite.load(path)
        if not isinstance(info, dict) or info.get("format") != FORMAT:
            raise ValueError("it holds no nnlite checkpoint record")
        if info.get("version") != VERSION:
            raise ValueError(f"version {info.get('version')!r}, this nnlite reads version {VERSION}")
        epoch, model, opt, meta = info.get("epoch"), info.get("model"), info.get("optimizer"), info.get("meta")
        if isinstance(epoch, bool) or not isinstance(epoch, int) or epoch < 0:
            raise ValueError(f"bad epoch {epoch!r}")
        if not isinstance(model, dict) or not all(isinstance(k, str) and isinstance(v, nnlite.Tensor)
                                                  for k, v in model.items()):
            raise ValueError("bad model record")
        if (not isinstance(opt, dict) or not isinstance(opt.get("state"), dict)
                or not isinstance(opt.get("param_groups"), list)
                or not all(isinstance(k, int) and isinstance(v, dict) for k, v in opt["state"].items())):
            raise ValueError("bad optimizer record")
        if not isinstance(meta, dict):
            raise ValueError("bad meta record")
    except ValueError as e:
        raise ValueError(f"load_checkpoint: '{path}' is not an nnlite checkpoint: {e}") from None
    return {"epoch": epoch, "model": model, "optimizer": opt, "scheduler": info.get("scheduler"), "meta": meta}
