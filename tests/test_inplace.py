"""In-place ops: values, broadcasting and casting, their interplay with views
and autograd (history rewrite, version counter checks, leaves, no_grad)."""
import numpy as np
import pytest

import nnlite
from op_check import from_array, to_numpy

INPLACE = {
    "add_": (lambda x, o: x.add_(o), np.add),
    "sub_": (lambda x, o: x.sub_(o), np.subtract),
    "mul_": (lambda x, o: x.mul_(o), np.multiply),
    "div_": (lambda x, o: x.div_(o), np.divide),
    "iadd": (lambda x, o: x.__iadd__(o), np.add),
    "isub": (lambda x, o: x.__isub__(o), np.subtract),
    "imul": (lambda x, o: x.__imul__(o), np.multiply),
    "itruediv": (lambda x, o: x.__itruediv__(o), np.divide),
}


@pytest.mark.parametrize("other_shape", [(2, 3), (3,), (1, 3), ()])
@pytest.mark.parametrize("name", sorted(INPLACE))
def test_inplace_arithmetic(name, other_shape, rng):
    f, nf = INPLACE[name]
    a = rng.uniform(1, 2, (2, 3)).astype(np.float32)
    b = rng.uniform(1, 2, other_shape).astype(np.float32)
    x = from_array(a)
    r = f(x, from_array(b))
    assert r is x  # returns self
    np.testing.assert_allclose(to_numpy(x), nf(a, b), rtol=1e-6)
    x2 = from_array(a)
    f(x2, 1.5)  # Python scalars
    np.testing.assert_allclose(to_numpy(x2), nf(a, np.float32(1.5)), rtol=1e-6)


def test_inplace_operators_keep_identity():
    x = nnlite.ones(3)
    y = x
    x += 1
    x *= 3
    x -= nnlite.tensor([1.0, 2.0, 3.0])
    x /= 2
    assert x is y
    np.testing.assert_allclose(to_numpy(y), [2.5, 2, 1.5])


def test_inplace_result_must_fit():
    x = nnlite.ones(3)
    with pytest.raises((ValueError, RuntimeError), match=r"add_|shape|broadcast"):
        x.add_(nnlite.ones(2, 3))  # would need to grow x


def test_inplace_int_tensor_rules():
    x = nnlite.tensor([1, 2, 3])
    x += 2
    assert x.dtype == nnlite.int64
    np.testing.assert_array_equal(to_numpy(x), [3, 4, 5])
    # float into int in place cannot hold the result type, as torch refuses
    with pytest.raises((TypeError, RuntimeError), match=r"(?i)cast|dtype|float|int"):
        x.div_(2)
    with pytest.raises((TypeError, RuntimeError), match=r"(?i)cast|dtype|float|int"):
        x.mul_(1.5)


def test_fill_zero_copy():
    x = nnlite.zeros(2, 3)
    assert x.fill_(2.5) is x
    np.testing.assert_array_equal(to_numpy(x), np.full((2, 3), 2.5))
    assert x.zero_() is x
    assert not to_numpy(x).any()
    x.copy_(nnlite.tensor([1.0, 2.0, 3.0]))  # broadcasts
    np.testing.assert_array_equal(to_numpy(x), [[1, 2, 3], [1, 2, 3]])
    x.copy_(nnlite.tensor([[4, 5, 6], [7, 8, 9]]))  # casts int64 -> float32
    np.testing.assert_array_equal(to_numpy(x), [[4, 5, 6], [7, 8, 9]])
    assert x.dtype == nnlite.float32
    t = nnlite.zeros(3, 2)
    t.t().copy_(x)  # into a non-contiguous destination
    np.testing.assert_array_equal(to_numpy(t), [[4, 7], [5, 8], [6, 9]])
    with pytest.raises((ValueError, RuntimeError), match=r"copy_|shape|broadcast"):
        x.copy_(nnlite.ones(4))


def test_copy_from_noncontiguous_source_and_overlap():
    x = nnlite.arange(6).float().view(2, 3)
    y = nnlite.zeros(3, 2)
    y.copy_(x.t())
    np.testing.assert_array_equal(to_numpy(y), [[0, 3], [1, 4], [2, 5]])


def test_uniform_normal():
    x = nnlite.zeros(10000)
    assert x.uniform_(2.0, 3.0) is x
    v = to_numpy(x)
    assert v.min() >= 2.0 and v.max() < 3.0 and abs(v.mean() - 2.5) < 0.02
    x.normal_(1.0, 2.0)
    v = to_numpy(x)
    assert abs(v.mean() - 1.0) < 0.1 and abs(v.std() - 2.0) < 0.1
    x.uniform_()  # defaults (0, 1)
    v = to_numpy(x)
    assert v.min() >= 0 and v.max() < 1
    x.normal_()  # defaults (0, 1)
    assert abs(to_numpy(x).std() - 1.0) < 0.05
    # on a non-contiguous view: only the view changes
    y = nnlite.zeros(4, 6)
    y[:, ::2].uniform_(5.0, 6.0)
    vy = to_numpy(y)
    assert (vy[:, 1::2] == 0).all() and (vy[:, ::2] >= 5).all()


def test_inplace_on_view_changes_base():
    x = nnlite.zeros(3, 4)
    x[1].add_(1.0)
    x[:, 2].mul_(0.0).add_(5.0)
    x.t()[0].fill_(-1.0)
    expected = np.zeros((3, 4))
    expected[1] += 1
    expected[:, 2] = 5
    expected[:, 0] = -1
    np.testing.assert_array_equal(to_numpy(x), expected)


def test_inplace_bumps_version():
    x = nnlite.zeros(3)
    v0 = x._version
    x.add_(1.0)
    assert x._version > v0
    v1 = x._version
    x[0] = 5.0
    assert x._version > v1
    view = x[1:]
    view.mul_(2.0)
    assert x._version == view._version > v1  # views share the counter


# ---- autograd ----------------------------------------------------------------

def test_inplace_on_leaf_requiring_grad_raises():
    x = nnlite.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError, match=r"(?i)leaf|in-?place"):
        x.add_(1.0)
    with pytest.raises(RuntimeError, match=r"(?i)leaf|in-?place"):
        x.mul_(2.0)
    with pytest.raises(RuntimeError, match=r"(?i)leaf|in-?place"):
        x[0] = 3.0
    with pytest.raises(RuntimeError, match=r"(?i)leaf|in-?place|view"):
        x[1:].fill_(0.0)  # a view of a leaf that requires grad
    np.testing.assert_array_equal(to_numpy(x), [1, 1, 1])  # nothing changed


def test_inplace_inside_no_grad_works():
    x = nnlite.ones(3, requires_grad=True)
    with nnlite.no_grad():
        x.add_(1.0)
        x.mul_(nnlite.tensor([1.0, 2.0, 3.0]))
        x[0] = 10.0
        x.sub_(x * 0.5)
    assert x.requires_grad and x.is_leaf and x.grad_fn is None
    np.testing.assert_array_equal(to_numpy(x), [5, 2, 3])
    (x * x).sum().backward()
    np.testing.assert_array_equal(to_numpy(x.grad), [10, 4, 6])


def test_modified_saved_tensor_makes_backward_raise():
    a = nnlite.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    c = b * b  # saves b
    b.add_(1.0)
    with pytest.raises(RuntimeError, match=r"(?i)modified|in-?place|version"):
        c.sum().backward()


def test_modified_saved_output_makes_backward_raise():
    a = nnlite.tensor([0.5, 1.0], requires_grad=True)
    e = a.exp()  # exp saves its output
    f = e.sum()
    e.mul_(2.0)
    with pytest.raises(RuntimeError, match=r"(?i)modified|in-?place|version"):
        f.backward()


def test_modified_saved_tensor_through_a_view_makes_backward_raise():
    a = nnlite.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = a * 1.0
    c = (b.sigmoid() * b).sum()  # saves b
    with nnlite.no_grad():
        b[0] = 0.0  # written through an indexing view of b
    with pytest.raises(RuntimeError, match=r"(?i)modified|in-?place|version"):
        c.backward()


def test_modifying_a_tensor_not_saved_is_fine():
    a = nnlite.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    c = b + 3  # add saves nothing it needs
    c.add_(1.0)
    c.sum().backward()
    np.testing.assert_array_equal(to_numpy(a.grad), [2, 2])


def test_inplace_history_gives_right_gradient(torch):
    def run(lib, make):
        a = make([1.0, -2.0, 3.0])
        b = a * 2
        b.mul_(a)          # b = 2a^2
        b.add_(a)          # + a
        b.sub_(a.exp())    # - e^a
        b.div_(3.0)
        b.mul_(lib.tensor([1.0, 2.0, 2.0], dtype=lib.float64))
        (b * b).sum().backward()
        return b.detach().numpy(), a.grad.numpy()

    ours = run(nnlite, lambda v: nnlite.tensor(v, dtype=nnlite.float64, requires_grad=True))
    theirs = run(torch, lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True))
    for o, t in zip(ours, theirs):
        np.testing.assert_allclose(o, t, rtol=1e-12)


def test_setitem_on_non_leaf_is_differentiable(torch):
    def run(lib, make):
        a = make([1.0, 2.0, 3.0, 4.0])
        w = make([5.0, 6.0])
        b = a * 1.5
        b[1:3] = w * w        # gradient goes to w, and not to a[1:3]
        b[0] = 0.0
        (b * b).sum().backward()
        return b.detach().numpy(), a.grad.numpy(), w.grad.numpy()

    ours = run(nnlite, lambda v: nnlite.tensor(v, dtype=nnlite.float64, requires_grad=True))
    theirs = run(torch, lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True))
    for o, t in zip(ours, theirs):
        np.testing.assert_allclose(o, t, rtol=1e-12)


def test_inplace_on_tensor_without_grad_then_used():
    x = nnlite.ones(3)
    w = nnlite.tensor([1.0, 2.0, 3.0], requires_grad=True)
    x.mul_(w)  # x now depends on w
    assert x.requires_grad and not x.is_leaf
    (x * 2).sum().backward()
    np.testing.assert_array_equal(to_numpy(w.grad), [2, 2, 2])


def test_view_taken_before_inplace_on_base_never_gives_a_wrong_gradient(torch):
    # v = b[1:] is taken, then b changes in place: v's values follow b, and so
    # must its gradient (torch rebases the view: d v / d a = 6). Refusing with
    # a RuntimeError is acceptable; a silently stale gradient (2) is not.
    def run(lib):
        a = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        b = a * 2
        v = b[1:]
        b.mul_(3)
        (v * 1).sum().backward()
        return a.grad.numpy(), v.detach().numpy()

    expected_grad, expected_v = run(torch)
    try:
        grad, v = run(nnlite)
    except RuntimeError as e:
        assert "in-place" in str(e) or "inplace" in str(e) or "view" in str(e)
        return
    np.testing.assert_array_equal(v, expected_v)
    np.testing.assert_array_equal(grad, expected_grad)


def test_inplace_constant_overwrite_cuts_the_old_history(torch):
    # x.fill_/x.copy_(constant) on a non-leaf: the old history gets zero gradient,
    # not the gradient of the new values (and backward still works).
    def run(lib, overwrite):
        a = lib.tensor([1.0, 2.0], requires_grad=True)
        x = a * 2
        overwrite(lib, x)
        (x * 3 + a).sum().backward()
        return a.grad.numpy()

    for overwrite in (lambda lib, x: x.fill_(1.0), lambda lib, x: x.copy_(lib.tensor([5.0, 6.0]))):
        np.testing.assert_array_equal(run(nnlite, overwrite), run(torch, overwrite))
