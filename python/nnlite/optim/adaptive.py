"""Adagrad, RMSprop, Adadelta, NAdam and RAdam with torch.optim's arguments and update rules.

Each step is one C++ call per parameter group (_C.rule_optimizer_group_step,
shared with nnlite::optim); this module only moves the state dicts (torch's
keys: "step", "sum", "square_avg", ...) in and out. torch's ``foreach``,
``fused`` and ``capturable`` choose between implementations of the same
update: they are accepted and ignored. ``differentiable=True`` (autograd
through the step) is not supported.
"""
from .. import _C
from .._C import Tensor
from .optimizer import Optimizer

__all__ = ["Adagrad", "RMSprop", "Adadelta", "NAdam", "RAdam"]

_NUMBER_KEYS = ("step", "mu_product")  # torch keeps these as 0-d tensors; the C++ step reads numbers


class _RuleOptimizer(Optimizer):
    """An optimizer whose update is one of nnlite's C++ rules (named by the class)."""

    _hyper_keys = ()  # the group entries the C++ rule reads

    def __init__(self, params, defaults, differentiable):
        if differentiable:
            raise ValueError(f"{type(self).__name__}: differentiable=True is not supported by nnlite")
        _C.check_rule_optimizer_options(self._rule_name(), self._hyper(defaults))
        super().__init__(params, defaults)

    @classmethod
    def _rule_name(cls):
        for klass in cls.__mro__:  # the nnlite class a user's subclass derives from
            if klass.__module__.startswith(__package__ + ".") and not klass.__name__.startswith("_"):
                return klass.__name__
        raise TypeError(f"{cls.__name__} derives from no nnlite rule optimizer")

    def _hyper(self, group):
        hyper = {key: group[key] for key in self._hyper_keys}
        if "betas" in group:
            betas = group["betas"]
            if len(betas) != 2:
                raise ValueError(f"{type(self).__name__}: betas must be a pair (beta1, beta2) but got {betas!r}")
            hyper["beta1"], hyper["beta2"] = betas
        return hyper

    def step(self, closure=None):
        loss = self._run_closure(closure)
        from .. import no_grad

        name = self._rule_name()
        with no_grad():
            for group in self.param_groups:
                params = group["params"]
                states = [_numbers_as_floats(self.state.peek(p)) for p in params]
                new_states = _C.rule_optimizer_group_step(name, params, states, self._hyper(group))
                for p, new in zip(params, new_states):
                    if p.grad is not None:
                        self.state[p].update(new)
        return loss


def _numbers_as_floats(state):
    if state is None:
        return {}
    out = dict(state)
    for key in _NUMBER_KEYS:
        if isinstance(out.get(key), Tensor):
            out[key] = out[key].item()
    return out


class Adagrad(_RuleOptimizer):
    """Adagrad: each parameter's step is scaled down by the root of its summed squared gradients.

    sum += g * g; p -= lr / (1 + (step - 1) * lr_decay) * g / (sqrt(sum) + eps).

    Args:
        params (iterable): the parameters, or dicts of parameter groups with their own options.
        lr (float): the learning rate.
        lr_decay (float): the decay of the learning rate per step.
        weight_decay (float): an L2 penalty added to the gradient.
        initial_accumulator_value (float): the starting value of sum.
        eps (float): added to the denominator.
        maximize (bool): ascend the objective instead of descending it.
        foreach, fused, capturable: accepted for torch's signature and ignored (one C++ implementation).
        differentiable (bool): must be False (autograd through the step is not supported).

    Raises:
        ValueError: an option out of its range (naming it), or differentiable=True.

    Examples:
        >>> import nnlite
        >>> w = nnlite.tensor([1.], requires_grad=True)
        >>> opt = nnlite.optim.Adagrad([w], lr=0.1)
        >>> (w * w).sum().backward()
        >>> opt.step()
        >>> bool(w.item() < 1)
        True
    """
    _hyper_keys = ("lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps", "maximize")

    def __init__(self, params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10,
                 foreach=None, *, maximize=False, differentiable=False, fused=None):
        defaults = dict(lr=lr, lr_decay=lr_decay, eps=eps, weight_decay=weight_decay,
                        initial_accumulator_value=initial_accumulator_value, foreach=foreach, maximize=maximize,
                        differentiable=differentiable, fused=fused)
        super().__init__(params, defaults, differentiable)


class RMSprop(_RuleOptimizer):
    """RMSprop: the gradient divided by a running root mean square of recent gradients.

    v = alpha * v + (1 - alpha) * g * g; p -= lr * g / (sqrt(v) + eps), with optional momentum
    and, when centered, the running mean of g subtracted from v.

    Args:
        params (iterable): the parameters, or dicts of parameter groups with their own options.
        lr (float): the learning rate.
        alpha (float): the smoothing constant of v.
        eps (float): added to the denominator.
        weight_decay (float): an L2 penalty added to the gradient.
        momentum (float): the momentum factor (0 for none).
        centered (bool): normalise by the estimated variance instead of the second moment.
        maximize (bool): ascend the objective instead of descending it.
        foreach, fused, capturable: accepted for torch's signature and ignored (one C++ implementation).
        differentiable (bool): must be False (autograd through the step is not supported).

    Raises:
        ValueError: an option out of its range (naming it), or differentiable=True.

    Examples:
        >>> import nnlite
        >>> w = nnlite.tensor([1.], requires_grad=True)
        >>> opt = nnlite.optim.RMSprop([w], lr=0.01)
        >>> (w * w).sum().backward()
        >>> opt.step()
        >>> bool(w.item() < 1)
        True
    """
    _hyper_keys = ("lr", "alpha", "eps", "weight_decay", "momentum", "centered", "maximize")

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False,
                 capturable=False, foreach=None, maximize=False, differentiable=False):
        defaults = dict(lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered, weight_decay=weight_decay,
                        capturable=capturable, foreach=foreach, maximize=maximize, differentiable=differentiable)
        super().__init__(params, defaults, differentiable)


class Adadelta(_RuleOptimizer):
    """Adadelta: steps sized by the ratio of running RMS of past updates to running RMS of gradients.

    Args:
        params (iterable): the parameters, or dicts of parameter groups with their own options.
        lr (float): a factor on the computed update (1 in the original method).
        rho (float): the decay of the running averages.
        eps (float): added inside the square roots.
        weight_decay (float): an L2 penalty added to the gradient.
        maximize (bool): ascend the objective instead of descending it.
        foreach, fused, capturable: accepted for torch's signature and ignored (one C++ implementation).
        differentiable (bool): must be False (autograd through the step is not supported).

    Raises:
        ValueError: an option out of its range (naming it), or differentiable=True.

    Examples:
        >>> import nnlite
        >>> w = nnlite.tensor([1.], requires_grad=True)
        >>> opt = nnlite.optim.Adadelta([w])
        >>> (w * w).sum().backward()
        >>> opt.step()
        >>> bool(w.item() < 1)
        True
    """
    _hyper_keys = ("lr", "rho", "eps", "weight_decay", "maximize")

    def __init__(self, params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0, foreach=None, *, capturable=False,
                 maximize=False, differentiable=False):
        defaults = dict(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay, maximize=maximize, capturable=capturable,
                        foreach=foreach, differentiable=differentiable)
        super().__init__(params, defaults, differentiable)


class NAdam(_RuleOptimizer):
    """NAdam: Adam with Nesterov momentum (Dozat), with torch's momentum-decay schedule.

    Args:
        params (iterable): the parameters, or dicts of parameter groups with their own options.
        lr (float): the learning rate.
        betas (tuple[float, float]): decay rates of the first and second moment estimates.
        eps (float): added to the denominator.
        weight_decay (float): the weight decay (an L2 penalty, or decoupled as in AdamW).
        momentum_decay (float): how fast the momentum schedule warms up.
        decoupled_weight_decay (bool): apply weight decay to the parameter directly.
        maximize (bool): ascend the objective instead of descending it.
        foreach, fused, capturable: accepted for torch's signature and ignored (one C++ implementation).
        differentiable (bool): must be False (autograd through the step is not supported).

    Raises:
        ValueError: an option out of its range (naming it), or differentiable=True.

    Examples:
        >>> import nnlite
        >>> w = nnlite.tensor([1.], requires_grad=True)
        >>> opt = nnlite.optim.NAdam([w], lr=0.1)
        >>> (w * w).sum().backward()
        >>> opt.step()
        >>> bool(w.item() < 1)
        True
    """
    _hyper_keys = ("lr", "eps", "weight_decay", "momentum_decay", "decoupled_weight_decay", "maximize")

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3,
                 decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False):
        defaults = dict(lr=lr, betas=tuple(betas), eps=eps, weight_decay=weight_decay, momentum_decay=momentum_decay,
                        decoupled_weight_decay=decoupled_weight_decay, maximize=maximize, foreach=foreach,
                        capturable=capturable, differentiable=differentiable)
        super().__init__(params, defaults, differentiable)


class RAdam(_RuleOptimizer):
    """RAdam: Adam with its adaptive step rectified for the variance of the early second-moment estimates.

    For the first few steps (while the rectification term is undefined) it takes plain momentum
    steps, as in torch.

    Args:
        params (iterable): the parameters, or dicts of parameter groups with their own options.
        lr (float): the learning rate.
        betas (tuple[float, float]): decay rates of the first and second moment estimates.
        eps (float): added to the denominator.
        weight_decay (float): the weight decay (an L2 penalty, or decoupled as in AdamW).
        decoupled_weight_decay (bool): apply weight decay to the parameter directly.
        maximize (bool): ascend the objective instead of descending it.
        foreach, fused, capturable: accepted for torch's signature and ignored (one C++ implementation).
        differentiable (bool): must be False (autograd through the step is not supported).

    Raises:
        ValueError: an option out of its range (naming it), or differentiable=True.

    Examples:
        >>> import nnlite
        >>> w = nnlite.tensor([1.], requires_grad=True)
        >>> opt = nnlite.optim.RAdam([w], lr=0.1)
        >>> (w * w).sum().backward()
        >>> opt.step()
        >>> bool(w.item() < 1)
        True
    """
    _hyper_keys = ("lr", "eps", "weight_decay", "decoupled_weight_decay", "maximize")

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, decoupled_weight_decay=False,
                 *, foreach=None, maximize=False, capturable=False, differentiable=False):
        defaults = dict(lr=lr, betas=tuple(betas), eps=eps, weight_decay=weight_decay, maximize=maximize,
                        foreach=foreach, capturable=capturable, decoupled_weight_decay=decoupled_weight_decay,
                        differentiable=differentiable)
        super().__init__(params, defaults, differentiable)
