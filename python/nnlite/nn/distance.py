"""CosineSimilarity and PairwiseDistance, the modules of F.cosine_similarity and F.pairwise_distance."""
from . import functional as F
from .module import Module

__all__ = ["CosineSimilarity", "PairwiseDistance"]


class CosineSimilarity(Module):
    """The cosine of the angle between x1 and x2 along dim: x1 . x2 / (max(|x1|, eps) * max(|x2|, eps)).

    Args:
        dim (int): the dim holding the vectors.
        eps (float): the smallest norm used, so zero vectors give 0 instead of NaN.

    Shape:
        x1, x2 broadcast together; the output drops dim.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.CosineSimilarity(dim=1)(nnlite.tensor([[1., 0.]]), nnlite.tensor([[0., 1.]])).tolist()
        [0.0]
    """
    def __init__(self, dim=1, eps=1e-8):
        super().__init__()
        self.dim = dim
        self.eps = eps

    def forward(self, x1, x2):
        return F.cosine_similarity(x1, x2, self.dim, self.eps)


class PairwiseDistance(Module):
    """The p-norm distance |x1 - x2 + eps|_p over the last dim.

    Args:
        p (float): the norm.
        eps (float): added to the difference, so the gradient stays finite where x1 == x2.
        keepdim (bool): keep the last dim with size 1.

    Shape:
        x1, x2 [N, D] or [D], broadcast together; the output [N] (or 0-d).

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> round(nn.PairwiseDistance()(nnlite.tensor([[0., 0.]]), nnlite.tensor([[3., 4.]])).item(), 3)
        5.0
    """
    def __init__(self, p=2.0, eps=1e-6, keepdim=False):
        super().__init__()
        self.norm = p
        self.eps = eps
        self.keepdim = keepdim

    def forward(self, x1, x2):
        return F.pairwise_distance(x1, x2, self.norm, self.eps, self.keepdim)
