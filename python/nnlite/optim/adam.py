"""Adam and AdamW (decoupled weight decay), with amsgrad and maximize."""
from .. import _C
from .optimizer import Optimizer

__all__ = ["Adam", "AdamW"]


def _check_hyper(name, lr, betas, eps, weight_decay):
    if len(betas) != 2:
        raise ValueError(f"{name}: betas must be a pair (beta1, beta2) but got {betas!r}")
    _C.check_adam_options(name, lr, betas[0], betas[1], eps, weight_decay)  # nnlite::optim's checks


class Adam(Optimizer):
    """Adam (Kingma and Ba), with optional AMSGrad and decoupled weight decay (torch.optim.Adam).

    Args:
        params (iterable): the parameters, or dicts of parameter groups with their own options.
        lr (float): the learning rate.
        betas (tuple[float, float]): decay rates of the first and second moment estimates.
        eps (float): added to the denominator.
        weight_decay (float): L2 penalty (decoupled, as AdamW, when decoupled_weight_decay).
        amsgrad (bool): use the maximum of the second moments.

    Raises:
        ValueError: an option out of its range, naming it.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> opt = nnlite.optim.Adam(nn.Linear(3, 2).parameters(), lr=1e-3)
        >>> len(opt.param_groups[0]['params'])
        2
    """
    def __init__(
        self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *, maximize=False,
        decoupled_weight_decay=False,
    ):
        _check_hyper(type(self).__name__, lr, betas, eps, weight_decay)
        defaults = dict(
            lr=lr, betas=tuple(betas), eps=eps, weight_decay=weight_decay, amsgrad=amsgrad, maximize=maximize,
            decoupled_weight_decay=decoupled_weight_decay,
        )
        super().__init__(params, defaults)

    def step(self, closure=None):
        """One update of every parameter that has a grad: one C++ call per group.

        The bookkeeping (per-parameter step counts, made-on-first-use moments,
        one fused update per distinct count) is _C.adam_group_step's, shared
        with nnlite::optim::Adam; this only moves the state in and out.
        """
        loss = self._run_closure(closure)
        from .. import no_grad

        with no_grad():
            for group in self.param_groups:
                params = group["params"]
                states = list(map(self.state.peek, params))
                steps = [0 if s is None else int(s.get("step", 0)) for s in states]
                exp_avgs = [None if s is None else s.get("exp_avg") for s in states]
                exp_avg_sqs = [None if s is None else s.get("exp_avg_sq") for s in states]
                max_sqs = [None if s is None else s.get("max_exp_avg_sq") for s in states]
                beta1, beta2 = group["betas"]
                amsgrad = group["amsgrad"]
                new_steps, exp_avgs, exp_avg_sqs, max_sqs = _C.adam_group_step(
                    params, steps, exp_avgs, exp_avg_sqs, max_sqs, group["lr"], beta1, beta2, group["eps"],
                    group["weight_decay"], amsgrad, group["decoupled_weight_decay"], group["maximize"],
                )
                for i, p in enumerate(params):
                    if new_steps[i] == steps[i]:
                        continue  # no grad: untouched
                    state = self.state[p]
                    state["step"] = new_steps[i]
                    state["exp_avg"] = exp_avgs[i]
                    state["exp_avg_sq"] = exp_avg_sqs[i]
                    if amsgrad:
                        state["max_exp_avg_sq"] = max_sqs[i]
        return loss


class AdamW(Adam):
    """Adam with decoupled weight decay: param *= 1 - lr * weight_decay before the Adam update."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *,
                 maximize=False):
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, maximize=maximize, decoupled_weight_decay=True)
