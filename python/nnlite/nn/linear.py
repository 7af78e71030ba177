"""Linear and Identity layers."""
from .. import _C
from . import functional as F
from . import init
from .module import Module
from .parameter import _add_weight_and_bias

__all__ = ["Linear", "Identity", "Bilinear"]


class Identity(Module):
    """Returns its input; accepts and ignores any constructor arguments."""

    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, input):
        return input


class Linear(Module):
    """y = x @ weight.T + bias, with weight of shape [out_features, in_features]."""

    def __init__(self, in_features, out_features, bias=True, device=None, dtype=None):
        super().__init__()
        for name, value in (("in_features", in_features), ("out_features", out_features)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"Linear: {name} must be a non-negative integer but got {value!r}")
        self.in_features = in_features
        self.out_features = out_features
        _add_weight_and_bias(self, (out_features, in_features), out_features, bias, dtype)
        self.reset_parameters()
        if device is not None:
            self.to(device)

    def reset_parameters(self):
        """Re-initialises the parameters: weight and bias from U(-1/sqrt(in_features), 1/sqrt(in_features)), torch's default.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> layer = nn.Linear(4, 2); layer.reset_parameters(); bool(layer.weight.abs().max() <= 0.5)
            True
        """
        # PyTorch's default, kaiming_uniform_(a=sqrt(5)), i.e. U(-1/sqrt(fan_in),
        # 1/sqrt(fan_in)) for both: the C++ routine nnlite::nn::Linear uses too.
        init._is_empty(self.weight, "kaiming_uniform_")  # warns, as torch does; C++ skips it too
        _C._nn_init.reset_linear_(self.weight, self.bias)

    def forward(self, input):
        # The registry read directly: self.weight goes through
        # Module.__getattr__, a visible share of a batch-1 forward. (A weight
        # replaced by a plain attribute is still found through self.)
        p = self._parameters
        weight = p["weight"] if "weight" in p else self.weight
        return _C.linear(input, weight, p["bias"] if "bias" in p else self.bias)

    def extra_repr(self):
        return f"in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None}"


class Bilinear(Module):
    """y = x1^T A x2 + b with weight A of shape [out_features, in1_features, in2_features];
    both start U(-1/sqrt(in1_features), 1/sqrt(in1_features)), as in torch."""

    def __init__(self, in1_features, in2_features, out_features, bias=True, device=None, dtype=None):
        super().__init__()
        for name, value in (("in1_features", in1_features), ("in2_features", in2_features),
                            ("out_features", out_features)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"Bilinear: {name} must be a non-negative integer but got {value!r}")
        self.in1_features = in1_features
        self.in2_features = in2_features
        self.out_features = out_features
        _add_weight_and_bias(self, (out_features, in1_features, in2_features), out_features, bias, dtype)
        self.reset_parameters()
        if device is not None:
            self.to(device)

    def reset_parameters(self):
        """Re-initialises the parameters: weight and bias from U(-1/sqrt(in1_features), 1/sqrt(in1_features)).

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> layer = nn.Bilinear(4, 3, 2); layer.reset_parameters(); bool(layer.weight.abs().max() <= 0.5)
            True
        """
        bound = 1.0 / self.in1_features ** 0.5 if self.in1_features > 0 else 0.0
        init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input1, input2):
        return F.bilinear(input1, input2, self.weight, self.bias)

    def extra_repr(self):
        return (f"in1_features={self.in1_features}, in2_features={self.in2_features}, "
                f"out_features={self.out_features}, bias={self.bias is not None}")
