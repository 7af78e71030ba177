"""Dropout: zero elements with probability p in training mode, scale the rest by 1/(1-p)."""
from .. import _C
from .module import Module

__all__ = ["Dropout"]


class Dropout(Module):
    """In training, zeroes each element with probability p and scales the rest by 1/(1 - p); in eval mode, the identity.

    Args:
        p (float): the probability of zeroing, in [0, 1].
        inplace (bool): overwrite the input.

    Raises:
        ValueError: p outside [0, 1].

    Shape:
        any shape in, the same shape out.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.Dropout(0.5).eval()(nnlite.ones(3)).tolist()
        [1.0, 1.0, 1.0]
    """
    def __init__(self, p=0.5, inplace=False):
        super().__init__()
        if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0 <= p <= 1:
            raise ValueError(f"Dropout: probability has to be between 0 and 1, but got {p!r}")
        self.p = float(p)
        self.inplace = inplace  # accepted for compatibility; the result is always a new tensor

    def forward(self, input):
        return _C.dropout(input, self.p, self.training)

    def extra_repr(self):
        return f"p={self.p}, inplace={self.inplace}"
