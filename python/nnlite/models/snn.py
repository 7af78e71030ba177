"""The spiking MLP of ``nnlite train --model snn`` (and examples/snn_mnist.py):
rate-coded input, Linear -> Leaky layers, 25 time steps.

The image's pixel intensities are spike probabilities at every step
(``snn.spikegen.rate``); each Linear sees all T steps at once as one
[T*B, in] matrix product, and each Leaky layer runs its whole time loop as
one C++ op (``Leaky.sequence``), so a training step has no per-step Python.
"""
from __future__ import annotations

from .. import nn
from .. import snn
from . import _positive_int, register_model

__all__ = ["SpikingMLP", "spiking_mlp"]


class SpikingMLP(nn.Module):
    """in_features -> hidden... -> num_classes, a Leaky layer after every
    Linear. ``forward(spikes [T, B, in])`` returns the output spikes and
    membrane trace, both [T, B, num_classes], and the list of hidden spike
    trains [T, B, hidden] (for the firing rate)."""

    def __init__(self, in_features=784, hidden=(1000,), num_classes=10, beta=0.9, slope=25.0, num_steps=25):
        super().__init__()
        hidden = (hidden,) if isinstance(hidden, int) else tuple(hidden)
        name = type(self).__name__
        self.num_steps = _positive_int(name, "num_steps", num_steps)
        widths = [_positive_int(name, "in_features", in_features)]
        widths += [_positive_int(name, "hidden width", h) for h in hidden]
        widths.append(_positive_int(name, "num_classes", num_classes))
        self.fcs = nn.ModuleList([nn.Linear(a, b) for a, b in zip(widths[:-1], widths[1:])])
        # fast_sigmoid: the surrogate that trained best here (see training/snn.py)
        self.lifs = nn.ModuleList([snn.Leaky(beta=beta, spike_grad=snn.surrogate.fast_sigmoid(slope))
                                   for _ in widths[1:]])

    def encode(self, images, generator=None):
        """images [B, ...] in [0, 1] -> rate-coded spikes [T, B, in_features]."""
        flat = images.reshape(images.shape[0], -1)
        return snn.spikegen.rate(flat, num_steps=self.num_steps, generator=generator)

    def forward(self, spikes):
        if spikes.dim() != 3 or spikes.shape[2] != self.fcs[0].in_features:
            raise ValueError(f"SpikingMLP: input must be spikes [T, B, {self.fcs[0].in_features}], "
                             f"got shape {list(spikes.shape)}")
        x, hidden = spikes, []
        for i, (fc, lif) in enumerate(zip(self.fcs, self.lifs)):
            x, mem = lif.sequence(fc(x), lif.init_leaky())
            if i < len(self.fcs) - 1:
                hidden.append(x)
        return x, mem, hidden


@register_model("snn")
def spiking_mlp(num_classes=10, in_features=784, hidden=(1000,), beta=0.9, num_steps=25):
    """The spiking MLP of ``nnlite train --model snn``."""
    return SpikingMLP(in_features, hidden, num_classes, beta=beta, num_steps=num_steps)
