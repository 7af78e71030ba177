# nnlite.snn neurons against snnTorch 1.0: spikes, membrane (and synaptic)
# traces, and the gradients of the input, beta, alpha and threshold, for each
# neuron, reset mechanism and surrogate, over a short time loop.
import numpy as np
import pytest

import nnlite
import nnlite.snn as snn

try:  # the comparisons need snnTorch (and torch); the rest of the file runs without
    import torch
    import snntorch
    from snntorch import surrogate as ts
except ImportError:
    torch = snntorch = ts = None
needs_snntorch = pytest.mark.skipif(snntorch is None, reason="snntorch is not installed")

T, B, N = 12, 3, 5
SURROGATES = {
    "atan": ((), {"alpha": 3.0}),
    "fast_sigmoid": ((), {"slope": 10}),
    "sigmoid": ((), {"slope": 5}),
    "straight_through_estimator": ((), {}),
}


def _pair_surrogate(name):
    if name is None:
        return {}, {}
    _, kw = SURROGATES[name]
    return {"spike_grad": getattr(snn.surrogate, name)(**kw)}, {"spike_grad": getattr(ts, name)(**kw)}


def _run(layer, inputs, n_states, lib):
    """Loop over time from the empty state; returns the stacked spikes and states."""
    init = {1: "init_leaky", 2: "init_synaptic"}[n_states] if not hasattr(layer, "init_lapicque") else "init_lapicque"
    states = getattr(layer, init)()
    states = states if isinstance(states, tuple) else (states,)
    trace = [[] for _ in range(n_states + 1)]
    for t in range(inputs.shape[0]):
        out = layer(inputs[t], *states)
        states = out[1:]
        for k, v in enumerate(out):
            trace[k].append(v)
    return [lib.stack(seq) for seq in trace]


def _compare(make_nn, make_torch, n_states, learnable, rng, scale=1.0, atol=1e-5):
    x = (rng.standard_normal((T, B, N)) * scale + 0.4).astype(np.float32)
    weights = [rng.standard_normal((T, B, N)).astype(np.float32) for _ in range(n_states + 1)]
    a, b = make_nn(), make_torch()
    xn = nnlite.from_numpy(x.copy()).requires_grad_()
    xt = torch.from_numpy(x.copy()).requires_grad_()
    tn, tt = _run(a, xn, n_states, nnlite), _run(b, xt, n_states, torch)
    for k, (p, q) in enumerate(zip(tn, tt)):
        np.testing.assert_allclose(p.detach().numpy(), q.detach().numpy(), atol=atol, rtol=1e-5,
                                   err_msg=f"output {k}")
    assert tn[0].detach().numpy().sum() > 0, "the test input never made the neuron spike"
    sum(( p * nnlite.from_numpy(w)).sum() for p, w in zip(tn, weights)).backward()
    sum((q * torch.from_numpy(w)).sum() for q, w in zip(tt, weights)).backward()
    np.testing.assert_allclose(xn.grad.numpy(), xt.grad.numpy(), atol=atol, rtol=1e-4, err_msg="input grad")
    for name in learnable:
        g_nn, g_t = getattr(a, name).grad, getattr(b, name).grad
        assert g_t is not None and g_nn is not None, name
        np.testing.assert_allclose(g_nn.numpy(), g_t.numpy(), atol=1e-4, rtol=1e-4, err_msg=f"{name} grad")


@needs_snntorch
@pytest.mark.parametrize("reset", ["subtract", "zero", "none"])
@pytest.mark.parametrize("surr", [None, *SURROGATES])
def test_leaky_matches_snntorch(reset, surr, rng):
    sn, st = _pair_surrogate(surr)
    kw = dict(beta=0.8, threshold=0.9, reset_mechanism=reset, learn_beta=True, learn_threshold=True)
    _compare(lambda: snn.Leaky(**kw, **sn), lambda: snntorch.Leaky(**kw, **st), 1, ["beta", "threshold"], rng)


@needs_snntorch
@pytest.mark.parametrize("reset", ["subtract", "zero"])
def test_leaky_immediate_reset_and_graded_spikes(reset, rng):
    kw = dict(beta=0.7, reset_mechanism=reset, reset_delay=False, graded_spikes_factor=0.5,
              learn_graded_spikes_factor=True)
    _compare(lambda: snn.Leaky(**kw), lambda: snntorch.Leaky(**kw), 1, ["graded_spikes_factor"], rng)


@needs_snntorch
def test_per_neuron_beta(rng):
    beta = rng.uniform(0.2, 1.0, N).astype(np.float32)
    _compare(lambda: snn.Leaky(beta=nnlite.from_numpy(beta.copy()), learn_beta=True),
             lambda: snntorch.Leaky(beta=torch.from_numpy(beta.copy()), learn_beta=True), 1, ["beta"], rng)


@needs_snntorch
def test_if_is_leaky_without_leak(rng):
    _compare(lambda: snn.IF(threshold=1.5), lambda: snntorch.Leaky(beta=1.0, threshold=1.5), 1, [], rng, scale=0.5)


@needs_snntorch
@pytest.mark.parametrize("reset", ["subtract", "zero", "none"])
@pytest.mark.parametrize("surr", [None, "fast_sigmoid"])
def test_synaptic_matches_snntorch(reset, surr, rng):
    sn, st = _pair_surrogate(surr)
    kw = dict(alpha=0.6, beta=0.85, reset_mechanism=reset, learn_alpha=True, learn_beta=True, learn_threshold=True)
    _compare(lambda: snn.Synaptic(**kw, **sn), lambda: snntorch.Synaptic(**kw, **st), 2,
             ["alpha", "beta", "threshold"], rng, scale=0.6)


@needs_snntorch
@pytest.mark.parametrize("reset", ["subtract", "zero", "none"])
@pytest.mark.parametrize("consts", [{"beta": 0.8}, {"R": 2.0, "C": 3.0}, {"beta": 0.7, "R": 0.5},
                                    {"beta": 0.9, "C": 2.0, "time_step": 0.5}])
def test_lapicque_matches_snntorch(reset, consts, rng):
    kw = dict(consts, reset_mechanism=reset, learn_threshold=True)
    _compare(lambda: snn.Lapicque(**kw), lambda: snntorch.Lapicque(**kw), 1, ["threshold"], rng, scale=2.0, atol=2e-5)


@needs_snntorch
def test_state_quant_and_surrogate_disable(rng):
    quant_nn = lambda m: (m * 8).clamp(-16, 16) / 8  # noqa: E731  (a smooth stand-in for a quantizer)
    quant_t = lambda m: (m * 8).clamp(-16, 16) / 8  # noqa: E731
    _compare(lambda: snn.Leaky(beta=0.9, state_quant=quant_nn), lambda: snntorch.Leaky(beta=0.9, state_quant=quant_t),
             1, [], rng)
    lif = snn.Leaky(beta=0.9, surrogate_disable=True)
    x = nnlite.ones(2, 3, requires_grad=True) * 2
    spk, mem = lif(x)
    assert spk.tolist() == [[1.0] * 3] * 2 and not spk.requires_grad


def test_init_hidden_keeps_state_and_returns_spikes():
    lif = snn.Leaky(beta=0.5, init_hidden=True)
    x = nnlite.full((2, 3), 0.8)
    first, second = lif(x), lif(x)
    assert first.tolist() == [[0.0] * 3] * 2 and second.tolist() == [[1.0] * 3] * 2
    assert lif.mem.tolist()[0][0] == pytest.approx(1.2)
    with pytest.raises(TypeError, match="init_hidden"):
        lif(x, nnlite.zeros(2, 3))
    out = snn.Leaky(beta=0.5, init_hidden=True, output=True)(x)
    assert isinstance(out, tuple) and len(out) == 2


@pytest.mark.parametrize("make, match", [
    (lambda: snn.Leaky(beta=1.5), r"Leaky: beta must lie in \[0, 1\], got 1.5"),
    (lambda: snn.Leaky(beta=-0.1), r"Leaky: beta must lie in \[0, 1\], got -0.1"),
    (lambda: snn.Leaky(beta=nnlite.tensor([0.5, 2.0])), r"Leaky: beta .* got 2.0"),
    (lambda: snn.Synaptic(alpha=1.2, beta=0.5), r"Synaptic: alpha must lie in \[0, 1\], got 1.2"),
    (lambda: snn.Synaptic(alpha=0.5, beta=3), r"Synaptic: beta .* got 3"),
    (lambda: snn.Lapicque(beta=1.5), r"Lapicque: beta must lie in \(0, 1\)"),
    (lambda: snn.Lapicque(R=2.0), r"Lapicque: give beta, or R and C"),
    (lambda: snn.Leaky(beta=0.5, reset_mechanism="soft"), r"Leaky: reset_mechanism .* got 'soft'"),
    (lambda: snn.Leaky(beta=0.5, threshold=0.0), r"Leaky: threshold must be a positive finite number, got 0.0"),
    (lambda: snn.Synaptic(alpha=0.5, beta=0.5, threshold=-1), r"Synaptic: threshold .* got -1.0"),
    (lambda: snn.IF(threshold=float("nan")), r"IF: threshold .* got nan"),
    (lambda: snn.Leaky(beta=float("nan")), r"Leaky: beta must lie in \[0, 1\], got nan"),
])
def test_bad_constants_raise(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_state_of_wrong_shape_raises():
    x = nnlite.zeros(4, 10)
    with pytest.raises(ValueError, match=r"Leaky: state mem has shape \[4, 9\], expected the input's shape \[4, 10\]"):
        snn.Leaky(beta=0.9)(x, nnlite.zeros(4, 9))
    with pytest.raises(ValueError, match=r"Synaptic: state syn has shape \[10\]"):
        snn.Synaptic(alpha=0.5, beta=0.9)(x, nnlite.zeros(10), nnlite.zeros(4, 10))
    with pytest.raises(ValueError, match=r"Lapicque: state mem has shape \[2, 10\]"):
        snn.Lapicque(beta=0.9)(x, nnlite.zeros(2, 10))
    # a stored state from a larger batch restarts at zero, as in snnTorch
    lif = snn.Leaky(beta=0.9)
    lif(nnlite.ones(8, 10))
    spk, mem = lif(nnlite.ones(3, 10) * 0.5)
    assert mem.tolist() == [[0.5] * 10] * 3


def test_learnable_constants_are_parameters_and_train():
    lif = snn.Leaky(beta=0.5, learn_beta=True, learn_threshold=True)
    assert sorted(n for n, _ in lif.named_parameters()) == ["beta", "threshold"]
    assert sorted(n for n, _ in snn.Leaky(beta=0.5).named_buffers()) == ["beta", "graded_spikes_factor", "threshold"]
    opt = nnlite.optim.SGD(lif.parameters(), lr=0.1)
    x = nnlite.full((4, 3), 0.7)
    mem = lif.init_leaky()
    total = 0
    for _ in range(5):
        spk, mem = lif(x, mem)
        total = total + spk.sum()
    (-total).backward()
    before = lif.threshold.item()
    opt.step()
    assert lif.threshold.item() < before  # more spikes wanted: the threshold falls
