"""Adam and AdamW (decoupled weight decay), with amsgrad and maximize."""
from .. import _C
from .optimizer import Optimizer

__all__ = ["Adam", "AdamW"]


def _check_hyper(name, lr, betas, eps, weight_decay):
    if not 0.0 <= lr:
        raise ValueError(f"{name}: invalid learning rate: {lr}")
    if not 0.0 <= eps:
        raise ValueError(f"{name}: invalid epsilon value: {eps}")
    if len(betas) != 2:
        raise ValueError(f"{name}: betas must be a pair (beta1, beta2) but got {betas!r}")
    for i, beta in enumerate(betas):
        if not 0.0 <= beta < 1.0:
            raise ValueError(f"{name}: invalid beta parameter at index {i}: {beta}")
    if not 0.0 <= weight_decay:
        raise ValueError(f"{name}: invalid weight_decay value: {weight_decay}")


class Adam(Optimizer):
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
        """One update of every parameter that has a grad: one fused C++ call per group.

        The step count lives per parameter (as in PyTorch); parameters whose
        counts differ (one got its first grad late) are updated in one call
        per distinct count.
        """
        loss = self._run_closure(closure)
        from .. import no_grad, zeros_like

        with no_grad():
            for group in self.param_groups:
                amsgrad = group["amsgrad"]
                by_step = {}
                for p in group["params"]:
                    grad = p.grad
                    if grad is None:
                        continue
                    state = self.state[p]
                    if not state:
                        state["step"] = 0
                        state["exp_avg"] = zeros_like(p)
                        state["exp_avg_sq"] = zeros_like(p)
                    if amsgrad and "max_exp_avg_sq" not in state:
                        state["max_exp_avg_sq"] = zeros_like(p)
                    state["step"] += 1
                    lists = by_step.setdefault(state["step"], ([], [], [], [], []))
                    lists[0].append(p)
                    lists[1].append(grad)
                    lists[2].append(state["exp_avg"])
                    lists[3].append(state["exp_avg_sq"])
                    if amsgrad:
                        lists[4].append(state["max_exp_avg_sq"])
                beta1, beta2 = group["betas"]
                for step, (params, grads, exp_avgs, exp_avg_sqs, max_sqs) in by_step.items():
                    _C.adam_step(
                        params, grads, exp_avgs, exp_avg_sqs, max_sqs, step, group["lr"], beta1, beta2, group["eps"],
                        group["weight_decay"], amsgrad, group["decoupled_weight_decay"], group["maximize"],
                    )
        return loss


class AdamW(Adam):
    """Adam with decoupled weight decay: param *= 1 - lr * weight_decay before the Adam update."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *,
                 maximize=False):
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, maximize=maximize, decoupled_weight_decay=True)
