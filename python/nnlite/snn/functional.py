"""Losses and accuracy on output spikes [T, B, C], as snnTorch's
``functional``: each loss is a callable object ``loss_fn(spk_out, targets)``.

- ``ce_rate_loss``: cross entropy of the spikes at every step, averaged over
  time (the softmax sees each step's output)
- ``ce_count_loss``: cross entropy of the spike counts
- ``mse_count_loss``: squared error of the counts against
  ``correct_rate * T`` for the target and ``incorrect_rate * T`` elsewhere,
  divided by T
- ``accuracy_rate``: share of samples whose most-spiking output is the target
"""
from .. import Tensor
from ..nn import functional as F

__all__ = ["ce_rate_loss", "ce_count_loss", "mse_count_loss", "accuracy_rate"]

_REDUCTIONS = ("mean", "sum", "none")


def _check(name, spk_out, targets):
    if not isinstance(spk_out, Tensor) or spk_out.dim() != 3:
        shape = list(spk_out.shape) if isinstance(spk_out, Tensor) else type(spk_out).__name__
        raise ValueError(f"{name}: spk_out must be a [T, B, C] tensor, got {shape}")
    if not isinstance(targets, Tensor) or tuple(targets.shape) != (spk_out.shape[1],):
        shape = list(targets.shape) if isinstance(targets, Tensor) else type(targets).__name__
        raise ValueError(f"{name}: targets must be class indices of shape [{spk_out.shape[1]}], got {shape}")


class _Loss:
    name = "loss"

    def __init__(self, reduction="mean", weight=None):
        if reduction not in _REDUCTIONS:
            raise ValueError(f"{self.name}: reduction must be one of {_REDUCTIONS}, got {reduction!r}")
        self.reduction = reduction
        self.weight = weight
        self.__name__ = self.name

    def _reduce(self, per_sample):
        """Per-sample losses [B] -> the requested reduction. With class
        weights the mean is the plain mean of the weighted losses, as in
        snnTorch (not PyTorch's weighted mean)."""
        if self.reduction == "mean":
            return per_sample.mean()
        if self.reduction == "sum":
            return per_sample.sum()
        return per_sample

    def _nll(self, log_p, targets):
        """-log p[target] (times the target's weight), per sample: log_p [..., B, C]."""
        picked = -log_p.gather(-1, targets.reshape((1,) * (log_p.dim() - 2) + (-1, 1))
                               .expand(*log_p.shape[:-1], 1)).squeeze(-1)
        if self.weight is not None:
            picked = picked * self.weight.index_select(0, targets)
        return picked

    def __repr__(self):
        return f"{self.name}(reduction={self.reduction!r})"


class ce_rate_loss(_Loss):
    """Cross entropy at each time step, averaged over the T steps."""

    name = "ce_rate_loss"

    def __call__(self, spk_out, targets):
        _check(self.name, spk_out, targets)
        per_step = self._nll(F.log_softmax(spk_out, dim=-1), targets)  # [T, B]
        return self._reduce(per_step.mean(0))


class ce_count_loss(_Loss):
    """Cross entropy of the spike counts summed over time."""

    name = "ce_count_loss"

    def __call__(self, spk_out, targets):
        _check(self.name, spk_out, targets)
        return self._reduce(self._nll(F.log_softmax(spk_out.sum(0), dim=-1), targets))


class mse_count_loss(_Loss):
    """Mean squared error between spike counts and target counts, over T."""

    name = "mse_count_loss"

    def __init__(self, correct_rate=1, incorrect_rate=0, reduction="mean"):
        super().__init__(reduction)
        if not (0 <= incorrect_rate <= correct_rate <= 1):
            raise ValueError(f"mse_count_loss: need 0 <= incorrect_rate <= correct_rate <= 1, got "
                             f"correct_rate={correct_rate}, incorrect_rate={incorrect_rate}")
        self.correct_rate = correct_rate
        self.incorrect_rate = incorrect_rate

    def __call__(self, spk_out, targets):
        _check(self.name, spk_out, targets)
        steps, _, classes = spk_out.shape
        on, off = int(steps * self.correct_rate), int(steps * self.incorrect_rate)
        target = F.one_hot(targets, classes).to(spk_out.dtype) * (on - off) + off
        return F.mse_loss(spk_out.sum(0), target, reduction=self.reduction) / steps


def accuracy_rate(spk_out, targets):
    """Fraction (a float) of samples whose highest spike count is the target."""
    _check("accuracy_rate", spk_out, targets)
    predicted = spk_out.sum(0).argmax(1)
    return float((predicted == targets).to(spk_out.dtype).mean().item())
