"""LARS and LAMB: the layer-wise adaptive rates of large-minibatch training.

Both scale each parameter tensor's step by a trust ratio (the tensor's norm
over its update's norm), so that every layer moves by a similar fraction of
its weights however large the batch and learning rate (You et al. 2017 and
2019; with the linear scaling rule and warm-up of Goyal et al. 2017, see
``lr_scheduler.LinearLR``/``SequentialLR``). The update rules are nnlite's
C++ rules (``_C.rule_optimizer_group_step``), shared with ``nnlite::optim``.

Put biases and normalisation parameters in a group with ``weight_decay=0``:
such a group keeps the plain step (no trust ratio) unless ``always_adapt``,
which is how the large-batch recipes exclude them::

    decay = [p for p in model.parameters() if p.dim() > 1]
    rest = [p for p in model.parameters() if p.dim() <= 1]
    opt = nnlite.optim.LARS([{"params": decay, "weight_decay": 5e-4},
                             {"params": rest, "weight_decay": 0}], lr=2.0, momentum=0.9)
"""
from .adaptive import _RuleOptimizer

__all__ = ["LARS", "LAMB"]


class LARS(_RuleOptimizer):
    """SGD with momentum and a per-tensor rate: the step of ``p`` is scaled by
    ``trust_coefficient * ||p|| / (||g|| + weight_decay * ||p|| + eps)`` (1
    where either norm is 0); ``trust_clip`` caps that local rate at ``lr``
    (LARC). State: ``momentum_buffer`` (torch's SGD key) and ``step``."""

    _hyper_keys = ("lr", "momentum", "dampening", "weight_decay", "nesterov", "trust_coefficient", "eps",
                   "trust_clip", "always_adapt", "maximize")

    def __init__(self, params, lr=1.0, momentum=0, dampening=0, weight_decay=0, nesterov=False,
                 trust_coefficient=1e-3, eps=1e-8, trust_clip=False, always_adapt=False, *, maximize=False):
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay, nesterov=nesterov,
                        trust_coefficient=trust_coefficient, eps=eps, trust_clip=trust_clip,
                        always_adapt=always_adapt, maximize=maximize)
        super().__init__(params, defaults, False)


class LAMB(_RuleOptimizer):
    """Adam's bias-corrected direction plus decoupled weight decay,
    ``u = m_hat / (sqrt(v_hat) + eps) + weight_decay * p``, scaled per tensor by
    ``||p|| / ||u||`` (1 where either norm is 0). State: ``step``, ``exp_avg``,
    ``exp_avg_sq`` (torch's Adam keys)."""

    _hyper_keys = ("lr", "eps", "weight_decay", "bias_correction", "trust_clip", "always_adapt", "maximize")

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-6, weight_decay=0.01, bias_correction=True,
                 trust_clip=False, always_adapt=False, *, maximize=False):
        defaults = dict(lr=lr, betas=tuple(betas), eps=eps, weight_decay=weight_decay,
                        bias_correction=bias_correction, trust_clip=trust_clip, always_adapt=always_adapt,
                        maximize=maximize)
        super().__init__(params, defaults, False)
