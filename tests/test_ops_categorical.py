"""Ops on masks and categories, against torch: masked_select (values and
gradient, with broadcasting), one_hot (exact), multinomial (seeded draws,
their distribution with and without replacement, and argument errors)."""
import numpy as np
import pytest

import nnlite
from op_check import T, check_op, from_array, to_numpy, torch_op

TESTED_OPS = {"masked_select", "one_hot", "multinomial"}


@pytest.mark.parametrize("xshape,mshape", [((3, 4), (3, 4)), ((3, 4), (4,)), ((4,), (3, 4)), ((2, 1, 3), (4, 1)),
                                           ((0, 3), (0, 3)), ((3,), (0, 3)), ((), ()), ((2, 3), ()), ((1,), (5,))])
def test_masked_select(xshape, mshape, rng):
    mask = rng.integers(0, 2, mshape).astype(bool)
    check_op([xshape, mask], nnlite.masked_select, T.masked_select)
    check_op([xshape, mask], lambda x, m: x.masked_select(m), lambda x, m: x.masked_select(m), noncontiguous=True)


def test_masked_select_all_and_nothing(rng):
    for fill in (True, False):
        mask = np.full((3, 4), fill)
        check_op([(3, 4), mask], nnlite.masked_select, T.masked_select)
    a = rng.integers(0, 9, (3, 4)).astype(np.int64)
    np.testing.assert_array_equal(to_numpy(nnlite.masked_select(from_array(a), from_array(a > 4))), a[a > 4])


def test_masked_select_errors():
    x = nnlite.zeros((2, 3))
    with pytest.raises(TypeError, match=r"masked_select: mask must be a bool tensor, got int64"):
        nnlite.masked_select(x, nnlite.tensor([1, 0, 1]))
    with pytest.raises(ValueError, match=r"masked_select"):
        nnlite.masked_select(x, nnlite.tensor([True, False]))


@pytest.mark.parametrize("shape,high,num_classes", [((5,), 4, -1), ((5,), 4, 6), ((2, 3), 7, 7), ((0,), 1, 3),
                                                    ((), 3, 5), ((2, 0, 2), 1, 2), ((4, 1), 1, -1)])
def test_one_hot(shape, high, num_classes, rng):
    t = rng.integers(0, high, shape).astype(np.int64)
    one_hot = torch_op("nn.functional.one_hot")
    out = check_op([t], lambda x: nnlite.nn.functional.one_hot(x, num_classes=num_classes),
                   lambda x: one_hot(x, num_classes=num_classes))
    assert out[0].dtype == nnlite.int64
    check_op([t], lambda x: nnlite._C.one_hot(x, num_classes), lambda x: one_hot(x, num_classes), noncontiguous=True)
    if num_classes == -1:
        check_op([t], nnlite.nn.functional.one_hot, one_hot)


@pytest.mark.parametrize("values,num_classes,exc,match", [
    ([0, 3], 3, ValueError, r"one_hot: class value 3 is out of range for num_classes = 3"),
    ([0, -1], 3, ValueError, r"one_hot: class values must be non-negative, got -1"),
    ([0, 1], -2, ValueError, r"one_hot: num_classes must be -1 \(inferred\) or at least 0, got -2"),
    ([], -1, ValueError, r"one_hot: cannot infer num_classes from an empty tensor"),
    ([], 0, ValueError, r"one_hot: cannot infer num_classes from an empty tensor"),
])
def test_one_hot_errors(values, num_classes, exc, match):
    with pytest.raises(exc, match=match):
        nnlite.nn.functional.one_hot(nnlite.tensor(values, dtype=nnlite.int64), num_classes)


def test_one_hot_wants_int64():
    with pytest.raises(TypeError, match=r"one_hot: expected an int64 tensor of class indices, got float32"):
        nnlite.nn.functional.one_hot(nnlite.tensor([1.0]))


# ---- multinomial ------------------------------------------------------------------------


def draw(probs, n, replacement, seed):
    g = nnlite.Generator()
    g.manual_seed(seed)
    return to_numpy(nnlite.multinomial(from_array(np.asarray(probs)), n, replacement, generator=g))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_multinomial_with_replacement_follows_the_weights(dtype):
    w = np.array([1.0, 2.0, 3.0, 4.0, 0.0], dtype=dtype)  # weights need not sum to one
    out = draw(w, 40000, True, seed=7)
    assert out.shape == (40000,) and out.dtype == np.int64
    freq = np.bincount(out, minlength=5) / out.size
    np.testing.assert_allclose(freq, w / w.sum(), atol=0.01)  # about 4 standard deviations
    assert freq[4] == 0  # a zero weight is never drawn


def test_multinomial_without_replacement_draws_each_category_once_in_weighted_order():
    p = np.array([0.5, 0.3, 0.2])
    out = draw(np.tile(p, (20000, 1)), 3, False, seed=3)
    assert out.shape == (20000, 3)
    assert (np.sort(out, axis=1) == [0, 1, 2]).all()  # a permutation per row
    np.testing.assert_allclose(np.bincount(out[:, 0], minlength=3) / len(out), p, atol=0.012)
    # The second draw: P(j) = sum over i != j of p_i * p_j / (1 - p_i).
    second = [sum(p[i] * p[j] / (1 - p[i]) for i in range(3) if i != j) for j in range(3)]
    np.testing.assert_allclose(np.bincount(out[:, 1], minlength=3) / len(out), second, atol=0.012)


def test_multinomial_rows_and_zero_weights():
    probs = np.array([[0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 2.0], [1.0, 1.0, 0.0, 0.0]])
    out = draw(probs, 1, False, seed=0)
    np.testing.assert_array_equal(out[:2, 0], [1, 3])
    assert set(draw(probs[2:], 2, False, seed=0)[0]) == {0, 1}
    out = draw(probs, 50, True, seed=0)
    assert (out[0] == 1).all() and (out[1] == 3).all() and set(out[2]) <= {0, 1}


def test_multinomial_seeds_repeat():
    p = np.array([0.2, 0.3, 0.5], dtype=np.float32)
    np.testing.assert_array_equal(draw(p, 100, True, 11), draw(p, 100, True, 11))
    assert (draw(p, 100, True, 11) != draw(p, 100, True, 12)).any()
    nnlite.manual_seed(5)
    a = to_numpy(from_array(p).multinomial(10, replacement=True))
    nnlite.manual_seed(5)
    np.testing.assert_array_equal(to_numpy(nnlite.multinomial(from_array(p), 10, True)), a)


def test_multinomial_of_a_strided_tensor():
    p = nnlite.tensor([[0.0, 1.0], [0.0, 0.0], [0.0, 0.0]]).t()  # rows (0, 0, 0) and (1, 0, 0)
    with pytest.raises(ValueError, match=r"row 0 .*sum to zero"):
        nnlite.multinomial(p, 1)
    p = nnlite.tensor([[0.0, 1.0], [1.0, 0.0]]).t()  # rows (0, 1) and (1, 0)
    np.testing.assert_array_equal(to_numpy(nnlite.multinomial(p, 1)), [[1], [0]])


@pytest.mark.parametrize("probs,n,replacement,exc,match", [
    ([0.5, -0.1, 0.6], 1, True, ValueError, r"multinomial: row 0 .* negative, infinite or NaN"),
    ([[1.0, 1.0], [0.5, np.nan]], 1, True, ValueError, r"multinomial: row 1 .* negative, infinite or NaN"),
    ([1.0, np.inf], 1, True, ValueError, r"negative, infinite or NaN"),
    ([[1.0, 1.0], [0.0, 0.0]], 1, True, ValueError, r"multinomial: the probabilities of row 1 sum to zero"),
    ([0.5, 0.5], 3, False, ValueError, r"multinomial: cannot draw 3 samples from 2 categories without replacement"),
    ([0.5, 0.0, 0.5], 3, False, ValueError, r"multinomial: row 0 has fewer categories of positive probability"),
    ([0.5, 0.5], 0, True, ValueError, r"multinomial: num_samples must be positive, got 0"),
    ([[[0.5]]], 1, True, ValueError, r"multinomial: expected probabilities of 1 or 2 dimensions"),
    ([[], []], 1, True, ValueError, r"multinomial: the probabilities of shape \[2, 0\] have no categories"),
])
def test_multinomial_errors(probs, n, replacement, exc, match):
    with pytest.raises(exc, match=match):
        nnlite.multinomial(nnlite.tensor(probs), n, replacement)


def test_multinomial_wants_floats():
    with pytest.raises(TypeError, match=r"multinomial: expected a float32 or float64 tensor"):
        nnlite.multinomial(nnlite.tensor([1, 2]), 1)
