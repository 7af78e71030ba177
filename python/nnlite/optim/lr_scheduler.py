"""Learning-rate schedulers with PyTorch's numbers.

Like PyTorch, each scheduler updates the learning rates recursively from the
current ``group["lr"]`` (so schedulers can be chained), keeps ``last_epoch``
(-1 before the initial step done by the constructor) and stores
``initial_lr`` in every parameter group.
"""
import math
import types
import warnings
from bisect import bisect_right
from collections import Counter

from .optimizer import Optimizer

__all__ = [
    "LRScheduler", "StepLR", "MultiStepLR", "CosineAnnealingLR", "LinearLR", "SequentialLR", "ExponentialLR", "LambdaLR",
    "ReduceLROnPlateau", "OneCycleLR", "CyclicLR",
]


class LRScheduler:
    """Base class. Subclasses implement get_lr() (the recursive form) and may
    implement _get_closed_form_lr() (used by the deprecated step(epoch))."""

    def __init__(self, optimizer, last_epoch=-1):
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"{type(self).__name__}: {type(optimizer).__name__} is not an Optimizer")
        self.optimizer = optimizer
        if last_epoch == -1:
            for group in optimizer.param_groups:
                group.setdefault("initial_lr", group["lr"])
        else:
            for i, group in enumerate(optimizer.param_groups):
                if "initial_lr" not in group:
                    raise KeyError(
                        f"{type(self).__name__}: param 'initial_lr' is not specified in param_groups[{i}] when "
                        "resuming a scheduler with last_epoch >= 0 (load the optimizer's state first)"
                    )
        self.base_lrs = [group["initial_lr"] for group in optimizer.param_groups]
        self.last_epoch = last_epoch
        self._is_initial = False
        self._initial_step()

    def _initial_step(self):
        """Reset the step count and take the step that sets the first learning rate."""
        self._step_count = 0
        self._is_initial = True
        try:
            self.step()
        finally:
            self._is_initial = False

    def get_lr(self):
        """The learning rates of the current step (last_epoch), one per parameter group.

        Each scheduler computes them from the groups' current lr (the recursive form), which lets
        schedulers be chained; step() calls it and writes the values into the groups. Call
        get_last_lr() to read the rates in use: calling get_lr() yourself may advance a recursive
        schedule's state in torch, and has no meaning between steps.

        Returns:
            list[float]: the new learning rates.

        Raises:
            NotImplementedError: in the base class.

        Examples:
            >>> import nnlite
            >>> opt = nnlite.optim.SGD([nnlite.zeros(1, requires_grad=True)], lr=1.0)
            >>> sched = nnlite.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
            >>> sched.get_lr()  # epoch 0: the starting rate
            [1.0]
        """
        raise NotImplementedError(f"{type(self).__name__} does not implement get_lr()")

    def get_last_lr(self):
        """The learning rates set by the latest step, one per parameter group."""
        return list(self._last_lr)

    def step(self, epoch=None):
        """Advances the schedule by one epoch (or step) and sets the optimizer's learning rates.

        Call it after optimizer.step(). Passing epoch jumps to that epoch using the closed form where
        the scheduler has one; it is deprecated (as in torch) and warns.

        Args:
            epoch (int | None): deprecated: the epoch to jump to.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> opt = nnlite.optim.SGD([nnlite.zeros(1, requires_grad=True)], lr=1.0)
            >>> sched = nnlite.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.1)
            >>> for _ in range(2):
            ...     opt.step()
            ...     sched.step()
            >>> [round(lr, 6) for lr in sched.get_last_lr()]
            [0.1]
        """
        self._step_count += 1
        if epoch is not None:
            warnings.warn(
                "The epoch parameter in scheduler.step() is deprecated; call step() without it.",
                UserWarning,
                stacklevel=2,
            )
        self._update_lr(epoch)

    def _update_lr(self, epoch=None):
        if epoch is None:
            self.last_epoch += 1
            values = self.get_lr()
        else:
            self.last_epoch = epoch
            closed_form = getattr(self, "_get_closed_form_lr", None)
            values = closed_form() if closed_form is not None else self.get_lr()
        for group, lr in zip(self.optimizer.param_groups, values):
            group["lr"] = lr
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]

    def _current_lrs(self):
        return [group["lr"] for group in self.optimizer.param_groups]

    def state_dict(self):
        """Every attribute but the optimizer."""
        return {key: value for key, value in self.__dict__.items() if key != "optimizer"}

    def load_state_dict(self, state_dict):
        """Restores the scheduler's state from a dict made by state_dict().

        Args:
            state_dict (dict): the saved state (every attribute but the optimizer).

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> opt = nnlite.optim.SGD([nnlite.zeros(1, requires_grad=True)], lr=1.0)
            >>> a = nnlite.optim.lr_scheduler.ExponentialLR(opt, gamma=0.5)
            >>> a.step()
            >>> b = nnlite.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)
            >>> b.load_state_dict(a.state_dict())
            >>> b.gamma, b.last_epoch
            (0.5, 1)
        """
        self.__dict__.update(state_dict)


class StepLR(LRScheduler):
    """Multiply the learning rate by gamma every step_size epochs."""

    def __init__(self, optimizer, step_size, gamma=0.1, last_epoch=-1):
        if isinstance(step_size, bool) or not isinstance(step_size, int) or step_size <= 0:
            raise ValueError(f"StepLR: step_size must be a positive integer but got {step_size!r}")
        self.step_size = step_size
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        if self.last_epoch == 0 or self.last_epoch % self.step_size != 0:
            return self._current_lrs()
        return [lr * self.gamma for lr in self._current_lrs()]

    def _get_closed_form_lr(self):
        return [base * self.gamma ** (self.last_epoch // self.step_size) for base in self.base_lrs]


class MultiStepLR(LRScheduler):
    """Multiply the learning rate by gamma at each milestone (repeated milestones count twice)."""

    def __init__(self, optimizer, milestones, gamma=0.1, last_epoch=-1):
        self.milestones = Counter(milestones)
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        if self.last_epoch not in self.milestones:
            return self._current_lrs()
        factor = self.gamma ** self.milestones[self.last_epoch]
        return [lr * factor for lr in self._current_lrs()]

    def _get_closed_form_lr(self):
        milestones = sorted(self.milestones.elements())
        return [base * self.gamma ** bisect_right(milestones, self.last_epoch) for base in self.base_lrs]


class LinearLR(LRScheduler):
    """Scale the learning rate linearly from start_factor to end_factor over total_iters epochs (warm-up)."""

    def __init__(self, optimizer, start_factor=1.0 / 3, end_factor=1.0, total_iters=5, last_epoch=-1):
        if start_factor > 1.0 or start_factor <= 0:
            raise ValueError(f"LinearLR: start_factor must be in (0, 1] but got {start_factor}")
        if end_factor > 1.0 or end_factor < 0:
            raise ValueError(f"LinearLR: end_factor must be in [0, 1] but got {end_factor}")
        self.start_factor = start_factor
        self.end_factor = end_factor
        self.total_iters = total_iters
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        if self.last_epoch == 0:
            return [lr * self.start_factor for lr in self._current_lrs()]
        if self._is_initial or self.last_epoch > self.total_iters:
            return self._current_lrs()
        # The ratio between consecutive factors of the linear ramp.
        delta = self.end_factor - self.start_factor
        ratio = 1.0 + delta / (self.total_iters * self.start_factor + (self.last_epoch - 1) * delta)
        return [lr * ratio for lr in self._current_lrs()]

    def _get_closed_form_lr(self):
        delta = self.end_factor - self.start_factor
        fraction = min(self.total_iters, self.last_epoch) / self.total_iters
        return [base * (self.start_factor + delta * fraction) for base in self.base_lrs]


class ExponentialLR(LRScheduler):
    """Multiply the learning rate by gamma every epoch."""

    def __init__(self, optimizer, gamma, last_epoch=-1):
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        if self._is_initial:
            return self._current_lrs()
        return [lr * self.gamma for lr in self._current_lrs()]

    def _get_closed_form_lr(self):
        return [base * self.gamma ** self.last_epoch for base in self.base_lrs]


class LambdaLR(LRScheduler):
    """base_lr * lr_lambda(epoch), with one function for every group or one per group."""

    def __init__(self, optimizer, lr_lambda, last_epoch=-1):
        groups = optimizer.param_groups if isinstance(optimizer, Optimizer) else []
        if isinstance(lr_lambda, (list, tuple)):
            if len(lr_lambda) != len(groups):
                raise ValueError(f"LambdaLR: expected {len(groups)} lr_lambdas, but got {len(lr_lambda)}")
            self.lr_lambdas = list(lr_lambda)
        else:
            self.lr_lambdas = [lr_lambda] * len(groups)
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        return [base * fn(self.last_epoch) for fn, base in zip(self.lr_lambdas, self.base_lrs)]

    def state_dict(self):
        """As torch: the functions are not saved (only the attributes of callable objects)."""
        state = {key: value for key, value in self.__dict__.items() if key not in ("optimizer", "lr_lambdas")}
        state["lr_lambdas"] = [
            None if isinstance(fn, types.FunctionType) else dict(fn.__dict__) for fn in self.lr_lambdas
        ]
        return state

    def load_state_dict(self, state_dict):
        """Restores the state; the lambdas themselves are not saved, only the attributes of callable objects.

        Plain functions and lambdas cannot be serialised, so the scheduler keeps its own; a callable
        object's attributes (its __dict__) are restored into it, as in torch.

        Args:
            state_dict (dict): the saved state.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> opt = nnlite.optim.SGD([nnlite.zeros(1, requires_grad=True)], lr=1.0)
            >>> a = nnlite.optim.lr_scheduler.LambdaLR(opt, lambda epoch: 0.5 ** epoch)
            >>> a.step()
            >>> b = nnlite.optim.lr_scheduler.LambdaLR(opt, lambda epoch: 0.5 ** epoch)
            >>> b.load_state_dict(a.state_dict())
            >>> b.last_epoch
            1
        """
        state = dict(state_dict)
        saved = state.pop("lr_lambdas")
        self.__dict__.update(state)
        for fn, attrs in zip(self.lr_lambdas, saved):
            if attrs is not None:
                fn.__dict__.update(attrs)


class CosineAnnealingLR(LRScheduler):
    """eta_min + (base_lr - eta_min) * (1 + cos(pi * epoch / T_max)) / 2, computed recursively."""

    def __init__(self, optimizer, T_max, eta_min=0.0, last_epoch=-1):
        if T_max <= 0:
            raise ValueError(f"CosineAnnealingLR: T_max must be positive but got {T_max}")
        self.T_max = T_max
        self.eta_min = eta_min
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        lrs = self._current_lrs()
        if self._is_initial:
            return lrs
        t, eta_min = self.last_epoch, self.eta_min
        if self._step_count == 1 and t > 0:  # resumed with last_epoch > 0: closed form
            return [eta_min + (base - eta_min) * (1 + math.cos(t * math.pi / self.T_max)) / 2 for base in self.base_lrs]
        if (t - 1 - self.T_max) % (2 * self.T_max) == 0:  # the bottom of the cosine: climb back up
            return [
                lr + (base - eta_min) * (1 - math.cos(math.pi / self.T_max)) / 2 for lr, base in zip(lrs, self.base_lrs)
            ]
        ratio = (1 + math.cos(math.pi * t / self.T_max)) / (1 + math.cos(math.pi * (t - 1) / self.T_max))
        return [ratio * (lr - eta_min) + eta_min for lr in lrs]

    def _get_closed_form_lr(self):
        return [
            self.eta_min + (base - self.eta_min) * (1 + math.cos(math.pi * self.last_epoch / self.T_max)) / 2
            for base in self.base_lrs
        ]


class SequentialLR(LRScheduler):
    """Run schedulers one after another, switching at the given milestones."""

    def __init__(self, optimizer, schedulers, milestones, last_epoch=-1):
        schedulers = list(schedulers)
        milestones = list(milestones)
        if not schedulers:
            raise ValueError("SequentialLR: expects at least one scheduler, but got none")
        for i, scheduler in enumerate(schedulers):
            if not isinstance(scheduler, LRScheduler):
                raise TypeError(f"SequentialLR: schedulers[{i}] is a {type(scheduler).__name__}, not an LRScheduler")
            if scheduler.optimizer is not optimizer:
                raise ValueError(
                    f"SequentialLR: schedulers[{i}] ({type(scheduler).__name__}) belongs to another optimizer"
                )
        if len(milestones) != len(schedulers) - 1:
            raise ValueError(
                f"SequentialLR: expects one milestone fewer than schedulers, but got {len(schedulers)} schedulers "
                f"and {len(milestones)} milestones"
            )
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"SequentialLR: {type(optimizer).__name__} is not an Optimizer")
        self._schedulers = schedulers
        self._milestones = milestones
        self.last_epoch = last_epoch + 1
        self.optimizer = optimizer
        # Each scheduler's constructor already took its initial step: undo
        # them, restart from the initial rates and let the first one begin.
        for group in optimizer.param_groups:
            group["lr"] = group["initial_lr"]
        self._undo_steps(self)
        first = self._schedulers[bisect_right(self._milestones, 0)]
        first._initial_step()
        self._last_lr = first.get_last_lr()

    def _undo_steps(self, scheduler):
        if hasattr(scheduler, "_schedulers"):
            for inner in scheduler._schedulers:
                self._undo_steps(inner)
        elif hasattr(scheduler, "last_epoch"):
            scheduler.last_epoch -= 1

    def step(self):
        """Advances the schedule: steps the scheduler whose turn it is, switching at each milestone.

        At a milestone the next scheduler starts from its epoch 0 (as in torch).

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> opt = nnlite.optim.SGD([nnlite.zeros(1, requires_grad=True)], lr=1.0)
            >>> warm = nnlite.optim.lr_scheduler.LinearLR(opt, start_factor=0.5, total_iters=1)
            >>> decay = nnlite.optim.lr_scheduler.ExponentialLR(opt, gamma=0.5)
            >>> sched = nnlite.optim.lr_scheduler.SequentialLR(opt, [warm, decay], milestones=[1])
            >>> lrs = []
            >>> for _ in range(3):
            ...     opt.step()
            ...     sched.step()
            ...     lrs.append(sched.get_last_lr()[0])
            >>> lrs
            [1.0, 0.5, 0.25]
        """
        self.last_epoch += 1
        idx = bisect_right(self._milestones, self.last_epoch)
        scheduler = self._schedulers[idx]
        if idx > 0 and self._milestones[idx - 1] == self.last_epoch:
            scheduler._update_lr(0)  # a new phase starts from its epoch 0 (closed form)
        else:
            scheduler.step()
        self._last_lr = scheduler.get_last_lr()

    def state_dict(self):
        state = {key: value for key, value in self.__dict__.items() if key not in ("optimizer", "_schedulers")}
        state["_schedulers"] = [s.state_dict() for s in self._schedulers]
        return state

    def load_state_dict(self, state_dict):
        """Restores the state, including that of each wrapped scheduler.

        Args:
            state_dict (dict): made by state_dict(), with the wrapped schedulers' states under '_schedulers'.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> opt = nnlite.optim.SGD([nnlite.zeros(1, requires_grad=True)], lr=1.0)
            >>> make = lambda: nnlite.optim.lr_scheduler.SequentialLR(opt, [
            ...     nnlite.optim.lr_scheduler.LinearLR(opt, start_factor=0.5, total_iters=1),
            ...     nnlite.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)], milestones=[1])
            >>> a = make()
            >>> a.step()
            >>> b = make()
            >>> b.load_state_dict(a.state_dict())
            >>> b.last_epoch
            1
        """
        state = dict(state_dict)
        inner = state.pop("_schedulers")
        self.__dict__.update(state)
        for scheduler, saved in zip(self._schedulers, inner):
            scheduler.load_state_dict(saved)


from .lr_cycles import CyclicLR, OneCycleLR, ReduceLROnPlateau  # noqa: E402  (they derive from LRScheduler)
