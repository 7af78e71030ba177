"""Training checkpoints: model, optimizer and scheduler state in one file.

A checkpoint is a NumPy ``.npz`` archive read with ``allow_pickle=False``, so
loading one never runs code. Tensors are arrays named ``model/<name>`` and
``optimizer/<index>/<key>``; everything else (epoch, config, optimizer
hyper-parameters, scheduler state, history) is JSON in a uint8 array named
``__meta__``. Writes go to a temporary file in the target directory that is
renamed over the target, so a crash leaves the previous file intact.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Optional

import numpy as np

import nnlite

FORMAT = "nnlite-checkpoint"
VERSION = 1
_NAME = re.compile(r"^checkpoint-epoch(\d+)\.npz$")


def checkpoint_path(directory, epoch: int) -> Path:
    return Path(directory) / f"checkpoint-epoch{epoch:04d}.npz"


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


def _json_default(value):
    if isinstance(value, (np.integer, np.floating)):
        return value.item()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"save_checkpoint: cannot store a {type(value).__name__} in the checkpoint's metadata")


def write_atomically(path, write) -> None:
    """Call ``write(file)`` on a temporary file beside ``path``, flush it to
    disk, then rename it over ``path``; on any error remove the temporary."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def save_checkpoint(path, model, optimizer, scheduler, epoch: int, meta: Optional[dict] = None) -> None:
    """Write the state of a training run after ``epoch`` epochs to ``path``."""
    arrays = {f"model/{name}": t.detach().numpy() for name, t in model.state_dict().items()}
    opt_state = optimizer.state_dict()
    scalars = {}
    for index, entries in opt_state["state"].items():
        for key, value in entries.items():
            if isinstance(value, nnlite.Tensor):
                arrays[f"optimizer/{index}/{key}"] = value.detach().numpy()
            else:
                scalars.setdefault(str(index), {})[key] = value
    info = {
        "format": FORMAT, "version": VERSION, "epoch": int(epoch),
        "optimizer": {"param_groups": opt_state["param_groups"], "scalars": scalars},
        "scheduler": scheduler.state_dict() if scheduler is not None else None,
        "meta": meta or {},
    }
    arrays["__meta__"] = np.frombuffer(json.dumps(info, default=_json_default).encode(), dtype=np.uint8)
    write_atomically(path, lambda f: np.savez(f, **arrays))


def load_checkpoint(path) -> dict:
    """Read a checkpoint: {'epoch', 'model' (state dict), 'optimizer' (state
    dict), 'scheduler', 'meta'}. A missing file raises FileNotFoundError; a
    file that is not an nnlite checkpoint raises ValueError naming it."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"load_checkpoint: no checkpoint file at '{path}'")
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as e:
        raise ValueError(f"load_checkpoint: '{path}' is not a readable .npz checkpoint ({e})") from None
    raw = arrays.pop("__meta__", None)
    try:
        if raw is None or raw.dtype != np.uint8 or raw.ndim != 1:
            raise ValueError("no __meta__ record")
        info = json.loads(raw.tobytes().decode())
        if not isinstance(info, dict) or info.get("format") != FORMAT:
            raise ValueError("its __meta__ record is not an nnlite checkpoint's")
        if info.get("version") != VERSION:
            raise ValueError(f"version {info.get('version')!r}, this nnlite reads version {VERSION}")
        epoch = info["epoch"]
        groups = info["optimizer"]["param_groups"]
        scalars = info["optimizer"]["scalars"]
        if isinstance(epoch, bool) or not isinstance(epoch, int) or epoch < 0:
            raise ValueError(f"bad epoch {epoch!r}")
        if not isinstance(groups, list) or not isinstance(scalars, dict):
            raise ValueError("bad optimizer record")
        if not isinstance(info.get("meta", {}), dict):
            raise ValueError("bad meta record")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as e:
        raise ValueError(f"load_checkpoint: '{path}' is not an nnlite checkpoint: {e}") from None

    model_state, opt_tensors = {}, {}
    for name, array in arrays.items():
        kind, _, rest = name.partition("/")
        if kind == "model" and rest:
            model_state[rest] = nnlite.from_numpy(array)
            continue
        index, _, key = rest.partition("/")
        if kind != "optimizer" or not index.isdigit() or not key:
            raise ValueError(f"load_checkpoint: '{path}' holds an unexpected array '{name}'")
        opt_tensors.setdefault(int(index), {})[key] = nnlite.from_numpy(array)
    for index, entries in scalars.items():
        if not index.isdigit() or not isinstance(entries, dict):
            raise ValueError(f"load_checkpoint: '{path}' has a bad optimizer state entry {index!r}")
        opt_tensors.setdefault(int(index), {}).update(entries)
    return {
        "epoch": epoch,
        "model": model_state,
        "optimizer": {"state": opt_tensors, "param_groups": groups},
        "scheduler": info.get("scheduler"),
        "meta": info.get("meta") or {},
    }
