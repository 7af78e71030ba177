"""Classification metrics computed with tensor ops: top-k accuracy (the
ILSVRC metric) and the confusion matrix."""
from __future__ import annotations

from numbers import Integral

import nnlite

__all__ = ["accuracy", "correct_topk", "confusion_matrix"]


def _check_tensor(op, name, value):
    if not isinstance(value, nnlite.Tensor):
        raise TypeError(f"{op}: {name} must be an nnlite.Tensor, got {type(value).__name__}")


def _check_labels(op, name, labels, num_classes, n):
    """``labels`` must be an integer tensor [n] with values in [0, num_classes)."""
    _check_tensor(op, name, labels)
    if labels.dtype not in (nnlite.int64, nnlite.int32, nnlite.uint8):
        raise TypeError(f"{op}: {name} must hold integer class indices, got {labels.dtype}")
    if labels.dim() != 1 or (n is not None and labels.shape[0] != n):
        want = f"[{n}]" if n is not None else "[N]"
        raise ValueError(f"{op}: {name} must have shape {want}, got {list(labels.shape)}")
    if labels.numel() > 0:
        lo, hi = int(labels.amin().item()), int(labels.amax().item())
        if lo < 0 or hi >= num_classes:
            raise IndexError(f"{op}: {name} holds class {lo if lo < 0 else hi}, expected classes in "
                             f"0..{num_classes - 1}")
    return labels.long()


def _check_topk(op, topk, num_classes):
    if isinstance(topk, Integral) and not isinstance(topk, bool):
        topk = (topk,)
    try:
        ks = tuple(topk)
    except TypeError:
        raise TypeError(f"{op}: topk must be an int or a tuple of ints, got {topk!r}") from None
    if not ks:
        raise ValueError(f"{op}: topk must name at least one k")
    for k in ks:
        if isinstance(k, bool) or not isinstance(k, Integral) or not 1 <= k <= num_classes:
            raise ValueError(f"{op}: each k in topk must be an integer in 1..{num_classes} (the number of "
                             f"classes), got {k!r}")
    return tuple(int(k) for k in ks)


def _target_rank(op, output, target):
    """The 0-based rank of each sample's true class among its scores:
    output [N, C], target [N] -> int64 [N]. Classes that score higher rank
    before it, and so do equal scores at lower indices (the order a stable
    descending sort, and argmax, give). A NaN score for the true class ranks
    it last."""
    _check_tensor(op, "output", output)
    if output.dim() != 2:
        raise ValueError(f"{op}: output must be 2-d scores [N, num_classes], got shape {list(output.shape)}")
    if not output.is_floating_point():
        raise TypeError(f"{op}: output must hold floating-point scores, got {output.dtype}")
    n, c = output.shape
    target = _check_labels(op, "target", target, c, n)
    scores = output.detach()
    own = scores.gather(1, target.unsqueeze(1))  # [N, 1]
    classes = nnlite.arange(c, dtype=nnlite.int64, device=output.device).unsqueeze(0)  # [1, C]
    before = (scores > own).logical_or((scores == own).logical_and(classes < target.unsqueeze(1)))
    rank = before.long().sum(1)  # [N]
    return nnlite.where(own.squeeze(1) == own.squeeze(1), rank, nnlite.full_like(rank, c))


def correct_topk(output, target, topk=(1,)):
    """How many samples have their true class among the k highest scores,
    for each k: a list of ints. For summing over batches."""
    op = "correct_topk"
    rank = _target_rank(op, output, target)
    ks = _check_topk(op, topk, output.shape[1])
    return [int((rank < k).long().sum().item()) for k in ks]


def accuracy(output, target, topk=(1,)):
    """Top-k accuracy for each k in ``topk``: output [N, C] scores (logits or
    probabilities), target [N] class indices -> a list of floats in [0, 1]
    (the fraction of samples whose true class is among the k highest scores).
    ``topk=(1, 5)`` gives the ILSVRC top-1 and top-5. An empty batch gives 0."""
    op = "accuracy"
    rank = _target_rank(op, output, target)
    ks = _check_topk(op, topk, output.shape[1])
    n = max(output.shape[0], 1)
    return [int((rank < k).long().sum().item()) / n for k in ks]


def confusion_matrix(pred, target, num_classes):
    """int64 [num_classes, num_classes] counts: row = true class, column =
    predicted class (``m[t, p]`` samples of class t were predicted as p).
    ``pred`` and ``target`` are integer class indices [N]."""
    op = "confusion_matrix"
    if isinstance(num_classes, bool) or not isinstance(num_classes, Integral) or num_classes < 1:
        raise ValueError(f"{op}: num_classes must be a positive integer, got {num_classes!r}")
    target = _check_labels(op, "target", target, num_classes, None)
    pred = _check_labels(op, "pred", pred, num_classes, target.shape[0])
    cell = target * num_classes + pred  # [N] flat index of (true, predicted)
    counts = nnlite.zeros(num_classes * num_classes, dtype=nnlite.int64, device=cell.device)
    counts = counts.scatter_add(0, cell, nnlite.ones_like(cell))
    return counts.view(num_classes, num_classes)
