"""Independent: the rightmost batch dims of a distribution reinterpreted as
event dims (a diagonal normal from a Normal of vectors), so log_prob and
entropy sum over them."""
from nnlite.distributions.distribution import Distribution
from nnlite.distributions.utils import sum_rightmost


class Independent(Distribution):
    """Reinterprets the rightmost batch dims of a distribution as event dims.

    A Normal with batch shape (2, 3) seen with reinterpreted_batch_ndims=1 is a batch of 2
    diagonal normals over vectors of 3: log_prob and entropy sum over the reinterpreted dims.

    Args:
        base_distribution (Distribution): the distribution to wrap.
        reinterpreted_batch_ndims (int): how many rightmost batch dims become event dims.
        validate_args (bool | None): check the arguments (see Distribution).

    Raises:
        TypeError: base_distribution is not a Distribution.
        ValueError: reinterpreted_batch_ndims is negative or exceeds the base's batch dims.

    Examples:
        >>> import nnlite
        >>> from nnlite.distributions import Independent, Normal
        >>> d = Independent(Normal(nnlite.zeros(2, 3), 1.), 1)
        >>> d.batch_shape, d.event_shape
        ((2,), (3,))
    """

    arg_constraints = {}

    def __init__(self, base_distribution, reinterpreted_batch_ndims, validate_args=None):
        if not isinstance(base_distribution, Distribution):
            raise TypeError(f"Independent: expected a Distribution, got {type(base_distribution).__name__}")
        n = reinterpreted_batch_ndims
        batch = base_distribution.batch_shape
        if not isinstance(n, int) or n < 0 or n > len(batch):
            raise ValueError(f"Expected reinterpreted_batch_ndims <= len(base_distribution.batch_shape), actual "
                             f"{n} vs {len(batch)}")
        self.base_dist = base_distribution
        self.reinterpreted_batch_ndims = n
        split = len(batch) - n
        super().__init__(batch[:split], batch[split:] + base_distribution.event_shape, validate_args=validate_args)

    @property
    def has_rsample(self):
        return self.base_dist.has_rsample

    @property
    def support(self):
        """The base distribution's support.

        Returns:
            Constraint: base_dist.support.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Independent, Normal
            >>> d = Independent(Normal(nnlite.zeros(2, 3), 1.), 1)
            >>> d.support is d.base_dist.support
            True
        """
        return self.base_dist.support

    @property
    def mean(self):
        """The base distribution's mean.

        Returns:
            Tensor: of shape batch_shape + event_shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Independent, Normal
            >>> d = Independent(Normal(nnlite.zeros(2, 3), 1.), 1)
            >>> d.mean.shape
            (2, 3)
        """
        return self.base_dist.mean

    @property
    def mode(self):
        """The base distribution's mode.

        Returns:
            Tensor: of shape batch_shape + event_shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Independent, Normal
            >>> d = Independent(Normal(nnlite.zeros(2, 3), 1.), 1)
            >>> d.mode.shape
            (2, 3)
        """
        return self.base_dist.mode

    @property
    def variance(self):
        """The base distribution's variance.

        Returns:
            Tensor: of shape batch_shape + event_shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Independent, Normal
            >>> d = Independent(Normal(nnlite.zeros(2, 3), 1.), 1)
            >>> d.variance.shape
            (2, 3)
        """
        return self.base_dist.variance

    def sample(self, sample_shape=()):
        return self.base_dist.sample(sample_shape)

    def rsample(self, sample_shape=()):
        """Reparameterised draws of the base distribution.

        Args:
            sample_shape (tuple[int, ...]): how many draws, as a shape.

        Returns:
            Tensor: of shape sample_shape + batch_shape + event_shape.

        Raises:
            NotImplementedError: the base distribution has no rsample.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Independent, Normal
            >>> d = Independent(Normal(nnlite.zeros(2, 3), 1.), 1)
            >>> d.rsample((4,)).shape
            (4, 2, 3)
        """
        return self.base_dist.rsample(sample_shape)

    def log_prob(self, value):
        """The base log_prob summed over the reinterpreted dims.

        Args:
            value (Tensor): of shape [..., *event_shape].

        Returns:
            Tensor: of the batch shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Independent, Normal
            >>> d = Independent(Normal(nnlite.zeros(2, 3), 1.), 1)
            >>> d.log_prob(nnlite.zeros(2, 3)).shape
            (2,)
        """
        return sum_rightmost(self.base_dist.log_prob(value), self.reinterpreted_batch_ndims)

    def entropy(self):
        """The base entropy summed over the reinterpreted dims.

        Returns:
            Tensor: of the batch shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Independent, Normal
            >>> d = Independent(Normal(nnlite.zeros(2, 3), 1.), 1)
            >>> d.entropy().shape
            (2,)
        """
        return sum_rightmost(self.base_dist.entropy(), self.reinterpreted_batch_ndims)

    def __repr__(self):
        return f"Independent({self.base_dist!r}, {self.reinterpreted_batch_ndims})"
