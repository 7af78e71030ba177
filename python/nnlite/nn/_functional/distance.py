"""normalize, cosine_similarity and pairwise_distance as compositions of
reductions and elementwise ops (torch's formulas, including where eps enters)."""

__all__ = ["normalize", "cosine_similarity", "pairwise_distance"]


def _check_p(op, p):
    if isinstance(p, bool) or not isinstance(p, (int, float)) or p <= 0:
        raise ValueError(f"{op}: p must be a positive number but got {p!r}")


def _vector_norm(x, p, dim, keepdim):
    """The p-norm along dim. p = 2 is sqrt(sum(x^2)) (its gradient at 0 is the
    caller's concern); inf is the max of |x|."""
    if p == 2:
        return (x * x).sum(dim=dim, keepdim=keepdim).sqrt()
    if p == 1:
        return x.abs().sum(dim=dim, keepdim=keepdim)
    if p == float("inf"):
        return x.abs().amax(dim=dim, keepdim=keepdim)
    return x.abs().pow(p).sum(dim=dim, keepdim=keepdim).pow(1.0 / p)


def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """input / max(||input||_p along dim, eps)."""
    if out is not None:
        raise TypeError("normalize: out= is not supported; use the returned tensor")
    _check_p("normalize", p)
    if p == 2:
        # max(sqrt(s), eps) = sqrt(max(s, eps^2)); clamping before the sqrt keeps
        # the gradient of an all-zero slice 0 instead of 0 * inf = nan.
        denom = (input * input).sum(dim=dim, keepdim=True).clamp(min=eps * eps).sqrt()
    else:
        denom = _vector_norm(input, p, dim, True).clamp(min=eps)
    return input / denom


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """sum(x1/max(||x1||, eps) * x2/max(||x2||, eps)) along dim; x1 and x2 broadcast."""
    if x1.dim() != x2.dim() and min(x1.dim(), x2.dim()) == 0:
        raise ValueError(f"cosine_similarity: inputs of shapes {tuple(x1.shape)} and {tuple(x2.shape)} must "
                         "both have at least one dimension")
    n1 = (x1 * x1).sum(dim=dim, keepdim=True).clamp(min=eps * eps).sqrt()
    n2 = (x2 * x2).sum(dim=dim, keepdim=True).clamp(min=eps * eps).sqrt()
    return ((x1 / n1) * (x2 / n2)).sum(dim=dim)


def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    """||x1 - x2 + eps||_p over the last dim (eps keeps the gradient finite at x1 == x2)."""
    _check_p("pairwise_distance", p)
    if x1.dim() == 0 or x2.dim() == 0:
        raise ValueError(f"pairwise_distance: inputs must have at least one dimension, got shapes "
                         f"{tuple(x1.shape)} and {tuple(x2.shape)}")
    return _vector_norm(x1 - x2 + eps, p, -1, keepdim)
