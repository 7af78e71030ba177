"""Sorting ops against torch: sort, argsort, topk (values with their
gradients, indices exactly), NaN ordering and stable ties."""
import numpy as np
import pytest

import nnlite
from op_check import T, check_op, from_array, to_numpy

TESTED_OPS = {"sort", "argsort", "topk"}

SHAPES_DIMS = [((5,), 0), ((4, 6), 1), ((4, 6), 0), ((3, 4, 5), -1), ((3, 4, 5), 1), ((2, 0, 3), 1),
               ((2, 0, 3), 2), ((1,), 0), ((3, 1), -1), ((), 0), ((), -1)]


@pytest.mark.parametrize("shape,dim", SHAPES_DIMS)
@pytest.mark.parametrize("descending", [False, True])
def test_sort(shape, dim, descending):
    kw = {"dim": dim, "descending": descending}
    check_op([shape], lambda x: nnlite.sort(x, **kw), lambda x: T.sort(x, stable=True, **kw))
    check_op([shape], lambda x: x.sort(dim, descending), lambda x: x.sort(dim=dim, descending=descending, stable=True),
             noncontiguous=True, dtype="float64")


@pytest.mark.parametrize("shape,dim", SHAPES_DIMS)
@pytest.mark.parametrize("descending", [False, True])
def test_argsort(shape, dim, descending):
    kw = {"dim": dim, "descending": descending, "stable": True}
    check_op([shape], lambda x: nnlite.argsort(x, **kw), lambda x: T.argsort(x, **kw))
    check_op([shape], lambda x: x.argsort(**kw), lambda x: x.argsort(**kw), noncontiguous=True)


@pytest.mark.parametrize("shape,k,dim", [((7,), 3, 0), ((4, 6), 2, 1), ((4, 6), 4, 0), ((3, 4, 5), 5, -1),
                                         ((3, 4, 5), 1, 1), ((3, 4, 5), 0, 2), ((2, 0, 3), 0, 1), ((1,), 1, 0),
                                         ((), 1, 0), ((6,), 6, -1)])
@pytest.mark.parametrize("largest", [True, False])
def test_topk(shape, k, dim, largest):
    # Uniform random values have no ties, so torch's indices are determined.
    check_op([shape], lambda x: nnlite.topk(x, k, dim, largest), lambda x: T.topk(x, k, dim, largest))
    check_op([shape], lambda x: x.topk(k, dim=dim, largest=largest, sorted=True),
             lambda x: x.topk(k, dim=dim, largest=largest, sorted=True), noncontiguous=True)


@pytest.mark.parametrize("dtype", ["int64", "int32", "uint8", "bool", "float32"])
@pytest.mark.parametrize("descending", [False, True])
def test_sort_ties_are_stable_like_torch(dtype, descending, rng, torch):
    # Many equal values: the indices must follow torch's stable=True exactly.
    a = rng.integers(0, 3, (5, 40)).astype(dtype)
    x = from_array(a)
    v, i = nnlite.sort(x, dim=1, descending=descending, stable=True)
    tv, ti = torch.sort(torch.from_numpy(a), dim=1, descending=descending, stable=True)
    np.testing.assert_array_equal(to_numpy(v), tv.numpy())
    np.testing.assert_array_equal(to_numpy(i), ti.numpy())
    np.testing.assert_array_equal(to_numpy(x.argsort(dim=0, descending=descending)),
                                  torch.from_numpy(a).argsort(dim=0, descending=descending, stable=True).numpy())


@pytest.mark.parametrize("descending", [False, True])
def test_nan_sorts_as_the_largest_value(descending, torch):
    a = np.array([[1.0, np.nan, -np.inf, 0.5, np.nan, np.inf, 0.5]], dtype=np.float32)
    v, i = nnlite.sort(from_array(a), descending=descending)
    tv, ti = torch.sort(torch.from_numpy(a), descending=descending, stable=True)
    np.testing.assert_array_equal(to_numpy(v), tv.numpy())
    np.testing.assert_array_equal(to_numpy(i), ti.numpy())
    tv, _ = torch.topk(torch.from_numpy(a), 3, largest=not descending)
    np.testing.assert_array_equal(to_numpy(nnlite.topk(from_array(a), 3, largest=not descending).values), tv.numpy())


def test_results_are_named_and_positional():
    x = nnlite.tensor([[3.0, 1.0, 2.0]])
    values, indices = x.topk(2)
    assert x.topk(2).values is not None and x.sort().indices is not None
    np.testing.assert_array_equal(to_numpy(values), [[3, 2]])
    np.testing.assert_array_equal(to_numpy(indices), [[0, 2]])
    np.testing.assert_array_equal(to_numpy(x.sort(-1, True).values), [[3, 2, 1]])
    np.testing.assert_array_equal(to_numpy(x.sort(-1, True, True).indices), [[0, 2, 1]])


def test_large_rows_across_threads(rng, torch):
    a = rng.standard_normal((300, 257)).astype(np.float32)
    v, i = nnlite.topk(from_array(a), 17, dim=1)
    tv, ti = torch.topk(torch.from_numpy(a), 17, dim=1)
    np.testing.assert_array_equal(to_numpy(v), tv.numpy())
    np.testing.assert_array_equal(to_numpy(i), ti.numpy())
    v, i = nnlite.sort(from_array(a), dim=0)
    tv, ti = torch.sort(torch.from_numpy(a), dim=0, stable=True)
    np.testing.assert_array_equal(to_numpy(i), ti.numpy())


def test_second_derivative_through_sort():
    x = nnlite.tensor([3.0, 1.0, 2.0], requires_grad=True)
    w = nnlite.tensor([1.0, 2.0, 3.0])
    (g,) = nnlite.autograd.grad((x.sort().values ** 2 * w).sum(), [x], create_graph=True)
    np.testing.assert_allclose(to_numpy(g), [2 * 3 * 3, 2 * 1 * 1, 2 * 2 * 2])  # x sorted = [1, 2, 3] weights
    (gg,) = nnlite.autograd.grad(g.sum(), [x])
    np.testing.assert_allclose(to_numpy(gg), [6, 2, 4])


@pytest.mark.parametrize("call,exc,match", [
    (lambda x: nnlite.topk(x, 5, 1), ValueError, r"topk: k = 5 is out of range for dimension 1 .*\[2, 4\]"),
    (lambda x: nnlite.topk(x, -1), ValueError, r"topk: k = -1"),
    (lambda x: nnlite.sort(x, 2), IndexError, r"sort"),
    (lambda x: nnlite.argsort(x, -3), IndexError, r"argsort"),
    (lambda x: nnlite.topk(x, 1, 3), IndexError, r"topk"),
])
def test_bad_arguments(call, exc, match):
    with pytest.raises(exc, match=match):
        call(nnlite.zeros((2, 4)))
