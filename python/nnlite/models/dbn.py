"""A deep belief net (Hinton, Osindero and Teh 2006): stacked RBMs trained
greedily layer by layer, then fine-tuned as a classifier.

``DBN(784, (500, 500), 10)`` holds one RBM per hidden layer (``rbms``) and a
linear output layer (``classifier``). ``pretrain(data)`` trains the first RBM
on the data, the second on the first's hidden means, and so on. ``forward``
is the MLP those RBMs define: each layer sigmoid(x W^T + b_h) with the RBM's
own weight and hidden bias (the same Parameters, so fine-tuning moves them),
then the classifier's logits (softmax through cross-entropy).
"""
from __future__ import annotations

from typing import Callable, Optional, Sequence

from .. import Tensor, no_grad, sigmoid
from ..nn import Linear, Module, ModuleList, functional as F
from . import _positive_int, register_model
from .rbm import RBM


class DBN(Module):
    """A deep belief net: stacked RBMs pretrained greedily, then fine-tuned as a classifier.

    forward(x) is the MLP the RBMs define (sigmoid(x W^T + hidden_bias) per layer, sharing the
    RBMs' parameters) followed by a linear classifier giving logits. pretrain(data) trains each
    RBM on the hidden means of the one below.

    Args:
        in_features (int): the input size (inputs are flattened to [batch, in_features], values in [0, 1]).
        hidden (Sequence[int]): the hidden layer sizes, one RBM each.
        num_classes (int): the number of logits.
        k (int): the Gibbs steps of the RBMs' contrastive divergence.
        persistent (bool): use persistent CD in pretraining.

    Raises:
        ValueError: hidden is empty or an int, or a size is not a positive int.

    Examples:
        >>> import nnlite
        >>> from nnlite.models import DBN
        >>> net = DBN(in_features=8, hidden=(6, 4), num_classes=3)
        >>> len(net.rbms), net(nnlite.rand(5, 8)).shape
        (2, (5, 3))
    """

    def __init__(self, in_features: int = 784, hidden: Sequence[int] = (500, 500), num_classes: int = 10, k: int = 1,
                 persistent: bool = False):
        super().__init__()
        in_features = _positive_int("DBN", "in_features", in_features)
        if isinstance(hidden, int) or len(hidden) == 0:
            raise ValueError(f"DBN: hidden must be a non-empty sequence of layer sizes, got {hidden!r}")
        sizes = [in_features] + [_positive_int("DBN", "hidden size", h) for h in hidden]
        self.in_features = in_features
        self.rbms = ModuleList([RBM(a, b, k=k, persistent=persistent) for a, b in zip(sizes, sizes[1:])])
        self.classifier = Linear(sizes[-1], _positive_int("DBN", "num_classes", num_classes))

    def _flat(self, x: Tensor) -> Tensor:
        x = x.reshape(x.shape[0], -1) if x.dim() > 2 else x
        if x.dim() != 2 or x.shape[1] != self.in_features:
            raise ValueError(f"DBN: expected inputs with {self.in_features} features ([batch, {self.in_features}] or "
                             f"images of that many pixels), got shape {list(x.shape)}")
        return x

    def features(self, x: Tensor, layers: Optional[int] = None) -> Tensor:
        """The hidden means after the first ``layers`` RBMs (all of them by default)."""
        x = self._flat(x)
        for rbm in list(self.rbms)[:layers]:
            x = sigmoid(F.linear(x, rbm.weight, rbm.hidden_bias))
        return x

    def forward(self, x: Tensor) -> Tensor:
        return self.classifier(self.features(x))

    def pretrain(self, data: Tensor, epochs: int = 5, batch_size: int = 10, lr: float = 0.05, shuffle: bool = True,
                 generator=None, callback: Optional[Callable[[int, int], None]] = None) -> "DBN":
        """Greedy layer-wise training: RBM i learns from the hidden means of RBMs 0..i-1 on ``data``
        (values in [0, 1]). ``callback(layer, epoch)`` runs after each epoch (both 1-based)."""
        x = self._flat(data).detach()
        for i, rbm in enumerate(self.rbms, 1):
            rbm.fit(x, epochs=epochs, batch_size=batch_size, lr=lr, shuffle=shuffle, generator=generator,
                    callback=None if callback is None else (lambda e, i=i: callback(i, e)))
            with no_grad():
                x = sigmoid(F.linear(x, rbm.weight, rbm.hidden_bias))
        return self


@register_model("dbn")
def dbn(in_features=784, hidden=(500, 500), num_classes=10) -> DBN:
    """DBN 784-500-500-10 (sized for MNIST); pretrain it before fine-tuning (``nnlite train --model dbn``)."""
    return DBN(in_features=in_features, hidden=hidden, num_classes=num_classes)
