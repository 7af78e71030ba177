"""Python indexing of tensors, read and write, against NumPy's semantics:
ints, slices with steps and negative bounds, None, Ellipsis, lists, index
tensors, boolean masks, and assignment through any of them."""
import numpy as np
import pytest

import nnlite
from op_check import from_array, make_noncontiguous, to_numpy

A = np.arange(60, dtype=np.float32).reshape(3, 4, 5)

# Keys valid for both NumPy and nnlite; nnlite index tensors are built from
# the NumPy arrays in the key.
KEYS = [
    0, -1, 2, (1, 2), (1, 2, 3), (-1, -1, -1),
    slice(None), slice(1, None), slice(None, -1), slice(None, None, 2), slice(-2, None), slice(1, 100),
    slice(5, 1), slice(-100, 2),
    (slice(None), 1), (slice(None), slice(None), -2), (slice(None), slice(1, 3), slice(None, None, 3)),
    (Ellipsis, 0), (0, Ellipsis), (Ellipsis,), (1, Ellipsis, slice(1, 3)),
    None, (None, 0), (slice(None), None, 2), (Ellipsis, None),
    [0, 2], [2, 0, 2], [-1], ([0, 1], [1, 3]), (slice(None), [0, 3]), (0, [1, 2], slice(None)),
    np.array([2, 0]), np.array([[0, 1], [2, 2]]), (np.array([0, 2]), slice(None), np.array([4, 0])),
    (slice(1, None), np.array([0, 3])), (np.array([1]), np.array([[0], [2]])),
    A[:, 0, 0] > 10, A[:, :, 0] > 30, A > 29.5, (slice(None), A[0, :, 0] > 6),
    np.array([], dtype=np.int64),
]


def _to_nnlite_key(key):
    if isinstance(key, tuple):
        return tuple(_to_nnlite_key(k) for k in key)
    if isinstance(key, np.ndarray):
        return from_array(key)
    return key


def _name(key):
    return repr(key).replace("\n", "")[:60]


@pytest.mark.parametrize("key", KEYS, ids=_name)
def test_getitem_matches_numpy(key):
    x = from_array(A)
    out = x[_to_nnlite_key(key)]
    expected = A[key]
    assert tuple(out.shape) == expected.shape
    np.testing.assert_array_equal(to_numpy(out), expected)
    # the same through a non-contiguous tensor
    out = make_noncontiguous(A)[_to_nnlite_key(key)]
    np.testing.assert_array_equal(to_numpy(out), expected)


@pytest.mark.parametrize("key", KEYS, ids=_name)
def test_setitem_scalar_matches_numpy(key):
    x = from_array(A)
    x[_to_nnlite_key(key)] = -3.0
    expected = A.copy()
    expected[key] = -3.0
    np.testing.assert_array_equal(to_numpy(x), expected)


@pytest.mark.parametrize("key", KEYS, ids=_name)
def test_setitem_tensor_matches_numpy(key):
    # Values of the indexed shape; a key that repeats an element writes one of
    # the values (which one is unspecified), so those keys write equal values.
    shape = A[key].shape
    vals = np.arange(np.prod(shape, dtype=int), dtype=np.float32).reshape(shape) + 1000
    if len(np.unique(np.arange(A.size).reshape(A.shape)[key])) != A[key].size:
        vals = np.full(shape, 1000.0, np.float32)
    x = from_array(A)
    x[_to_nnlite_key(key)] = from_array(vals)
    expected = A.copy()
    expected[key] = vals
    np.testing.assert_array_equal(to_numpy(x), expected)


def test_setitem_basic_cases():
    x = nnlite.arange(10).float()
    x[1:3] = 0
    x[-1] = 99
    x[::4] = nnlite.tensor(-1.0)
    np.testing.assert_array_equal(to_numpy(x), [-1, 0, 0, 3, -1, 5, 6, 7, -1, 99])


def test_setitem_broadcast_values():
    x = nnlite.zeros(3, 4)
    x[1:] = nnlite.tensor([1.0, 2.0, 3.0, 4.0])
    x[:, 0] = nnlite.tensor([7.0, 8.0, 9.0])
    np.testing.assert_array_equal(to_numpy(x), [[7, 0, 0, 0], [8, 2, 3, 4], [9, 2, 3, 4]])


def test_setitem_mask():
    x = nnlite.tensor([1.0, -2.0, 3.0, -4.0])
    x[x < 0] = 0.0
    np.testing.assert_array_equal(to_numpy(x), [1, 0, 3, 0])
    m = nnlite.tensor([True, False, True, False])
    x[m] = nnlite.tensor([10.0, 30.0])
    np.testing.assert_array_equal(to_numpy(x), [10, 0, 30, 0])


def test_setitem_casts_values_to_tensor_dtype():
    x = nnlite.zeros(3, dtype=nnlite.int64)
    x[0] = 2.7  # truncated, as in torch
    x[1] = nnlite.tensor(5.0)
    x[2] = True
    np.testing.assert_array_equal(to_numpy(x), [2, 5, 1])
    assert x.dtype == nnlite.int64


def test_index_add_in_place_operator():
    x = nnlite.zeros(5)
    idx = nnlite.tensor([0, 3])
    x[idx] += 1
    x[idx] += 1
    x[[4]] -= 2
    np.testing.assert_array_equal(to_numpy(x), [2, 0, 0, 2, -2])
    y = nnlite.ones(2, 3)
    y[:, 1] *= 5
    y[0] /= 2
    np.testing.assert_array_equal(to_numpy(y), [[0.5, 2.5, 0.5], [1, 5, 1]])


def test_index_with_int32_index_tensor():
    x = from_array(A)
    # torch accepts int32 index tensors as well as int64 ones.
    np.testing.assert_array_equal(to_numpy(x[from_array(np.array([2, 0], np.int32))]), A[[2, 0]])


def test_getitem_with_tensor_index_of_scalar():
    x = from_array(A)
    i = nnlite.tensor(1)
    np.testing.assert_array_equal(to_numpy(x[i]), A[1])


def test_iteration_over_first_dim():
    x = from_array(A[:, 0, :2])
    rows = [to_numpy(r) for r in x]
    assert len(rows) == 3
    np.testing.assert_array_equal(np.stack(rows), A[:, 0, :2])


def test_index_errors():
    x = from_array(A)
    with pytest.raises(IndexError):
        x[3]
    with pytest.raises(IndexError):
        x[0, 0, 5]
    with pytest.raises(IndexError):
        x[-4]
    with pytest.raises(IndexError):
        x[0, 0, 0, 0]
    with pytest.raises(IndexError):
        x[from_array(np.array([0, 3]))]
    with pytest.raises(IndexError):
        x[[0, -4]]
    with pytest.raises(IndexError):
        x[from_array(np.array([True, False]))]  # mask of the wrong length
    with pytest.raises((TypeError, IndexError)):
        x[1.5]
    with pytest.raises((TypeError, IndexError)):
        x["a"]
