"""Gradient clipping with torch.nn.utils' signatures; one C++ call each
(nnlite._C.clip_grad_norm_ / clip_grad_value_), which changes the .grad of the
parameters in place."""
import numbers

from ... import _C


def _parameters(parameters, fn):
    if isinstance(parameters, _C.Tensor):
        return [parameters]
    try:
        params = list(parameters)
    except TypeError:
        raise TypeError(f"{fn}: parameters must be a tensor or an iterable of tensors, got "
                        f"{type(parameters).__name__}") from None
    for i, p in enumerate(params):
        if not isinstance(p, _C.Tensor):
            raise TypeError(f"{fn}: parameters must be tensors, but element {i} is a {type(p).__name__}")
    return params


def _number(value, fn, name):
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, str)):
        raise TypeError(f"{fn}: {name} must be a number, got {type(value).__name__}")
    try:
        return float(value)  # torch accepts 'inf' for norm_type
    except ValueError:
        raise ValueError(f"{fn}: {name} must be a number, got {value!r}") from None


def clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None):
    """Scale the gradients of `parameters` so that their total norm (the norm
    of the per-parameter gradient norms, of order `norm_type`; inf for the
    largest magnitude) is at most `max_norm`; returns that total norm as a
    0-d tensor. `foreach` is accepted for torch's signature (one fused call
    either way)."""
    params = _parameters(parameters, "clip_grad_norm_")
    return _C.clip_grad_norm_(params, _number(max_norm, "clip_grad_norm_", "max_norm"),
                              _number(norm_type, "clip_grad_norm_", "norm_type"), bool(error_if_nonfinite))


def clip_grad_value_(parameters, clip_value, foreach=None):
    """Clamp the gradients of `parameters` to [-clip_value, clip_value] in place."""
    params = _parameters(parameters, "clip_grad_value_")
    _C.clip_grad_value_(params, _number(clip_value, "clip_grad_value_", "clip_value"))
