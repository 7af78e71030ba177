"""Spiking row: one training step of the spiking MLP of ``nnlite train
--model snn`` (784-1000-10 Leaky layers, 25 time steps, batch 64, fixed
rate-coded input, membrane cross entropy, Adam) against snnTorch on PyTorch,
written as snnTorch's tutorials do (a Python loop over the time steps,
``spk, mem = lif(fc(x[t]), mem)``). Skipped when snntorch is not installed.
nnlite runs each Linear over all steps at once and each Leaky layer's time
loop as one C++ op (``Leaky.sequence``).
"""
from __future__ import annotations

import numpy as np

from .common import interleaved

STEPS, BATCH, INPUT, HIDDEN, CLASSES, BETA = 25, 64, 784, 1000, 10, 0.9


def _nnlite_step(nnlite, spikes, target, hidden):
    from nnlite.models.snn import SpikingMLP
    model = SpikingMLP(INPUT, (hidden,), CLASSES, beta=BETA, num_steps=STEPS)
    opt = nnlite.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nnlite.snn.functional.ce_rate_loss()

    def step():
        _, mem, _ = model(spikes)
        loss = loss_fn(mem, target)
        opt.zero_grad()
        loss.backward()
        opt.step()

    return step


def _snntorch_step(torch, snntorch, spikes, target, hidden):
    fc1, fc2 = torch.nn.Linear(INPUT, hidden), torch.nn.Linear(hidden, CLASSES)
    grad = snntorch.surrogate.fast_sigmoid(slope=25)
    lif1, lif2 = snntorch.Leaky(beta=BETA, spike_grad=grad), snntorch.Leaky(beta=BETA, spike_grad=grad)
    params = list(fc1.parameters()) + list(fc2.parameters())
    opt = torch.optim.Adam(params, lr=1e-3)
    loss_fn = snntorch.functional.ce_rate_loss()

    def step():
        mem1, mem2 = lif1.init_leaky(), lif2.init_leaky()
        trace = []
        for t in range(STEPS):
            spk1, mem1 = lif1(fc1(spikes[t]), mem1)
            _, mem2 = lif2(fc2(spk1), mem2)
            trace.append(mem2)
        loss = loss_fn(torch.stack(trace), target)
        opt.zero_grad()
        loss.backward()
        opt.step()

    return step


def snn_train_step(nnlite, torch, repeats, batch=BATCH, hidden=HIDDEN):
    try:
        import snntorch
        import snntorch.functional  # noqa: F401
    except ImportError:
        return []
    if torch is None:
        return []
    rng = np.random.default_rng(0)
    spikes = (rng.random((STEPS, batch, INPUT)) < rng.random((1, batch, INPUT)) * 0.3).astype(np.float32)
    target = rng.integers(0, CLASSES, batch)
    fns = {"nnlite": _nnlite_step(nnlite, nnlite.tensor(spikes), nnlite.tensor(target), hidden),
           "torch": _snntorch_step(torch, snntorch, torch.tensor(spikes), torch.tensor(target), hidden)}
    t = interleaved(fns, repeats=repeats)
    return [{"row": "snn training step", "shape": f"784-{hidden}-10 lif, T {STEPS}, batch {batch}, vs snnTorch",
             "unit": "ms", **{lib: s * 1e3 for lib, s in t.items()}}]


def all_rows(nnlite, torch, quick=False):
    return snn_train_step(nnlite, torch, 3 if quick else 15, batch=16 if quick else BATCH)
