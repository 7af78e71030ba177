"""nnlite.distributions against torch.distributions: log_prob, entropy,
moments, shapes and KL divergences with their gradients with respect to the
parameters; rsample's gradient; sample statistics with fixed seeds; and the
parameter and value checks (validate_args)."""
import math

import numpy as np
import pytest

import nnlite
import nnlite.distributions as nd
from op_check import to_numpy
torch = pytest.importorskip("torch")
td = pytest.importorskip("torch.distributions")

RNG = np.random.default_rng(0)


def params(*arrays):
    """The same float64 values as nnlite and torch leaves that require grad."""
    ours = [nnlite.tensor(np.asarray(a).tolist(), dtype=nnlite.float64, requires_grad=True) for a in arrays]
    theirs = [torch.tensor(np.asarray(a), dtype=torch.float64, requires_grad=True) for a in arrays]
    return ours, theirs


def same(ours, theirs, rtol=1e-9, atol=1e-12):
    np.testing.assert_allclose(to_numpy(ours), theirs.detach().numpy(), rtol=rtol, atol=atol)


def value_pair(array, dtype=np.float64):
    array = np.asarray(array, dtype=dtype)
    return nnlite.from_numpy(array.copy()), torch.from_numpy(array.copy())


PROBS = RNG.uniform(0.05, 0.95, size=(3, 4))
WEIGHTS = RNG.uniform(0.1, 2.0, size=(3, 4))

# name -> (parameter arrays, build(module, *params), value array)
CASES = {
    "normal": ([RNG.normal(size=(2, 3)), RNG.uniform(0.5, 2, size=3)],
               lambda m, loc, scale: m.Normal(loc, scale), RNG.normal(size=(4, 2, 3))),
    "bernoulli_probs": ([PROBS], lambda m, p: m.Bernoulli(probs=p), RNG.integers(0, 2, size=(5, 3, 4))),
    "bernoulli_logits": ([RNG.normal(size=(3, 4)) * 3], lambda m, l: m.Bernoulli(logits=l),
                         RNG.integers(0, 2, size=(3, 4))),
    "categorical_probs": ([WEIGHTS], lambda m, p: m.Categorical(probs=p), RNG.integers(0, 4, size=(6, 3))),
    "categorical_logits": ([RNG.normal(size=(3, 4))], lambda m, l: m.Categorical(logits=l),
                           RNG.integers(0, 4, size=(3,))),
    "independent": ([RNG.normal(size=(2, 3)), RNG.uniform(0.5, 2, size=(2, 3))],
                    lambda m, loc, scale: m.Independent(m.Normal(loc, scale), 1), RNG.normal(size=(5, 2, 3))),
}


def build(name):
    arrays, make, value = CASES[name]
    ours, theirs = params(*arrays)
    return ours, theirs, make(nd, *ours), make(td, *theirs), value


@pytest.mark.parametrize("name", sorted(CASES))
def test_log_prob_and_entropy_and_their_gradients_match_torch(name):
    ours, theirs, d, t, value = build(name)
    dtype = np.int64 if name.startswith("categorical") else np.float64
    v, tv = value_pair(value, dtype)
    lp, tlp = d.log_prob(v), t.log_prob(tv)
    ent, tent = d.entropy(), t.entropy()
    same(lp, tlp)
    same(ent, tent)
    w = RNG.normal(size=tuple(tlp.shape))
    w2 = RNG.normal(size=tuple(tent.shape))
    ((lp * nnlite.tensor(w.tolist(), dtype=nnlite.float64)).sum() +
     (ent * nnlite.tensor(np.asarray(w2).tolist(), dtype=nnlite.float64)).sum()).backward()
    ((tlp * torch.from_numpy(w)).sum() + (tent * torch.from_numpy(np.asarray(w2))).sum()).backward()
    for a, b in zip(ours, theirs):
        same(a.grad, b.grad, rtol=1e-7, atol=1e-10)


@pytest.mark.parametrize("name", sorted(CASES))
def test_shapes_moments_and_samples_match_torch(name):
    _, _, d, t, _ = build(name)
    assert d.batch_shape == tuple(t.batch_shape) and d.event_shape == tuple(t.event_shape)
    assert d.has_rsample == t.has_rsample
    for attr in ("mean", "variance", "stddev", "mode"):
        np.testing.assert_allclose(to_numpy(getattr(d, attr)), getattr(t, attr).detach().numpy(), rtol=1e-9)
    for shape in [(), (5,), (2, 3)]:
        s, ts = d.sample(shape), t.sample(shape)
        assert tuple(s.shape) == tuple(ts.shape), shape
        assert str(s.dtype).split(".")[-1] == str(ts.dtype).split(".")[-1]
        assert not s.requires_grad
        d.log_prob(s)  # a sample is inside the support


@pytest.mark.parametrize("name", sorted(CASES))
def test_samples_repeat_with_the_seed(name):
    _, _, d, _, _ = build(name)
    nnlite.manual_seed(9)
    a = to_numpy(d.sample((3,)))
    nnlite.manual_seed(9)
    np.testing.assert_array_equal(to_numpy(d.sample((3,))), a)


def test_rsample_gradient_flows_to_loc_and_scale():
    (loc, scale), _ = params([0.5, -1.0, 2.0], [1.0, 0.5, 3.0])
    for d in (nd.Normal(loc, scale), nd.Independent(nd.Normal(loc, scale), 1)):
        loc.grad = scale.grad = None
        x = d.rsample((1000,))
        assert x.requires_grad and tuple(x.shape) == (1000, 3)
        (x * 2).sum().backward()
        np.testing.assert_allclose(to_numpy(loc.grad), [2000.0] * 3)
        eps = (to_numpy(x) - to_numpy(loc)) / to_numpy(scale)
        np.testing.assert_allclose(to_numpy(scale.grad), 2 * eps.sum(0), rtol=1e-9)
    with pytest.raises(NotImplementedError, match="Bernoulli.*rsample"):
        nd.Bernoulli(probs=nnlite.full((2,), 0.5)).rsample()


def test_sample_statistics():
    nnlite.manual_seed(0)
    n = 40_000
    x = to_numpy(nd.Normal(nnlite.tensor([-2.0, 3.0]), nnlite.tensor([0.5, 2.0])).sample((n,))).astype(np.float64)
    assert (np.abs(x.mean(0) - [-2.0, 3.0]) <= 5 * np.array([0.5, 2.0]) / math.sqrt(n)).all()
    assert (np.abs(x.std(0) - [0.5, 2.0]) <= 5 * np.array([0.5, 2.0]) / math.sqrt(2 * n)).all()
    b = to_numpy(nd.Bernoulli(logits=nnlite.tensor([-1.0, 2.0])).sample((n,)))
    p = 1 / (1 + np.exp(-np.array([-1.0, 2.0])))
    assert (np.abs(b.mean(0) - p) <= 5 * np.sqrt(p * (1 - p) / n)).all()
    probs = np.array([0.1, 0.0, 0.6, 0.3])
    c = to_numpy(nd.Categorical(probs=nnlite.tensor(probs.tolist())).sample((n,)))
    freq = np.bincount(c, minlength=4) / n
    assert freq[1] == 0
    assert (np.abs(freq - probs) <= 5 * np.sqrt(probs * (1 - probs) / n) + 1e-12).all()


KL_PAIRS = {
    "normal": ([RNG.normal(size=(2, 3)), RNG.uniform(0.5, 2, (2, 3)), RNG.normal(size=3), RNG.uniform(0.5, 2, 3)],
               lambda m, a, b, c, e: (m.Normal(a, b), m.Normal(c, e))),
    "bernoulli": ([PROBS, RNG.uniform(0.05, 0.95, size=(3, 4))],  # torch does not broadcast these
                  lambda m, p, q: (m.Bernoulli(probs=p), m.Bernoulli(probs=q))),
    "bernoulli_logits": ([RNG.normal(size=(2, 4)), RNG.normal(size=(2, 4))],
                         lambda m, p, q: (m.Bernoulli(logits=p), m.Bernoulli(logits=q))),
    "categorical": ([WEIGHTS, RNG.normal(size=4)],
                    lambda m, p, q: (m.Categorical(probs=p), m.Categorical(logits=q))),
    "independent": ([RNG.normal(size=(2, 3)), RNG.uniform(0.5, 2, (2, 3)), RNG.normal(size=(2, 3)),
                     RNG.uniform(0.5, 2, (2, 3))],
                    lambda m, a, b, c, e: (m.Independent(m.Normal(a, b), 2), m.Independent(m.Normal(c, e), 2))),
}


@pytest.mark.parametrize("name", sorted(KL_PAIRS))
def test_kl_divergence_and_its_gradients_match_torch(name):
    arrays, make = KL_PAIRS[name]
    ours, theirs = params(*arrays)
    p, q = make(nd, *ours)
    tp, tq = make(td, *theirs)
    kl, tkl = nd.kl_divergence(p, q), td.kl_divergence(tp, tq)
    same(kl, tkl)
    w = RNG.normal(size=tuple(tkl.shape))
    (kl * nnlite.tensor(np.asarray(w).tolist(), dtype=nnlite.float64)).sum().backward()
    (tkl * torch.from_numpy(np.asarray(w))).sum().backward()
    for a, b in zip(ours, theirs):
        same(a.grad, b.grad, rtol=1e-7, atol=1e-10)


def test_kl_at_the_edges_of_the_support_matches_torch():
    p, q = [0.0, 1.0, 0.0, 0.5, 1.0], [0.5, 0.5, 1.0, 0.0, 1.0]
    ours = nd.kl_divergence(nd.Bernoulli(probs=nnlite.tensor(p)), nd.Bernoulli(probs=nnlite.tensor(q)))
    theirs = td.kl_divergence(td.Bernoulli(probs=torch.tensor(p)), td.Bernoulli(probs=torch.tensor(q)))
    np.testing.assert_allclose(to_numpy(ours), theirs.numpy(), rtol=1e-5)
    cp, cq = [[0.5, 0.5, 0.0], [0.2, 0.8, 0.0]], [[0.5, 0.0, 0.5], [0.1, 0.1, 0.8]]
    ours = nd.kl_divergence(nd.Categorical(probs=nnlite.tensor(cp)), nd.Categorical(probs=nnlite.tensor(cq)))
    theirs = td.kl_divergence(td.Categorical(probs=torch.tensor(cp)), td.Categorical(probs=torch.tensor(cq)))
    np.testing.assert_allclose(to_numpy(ours), theirs.numpy(), rtol=1e-5)
    assert math.isinf(to_numpy(ours)[0])


def test_kl_of_an_unregistered_pair_and_a_registered_subclass():
    with pytest.raises(NotImplementedError, match="Normal.*Bernoulli"):
        nd.kl_divergence(nd.Normal(0.0, 1.0), nd.Bernoulli(probs=0.5))

    class Wide(nd.Normal):
        pass

    same(nd.kl_divergence(Wide(0.0, 2.0), nd.Normal(1.0, 1.0)),
         td.kl_divergence(td.Normal(0.0, 2.0), td.Normal(1.0, 1.0)), rtol=1e-6)

    @nd.register_kl(Wide, nd.Normal)
    def _wide_normal(p, q):
        return nnlite.zeros(())

    assert nd.kl_divergence(Wide(0.0, 2.0), nd.Normal(1.0, 1.0)).item() == 0.0


BAD = [
    ("normal scale 0", lambda m, T: m.Normal(T([0.0, 1.0]), T([1.0, 0.0])), "scale"),
    ("normal scale negative", lambda m, T: m.Normal(0.0, -1.0), "scale"),
    ("normal loc nan", lambda m, T: m.Normal(T([math.nan]), T([1.0])), "loc"),
    ("bernoulli probs > 1", lambda m, T: m.Bernoulli(probs=T([0.5, 1.5])), "probs"),
    ("bernoulli probs < 0", lambda m, T: m.Bernoulli(probs=-0.1), "probs"),
    ("bernoulli both", lambda m, T: m.Bernoulli(probs=T([0.5]), logits=T([0.0])), "probs"),
    ("bernoulli neither", lambda m, T: m.Bernoulli(), "probs"),
    ("categorical negative", lambda m, T: m.Categorical(probs=T([0.5, -0.2, 0.7])), "probs"),
    ("categorical both", lambda m, T: m.Categorical(probs=T([0.5, 0.5]), logits=T([0.0, 0.0])), "probs"),
    ("independent too many dims", lambda m, T: m.Independent(m.Normal(T([0.0]), T([1.0])), 2),
     "reinterpreted_batch_ndims"),
    ("bernoulli value 0.5", lambda m, T: m.Bernoulli(probs=T([0.5])).log_prob(T([0.5])), "support"),
    ("categorical value 3", lambda m, T: m.Categorical(probs=T([0.5, 0.5])).log_prob(T([3.0])), "support"),
    ("normal value shape", lambda m, T: m.Normal(T([0.0, 1.0]), T([1.0, 1.0])).log_prob(T([0.0, 1.0, 2.0])),
     "broadcast"),
]


@pytest.mark.parametrize("name,fn,word", BAD, ids=[b[0] for b in BAD])
def test_bad_parameters_and_values_raise_value_error_as_in_torch(name, fn, word):
    with pytest.raises(ValueError):
        fn(td, torch.tensor)
    with pytest.raises(ValueError, match=word):
        fn(nd, nnlite.tensor)


def test_validate_args_false_skips_the_checks():
    d = nd.Normal(0.0, -1.0, validate_args=False)
    assert d.scale.item() == -1.0
    nd.Bernoulli(probs=nnlite.tensor([0.5]), validate_args=False).log_prob(nnlite.tensor([0.5]))
