"""Indexing ops and their gradients: gather, scatter, scatter_add,
index_select, advanced indexing (index), index_put, masked_fill, nonzero."""
import numpy as np
import pytest

import nnlite
from op_check import T, check_op, dtype_name, from_array, to_numpy

TESTED_OPS = {"gather", "scatter", "scatter_add", "index_select", "index", "index_put", "masked_fill", "nonzero"}


def _idx(rng, high, shape):
    return rng.integers(0, high, shape).astype(np.int64)


def _distinct_along(rng, n, shape, dim):
    """An index of `shape` whose entries are distinct along `dim` (< n), so that
    scatter writes each place at most once and its result is deterministic."""
    shape = list(shape)
    dim = dim % len(shape)
    k = shape[dim]
    moved = [s for i, s in enumerate(shape) if i != dim]
    out = np.empty(moved + [k], dtype=np.int64)
    for pos in np.ndindex(*moved):
        out[pos] = rng.permutation(n)[:k]
    return np.moveaxis(out, -1, dim)


@pytest.mark.parametrize("xshape,dim,ishape", [
    ((4, 5), 0, (3, 5)), ((4, 5), 1, (4, 7)), ((4, 5), -1, (2, 3)), ((2, 3, 4), 1, (2, 5, 4)),
    ((2, 3, 4), 2, (1, 1, 1)), ((4, 5), 0, (0, 5)), ((5,), 0, (8,)),
])
def test_gather(xshape, dim, ishape, rng, device):
    index = _idx(rng, xshape[dim], ishape)
    check_op([xshape, index], lambda x, i: nnlite.gather(x, dim, i), lambda x, i: T.gather(x, dim, i), device=device)
    check_op([xshape, index], lambda x, i: x.gather(dim, i), lambda x, i: x.gather(dim, i), noncontiguous=True,
             device=device)


@pytest.mark.parametrize("xshape,dim,ishape", [
    ((4, 5), 0, (2, 5)), ((4, 5), 1, (4, 3)), ((3, 4, 5), -1, (3, 2, 5)), ((4, 5), 0, (0, 5)),
    ((6,), 0, (3,)), ((4, 5), 1, (2, 2)),
])
def test_scatter(xshape, dim, ishape, rng, device):
    index = _distinct_along(rng, xshape[dim], ishape, dim)
    check_op([xshape, index, ishape], lambda x, i, s: nnlite.scatter(x, dim, i, s),
             lambda x, i, s: T.scatter(x, dim, i, s), device=device)
    check_op([xshape, index, ishape], lambda x, i, s: x.scatter(dim, i, s), lambda x, i, s: x.scatter(dim, i, s),
             noncontiguous=True, device=device)


@pytest.mark.parametrize("xshape,dim,ishape", [
    ((4, 5), 0, (6, 5)), ((4, 5), 1, (4, 9)), ((2, 3, 4), 1, (2, 5, 4)), ((4,), 0, (10,)), ((4, 5), 0, (0, 5)),
    ((4, 5), 0, (2, 3)),
])
def test_scatter_add(xshape, dim, ishape, rng, device):
    # Repeated indices accumulate.
    index = _idx(rng, xshape[dim], ishape)
    check_op([xshape, index, ishape], lambda x, i, s: nnlite.scatter_add(x, dim, i, s),
             lambda x, i, s: T.scatter_add(x, dim, i, s), device=device)
    check_op([xshape, index, ishape], lambda x, i, s: x.scatter_add(dim, i, s),
             lambda x, i, s: x.scatter_add(dim, i, s), noncontiguous=True, device=device)


def test_scatter_add_all_to_one_place():
    x = nnlite.zeros(3)
    out = nnlite.scatter_add(x, 0, nnlite.tensor([1, 1, 1, 1]), nnlite.ones(4))
    np.testing.assert_array_equal(to_numpy(out), [0, 4, 0])
    np.testing.assert_array_equal(to_numpy(x), [0, 0, 0])  # out of place


@pytest.mark.parametrize("xshape,dim,n", [((5, 3), 0, 7), ((5, 3), 1, 2), ((2, 3, 4), -1, 5), ((5,), 0, 0),
                                          ((5, 3), 0, 1)])
def test_index_select(xshape, dim, n, rng, device):
    index = _idx(rng, xshape[dim], (n,))  # duplicates: their gradients add up
    check_op([xshape, index], lambda x, i: nnlite.index_select(x, dim, i), lambda x, i: T.index_select(x, dim, i),
             device=device)
    check_op([xshape, index], lambda x, i: x.index_select(dim, i), lambda x, i: x.index_select(dim, i),
             noncontiguous=True, device=device)


INDEX_CASES = {
    "tensor": lambda x, i: x[i],
    "tensor_dim1": lambda x, i: x[:, i],
    "two_tensors": lambda x, i: x[i, i],
    "tensor_and_slice": lambda x, i: x[i, 1:],
    "tensor_int": lambda x, i: x[i, 2],
    "list": lambda x, i: x[[0, 3, 3, 1]],
    "neg_list": lambda x, i: x[[-1, -4]],
}


@pytest.mark.parametrize("name", sorted(INDEX_CASES))
def test_advanced_index_gradient(name, rng, device):
    index = np.array([3, 0, 2, 0], dtype=np.int64)
    f = INDEX_CASES[name]
    check_op([(4, 4), index], f, f, device=device)
    check_op([(4, 4), index], f, f, noncontiguous=True, device=device)


def test_advanced_index_2d_index_and_mask():
    index = np.array([[0, 1], [2, 2]], dtype=np.int64)
    check_op([(3, 4), index], lambda x, i: x[i], lambda x, i: x[i])
    check_op([(3, 4), index], lambda x, i: x[:, i], lambda x, i: x[:, i])
    mask = np.array([[True, False, True, False], [False, False, False, False], [True, True, True, True]])
    check_op([(3, 4), mask], lambda x, m: x[m], lambda x, m: x[m])
    check_op([(3, 4), mask[:, 0]], lambda x, m: x[m], lambda x, m: x[m])
    check_op([(3, 4), mask[0]], lambda x, m: x[:, m], lambda x, m: x[:, m])


def test_advanced_index_non_adjacent_dims_go_first():
    # NumPy rule: index tensors separated by a slice put their broadcast dims first.
    i = np.array([0, 2], dtype=np.int64)
    check_op([(3, 4, 5), i], lambda x, j: x[j, :, j], lambda x, j: x[j, :, j])
    check_op([(3, 4, 5), i], lambda x, j: x[:, j, j], lambda x, j: x[:, j, j])
    check_op([(3, 4, 5), i], lambda x, j: x[1:, j], lambda x, j: x[1:, j])


def test_index_size_zero():
    check_op([(3, 4), np.zeros((0,), np.int64)], lambda x, i: x[i], lambda x, i: x[i])
    check_op([(0, 4), np.zeros((0,), np.int64)], lambda x, i: x[i], lambda x, i: x[i])


@pytest.mark.parametrize("accumulate", [False, True])
def test_index_put(accumulate, rng):
    idx = np.array([3, 0, 1], dtype=np.int64) if not accumulate else np.array([3, 0, 3, 3], dtype=np.int64)
    vshape = (len(idx), 3)
    check_op([(4, 3), idx, vshape], lambda x, i, v: nnlite.index_put(x, (i,), v, accumulate=accumulate),
             lambda x, i, v: T.index_put(x, (i,), v, accumulate=accumulate))
    check_op([(4, 3), idx, vshape], lambda x, i, v: x.index_put((i,), v, accumulate),
             lambda x, i, v: x.index_put((i,), v, accumulate), noncontiguous=True)
    # values broadcast over the indexed rows
    check_op([(4, 3), idx, (3,)], lambda x, i, v: nnlite.index_put(x, (i,), v, accumulate),
             lambda x, i, v: T.index_put(x, (i,), v, accumulate))


def test_index_put_two_indices_and_mask():
    r = np.array([0, 2], dtype=np.int64)
    c = np.array([1, 3], dtype=np.int64)
    check_op([(3, 4), r, c, (2,)], lambda x, i, j, v: nnlite.index_put(x, (i, j), v),
             lambda x, i, j, v: T.index_put(x, (i, j), v))
    mask = np.array([[True, False, False, True], [False, True, False, False], [False, False, False, False]])
    check_op([(3, 4), mask, (3,)], lambda x, m, v: nnlite.index_put(x, (m,), v),
             lambda x, m, v: T.index_put(x, (m,), v))
    check_op([(3, 4), mask, ()], lambda x, m, v: nnlite.index_put(x, (m,), v, accumulate=True),
             lambda x, m, v: T.index_put(x, (m,), v, accumulate=True))


def test_index_put_is_out_of_place():
    x = nnlite.zeros(3)
    y = nnlite.index_put(x, (nnlite.tensor([1]),), nnlite.tensor([5.0]))
    np.testing.assert_array_equal(to_numpy(y), [0, 5, 0])
    np.testing.assert_array_equal(to_numpy(x), [0, 0, 0])


@pytest.mark.parametrize("xshape,mshape", [((3, 4), (3, 4)), ((3, 4), (4,)), ((3, 4), (3, 1)), ((2, 0), (2, 0)),
                                           ((), ())])
@pytest.mark.parametrize("value", [0.0, -1.5, float("-inf")])
def test_masked_fill(xshape, mshape, value, rng):
    mask = rng.integers(0, 2, mshape).astype(bool)
    check_op([xshape, mask], lambda x, m: nnlite.masked_fill(x, m, value), lambda x, m: T.masked_fill(x, m, value),
             fd=np.isfinite(value))
    check_op([xshape, mask], lambda x, m: x.masked_fill(m, value), lambda x, m: x.masked_fill(m, value),
             noncontiguous=True, fd=np.isfinite(value))


def test_masked_fill_int_tensor():
    x = nnlite.tensor([1, 2, 3])
    out = x.masked_fill(nnlite.tensor([True, False, True]), 7)
    assert dtype_name(out.dtype) == "int64"
    np.testing.assert_array_equal(to_numpy(out), [7, 2, 7])


@pytest.mark.parametrize("arr", [
    np.array([0.0, 1.5, 0.0, -2.0]),
    np.array([[0, 1, 0], [2, 0, 3]]),
    np.zeros((2, 3)),
    np.array([[[True, False], [False, True]]]),
    np.zeros((0, 3)),
    np.ones((2, 2), dtype=np.uint8),
])
def test_nonzero(arr, device):
    out = check_op([arr], nnlite.nonzero, T.nonzero, grad=False, device=device)
    assert dtype_name(out[0].dtype) == "int64"
    np.testing.assert_array_equal(to_numpy(out[0]), np.argwhere(arr))
    out = check_op([arr], lambda x: x.nonzero(), lambda x: x.nonzero(), grad=False, noncontiguous=True, device=device)
    np.testing.assert_array_equal(to_numpy(out[0]), np.argwhere(arr))


def test_nonzero_of_comparison():
    x = from_array(np.array([[0.5, -1.0], [2.0, 0.1]], dtype=np.float32))
    np.testing.assert_array_equal(to_numpy(nnlite.nonzero(x > 0.3)), [[0, 0], [1, 0]])
