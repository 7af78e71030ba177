"""A multi-layer perceptron for images: Flatten, then Linear/ReLU/Dropout blocks."""
from __future__ import annotations

from numbers import Integral, Real

from nnlite import nn

from . import register_model


def _positive_int(what: str, v) -> int:
    if isinstance(v, bool) or not isinstance(v, Integral) or v < 1:
        raise ValueError(f"MLP: {what} must be a positive integer, got {v!r}")
    return int(v)


class MLP(nn.Sequential):
    """Flatten (from dim 1 on), then Linear -> ReLU -> Dropout for each hidden
    width, and a final Linear to ``num_classes`` logits. ``dropout=0`` leaves
    the Dropout layers out."""

    def __init__(self, in_features=784, hidden=(512, 256), num_classes=10, dropout=0.2):
        in_features = _positive_int("in_features", in_features)
        num_classes = _positive_int("num_classes", num_classes)
        if isinstance(hidden, Integral):
            hidden = (hidden,)
        hidden = tuple(_positive_int("each hidden width", h) for h in hidden)
        if isinstance(dropout, bool) or not isinstance(dropout, Real) or not 0.0 <= dropout < 1.0:
            raise ValueError(f"MLP: dropout must be a number in [0, 1), got {dropout!r}")
        layers, width = [nn.Flatten()], in_features
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            if dropout > 0:
                layers.append(nn.Dropout(float(dropout)))
            width = h
        layers.append(nn.Linear(width, num_classes))
        super().__init__(*layers)
        self.in_features = in_features
        self.num_classes = num_classes


@register_model("mlp")
def mlp(in_features=784, hidden=(512, 256), num_classes=10, dropout=0.2) -> MLP:
    """MLP 784-512-256-10 with dropout 0.2 by default (sized for MNIST)."""
    return MLP(in_features=in_features, hidden=hidden, num_classes=num_classes, dropout=dropout)
