"""Host-side checks of the CUDA GEMM and convolutions, without a GPU
(nnlite._C._cuda_host): the cuBLAS argument mapping replayed as a
column-major GEMM in NumPy, the tiled kernel and the three convolutions
emulated thread by thread with the functions the kernels run, the im2col /
col2im index math against NumPy, the launch grid, the run-time cuBLAS loader
with missing libraries, and the TF32 / cuBLAS switches."""
import itertools
import os
import subprocess
import sys

import numpy as np
import pytest

import nnlite
from nnlite import _C

H = _C._cuda_host
rng = np.random.default_rng(0)


# ---- operands with arbitrary strides --------------------------------------------

def _operand(B, R, C, layout, batch_stride=None):
    """Flat storage and [batch, row, col] strides of a [B, R, C] operand:
    'row' (row-major), 'col' (each matrix transposed in memory), 'padded'
    (row-major with a longer leading dimension), 'bcast' (one matrix for all
    batches, stride 0)."""
    if layout == "row":
        s = (R * C, C, 1)
    elif layout == "col":
        s = (R * C, 1, R)
    elif layout == "padded":
        s = (R * (C + 3), C + 3, 1)
    elif layout == "bcast":
        s = (0, C, 1)
    else:
        raise ValueError(layout)
    if batch_stride is not None:
        s = (batch_stride,) + s[1:]
    size = (B - 1) * s[0] + (R - 1) * s[1] + (C - 1) * s[2] + 1 if B and R and C else 1
    return rng.standard_normal(size), s


def _view(flat, B, R, C, s):
    it = flat.itemsize
    return np.lib.stride_tricks.as_strided(flat, (B, R, C), (s[0] * it, s[1] * it, s[2] * it))


LAYOUTS = ["row", "col", "padded", "bcast"]
SHAPES = [(1, 1, 1, 1), (2, 3, 5, 7), (3, 17, 1, 9), (2, 1, 13, 4), (1, 130, 129, 33), (4, 9, 11, 1)]


# ---- the cuBLAS argument mapping ------------------------------------------------

def _cublas_replay(call, a_flat, b_flat, c_flat, B):
    """What cublasGemmStridedBatchedEx computes with `call` (column-major, our
    b as its A, our a as its B), into a copy of c_flat."""
    out = c_flat.copy()
    it = out.itemsize

    def colmajor(flat, off, rows, cols, ld):
        return np.lib.stride_tricks.as_strided(flat[off:], (rows, cols), (it, ld * it))

    m, n, k = call["m"], call["n"], call["k"]
    for i in range(B):
        A = (colmajor(b_flat, i * call["stride_a"], m, k, call["lda"]) if call["transa"] == "N"
             else colmajor(b_flat, i * call["stride_a"], k, m, call["lda"]).T)
        Bm = (colmajor(a_flat, i * call["stride_b"], k, n, call["ldb"]) if call["transb"] == "N"
              else colmajor(a_flat, i * call["stride_b"], n, k, call["ldb"]).T)
        C = colmajor(out, i * call["stride_c"], m, n, call["ldc"])
        C[...] = A @ Bm
    return out


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("la, lb", list(itertools.product(LAYOUTS, LAYOUTS)))
def test_cublas_mapping_replays_to_the_row_major_product(shape, la, lb):
    B, M, N, K = shape
    a, sa = _operand(B, M, K, la)
    b, sb = _operand(B, K, N, lb)
    sc = (M * N, N, 1)
    call = H.cublas_call(M, N, K, sa, sb, sc)
    assert call is not None, (sa, sb)
    assert (call["m"], call["n"], call["k"]) == (N, M, K)      # c^T = b^T a^T
    assert call["ldc"] >= max(1, N) and call["lda"] >= 1 and call["ldb"] >= 1
    c = _cublas_replay(call, a, b, np.zeros(B * M * N), B)
    np.testing.assert_allclose(c.reshape(B, M, N), _view(a, B, M, K, sa) @ _view(b, B, K, N, sb), atol=1e-12)


def test_cublas_mapping_writes_a_strided_output():
    # conv.cu's forward writes y[n, group] [Kg, HWo] inside y [N, K, HWo].
    B, M, N, K, ldc, batch = 3, 4, 6, 5, 6, 40
    a, sa = _operand(B, M, K, "bcast")
    b, sb = _operand(B, K, N, "row")
    call = H.cublas_call(M, N, K, sa, sb, (batch, ldc, 1))
    c0 = rng.standard_normal(B * batch)
    c = _cublas_replay(call, a, b, c0, B)
    expect = c0.copy()
    _view(expect, B, M, N, (batch, ldc, 1))[...] = _view(a, B, M, K, sa) @ _view(b, B, K, N, sb)
    np.testing.assert_allclose(c, expect, atol=1e-12)


@pytest.mark.parametrize("sa, why", [
    ((0, 2, 3), "neither a's rows nor its columns are unit-stride"),
    ((0, 0, 1), "a's rows are expanded (stride 0): no leading dimension fits"),
    ((0, 4, 1), "leading dimension 4 is shorter than a row of 5"),
])
def test_cublas_mapping_refuses_layouts_it_cannot_express(sa, why):
    assert H.cublas_call(3, 4, 5, sa, (20, 4, 1), (12, 4, 1)) is None, why


def test_cublas_mapping_refuses_sizes_past_int32():
    big = 1 << 31
    assert H.cublas_call(big, 4, 5, (0, 5, 1), (0, 4, 1), (0, 4, 1)) is None
    assert H.cublas_call(2, 4, 5, (0, big, 1), (0, 4, 1), (0, 4, 1)) is None  # lda past int32
    assert H.cublas_call(2, 4, 5, (0, 5, 1), (0, 4, 1), (0, 4, 1)) is not None


@pytest.mark.parametrize("rows, cols, rs, cs, expected", [
    (3, 4, 4, 1, ("N", 4)),      # row-major
    (3, 4, 1, 3, ("T", 3)),      # column-major
    (1, 4, 99, 1, ("N", 4)),     # one row: its stride is irrelevant
    (3, 1, 1, 99, ("N", 1)),     # one column: read as N with ld = row stride 1
    (3, 1, 5, 77, ("N", 5)),
    (1, 1, 0, 0, ("N", 1)),
    (3, 4, 8, 1, ("N", 8)),      # padded rows
    (3, 4, 0, 1, None),          # expanded rows
    (3, 4, 2, 2, None),
])
def test_column_major_view(rows, cols, rs, cs, expected):
    assert H.column_major_view(rows, cols, rs, cs) == expected


# ---- the tiled kernel, emulated thread by thread -------------------------------

def _tile_gemm(dtype, a, sa, b, sb, shape, c, sc, **kw):
    return getattr(H, f"tile_gemm_{dtype}")(a, sa, b, sb, shape, c, sc, **kw)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape", SHAPES + [(2, 129, 131, 17), (1, 64, 64, 8), (1, 65, 63, 9)])
@pytest.mark.parametrize("la, lb", [("row", "row"), ("col", "col"), ("padded", "col"), ("bcast", "row")])
def test_tiled_kernel_matches_numpy(dtype, shape, la, lb):
    B, M, N, K = shape
    a, sa = _operand(B, M, K, la)
    b, sb = _operand(B, K, N, lb)
    a, b = a.astype(dtype), b.astype(dtype)
    c = _tile_gemm(dtype, a, sa, b, sb, shape, np.full(B * M * N, np.nan, dtype), (M * N, N, 1))
    expect = _view(a.astype(np.float64), B, M, K, sa) @ _view(b.astype(np.float64), B, K, N, sb)
    tol = 1e-5 if dtype == "float32" else 1e-12
    np.testing.assert_allclose(c.reshape(B, M, N), expect, rtol=tol, atol=tol * max(K, 1))


@pytest.mark.parametrize("a_k_fast, b_n_fast", list(itertools.product([False, True], repeat=2)))
def test_tiled_kernel_load_orders_give_the_same_result(a_k_fast, b_n_fast):
    # The load order only changes which thread reads what, never the tile.
    B, M, N, K = 2, 37, 45, 19
    a, sa = _operand(B, M, K, "row")
    b, sb = _operand(B, K, N, "col")
    c = _tile_gemm("float64", a, sa, b, sb, (B, M, N, K), np.zeros(B * M * N), (M * N, N, 1),
                   a_k_fast=a_k_fast, b_n_fast=b_n_fast)
    np.testing.assert_allclose(c.reshape(B, M, N), _view(a, B, M, K, sa) @ _view(b, B, K, N, sb), atol=1e-12)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_tiled_kernel_bias_accumulate_and_strided_output(dtype):
    B, M, N, K, ldc, batch = 3, 70, 33, 12, 40, 70 * 40 + 5
    a, sa = _operand(B, M, K, "row")
    b, sb = _operand(B, K, N, "row")
    a, b = a.astype(dtype), b.astype(dtype)
    bias_flat = rng.standard_normal(2 * N).astype(dtype)       # bias with stride 2
    c0 = rng.standard_normal(B * batch).astype(dtype)
    c = _tile_gemm(dtype, a, sa, b, sb, (B, M, N, K), c0, (batch, ldc, 1), bias=bias_flat, bias_stride=2,
                   accumulate=True)
    expect = c0.astype(np.float64)
    view = _view(expect, B, M, N, (batch, ldc, 1))
    view += _view(a.astype(np.float64), B, M, K, sa) @ _view(b.astype(np.float64), B, K, N, sb) + bias_flat[::2]
    np.testing.assert_allclose(c, expect, rtol=1e-5, atol=1e-4)   # untouched gaps keep c0 exactly


def test_tiled_kernel_integers_are_exact():
    B, M, N, K = 2, 19, 23, 31
    a = rng.integers(-50, 50, B * M * K)
    b = rng.integers(-50, 50, B * K * N)
    c = _tile_gemm("int64", a, (M * K, K, 1), b, (K * N, N, 1), (B, M, N, K), np.zeros(B * M * N, np.int64),
                   (M * N, N, 1))
    np.testing.assert_array_equal(c.reshape(B, M, N), a.reshape(B, M, K) @ b.reshape(B, K, N))


def test_tile_configs():
    assert H.tile_config("float32") == (128, 128, 8, 8, 8, 256)
    assert H.tile_config("float64") == (64, 64, 8, 4, 4, 256)


@pytest.mark.parametrize("B, M, N, tile, expected", [
    (1, 1, 1, 128, (1, 1, 1, 1)),
    (3, 129, 257, 128, (3, 2, 3, 2)),
    (100000, 5, 5, 64, (1, 1, 65535, 1)),                      # batches past the z cap: the kernel loops
    (1, 65536 * 64 + 1, 64, 64, (1, 65535, 1, 65537)),          # M tiles past the y cap
])
def test_tile_grid(B, M, N, tile, expected):
    x, y, z, tiles_m = H.tile_grid(B, M, N, tile, tile)
    assert (x, y, z, tiles_m) == expected


# ---- im2col / col2im ----------------------------------------------------------

def _geometry(N, C, H_, W, K, kh, kw, stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1):
    Ho = (H_ + 2 * padding[0] - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    Wo = (W + 2 * padding[1] - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    return (N, C, H_, W, K, kh, kw, *stride, *padding, *dilation, groups, Ho, Wo)


def _im2col_ref(x, g):
    N, C, H_, W, K, kh, kw, sh, sw, ph, pw, dh, dw, G, Ho, Wo = g
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    cols = np.empty((N, C, kh, kw, Ho, Wo))
    for i in range(kh):
        for j in range(kw):
            cols[:, :, i, j] = xp[:, :, i * dh: i * dh + sh * (Ho - 1) + 1: sh, j * dw: j * dw + sw * (Wo - 1) + 1: sw]
    return cols.reshape(N, C * kh * kw, Ho * Wo)


def _col2im_ref(cols, g):
    N, C, H_, W, K, kh, kw, sh, sw, ph, pw, dh, dw, G, Ho, Wo = g
    xp = np.zeros((N, C, H_ + 2 * ph, W + 2 * pw))
    c = cols.reshape(N, C, kh, kw, Ho, Wo)
    for i in range(kh):
        for j in range(kw):
            xp[:, :, i * dh: i * dh + sh * (Ho - 1) + 1: sh, j * dw: j * dw + sw * (Wo - 1) + 1: sw] += c[:, :, i, j]
    return xp[:, :, ph: ph + H_, pw: pw + W]


GEOMETRIES = [
    _geometry(2, 3, 5, 6, 4, 3, 3),
    _geometry(2, 3, 7, 6, 4, 3, 2, stride=(2, 3), padding=(1, 2)),
    _geometry(1, 2, 9, 9, 2, 3, 3, stride=(2, 2), padding=(2, 1), dilation=(2, 3)),
    _geometry(3, 4, 4, 5, 6, 1, 1),                                   # pointwise
    _geometry(2, 4, 6, 6, 6, 2, 2, stride=(3, 1), padding=(1, 0), groups=2),
    _geometry(1, 1, 3, 3, 1, 3, 3, padding=(1, 1)),
    _geometry(2, 6, 5, 5, 9, 3, 1, stride=(1, 2), dilation=(2, 1), groups=3),
]


@pytest.mark.parametrize("g", GEOMETRIES)
def test_im2col_matches_numpy_in_both_layouts(g):
    N, C, H_, W, _, kh, kw, *_, Ho, Wo = g
    x = rng.standard_normal((N, C, H_, W))
    rows, HWo = C * kh * kw, Ho * Wo
    ref = _im2col_ref(x, g)
    per_image = H.im2col(x.ravel(), g, 0, N, rows * HWo, HWo, N * rows * HWo)
    np.testing.assert_array_equal(per_image.reshape(N, rows, HWo), ref)
    side_by_side = H.im2col(x.ravel(), g, 0, N, HWo, N * HWo, N * rows * HWo)   # [rows, N, HWo]
    np.testing.assert_array_equal(side_by_side.reshape(rows, N, HWo), ref.transpose(1, 0, 2))
    if N > 1:  # a chunk starting at image 1
        part = H.im2col(x.ravel(), g, 1, N - 1, rows * HWo, HWo, (N - 1) * rows * HWo)
        np.testing.assert_array_equal(part.reshape(N - 1, rows, HWo), ref[1:])


@pytest.mark.parametrize("g", GEOMETRIES)
def test_col2im_gather_is_the_adjoint_of_im2col(g):
    N, C, H_, W, _, kh, kw, *_, Ho, Wo = g
    cols = rng.standard_normal((N, C * kh * kw, Ho * Wo))
    gx = H.col2im(cols.ravel(), g, N).reshape(N, C, H_, W)
    np.testing.assert_allclose(gx, _col2im_ref(cols, g), atol=1e-12)
    x = rng.standard_normal((N, C, H_, W))
    np.testing.assert_allclose((_im2col_ref(x, g) * cols).sum(), (x * gx).sum(), rtol=1e-10)


def test_conv_chunks():
    g = _geometry(10, 3, 8, 8, 4, 3, 3)              # 27 * 36 = 972 cols elements per image
    assert H.conv_chunk_images(g, 1 << 30) == 10
    assert H.conv_chunk_images(g, 972 * 3) == 3
    assert H.conv_chunk_images(g, 5) == 1            # at least one image
    assert H.conv_chunk_images(_geometry(0, 3, 8, 8, 4, 3, 3), 100) == 1


# ---- the three convolutions, emulated, against the CPU backend --------------

def _cpu_conv(x, w, b, g, gy):
    N, C, H_, W, K, kh, kw, sh, sw, ph, pw, dh, dw, G, Ho, Wo = g
    xt = nnlite.from_numpy(x).requires_grad_()
    wt = nnlite.from_numpy(w).requires_grad_()
    y = nnlite.nn.functional.conv2d(xt, wt, nnlite.from_numpy(b) if b is not None else None, stride=(sh, sw),
                                    padding=(ph, pw), dilation=(dh, dw), groups=G)
    y.backward(nnlite.from_numpy(gy))
    return y.detach().numpy(), xt.grad.numpy(), wt.grad.numpy()


@pytest.mark.parametrize("g", GEOMETRIES)
@pytest.mark.parametrize("budget", [1, 1 << 20])                     # one image per chunk, or all at once
def test_emulated_convolutions_match_the_cpu_backend(g, budget):
    N, C, H_, W, K, kh, kw, *_, G, Ho, Wo = g
    x = rng.standard_normal((N, C, H_, W))
    w = rng.standard_normal((K, C // G, kh, kw))
    b = rng.standard_normal(K)
    gy = rng.standard_normal((N, K, Ho, Wo))
    y_ref, gx_ref, gw_ref = _cpu_conv(x, w, b, g, gy)
    y = H.conv2d(x.ravel(), w.ravel(), b, g, budget).reshape(y_ref.shape)
    np.testing.assert_allclose(y, y_ref, atol=1e-10)
    gx = H.conv2d_input_grad(gy.ravel(), w.ravel(), g, budget).reshape(gx_ref.shape)
    np.testing.assert_allclose(gx, gx_ref, atol=1e-10)
    gw = H.conv2d_weight_grad(x.ravel(), gy.ravel(), g, budget).reshape(gw_ref.shape)
    np.testing.assert_allclose(gw, gw_ref, atol=1e-10)


# ---- the run-time cuBLAS loader and the switches -------------------------------

def test_loader_reports_a_missing_library_without_crashing():
    r = H.load_cublas(["libnnlite_no_such_cublas.so.99", "/nonexistent/libcublas.so"])
    assert r["available"] is False and r["path"] == ""
    assert "libnnlite_no_such_cublas.so.99" in r["reason"] and "/nonexistent/libcublas.so" in r["reason"]
    assert H.load_cublas([])["available"] is False


def test_loader_rejects_a_library_without_the_entry_points():
    r = H.load_cublas(["libm.so.6"])                  # opens, but is not cuBLAS
    assert r["available"] is False
    assert "lacks" in r["reason"] and "cublasGemmStridedBatchedEx" in r["reason"]


def test_gemm_info_and_candidates():
    info = _C._cuda_gemm_info()
    assert set(info) >= {"available", "path", "reason", "candidates", "use_cublas", "allow_tf32", "last_path"}
    assert info["candidates"][-3:] == ["libcublas.so.13", "libcublas.so.12", "libcublas.so"]
    assert info["available"] == bool(info["path"])


def test_cublas_path_env_and_switch_in_a_fresh_process():
    code = ("from nnlite import _C; i = _C._cuda_gemm_info(); "
            "print(i['candidates'][0], i['use_cublas'], i['available'])")
    env = dict(os.environ, NNLITE_CUBLAS="0", NNLITE_CUBLAS_PATH="/nowhere/libcublas.so.13")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split()[:2] == ["/nowhere/libcublas.so.13", "False"]


def test_allow_tf32_reaches_the_backend():
    flags = nnlite.backends.cuda.matmul
    assert flags.allow_tf32 is False                   # PyTorch's default
    try:
        flags.allow_tf32 = True
        assert _C._cuda_allow_tf32() is True and _C._cuda_gemm_info()["allow_tf32"] is True
    finally:
        flags.allow_tf32 = False
    assert _C._cuda_allow_tf32() is False
    assert flags.allow_fp16_reduced_precision_reduction is True


def test_use_cublas_switch():
    before = _C._cuda_gemm_info()["use_cublas"]
    try:
        _C._cuda_set_use_cublas(False)
        assert _C._cuda_gemm_info()["use_cublas"] is False
    finally:
        _C._cuda_set_use_cublas(before)
