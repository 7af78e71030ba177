"""SGD with momentum, dampening, Nesterov momentum, weight decay and maximize."""
from .. import _C
from .optimizer import Optimizer

__all__ = ["SGD"]


class SGD(Optimizer):
    """Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay (torch.optim.SGD).

    Args:
        params (iterable): the parameters, or dicts of parameter groups with their own options.
        lr (float): the learning rate.
        momentum (float): the momentum factor (0: plain SGD).
        dampening (float): damping of the momentum.
        weight_decay (float): L2 penalty added to the gradient.
        nesterov (bool): Nesterov momentum.
        maximize (bool): ascend instead of descend.

    Raises:
        ValueError: a negative lr, momentum or weight decay, or nesterov without momentum.

    Examples:
        >>> import nnlite
        >>> w = nnlite.tensor([1.0], requires_grad=True)
        >>> opt = nnlite.optim.SGD([w], lr=0.1)
        >>> (w * 2).sum().backward()
        >>> opt.step()
        >>> [round(v, 4) for v in w.tolist()]
        [0.8]
    """
    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False):
        _C.check_sgd_options(lr, momentum, dampening, weight_decay, nesterov, maximize)  # nnlite::optim's checks
        defaults = dict(
            lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay, nesterov=nesterov,
            maximize=maximize,
        )
        super().__init__(params, defaults)

    def step(self, closure=None):
        """One update of every parameter that has a grad: one C++ call per group.

        The bookkeeping (which buffers start from the gradient, which
        parameters to skip) is _C.sgd_group_step's, shared with nnlite::optim::SGD.
        """
        loss = self._run_closure(closure)
        from .. import no_grad

        with no_grad():
            for group in self.param_groups:
                params = group["params"]
                momentum = group["momentum"]
                old = [None] * len(params)
                if momentum != 0:
                    peek = self.state.peek
                    old = [None if s is None else s.get("momentum_buffer") for s in map(peek, params)]
                new = _C.sgd_group_step(params, old, group["lr"], momentum, group["dampening"],
                                        group["weight_decay"], group["nesterov"], group["maximize"])
                if momentum != 0:
                    for p, before, after in zip(params, old, new):
                        if after is not None and before is None:
                            self.state[p]["momentum_buffer"] = after
        return loss
