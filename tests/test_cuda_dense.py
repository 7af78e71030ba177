"""The dense ops on every device: matmul, bmm, linear, conv2d and
conv_transpose2d, forward and all gradients, compared with the CPU backend
(and the CPU with NumPy). On "cuda" (marked, skipped without a GPU) this
covers the CUDA GEMM through cuBLAS and through the own tiled kernel
(NNLITE_CUBLAS's switch), TF32, odd sizes, strides, groups, stride,
padding and dilation."""
import numpy as np
import pytest

import nnlite
from nnlite import _C
import nnlite.nn.functional as F

rng = np.random.default_rng(0)
TOL = {"float32": dict(rtol=2e-4, atol=2e-4), "float64": dict(rtol=1e-10, atol=1e-10)}


def _run(fn, arrays, device, dtype, grad=True, up_seed=1):
    """fn(*tensors) on `device`: the output and the inputs' gradients for a
    fixed random upstream gradient, as NumPy."""
    ts = [nnlite.from_numpy(a.astype(dtype)).to(device) for a in arrays]
    if grad:
        for t in ts:
            t.requires_grad_()
    y = fn(*ts)
    out = y.detach().cpu().numpy()
    grads = []
    if grad:
        up = np.random.default_rng(up_seed).standard_normal(out.shape).astype(dtype)
        y.backward(nnlite.from_numpy(up).to(device))
        grads = [t.grad.cpu().numpy() for t in ts]
        for t in ts:
            assert t.grad.is_cuda == y.is_cuda               # gradients stay on the device
    return out, grads


def _check(fn, arrays, device, dtype, grad=True, tol=None):
    tol = tol or TOL[dtype]
    got, got_g = _run(fn, arrays, device, dtype, grad)
    ref, ref_g = _run(fn, arrays, "cpu", dtype, grad)
    assert got.shape == ref.shape
    scale = max(1.0, float(np.abs(ref).max(initial=0)))
    np.testing.assert_allclose(got, ref, rtol=tol["rtol"], atol=tol["atol"] * scale)
    for g, r in zip(got_g, ref_g):
        s = max(1.0, float(np.abs(r).max(initial=0)))
        np.testing.assert_allclose(g, r, rtol=tol["rtol"], atol=tol["atol"] * s)
    return ref


# ---- matmul / bmm / linear ------------------------------------------------------

MATMUL_SHAPES = [
    ((5,), (5,)), ((3, 4), (4,)), ((4,), (4, 6)), ((1, 1), (1, 1)),
    ((7, 13), (13, 9)), ((129, 65), (65, 257)), ((2, 3, 17, 33), (33, 5)),
    ((4, 1, 9, 10), (3, 10, 11)),                        # broadcast batch dims
    ((300, 8), (8, 2)), ((3, 2, 200), (200, 3)),         # long K, thin outputs
]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("sa, sb", MATMUL_SHAPES)
def test_matmul(sa, sb, dtype, device):
    a, b = rng.standard_normal(sa), rng.standard_normal(sb)
    ref = _check(nnlite.matmul, [a, b], device, dtype)
    np.testing.assert_allclose(ref, np.matmul(a, b), **TOL[dtype])


STRIDED = {  # a's storage, b's storage, the product of views of them
    "a_transposed": ((3, 40, 70), (3, 40, 90), lambda x, y: nnlite.matmul(x.transpose(-1, -2), y)),
    "b_transposed": ((3, 70, 40), (3, 90, 40), lambda x, y: nnlite.matmul(x, y.transpose(-1, -2))),
    "both_transposed": ((3, 40, 70), (3, 90, 40),
                        lambda x, y: nnlite.matmul(x.transpose(-1, -2), y.transpose(-1, -2))),
    "every_other_row": ((3, 70, 40), (3, 80, 90), lambda x, y: nnlite.matmul(x, y[:, ::2, :])),
    "every_other_column": ((3, 70, 80), (3, 40, 90), lambda x, y: nnlite.matmul(x[..., ::2], y)),
    "sliced_columns": ((3, 70, 50), (3, 40, 90), lambda x, y: nnlite.matmul(x[..., :40], y)),
}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("case", sorted(STRIDED))
def test_matmul_transposed_and_strided_operands(case, dtype, device):
    sa, sb, fn = STRIDED[case]
    _check(fn, [rng.standard_normal(sa), rng.standard_normal(sb)], device, dtype)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_bmm_and_expanded_operand(dtype, device):
    a, b, w = rng.standard_normal((6, 17, 23)), rng.standard_normal((6, 23, 31)), rng.standard_normal((23, 31))
    _check(nnlite.bmm, [a, b], device, dtype)
    _check(lambda x, y: nnlite.bmm(x, y.expand(6, 23, 31)), [a, w], device, dtype)   # batch stride 0


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("xs, out_f, bias", [((4, 10), 3, True), ((2, 5, 33), 130, False), ((1, 1), 1, True),
                                             ((257, 64), 129, True)])
def test_linear(xs, out_f, bias, dtype, device):
    x, w = rng.standard_normal(xs), rng.standard_normal((out_f, xs[-1]))
    arrays = [x, w] + ([rng.standard_normal(out_f)] if bias else [])
    ref = _check(lambda *t: F.linear(*t), arrays, device, dtype)
    expect = x @ w.T + (arrays[2] if bias else 0)
    np.testing.assert_allclose(ref, expect, **TOL[dtype])


@pytest.mark.parametrize("dtype", ["int64", "int32"])
def test_integer_matmul_is_exact(dtype, device):
    a, b = rng.integers(-20, 20, (3, 19, 27)), rng.integers(-20, 20, (27, 11))
    out, _ = _run(nnlite.matmul, [a, b], device, dtype, grad=False)
    np.testing.assert_array_equal(out, (a @ b).astype(dtype))


def test_empty_products(device):
    z = nnlite.matmul(nnlite.ones(3, 0, device=device), nnlite.ones(0, 4, device=device))
    np.testing.assert_array_equal(z.cpu().numpy(), np.zeros((3, 4), np.float32))
    assert nnlite.matmul(nnlite.ones(0, 5, device=device), nnlite.ones(5, 4, device=device)).shape == (0, 4)
    y = F.linear(nnlite.ones(2, 0, device=device), nnlite.ones(3, 0, device=device), nnlite.ones(3, device=device))
    np.testing.assert_array_equal(y.cpu().numpy(), np.ones((2, 3), np.float32))


def test_matmul_errors_name_the_op(device):
    with pytest.raises(ValueError, match="matmul"):
        nnlite.matmul(nnlite.ones(2, 3, device=device), nnlite.ones(4, 5, device=device))
    with pytest.raises(TypeError, match="matmul"):
        nnlite.matmul(nnlite.ones(2, 2, device=device, dtype=nnlite.bool), nnlite.ones(2, 2, device=device,
                                                                                       dtype=nnlite.bool))


# ---- conv2d / conv_transpose2d ----------------------------------------------------

CONVS = [  # x shape, w shape, keyword arguments
    ((2, 3, 8, 8), (4, 3, 3, 3), dict()),
    ((2, 3, 9, 7), (5, 3, 3, 2), dict(stride=(2, 3), padding=(1, 2))),
    ((1, 2, 11, 11), (3, 2, 3, 3), dict(stride=2, padding=2, dilation=(2, 3))),
    ((3, 4, 5, 6), (6, 4, 1, 1), dict()),                                   # pointwise: no im2col
    ((2, 4, 6, 6), (8, 1, 3, 3), dict(padding=1, groups=4)),               # depthwise with multiplier 2
    ((2, 6, 7, 7), (9, 2, 3, 1), dict(stride=(1, 2), dilation=(2, 1), groups=3)),
    ((2, 4, 8, 8), (8, 4, 1, 1), dict(stride=2)),                          # strided 1x1 goes through im2col
    ((1, 16, 32, 32), (16, 16, 3, 3), dict(padding=1)),                    # a ResNet-20 layer
]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("xs, ws, kw", CONVS)
@pytest.mark.parametrize("bias", [True, False])
def test_conv2d_forward_and_all_gradients(xs, ws, kw, bias, dtype, device):
    arrays = [rng.standard_normal(xs), rng.standard_normal(ws)] + ([rng.standard_normal(ws[0])] if bias else [])
    _check(lambda *t: F.conv2d(*t, **kw), arrays, device, dtype)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("xs, ws, kw", [
    ((2, 4, 5, 5), (4, 3, 3, 3), dict(stride=2, padding=1, output_padding=1)),
    ((1, 6, 4, 3), (6, 2, 2, 3), dict(stride=(1, 2), groups=3, dilation=(2, 1))),
])
def test_conv_transpose2d(xs, ws, kw, dtype, device):
    arrays = [rng.standard_normal(xs), rng.standard_normal(ws), rng.standard_normal(ws[1] * kw.get("groups", 1))]
    _check(lambda *t: F.conv_transpose2d(*t, **kw), arrays, device, dtype)


def test_conv2d_noncontiguous_input(device):
    x = rng.standard_normal((2, 3, 10, 9))
    w = rng.standard_normal((4, 3, 3, 3))
    _check(lambda a, b: F.conv2d(a.transpose(2, 3), b, padding=1), [x, w], device, "float32")


# ---- GPU-only: both GEMM paths, TF32, grid limits -----------------------------------

cuda_only = [pytest.mark.cuda, pytest.mark.skipif(not nnlite.cuda.is_available(), reason="no CUDA GPU")]


@pytest.fixture
def gemm_path():
    """Runs a test with cuBLAS (when loaded) and with the own kernel; restores the switch."""
    before = _C._cuda_gemm_info()["use_cublas"]
    yield
    _C._cuda_set_use_cublas(before)


@pytest.mark.parametrize("use_cublas", [True, False])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape", [(1, 1, 1, 1), (3, 129, 131, 67), (2, 256, 256, 256), (1, 1000, 3, 700)])
@pytest.mark.usefixtures("gemm_path")
@pytest.mark.cuda
@pytest.mark.skipif(not nnlite.cuda.is_available(), reason="no CUDA GPU")
def test_gemm_paths_match_the_cpu(use_cublas, dtype, shape):
    _C._cuda_set_use_cublas(use_cublas)
    B, M, N, K = shape
    a, b = rng.standard_normal((B, M, K)), rng.standard_normal((B, K, N))
    _check(nnlite.bmm, [a, b], "cuda", dtype)
    info = _C._cuda_gemm_info()
    expected = "cublas" if use_cublas and info["available"] else "tiled"
    assert info["last_path"] == expected


@pytest.mark.usefixtures("gemm_path")
@pytest.mark.cuda
@pytest.mark.skipif(not nnlite.cuda.is_available(), reason="no CUDA GPU")
def test_conv2d_with_the_own_kernel():
    _C._cuda_set_use_cublas(False)
    arrays = [rng.standard_normal((4, 8, 12, 12)), rng.standard_normal((16, 4, 3, 3)), rng.standard_normal(16)]
    _check(lambda *t: F.conv2d(*t, padding=1, groups=2), arrays, "cuda", "float32")
    assert _C._cuda_gemm_info()["last_path"] == "tiled"


@pytest.mark.cuda
@pytest.mark.skipif(not nnlite.cuda.is_available(), reason="no CUDA GPU")
def test_tf32_is_off_by_default_and_within_its_tolerance():
    assert nnlite.backends.cuda.matmul.allow_tf32 is False
    a, b = rng.standard_normal((512, 512)), rng.standard_normal((512, 512))
    ref = a @ b
    full, _ = _run(nnlite.matmul, [a, b], "cuda", "float32", grad=False)
    np.testing.assert_allclose(full, ref, rtol=1e-4, atol=1e-3)
    try:
        nnlite.backends.cuda.matmul.allow_tf32 = True
        fast, _ = _run(nnlite.matmul, [a, b], "cuda", "float32", grad=False)
        info = _C._cuda_gemm_info()
        assert info["last_path"] == ("cublas-tf32" if info["available"] and info["use_cublas"] else "tiled")
    finally:
        nnlite.backends.cuda.matmul.allow_tf32 = False
    # TF32 keeps 10 mantissa bits: errors of ~1e-3 relative to the row norms.
    np.testing.assert_allclose(fast, ref, rtol=0, atol=2e-2 * np.abs(ref).max())


@pytest.mark.cuda
@pytest.mark.skipif(not nnlite.cuda.is_available(), reason="no CUDA GPU")
def test_many_batches_past_the_grid_cap():
    a, b = rng.standard_normal((70000, 2, 3)), rng.standard_normal((70000, 3, 2))
    out, _ = _run(nnlite.bmm, [a, b], "cuda", "float64", grad=False)
    np.testing.assert_allclose(out, a @ b, rtol=1e-12, atol=1e-12)


@pytest.mark.cuda
@pytest.mark.skipif(not nnlite.cuda.is_available(), reason="no CUDA GPU")
def test_conv2d_in_several_chunks_and_mixed_devices():
    # 64 channels x 3x3 x 128x128 = 9.4M cols elements per image: 3 images per chunk, 2 chunks.
    arrays = [rng.standard_normal((6, 64, 128, 128)) * 0.1, rng.standard_normal((8, 64, 3, 3)) * 0.1]
    _check(lambda *t: F.conv2d(*t, padding=1), arrays, "cuda", "float32")
    with pytest.raises((RuntimeError, ValueError), match="conv2d"):
        F.conv2d(nnlite.ones(1, 1, 3, 3, device="cuda"), nnlite.ones(1, 1, 1, 1))
