"""The Bernoulli distribution over {0, 1}, given probs or logits (log-odds)."""
from functools import cached_property

import nnlite
from nnlite.distributions import constraints
from nnlite.distributions.distribution import Distribution
from nnlite.distributions.utils import broadcast_all, logits_to_probs, probs_to_logits
from nnlite.nn import functional as F


class Bernoulli(Distribution):
    """The Bernoulli distribution: 1 with probability probs, 0 otherwise.

    Give exactly one of probs and logits (the log-odds, log(p / (1 - p))); the other is computed
    when first read. Draws are floats (0.0 and 1.0) of the parameter's dtype, as in torch.

    Args:
        probs (Tensor | float | None): the probabilities of 1, in [0, 1].
        logits (Tensor | float | None): the log-odds.
        validate_args (bool | None): check the arguments (see Distribution).

    Raises:
        ValueError: both or neither of probs and logits, or probs outside [0, 1] (with validate_args).

    Examples:
        >>> import nnlite
        >>> from nnlite.distributions import Bernoulli
        >>> d = Bernoulli(logits=nnlite.tensor([0.]))
        >>> d.probs.tolist(), d.sample((2,)).shape
        ([0.5], (2, 1))
    """

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
        """The shape of the parameter (probs or logits): the batch shape.

        Returns:
            tuple[int, ...]: the batch shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Bernoulli
            >>> Bernoulli(probs=nnlite.tensor([0.1, 0.9])).param_shape
            (2,)
        """
        return self._batch_shape

    @property
    def mean(self):
        """The mean: probs.

        Returns:
            Tensor: of the batch shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Bernoulli
            >>> Bernoulli(probs=nnlite.tensor([0.25])).mean.tolist()
            [0.25]
        """
        return self.probs

    @property
    def mode(self):
        """The most likely value: 1 where probs >= 0.5, else 0.

        Differs from torch: at probs exactly 0.5 torch gives NaN (no single mode); nnlite gives 1.

        Returns:
            Tensor: of the batch shape, probs' dtype.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Bernoulli
            >>> Bernoulli(probs=nnlite.tensor([0.2, 0.7])).mode.tolist()
            [0.0, 1.0]
        """
        return (self.probs >= 0.5).to(self.probs.dtype)

    @property
    def variance(self):
        """The variance: probs * (1 - probs).

        Returns:
            Tensor: of the batch shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Bernoulli
            >>> Bernoulli(probs=nnlite.tensor([0.5])).variance.tolist()
            [0.25]
        """
        return self.probs * (1 - self.probs)

    def sample(self, sample_shape=()):
        shape = self._extended_shape(sample_shape)
        with nnlite.no_grad():
            return nnlite.bernoulli(self.probs.expand(shape))

    def log_prob(self, value):
        """The log probability of value: value * logits - softplus(logits), stable for any logits.

        Args:
            value (Tensor): 0s and 1s, broadcast with the batch shape.

        Returns:
            Tensor: of the broadcast shape.

        Raises:
            ValueError: a value other than 0 or 1 (with validate_args).

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Bernoulli
            >>> round(Bernoulli(probs=nnlite.tensor(0.25)).log_prob(nnlite.tensor(1.)).item(), 4)
            -1.3863
        """
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        # log p(v) = v * logits - log(1 + exp(logits)), the negated BCE with logits
        return value * logits - F.softplus(logits)

    def entropy(self):
        """The entropy in nats: -p log p - (1 - p) log(1 - p).

        Returns:
            Tensor: of the batch shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Bernoulli
            >>> round(Bernoulli(probs=nnlite.tensor(0.5)).entropy().item(), 4)
            0.6931
        """
        return F.softplus(self.logits) - self.probs * self.logits
