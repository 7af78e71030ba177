"""Random numbers: manual_seed reproducibility, Generator objects, and the
distributions of rand, randn, randint, randperm, uniform_ and normal_."""
import numpy as np
import pytest

import nnlite
from op_check import to_numpy

DRAWS = {
    "rand": lambda **kw: nnlite.rand(4, 5, **kw),
    "randn": lambda **kw: nnlite.randn(4, 5, **kw),
    "randint": lambda **kw: nnlite.randint(0, 1000, (4, 5), **kw),
    "randperm": lambda **kw: nnlite.randperm(50, **kw),
    "uniform_": lambda **kw: nnlite.empty(20).uniform_(-1, 1, **kw),
    "normal_": lambda **kw: nnlite.empty(20).normal_(0, 1, **kw),
}


@pytest.mark.parametrize("name", sorted(DRAWS))
def test_manual_seed_reproducible(name):
    draw = DRAWS[name]
    nnlite.manual_seed(123)
    a, b = to_numpy(draw()), to_numpy(draw())
    nnlite.manual_seed(123)
    a2, b2 = to_numpy(draw()), to_numpy(draw())
    np.testing.assert_array_equal(a, a2)
    np.testing.assert_array_equal(b, b2)
    assert not np.array_equal(a, b)  # the stream moves on
    nnlite.manual_seed(124)
    assert not np.array_equal(to_numpy(draw()), a)


@pytest.mark.parametrize("name", sorted(DRAWS))
def test_generator_is_independent_of_default(name):
    draw = DRAWS[name]
    g = nnlite.Generator()
    assert g.manual_seed(7) is g
    nnlite.manual_seed(0)
    expected_default = to_numpy(draw())
    nnlite.manual_seed(0)
    from_g = to_numpy(draw(generator=g))
    np.testing.assert_array_equal(to_numpy(draw()), expected_default)  # default stream untouched
    g2 = nnlite.Generator().manual_seed(7)
    np.testing.assert_array_equal(to_numpy(draw(generator=g2)), from_g)
    g.manual_seed(7)
    np.testing.assert_array_equal(to_numpy(draw(generator=g)), from_g)


def test_generator_initial_seed():
    g = nnlite.Generator()
    g.manual_seed(42)
    assert g.initial_seed() == 42


def test_rand_distribution():
    v = to_numpy(nnlite.rand(100_000))
    assert v.min() >= 0 and v.max() < 1
    assert abs(v.mean() - 0.5) < 0.005 and abs(v.var() - 1 / 12) < 0.003
    # no value repeats often: the float32 mantissa is filled
    assert len(np.unique(v)) > 90_000
    v64 = to_numpy(nnlite.rand(1000, dtype=nnlite.float64))
    assert v64.dtype == np.float64 and len(np.unique(v64)) == 1000


def test_randn_distribution():
    v = to_numpy(nnlite.randn(100_000)).astype(np.float64)
    assert abs(v.mean()) < 0.02 and abs(v.std() - 1) < 0.02
    assert abs(np.mean(np.abs(v) < 1) - 0.6827) < 0.01
    assert abs(np.mean(v ** 3)) < 0.05  # symmetric
    # odd sizes work as well as even ones (pairs of normals from Box-Muller)
    assert tuple(nnlite.randn(3).shape) == (3,) and tuple(nnlite.randn(1).shape) == (1,)


def test_randint_distribution():
    v = to_numpy(nnlite.randint(-3, 4, (70_000,)))
    assert v.dtype == np.int64 and v.min() == -3 and v.max() == 3
    counts = np.bincount(v + 3)
    assert (np.abs(counts / v.size - 1 / 7) < 0.01).all()
    big = to_numpy(nnlite.randint(0, 2 ** 40, (1000,)))
    assert big.max() > 2 ** 39  # the high bits are random too


def test_randperm():
    p = to_numpy(nnlite.randperm(100))
    assert sorted(p.tolist()) == list(range(100))
    assert not np.array_equal(p, np.arange(100))
    assert to_numpy(nnlite.randperm(0)).shape == (0,)
    np.testing.assert_array_equal(to_numpy(nnlite.randperm(1)), [0])
    # every position sees every value over many draws (no fixed points in the shuffle)
    firsts = {int(to_numpy(nnlite.randperm(5))[0]) for _ in range(200)}
    assert firsts == {0, 1, 2, 3, 4}


def test_random_ops_with_size_zero():
    assert nnlite.rand(0, 3).numel() == 0
    assert nnlite.randn(0).numel() == 0
    assert nnlite.randint(0, 5, (0,)).numel() == 0
    assert nnlite.empty(0).uniform_().numel() == 0
