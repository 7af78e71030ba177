"""SGD with momentum, dampening, Nesterov momentum, weight decay and maximize."""
from .. import _C
from .optimizer import Optimizer

__all__ = ["SGD"]


class SGD(Optimizer):
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
