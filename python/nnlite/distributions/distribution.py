"""The base class of nnlite.distributions, as torch.distributions.Distribution:
batch and event shapes, sample shapes, and the checks of parameters and
sample values (validate_args; on by default, as in torch)."""
import nnlite


class Distribution:
    """The base class of the probability distributions, as torch.distributions.Distribution.

    A distribution has a batch shape (independent distributions side by side) and an event
    shape (the shape of one draw); a sample of sample_shape has shape
    sample_shape + batch_shape + event_shape. Parameters, and the values given to log_prob,
    are checked against their constraints unless validate_args is False (on by default).

    Args:
        batch_shape (tuple[int, ...]): the batch shape.
        event_shape (tuple[int, ...]): the shape of one draw.
        validate_args (bool | None): check the arguments; None takes the default
            (set_default_validate_args).

    Raises:
        ValueError: a parameter outside its constraint.

    Examples:
        >>> import nnlite
        >>> from nnlite.distributions import Normal
        >>> d = Normal(nnlite.zeros(3), nnlite.ones(3))
        >>> d.batch_shape, d.event_shape, d.sample((2,)).shape
        ((3,), (), (2, 3))
    """

    has_rsample = False
    arg_constraints = {}  # parameter name -> constraint its values must satisfy
    support = None  # the constraint sample values satisfy
    _validate_args = True

    @staticmethod
    def set_default_validate_args(value):
        """Turns the argument checks of all distributions on or off (those not given validate_args).

        Args:
            value (bool): True (torch's default) or False.

        Raises:
            ValueError: value is not a bool.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> Normal.set_default_validate_args(False)
            >>> Normal(nnlite.tensor([0.]), nnlite.tensor([-1.])).scale.tolist()
            [-1.0]
            >>> Normal.set_default_validate_args(True)
        """
        if value not in (True, False):
            raise ValueError(f"set_default_validate_args: expected True or False, got {value!r}")
        Distribution._validate_args = value

    def __init__(self, batch_shape=(), event_shape=(), validate_args=None):
        self._batch_shape = tuple(batch_shape)
        self._event_shape = tuple(event_shape)
        if validate_args is not None:
            self._validate_args = validate_args
        if self._validate_args:
            for name, constraint in self.arg_constraints.items():
                if name not in self.__dict__:
                    continue  # a parameter derived on demand (probs from logits): not given
                value = getattr(self, name)
                valid = constraint.check(value)
                if not bool(valid.all()):
                    raise ValueError(
                        f"Expected parameter {name} (Tensor of shape {tuple(value.shape)}) of distribution "
                        f"{self!r} to satisfy the constraint {constraint!r}, but found invalid values:\n{value}")

    @property
    def batch_shape(self):
        """The shape of the batch of independent distributions.

        Returns:
            tuple[int, ...]: () for a single distribution.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> Normal(nnlite.zeros(2, 3), 1.).batch_shape
            (2, 3)
        """
        return self._batch_shape

    @property
    def event_shape(self):
        """The shape of one draw of one distribution of the batch.

        Returns:
            tuple[int, ...]: () for distributions of scalars.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> Normal(nnlite.zeros(2), 1.).event_shape
            ()
        """
        return self._event_shape

    @property
    def mean(self):
        """The mean, of shape batch_shape + event_shape.

        Returns:
            Tensor: the mean.

        Raises:
            NotImplementedError: the distribution does not define one.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Bernoulli
            >>> Bernoulli(probs=nnlite.tensor([0.25])).mean.tolist()
            [0.25]
        """
        raise NotImplementedError(f"{type(self).__name__} has no mean")

    @property
    def variance(self):
        """The variance, of shape batch_shape + event_shape.

        Returns:
            Tensor: the variance.

        Raises:
            NotImplementedError: the distribution does not define one.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Bernoulli
            >>> Bernoulli(probs=nnlite.tensor([0.5])).variance.tolist()
            [0.25]
        """
        raise NotImplementedError(f"{type(self).__name__} has no variance")

    @property
    def stddev(self):
        """The standard deviation: the square root of the variance.

        Returns:
            Tensor: of shape batch_shape + event_shape.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> Normal(0., 2.).stddev.item()
            2.0
        """
        return self.variance.sqrt()

    def sample(self, sample_shape=()):
        """Draws of shape sample_shape + batch_shape + event_shape, without gradient."""
        with nnlite.no_grad():
            return self.rsample(sample_shape)

    def rsample(self, sample_shape=()):
        """Draws with the reparameterisation trick, so gradients flow back to the parameters.

        Args:
            sample_shape (tuple[int, ...]): how many draws, as a shape.

        Returns:
            Tensor: of shape sample_shape + batch_shape + event_shape.

        Raises:
            NotImplementedError: the distribution has no reparameterised sampling (has_rsample is False).
            TypeError: sample_shape is not a tuple of ints.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> loc = nnlite.zeros(2, requires_grad=True)
            >>> Normal(loc, 1.).rsample((3,)).sum().backward()
            >>> loc.grad.tolist()
            [3.0, 3.0]
        """
        raise NotImplementedError(f"{type(self).__name__} has no reparameterised sampling (rsample)")

    def log_prob(self, value):
        """The log of the probability (density or mass) of value.

        Args:
            value (Tensor): a value in the support, whose shape ends with event_shape and broadcasts
                with batch_shape + event_shape.

        Returns:
            Tensor: of the broadcast batch shape (event dims summed away).

        Raises:
            TypeError: value is not a tensor (with validate_args).
            ValueError: value outside the support or of a shape that does not broadcast (with validate_args).

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Normal
            >>> round(Normal(0., 1.).log_prob(nnlite.tensor(0.)).item(), 4)
            -0.9189
        """
        raise NotImplementedError

    def entropy(self):
        """The differential (or Shannon) entropy, in nats.

        Returns:
            Tensor: of shape batch_shape.

        Raises:
            NotImplementedError: the distribution does not define it.

        Examples:
            >>> import nnlite
            >>> from nnlite.distributions import Bernoulli
            >>> round(Bernoulli(probs=nnlite.tensor(0.5)).entropy().item(), 4)
            0.6931
        """
        raise NotImplementedError

    def _extended_shape(self, sample_shape=()):
        if isinstance(sample_shape, int) or not all(isinstance(s, int) for s in sample_shape):
            raise TypeError(f"{type(self).__name__}: sample_shape must be a tuple of ints, got {sample_shape!r}")
        return tuple(sample_shape) + self._batch_shape + self._event_shape

    def _validate_sample(self, value):
        """Checks log_prob's value: a tensor whose shape broadcasts with the
        distribution's, inside its support."""
        if not isinstance(value, nnlite.Tensor):
            raise TypeError(f"{type(self).__name__}.log_prob: expected a tensor value, got {type(value).__name__}")
        event_dim = len(self._event_shape)
        if tuple(value.shape[len(value.shape) - event_dim:]) != self._event_shape:
            raise ValueError(f"{type(self).__name__}.log_prob: the value's shape {tuple(value.shape)} does not end "
                             f"with the event shape {self._event_shape}")
        actual, expected = tuple(value.shape)[::-1], (self._batch_shape + self._event_shape)[::-1]
        for i, j in zip(actual, expected):
            if i != 1 and j != 1 and i != j:
                raise ValueError(f"{type(self).__name__}.log_prob: the value's shape {tuple(value.shape)} does not "
                                 f"broadcast with the distribution's {self._batch_shape + self._event_shape}")
        if self.support is not None and not bool(self.support.check(value).all()):
            raise ValueError(f"Expected value argument (Tensor of shape {tuple(value.shape)}) to be within the "
                             f"support ({self.support!r}) of the distribution {self!r}, but found invalid values:\n"
                             f"{value}")

    def __repr__(self):
        params = [name for name in self.arg_constraints if name in self.__dict__]
        shapes = ", ".join(f"{name}: {tuple(self.__dict__[name].shape)}" for name in params)
        return f"{type(self).__name__}({shapes})"
