"""The categorical distribution over {0, ..., K-1}, given probs (weights,
normalised along the last dim) or logits (unnormalised log-probabilities)."""
import math
from functools import cached_property

import nnlite
from nnlite.distributions import constraints
from nnlite.distributions.distribution import Distribution
from nnlite.distributions.utils import broadcast_shape, logits_to_probs, lowest, probs_to_logits


class Categorical(Distribution):
    """The categorical distribution over the classes 0 .. K-1 (the last dim of the parameter).

    Give exactly one of probs (non-negative weights, normalised to sum to 1 along the last dim) and
    logits (unnormalised log-probabilities, normalised with logsumexp). Draws are int64 class indices.

    Args:
        probs (Tensor | None): [..., K] weights.
        logits (Tensor | None): [..., K] log-weights.
        validate_args (bool | None): check the arguments (see Distribution).

    Raises:
        ValueError: both or neither of probs and logits, a parameter of fewer than one dim, or
            (with validate_args) negative weights.

    Examples:
        >>> import nnlite
        >>> from nnlite.distributions import Categorical
        >>> d = Categorical(probs=nnlite.tensor([1., 3.]))
        >>> d.probs.tolist(), d.batch_shape, d.sample((4,)).shape
        ([0.25, 0.75], (), (4,))
    """

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
        """The values a draw can take: the integers 0 .. K-1.

        Returns:
            Constraint: an integer interval (its check() tells whether values lie in it).

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Categorical
            >>> Categorical(logits=nnlite.zeros(3)).support.check(nnlite.tensor([0, 3])).tolist()
            [True, False]
        """
        return constraints.integer_interval(0, self._num_events - 1)

    @property
    def param_shape(self):
        """The shape of the parameter as given: batch_shape + (K,).

        Returns:
            tuple[int, ...]: the parameter's shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Categorical
            >>> Categorical(logits=nnlite.zeros(2, 5)).param_shape
            (2, 5)
        """
        return tuple(self._param.shape)

    @property
    def mean(self):
        """Undefined for classes: NaN everywhere (as in torch).

        Returns:
            Tensor: NaN of the batch shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Categorical
            >>> Categorical(logits=nnlite.zeros(3)).mean.isnan().item()
            True
        """
        return nnlite.full(self._extended_shape(), math.nan, dtype=self._param.dtype, device=self._param.device)

    @property
    def variance(self):
        """Undefined for classes: NaN everywhere (as in torch).

        Returns:
            Tensor: NaN of the batch shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Categorical
            >>> Categorical(logits=nnlite.zeros(3)).variance.isnan().item()
            True
        """
        return nnlite.full(self._extended_shape(), math.nan, dtype=self._param.dtype, device=self._param.device)

    @property
    def mode(self):
        """The most likely class (the first one on ties).

        Returns:
            Tensor: int64 of the batch shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Categorical
            >>> Categorical(probs=nnlite.tensor([0.2, 0.5, 0.3])).mode.item()
            1
        """
        return self.probs.argmax(-1)

    def sample(self, sample_shape=()):
        shape = self._extended_shape(sample_shape)
        n = math.prod(sample_shape)
        with nnlite.no_grad():
            if n == 0:
                return nnlite.zeros(shape, dtype=nnlite.int64, device=self._param.device)
            rows = self.probs.reshape(-1, self._num_events)
            draws = nnlite.multinomial(rows, n, True)  # [batch, n]
            return draws.t().reshape(shape)

    def log_prob(self, value):
        """The log probability of each class index in value.

        Args:
            value (Tensor): class indices, broadcast with the batch shape.

        Returns:
            Tensor: of the broadcast shape.

        Raises:
            ValueError: an index outside 0 .. K-1 (with validate_args).

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Categorical
            >>> round(Categorical(probs=nnlite.tensor([0.25, 0.75])).log_prob(nnlite.tensor(1)).item(), 4)
            -0.2877
        """
        if self._validate_args:
            self._validate_sample(value)
        shape = broadcast_shape(tuple(value.shape), self._batch_shape)
        index = value.long().expand(shape).unsqueeze(-1)
        log_pmf = self.logits.expand(shape + (self._num_events,))
        return log_pmf.gather(-1, index).squeeze(-1)

    def entropy(self):
        """The entropy in nats: -sum(p log p) over the classes (classes of probability 0 add nothing).

        Returns:
            Tensor: of the batch shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Categorical
            >>> round(Categorical(logits=nnlite.zeros(4)).entropy().item(), 4)
            1.3863
        """
        # -inf logits (zero probabilities) would give 0 * -inf = nan: clamp them to the lowest finite value.
        logits = self.logits.clamp(min=lowest(self.logits.dtype))
        return -(logits * self.probs).sum(-1)
