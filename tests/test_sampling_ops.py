"""Draws with tensor parameters: bernoulli, normal, poisson, randint_like,
rand_like/randn_like, and the in-place uniform_, normal_, bernoulli_,
exponential_. Seeds and generators repeat them; their statistics match the
distributions (fixed seeds, bounds of several standard errors); shapes,
dtypes and gradients follow torch's (samples get a zero gradient); bad
parameters raise errors naming the op and the value."""
import math

import numpy as np
import pytest

import nnlite
from op_check import to_numpy
torch = pytest.importorskip("torch")

# Checked against torch below: output shapes, dtypes and the (zero) gradients.
TESTED_OPS = {"bernoulli", "normal", "poisson"}

P = [0.0, 0.1, 0.5, 0.9, 1.0]

DRAWS = {
    "bernoulli": lambda **kw: nnlite.bernoulli(nnlite.full((40,), 0.5), **kw),
    "bernoulli_p": lambda **kw: nnlite.bernoulli(nnlite.zeros(40), 0.3, **kw),
    "normal_tensors": lambda **kw: nnlite.normal(nnlite.zeros(4, 1), nnlite.ones(5), **kw),
    "normal_tensor_mean": lambda **kw: nnlite.normal(nnlite.zeros(20), 2.0, **kw),
    "normal_tensor_std": lambda **kw: nnlite.normal(1.0, nnlite.ones(20), **kw),
    "normal_floats": lambda **kw: nnlite.normal(0.0, 1.0, (20,), **kw),
    "poisson_small": lambda **kw: nnlite.poisson(nnlite.full((40,), 3.0), **kw),
    "poisson_large": lambda **kw: nnlite.poisson(nnlite.full((40,), 80.0), **kw),
    "randint_like": lambda **kw: nnlite.randint_like(nnlite.zeros(40), 0, 1000, **kw),
    "rand_like": lambda **kw: nnlite.rand_like(nnlite.zeros(20), **kw),
    "randn_like": lambda **kw: nnlite.randn_like(nnlite.zeros(20), **kw),
    "bernoulli_": lambda **kw: nnlite.zeros(40).bernoulli_(0.5, **kw),
    "bernoulli_tensor_": lambda **kw: nnlite.zeros(4, 10).bernoulli_(nnlite.full((10,), 0.5), **kw),
    "exponential_": lambda **kw: nnlite.zeros(20).exponential_(2.0, **kw),
}


@pytest.mark.parametrize("name", sorted(DRAWS))
def test_manual_seed_repeats_and_the_stream_moves_on(name):
    draw = DRAWS[name]
    nnlite.manual_seed(321)
    a, b = to_numpy(draw()), to_numpy(draw())
    nnlite.manual_seed(321)
    np.testing.assert_array_equal(to_numpy(draw()), a)
    np.testing.assert_array_equal(to_numpy(draw()), b)
    assert not np.array_equal(a, b)


@pytest.mark.parametrize("name", sorted(DRAWS))
def test_a_generator_repeats_and_leaves_the_default_alone(name):
    draw = DRAWS[name]
    nnlite.manual_seed(5)
    expected_default = to_numpy(draw())
    nnlite.manual_seed(5)
    from_g = to_numpy(draw(generator=nnlite.Generator().manual_seed(11)))
    np.testing.assert_array_equal(to_numpy(draw()), expected_default)
    np.testing.assert_array_equal(to_numpy(draw(generator=nnlite.Generator().manual_seed(11))), from_g)


def within(sample_mean, mean, sd, n, k=5):
    """The sample mean of n draws lies within k standard errors of `mean`."""
    return abs(sample_mean - mean) <= k * sd / math.sqrt(n)


@pytest.mark.parametrize("dtype", [nnlite.float32, nnlite.float64])
def test_bernoulli_frequencies_follow_each_probability(dtype):
    nnlite.manual_seed(0)
    n = 20_000
    p = nnlite.tensor(P, dtype=dtype).unsqueeze(0).expand(n, len(P))  # a broadcast view as input
    x = nnlite.bernoulli(p)
    assert x.dtype == dtype and tuple(x.shape) == (n, len(P))
    v = to_numpy(x)
    assert set(np.unique(v)) <= {0.0, 1.0}
    for j, pj in enumerate(P):
        assert within(v[:, j].mean(), pj, math.sqrt(pj * (1 - pj)) or 1e-12, n), (pj, v[:, j].mean())
    # the float form, and the in-place forms
    assert within(to_numpy(nnlite.bernoulli(nnlite.zeros(n, dtype=dtype), 0.25)).mean(), 0.25, math.sqrt(0.1875), n)
    t = nnlite.zeros(n, 2, dtype=dtype).t()  # not contiguous
    t.bernoulli_(0.7)
    assert within(to_numpy(t).mean(), 0.7, math.sqrt(0.21), 2 * n)
    t = nnlite.zeros(n, 2, dtype=dtype)
    t.bernoulli_(nnlite.tensor([0.2, 0.8], dtype=dtype))
    assert within(to_numpy(t)[:, 0].mean(), 0.2, 0.4, n) and within(to_numpy(t)[:, 1].mean(), 0.8, 0.4, n)


@pytest.mark.parametrize("rate", [0.3, 4.0, 9.9, 10.0, 37.5, 1000.0])
def test_poisson_mean_variance_and_zeros(rate):
    nnlite.manual_seed(1)
    n = 40_000
    v = to_numpy(nnlite.poisson(nnlite.full((n,), rate))).astype(np.float64)
    assert (v == np.round(v)).all() and v.min() >= 0
    assert within(v.mean(), rate, math.sqrt(rate), n)
    # the variance of the sample variance is about (mu4 - sigma^4) / n = (rate + 2 rate^2) / n
    assert abs(v.var() - rate) <= 5 * math.sqrt((rate + 2 * rate * rate) / n)
    p0 = math.exp(-rate)
    assert abs((v == 0).mean() - p0) <= 5 * math.sqrt(p0 * (1 - p0) / n) + 1e-9
    # a discrete check of the shape: P(X = mode) against the pmf
    k = math.floor(rate)
    pk = math.exp(k * math.log(rate) - rate - math.lgamma(k + 1))
    assert abs((v == k).mean() - pk) <= 5 * math.sqrt(pk * (1 - pk) / n)


def test_poisson_of_zero_rates_is_zero():
    assert to_numpy(nnlite.poisson(nnlite.zeros(100))).max() == 0


def test_normal_with_tensor_parameters_broadcasts_and_scales():
    nnlite.manual_seed(2)
    n = 30_000
    mean = nnlite.tensor([[-3.0], [0.0], [5.0]])
    std = nnlite.tensor([0.5, 2.0])
    v = to_numpy(nnlite.normal(mean.expand(3, 2).unsqueeze(0).expand(n, 3, 2), std)).astype(np.float64)
    assert v.shape == (n, 3, 2)
    for i, m in enumerate([-3.0, 0.0, 5.0]):
        for j, s in enumerate([0.5, 2.0]):
            col = v[:, i, j]
            assert within(col.mean(), m, s, n)
            assert abs(col.std() - s) <= 5 * s / math.sqrt(2 * n)
    assert to_numpy(nnlite.normal(nnlite.full((5,), 7.0), 0.0)).tolist() == [7.0] * 5  # std 0: the mean itself


def test_exponential_mean_and_variance():
    nnlite.manual_seed(3)
    n, lambd = 40_000, 2.5
    v = to_numpy(nnlite.zeros(n, dtype=nnlite.float64).exponential_(lambd))
    assert v.min() >= 0
    assert within(v.mean(), 1 / lambd, 1 / lambd, n)
    assert abs(np.median(v) - math.log(2) / lambd) < 0.02  # the shape, not only the moments


def test_randint_like_range_dtype_and_frequencies():
    nnlite.manual_seed(4)
    x = nnlite.zeros(70_000, dtype=nnlite.int32)
    v = to_numpy(nnlite.randint_like(x, -3, 4))
    assert v.dtype == np.int32 and v.min() == -3 and v.max() == 3
    assert (np.abs(np.bincount(v + 3) / v.size - 1 / 7) < 0.01).all()
    assert nnlite.randint_like(nnlite.zeros(3), 5).dtype == nnlite.float32  # input's dtype, as torch
    assert nnlite.randint_like(nnlite.zeros(3), 5, dtype=nnlite.int64).dtype == nnlite.int64
    assert to_numpy(nnlite.randint_like(nnlite.zeros(50), high=2)).max() <= 1


# Calls with the same arguments in both libraries: output shape and dtype.
SHAPES = [
    ("bernoulli", lambda m: m.bernoulli(m.full((2, 3), 0.5))),
    ("bernoulli p", lambda m: m.bernoulli(m.zeros(2, 3, dtype=m.float64), 0.5)),
    ("normal tensors", lambda m: m.normal(m.zeros(2, 1), m.ones(3))),
    ("normal tensor mean", lambda m: m.normal(m.zeros(4, dtype=m.float64), 1.0)),
    ("normal tensor std", lambda m: m.normal(2.0, m.ones(2, 2))),
    ("normal floats", lambda m: m.normal(0.0, 1.0, (3, 2))),
    ("normal floats dtype", lambda m: m.normal(0.0, 1.0, size=(3,), dtype=m.float64)),
    ("poisson", lambda m: m.poisson(m.ones(2, 5, dtype=m.float64))),
    ("randint_like", lambda m: m.randint_like(m.zeros(3, 2), 1, 9)),
    ("randint_like int", lambda m: m.randint_like(m.zeros(3, dtype=m.int32), 9)),
    ("rand_like", lambda m: m.rand_like(m.zeros(3, dtype=m.float64))),
    ("randn_like", lambda m: m.randn_like(m.zeros(2, 2), dtype=m.float64)),
    ("bernoulli_", lambda m: m.zeros(2, 3).bernoulli_(0.5)),
    ("exponential_", lambda m: m.zeros(4, dtype=m.float64).exponential_()),
    ("uniform_", lambda m: m.zeros(4).uniform_(-1, 1)),
    ("normal_", lambda m: m.zeros(4).normal_(2, 3)),
]


@pytest.mark.parametrize("name,fn", SHAPES, ids=[s[0] for s in SHAPES])
def test_shapes_and_dtypes_match_torch(name, fn):
    ours, theirs = fn(nnlite), fn(torch)
    assert tuple(ours.shape) == tuple(theirs.shape)
    assert str(ours.dtype).split(".")[-1] == str(theirs.dtype).split(".")[-1]


def test_in_place_draws_return_the_tensor():
    t = nnlite.zeros(3)
    for fill in (lambda: t.bernoulli_(), lambda: t.exponential_(), lambda: t.uniform_(), lambda: t.normal_()):
        assert fill() is t


GRADIENTS = [
    ("bernoulli", lambda m, p: m.bernoulli(p.sigmoid()), 1),
    ("poisson", lambda m, p: m.poisson(p.exp()), 1),
    ("normal", lambda m, p, q: m.normal(p, q.exp()), 2),
    ("normal tensor mean", lambda m, p: m.normal(p, 2.0), 1),
    ("normal tensor std", lambda m, p: m.normal(1.0, p.exp()), 1),
]


@pytest.mark.parametrize("name,fn,n", GRADIENTS, ids=[g[0] for g in GRADIENTS])
def test_samples_give_zero_gradients_as_in_torch(name, fn, n):
    values = np.random.default_rng(0).normal(size=(n, 2, 3))
    ours = [nnlite.tensor(v.tolist(), requires_grad=True) for v in values]
    theirs = [torch.tensor(v, dtype=torch.float32, requires_grad=True) for v in values]
    y, ty = fn(nnlite, *ours), fn(torch, *theirs)
    assert y.requires_grad and ty.requires_grad
    (y * 3).sum().backward()
    (ty * 3).sum().backward()
    for a, b in zip(ours, theirs):
        np.testing.assert_array_equal(to_numpy(a.grad), b.grad.numpy())


def test_bernoulli_of_a_float_p_does_not_require_grad():
    x = nnlite.zeros(3, requires_grad=True)
    assert not nnlite.bernoulli(x, 0.5).requires_grad


def test_in_place_draw_on_a_tensor_with_history_gives_its_past_zero_gradient():
    x = nnlite.ones(3, requires_grad=True)
    y = x * 2
    y.exponential_()
    (y * x).sum().backward()
    np.testing.assert_array_equal(to_numpy(x.grad), to_numpy(y))  # only the product's own path
    with pytest.raises(RuntimeError, match="bernoulli_.*leaf"):
        nnlite.zeros(2, requires_grad=True).bernoulli_()


ERRORS = [
    (lambda: nnlite.bernoulli(nnlite.tensor([0.5, 1.5])), ValueError, r"bernoulli: probabilities must be in \[0, 1\].*1\.5"),
    (lambda: nnlite.bernoulli(nnlite.tensor([-0.1])), ValueError, r"bernoulli: .*-0\.1"),
    (lambda: nnlite.bernoulli(nnlite.tensor([float("nan")])), ValueError, r"bernoulli: .*nan"),
    (lambda: nnlite.bernoulli(nnlite.zeros(2), 2.0), ValueError, r"bernoulli: p must be in \[0, 1\], got 2"),
    (lambda: nnlite.bernoulli(nnlite.tensor([1, 0])), TypeError, r"bernoulli: expected a floating-point.*int64"),
    (lambda: nnlite.zeros(2).bernoulli_(-0.5), ValueError, r"bernoulli_: p must be in \[0, 1\], got -0\.5"),
    (lambda: nnlite.zeros(2).bernoulli_(nnlite.tensor([3.0])), ValueError, r"bernoulli_: probabilities.*3"),
    (lambda: nnlite.zeros(2, dtype=nnlite.int64).bernoulli_(), TypeError, r"bernoulli_"),
    (lambda: nnlite.normal(nnlite.zeros(2), nnlite.tensor([1.0, -2.0])), ValueError, r"normal: std must be non-neg.*-2"),
    (lambda: nnlite.normal(nnlite.zeros(2), -1.0), ValueError, r"normal: std must be non-negative.*-1"),
    (lambda: nnlite.normal(0.0, -1.0, (2,)), ValueError, r"normal: std must be non-negative, got -1"),
    (lambda: nnlite.normal(nnlite.zeros(2, dtype=nnlite.int64), 1.0), TypeError, r"normal: expected a floating"),
    (lambda: nnlite.normal(nnlite.zeros(2), nnlite.ones(3)), ValueError, r"normal"),
    (lambda: nnlite.normal(0.0, 1.0), TypeError, r"normal: .*expected a size"),
    (lambda: nnlite.poisson(nnlite.tensor([1.0, -3.0])), ValueError, r"poisson: rates must be .*non-negative.*-3"),
    (lambda: nnlite.poisson(nnlite.tensor([float("inf")])), ValueError, r"poisson: rates must be finite.*inf"),
    (lambda: nnlite.poisson(nnlite.tensor([2])), TypeError, r"poisson: expected a floating-point.*int64"),
    (lambda: nnlite.zeros(2).exponential_(0.0), ValueError, r"exponential_: lambd must be positive, got 0"),
    (lambda: nnlite.zeros(2, dtype=nnlite.int32).exponential_(), TypeError, r"exponential_"),
    (lambda: nnlite.randint_like(nnlite.zeros(2), 5, 5), ValueError, r"randint: expected low < high"),
    (lambda: nnlite.randint_like(nnlite.zeros(2)), TypeError, r"randint_like: missing .*high"),
]


@pytest.mark.parametrize("fn,exc,match", ERRORS)
def test_bad_parameters_raise_naming_the_op_and_value(fn, exc, match):
    with pytest.raises(exc, match=match):
        fn()


@pytest.mark.parametrize("fn,name", [
    (lambda x: nnlite.bernoulli(x.sigmoid()), "bernoulli"),
    (lambda x: nnlite.normal(x, 1.0), "normal"),
    (lambda x: nnlite.poisson(x.abs()), "poisson"),
    (lambda x: nnlite.randint_like(x, 3), "randint_like"),
])
def test_export_refuses_draws(fn, name, tmp_path):
    class M(nnlite.nn.Module):
        def forward(self, x):
            return fn(x)

    with pytest.raises(nnlite.ExportError, match=name):
        nnlite.export(M(), nnlite.randn(2, 3), tmp_path / "m.nnlg")


def test_empty_parameters_give_empty_samples():
    assert nnlite.bernoulli(nnlite.zeros(0)).numel() == 0
    assert nnlite.poisson(nnlite.zeros(0, 3)).numel() == 0
    assert nnlite.normal(nnlite.zeros(0), nnlite.ones(1)).numel() == 0
