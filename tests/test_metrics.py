"""nnlite.metrics: top-k accuracy and the confusion matrix, against NumPy."""
import numpy as np
import pytest

import nnlite
from nnlite import metrics


def numpy_topk_accuracy(scores, target, k):
    # A stable descending sort: equal scores keep their class order, as argmax does.
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return float((order == target[:, None]).any(axis=1).mean()) if len(target) else 0.0


@pytest.mark.parametrize("n, c", [(50, 10), (7, 5), (1, 3), (200, 100)])
def test_accuracy_matches_numpy(rng, n, c):
    scores = rng.standard_normal((n, c)).astype(np.float32)
    target = rng.integers(0, c, n)
    ks = tuple(k for k in (1, 2, 5) if k <= c)
    got = metrics.accuracy(nnlite.tensor(scores), nnlite.tensor(target), topk=ks)
    assert got == pytest.approx([numpy_topk_accuracy(scores, target, k) for k in ks])
    assert metrics.correct_topk(nnlite.tensor(scores), nnlite.tensor(target), ks) == [
        round(numpy_topk_accuracy(scores, target, k) * n) for k in ks]


def test_accuracy_with_ties_follows_argmax(rng):
    # Scores rounded to a few values so ties are common; top-1 must agree with argmax.
    scores = np.round(rng.standard_normal((300, 6)), 0).astype(np.float32)
    target = rng.integers(0, 6, 300)
    out = nnlite.tensor(scores)
    top1, top3 = metrics.accuracy(out, nnlite.tensor(target), topk=(1, 3))
    assert top1 == pytest.approx(float((out.argmax(1).numpy() == target).mean()))
    assert top3 == pytest.approx(numpy_topk_accuracy(scores, target, 3))


def test_accuracy_known_values_and_int_topk():
    out = nnlite.tensor([[0.1, 0.9, 0.0], [0.8, 0.15, 0.05], [0.2, 0.3, 0.5], [0.3, 0.3, 0.4]])
    target = nnlite.tensor([1, 1, 0, 0])
    assert metrics.accuracy(out, target, topk=(1, 2, 3)) == [0.25, 0.75, 1.0]
    assert metrics.accuracy(out, target, topk=2) == [0.75]
    assert metrics.accuracy(out, target) == [0.25]  # top-1 by default


def test_accuracy_nan_score_counts_as_wrong_and_empty_batch():
    out = nnlite.tensor([[float("nan"), 0.0], [1.0, 0.0]])
    assert metrics.accuracy(out, nnlite.tensor([0, 0]), topk=(1, 2)) == [0.5, 0.5]
    assert metrics.accuracy(nnlite.zeros(0, 5), nnlite.zeros(0, dtype=nnlite.int64), topk=(1, 5)) == [0.0, 0.0]


def test_accuracy_does_not_track_gradients():
    out = nnlite.randn(4, 3, requires_grad=True)
    metrics.accuracy(out, nnlite.tensor([0, 1, 2, 0]))
    assert out.grad is None


@pytest.mark.parametrize("call, error, words", [
    (lambda: metrics.accuracy(nnlite.zeros(4), nnlite.tensor([0, 1, 2, 3])), ValueError, ["accuracy", "2-d"]),
    (lambda: metrics.accuracy(nnlite.zeros(2, 3), nnlite.tensor([0, 1, 2])), ValueError, ["target", "[2]"]),
    (lambda: metrics.accuracy(nnlite.zeros(2, 3), nnlite.tensor([0, 3])), IndexError, ["class 3", "0..2"]),
    (lambda: metrics.accuracy(nnlite.zeros(2, 3), nnlite.tensor([-1, 0])), IndexError, ["class -1"]),
    (lambda: metrics.accuracy(nnlite.zeros(2, 3), nnlite.tensor([0.0, 1.0])), TypeError, ["integer"]),
    (lambda: metrics.accuracy(nnlite.zeros(2, 3), nnlite.tensor([0, 1]), topk=(1, 5)), ValueError, ["1..3", "5"]),
    (lambda: metrics.accuracy(nnlite.zeros(2, 3), nnlite.tensor([0, 1]), topk=()), ValueError, ["at least one"]),
    (lambda: metrics.accuracy(nnlite.zeros(2, 3), nnlite.tensor([0, 1]), topk="a"), ValueError, ["topk"]),
    (lambda: metrics.accuracy(nnlite.tensor([[1, 2]]), nnlite.tensor([0])), TypeError, ["floating"]),
    (lambda: metrics.accuracy([[0.1, 0.2]], nnlite.tensor([0])), TypeError, ["output", "list"]),
])
def test_accuracy_bad_input(call, error, words):
    with pytest.raises(error) as info:
        call()
    for w in words:
        assert w in str(info.value)


@pytest.mark.parametrize("n, c", [(100, 4), (1000, 10), (3, 100), (0, 5)])
def test_confusion_matrix_matches_numpy(rng, n, c):
    pred, target = rng.integers(0, c, n), rng.integers(0, c, n)
    expected = np.zeros((c, c), dtype=np.int64)
    np.add.at(expected, (target, pred), 1)
    got = metrics.confusion_matrix(nnlite.tensor(pred), nnlite.tensor(target), c)
    assert got.dtype == nnlite.int64 and tuple(got.shape) == (c, c)
    np.testing.assert_array_equal(got.numpy(), expected)


def test_confusion_matrix_rows_are_true_classes():
    m = metrics.confusion_matrix(nnlite.tensor([2, 2, 0]), nnlite.tensor([1, 2, 0]), 3)
    assert m.tolist() == [[1, 0, 0], [0, 0, 1], [0, 0, 1]]
    # int32 and uint8 labels are accepted too
    m8 = metrics.confusion_matrix(nnlite.tensor([2, 2, 0]).to(nnlite.uint8), nnlite.tensor([1, 2, 0]).int(), 3)
    assert m8.tolist() == m.tolist()


@pytest.mark.parametrize("args, error, words", [
    ((nnlite.tensor([0, 1]), nnlite.tensor([0]), 2), ValueError, ["pred", "[1]"]),
    ((nnlite.tensor([0, 5]), nnlite.tensor([0, 1]), 3), IndexError, ["pred", "class 5"]),
    ((nnlite.tensor([0, 1]), nnlite.tensor([0, -2]), 3), IndexError, ["target", "class -2"]),
    ((nnlite.tensor([0, 1]), nnlite.tensor([0, 1]), 0), ValueError, ["num_classes", "0"]),
    ((nnlite.tensor([0, 1]), nnlite.tensor([0, 1]), True), ValueError, ["num_classes"]),
    ((nnlite.tensor([[0, 1]]), nnlite.tensor([[0, 1]]), 2), ValueError, ["target", "shape"]),
    ((nnlite.tensor([0.0]), nnlite.tensor([0]), 2), TypeError, ["pred", "integer"]),
])
def test_confusion_matrix_bad_input(args, error, words):
    with pytest.raises(error) as info:
        metrics.confusion_matrix(*args)
    assert "confusion_matrix" in str(info.value)
    for w in words:
        assert w in str(info.value)
