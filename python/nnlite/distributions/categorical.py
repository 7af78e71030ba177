"""The categorical distribution over {0, ..., K-1}, given probs (weights,
normalised along the last dim) or logits (unnormalised log-probabilities)."""
import math
from functools import cached_property

import nnlite
from nnlite.distributions import constraints
from nnlite.distributions.distribution import Distribution
from nnlite.distributions.utils import broadcast_shape, logits_to_probs, lowest, probs_to_logits


class Categorical(Distribution):
    arg_constraints = {"probs": constraints.simplex, "logits": constraints.real_vector}

    def __init__(self, probs=None, logits=None, validate_args=None):
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        param = probs if probs is not None else logits
        if not isinstance(param, nnlite.Tensor) or param.dim() < 1:
            raise ValueError(f"Categorical: `{'probs' if probs is not None else 'logits'}` must be a tensor of at "
                             f"least one dimension, got {param!r}")
        if probs is not None:
            self.probs = probs / probs.sum(-1, keepdim=True)
        else:
            self.logits = logits - logits.logsumexp(-1, keepdim=True)
        self._param = param
        self._num_events = param.shape[-1]
        super().__init__(tuple(param.shape[:-1]), validate_args=validate_args)

    @cached_property
    def probs(self):
        return logits_to_probs(self.logits)

    @cached_property
    def logits(self):
        return probs_to_logits(self.probs)

    @property
    def support(self):
        return constraints.integer_interval(0, self._num_events - 1)

    @property
    def param_shape(self):
        return tuple(self._param.shape)

    @property
    def mean(self):
        return nnlite.full(self._extended_shape(), math.nan, dtype=self._param.dtype)

    @property
    def variance(self):
        return nnlite.full(self._extended_shape(), math.nan, dtype=self._param.dtype)

    @property
    def mode(self):
        return self.probs.argmax(-1)

    def sample(self, sample_shape=()):
        shape = self._extended_shape(sample_shape)
        n = math.prod(sample_shape)
        with nnlite.no_grad():
            if n == 0:
                return nnlite.zeros(shape, dtype=nnlite.int64)
            rows = self.probs.reshape(-1, self._num_events)
            draws = nnlite.multinomial(rows, n, True)  # [batch, n]
            return draws.t().reshape(shape)

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        shape = broadcast_shape(tuple(value.shape), self._batch_shape)
        index = value.long().expand(shape).unsqueeze(-1)
        log_pmf = self.logits.expand(shape + (self._num_events,))
        return log_pmf.gather(-1, index).squeeze(-1)

    def entropy(self):
        # -inf logits (zero probabilities) would give 0 * -inf = nan: clamp them to the lowest finite value.
        logits = self.logits.clamp(min=lowest(self.logits.dtype))
        return -(logits * self.probs).sum(-1)
