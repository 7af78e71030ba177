"""models.RBM: free energy, the CD-k gradient, the persistent chain and errors,
against NumPy formulas of the same quantities."""
import numpy as np
import pytest

import nnlite
from nnlite.models.rbm import RBM


def _rbm(seed=0, nv=7, nh=5, **kw):
    nnlite.manual_seed(seed)
    r = RBM(nv, nh, **kw)
    rng = np.random.default_rng(seed)
    with nnlite.no_grad():
        r.weight.copy_(nnlite.tensor(rng.normal(0, 0.5, (nh, nv)).astype(np.float32)))
        r.visible_bias.copy_(nnlite.tensor(rng.normal(0, 0.5, nv).astype(np.float32)))
        r.hidden_bias.copy_(nnlite.tensor(rng.normal(0, 0.5, nh).astype(np.float32)))
    return r


def _np(r):
    return r.weight.detach().numpy(), r.visible_bias.detach().numpy(), r.hidden_bias.detach().numpy()


def _free_energy(v, W, bv, bh):
    return -v @ bv - np.logaddexp(0, v @ W.T + bh).sum(1)


def _binary(n, nv, seed=3):
    return (np.random.default_rng(seed).random((n, nv)) < 0.5).astype(np.float32)


def test_free_energy_matches_the_formula():
    r = _rbm()
    v = _binary(6, 7)
    np.testing.assert_allclose(r.free_energy(nnlite.tensor(v)).detach().numpy(), _free_energy(v, *_np(r)), rtol=1e-5, atol=1e-5)


def test_conditionals_are_sigmoids_of_the_energies():
    r = _rbm()
    W, bv, bh = _np(r)
    v = _binary(4, 7)
    p, h = r.sample_hidden(nnlite.tensor(v))
    np.testing.assert_allclose(p.detach().numpy(), 1 / (1 + np.exp(-(v @ W.T + bh))), rtol=1e-5)
    assert set(np.unique(h.detach().numpy())) <= {0.0, 1.0}
    pv, sv = r.sample_visible(h)
    np.testing.assert_allclose(pv.detach().numpy(), 1 / (1 + np.exp(-(h.detach().numpy() @ W + bv))), rtol=1e-5)
    assert sv.shape == (4, 7)


def test_cd_gradient_is_data_minus_model_statistics():
    r = _rbm(k=2)
    W, bv, bh = _np(r)
    v = _binary(8, 7)
    nnlite.manual_seed(11)
    r.contrastive_divergence(nnlite.tensor(v)).backward()
    nnlite.manual_seed(11)
    m = r.gibbs(nnlite.tensor(v), 2).detach().numpy()  # the same chain, from the same seed
    sig = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    hd, hm = sig(v @ W.T + bh), sig(m @ W.T + bh)
    n = len(v)
    np.testing.assert_allclose(r.weight.grad.detach().numpy(), -(hd.T @ v - hm.T @ m) / n, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(r.visible_bias.grad.detach().numpy(), -(v - m).mean(0), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(r.hidden_bias.grad.detach().numpy(), -(hd - hm).mean(0), rtol=1e-4, atol=1e-5)


def test_persistent_chain_continues_between_calls():
    r = _rbm(persistent=True)
    v = nnlite.tensor(_binary(5, 7))
    r.contrastive_divergence(v)
    first = r._chain.detach().numpy().copy()  # hidden samples, as scikit-learn keeps them
    assert first.shape == (5, 5) and set(np.unique(first)) <= {0.0, 1.0}
    nnlite.manual_seed(5)
    r.contrastive_divergence(v)
    nnlite.manual_seed(5)
    _, model = r.sample_visible(nnlite.tensor(first))  # continued from the chain, not from v
    _, expected = r.sample_hidden(model)
    np.testing.assert_array_equal(r._chain.detach().numpy(), expected.detach().numpy())


def test_training_lowers_the_free_energy_of_the_data():
    nnlite.manual_seed(0)
    r = RBM(16, 8)
    data = nnlite.tensor(np.tile(np.array([[1, 0] * 8, [0, 1] * 8], np.float32), (16, 1)))
    opt = nnlite.optim.SGD(r.parameters(), lr=0.1)
    before = r.free_energy(data).mean().item()
    for _ in range(200):
        opt.zero_grad()
        r.contrastive_divergence(data).backward()
        opt.step()
    assert r.free_energy(data).mean().item() < before - 5
    assert r.pseudo_log_likelihood(data).mean().item() > -2.0  # the two patterns are learnt


def test_pseudo_log_likelihood_matches_one_flip():
    r = _rbm()
    v = _binary(6, 7)
    g = nnlite.Generator()
    g.manual_seed(2)
    pll = r.pseudo_log_likelihood(nnlite.tensor(v), generator=g).detach().numpy()
    g.manual_seed(2)
    j = nnlite.randint(0, 7, (6,), generator=g).detach().numpy()
    flipped = v.copy()
    flipped[np.arange(6), j] = 1 - flipped[np.arange(6), j]
    fe = lambda x: _free_energy(x, *_np(r))  # noqa: E731
    np.testing.assert_allclose(pll, -7 * np.logaddexp(0, fe(v) - fe(flipped)), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("bad, match", [
    (lambda: nnlite.full((2, 7), 2.0), r"RBM: visible units must lie in \[0, 1\]"),
    (lambda: nnlite.zeros(2, 6), r"RBM: expected visible units of shape \[batch, 7\], got \[2, 6\]"),
])
def test_bad_visible_units(bad, match):
    with pytest.raises(ValueError, match=match):
        _rbm().free_energy(bad())


def test_pseudo_likelihood_needs_binary_data_and_bad_sizes_are_refused():
    with pytest.raises(ValueError, match="RBM: pseudo_log_likelihood needs binary"):
        _rbm().pseudo_log_likelihood(nnlite.full((2, 7), 0.5))
    with pytest.raises(ValueError, match="RBM: n_hidden must be a positive integer, got 0"):
        RBM(3, 0)
