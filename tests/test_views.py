"""Views copy nothing: they share storage with their base, so a write through
one is seen through the other; strides and contiguity are as in torch."""
import numpy as np
import pytest

import nnlite
from op_check import from_array, make_noncontiguous, to_numpy

# name -> (nnlite view, same view in NumPy)
VIEWS = {
    "view": (lambda x: x.view(6, 4), lambda a: a.reshape(6, 4)),
    "view_infer": (lambda x: x.view(-1), lambda a: a.reshape(-1)),
    "reshape": (lambda x: x.reshape(4, 3, 2), lambda a: a.reshape(4, 3, 2)),
    "transpose": (lambda x: x.transpose(0, 2), lambda a: a.transpose(2, 1, 0)),
    "permute": (lambda x: x.permute(1, 2, 0), lambda a: a.transpose(1, 2, 0)),
    "T2d": (lambda x: x[0].T, lambda a: a[0].T),
    "t": (lambda x: x[1].t(), lambda a: a[1].T),
    "slice": (lambda x: x[1:, ::2, 1:3], lambda a: a[1:, ::2, 1:3]),
    "slice_step3": (lambda x: x[:, :, ::3], lambda a: a[:, :, ::3]),
    "negative_index": (lambda x: x[-1, -2], lambda a: a[-1, -2]),
    "negative_slice": (lambda x: x[:, -2:, :-1], lambda a: a[:, -2:, :-1]),
    "int": (lambda x: x[1], lambda a: a[1]),
    "ellipsis": (lambda x: x[..., 1], lambda a: a[..., 1]),
    "none": (lambda x: x[:, None, 1], lambda a: a[:, None, 1]),
    "squeeze": (lambda x: x[:, :1].squeeze(1), lambda a: a[:, :1].squeeze(1)),
    "unsqueeze": (lambda x: x.unsqueeze(1), lambda a: a[:, None]),
    "flatten": (lambda x: x.flatten(1), lambda a: a.reshape(2, 12)),
    "narrow": (lambda x: x.narrow(1, 1, 2), lambda a: a[:, 1:3]),
    "select": (lambda x: x.select(2, 3), lambda a: a[:, :, 3]),
    "chain": (lambda x: x.transpose(0, 1)[1:, :, ::2].permute(2, 0, 1), lambda a: a.transpose(1, 0, 2)[1:, :, ::2].transpose(2, 0, 1)),
}


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_view_values_and_shared_storage(name):
    f, nf = VIEWS[name]
    a = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    x = from_array(a)
    v = f(x)
    expected = nf(a)
    assert tuple(v.shape) == expected.shape
    np.testing.assert_array_equal(to_numpy(v), expected)
    # Write through the view; the base sees it, in the places NumPy's view maps to.
    v.fill_(-1.0)
    a2 = a.copy()
    nf(a2)[...] = -1.0
    np.testing.assert_array_equal(to_numpy(x), a2)
    # Write through the base; the view sees it.
    x.fill_(7.0)
    assert (to_numpy(v) == 7.0).all()


def test_split_chunk_pieces_are_views():
    x = nnlite.zeros(6, 2)
    a, b, c = x.split(2)
    b.fill_(1.0)
    d, e = x.chunk(2, 1)
    e.fill_(2.0)
    np.testing.assert_array_equal(to_numpy(x), [[0, 2], [0, 2], [1, 2], [1, 2], [0, 2], [0, 2]])


def test_expand_shares_storage_with_zero_stride():
    x = nnlite.tensor([[1.0], [2.0]])
    e = x.expand(2, 3)
    assert e.stride() == (1, 0)
    x[1, 0] = 5.0
    np.testing.assert_array_equal(to_numpy(e), [[1, 1, 1], [5, 5, 5]])
    e2 = nnlite.tensor(3.0).expand(4)
    np.testing.assert_array_equal(to_numpy(e2), [3, 3, 3, 3])


def test_strides_and_contiguity():
    x = nnlite.zeros(2, 3, 4)
    assert x.stride() == (12, 4, 1)
    assert x.stride(0) == 12 and x.stride(-1) == 1
    assert x.is_contiguous()
    t = x.transpose(0, 2)
    assert t.stride() == (1, 4, 12)
    assert not t.is_contiguous()
    s = x[:, ::2]
    assert s.stride() == (12, 8, 1)
    assert not s.is_contiguous()
    assert x[1].is_contiguous()
    assert x.permute(2, 0, 1).stride() == (1, 12, 4)
    assert nnlite.zeros(3, 1).expand(3, 5).stride() == (1, 0)


def test_contiguous():
    x = nnlite.arange(6).view(2, 3)
    # Already contiguous: the same tensor, as torch.
    assert x.contiguous() is x
    t = x.t()
    c = t.contiguous()
    assert c.is_contiguous() and c.stride() == (2, 1)
    np.testing.assert_array_equal(to_numpy(c), [[0, 3], [1, 4], [2, 5]])
    c.fill_(0)  # a copy: the base is untouched
    np.testing.assert_array_equal(to_numpy(x), [[0, 1, 2], [3, 4, 5]])


def test_reshape_copies_only_when_needed():
    x = nnlite.zeros(2, 3)
    r = x.reshape(3, 2)
    r.fill_(1.0)
    assert (to_numpy(x) == 1).all()  # contiguous: a view
    t = x.t()
    r2 = t.reshape(6)  # not expressible as a view: a copy
    np.testing.assert_array_equal(to_numpy(r2), np.ones(6))
    r2.fill_(2.0)
    assert (to_numpy(x) == 1).all()
    # but reshape of a transposed tensor that keeps its strides is a view
    r3 = t.reshape(3, 2)
    r3.fill_(3.0)
    assert (to_numpy(x) == 3).all()


def test_view_of_noncontiguous_raises():
    x = nnlite.zeros(3, 4).t()
    with pytest.raises((RuntimeError, ValueError), match="view"):
        x.view(12)


def test_view_infer_errors():
    x = nnlite.zeros(2, 3)
    with pytest.raises((RuntimeError, ValueError), match=r"view|shape"):
        x.view(4, -1)
    with pytest.raises((RuntimeError, ValueError), match=r"view|shape|-1"):
        x.view(-1, -1)


def test_make_noncontiguous_helper():
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    t = make_noncontiguous(a)
    assert not t.is_contiguous()
    np.testing.assert_array_equal(to_numpy(t), a)
    t1 = make_noncontiguous(np.arange(5.0))
    assert not t1.is_contiguous() and t1.stride() == (2,)
    np.testing.assert_array_equal(to_numpy(t1), np.arange(5.0))


def test_views_of_noncontiguous_tensors_compute_correctly():
    a = np.arange(60, dtype=np.float64).reshape(3, 4, 5)
    x = make_noncontiguous(a)
    np.testing.assert_array_equal(to_numpy(x[1:, ::2].transpose(0, 2)), a[1:, ::2].transpose(2, 1, 0))
    np.testing.assert_array_equal(to_numpy((x * 2)[:, 1]), (a * 2)[:, 1])
    np.testing.assert_array_equal(to_numpy(x.sum(1)), a.sum(1))
    np.testing.assert_array_equal(to_numpy(x.reshape(12, 5)), a.reshape(12, 5))


def test_detach_shares_storage():
    x = nnlite.ones(3, requires_grad=True)
    d = x.detach()
    assert not d.requires_grad and d.is_leaf
    with nnlite.no_grad():
        d[0] = 4.0
    assert x[0].item() == 4.0


def test_view_of_size_zero_and_scalar():
    x = nnlite.zeros(0, 3)
    assert tuple(x.view(3, 0).shape) == (3, 0)
    assert tuple(x.transpose(0, 1).shape) == (3, 0)
    assert tuple(x[:, 1].shape) == (0,)
    s = nnlite.tensor(2.0)
    assert tuple(s.view(1).shape) == (1,) and tuple(s.view(1, 1).shape) == (1, 1)
    assert tuple(s.unsqueeze(0).shape) == (1,)
