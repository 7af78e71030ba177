"""The normal distribution N(loc, scale^2), reparameterisable."""
import math

import nnlite
from nnlite.distributions import constraints
from nnlite.distributions.distribution import Distribution
from nnlite.distributions.utils import LOG_SQRT_2PI, broadcast_all


class Normal(Distribution):
    """The normal (Gaussian) distribution N(loc, scale**2), with reparameterised sampling.

    Args:
        loc (Tensor | float): the mean.
        scale (Tensor | float): the standard deviation, > 0; broadcast with loc to give the batch shape.
        validate_args (bool | None): check the arguments (see Distribution).

    Raises:
        ValueError: a scale <= 0 (with validate_args).

    Examples:
        >>> import nnlite
        >>> from nnlite.distributions import Normal
        >>> d = Normal(nnlite.tensor([0., 10.]), nnlite.tensor([1., 2.]))
        >>> d.batch_shape, d.mean.tolist()
        ((2,), [0.0, 10.0])
    """

    arg_constraints = {"loc": constraints.real, "scale": constraints.positive}
    support = constraints.real
    has_rsample = True

    def __init__(self, loc, scale, validate_args=None):
        self.loc, self.scale = broadcast_all(loc, scale)
        super().__init__(tuple(self.loc.shape), validate_args=validate_args)

    @property
    def mean(self):
        """The mean: loc.

        Returns:
            Tensor: loc (broadcast to the batch shape).

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> Normal(3., 1.).mean.item()
            3.0
        """
        return self.loc

    @property
    def mode(self):
        """The most likely value: loc.

        Returns:
            Tensor: loc.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> Normal(3., 1.).mode.item()
            3.0
        """
        return self.loc

    @property
    def stddev(self):
        """The standard deviation: scale.

        Returns:
            Tensor: scale.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> Normal(0., 2.).stddev.item()
            2.0
        """
        return self.scale

    @property
    def variance(self):
        """The variance: scale ** 2.

        Returns:
            Tensor: of the batch shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> Normal(0., 2.).variance.item()
            4.0
        """
        return self.scale.pow(2)

    def sample(self, sample_shape=()):
        shape = self._extended_shape(sample_shape)
        with nnlite.no_grad():
            return nnlite.normal(self.loc.expand(shape), self.scale.expand(shape))

    def rsample(self, sample_shape=()):
        """Draws loc + eps * scale with eps ~ N(0, 1), so gradients reach loc and scale.

        Args:
            sample_shape (tuple[int, ...]): how many draws, as a shape.

        Returns:
            Tensor: of shape sample_shape + batch_shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> Normal(nnlite.zeros(2), 1.).rsample((5,)).shape
            (5, 2)
        """
        # loc + eps * scale: the gradient reaches loc and scale through eps ~ N(0, 1).
        eps = nnlite.randn(self._extended_shape(sample_shape), dtype=self.loc.dtype, device=self.loc.device)
        return self.loc + eps * self.scale

    def log_prob(self, value):
        """The log density: -(value - loc)**2 / (2 scale**2) - log(scale) - log(sqrt(2 pi)).

        Args:
            value (Tensor): broadcast with the batch shape.

        Returns:
            Tensor: of the broadcast shape.

        Raises:
            TypeError: value is not a tensor (with validate_args).
            ValueError: a shape that does not broadcast (with validate_args).

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> round(Normal(0., 1.).log_prob(nnlite.tensor(0.)).item(), 4)
            -0.9189
        """
        if self._validate_args:
            self._validate_sample(value)
        return -((value - self.loc) ** 2) / (2 * self.variance) - self.scale.log() - LOG_SQRT_2PI

    def cdf(self, value):
        """The cumulative distribution function: P(X <= value) = (1 + erf((value - loc) / (scale sqrt(2)))) / 2.

        Args:
            value (Tensor): broadcast with the batch shape.

        Returns:
            Tensor: probabilities in [0, 1].

        Raises:
            TypeError: value is not a tensor (with validate_args).

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> Normal(0., 1.).cdf(nnlite.tensor(0.)).item()
            0.5
        """
        if self._validate_args:
            self._validate_sample(value)
        return 0.5 * (1 + nnlite.erf((value - self.loc) / (self.scale * math.sqrt(2))))

    def entropy(self):
        """The differential entropy: 1/2 + log(sqrt(2 pi)) + log(scale).

        Returns:
            Tensor: of the batch shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> round(Normal(0., 1.).entropy().item(), 4)
            1.4189
        """
        return 0.5 + LOG_SQRT_2PI + self.scale.log()
