"""Leaky integrate-and-fire (``Leaky``) and plain integrate-and-fire (``IF``).

    mem[t] = clamp(beta, 0, 1) * mem[t-1] + input[t] - reset[t] * threshold
    spk[t] = H(mem[t] - threshold),  reset[t] = H(mem[t-1] - threshold)

``reset_mechanism='zero'`` instead zeroes mem[t-1] where reset[t] is 1, and
``'none'`` never resets.
"""
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
        mem = self._state("mem", mem, self.mem, input_)
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
        self.mem = mem
        return self._outputs(spk, mem)

    def detach_hidden(self):
        """Cut the stored state from its history (truncated BPTT)."""
        self.mem = self.mem.detach()


class IF(Leaky):
    """Integrate-and-fire without leak: ``Leaky`` with beta fixed at 1."""

    def __init__(self, threshold=1.0, spike_grad=None, surrogate_disable=False, init_hidden=False,
                 learn_threshold=False, reset_mechanism="subtract", state_quant=False, output=False,
                 graded_spikes_factor=1.0, learn_graded_spikes_factor=False, reset_delay=True):
        super().__init__(1.0, threshold, spike_grad, surrogate_disable, init_hidden, False, learn_threshold,
                         reset_mechanism, state_quant, output, graded_spikes_factor, learn_graded_spikes_factor,
                         reset_delay)
