"""Leaky integrate-and-fire (``Leaky``) and plain integrate-and-fire (``IF``).

    mem[t] = clamp(beta, 0, 1) * mem[t-1] + input[t] - reset[t] * threshold
    spk[t] = H(mem[t] - threshold),  reset[t] = H(mem[t-1] - threshold)

``reset_mechanism='zero'`` instead zeroes mem[t-1] where reset[t] is 1, and
``'none'`` never resets.
"""
from .. import _C, stack
from .neuron import SpikingNeuron, empty_state, check_number

__all__ = ["Leaky", "IF"]


class Leaky(SpikingNeuron):
    """First-order leaky integrate-and-fire neuron, as ``snntorch.Leaky``:
    ``spk, mem = lif(x, mem)``; the state has the input's shape."""

    def __init__(self, beta, threshold=1.0, spike_grad=None, surrogate_disable=False, init_hidden=False,
                 learn_beta=False, learn_threshold=False, reset_mechanism="subtract", state_quant=False,
                 output=False, graded_spikes_factor=1.0, learn_graded_spikes_factor=False, reset_delay=True):
        check_number(type(self).__name__, "beta", beta)
        super().__init__(threshold, spike_grad, surrogate_disable, init_hidden, learn_threshold,
                         reset_mechanism, state_quant, output, graded_spikes_factor, learn_graded_spikes_factor)
        self._constant("beta", beta, learn_beta, unit_interval=True)
        self.reset_delay = reset_delay
        self.mem = empty_state()

    def init_leaky(self):
        """Reset the stored state and return the empty state (zeros on first use)."""
        self.mem = empty_state()
        return self.mem

    reset_mem = init_leaky

    def forward(self, input_, mem=None):
        self._check_input(input_)
        spk, self.mem = self._advance(input_, self._state("mem", mem, self.mem, input_))
        return self._outputs(spk, self.mem)

    def _advance(self, input_, mem):
        """One time step from state ``mem``: (spikes, new membrane)."""
        reset = self.mem_reset(mem)
        beta = self.beta.clamp(0, 1)
        if self.reset_mechanism == "subtract":
            mem = beta * mem + input_ - reset * self.threshold
        elif self.reset_mechanism == "zero":
            mem = beta * ((1 - reset) * mem) + input_
        else:
            mem = beta * mem + input_
        mem = self._quant(mem)
        spk = self.fire(mem)
        if not self.reset_delay:
            mem = self._late_reset(spk, reset, mem)
        return spk, mem

    def detach_hidden(self):
        """Cut the stored state from its history (truncated BPTT)."""
        self.mem = self.mem.detach()

    def sequence(self, input_, mem=None):
        """Run all T steps of ``input_`` [T, ...] at once: returns the spikes
        and the membrane trace, both [T, ...], and keeps the last membrane as
        the state. Equal to calling the layer once per step; with a built-in
        surrogate and the plain options it is one C++ op (``leaky_sequence``)
        with its backward through time in C++ too."""
        self._check_input(input_)
        if input_.dim() < 1 or input_.shape[0] == 0:
            raise ValueError(f"{type(self).__name__}.sequence: input must be [T, ...] with T >= 1, "
                             f"got shape {list(input_.shape)}")
        mem = self._state("mem", mem, self.mem, input_[0])
        kernel = self._kernel_args(input_)
        if kernel is None:
            spikes, trace = [], []
            for step in range(input_.shape[0]):
                spk, mem = self._advance(input_[step], mem)
                spikes.append(spk)
                trace.append(mem)
            spk, trace = stack(spikes), stack(trace)
        else:
            spk, trace = _C.leaky_sequence(input_, mem, self.beta, self.threshold, self.reset_mechanism, *kernel)
        self.mem = trace[-1]
        return spk, trace

    def _kernel_args(self, input_):
        args = getattr(self.spike_grad, "kernel_args", lambda: None)()
        plain = (not self.state_quant and self.reset_delay and not self.graded_spikes_factor.requires_grad
                 and self.graded_spikes_factor.tolist() == 1.0)
        return args if plain else None


class IF(Leaky):
    """Integrate-and-fire without leak: ``Leaky`` with beta fixed at 1."""

    def __init__(self, threshold=1.0, spike_grad=None, surrogate_disable=False, init_hidden=False,
                 learn_threshold=False, reset_mechanism="subtract", state_quant=False, output=False,
                 graded_spikes_factor=1.0, learn_graded_spikes_factor=False, reset_delay=True):
        super().__init__(1.0, threshold, spike_grad, surrogate_disable, init_hidden, False, learn_threshold,
                         reset_mechanism, state_quant, output, graded_spikes_factor, learn_graded_spikes_factor,
                         reset_delay)
