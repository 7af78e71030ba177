"""The constraints a distribution's parameters and samples satisfy, with
torch.distributions.constraints' names: check(value) is a bool tensor of
which entries satisfy it (one per event for event constraints)."""


class Constraint:
    event_dim = 0  # the rightmost dims that make one event

    def check(self, value):
        raise NotImplementedError

    def __repr__(self):
        return type(self).__name__[1:] + "()"


class _Real(Constraint):
    def check(self, value):
        return value == value  # not NaN


class _GreaterThan(Constraint):
    def __init__(self, lower_bound):
        self.lower_bound = lower_bound

    def check(self, value):
        return value > self.lower_bound

    def __repr__(self):
        return f"GreaterThan(lower_bound={self.lower_bound})"


class _Interval(Constraint):
    def __init__(self, lower_bound, upper_bound):
        self.lower_bound, self.upper_bound = lower_bound, upper_bound

    def check(self, value):
        return (value >= self.lower_bound).logical_and(value <= self.upper_bound)

    def __repr__(self):
        return f"Interval(lower_bound={self.lower_bound}, upper_bound={self.upper_bound})"


class _Boolean(Constraint):
    def check(self, value):
        return (value == 0).logical_or(value == 1)


class _IntegerInterval(_Interval):
    def check(self, value):
        whole = value == value.long().to(value.dtype)
        return whole.logical_and(super().check(value))

    def __repr__(self):
        return f"IntegerInterval(lower_bound={self.lower_bound}, upper_bound={self.upper_bound})"


class _Simplex(Constraint):
    """Non-negative entries along the last dim that sum to one."""
    event_dim = 1

    def check(self, value):
        nonneg = (value >= 0).all(-1)
        return nonneg.logical_and((value.sum(-1) - 1).abs() < 1e-6)


class _IndependentReal(_Real):
    """Real entries, one check per vector along the last dim."""
    event_dim = 1

    def check(self, value):
        return super().check(value).all(-1)

    def __repr__(self):
        return "IndependentConstraint(Real(), 1)"


real = _Real()
positive = _GreaterThan(0.0)
unit_interval = _Interval(0.0, 1.0)
boolean = _Boolean()
simplex = _Simplex()
real_vector = _IndependentReal()


def integer_interval(lower_bound, upper_bound):
    return _IntegerInterval(lower_bound, upper_bound)
