"""Loss modules: hold the options (and a class-weight buffer) and call the C++ loss op."""
from .. import _C
from . import functional as F
from .module import Module

__all__ = ["MSELoss", "L1Loss", "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "NLLLoss", "SmoothL1Loss",
           "HuberLoss", "KLDivLoss", "CosineEmbeddingLoss", "MarginRankingLoss", "TripletMarginLoss",
           "SoftMarginLoss"]


class _Loss(Module):
    def __init__(self, reduction="mean"):
        super().__init__()
        _C.reduction_from_name(reduction)  # fail at construction, not at the first forward
        self.reduction = reduction


class _WeightedLoss(_Loss):
    def __init__(self, weight=None, reduction="mean"):
        super().__init__(reduction)
        self.register_buffer("weight", weight)


class MSELoss(_Loss):
    """Mean squared error. Options after the first are keyword-only (no size_average/reduce)."""

    def __init__(self, *, reduction="mean"):
        super().__init__(reduction)

    def forward(self, input, target):
        return _C.mse_loss(input, target, reduction=self.reduction)


class L1Loss(_Loss):
    """The mean (or sum) absolute error |input - target|.

    Args:
        reduction (str): 'mean' (default), 'sum' or 'none'.

    Shape:
        input and target of the same shape; a 0-d loss unless reduction='none'.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.L1Loss()(nnlite.tensor([1., 3.]), nnlite.tensor([2., 2.])).item()
        1.0
    """
    def __init__(self, *, reduction="mean"):
        super().__init__(reduction)

    def forward(self, input, target):
        return _C.l1_loss(input, target, reduction=self.reduction)


class BCELoss(_WeightedLoss):
    """Binary cross-entropy of probabilities: -(t log p + (1 - t) log(1 - p)).

    Args:
        weight (Tensor | None): a weight per element, broadcast against input.
        reduction (str): 'mean' (default), 'sum' or 'none'.

    Shape:
        input (probabilities in [0, 1]) and target of the same shape.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> round(nn.BCELoss()(nnlite.tensor([0.5]), nnlite.tensor([1.])).item(), 4)
        0.6931
    """
    def __init__(self, weight=None, *, reduction="mean"):
        super().__init__(weight, reduction)

    def forward(self, input, target):
        return _C.binary_cross_entropy(input, target, weight=self.weight, reduction=self.reduction)


class BCEWithLogitsLoss(_Loss):
    """Binary cross-entropy of logits: sigmoid and BCELoss in one stable step.

    Args:
        weight (Tensor | None): a weight per element.
        reduction (str): 'mean' (default), 'sum' or 'none'.
        pos_weight (Tensor | None): a weight of the positive class per class.

    Shape:
        input (logits) and target of the same shape.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> round(nn.BCEWithLogitsLoss()(nnlite.tensor([0.]), nnlite.tensor([1.])).item(), 4)
        0.6931
    """
    def __init__(self, weight=None, *, reduction="mean", pos_weight=None):
        super().__init__(reduction)
        self.register_buffer("weight", weight)
        self.register_buffer("pos_weight", pos_weight)

    def forward(self, input, target):
        return _C.binary_cross_entropy_with_logits(
            input, target, weight=self.weight, reduction=self.reduction, pos_weight=self.pos_weight
        )


class NLLLoss(_WeightedLoss):
    """The negative log-likelihood of class indices, given log-probabilities.

    Args:
        weight (Tensor | None): a weight per class [C].
        ignore_index (int): a target value that contributes nothing.
        reduction (str): 'mean' (default), 'sum' or 'none'.

    Shape:
        input [N, C] (or [N, C, ...]) log-probabilities, target [N] (or [N, ...]) int64 class indices.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.NLLLoss()(nnlite.tensor([[0., -1.]]), nnlite.tensor([1])).item()
        1.0
    """
    def __init__(self, weight=None, *, ignore_index=-100, reduction="mean"):
        super().__init__(weight, reduction)
        self.ignore_index = ignore_index

    def forward(self, input, target):
        return _C.nll_loss(input, target, weight=self.weight, ignore_index=self.ignore_index, reduction=self.reduction)


class CrossEntropyLoss(_WeightedLoss):
    """Cross-entropy of logits against class indices or class probabilities: log_softmax then NLLLoss.

    Args:
        weight (Tensor | None): a weight per class [C].
        ignore_index (int): a target value that contributes nothing.
        reduction (str): 'mean' (default), 'sum' or 'none'.
        label_smoothing (float): in [0, 1], mixes the target with the uniform distribution.

    Shape:
        input [N, C] (or [N, C, ...]) logits; target [N] int64 indices or [N, C] probabilities.

    Raises:
        ValueError: label_smoothing outside [0, 1], or shapes that do not match.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> round(nn.CrossEntropyLoss()(nnlite.zeros(1, 4), nnlite.tensor([2])).item(), 4)
        1.3863
    """
    def __init__(self, weight=None, *, ignore_index=-100, reduction="mean", label_smoothing=0.0):
        super().__init__(weight, reduction)
        if not 0.0 <= label_smoothing <= 1.0:
            raise ValueError(f"CrossEntropyLoss: label_smoothing must be in [0, 1] but got {label_smoothing!r}")
        self.ignore_index = ignore_index
        self.label_smoothing = label_smoothing

    def forward(self, input, target):
        return _C.cross_entropy(
            input,
            target,
            weight=self.weight,
            ignore_index=self.ignore_index,
            reduction=self.reduction,
            label_smoothing=self.label_smoothing,
        )


class SmoothL1Loss(_Loss):
    """Squared error (halved, over beta) below beta, absolute error minus beta/2 above.

    Args:
        reduction (str): 'mean' (default), 'sum' or 'none'.
        beta (float): where the two parts meet; >= 0.

    Raises:
        ValueError: a negative beta.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.SmoothL1Loss()(nnlite.tensor([3.]), nnlite.tensor([0.])).item()
        2.5
    """
    def __init__(self, *, reduction="mean", beta=1.0):
        super().__init__(reduction)
        if beta < 0:
            raise ValueError(f"SmoothL1Loss: beta must be non-negative but got {beta!r}")
        self.beta = beta

    def forward(self, input, target):
        return F.smooth_l1_loss(input, target, reduction=self.reduction, beta=self.beta)


class HuberLoss(_Loss):
    """Half the squared error below delta, delta * (|error| - delta/2) above.

    Args:
        reduction (str): 'mean' (default), 'sum' or 'none'.
        delta (float): where the two parts meet; > 0.

    Raises:
        ValueError: a delta <= 0.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.HuberLoss()(nnlite.tensor([3.]), nnlite.tensor([0.])).item()
        2.5
    """
    def __init__(self, reduction="mean", delta=1.0):
        super().__init__(reduction)
        if delta <= 0:
            raise ValueError(f"HuberLoss: delta must be positive but got {delta!r}")
        self.delta = delta

    def forward(self, input, target):
        return F.huber_loss(input, target, reduction=self.reduction, delta=self.delta)


class KLDivLoss(_Loss):
    """input: log-probabilities; target: probabilities (log-probabilities with log_target)."""

    def __init__(self, *, reduction="mean", log_target=False):
        if reduction != "batchmean":
            _C.reduction_from_name(reduction)
        Module.__init__(self)
        self.reduction = reduction
        self.log_target = log_target

    def forward(self, input, target):
        return F.kl_div(input, target, reduction=self.reduction, log_target=self.log_target)


class _MarginLoss(_Loss):
    def __init__(self, margin=0.0, *, reduction="mean"):
        super().__init__(reduction)
        self.margin = margin


class CosineEmbeddingLoss(_MarginLoss):
    """Whether pairs are similar (target 1) or not (target -1), by cosine similarity.

    The loss of a pair is 1 - cos(x1, x2) where target is 1 and max(0, cos(x1, x2) - margin)
    where it is -1 (see F.cosine_embedding_loss).

    Args:
        margin (float): in [-1, 1]; dissimilar pairs below it cost nothing.
        reduction (str): keyword only: 'mean' (the default), 'sum' or 'none'.

    Shape:
        input1, input2 [N, D] or [D]; target [N] or 0-d of 1 and -1.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> loss = nn.CosineEmbeddingLoss()
        >>> loss(nnlite.tensor([[1., 0.]]), nnlite.tensor([[1., 0.]]), nnlite.tensor([1.])).item()
        0.0
    """
    def forward(self, input1, input2, target):
        return F.cosine_embedding_loss(input1, input2, target, self.margin, reduction=self.reduction)


class MarginRankingLoss(_MarginLoss):
    """A ranking loss: max(0, -target * (input1 - input2) + margin).

    target 1 asks input1 to rank above input2 by at least margin, -1 the reverse.

    Args:
        margin (float): the required gap.
        reduction (str): keyword only: 'mean' (the default), 'sum' or 'none'.

    Shape:
        input1, input2, target: one shape (the same number of dims).

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> loss = nn.MarginRankingLoss(margin=1.)
        >>> loss(nnlite.tensor([3.]), nnlite.tensor([1.]), nnlite.tensor([1.])).item()
        0.0
    """
    def forward(self, input1, input2, target):
        return F.margin_ranking_loss(input1, input2, target, self.margin, reduction=self.reduction)


class TripletMarginLoss(_Loss):
    """max(d(a, p) - d(a, n) + margin, 0): pulls anchor to positive and pushes it from negative.

    d is the p-norm distance of F.pairwise_distance.

    Args:
        margin (float): > 0, the required gap between the two distances.
        p (float): the norm of the distance.
        eps (float): added to the differences, for a finite gradient at distance 0.
        swap (bool): use min(d(a, n), d(p, n)) as the negative distance.
        reduction (str): keyword only: 'mean' (the default), 'sum' or 'none'.

    Raises:
        ValueError: margin <= 0.

    Shape:
        anchor, positive, negative: [N, D] or [D].

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> loss = nn.TripletMarginLoss(margin=1.)
        >>> a = nnlite.zeros(1, 2)
        >>> loss(a, a, nnlite.tensor([[3., 4.]])).item()
        0.0
    """
    def __init__(self, margin=1.0, p=2.0, eps=1e-6, swap=False, *, reduction="mean"):
        super().__init__(reduction)
        if margin <= 0:
            raise ValueError(f"TripletMarginLoss: margin must be greater than 0 but got {margin!r}")
        self.margin = margin
        self.p = p
        self.eps = eps
        self.swap = swap

    def forward(self, anchor, positive, negative):
        return F.triplet_margin_loss(anchor, positive, negative, self.margin, self.p, self.eps, self.swap,
                                     reduction=self.reduction)


class SoftMarginLoss(_Loss):
    """The two-class logistic loss log(1 + exp(-target * input)), target 1 or -1.

    Args:
        reduction (str): keyword only: 'mean' (the default), 'sum' or 'none'.

    Shape:
        input and target: one shape.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> loss = nn.SoftMarginLoss()
        >>> round(loss(nnlite.tensor([0.]), nnlite.tensor([1.])).item(), 4)
        0.6931
    """
    def __init__(self, *, reduction="mean"):
        super().__init__(reduction)

    def forward(self, input, target):
        return F.soft_margin_loss(input, target, reduction=self.reduction)
