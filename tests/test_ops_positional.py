"""Ops that work by position, against torch: tril, triu, roll, flip, cumsum
(forward and gradients, strided inputs, sizes 0 and 1, negative dims)."""
import numpy as np
import pytest

import nnlite
from op_check import T, check_op, from_array, to_numpy

TESTED_OPS = {"tril", "triu", "roll", "flip", "cumsum"}


@pytest.mark.parametrize("shape", [(4, 4), (3, 5), (5, 3), (2, 3, 4), (2, 1, 3, 3), (0, 3), (3, 0), (1, 1)])
@pytest.mark.parametrize("k", [0, 1, -1, 2, -4, 7])
@pytest.mark.parametrize("op", ["tril", "triu"])
def test_triangles(op, shape, k):
    check_op([shape], lambda x: getattr(nnlite, op)(x, k), lambda x: getattr(T, op)(x, k))
    check_op([shape], lambda x: getattr(x, op)(diagonal=k), lambda x: getattr(x, op)(diagonal=k),
             noncontiguous=True)


@pytest.mark.parametrize("dtype", ["int64", "bool", "uint8"])
def test_triangles_keep_integer_and_bool_dtypes(dtype, rng, torch):
    a = rng.integers(0, 5, (4, 6)).astype(dtype)
    for op in ("tril", "triu"):
        got = getattr(nnlite, op)(from_array(a), 1)
        want = getattr(torch, op)(torch.from_numpy(a), 1)
        assert str(got.dtype).endswith(dtype)
        np.testing.assert_array_equal(to_numpy(got), want.numpy())


@pytest.mark.parametrize("shape,shifts,dims", [
    ((7,), 2, 0), ((7,), -3, None), ((7,), 9, -1), ((3, 4), 1, None), ((3, 4), (1, -2), (0, 1)),
    ((2, 3, 4), (5, 1), (-1, 0)), ((2, 3, 4), 0, 1), ((0, 3), 2, 0), ((1,), 4, 0), ((3, 4), (2, 2), (1, 1)),
    ((), 1, None), ((), 1, 0),
])
def test_roll(shape, shifts, dims):
    check_op([shape], lambda x: nnlite.roll(x, shifts, dims), lambda x: T.roll(x, shifts, dims))
    check_op([shape], lambda x: x.roll(shifts, dims=dims), lambda x: x.roll(shifts, dims=dims), noncontiguous=True)


@pytest.mark.parametrize("shape,dims", [
    ((7,), (0,)), ((3, 4), (0,)), ((3, 4), (1, 0)), ((3, 4), (-1,)), ((2, 3, 4), (0, 2)), ((2, 3, 4), ()),
    ((0, 3), (0, 1)), ((1, 5), (0,)), ((), (0,)), ((), ()),
])
def test_flip(shape, dims):
    check_op([shape], lambda x: nnlite.flip(x, dims), lambda x: T.flip(x, dims))
    check_op([shape], lambda x: x.flip(dims), lambda x: x.flip(dims), noncontiguous=True)


def test_flip_method_forms():
    x = nnlite.arange(6).reshape(2, 3)
    want = [[5, 4, 3], [2, 1, 0]]
    for got in (x.flip(0, 1), x.flip([0, 1]), x.flip(dims=(0, 1)), nnlite.flip(x, dims=[1, 0])):
        np.testing.assert_array_equal(to_numpy(got), want)
    np.testing.assert_array_equal(to_numpy(x.flip(1)), [[2, 1, 0], [5, 4, 3]])


@pytest.mark.parametrize("shape,dim", [((7,), 0), ((3, 4), 1), ((3, 4), 0), ((2, 3, 4), -2), ((0, 3), 0),
                                       ((3, 0), 1), ((1,), 0), ((4, 1), -1), ((), 0), ((), -1)])
def test_cumsum(shape, dim):
    check_op([shape], lambda x: nnlite.cumsum(x, dim), lambda x: T.cumsum(x, dim))
    check_op([shape], lambda x: x.cumsum(dim), lambda x: x.cumsum(dim), noncontiguous=True, dtype="float64")


@pytest.mark.parametrize("dtype", ["int64", "int32", "uint8", "bool"])
def test_cumsum_of_integers_is_int64(dtype, rng, torch):
    a = rng.integers(0, 200, (3, 50)).astype(dtype)
    got = nnlite.cumsum(from_array(a), 1)
    want = torch.cumsum(torch.from_numpy(a), 1)
    assert got.dtype == nnlite.int64 and want.dtype == torch.int64
    np.testing.assert_array_equal(to_numpy(got), want.numpy())


def test_cumsum_dtype_argument(torch):
    a = np.arange(6, dtype=np.int64).reshape(2, 3)
    got = nnlite.cumsum(from_array(a), 1, dtype=nnlite.float64)
    assert got.dtype == nnlite.float64
    np.testing.assert_array_equal(to_numpy(got), torch.cumsum(torch.from_numpy(a), 1, dtype=torch.float64).numpy())


def test_long_cumsum_across_threads(rng, torch):
    a = rng.standard_normal((64, 3000)).astype(np.float32)
    for dim in (0, 1):
        np.testing.assert_allclose(to_numpy(nnlite.cumsum(from_array(a), dim)),
                                   torch.cumsum(torch.from_numpy(a).double(), dim).float().numpy(), rtol=1e-5,
                                   atol=1e-4)


def test_second_derivatives():
    x = nnlite.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    for f in (lambda x: nnlite.tril(x) ** 2, lambda x: nnlite.roll(x, 1, 1) ** 2, lambda x: x.flip(0) ** 2,
              lambda x: x.cumsum(1) ** 2):
        (g,) = nnlite.autograd.grad(f(x).sum(), [x], create_graph=True)
        (gg,) = nnlite.autograd.grad(g.sum(), [x])
        assert tuple(gg.shape) == (2, 2)
    (g,) = nnlite.autograd.grad((x.cumsum(1) ** 2).sum(), [x], create_graph=True)
    (gg,) = nnlite.autograd.grad(g.sum(), [x])
    # c = (x0, x0 + x1): g = (4 x0 + 2 x1, 2 x0 + 2 x1), whose sum has gradient (6, 4)
    np.testing.assert_allclose(to_numpy(gg), [[6, 4], [6, 4]])


@pytest.mark.parametrize("call,exc,match", [
    (lambda: nnlite.tril(nnlite.zeros(3)), ValueError, r"tril: expected a tensor of at least 2 dimensions"),
    (lambda: nnlite.zeros(3).triu(), ValueError, r"triu: expected a tensor of at least 2 dimensions"),
    (lambda: nnlite.roll(nnlite.zeros((2, 3)), (1, 2), (0,)), ValueError, r"roll: got 2 shifts for 1 dims"),
    (lambda: nnlite.roll(nnlite.zeros((2, 3)), (1, 2)), ValueError, r"roll: without dims, expected one shift"),
    (lambda: nnlite.roll(nnlite.zeros((2, 3)), 1, 2), IndexError, r"roll"),
    (lambda: nnlite.flip(nnlite.zeros((2, 3)), (0, -2)), ValueError, r"flip: dim 0 appears more than once"),
    (lambda: nnlite.flip(nnlite.zeros((2, 3)), (2,)), IndexError, r"flip"),
    (lambda: nnlite.flip(nnlite.zeros((2, 3)), "0"), TypeError, r"flip: argument 'dims'"),
    (lambda: nnlite.cumsum(nnlite.zeros((2, 3)), -3), IndexError, r"cumsum"),
])
def test_bad_arguments(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
