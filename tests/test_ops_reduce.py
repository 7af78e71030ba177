"""Reductions over any set of dims, with keepdim: sum, mean, var, std, prod,
amax/amin, max/min with indices, argmax/argmin, logsumexp."""
import numpy as np
import pytest

import nnlite
from op_check import T, check_op, dtype_name, from_array, to_numpy

TESTED_OPS = {"sum", "mean", "var", "std", "prod", "amax", "amin", "max", "min", "argmax", "argmin",
              "logsumexp"}

DIMS = [None, 0, 1, -1, (0, 2), (-1, -2), (0, 1, 2), (2, 0)]


def _kw(dim, keepdim):
    return {} if dim is None else {"dim": dim, "keepdim": keepdim}


@pytest.mark.parametrize("keepdim", [False, True])
@pytest.mark.parametrize("dim", DIMS)
@pytest.mark.parametrize("name", ["sum", "mean"])
def test_sum_mean(name, dim, keepdim, device):
    kw = _kw(dim, keepdim)
    check_op([(2, 3, 4)], lambda x: getattr(x, name)(**kw), lambda x: getattr(x, name)(**kw), device=device)
    check_op([(2, 3, 4)], lambda x: getattr(nnlite, name)(x, **kw), lambda x: getattr(T, name)(x, **kw),
             noncontiguous=True, device=device)


@pytest.mark.parametrize("name", ["sum", "mean"])
def test_sum_mean_positional_dim_and_small_shapes(name):
    check_op([(4, 5)], lambda x: getattr(x, name)(1), lambda x: getattr(x, name)(1))
    check_op([(4, 5)], lambda x: getattr(x, name)(0, True), lambda x: getattr(x, name)(0, True))
    check_op([()], lambda x: getattr(x, name)(), lambda x: getattr(x, name)())
    check_op([(1,)], lambda x: getattr(x, name)(0), lambda x: getattr(x, name)(0))
    check_op([(1, 1, 3)], lambda x: getattr(x, name)((0, 1)), lambda x: getattr(x, name)((0, 1)))


def test_sum_mean_size_zero():
    check_op([(3, 0, 2)], lambda x: x.sum(1), lambda x: x.sum(1))
    check_op([(3, 0, 2)], lambda x: x.sum(0), lambda x: x.sum(0))
    check_op([(3, 0, 2)], lambda x: x.sum(), lambda x: x.sum())
    check_op([(0,)], lambda x: x.sum(), lambda x: x.sum())
    # The mean of nothing is NaN in torch and NumPy alike.
    check_op([(3, 0, 2)], lambda x: x.mean(1), lambda x: x.mean(1), equal_nan=True, grad=False)
    check_op([(3, 0, 2)], lambda x: x.mean(0), lambda x: x.mean(0))


def test_sum_large_matches_float64():
    # Long rows exercise vectorised and threaded paths; compared against a float64 sum.
    check_op([(513, 37)], lambda x: x.sum(0), lambda x: x.sum(0), fd_max_elems=4)
    check_op([(513, 37)], lambda x: x.sum(1), lambda x: x.sum(1), fd_max_elems=4)
    check_op([(20001,)], lambda x: x.sum(), lambda x: x.sum(), atol=1e-3, fd_max_elems=3)
    check_op([(4, 1001, 3)], lambda x: x.mean((0, 2)), lambda x: x.mean((0, 2)), fd_max_elems=4)


def test_sum_float64():
    check_op([(3, 4)], lambda x: x.sum(1), lambda x: x.sum(1), dtype="float64")


@pytest.mark.parametrize("dt,expected", [("int64", "int64"), ("int32", "int64"), ("uint8", "int64"),
                                         ("bool", "int64"), ("float64", "float64")])
def test_sum_dtype(dt, expected):
    x = nnlite.ones(2, 3, dtype=getattr(nnlite, dt))
    s = x.sum()
    assert dtype_name(s.dtype) == expected
    assert s.item() == 6
    assert dtype_name(x.sum(1).dtype) == expected


def test_int_sum_is_exact(rng):
    a = rng.integers(-1000, 1000, (7, 9))
    check_op([a], lambda x: x.sum(0), lambda x: x.sum(0))
    check_op([a], lambda x: x.sum((0, 1), keepdim=True), lambda x: x.sum((0, 1), keepdim=True))


@pytest.mark.parametrize("correction", [0, 1, 2])
@pytest.mark.parametrize("keepdim", [False, True])
@pytest.mark.parametrize("dim", [None, 0, -1, (0, 2)])
@pytest.mark.parametrize("name", ["var", "std"])
def test_var_std(name, dim, keepdim, correction):
    kw = {"correction": correction}
    if dim is not None:
        kw.update(dim=dim, keepdim=keepdim)
    check_op([(3, 4, 5)], lambda x: getattr(x, name)(**kw), lambda x: getattr(x, name)(**kw))


@pytest.mark.parametrize("name", ["var", "std"])
def test_var_std_function_noncontiguous_float64(name):
    check_op([(4, 6)], lambda x: getattr(nnlite, name)(x, dim=1), lambda x: getattr(T, name)(x, dim=1),
             noncontiguous=True)
    check_op([(4, 6)], lambda x: getattr(nnlite, name)(x, 0), lambda x: getattr(T, name)(x, 0), dtype="float64")
    check_op([(1, 3)], lambda x: getattr(x, name)(1, correction=0), lambda x: getattr(x, name)(1, correction=0))


def test_var_default_is_unbiased():
    x = nnlite.tensor([1.0, 2.0, 3.0, 4.0])
    assert x.var().item() == pytest.approx(np.var([1, 2, 3, 4], ddof=1))
    assert x.std().item() == pytest.approx(np.std([1, 2, 3, 4], ddof=1))


@pytest.mark.parametrize("keepdim", [False, True])
@pytest.mark.parametrize("dim", [0, 1, 2, -1])
def test_prod(dim, keepdim, device):
    check_op([(2, 3, 4)], lambda x: x.prod(dim, keepdim=keepdim), lambda x: x.prod(dim, keepdim=keepdim),
             low=0.5, high=1.5, device=device)
    check_op([(2, 3, 4)], lambda x: nnlite.prod(x, dim), lambda x: T.prod(x, dim), low=-1.5, high=1.5,
             noncontiguous=True, device=device)


def test_prod_full_and_multi_dim():
    check_op([(3, 4)], lambda x: x.prod(), lambda x: x.prod(), low=0.5, high=1.5)
    # torch.prod takes one dim; reduce two one after the other for the reference.
    check_op([(2, 3, 4)], lambda x: x.prod((0, 2)), lambda x: x.prod(2).prod(0), low=0.5, high=1.5)


@pytest.mark.parametrize("values", [
    [[1.5, 0.0, 2.0], [0.0, 0.0, 3.0], [1.0, -2.0, 3.0]],   # one zero, two zeros, none
    [[0.0, 0.0, 0.0], [2.0, 0.0, 5.0], [0.5, 4.0, 0.0]],
])
def test_prod_with_zeros(values, device):
    a = np.array(values, dtype=np.float32)
    check_op([a], lambda x: x.prod(1), lambda x: x.prod(1), device=device)
    check_op([a], lambda x: x.prod(0), lambda x: x.prod(0), device=device)
    check_op([a], lambda x: x.prod(), lambda x: x.prod(), device=device)
    check_op([a[0]], lambda x: x.prod(), lambda x: x.prod(), device=device)


def test_prod_size_zero_and_int():
    check_op([(2, 0)], lambda x: x.prod(1), lambda x: x.prod(1))
    check_op([np.array([[2, 3], [4, -5]])], lambda x: x.prod(1), lambda x: x.prod(1))


@pytest.mark.parametrize("keepdim", [False, True])
@pytest.mark.parametrize("dim", [None, 0, -1, (0, 2), (1, 2)])
@pytest.mark.parametrize("name", ["amax", "amin"])
def test_amax_amin(name, dim, keepdim, device):
    kw = {} if dim is None else {"dim": dim, "keepdim": keepdim}
    check_op([(3, 4, 5)], lambda x: getattr(x, name)(**kw), lambda x: getattr(x, name)(**kw), device=device)
    check_op([(3, 4, 5)], lambda x: getattr(nnlite, name)(x, **kw), lambda x: getattr(T, name)(x, **kw),
             noncontiguous=True, device=device)


def test_amax_ties_share_gradient_like_torch():
    a = np.array([[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]], dtype=np.float32)
    check_op([a], lambda x: x.amax(1), lambda x: x.amax(1), fd=False)
    check_op([a], lambda x: x.amin(), lambda x: x.amin(), fd=False)


@pytest.mark.parametrize("keepdim", [False, True])
@pytest.mark.parametrize("dim", [0, 1, -1])
@pytest.mark.parametrize("name", ["max", "min"])
def test_max_min_with_indices(name, dim, keepdim, device):
    out = check_op([(3, 4, 5)], lambda x: getattr(x, name)(dim, keepdim=keepdim),
                   lambda x: getattr(x, name)(dim, keepdim=keepdim), device=device)
    assert len(out) == 2 and dtype_name(out[1].dtype) == "int64"
    check_op([(3, 4, 5)], lambda x: getattr(nnlite, name)(x, dim), lambda x: getattr(T, name)(x, dim),
             noncontiguous=True, device=device)
    check_op([(3, 4, 5)], lambda x: getattr(nnlite, name)(x, dim=dim, keepdim=keepdim),
             lambda x: getattr(T, name)(x, dim=dim, keepdim=keepdim), device=device)


def test_max_min_named_fields():
    x = nnlite.tensor([[1.0, 5.0, 2.0], [7.0, 0.0, 3.0]])
    r = x.max(1)
    np.testing.assert_array_equal(to_numpy(r.values), [5, 7])
    np.testing.assert_array_equal(to_numpy(r.indices), [1, 0])
    values, indices = nnlite.min(x, 0)
    np.testing.assert_array_equal(to_numpy(values), [1, 0, 2])
    np.testing.assert_array_equal(to_numpy(indices), [0, 1, 0])


@pytest.mark.parametrize("name", ["max", "min"])
def test_max_min_full_reduction(name):
    check_op([(3, 4)], lambda x: getattr(x, name)(), lambda x: getattr(x, name)())
    check_op([(3, 4)], lambda x: getattr(nnlite, name)(x), lambda x: getattr(T, name)(x), noncontiguous=True)
    check_op([()], lambda x: getattr(x, name)(), lambda x: getattr(x, name)())


def test_max_of_ints_and_along_size_one():
    check_op([np.array([[3, -1, 7], [2, 9, 9]])], lambda x: x.max(1), lambda x: x.max(1))
    check_op([(4, 1)], lambda x: x.max(1), lambda x: x.max(1))


@pytest.mark.parametrize("keepdim", [False, True])
@pytest.mark.parametrize("dim", [None, 0, 1, -1])
@pytest.mark.parametrize("name", ["argmax", "argmin"])
def test_argmax_argmin(name, dim, keepdim):
    kw = {"dim": dim, "keepdim": keepdim}
    out = check_op([(3, 4, 5)], lambda x: getattr(x, name)(**kw), lambda x: getattr(x, name)(**kw))
    assert dtype_name(out[0].dtype) == "int64"
    check_op([(3, 4, 5)], lambda x: getattr(nnlite, name)(x, **kw), lambda x: getattr(T, name)(x, **kw),
             noncontiguous=True)


def test_argmax_ties_pick_first_like_numpy():
    a = np.array([[1, 3, 3, 0], [2, 2, 2, 2], [0, 5, 1, 5]], dtype=np.float32)
    x = nnlite.tensor(a)
    np.testing.assert_array_equal(to_numpy(x.argmax(1)), a.argmax(1))
    np.testing.assert_array_equal(to_numpy(x.argmin(1)), a.argmin(1))
    assert x.argmax().item() == a.argmax()
    np.testing.assert_array_equal(to_numpy(nnlite.max(x, 1)[1]), a.argmax(1))


@pytest.mark.parametrize("keepdim", [False, True])
@pytest.mark.parametrize("dim", [0, -1, (0, 1), (0, 2)])
def test_logsumexp(dim, keepdim):
    check_op([(3, 4, 5)], lambda x: x.logsumexp(dim, keepdim=keepdim),
             lambda x: x.logsumexp(dim, keepdim=keepdim))
    check_op([(3, 4, 5)], lambda x: nnlite.logsumexp(x, dim), lambda x: T.logsumexp(x, dim),
             noncontiguous=True)


def test_logsumexp_large_values_are_stable():
    check_op([np.array([[1000.0, 1000.0, 990.0], [-1000.0, -1001.0, -1002.0]], dtype=np.float32)],
             lambda x: nnlite.logsumexp(x, 1), lambda x: T.logsumexp(x, 1), atol=1e-3)
    check_op([(2, 5)], lambda x: nnlite.logsumexp(x, 1), lambda x: T.logsumexp(x, 1), low=80, high=100,
             atol=1e-4, fd_eps=1e-5)


def test_logsumexp_float64_and_size_one():
    check_op([(2, 3)], lambda x: nnlite.logsumexp(x, 1), lambda x: T.logsumexp(x, 1), dtype="float64")
    check_op([(2, 1)], lambda x: nnlite.logsumexp(x, 1), lambda x: T.logsumexp(x, 1))


# ---- NaN, large and strided inputs --------------------------------------------

@pytest.mark.parametrize("name", ["amax", "amin", "sum", "mean", "prod", "logsumexp"])
def test_reductions_propagate_nan_like_torch(name, torch):
    a = np.array([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0]], dtype=np.float32)
    ours = getattr(nnlite, name)(from_array(a), 1)
    theirs = getattr(torch, name)(torch.from_numpy(a), 1)
    np.testing.assert_allclose(to_numpy(ours), theirs.numpy(), equal_nan=True, rtol=1e-6)


@pytest.mark.parametrize("name", ["max", "min"])
def test_max_min_with_nan_like_torch(name, torch):
    a = np.array([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0]], dtype=np.float32)
    v, i = getattr(nnlite, name)(from_array(a), 1)
    tv, ti = getattr(torch, name)(torch.from_numpy(a), 1)
    np.testing.assert_allclose(to_numpy(v), tv.numpy(), equal_nan=True)
    np.testing.assert_array_equal(to_numpy(i), ti.numpy())
    assert np.isnan(getattr(nnlite, name)(from_array(a)).item())
    np.testing.assert_array_equal(to_numpy(from_array(a).argmax(1)), torch.from_numpy(a).argmax(1).numpy())


def test_var_of_single_element_is_nan_like_torch():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert np.isnan(nnlite.tensor([3.0]).var().item())
    assert nnlite.tensor([3.0]).var(correction=0).item() == 0.0


@pytest.mark.parametrize("dim", [0, 1, (0, 1)])
def test_reductions_large_strided_match_numpy(dim, rng):
    a = rng.uniform(-1, 1, (300, 1001)).astype(np.float32)
    x = from_array(a.T.copy()).t()  # same values, column-major strides
    a64 = a.astype(np.float64)
    np.testing.assert_allclose(to_numpy(x.sum(dim)), a64.sum(axis=dim), rtol=1e-4, atol=1e-3)
    np.testing.assert_allclose(to_numpy(x.mean(dim)), a64.mean(axis=dim), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_numpy(x.var(dim)), a64.var(axis=dim, ddof=1), rtol=1e-4, atol=1e-6)
    np.testing.assert_array_equal(to_numpy(x.amax(dim)), a.max(axis=dim))
    if not isinstance(dim, tuple):
        np.testing.assert_array_equal(to_numpy(x.argmin(dim)), a.argmin(axis=dim))


def test_sum_large_is_accurate():
    # Past 2**24 a running float32 total stops growing by 1; torch and NumPy
    # sum blockwise and get the count exactly (n even: float32 holds it).
    n = 2 ** 24 + 1000
    x = nnlite.ones(n)
    assert x.sum().item() == n
    assert x.mean().item() == 1.0
