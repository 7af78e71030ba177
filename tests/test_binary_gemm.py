"""Products with a binary (0/1) sparse operand (backend/cpu/binary_gemm.cpp)
and linear's event-driven path built on them: the kernels against their plain
reference loops and NumPy, the index scan's refusals, and linear over spike
trains against torch, the dense path and finite differences, gradients included."""
import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F
from nnlite import _C
from op_check import T, check_op


def spikes(shape, density, seed=0, dtype=np.float32):
    rng = np.random.default_rng(seed)
    return (rng.random(shape) < density).astype(dtype)


def tensor(a):
    return nnlite.from_numpy(np.ascontiguousarray(a))


# (M, K, N): a full 64-wide block with tails, narrower than one block, one row,
# and columns wider than one panel of the [K, N] operand.
SHAPES = [(37, 50, 131), (5, 9, 3), (1, 300, 64), (70, 2000, 200)]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("m,k,n", SHAPES)
def test_kernels_match_reference_and_numpy(m, k, n, dtype):
    rng = np.random.default_rng(1)
    x = spikes((m, k), 0.2, dtype=dtype)
    x[0] = 0  # a row without ones
    b, p = rng.standard_normal((k, n)).astype(dtype), rng.standard_normal((m, n)).astype(dtype)
    bias = rng.standard_normal(n).astype(dtype)
    tol = 1e-4 if dtype == np.float32 else 1e-10
    for bs in (None, tensor(bias)):
        ours = _C._binary_matmul(tensor(x), tensor(b), bs).numpy()
        ref = _C._binary_matmul(tensor(x), tensor(b), bs, reference=True).numpy()
        want = x.astype(np.float64) @ b + (0 if bs is None else bias)
        np.testing.assert_allclose(ours, want, atol=tol, rtol=tol)
        np.testing.assert_allclose(ours, ref, atol=tol, rtol=tol)
    g0 = rng.standard_normal((k, n)).astype(dtype)
    for accumulate in (False, True):
        g, g_ref = tensor(g0.copy()), tensor(g0.copy())
        assert _C._binary_matmul_tn(tensor(x), tensor(p), g, accumulate)
        _C._binary_matmul_tn(tensor(x), tensor(p), g_ref, accumulate, reference=True)
        want = x.T.astype(np.float64) @ p + (g0 if accumulate else 0)
        np.testing.assert_allclose(g.numpy(), want, atol=tol, rtol=tol)
        np.testing.assert_allclose(g.numpy(), g_ref.numpy(), atol=tol, rtol=tol)


def test_index_refuses_non_binary_and_dense_inputs():
    x = spikes((20, 30), 0.1)
    b = tensor(np.ones((30, 8), np.float32))
    assert _C._binary_matmul(tensor(x), b) is not None
    for bad in (0.5, -1.0, 2.0, np.nan):
        y = x.copy()
        y[19, 29] = bad  # the last element: the scan must reach it
        assert _C._binary_matmul(tensor(y), b) is None
        assert not _C._binary_matmul_tn(tensor(y), tensor(np.ones((20, 8), np.float32)), nnlite.zeros(30, 8))
    dense = spikes((20, 30), 0.6)
    assert _C._binary_matmul(tensor(dense), b, max_density=0.25) is None
    assert _C._binary_matmul(tensor(dense), b, max_density=1.0) is not None
    empty = np.zeros((20, 30), np.float32)
    np.testing.assert_array_equal(_C._binary_matmul(tensor(empty), b).numpy(), np.zeros((20, 8)))


# Big enough for linear's event-driven path: R * in * out >= 2**22.
R, IN, OUT = 96, 256, 200


def test_linear_takes_the_event_path_on_spikes():
    rng = np.random.default_rng(2)
    x = spikes((4, R // 4, IN), 0.13)
    w, b = rng.standard_normal((OUT, IN)).astype(np.float32), rng.standard_normal(OUT).astype(np.float32)
    y = F.linear(tensor(x), tensor(w), tensor(b))
    # Bit-equal to the kernel (the dense GEMM sums in another order), close to float64.
    kernel = _C._binary_matmul(tensor(x.reshape(R, IN)), tensor(w.T), tensor(b)).numpy().reshape(4, R // 4, OUT)
    np.testing.assert_array_equal(y.numpy(), kernel)
    np.testing.assert_allclose(y.numpy(), x.astype(np.float64) @ w.T + b, atol=1e-4, rtol=1e-5)
    # A real-valued input of the same shape takes the dense GEMM, same values for the same product.
    xr = x.copy()
    xr[0, 0, 0] += 2 ** -20  # off 0/1, the product barely moves
    yr = F.linear(tensor(xr), tensor(w), tensor(b)).numpy()
    np.testing.assert_allclose(yr, x.astype(np.float64) @ w.T + b, atol=1e-3, rtol=1e-4)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("with_bias", [True, False])
def test_linear_on_spikes_matches_torch_with_gradients(dtype, with_bias):
    x = spikes((R, IN), 0.15, seed=3, dtype=np.dtype(dtype))
    inputs = [x, (OUT, IN)] + ([(OUT,)] if with_bias else [])
    # x gets a gradient too (the dense product dY W); finite differences move x off 0/1 (the dense path)
    # and w, b with x binary (the event path).
    check_op(inputs, F.linear, T.nn.functional.linear, dtype=dtype, grad_atol=1e-3 if dtype == "float32" else None)


def test_linear_on_spikes_equals_the_dense_path():
    """A transposed view of the same spikes is not contiguous, so it takes the dense GEMM."""
    rng = np.random.default_rng(4)
    x = spikes((R, IN), 0.1, seed=5)
    w0, b0 = rng.standard_normal((OUT, IN)).astype(np.float32), rng.standard_normal(OUT).astype(np.float32)
    g0 = rng.standard_normal((R, OUT)).astype(np.float32)
    results = []
    for xin in (tensor(x), tensor(x.T).t()):
        xin.requires_grad_()
        w, b = tensor(w0).requires_grad_(), tensor(b0).requires_grad_()
        y = F.linear(xin, w, b)
        y.backward(tensor(g0))
        results.append([t.detach().numpy() for t in (y, xin.grad, w.grad, b.grad)])
    for sparse, dense in zip(*results):
        np.testing.assert_allclose(sparse, dense, atol=1e-4, rtol=1e-5)


def test_linear_on_spikes_supports_double_backward():
    """With create_graph the weight gradient is a product autograd can differentiate again."""
    xs = spikes((R, IN), 0.1, seed=6)
    w = tensor(np.random.default_rng(7).standard_normal((OUT, IN)).astype(np.float32)).requires_grad_()
    y = F.linear(tensor(xs), w)
    (gw,) = nnlite.autograd.grad((y * y).sum(), [w], create_graph=True)  # 2 y^T x
    gw.sum().backward()  # d/dw[o, j] of sum(2 y^T x) = 2 sum_r x[r, j] sum_i x[r, i]
    want = np.tile(2 * (xs.T.astype(np.float64) @ xs).sum(1), (OUT, 1))
    np.testing.assert_allclose(w.grad.numpy(), want, rtol=1e-5)
