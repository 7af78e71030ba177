"""Gaps the public-programs trial showed (docs/pytorch-compat.md, "Public programs
tried"), each against torch: autograd.Variable (word_embeddings tutorial), the
legacy constructors from NumPy arrays and ranges, and the COO entry points a
graph network uses (pytorch/examples gcn): sparse_coo_tensor, to_sparse, spmm."""
import warnings

import numpy as np
import pytest

import nnlite

torch = pytest.importorskip("torch")


# ---- autograd.Variable ----------------------------------------------------------------

def test_variable_is_a_new_leaf_sharing_the_data_as_in_torch():
    from nnlite.autograd import Variable
    t = nnlite.ones(3)
    v = Variable(t)
    ref = torch.autograd.Variable(torch.ones(3))
    assert v is not t and not v.requires_grad and not ref.requires_grad
    t.add_(1.0)  # shares the data, as torch's
    assert v.tolist() == [2.0, 2.0, 2.0]
    w = Variable(t, requires_grad=True)
    assert w.requires_grad and not t.requires_grad and w.is_leaf
    (w * 3).sum().backward()
    assert w.grad.tolist() == [3.0, 3.0, 3.0]
    a = nnlite.ones(2, requires_grad=True)
    assert Variable(a * 2).grad_fn is None  # cut from the graph, as torch's
    assert isinstance(t, Variable) and isinstance(torch.ones(1), torch.autograd.Variable)
    assert Variable().numel() == 0 == torch.autograd.Variable().numel()
    with pytest.raises(TypeError, match="Variable: data has to be a tensor, got list"):
        Variable([1, 2])
    with pytest.warns(UserWarning, match="volatile"):
        Variable(t, volatile=True)


# ---- legacy constructors ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["FloatTensor", "DoubleTensor", "LongTensor", "IntTensor", "ByteTensor"])
def test_legacy_constructors_take_numpy_arrays_and_ranges(name):
    arr = np.array([[0, 3, 1], [2, 7, 5]], dtype=np.int32)
    got, ref = getattr(nnlite, name)(arr), getattr(torch, name)(arr)
    assert str(got.dtype).split(".")[-1] == str(ref.dtype).split(".")[-1]
    np.testing.assert_array_equal(got.numpy(), ref.numpy())
    np.testing.assert_array_equal(getattr(nnlite, name)(range(4)).numpy(), getattr(torch, name)(range(4)).numpy())
    floats = np.array([1.5, 2.0])
    np.testing.assert_array_equal(nnlite.FloatTensor(floats).numpy(), torch.FloatTensor(floats).numpy())


# ---- sparse COO entry points -----------------------------------------------------------------

def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():  # torch warns that its invariant checks are off
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def test_sparse_coo_tensor_values_sums_duplicates_and_infers_size():
    idx = np.array([[0, 1, 1, 0], [2, 0, 0, 2]])
    vals = [3.0, 4.0, 5.0, 1.0]
    got = nnlite.sparse_coo_tensor(idx, vals)
    ref = _quiet(torch.sparse_coo_tensor, torch.from_numpy(idx), torch.tensor(vals)).to_dense()
    assert tuple(got.shape) == tuple(ref.shape) == (2, 3)
    np.testing.assert_array_equal(got.to_dense().numpy(), ref.numpy())
    # gcn's call: int32 NumPy indices, float values, dtype=int64, explicit size
    got = nnlite.sparse_coo_tensor(idx.astype(np.int32), nnlite.ones(4), (3, 4), dtype=nnlite.int64)
    ref = _quiet(torch.sparse_coo_tensor, idx.astype(np.int32), torch.ones(4), (3, 4), dtype=torch.int64).to_dense()
    assert got.dtype == nnlite.int64
    np.testing.assert_array_equal(got.numpy(), ref.numpy())
    # values with a dense dimension
    dense_vals = np.arange(8.0).reshape(4, 2)
    got = nnlite.sparse_coo_tensor(idx, nnlite.tensor(dense_vals), (2, 3, 2))
    ref = _quiet(torch.sparse_coo_tensor, torch.from_numpy(idx), torch.tensor(dense_vals), (2, 3, 2)).to_dense()
    np.testing.assert_array_equal(got.numpy(), ref.numpy())


def test_sparse_coo_tensor_gradient_reaches_the_values():
    idx = np.array([[0, 1, 1], [2, 0, 0]])
    w = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, 4.0]])
    v = nnlite.tensor([3.0, 4.0, 5.0], dtype=nnlite.float64, requires_grad=True)
    (nnlite.sparse_coo_tensor(idx, v, (2, 3)) * nnlite.tensor(w)).sum().backward()
    tv = torch.tensor([3.0, 4.0, 5.0], dtype=torch.float64, requires_grad=True)
    (_quiet(torch.sparse_coo_tensor, torch.from_numpy(idx), tv, (2, 3)).to_dense() * torch.tensor(w)).sum().backward()
    np.testing.assert_allclose(v.grad.numpy(), tv.grad.numpy())
    assert nnlite.sparse_coo_tensor(idx, [1.0, 2.0, 3.0], requires_grad=True).requires_grad


def test_sparse_coo_tensor_errors_name_the_function():
    with pytest.raises(ValueError, match="sparse_coo_tensor: indices in row 1"):
        nnlite.sparse_coo_tensor([[0, 1], [0, 5]], [1.0, 2.0], (2, 3))
    with pytest.raises(ValueError, match="sparse_coo_tensor: values must have one row per index"):
        nnlite.sparse_coo_tensor([[0, 1], [0, 1]], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="sparse_coo_tensor: indices must be an integer array"):
        nnlite.sparse_coo_tensor([0, 1], [1.0, 2.0])
    with pytest.raises(ValueError, match="sparse_coo_tensor: size"):
        nnlite.sparse_coo_tensor([[0, 1]], [1.0, 2.0], (2, 3))


def test_gcn_normalisation_and_spmm_match_torch():
    """The adjacency renormalisation of pytorch/examples gcn, then spmm with its gradient."""
    rng = np.random.default_rng(0)
    V, E = 7, 12
    edges = rng.integers(0, V, (E, 2)).astype(np.int32)

    def normalised(lib):
        adj = lib.sparse_coo_tensor(edges.T, lib.ones(E), (V, V), dtype=lib.int64)
        adj = lib.eye(V) + adj
        deg = lib.sqrt(1 / lib.sum(adj, dim=1))
        deg[deg == float("inf")] = 0
        deg = lib.diag(deg).to_sparse()
        return (deg @ adj @ deg).to_sparse()

    got, ref = normalised(nnlite), _quiet(normalised, torch)
    np.testing.assert_allclose(got.to_dense().numpy(), ref.to_dense().numpy(), rtol=1e-6)
    h = rng.standard_normal((V, 3))
    x = nnlite.tensor(h, dtype=nnlite.float32, requires_grad=True)
    tx = torch.tensor(h, dtype=torch.float32, requires_grad=True)
    out, tout = nnlite.spmm(got, x), torch.spmm(ref, tx)
    np.testing.assert_allclose(out.detach().numpy(), tout.detach().numpy(), rtol=1e-5, atol=1e-6)
    (out * out).sum().backward()
    (tout * tout).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), tx.grad.numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(nnlite.sparse.mm(got, x).detach().numpy(), out.detach().numpy())


def test_assigning_a_number_to_grad_is_a_type_error_as_in_torch():
    # polynomial_autograd (pytorch/tutorials) sets a.grad = 0.; torch refuses it, so does nnlite, by name
    a, ta = nnlite.ones((), requires_grad=True), torch.ones((), requires_grad=True)
    with pytest.raises(TypeError):
        ta.grad = 0.0
    with pytest.raises(TypeError, match="grad: the assigned gradient must be a Tensor or None, got float"):
        a.grad = 0.0
    a.grad = nnlite.tensor(2.0)
    assert a.grad.item() == 2.0
    a.grad = None
    assert a.grad is None
