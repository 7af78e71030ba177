"""Zoo models whose ``nnlite train`` run is not the classifier loop.

A generative model (a VAE, a GAN, a deep belief net's pretraining) trains and
reports differently from a classifier: its model name maps here to a
function ``run(cfg, args, out) -> int`` that takes the resolved-later
``TrainConfig``, the parsed command line (for options such as ``--plot``) and
the output stream, and returns the exit status. The function's module is
imported only when that model is trained.
"""
from __future__ import annotations

import importlib
from typing import Callable, Dict, Optional

# model name -> "module:function"
TASKS: Dict[str, str] = {
    "vae": "nnlite.training.vae:run",
    "snn": "nnlite.training.snn:run",
    "dcgan": "nnlite.training.dcgan:run",
    "dbn": "nnlite.training.dbn:run",
}


def task_runner(model: str) -> Optional[Callable]:
    """The run function registered for ``model``, or None for the classifier loop."""
    spec = TASKS.get(model)
    if spec is None:
        return None
    module, function = spec.split(":")
    return getattr(importlib.import_module(module), function)
