"""The shared machinery of the spiking layers: constants as buffers or
learnable parameters, the state check, the spike and its reset signal.

Semantics follow snnTorch 1.0 so that one recipe gives the same spikes,
membrane traces and gradients in both libraries:
- the reset of step t uses the membrane of step t-1 (``reset_delay=True``),
  and the reset signal is detached from the graph;
- the decay constants are clamped to [0, 1] in the forward pass, so a learnt
  constant that drifts outside still gives a stable neuron.
"""
import math
import numbers

from .. import Tensor, tensor, zeros, zeros_like, no_grad
from ..nn import Module, Parameter
from . import surrogate as _surrogate

__all__ = ["SpikingNeuron"]

RESET_MECHANISMS = ("subtract", "zero", "none")


def _as_tensor(value):
    if isinstance(value, Tensor):
        return value.detach().clone().float()
    return tensor(value).float()


class SpikingNeuron(Module):
    """Base class: threshold, surrogate, reset mechanism and state handling.

    ``init_hidden=True`` keeps the state inside the layer and ``forward``
    returns only the spikes (plus the state when ``output=True``).
    """

    def __init__(self, threshold=1.0, spike_grad=None, surrogate_disable=False, init_hidden=False,
                 learn_threshold=False, reset_mechanism="subtract", state_quant=False, output=False,
                 graded_spikes_factor=1.0, learn_graded_spikes_factor=False):
        super().__init__()
        name = type(self).__name__
        if reset_mechanism not in RESET_MECHANISMS:
            raise ValueError(f"{name}: reset_mechanism must be 'subtract', 'zero' or 'none', got {reset_mechanism!r}")
        if spike_grad is not None and not callable(spike_grad):
            raise TypeError(f"{name}: spike_grad must be callable (e.g. snn.surrogate.atan()), "
                            f"got {type(spike_grad).__name__}")
        if state_quant is not False and not callable(state_quant):
            raise TypeError(f"{name}: state_quant must be False or a callable, got {type(state_quant).__name__}")
        if surrogate_disable:
            self.spike_grad = _heaviside_no_grad
        else:
            self.spike_grad = spike_grad if spike_grad is not None else _surrogate.atan()
        self.surrogate_disable = surrogate_disable
        self.init_hidden = init_hidden
        self.output = output
        self.reset_mechanism = reset_mechanism
        self.state_quant = state_quant
        self._constant("threshold", threshold, learn_threshold)
        _check_threshold(name, self.threshold)
        self._constant("graded_spikes_factor", graded_spikes_factor, learn_graded_spikes_factor)

    def _constant(self, name, value, learn, unit_interval=False):
        """Register ``value`` as a parameter (learnt) or a buffer; decay
        constants must lie in [0, 1]."""
        t = _as_tensor(value)
        if unit_interval:
            values = t.reshape(-1).tolist()
            bad = [v for v in values if not 0.0 <= v <= 1.0]
            if bad:
                raise ValueError(f"{type(self).__name__}: {name} must lie in [0, 1], got {bad[0]!r}"
                                 + (f" (among {len(values)} values)" if t.dim() > 0 else ""))
        if learn:
            setattr(self, name, Parameter(t))
        else:
            self.register_buffer(name, t)

    def _state(self, kind, given, stored, input_):
        """The state to start this step from: a given state must match the
        input's shape (the empty state of ``init_*()`` means zeros); a stored
        state of another shape (a new batch size) restarts at zero, as in
        snnTorch."""
        name = type(self).__name__
        if given is not None:
            if self.init_hidden:
                raise TypeError(f"{name}: `{kind}` should not be passed while init_hidden=True")
            if not isinstance(given, Tensor):
                raise TypeError(f"{name}: {kind} must be a Tensor, got {type(given).__name__}")
            if given.numel() == 0:
                return zeros_like(input_)
            if tuple(given.shape) != tuple(input_.shape):
                raise ValueError(f"{name}: state {kind} has shape {list(given.shape)}, expected the input's shape "
                                 f"{list(input_.shape)} (or the empty state from init_{_init_name(self)}())")
            return given
        if stored is None or tuple(stored.shape) != tuple(input_.shape):
            return zeros_like(input_)
        return stored

    def _check_input(self, input_):
        if not isinstance(input_, Tensor):
            raise TypeError(f"{type(self).__name__}: input must be a Tensor, got {type(input_).__name__}")

    def mem_reset(self, mem):
        """The detached reset signal: 1 where ``mem`` crossed the threshold."""
        with no_grad():
            return (mem - self.threshold > 0).to(mem.dtype)

    def fire(self, mem):
        """Spikes with the surrogate gradient, scaled by graded_spikes_factor."""
        if self.state_quant:
            mem = self.state_quant(mem)
        return self.spike_grad(mem - self.threshold) * self.graded_spikes_factor

    def _late_reset(self, spk, reset, mem):
        """``reset_delay=False``: apply this step's own spike at once (the
        part of it the delayed reset has not already applied)."""
        do_reset = spk / self.graded_spikes_factor - reset
        if self.reset_mechanism == "subtract":
            return mem - do_reset * self.threshold
        if self.reset_mechanism == "zero":
            return mem - do_reset * mem
        return mem

    def _quant(self, state):
        return self.state_quant(state) if self.state_quant else state

    def _outputs(self, spk, *states):
        if self.init_hidden and not self.output:
            return spk
        return (spk,) + states

    def extra_repr(self):
        return f"threshold={self.threshold.tolist()}, reset_mechanism={self.reset_mechanism!r}, spike_grad={self.spike_grad!r}"


def _init_name(neuron):
    return {"Leaky": "leaky", "IF": "leaky", "Synaptic": "synaptic", "Lapicque": "lapicque"}.get(
        type(neuron).__name__, "state")


class _HeavisideNoGrad:
    """surrogate_disable=True: the plain step with no gradient at all."""

    def __call__(self, x):
        with no_grad():
            return (x > 0).to(x.dtype)

    def __repr__(self):
        return "heaviside(no gradient)"


_heaviside_no_grad = _HeavisideNoGrad()


def empty_state():
    """The empty state ``init_*()`` returns; the first step replaces it with zeros."""
    return zeros(0)


def _check_threshold(layer, threshold):
    """A threshold must be a positive finite number: at zero or below the
    neuron fires at rest, and a NaN never fires nor learns."""
    values = threshold.reshape(-1).tolist()
    bad = [v for v in values if not (v > 0 and math.isfinite(v))]
    if bad:
        raise ValueError(f"{layer}: threshold must be a positive finite number, got {bad[0]!r}"
                         + (f" (among {len(values)} values)" if threshold.dim() > 0 else ""))


def check_number(layer, name, value):
    if not isinstance(value, (numbers.Real, Tensor)) or isinstance(value, bool):
        raise TypeError(f"{layer}: {name} must be a number or a Tensor, got {type(value).__name__}")
