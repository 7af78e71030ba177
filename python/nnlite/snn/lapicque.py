"""Lapicque's RC neuron (1907), the Euler step of ``tau dV/dt = -V + R I``:

    mem[t] = input[t] * dt / C + (1 - dt / (R C)) * mem[t-1] - reset[t] * threshold

Give ``beta`` (then R = 1 and C = dt / ln(1/beta)), or R and C (then
beta = exp(-dt / (R C))), or beta with one of R, C, as ``snntorch.Lapicque``.
"""
import math

from .neuron import SpikingNeuron, empty_state

__all__ = ["Lapicque"]


class Lapicque(SpikingNeuron):
    """``spk, mem = neuron(x, mem)``; beta is derived from R, C and time_step
    (or they from beta), so it is not learnable here."""

    def __init__(self, beta=None, R=None, C=None, time_step=1, threshold=1.0, spike_grad=None,
                 surrogate_disable=False, init_hidden=False, learn_threshold=False, reset_mechanism="subtract",
                 state_quant=False, output=False):
        super().__init__(threshold, spike_grad, surrogate_disable, init_hidden, learn_threshold,
                         reset_mechanism, state_quant, output)
        R, C, beta = _rc_constants(float(time_step), beta, R, C)
        self._constant("beta", beta, False, unit_interval=True)
        self.R, self.C, self.time_step = R, C, float(time_step)
        self.mem = empty_state()

    def init_lapicque(self):
        """Resets the stored membrane potential and returns it: the empty state, zeros of the input's shape on first use.

        Returns:
            Tensor: the empty state.

        Examples:
            >>> import nnlite
            >>> from nnlite import snn
            >>> lif = snn.Lapicque(beta=0.9)
            >>> mem = lif.init_lapicque()
            >>> spk, mem = lif(nnlite.ones(2), mem)
            >>> mem.shape
            (2,)
        """
        self.mem = empty_state()
        return self.mem

    reset_mem = init_lapicque

    def forward(self, input_, mem=None):
        self._check_input(input_)
        mem = self._state("mem", mem, self.mem, input_)
        reset = self.mem_reset(mem)
        rc = self.R * self.C
        base = input_ * self.R * (1 / rc) * self.time_step + (1 - self.time_step / rc) * mem
        if self.reset_mechanism == "subtract":
            mem = base - reset * self.threshold
        elif self.reset_mechanism == "zero":
            mem = base - reset * base
        else:
            mem = base
        mem = self._quant(mem)
        spk = self.fire(mem)
        self.mem = mem
        return self._outputs(spk, mem)

    def detach_hidden(self):
        """Cuts the stored membrane potential from its history (truncated backpropagation through time).

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> from nnlite import snn
            >>> lif = snn.Lapicque(beta=0.9, init_hidden=True)
            >>> _ = lif(nnlite.ones(2, requires_grad=True))
            >>> lif.detach_hidden()
            >>> lif.mem.requires_grad
            False
        """
        self.mem = self.mem.detach()

    def extra_repr(self):
        return f"R={self.R:.4g}, C={self.C:.4g}, time_step={self.time_step}, " + super().extra_repr()


def _rc_constants(dt, beta, R, C):
    """(R, C, beta) from whichever of them were given."""
    given = [v is not None for v in (beta, R, C)]
    if sum(given) < 1 or (beta is None and not (R is not None and C is not None)):
        raise ValueError(f"Lapicque: give beta, or R and C, or beta with one of R and C; got beta={beta}, R={R}, C={C}")
    if beta is None:
        R, C = float(R), float(C)
        return R, C, math.exp(-dt / (R * C))
    beta = float(beta)
    if not 0.0 < beta < 1.0:
        raise ValueError(f"Lapicque: beta must lie in (0, 1) to define R and C, got {beta!r}")
    log_inv = math.log(1 / beta)
    if R is None and C is None:
        return 1.0, dt / log_inv, beta
    if C is None:
        return float(R), dt / (float(R) * log_inv), beta
    if R is None:
        return dt / (float(C) * log_inv), float(C), beta
    raise ValueError(f"Lapicque: give beta or R and C, not all three; got beta={beta}, R={R}, C={C}")
