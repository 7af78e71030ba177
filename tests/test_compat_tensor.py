"""Tensor methods and functions of issue 12, against torch (values and gradients)."""
import math

import numpy as np
import pytest

import nnlite
from op_check import check_op, to_numpy
torch = pytest.importorskip("torch")

F64 = "float64"


@pytest.mark.parametrize("p,dim", [("fro", None), (2, 1), (1, 0), (3, (0, 1)), (math.inf, 1), (0.5, 1)])
def test_norm(p, dim):
    check_op([(3, 4)], lambda x: x.norm(p, dim), lambda x: x.norm(p, dim), dtype=F64, low=0.2, grad_rtol=1e-5)
    check_op([(3, 4)], lambda x: nnlite.norm(x, p, dim, keepdim=True),
             lambda x: torch.norm(x, p, dim, keepdim=True), dtype=F64, low=0.2, grad_rtol=1e-5)


@pytest.mark.parametrize("p", [2, 3.0])
def test_norm_gradient_at_zero(p):
    x, tx = nnlite.zeros(2, 3, requires_grad=True), torch.zeros(2, 3, requires_grad=True)
    x.norm(p).backward()
    tx.norm(p).backward()
    np.testing.assert_array_equal(to_numpy(x.grad), tx.grad.numpy())
    d = nnlite.cdist(nnlite.ones(2, 3, requires_grad=True), nnlite.ones(1, 3))
    assert d.tolist() == [[0.0], [0.0]]


@pytest.mark.parametrize("offset,d1,d2", [(0, 0, 1), (1, 0, 1), (-1, 1, 2), (2, 2, 0)])
def test_diagonal(offset, d1, d2):
    check_op([(3, 4, 5)], lambda x: x.diagonal(offset, d1, d2), lambda x: x.diagonal(offset, d1, d2), dtype=F64)


@pytest.mark.parametrize("k", [0, 1, -2])
def test_diag_trace_outer(k):
    check_op([(4,)], lambda x: nnlite.diag(x, k), lambda x: torch.diag(x, k), dtype=F64)
    check_op([(3, 4)], lambda x: x.diag(k), lambda x: x.diag(k), dtype=F64)
    check_op([(3, 4)], lambda x: x.trace(), lambda x: x.trace(), dtype=F64)
    check_op([(3,), (4,)], nnlite.outer, torch.outer, dtype=F64)


@pytest.mark.parametrize("eq,shapes", [
    ("ij,jk->ik", [(2, 3), (3, 4)]), ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]), ("ij->ji", [(2, 3)]),
    ("ij->", [(2, 3)]), ("i,i->", [(4,), (4,)]), ("i,j->ij", [(3,), (2,)]), ("ij,kj", [(2, 3), (4, 3)]),
    ("bhqd,bhkd->bhqk", [(2, 2, 3, 4), (2, 2, 5, 4)]), ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 2)]),
    ("abc,cd->bd", [(2, 3, 4), (4, 5)]),
    # ellipsis: broadcast dimensions, right-aligned; implicit output puts them first; absent: summed
    ("...ij,jk->...ik", [(2, 3, 4), (4, 5)]), ("...ij,jk", [(2, 3, 3, 4), (4, 5)]), ("...ij,jk->ik", [(2, 3, 4), (4, 5)]),
    ("b...,b...->b", [(2, 3, 4), (2, 1, 4)]), ("...i,...i", [(3, 4), (2, 1, 4)]), ("i...->...", [(3, 4)]),
    ("...,...->...", [(2, 3), (3,)]), ("bhq...d,bhk...d->bhqk...", [(2, 1, 3, 4), (2, 1, 5, 4)])])
def test_einsum(eq, shapes):
    check_op(shapes, lambda *xs: nnlite.einsum(eq, *xs), lambda *xs: torch.einsum(eq, *xs), dtype=F64)


def test_einsum_errors():
    x = nnlite.ones(2, 3)
    with pytest.raises(ValueError, match="einsum"):
        nnlite.einsum("ii->i", nnlite.ones(2, 2))
    with pytest.raises(ValueError, match="einsum"):
        nnlite.einsum("ij,jk->ik", x)
    with pytest.raises(ValueError, match="einsum"):
        nnlite.einsum("ijk->i", x)
    with pytest.raises(ValueError, match="einsum: a term may hold one ellipsis"):
        nnlite.einsum("...i...->i", x)
    with pytest.raises(ValueError, match="einsum: term 'ijk...' names 3 dimensions"):
        nnlite.einsum("ijk...->i", x)


def test_addmm_baddbmm():
    check_op([(2, 4), (2, 3), (3, 4)], lambda a, b, c: nnlite.addmm(a, b, c, beta=0.5, alpha=2.0),
             lambda a, b, c: torch.addmm(a, b, c, beta=0.5, alpha=2.0), dtype=F64)
    check_op([(4,), (2, 3), (3, 4)], lambda a, b, c: a.addmm(b, c), lambda a, b, c: a.addmm(b, c), dtype=F64)
    check_op([(2, 3, 4), (2, 3, 5), (2, 5, 4)], lambda a, b, c: nnlite.baddbmm(a, b, c, alpha=0.3),
             lambda a, b, c: torch.baddbmm(a, b, c, alpha=0.3), dtype=F64)


def test_cross_cdist():
    check_op([(4, 3), (4, 3)], lambda a, b: nnlite.cross(a, b, dim=1), lambda a, b: torch.cross(a, b, dim=1),
             dtype=F64)
    check_op([(3, 2), (3, 2)], lambda a, b: a.cross(b), lambda a, b: torch.linalg.cross(a, b, dim=0), dtype=F64)
    for p in (2.0, 1.0, 3.0):
        check_op([(4, 3), (5, 3)], lambda a, b: nnlite.cdist(a, b, p), lambda a, b: torch.cdist(a, b, p), dtype=F64,
                 grad_rtol=1e-5)
    with pytest.raises(ValueError, match="cross"):
        nnlite.cross(nnlite.ones(2, 4), nnlite.ones(2, 4))


@pytest.mark.parametrize("reps", [(2, 3), (2, 1, 2), (1, 1)])
def test_repeat_tile(reps):
    check_op([(2, 3)], lambda x: x.repeat(*reps), lambda x: x.repeat(*reps), dtype=F64)
    check_op([(2, 3)], lambda x: nnlite.tile(x, reps[1:]), lambda x: torch.tile(x, reps[1:]), dtype=F64)


def test_repeat_interleave_unfold():
    check_op([(2, 3)], lambda x: x.repeat_interleave(2, dim=1), lambda x: x.repeat_interleave(2, dim=1), dtype=F64)
    check_op([(2, 3)], lambda x: nnlite.repeat_interleave(x, 3), lambda x: torch.repeat_interleave(x, 3), dtype=F64)
    check_op([(3, 2)], lambda x: x.repeat_interleave(nnlite.tensor([1, 0, 2]), dim=0),
             lambda x: x.repeat_interleave(torch.tensor([1, 0, 2]), dim=0), dtype=F64)
    for dim, size, step in [(0, 2, 1), (1, 3, 2), (-1, 1, 3)]:
        check_op([(4, 7)], lambda x: x.unfold(dim, size, step), lambda x: x.unfold(dim, size, step), dtype=F64)


def test_index_add_fill():
    idx_n, idx_t = nnlite.tensor([0, 2, 0]), torch.tensor([0, 2, 0])
    check_op([(3, 4), (3, 3)], lambda a, s: nnlite.index_add(a, 1, idx_n, s, alpha=2.0),
             lambda a, s: torch.index_add(a, 1, idx_t, s, alpha=2.0), dtype=F64)
    check_op([(3, 4)], lambda a: a.index_fill(0, idx_n, -1.5), lambda a: a.index_fill(0, idx_t, -1.5), dtype=F64)
    a, ta = nnlite.zeros(3, 2), torch.zeros(3, 2)
    a.index_add_(0, idx_n, nnlite.ones(3, 2))
    ta.index_add_(0, idx_t, torch.ones(3, 2))
    np.testing.assert_array_equal(to_numpy(a), ta.numpy())
    a.index_fill_(1, nnlite.tensor([1]), 7.0)
    ta.index_fill_(1, torch.tensor([1]), 7.0)
    np.testing.assert_array_equal(to_numpy(a), ta.numpy())


def test_unique_bincount_histc():
    v = [3, 1, 2, 3, 3, 1]
    got = nnlite.tensor(v).unique(return_inverse=True, return_counts=True)
    want = torch.tensor(v).unique(return_inverse=True, return_counts=True)
    for g, w in zip(got, want):
        assert g.tolist() == w.tolist()
    assert nnlite.bincount(nnlite.tensor(v), minlength=6).tolist() == torch.bincount(torch.tensor(v), minlength=6).tolist()
    w = [0.5, 1.0, 2.0, 0.25, 1.0, 3.0]
    assert np.allclose(nnlite.tensor(v).bincount(nnlite.tensor(w)).tolist(),
                       torch.tensor(v).bincount(torch.tensor(w)).tolist())
    x = [0.1, 0.5, 0.9, 1.7, -0.3, 2.0]
    for kw in ({"bins": 4}, {"bins": 5, "min": 0, "max": 1}):
        assert nnlite.tensor(x).histc(**kw).tolist() == torch.tensor(x).histc(**kw).tolist()
    with pytest.raises(ValueError, match="bincount"):
        nnlite.bincount(nnlite.ones(3))


def test_new_and_conversions():
    x = nnlite.ones(2, dtype=nnlite.float64)
    for name in ("new_zeros", "new_ones", "new_empty"):
        y = getattr(x, name)(3, 2)
        assert y.shape == (3, 2) and y.dtype == nnlite.float64
    assert x.new_zeros((2, 2)).sum().item() == 0 and x.new_ones([2]).tolist() == [1.0, 1.0]
    assert x.new_full((2,), 4.0).tolist() == [4.0, 4.0] and x.new_full((2,), 4.0).dtype == nnlite.float64
    assert x.new_tensor([1, 2]).dtype == nnlite.float64
    assert nnlite.ones(2, 3).nelement() == 6
    assert nnlite.ones(2, dtype=nnlite.int64).type_as(x).dtype == nnlite.float64
    with pytest.raises(TypeError, match="float16"):
        x.half()
    assert not x.is_xpu and not x.is_mps and not x.is_meta and not x.is_sparse
    assert f"{nnlite.tensor(2.0 / 3):.4f}" == f"{torch.tensor(2.0 / 3):.4f}"
    assert type(int(nnlite.tensor(True))) is int and type(float(nnlite.tensor(True))) is float
    assert int(nnlite.tensor(True)) == 1 and float(nnlite.tensor(3)) == 3.0 and bool(nnlite.tensor(2))
    assert x.clone().tolist() == [1.0, 1.0] and x.long().dtype == nnlite.int64 and x.bool().dtype == nnlite.bool
    t = nnlite.arange(6)
    assert t[range(1, 4)].tolist() == [1, 2, 3]
    assert [r.tolist() for r in nnlite.tensor([[0, 1], [2, 0]]).nonzero(as_tuple=True)] == [[0, 1], [1, 0]]
    assert nnlite.square(nnlite.tensor([3.0])).tolist() == [9.0]


def test_legacy_constructors():
    assert nnlite.Tensor([1, 2]).dtype == nnlite.float32 and nnlite.Tensor([1, 2]).tolist() == [1.0, 2.0]
    assert nnlite.Tensor(2, 3).shape == (2, 3)
    assert nnlite.LongTensor([1, 2]).dtype == nnlite.int64 and nnlite.FloatTensor(4).shape == (4,)
    assert nnlite.BoolTensor([True]).dtype == nnlite.bool
    with pytest.raises(TypeError, match="LongTensor"):
        nnlite.LongTensor("ab")


def test_max_and_min_of_two_tensors_are_elementwise():
    torch = pytest.importorskip("torch")
    a, b = np.array([1.0, 5.0, -2.0], np.float32), np.array([3.0, 4.0, -1.0], np.float32)
    na, nb, ta, tb = nnlite.from_numpy(a), nnlite.from_numpy(b), torch.from_numpy(a), torch.from_numpy(b)
    assert nnlite.max(na, nb).tolist() == torch.max(ta, tb).tolist()
    assert na.min(nb).tolist() == ta.min(tb).tolist()
    assert nnlite.max(na, other=nb).tolist() == torch.max(ta, other=tb).tolist()
    assert float(nnlite.max(na)) == 5.0 and nnlite.max(na, 0)[1].item() == 1 and na.min(0).values.item() == -2.0


def test_maximum_and_minimum_of_bool_tensors():
    a, b = [True, False, True, False], [True, True, False, False]
    ta, tb = torch.tensor(a), torch.tensor(b)
    na, nb = nnlite.tensor(a), nnlite.tensor(b)
    assert nnlite.maximum(na, nb).tolist() == torch.maximum(ta, tb).tolist()
    assert nnlite.minimum(na, nb).tolist() == torch.minimum(ta, tb).tolist()
    assert nnlite.max(na, nb).tolist() == torch.max(ta, tb).tolist()
