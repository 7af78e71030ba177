# nnlite.snn.spikegen and nnlite.snn.functional against snnTorch 1.0:
# latency and delta exactly, rate statistically, losses and accuracy by value.
import numpy as np
import pytest

import nnlite
import nnlite.snn as snn

try:  # the comparisons need snnTorch (and torch); the rest of the file runs without
    import torch
    import snntorch
    from snntorch import spikegen as tgen
    from snntorch import functional as tfn
except ImportError:
    torch = snntorch = tgen = tfn = None
needs_snntorch = pytest.mark.skipif(snntorch is None, reason="snntorch is not installed")


def _pair(arr):
    return nnlite.from_numpy(arr.copy()), torch.from_numpy(arr.copy())


@needs_snntorch
@pytest.mark.parametrize("kw", [
    dict(num_steps=20),
    dict(num_steps=20, tau=5, threshold=0.05, normalize=True),
    dict(num_steps=15, normalize=True, linear=True),
    dict(num_steps=15, normalize=True),
    dict(num_steps=12, linear=True, tau=8, clip=True),
    dict(num_steps=30, tau=4, first_spike_time=3, on_target=2, off_target=0.5, bypass=True),
    dict(num_steps=6, tau=5, bypass=True),
    dict(tau=3, bypass=True),
])
def test_latency_matches_snntorch(kw, rng):
    data = rng.uniform(0, 1, (4, 9)).astype(np.float32)
    data[0, :3] = [0.0, 0.005, 1.0]
    a, b = _pair(data)
    ours, ref = snn.spikegen.latency(a, **kw).numpy(), tgen.latency(b, **kw).numpy()
    assert ours.shape == ref.shape
    np.testing.assert_array_equal(ours, ref)


def test_latency_bad_input():
    with pytest.raises(ValueError, match=r"latency: data must lie in \[0, 1\]"):
        snn.spikegen.latency(nnlite.tensor([0.5, 1.5]), num_steps=5)
    with pytest.raises(ValueError, match="latency: num_steps must be given"):
        snn.spikegen.latency(nnlite.tensor([0.5]))
    with pytest.raises(ValueError, match="out of bounds for num_steps=3"):
        snn.spikegen.latency(nnlite.tensor([0.02]), num_steps=3, tau=5)


@needs_snntorch
@pytest.mark.parametrize("kw", [dict(), dict(threshold=0.3), dict(padding=True), dict(off_spike=True, threshold=0.2),
                                dict(padding=True, off_spike=True)])
def test_delta_matches_snntorch(kw, rng):
    data = rng.uniform(-1, 1, (10, 3, 4)).astype(np.float32)
    a, b = _pair(data)
    np.testing.assert_array_equal(snn.spikegen.delta(a, **kw).numpy(), tgen.delta(b, **kw).numpy())


@needs_snntorch
@pytest.mark.parametrize("kw", [dict(num_steps=400), dict(num_steps=400, gain=0.5, offset=0.1),
                                dict(num_steps=400, first_spike_time=3)])
def test_rate_firing_probability_matches_snntorch(kw, rng):
    data = rng.uniform(-0.2, 1.2, (6, 7)).astype(np.float32)
    a, b = _pair(data)
    torch.manual_seed(0)
    ours, ref = snn.spikegen.rate(a, **kw).numpy(), tgen.rate(b, **kw).numpy()
    assert ours.shape == ref.shape == (400, 6, 7)
    assert set(np.unique(ours)) <= {0.0, 1.0}
    first = kw.get("first_spike_time", 0)
    assert not ours[:first].any() and not ref[:first].any()
    p = np.clip(data * kw.get("gain", 1) + kw.get("offset", 0), 0, 1)
    # 400 Bernoulli draws: the rate's standard error is at most 0.025
    np.testing.assert_allclose(ours[first:].mean(0), p, atol=0.11)
    np.testing.assert_allclose(ours[first:].mean(0), ref[first:].mean(0), atol=0.15)
    assert abs(ours[first:].mean() - p.mean()) < 0.02


def test_rate_time_varying_input_and_generator():
    data = nnlite.rand(5, 2, 3)
    out = snn.spikegen.rate(data, time_var_input=True, first_spike_time=2)
    assert tuple(out.shape) == (7, 2, 3) and not out[:2].numpy().any()
    g1, g2 = nnlite.Generator().manual_seed(3), nnlite.Generator().manual_seed(3)
    x = nnlite.full((4, 4), 0.5)
    assert snn.spikegen.rate(x, 10, generator=g1).tolist() == snn.spikegen.rate(x, 10, generator=g2).tolist()
    with pytest.raises(ValueError, match="rate: num_steps must be a positive int"):
        snn.spikegen.rate(x)


def _spikes(rng, T=8, B=6, C=5):
    spk = (rng.uniform(size=(T, B, C)) < 0.4).astype(np.float32)
    targets = rng.integers(0, C, B)
    return spk, targets


@needs_snntorch
@pytest.mark.parametrize("name, kw", [
    ("ce_rate_loss", {}), ("ce_rate_loss", {"reduction": "none"}), ("ce_rate_loss", {"reduction": "sum"}),
    ("ce_count_loss", {}), ("ce_count_loss", {"reduction": "none"}), ("ce_count_loss", {"reduction": "sum"}),
    ("mse_count_loss", {}), ("mse_count_loss", {"correct_rate": 0.8, "incorrect_rate": 0.2}),
    ("mse_count_loss", {"reduction": "sum"}),
])
def test_losses_match_snntorch(name, kw, rng):
    spk, targets = _spikes(rng)
    spk = spk * rng.uniform(0.5, 1.5, spk.shape).astype(np.float32)  # graded, so the gradient is not trivial
    a, b = _pair(spk)
    a.requires_grad_(), b.requires_grad_()
    ours = getattr(snn.functional, name)(**kw)(a, nnlite.from_numpy(targets))
    ref = getattr(tfn, name)(**kw)(b, torch.from_numpy(targets))
    np.testing.assert_allclose(ours.detach().numpy().reshape(-1), ref.detach().numpy().reshape(-1), rtol=1e-5, atol=1e-6)
    ours.sum().backward()
    ref.sum().backward()
    np.testing.assert_allclose(a.grad.numpy(), b.grad.numpy(), rtol=1e-5, atol=1e-6)


@needs_snntorch
@pytest.mark.parametrize("name", ["ce_rate_loss", "ce_count_loss"])
def test_weighted_losses_match_snntorch(name, rng):
    spk, targets = _spikes(rng)
    weight = rng.uniform(0.5, 2.0, 5).astype(np.float32)
    a, b = _pair(spk)
    ours = getattr(snn.functional, name)(weight=nnlite.from_numpy(weight))(a, nnlite.from_numpy(targets))
    ref = getattr(tfn, name)(weight=torch.from_numpy(weight))(b, torch.from_numpy(targets))
    np.testing.assert_allclose(ours.numpy().reshape(-1), ref.numpy().reshape(-1), rtol=1e-5)


@needs_snntorch
def test_accuracy_rate_matches_snntorch(rng):
    T, B, C = 10, 40, 6
    # distinct counts per sample, so ties cannot make the argmax ambiguous
    counts = np.stack([rng.permutation(C) for _ in range(B)]).astype(np.float32)
    spk = (np.arange(T)[:, None, None] < counts[None]).astype(np.float32)
    targets = rng.integers(0, C, B)
    targets[:10] = counts[:10].argmax(1)
    a, b = _pair(spk)
    ours = snn.functional.accuracy_rate(a, nnlite.from_numpy(targets))
    assert ours == pytest.approx(tfn.accuracy_rate(b, torch.from_numpy(targets)))
    assert ours >= 0.25


def test_loss_bad_shapes():
    with pytest.raises(ValueError, match=r"ce_rate_loss: spk_out must be a \[T, B, C\] tensor, got \[4, 3\]"):
        snn.functional.ce_rate_loss()(nnlite.zeros(4, 3), nnlite.zeros(4, dtype=nnlite.int64))
    with pytest.raises(ValueError, match=r"mse_count_loss: targets must be class indices of shape \[3\]"):
        snn.functional.mse_count_loss()(nnlite.zeros(2, 3, 4), nnlite.zeros(4, dtype=nnlite.int64))
