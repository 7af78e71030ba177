"""The Bernoulli distribution over {0, 1}, given probs or logits (log-odds)."""
from functools import cached_property

import nnlite
from nnlite.distributions import constraints
from nnlite.distributions.distribution import Distribution
from nnlite.distributions.utils import broadcast_all, logits_to_probs, probs_to_logits
from nnlite.nn import functional as F


class Bernoulli(Distribution):
    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.boolean

    def __init__(self, probs=None, logits=None, validate_args=None):
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        if probs is not None:
            (self.probs,) = broadcast_all(probs)
            param = self.probs
        else:
            (self.logits,) = broadcast_all(logits)
            param = self.logits
        super().__init__(tuple(param.shape), validate_args=validate_args)

    @cached_property
    def probs(self):
        return logits_to_probs(self.logits, is_binary=True)

    @cached_property
    def logits(self):
        return probs_to_logits(self.probs, is_binary=True)

    @property
    def param_shape(self):
        return self._batch_shape

    @property
    def mean(self):
        return self.probs

    @property
    def mode(self):
        return (self.probs >= 0.5).to(self.probs.dtype)

    @property
    def variance(self):
        return self.probs * (1 - self.probs)

    def sample(self, sample_shape=()):
        shape = self._extended_shape(sample_shape)
        with nnlite.no_grad():
            return nnlite.bernoulli(self.probs.expand(shape))

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        # log p(v) = v * logits - log(1 + exp(logits)), the negated BCE with logits
        return value * logits - F.softplus(logits)

    def entropy(self):
        return F.softplus(self.logits) - self.probs * self.logits
