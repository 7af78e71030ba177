"""SGD with momentum, dampening, Nesterov momentum, weight decay and maximize."""
from .. import _C
from .optimizer import Optimizer

__all__ = ["SGD"]


class SGD(Optimizer):
    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False):
        if lr < 0.0:
            raise ValueError(f"SGD: invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"SGD: invalid momentum value: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"SGD: invalid weight_decay value: {weight_decay}")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("SGD: Nesterov momentum requires a momentum and zero dampening")
        defaults = dict(
            lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay, nesterov=nesterov,
            maximize=maximize,
        )
        super().__init__(params, defaults)

    def step(self, closure=None):
        """One update of every parameter that has a grad: one fused C++ call per group.

        A parameter's first update with momentum starts its buffer from the
        gradient (PyTorch's rule). Should a group mix parameters with and
        without a buffer (one got its first grad late), those two sets take
        one call each.
        """
        loss = self._run_closure(closure)
        from .. import no_grad, zeros_like

        with no_grad():
            for group in self.param_groups:
                momentum = group["momentum"]
                fresh = ([], [], [])  # params, grads, buffers starting this step
                running = ([], [], [])
                for p in group["params"]:
                    grad = p.grad
                    if grad is None:
                        continue
                    if momentum == 0:
                        running[0].append(p)
                        running[1].append(grad)
                        continue
                    state = self.state[p]
                    buf = state.get("momentum_buffer")
                    target = running
                    if buf is None:
                        buf = zeros_like(p)
                        state["momentum_buffer"] = buf
                        target = fresh
                    target[0].append(p)
                    target[1].append(grad)
                    target[2].append(buf)
                for (params, grads, bufs), first in ((fresh, True), (running, False)):
                    if not params:
                        continue
                    _C.sgd_step(
                        params, grads, bufs, group["lr"], momentum, group["dampening"], group["weight_decay"],
                        group["nesterov"], group["maximize"], first,
                    )
        return loss
