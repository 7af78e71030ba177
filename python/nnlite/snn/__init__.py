"""nnlite.snn: spiking neural networks with surrogate gradients, after snnTorch.

    import nnlite.snn as snn
    lif = snn.Leaky(beta=0.9)                  # atan surrogate by default
    mem = lif.init_leaky()
    for step in range(num_steps):
        spk, mem = lif(fc(x[step]), mem)

Neurons: ``Leaky``, ``IF`` (no leak), ``Synaptic``, ``Lapicque``; submodules
``surrogate``, ``spikegen`` (rate, latency, delta encoders) and
``functional`` (rate and count losses, accuracy).
"""
from . import surrogate, spikegen, functional  # noqa: F401
from .neuron import SpikingNeuron  # noqa: F401
from .leaky import Leaky, IF  # noqa: F401
from .synaptic import Synaptic  # noqa: F401
from .lapicque import Lapicque  # noqa: F401

__all__ = ["Leaky", "IF", "Synaptic", "Lapicque", "SpikingNeuron", "surrogate", "spikegen", "functional"]
