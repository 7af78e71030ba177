"""ReduceLROnPlateau, OneCycleLR and CyclicLR with torch.optim.lr_scheduler's numbers.

OneCycleLR and CyclicLR also cycle the momentum (SGD's ``momentum`` or
Adam's ``beta1``) when ``cycle_momentum`` is set, as torch does.
"""
import math
import types

from .lr_scheduler import LRScheduler
from .optimizer import Optimizer

__all__ = ["ReduceLROnPlateau", "OneCycleLR", "CyclicLR"]


def _per_group(owner, name, optimizer, value):
    """One value per parameter group: a list of that length, or one value for all."""
    n = len(optimizer.param_groups)
    if isinstance(value, (list, tuple)):
        if len(value) != n:
            raise ValueError(f"{owner}: {name} must have the same length as optimizer.param_groups "
                             f"({n}), but got {len(value)} values")
        return list(value)
    return [value] * n


def _check_optimizer(owner, optimizer):
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"{owner}: {type(optimizer).__name__} is not an Optimizer")


def _set_momentum(group, use_beta1, momentum):
    if use_beta1:
        group["betas"] = (momentum, *group["betas"][1:])
    else:
        group["momentum"] = momentum


def _momentum_kind(owner, optimizer):
    """True when the optimizer's momentum is Adam's beta1; ValueError when it has none."""
    if "momentum" not in optimizer.defaults and "betas" not in optimizer.defaults:
        raise ValueError(f"{owner}: optimizer must support momentum or beta1 with `cycle_momentum` option enabled")
    return "betas" in optimizer.defaults


def _without_functions(obj, skip=()):
    return {k: v for k, v in obj.__dict__.items()
            if k != "optimizer" and k not in skip and not isinstance(v, types.FunctionType)}


class ReduceLROnPlateau(LRScheduler):
    """Multiply the learning rate by factor once the metric has stopped improving for `patience` epochs."""

    def __init__(self, optimizer, mode="min", factor=0.1, patience=10, threshold=1e-4, threshold_mode="rel",
                 cooldown=0, min_lr=0, eps=1e-8):
        if factor >= 1.0:
            raise ValueError(f"ReduceLROnPlateau: factor should be < 1.0 but got {factor}")
        _check_optimizer("ReduceLROnPlateau", optimizer)
        if mode not in ("min", "max"):
            raise ValueError(f"ReduceLROnPlateau: mode {mode!r} is unknown (expected 'min' or 'max')")
        if threshold_mode not in ("rel", "abs"):
            raise ValueError(f"ReduceLROnPlateau: threshold mode {threshold_mode!r} is unknown (expected 'rel' or 'abs')")
        self.optimizer = optimizer
        self.min_lrs = [float(v) for v in _per_group("ReduceLROnPlateau", "min_lr", optimizer, min_lr)]
        self.factor, self.patience, self.cooldown, self.eps = factor, patience, cooldown, eps
        self.mode, self.threshold, self.threshold_mode = mode, threshold, threshold_mode
        self.best = math.inf if mode == "min" else -math.inf
        self.cooldown_counter = 0
        self.num_bad_epochs = 0
        self.last_epoch = 0
        self._last_lr = self._current_lrs()

    def is_better(self, a, best):
        """Whether metric value a improves on best by more than the threshold.

        In mode 'min' with threshold_mode 'rel', better means a < best * (1 - threshold); 'abs'
        means a < best - threshold; mode 'max' mirrors both.

        Args:
            a (float): the new metric value.
            best (float): the best value so far.

        Returns:
            bool: True when a counts as an improvement.

        Examples:
            >>> import nnlite
            >>> opt = nnlite.optim.SGD([nnlite.zeros(1, requires_grad=True)], lr=1.0)
            >>> sched = nnlite.optim.lr_scheduler.ReduceLROnPlateau(opt, threshold=0.1)
            >>> sched.is_better(0.95, 1.0), sched.is_better(0.85, 1.0)
            (False, True)
        """
        if self.mode == "min":
            return a < (best * (1.0 - self.threshold) if self.threshold_mode == "rel" else best - self.threshold)
        return a > (best * (self.threshold + 1.0) if self.threshold_mode == "rel" else best + self.threshold)

    @property
    def in_cooldown(self):
        """Whether the scheduler is waiting out its cooldown after a reduction (bad epochs are not counted then).

        Returns:
            bool: True while the cooldown counter is above 0.

        Examples:
            >>> import nnlite
            >>> opt = nnlite.optim.SGD([nnlite.zeros(1, requires_grad=True)], lr=1.0)
            >>> sched = nnlite.optim.lr_scheduler.ReduceLROnPlateau(opt, patience=0, cooldown=2)
            >>> sched.step(1.0); sched.step(1.0)
            >>> sched.in_cooldown, opt.param_groups[0]['lr']
            (True, 0.1)
        """
        return self.cooldown_counter > 0

    def step(self, metrics, epoch=None):
        """Records one epoch's metric and reduces the learning rates when it has stopped improving.

        When the metric has not improved (see is_better) for more than patience epochs, each group's
        lr becomes max(lr * factor, min_lr) (changes smaller than eps are skipped) and a cooldown of
        cooldown epochs starts.

        Args:
            metrics (float | Tensor): the monitored value, such as the validation loss.
            epoch (int | None): deprecated: sets last_epoch instead of counting up.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> opt = nnlite.optim.SGD([nnlite.zeros(1, requires_grad=True)], lr=1.0)
            >>> sched = nnlite.optim.lr_scheduler.ReduceLROnPlateau(opt, patience=1, factor=0.5)
            >>> for loss in [1.0, 1.0, 1.0]:
            ...     sched.step(loss)
            >>> opt.param_groups[0]['lr']
            0.5
        """
        current = float(metrics)
        self.last_epoch = self.last_epoch + 1 if epoch is None else epoch
        if self.is_better(current, self.best):
            self.best = current
            self.num_bad_epochs = 0
        else:
            self.num_bad_epochs += 1
        if self.in_cooldown:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0  # bad epochs in cooldown do not count
        if self.num_bad_epochs > self.patience:
            for group, min_lr in zip(self.optimizer.param_groups, self.min_lrs):
                old = float(group["lr"])
                new = max(old * self.factor, min_lr)
                if old - new > self.eps:  # changes smaller than eps are dropped
                    group["lr"] = new
            self.cooldown_counter = self.cooldown
            self.num_bad_epochs = 0
        self._last_lr = self._current_lrs()


class OneCycleLR(LRScheduler):
    """The 1cycle policy: warm up to max_lr, anneal to max_lr / div_factor / final_div_factor (per batch)."""

    def __init__(self, optimizer, max_lr, total_steps=None, epochs=None, steps_per_epoch=None, pct_start=0.3,
                 anneal_strategy="cos", cycle_momentum=True, base_momentum=0.85, max_momentum=0.95, div_factor=25.0,
                 final_div_factor=1e4, three_phase=False, last_epoch=-1):
        _check_optimizer("OneCycleLR", optimizer)
        if total_steps is not None:
            if isinstance(total_steps, bool) or not isinstance(total_steps, int) or total_steps <= 0:
                raise ValueError(f"OneCycleLR: expected a positive integer total_steps, but got {total_steps!r}")
            self.total_steps = total_steps
        elif epochs is not None and steps_per_epoch is not None:
            for name, value in (("epochs", epochs), ("steps_per_epoch", steps_per_epoch)):
                if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                    raise ValueError(f"OneCycleLR: expected a positive integer {name}, but got {value!r}")
            self.total_steps = epochs * steps_per_epoch
        else:
            raise ValueError("OneCycleLR: you must define either total_steps OR (epochs AND steps_per_epoch)")
        if not isinstance(pct_start, (int, float)) or not 0 <= pct_start <= 1:
            raise ValueError(f"OneCycleLR: expected a float between 0 and 1 for pct_start, but got {pct_start!r}")
        if anneal_strategy not in ("cos", "linear"):
            raise ValueError(f"OneCycleLR: anneal_strategy must be 'cos' or 'linear', but got {anneal_strategy!r}")
        self.anneal_strategy = anneal_strategy
        warm_end = float(pct_start * self.total_steps) - 1
        if three_phase:
            self._schedule_phases = [
                dict(end_step=warm_end, start_lr="initial_lr", end_lr="max_lr", start_momentum="max_momentum",
                     end_momentum="base_momentum"),
                dict(end_step=float(2 * pct_start * self.total_steps) - 2, start_lr="max_lr", end_lr="initial_lr",
                     start_momentum="base_momentum", end_momentum="max_momentum"),
                dict(end_step=self.total_steps - 1, start_lr="initial_lr", end_lr="min_lr",
                     start_momentum="max_momentum", end_momentum="max_momentum"),
            ]
        else:
            self._schedule_phases = [
                dict(end_step=warm_end, start_lr="initial_lr", end_lr="max_lr", start_momentum="max_momentum",
                     end_momentum="base_momentum"),
                dict(end_step=self.total_steps - 1, start_lr="max_lr", end_lr="min_lr",
                     start_momentum="base_momentum", end_momentum="max_momentum"),
            ]
        max_lrs = _per_group("OneCycleLR", "max_lr", optimizer, max_lr)
        if last_epoch == -1:
            for group, top in zip(optimizer.param_groups, max_lrs):
                group["initial_lr"] = top / div_factor
                group["max_lr"] = top
                group["min_lr"] = group["initial_lr"] / final_div_factor
        self.cycle_momentum = cycle_momentum
        if cycle_momentum:
            self.use_beta1 = _momentum_kind("OneCycleLR", optimizer)
            tops = _per_group("OneCycleLR", "max_momentum", optimizer, max_momentum)
            bottoms = _per_group("OneCycleLR", "base_momentum", optimizer, base_momentum)
            if last_epoch == -1:
                for group, top, bottom in zip(optimizer.param_groups, tops, bottoms):
                    _set_momentum(group, self.use_beta1, top)
                    group["max_momentum"] = top
                    group["base_momentum"] = bottom
        super().__init__(optimizer, last_epoch)

    def _anneal(self, start, end, pct):
        if self.anneal_strategy == "cos":
            return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
        return (end - start) * pct + start

    def get_lr(self):
        step = self.last_epoch
        if step > self.total_steps:
            raise ValueError(f"OneCycleLR: tried to step {step} times; the specified number of total steps is "
                             f"{self.total_steps}")
        lrs = []
        for group in self.optimizer.param_groups:
            start = 0.0
            for i, phase in enumerate(self._schedule_phases):
                end = phase["end_step"]
                if step <= end or i == len(self._schedule_phases) - 1:
                    pct = (step - start) / (end - start)
                    lr = self._anneal(group[phase["start_lr"]], group[phase["end_lr"]], pct)
                    momentum = self._anneal(group.get(phase["start_momentum"], 0.0),
                                            group.get(phase["end_momentum"], 0.0), pct)
                    break
                start = end
            lrs.append(lr)
            if self.cycle_momentum:
                _set_momentum(group, self.use_beta1, momentum)
        return lrs


class CyclicLR(LRScheduler):
    """Cycle the learning rate between base_lr and max_lr (triangular, triangular2, exp_range or scale_fn)."""

    def __init__(self, optimizer, base_lr, max_lr, step_size_up=2000, step_size_down=None, mode="triangular",
                 gamma=1.0, scale_fn=None, scale_mode="cycle", cycle_momentum=True, base_momentum=0.8,
                 max_momentum=0.9, last_epoch=-1):
        _check_optimizer("CyclicLR", optimizer)
        base_lrs = _per_group("CyclicLR", "base_lr", optimizer, base_lr)
        if last_epoch == -1:
            for group, lr in zip(optimizer.param_groups, base_lrs):
                group["lr"] = lr
        self.max_lrs = _per_group("CyclicLR", "max_lr", optimizer, max_lr)
        up = float(step_size_up)
        down = float(step_size_down) if step_size_down is not None else up
        self.total_size = up + down
        self.step_ratio = up / self.total_size
        if mode not in ("triangular", "triangular2", "exp_range") and scale_fn is None:
            raise ValueError(f"CyclicLR: mode {mode!r} is invalid and scale_fn is None")
        self.mode, self.gamma = mode, gamma
        self._scale_fn_custom = scale_fn
        self.scale_mode = scale_mode
        self._init_scale_fn()
        self.cycle_momentum = cycle_momentum
        if cycle_momentum:
            self.use_beta1 = _momentum_kind("CyclicLR", optimizer)
            self.base_momentums = _per_group("CyclicLR", "base_momentum", optimizer, base_momentum)
            self.max_momentums = _per_group("CyclicLR", "max_momentum", optimizer, max_momentum)
            if last_epoch == -1:
                for group, top, bottom in zip(optimizer.param_groups, self.max_momentums, self.base_momentums):
                    _set_momentum(group, self.use_beta1, top)
                    group["max_momentum"] = top
                    group["base_momentum"] = bottom
        super().__init__(optimizer, last_epoch)
        self.base_lrs = base_lrs

    def _init_scale_fn(self):
        if self._scale_fn_custom is not None:
            return
        if self.mode == "triangular":
            self._scale_fn_ref, self.scale_mode = (lambda x: 1.0), "cycle"
        elif self.mode == "triangular2":
            self._scale_fn_ref, self.scale_mode = (lambda x: 1 / (2.0 ** (x - 1))), "cycle"
        else:
            gamma = self.gamma
            self._scale_fn_ref, self.scale_mode = (lambda x: gamma ** x), "iterations"

    def scale_fn(self, x):
        """The amplitude scale of the cycle at x: the scale_fn given, or the mode's own.

        'triangular' keeps 1, 'triangular2' halves the amplitude each cycle (x is the cycle number),
        'exp_range' gives gamma ** x (x is the iteration).

        Args:
            x (float): the cycle number or the iteration, by scale_mode.

        Returns:
            float: the factor applied to (max_lr - base_lr).

        Examples:
            >>> import nnlite
            >>> opt = nnlite.optim.SGD([nnlite.zeros(1, requires_grad=True)], lr=1.0, momentum=0.9)
            >>> sched = nnlite.optim.lr_scheduler.CyclicLR(opt, 0.1, 1.0, mode='triangular2')
            >>> sched.scale_fn(1), sched.scale_fn(3)
            (1.0, 0.25)
        """
        return (self._scale_fn_custom or self._scale_fn_ref)(x)

    def get_lr(self):
        cycle = math.floor(1 + self.last_epoch / self.total_size)
        x = 1.0 + self.last_epoch / self.total_size - cycle
        factor = x / self.step_ratio if x <= self.step_ratio else (x - 1) / (self.step_ratio - 1)
        scale = self.scale_fn(cycle if self.scale_mode == "cycle" else self.last_epoch)
        lrs = [base + (top - base) * factor * scale for base, top in zip(self.base_lrs, self.max_lrs)]
        if self.cycle_momentum:
            for group, bottom, top in zip(self.optimizer.param_groups, self.base_momentums, self.max_momentums):
                _set_momentum(group, self.use_beta1, top - (top - bottom) * factor * scale)
        return lrs

    def state_dict(self):
        return _without_functions(self, skip=("_scale_fn_ref",))

    def load_state_dict(self, state_dict):
        """Restores the state, then rebuilds the mode's scale function (functions are not saved).

        Args:
            state_dict (dict): made by state_dict().

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> opt = nnlite.optim.SGD([nnlite.zeros(1, requires_grad=True)], lr=1.0, momentum=0.9)
            >>> a = nnlite.optim.lr_scheduler.CyclicLR(opt, 0.1, 1.0, step_size_up=4)
            >>> a.step()
            >>> b = nnlite.optim.lr_scheduler.CyclicLR(opt, 0.1, 1.0, step_size_up=4)
            >>> b.load_state_dict(a.state_dict())
            >>> b.get_last_lr() == a.get_last_lr()
            True
        """
        self.__dict__.update(state_dict)
        self._init_scale_fn()
