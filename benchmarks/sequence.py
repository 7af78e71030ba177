"""Sequence-model rows: LSTM and GRU training steps, the batch-1 LSTM step of
a generation loop, and scaled_dot_product_attention forward+backward.

The recurrent layers are the same in both libraries (torch's API and
parameter layout): 2 layers x 256 hidden, input 128, time-major input
[35, 32, 128], an MSE loss against a fixed target on every output, SGD with
momentum.
"""
from __future__ import annotations

import numpy as np

from .common import interleaved

SEQ, BATCH, INPUT, HIDDEN, LAYERS = 35, 32, 128, 256, 2
SDPA_SHAPE = (32, 8, 128, 64)  # [N, heads, L, E]


def _rnn_step(lib, kind, x, target):
    layer = getattr(lib.nn, kind)(INPUT, HIDDEN, num_layers=LAYERS)
    opt = lib.optim.SGD(layer.parameters(), 0.01, momentum=0.9)
    F = lib.nn.functional

    def step():
        opt.zero_grad()
        out, _ = layer(x)
        F.mse_loss(out, target).backward()
        opt.step()

    return step


def rnn_train_step(nnlite, torch, kind, seq, batch, repeats):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((seq, batch, INPUT), np.float32)
    target = rng.standard_normal((seq, batch, HIDDEN), np.float32)
    fns = {"nnlite": _rnn_step(nnlite, kind, nnlite.tensor(x), nnlite.tensor(target))}
    if torch:
        fns["torch"] = _rnn_step(torch, kind, torch.tensor(x), torch.tensor(target))
    t = interleaved(fns, repeats=repeats)
    return {"row": f"{kind.lower()} training step", "shape": f"{LAYERS}x{HIDDEN}, input {INPUT}, seq {seq}, batch {batch}",
            "unit": "ms", **{lib: s * 1e3 for lib, s in t.items()}}


def _lstm_generation_step(lib, x):
    """One time step of batch 1 with the state carried, as a sampling loop runs it."""
    layer = lib.nn.LSTM(INPUT, HIDDEN, num_layers=LAYERS).eval()
    state = [None]

    def step():
        with lib.no_grad():
            _, state[0] = layer(x, state[0])

    return step


def lstm_latency(nnlite, torch, repeats):
    x = np.random.default_rng(0).standard_normal((1, 1, INPUT), np.float32)
    fns = {"nnlite": _lstm_generation_step(nnlite, nnlite.tensor(x))}
    if torch:
        fns["torch"] = _lstm_generation_step(torch, torch.tensor(x))
    t = interleaved(fns, repeats=repeats, inner=20)
    return {"row": "latency", "shape": f"lstm {LAYERS}x{HIDDEN}, batch 1, one step", "unit": "us",
            **{lib: s * 1e6 for lib, s in t.items()}}


def _sdpa_train(lib, q, k, v, g):
    F = lib.nn.functional

    def run():
        F.scaled_dot_product_attention(q, k, v).backward(g)

    return run


def sdpa_forward_backward(nnlite, torch, shape, repeats):
    rng = np.random.default_rng(0)
    arrays = [rng.standard_normal(shape, np.float32) for _ in range(4)]  # q, k, v, output gradient
    fns = {"nnlite": _sdpa_train(nnlite, *[nnlite.tensor(a, requires_grad=i < 3) for i, a in enumerate(arrays)])}
    if torch:
        fns["torch"] = _sdpa_train(torch, *[torch.tensor(a, requires_grad=i < 3) for i, a in enumerate(arrays)])
    t = interleaved(fns, repeats=repeats)
    return {"row": "sdpa forward+backward", "shape": "x".join(map(str, shape)), "unit": "ms",
            **{lib: s * 1e3 for lib, s in t.items()}}


def all_rows(nnlite, torch, quick=False):
    r = 3 if quick else 9
    batch = 8 if quick else BATCH
    sdpa = (4,) + SDPA_SHAPE[1:] if quick else SDPA_SHAPE
    return [
        rnn_train_step(nnlite, torch, "LSTM", SEQ, batch, r),
        rnn_train_step(nnlite, torch, "GRU", SEQ, batch, r),
        lstm_latency(nnlite, torch, r * 2),
        sdpa_forward_backward(nnlite, torch, sdpa, r),
    ]
