"""The base class of nnlite.distributions, as torch.distributions.Distribution:
batch and event shapes, sample shapes, and the checks of parameters and
sample values (validate_args; on by default, as in torch)."""
import nnlite


class Distribution:
    has_rsample = False
    arg_constraints = {}  # parameter name -> constraint its values must satisfy
    support = None  # the constraint sample values satisfy
    _validate_args = True

    @staticmethod
    def set_default_validate_args(value):
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
        return self._batch_shape

    @property
    def event_shape(self):
        return self._event_shape

    @property
    def mean(self):
        raise NotImplementedError(f"{type(self).__name__} has no mean")

    @property
    def variance(self):
        raise NotImplementedError(f"{type(self).__name__} has no variance")

    @property
    def stddev(self):
        return self.variance.sqrt()

    def sample(self, sample_shape=()):
        """Draws of shape sample_shape + batch_shape + event_shape, without gradient."""
        with nnlite.no_grad():
            return self.rsample(sample_shape)

    def rsample(self, sample_shape=()):
        raise NotImplementedError(f"{type(self).__name__} has no reparameterised sampling (rsample)")

    def log_prob(self, value):
        raise NotImplementedError

    def entropy(self):
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
