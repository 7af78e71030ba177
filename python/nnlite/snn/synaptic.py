"""Second-order (current-based) leaky integrate-and-fire: ``Synaptic``.

    syn[t] = clamp(alpha, 0, 1) * syn[t-1] + input[t]
    mem[t] = clamp(beta, 0, 1) * mem[t-1] + syn[t] - reset[t] * threshold

With ``reset_mechanism='zero'`` the new membrane is zeroed where reset[t] is 1
(the synaptic current keeps flowing), as in snnTorch.
"""
from .neuron import SpikingNeuron, empty_state, check_number

__all__ = ["Synaptic"]


class Synaptic(SpikingNeuron):
    """``spk, syn, mem = neuron(x, syn, mem)`` as ``snntorch.Synaptic``."""

    def __init__(self, alpha, beta, threshold=1.0, spike_grad=None, surrogate_disable=False, init_hidden=False,
                 learn_alpha=False, learn_beta=False, learn_threshold=False, reset_mechanism="subtract",
                 state_quant=False, output=False, reset_delay=True):
        check_number("Synaptic", "alpha", alpha)
        check_number("Synaptic", "beta", beta)
        super().__init__(threshold, spike_grad, surrogate_disable, init_hidden, learn_threshold,
                         reset_mechanism, state_quant, output)
        self._constant("alpha", alpha, learn_alpha, unit_interval=True)
        self._constant("beta", beta, learn_beta, unit_interval=True)
        self.reset_delay = reset_delay
        self.syn, self.mem = empty_state(), empty_state()

    def init_synaptic(self):
        """Reset the stored state and return the empty (syn, mem)."""
        self.syn, self.mem = empty_state(), empty_state()
        return self.syn, self.mem

    reset_mem = init_synaptic

    def forward(self, input_, syn=None, mem=None):
        self._check_input(input_)
        syn = self._state("syn", syn, self.syn, input_)
        mem = self._state("mem", mem, self.mem, input_)
        reset = self.mem_reset(mem)
        syn = self.alpha.clamp(0, 1) * syn + input_
        mem = self.beta.clamp(0, 1) * mem + syn
        if self.reset_mechanism == "subtract":
            mem = mem - reset * self.threshold
        elif self.reset_mechanism == "zero":
            mem = mem - mem * reset
        syn, mem = self._quant(syn), self._quant(mem)
        spk = self.fire(mem)
        if not self.reset_delay:
            mem = self._late_reset(spk, reset, mem)
        self.syn, self.mem = syn, mem
        return self._outputs(spk, syn, mem)

    def detach_hidden(self):
        """Cuts the stored synaptic current and membrane potential from their history (truncated BPTT).

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> from nnlite import snn
            >>> neuron = snn.Synaptic(alpha=0.8, beta=0.9, init_hidden=True)
            >>> _ = neuron(nnlite.ones(2, requires_grad=True))
            >>> neuron.detach_hidden()
            >>> neuron.syn.requires_grad, neuron.mem.requires_grad
            (False, False)
        """
        self.syn, self.mem = self.syn.detach(), self.mem.detach()
