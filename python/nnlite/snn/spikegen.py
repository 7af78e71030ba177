"""Spike encoders, as snnTorch's ``spikegen``: time runs along a new first axis.

- ``rate``: Bernoulli spikes with probability ``clamp(data * gain + offset, 0, 1)``
- ``latency``: one spike per input, earlier for larger values (RC charging
  time ``tau * ln(x / (x - threshold))``, or linear with ``linear=True``)
- ``delta``: a spike where the signal rose by at least ``threshold`` since the
  previous step (and -1 where it fell, with ``off_spike=True``)
"""
import numpy as np

from .. import Tensor, from_numpy, rand, cat, zeros_like

__all__ = ["rate", "latency", "delta"]


def _tensor(name, data):
    if not isinstance(data, Tensor):
        raise TypeError(f"spikegen.{name}: data must be a Tensor, got {type(data).__name__}")
    return data


def rate(data, num_steps=None, gain=1, offset=0, first_spike_time=0, time_var_input=False, generator=None):
    """[num_steps, *data.shape] spikes, each 1 with probability
    ``clamp(data * gain + offset, 0, 1)``; with ``time_var_input=True`` the
    first axis of ``data`` already is time. The first ``first_spike_time``
    steps are silent."""
    _tensor("rate", data)
    if first_spike_time < 0 or (num_steps is not None and num_steps < 0):
        raise ValueError(f"spikegen.rate: first_spike_time and num_steps cannot be negative, "
                         f"got {first_spike_time} and {num_steps}")
    if time_var_input:
        if num_steps:
            raise ValueError("spikegen.rate: num_steps must not be given with time_var_input=True "
                             "(the first axis of data is time)")
        prob = data.clamp(0, 1)
    else:
        if not num_steps:
            raise ValueError(f"spikegen.rate: num_steps must be a positive int, got {num_steps!r}")
        if first_spike_time > num_steps - 1:
            raise ValueError(f"spikegen.rate: first_spike_time ({first_spike_time}) must be at most "
                             f"num_steps-1 ({num_steps - 1})")
        prob = (data * gain + offset).clamp(0, 1).unsqueeze(0).expand(num_steps, *data.shape)
    spikes = (rand(*prob.shape, generator=generator, device=prob.device) < prob).to(data.dtype)
    if first_spike_time > 0:
        silent = zeros_like(spikes[:first_spike_time])
        if time_var_input:
            return cat([silent, spikes])
        return cat([silent, spikes[first_spike_time:]])
    return spikes


def latency(data, num_steps=None, threshold=0.01, tau=1, first_spike_time=0, on_target=1, off_target=0,
            clip=False, normalize=False, linear=False, bypass=False, epsilon=1e-7):
    """[num_steps, *data.shape] with one spike per element of ``data`` (in
    [0, 1]) at its rounded firing time; values under ``threshold`` fire last
    (or never, with ``clip=True``). ``normalize=True`` stretches the times to
    span all ``num_steps``."""
    _tensor("latency", data)
    x = data.detach().numpy().astype(np.float32)
    if x.size and (x.min() < 0 or x.max() > 1):
        raise ValueError(f"spikegen.latency: data must lie in [0, 1], got [{x.min()}, {x.max()}]")
    if not 0 < threshold < 1:
        raise ValueError(f"spikegen.latency: threshold must lie in (0, 1), got {threshold}")
    if tau <= 0:
        raise ValueError(f"spikegen.latency: tau must be positive, got {tau}")
    if first_spike_time < 0:
        raise ValueError(f"spikegen.latency: first_spike_time cannot be negative, got {first_spike_time}")
    if not num_steps and not bypass:
        raise ValueError("spikegen.latency: num_steps must be given (or bypass=True to use the last spike time)")
    if num_steps and first_spike_time > num_steps - 1:
        raise ValueError(f"spikegen.latency: first_spike_time ({first_spike_time}) must be at most "
                         f"num_steps-1 ({num_steps - 1})")
    if normalize and not num_steps:
        raise ValueError("spikegen.latency: normalize=True needs num_steps")
    times = _spike_times(x, num_steps, np.float32(threshold), tau, first_spike_time, normalize, linear, epsilon)
    rounded = np.round(times).astype(np.int64)
    if not num_steps:
        num_steps = int(rounded.max()) + 1
    elif rounded.max() > num_steps - 1 and not bypass:
        raise ValueError(f"spikegen.latency: the latest spike time {rounded.max()} is out of bounds for "
                         f"num_steps={num_steps}; lower tau, or set normalize=True or bypass=True")
    steps = np.arange(num_steps).reshape((num_steps,) + (1,) * x.ndim)
    at = np.round(np.minimum(times, np.float32(num_steps - 1))).astype(np.int64)
    spikes = (steps == at) & (rounded <= num_steps - 1)
    if clip:
        spikes &= ~(x < threshold)
    out = np.maximum(spikes.astype(np.float32) * np.float32(on_target), np.float32(off_target))
    return from_numpy(out.astype(np.float32))


def _spike_times(x, num_steps, threshold, tau, first_spike_time, normalize, linear, epsilon):
    tau = np.float32(tau)
    if linear:
        if normalize:
            tau = np.float32(num_steps - 1 - first_spike_time)
        t = np.minimum(-tau * (x - 1), -tau * (threshold - 1)) + np.float32(first_spike_time)
        if t.min() < 0 and normalize:
            t = (t - t.min()) * (1 / (t.max() - t.min())) * np.float32(num_steps - 1)
        return t
    # RC charging time to reach the threshold; values under it saturate.
    x = np.maximum(x, threshold + np.float32(epsilon))
    t = tau * np.log(x / (x - threshold))
    if first_spike_time > 0:
        t = t + np.float32(first_spike_time)
    if normalize:
        span = np.float32(num_steps - first_spike_time - 1)
        t = (t - first_spike_time) * span / np.max(t - first_spike_time) + np.float32(first_spike_time)
    return t.astype(np.float32)


def delta(data, threshold=0.1, padding=False, off_spike=False):
    """Spikes where ``data[t] - data[t-1] >= threshold`` (time on axis 0).
    The step before the first is zeros, or the first step itself with
    ``padding=True``; ``off_spike=True`` adds -1 where it fell by threshold."""
    _tensor("delta", data)
    if data.dim() < 1 or data.shape[0] == 0:
        raise ValueError(f"spikegen.delta: data needs a non-empty time axis first, got shape {list(data.shape)}")
    first = data[:1] if padding else zeros_like(data[:1])
    previous = cat([first, data[:-1]])
    change = data - previous
    on = (change >= threshold).to(data.dtype)
    if not off_spike:
        return on
    return on - (change <= -threshold).to(data.dtype)
