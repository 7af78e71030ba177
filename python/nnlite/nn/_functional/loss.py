"""Losses written as compositions of existing ops, with torch's formulas and
reductions ('none', 'mean', 'sum'; kl_div also 'batchmean')."""
from ... import _C
from .distance import cosine_similarity, pairwise_distance

__all__ = ["smooth_l1_loss", "huber_loss", "kl_div", "cosine_embedding_loss", "margin_ranking_loss",
           "triplet_margin_loss", "soft_margin_loss"]


def _reduce(op, loss, reduction):
    if reduction == "none":
        return loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    raise ValueError(f"{op}: reduction must be 'none', 'mean' or 'sum' but got {reduction!r}")


def _same_shape(op, input, target):
    if tuple(input.shape) != tuple(target.shape):
        raise ValueError(f"{op}: target of shape {tuple(target.shape)} must have the input's shape "
                         f"{tuple(input.shape)}")


def smooth_l1_loss(input, target, *, reduction="mean", beta=1.0):
    """0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta (beta = 0: the L1 loss)."""
    if beta < 0:
        raise ValueError(f"smooth_l1_loss: beta must be non-negative but got {beta!r}")
    _same_shape("smooth_l1_loss", input, target)
    d = (input - target).abs()
    if beta == 0:
        return _reduce("smooth_l1_loss", d, reduction)
    loss = _C.where(d < beta, d * d * (0.5 / beta), d - 0.5 * beta)
    return _reduce("smooth_l1_loss", loss, reduction)


def huber_loss(input, target, *, reduction="mean", delta=1.0, weight=None):
    """0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta)."""
    if delta <= 0:
        raise ValueError(f"huber_loss: delta must be positive but got {delta!r}")
    if weight is not None:
        raise NotImplementedError("huber_loss: weight= is not supported; multiply a reduction='none' result")
    _same_shape("huber_loss", input, target)
    d = (input - target).abs()
    loss = _C.where(d < delta, d * d * 0.5, (d - 0.5 * delta) * delta)
    return _reduce("huber_loss", loss, reduction)


def kl_div(input, target, *, reduction="mean", log_target=False):
    """target * (log target - input) pointwise (input holds log-probabilities); a
    zero target contributes 0. 'batchmean' divides the sum by input.size(0)."""
    if log_target:
        loss = target.exp() * (target - input)
    else:
        # xlogy(t, t) - t * input, with 0 log 0 = 0: log of a clamped target,
        # and a select so the zero entries carry neither value nor gradient.
        safe = _C.where(target > 0, target, 1.0)
        loss = _C.where(target > 0, target * safe.log(), 0.0) - target * input
    if reduction == "batchmean":
        return loss.sum() / (input.size(0) if input.dim() else 1)
    if reduction == "mean":
        import warnings

        warnings.warn("reduction: 'mean' divides the total loss by both the batch size and the support size."
                      "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
                      "'mean' will be changed to behave the same as 'batchmean' in the next major release.",
                      UserWarning, stacklevel=3)
    return _reduce("kl_div", loss, reduction)


def _check_labels(op, target, n):
    if target.dim() > 1 or (target.dim() == 1 and target.size(0) != n):
        raise ValueError(f"{op}: target must have shape ({n},) but got {tuple(target.shape)}")


def cosine_embedding_loss(input1, input2, target, margin=0.0, *, reduction="mean"):
    """1 - cos(x1, x2) where target = 1, max(0, cos(x1, x2) - margin) where target = -1
    (cos along dim 1 of [N, D] inputs, or the only dim of [D] ones)."""
    if input1.dim() not in (1, 2) or tuple(input1.shape) != tuple(input2.shape):
        raise ValueError(f"cosine_embedding_loss: inputs must be [N, D] or [D] of one shape but got "
                         f"{tuple(input1.shape)} and {tuple(input2.shape)}")
    dim = input1.dim() - 1
    _check_labels("cosine_embedding_loss", target, input1.size(0) if dim else 1)
    # torch's EPSILON (1e-12) enters each squared magnitude, not the norm.
    prod = (input1 * input2).sum(dim=dim)
    mag = ((input1 * input1).sum(dim=dim) + 1e-12) * ((input2 * input2).sum(dim=dim) + 1e-12)
    cos = prod / mag.sqrt()
    pos = _C.where(target == 1, 1.0 - cos, 0.0)
    neg = _C.where(target == -1, (cos - margin).clamp(min=0.0), 0.0)
    return _reduce("cosine_embedding_loss", pos + neg, reduction)


def margin_ranking_loss(input1, input2, target, margin=0.0, *, reduction="mean"):
    """max(0, -target * (input1 - input2) + margin)."""
    if input1.dim() != input2.dim() or input1.dim() != target.dim():
        raise ValueError(f"margin_ranking_loss: input1, input2 and target must have the same number of dims but "
                         f"got {tuple(input1.shape)}, {tuple(input2.shape)} and {tuple(target.shape)}")
    loss = (-target * (input1 - input2) + margin).clamp(min=0.0)
    return _reduce("margin_ranking_loss", loss, reduction)


def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2.0, eps=1e-6, swap=False, *,
                        reduction="mean"):
    """max(d(a, p) - d(a, n) + margin, 0) with d = pairwise_distance; swap uses
    min(d(a, n), d(p, n)) as the negative distance."""
    dims = (anchor.dim(), positive.dim(), negative.dim())
    if len(set(dims)) != 1 or dims[0] not in (1, 2):
        raise ValueError(f"triplet_margin_loss: anchor, positive and negative must all be 1-d or all 2-d but got "
                         f"shapes {tuple(anchor.shape)}, {tuple(positive.shape)}, {tuple(negative.shape)}")
    if margin <= 0:
        raise ValueError(f"triplet_margin_loss: margin must be greater than 0 but got {margin!r}")
    d_ap = pairwise_distance(anchor, positive, p, eps)
    d_an = pairwise_distance(anchor, negative, p, eps)
    if swap:
        d_an = _C.minimum(d_an, pairwise_distance(positive, negative, p, eps))
    loss = (d_ap - d_an + margin).clamp(min=0.0)
    return _reduce("triplet_margin_loss", loss, reduction)


def soft_margin_loss(input, target, *, reduction="mean"):
    """log(1 + exp(-target * input)), as a softplus (no overflow for large -target * input)."""
    _same_shape("soft_margin_loss", input, target)
    return _reduce("soft_margin_loss", _C.softplus(-target * input, 1.0, 20.0), reduction)


