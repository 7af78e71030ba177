"""instance_norm through group_norm with one group per channel (the same
statistics: each (n, c) slice over its spatial positions), plus torch's
running-statistics update when running buffers are given and used."""
from ... import _C

__all__ = ["instance_norm"]


def instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None, use_input_stats=True,
                  momentum=0.1, eps=1e-5):
    """Normalize [N, C, *] per sample and channel; without use_input_stats, the
    running statistics normalize instead (as batch_norm in eval mode)."""
    if input.dim() < 3:
        raise ValueError(f"instance_norm: input must be [N, C, *] with at least one spatial dim but got shape "
                         f"{tuple(input.shape)}")
    c = input.size(1)
    if not use_input_stats:
        if running_mean is None or running_var is None:
            raise ValueError("instance_norm: running_mean and running_var are needed when use_input_stats=False")
        return _C.batch_norm(input, running_mean, running_var, weight, bias, False, momentum, eps)
    spatial = 1
    for s in tuple(input.shape)[2:]:
        spatial *= s
    if spatial <= 1:
        raise ValueError(f"instance_norm: expected more than 1 spatial element when training, got input shape "
                         f"{tuple(input.shape)}")
    if running_mean is not None or running_var is not None:
        _update_running(input, running_mean, running_var, momentum, spatial)
    return _C.group_norm(input, c, weight, bias, eps)


def _update_running(input, running_mean, running_var, momentum, spatial):
    """torch's rule: the batch's per-instance means and unbiased variances,
    averaged over the batch, enter the running averages with factor momentum."""
    from ... import no_grad

    with no_grad():
        flat = input.detach().flatten(2)
        mean = flat.mean(dim=2)
        var = ((flat - mean.unsqueeze(2)) ** 2).sum(dim=2) / (spatial - 1)
        if running_mean is not None:
            running_mean.mul_(1.0 - momentum).add_(mean.mean(dim=0) * momentum)
        if running_var is not None:
            running_var.mul_(1.0 - momentum).add_(var.mean(dim=0) * momentum)
