"""matmul with torch.matmul semantics: 1-d, 2-d, batched with broadcasting,
transposed views, sizes one and zero, and sizes large enough for blocking."""
import numpy as np
import pytest

import nnlite
from op_check import T, check_op, from_array, to_numpy

TESTED_OPS = {"matmul"}

SHAPES = [
    ((3,), (3,)),            # dot product, 0-d result
    ((2, 3), (3,)),          # matrix @ vector
    ((3,), (3, 4)),          # vector @ matrix
    ((2, 3), (3, 4)),
    ((1, 1), (1, 1)),
    ((1, 5), (5, 1)),
    ((5, 1), (1, 4)),        # outer product through k = 1
    ((5, 2, 3), (3, 4)),     # batched @ matrix
    ((2, 3), (5, 3, 4)),     # matrix @ batched
    ((5, 2, 3), (5, 3, 4)),
    ((2, 1, 3, 4), (3, 4, 2)),  # batch dims broadcast
    ((1, 3, 4), (2, 1, 4, 2)),
    ((4,), (2, 4, 3)),       # vector @ batched
    ((2, 3, 4), (4,)),       # batched @ vector
    ((0, 3), (3, 4)),        # size zero, everywhere
    ((2, 0), (0, 4)),        # k = 0: a zero matrix
    ((3, 4), (4, 0)),
    ((0, 2, 3), (3, 4)),
    ((0,), (0,)),
]


@pytest.mark.parametrize("sa,sb", SHAPES)
def test_matmul_shapes(sa, sb):
    check_op([sa, sb], nnlite.matmul, T.matmul)
    check_op([sa, sb], lambda a, b: a @ b, lambda a, b: a @ b, noncontiguous=True)


@pytest.mark.parametrize("sa,sb", [((2, 3), (3, 4)), ((5, 2, 3), (3, 4)), ((3,), (3, 4))])
def test_matmul_float64(sa, sb):
    check_op([sa, sb], nnlite.matmul, T.matmul, dtype="float64")


def test_matmul_transposed_views():
    check_op([(4, 3), (5, 4)], lambda a, b: a.T @ b.T, lambda a, b: a.T @ b.T)
    check_op([(4, 3), (4, 5)], lambda a, b: a.t() @ b, lambda a, b: a.t() @ b)
    check_op([(3, 4), (5, 4)], lambda a, b: a @ b.transpose(0, 1), lambda a, b: a @ b.transpose(0, 1))
    check_op([(2, 4, 3), (2, 5, 4)], lambda a, b: a.transpose(-1, -2) @ b.transpose(1, 2),
             lambda a, b: a.transpose(-1, -2) @ b.transpose(1, 2))
    check_op([(3, 2, 4), (4, 5)], lambda a, b: a.permute(1, 0, 2) @ b, lambda a, b: a.permute(1, 0, 2) @ b)


def test_matmul_strided_slices():
    check_op([(6, 8), (8, 10)], lambda a, b: a[::2, 1::2] @ b[::2, ::3], lambda a, b: a[::2, 1::2] @ b[::2, ::3])
    # a broadcast (stride-0) operand
    check_op([(1, 4), (4, 3)], lambda a, b: a.expand(5, 4) @ b, lambda a, b: a.expand(5, 4) @ b)


@pytest.mark.parametrize("m,k,n", [(130, 257, 67), (67, 130, 257), (1, 300, 129), (129, 1, 65), (64, 64, 64)])
def test_matmul_large_blocked(m, k, n):
    # Sums of up to ~300 products: float32 error grows with k, hence the looser tolerance.
    check_op([(m, k), (k, n)], nnlite.matmul, T.matmul, atol=1e-4, rtol=1e-4, grad_atol=1e-3,
             grad_rtol=1e-3, fd_max_elems=3, low=-1, high=1)


def test_matmul_large_transposed_and_batched():
    check_op([(257, 130), (67, 257)], lambda a, b: a.T @ b.T, lambda a, b: a.T @ b.T, atol=1e-4, rtol=1e-4,
             grad_atol=1e-3, grad_rtol=1e-3, fd_max_elems=3, low=-1, high=1)
    check_op([(3, 33, 65), (65, 17)], nnlite.matmul, T.matmul, atol=1e-4, grad_atol=1e-3,
             fd_max_elems=3, low=-1, high=1)


def test_matmul_large_float64_matches_numpy(rng):
    a = rng.standard_normal((130, 257))
    b = rng.standard_normal((257, 67))
    np.testing.assert_allclose(to_numpy(nnlite.matmul(from_array(a), from_array(b))), a @ b, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("m", [1, 2])
@pytest.mark.parametrize("n", [1, 7, 8, 9, 17, 600])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_few_rows_times_transposed_weight(m, n, dtype, rng):
    # Batch-1/2 inference, x @ W^T (+ b): the GEMM reads W in place as dot
    # products eight columns at a time, split over threads for large W;
    # column counts around and past the block of eight, and a strided x.
    k = 300
    x = rng.standard_normal((m, 2 * k)).astype(dtype)[:, ::2]
    w = rng.standard_normal((n, k)).astype(dtype)
    b = rng.standard_normal(n).astype(dtype)
    got = nnlite.nn.functional.linear(nnlite.from_numpy(x), nnlite.from_numpy(w), nnlite.from_numpy(b)).numpy()
    tol = 1e-4 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(got, x @ w.T + b, rtol=tol, atol=tol)
    got = (nnlite.from_numpy(np.ascontiguousarray(x)) @ nnlite.from_numpy(w).t()).numpy()
    np.testing.assert_allclose(got, x @ w.T, rtol=tol, atol=tol)


def test_matmul_int(rng):
    a = rng.integers(-5, 5, (3, 4))
    b = rng.integers(-5, 5, (4, 2))
    np.testing.assert_array_equal(to_numpy(from_array(a) @ from_array(b)), a @ b)


def test_matmul_is_exact_on_identity():
    x = nnlite.randn(37, 19)
    np.testing.assert_array_equal(to_numpy(nnlite.eye(37) @ x), to_numpy(x))
    np.testing.assert_array_equal(to_numpy(x @ nnlite.eye(19)), to_numpy(x))


def test_matmul_second_order(torch):
    # d/dA of sum((A @ B)^2) differentiated again: the VJP of matmul is itself differentiable.
    a = nnlite.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    b = nnlite.tensor([[0.5, -1.0], [2.0, 1.5]], requires_grad=True)
    (ga,) = nnlite.autograd.grad(((a @ b) ** 2).sum(), [a], create_graph=True)
    ga.sum().backward()
    ta = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    tb = torch.tensor([[0.5, -1.0], [2.0, 1.5]], requires_grad=True)
    (tga,) = torch.autograd.grad(((ta @ tb) ** 2).sum(), [ta], create_graph=True)
    tga.sum().backward()
    np.testing.assert_allclose(to_numpy(ga), tga.detach().numpy(), rtol=1e-5)
    np.testing.assert_allclose(to_numpy(a.grad), ta.grad.numpy(), rtol=1e-5)
    np.testing.assert_allclose(to_numpy(b.grad), tb.grad.numpy(), rtol=1e-5)
