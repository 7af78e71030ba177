"""Surrogate gradients for the spike nonlinearity, as snnTorch's ``surrogate``.

The forward pass of every surrogate is the Heaviside step ``(x > 0)``, which has
zero gradient almost everywhere; backward replaces that derivative with a smooth
stand-in so the membrane potential can learn. ``x`` is ``mem - threshold``.

    spike_grad = surrogate.fast_sigmoid(slope=25)
    lif = snn.Leaky(beta=0.9, spike_grad=spike_grad)

Each factory returns a callable ``fn(x) -> spikes`` that also exposes
``fn.derivative(x)``, the surrogate derivative itself.
"""
import math

from ..autograd_function import Function

__all__ = ["atan", "fast_sigmoid", "sigmoid", "straight_through_estimator", "heaviside", "Surrogate"]


class _SpikeFn(Function):
    """Heaviside forward, ``surrogate.derivative(x) * grad`` backward."""

    @staticmethod
    def forward(ctx, x, surrogate):
        ctx.save_for_backward(x)
        ctx.surrogate = surrogate
        return (x > 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return ctx.surrogate.grad_input(x, grad), None


class Surrogate:
    """A spike function with a named surrogate derivative; subclasses define
    ``grad_input(x, grad)`` (the incoming gradient times the derivative)."""

    name = "surrogate"

    def kernel_args(self):
        """(name, slope) for the fused C++ layer loop (``leaky_sequence``), or
        None when only the step-by-step path knows this surrogate."""
        return None

    def __call__(self, x):
        return _SpikeFn.apply(x, self)

    def derivative(self, x):
        from .. import ones_like
        return self.grad_input(x, ones_like(x))

    def grad_input(self, x, grad):
        raise NotImplementedError(f"{type(self).__name__} must define grad_input")

    def _params(self):
        return ""

    def __repr__(self):
        return f"{self.name}({self._params()})"


class _ATan(Surrogate):
    name = "atan"

    def __init__(self, alpha):
        self.alpha = float(alpha)

    def grad_input(self, x, grad):
        # d/dx (1/pi) arctan(pi/2 * alpha * x) = alpha/2 / (1 + (pi/2 alpha x)^2)
        return self.alpha / 2 / (1 + (math.pi / 2 * self.alpha * x) ** 2) * grad

    def _params(self):
        return f"alpha={self.alpha}"

    def kernel_args(self):
        return self.name, self.alpha


class _FastSigmoid(Surrogate):
    name = "fast_sigmoid"

    def __init__(self, slope):
        self.slope = float(slope)

    def grad_input(self, x, grad):
        # derivative of x / (1 + slope |x|)
        return grad / (self.slope * x.abs() + 1.0) ** 2

    def _params(self):
        return f"slope={self.slope}"

    def kernel_args(self):
        return self.name, self.slope


class _Sigmoid(Surrogate):
    name = "sigmoid"

    def __init__(self, slope):
        self.slope = float(slope)

    def grad_input(self, x, grad):
        # derivative of sigmoid(slope x), written as snnTorch does so the
        # float32 results agree bit for bit in the usual range
        e = (-self.slope * x).exp()
        return grad * self.slope * e / ((e + 1) ** 2)

    def _params(self):
        return f"slope={self.slope}"

    def kernel_args(self):
        return self.name, self.slope


class _StraightThrough(Surrogate):
    name = "straight_through_estimator"

    def grad_input(self, x, grad):
        return grad.clone()

    def kernel_args(self):
        return self.name, 1.0


class _Heaviside(Surrogate):
    """Gradient passes only where the neuron spiked (snnTorch's ``heaviside``)."""

    name = "heaviside"

    def grad_input(self, x, grad):
        return grad * (x > 0).to(grad.dtype)


def _positive(name, param, value):
    if not (isinstance(value, (int, float)) and value > 0):
        raise ValueError(f"surrogate.{name}: {param} must be a positive number, got {value!r}")
    return value


def atan(alpha=2.0):
    """Arctangent surrogate, snnTorch's default: derivative
    ``alpha/2 / (1 + (pi/2 * alpha * x)^2)``."""
    return _ATan(_positive("atan", "alpha", alpha))


def fast_sigmoid(slope=25):
    """Fast sigmoid (Zenke and Ganguli 2018): derivative ``1 / (slope |x| + 1)^2``."""
    return _FastSigmoid(_positive("fast_sigmoid", "slope", slope))


def sigmoid(slope=25):
    """Logistic surrogate: derivative of ``sigmoid(slope * x)``."""
    return _Sigmoid(_positive("sigmoid", "slope", slope))


def straight_through_estimator():
    """Gradient passed through unchanged (derivative 1)."""
    return _StraightThrough()


def heaviside():
    """Gradient passed only where a spike fired."""
    return _Heaviside()
