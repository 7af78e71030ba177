"""Model-level rows: training steps, inference and batch-1 latency."""
from __future__ import annotations

import numpy as np

from . import ort_peer, torch_models
from .common import interleaved


def nnlite_model(nnlite, name):
    nn = nnlite.nn
    if name == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                             nn.Linear(512, 10))
    return nnlite.models.get_model(name)


def _step_fns(lib, model, x, y, opt):
    F = lib.nn.functional

    def step():
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()

    return step


def train_step(nnlite, torch, name, shape, batch, repeats):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((batch, *shape), np.float32)
    y = rng.integers(0, 10, batch)
    nm = nnlite_model(nnlite, name)
    fns = {"nnlite": _step_fns(nnlite, nm, nnlite.tensor(x), nnlite.tensor(y),
                               nnlite.optim.SGD(nm.parameters(), 0.01, momentum=0.9))}
    if torch:
        tm = torch_models.build(torch, name)
        fns["torch"] = _step_fns(torch, tm, torch.tensor(x), torch.tensor(y),
                                 torch.optim.SGD(tm.parameters(), 0.01, momentum=0.9))
    t = interleaved(fns, repeats=repeats)
    return {"row": f"{name} training step", "shape": f"batch {batch}, {'x'.join(map(str, shape))}", "unit": "ms",
            **{lib: s * 1e3 for lib, s in t.items()}}


def _graph_fn(nnlite, model, nx):
    """The model exported with nnlite.export and loaded by nnlite.load_graph
    (batch norm folded, epilogues fused): nnlite's deployment path, the one
    to hold against onnxruntime's."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.nnlg"
        nnlite.export(model, (nx,), path)
        graph = nnlite.load_graph(path)
    return lambda: graph(nx)


def inference(nnlite, torch, name, shape, batch, repeats, row):
    """nnlite's eval forward and its loaded graph (column "graph") against
    PyTorch's and onnxruntime's (the model exported by nnlite.onnx.export),
    same inputs, same threads, interleaved."""
    x = np.random.default_rng(0).standard_normal((batch, *shape), np.float32)
    nm = nnlite_model(nnlite, name).eval()
    nx = nnlite.tensor(x)

    def n_run():
        with nnlite.no_grad():
            return nm(nx)

    fns = {"nnlite": n_run, "graph": _graph_fn(nnlite, nm, nx)}
    sess = ort_peer.session(nnlite, nm, x, nnlite.get_num_threads())
    if sess is not None:
        ort_peer.check_outputs(f"{row} ({name})", sess, x, n_run().numpy())
        fns["ort"] = ort_peer.run_fn(sess, x)
    if torch:
        tm = torch_models.build(torch, name).eval()
        tx = torch.tensor(x)

        def t_run():
            with torch.no_grad():
                tm(tx)

        fns["torch"] = t_run
    t = interleaved(fns, repeats=repeats, inner=1 if batch > 1 else 20)
    unit, scale = ("us", 1e6) if batch == 1 else ("ms", 1e3)
    return {"row": row, "shape": f"{name}, batch {batch}", "unit": unit, **{lib: s * scale for lib, s in t.items()}}


def all_rows(nnlite, torch, quick=False):
    r = 3 if quick else 7
    return [
        train_step(nnlite, torch, "mlp", (784,), 128, r * 3),
        train_step(nnlite, torch, "mlp", (784,), 32, r * 3),
        train_step(nnlite, torch, "lenet5", (1, 28, 28), 128, r * 2),
        # ResNet-20 varies most from turn to turn (PyTorch's oneDNN more than
        # nnlite): more turns for its medians.
        train_step(nnlite, torch, "resnet20", (3, 32, 32), 32 if quick else 128, r * 2),
        inference(nnlite, torch, "resnet20", (3, 32, 32), 32 if quick else 128, r * 2, "resnet20 inference"),
        inference(nnlite, torch, "lenet5", (1, 28, 28), 128, r * 2, "lenet5 inference"),
        inference(nnlite, torch, "mlp", (784,), 128, r * 3, "mlp inference"),
        inference(nnlite, torch, "mlp", (784,), 1, r * 3, "latency"),
        inference(nnlite, torch, "lenet5", (1, 28, 28), 1, r * 3, "latency"),
        inference(nnlite, torch, "resnet20", (3, 32, 32), 1, r * 4, "latency"),
        inference(nnlite, torch, "resnet18", (3, 64, 64) if quick else (3, 224, 224), 1, r, "latency"),
    ]
