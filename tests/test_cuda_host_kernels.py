"""Host runs of the CUDA kernels' math (nnlite._C._cuda_host): the NNLITE_HD
bodies of pooling, normalization, sort keys, multinomial, the embedding
gradient and leaky integrate-and-fire (cpp/src/backend/cuda/*_math.h), driven as the kernels drive them,
compared with the CPU backend and NumPy. These run with or without a GPU."""
import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F
from nnlite import _C
from op_check import from_array, to_numpy

H = _C._cuda_host


# ---- pooling -------------------------------------------------------------------

def _geom(x_shape, y_shape, k, s, p, d):
    n, c, h, w = x_shape
    return [n, c, h, w, k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], y_shape[2], y_shape[3]]


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


POOLS = [  # kernel, stride, padding, dilation, ceil_mode, input size
    (2, 2, 0, 1, False, (8, 8)),
    (3, 2, 1, 1, False, (7, 9)),
    (3, 2, 1, 1, True, (7, 9)),     # ceil_mode: the last window overhangs
    (3, 1, 1, 2, False, (9, 8)),    # dilation
    ((2, 3), (3, 1), (1, 0), 1, True, (10, 7)),
    (4, 3, 2, 1, True, (5, 5)),     # windows that lie partly in the padding
    (2, 2, 0, 1, True, (5, 6)),     # odd size, ceil_mode
]


def _backward(y, x, gy):
    y.backward(gy)
    return to_numpy(x.grad)


@pytest.mark.parametrize("k,s,p,d,ceil,hw", POOLS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_max_pool_bodies_match_the_cpu_backend_bitwise(k, s, p, d, ceil, hw, dtype, rng):
    a = rng.standard_normal((2, 3) + hw).astype(dtype)
    a[0, 0, 1, 1] = np.nan                                # the NaN rule
    a[1, 2, :2, :2] = 1.5                                 # ties: the first maximum wins
    x = from_array(a).requires_grad_()
    y, idx = F.max_pool2d(x, k, s, p, d, ceil_mode=ceil, return_indices=True)
    geom = _geom(a.shape, y.shape, _pair(k), _pair(s), _pair(p), _pair(d))
    hy, hidx = H.pool2d(from_array(a), geom, True, False, True)
    np.testing.assert_array_equal(to_numpy(hy), to_numpy(y))
    np.testing.assert_array_equal(to_numpy(hidx), to_numpy(idx))
    gy = rng.standard_normal(tuple(y.shape)).astype(dtype)
    gx = _backward(y, x, from_array(gy))
    np.testing.assert_array_equal(to_numpy(H.pool2d_backward(from_array(gy), hidx, geom, True, False)), gx)


@pytest.mark.parametrize("k,s,p,d,ceil,hw", [c for c in POOLS if c[3] == 1])
@pytest.mark.parametrize("count_include_pad", [True, False])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_avg_pool_bodies_match_the_cpu_backend_bitwise(k, s, p, d, ceil, hw, count_include_pad, dtype, rng):
    if max(_pair(p)) * 2 > min(_pair(k)):
        pytest.skip("padding larger than half the kernel")
    a = rng.standard_normal((2, 3) + hw).astype(dtype)
    x = from_array(a).requires_grad_()
    y = F.avg_pool2d(x, k, s, p, ceil_mode=ceil, count_include_pad=count_include_pad)
    geom = _geom(a.shape, y.shape, _pair(k), _pair(s), _pair(p), (1, 1))
    hy, _ = H.pool2d(from_array(a), geom, count_include_pad, False, False)
    np.testing.assert_array_equal(to_numpy(hy), to_numpy(y))
    gy = rng.standard_normal(tuple(y.shape)).astype(dtype)
    gx = _backward(y, x, from_array(gy))
    np.testing.assert_array_equal(to_numpy(H.pool2d_backward(from_array(gy), None, geom, count_include_pad, False)), gx)


@pytest.mark.parametrize("hw,out", [((8, 8), (4, 4)), ((7, 10), (3, 4)), ((5, 5), (5, 5)), ((3, 7), (5, 2)),
                                    ((6, 6), (1, 1))])
def test_adaptive_avg_pool_bodies_match_the_cpu_backend_bitwise(hw, out, rng):
    a = rng.standard_normal((2, 2) + hw).astype(np.float32)
    x = from_array(a).requires_grad_()
    y = F.adaptive_avg_pool2d(x, out)
    geom = _geom(a.shape, y.shape, (0, 0), (0, 0), (0, 0), (1, 1))
    hy, _ = H.pool2d(from_array(a), geom, True, True, False)
    np.testing.assert_array_equal(to_numpy(hy), to_numpy(y))
    gy = rng.standard_normal(tuple(y.shape)).astype(np.float32)
    gx = _backward(y, x, from_array(gy))
    np.testing.assert_array_equal(to_numpy(H.pool2d_backward(from_array(gy), None, geom, True, True)), gx)


@pytest.mark.parametrize("adaptive", [False, True])
def test_outputs_covering_an_input_hold_every_window_that_does(adaptive):
    cases = [(9, 3, 2, 1, 2), (7, 4, 1, 2, 1), (11, 2, 3, 0, 3), (5, 3, 1, 1, 1)] if not adaptive else \
        [(7, 0, 0, 0, 0), (3, 0, 0, 0, 0), (10, 0, 0, 0, 0)]
    for size, k, s, p, d in cases:
        for out in ([3, 5, 7] if adaptive else [None]):
            if out is None:
                out = (size + 2 * p - d * (k - 1) - 1) // s + 1
            geom = [1, 1, size, size, k, k, s, s, p, p, d, d, out, out]
            for i in range(size):
                lo, hi = H.pool_outputs_covering(geom, adaptive, 0, i)
                for o in range(out):
                    wlo, whi = H.pool_span(geom, adaptive, 0, o)
                    step = 1 if adaptive else d
                    holds = wlo <= i < whi and (i - wlo) % step == 0
                    if holds:
                        assert lo <= o < hi, (size, k, s, p, d, out, i, o)
                    elif adaptive:
                        assert not lo <= o < hi  # adaptive bounds are exact


# ---- normalization -------------------------------------------------------------

def _norm_cases():
    # (name, x shape, geometry, weight shape or None)
    n, c, h, w = 3, 4, 5, 6
    g = 2
    return [
        ("batch_norm", (n, c, h, w), [n, c, h * w, 1, h * w, c], (c,)),
        ("batch_norm_2d", (16, c), [16, c, 1, 1, 1, c], (c,)),
        ("batch_norm_noaffine", (n, c, h, w), [n, c, h * w, 1, h * w, c], None),
        ("layer_norm", (n * c, h * w), [1, n * c, h * w, h * w, 1, 1], (h * w,)),
        ("layer_norm_noaffine", (n * c, h * w), [1, n * c, h * w, h * w, 1, 1], None),
        ("group_norm", (n, c, h, w), [1, n * g, (c // g) * h * w, c // g, h * w, g], (c,)),
        ("big_channel", (2, 3, 5000), [2, 3, 5000, 1, 5000, 3], (3,)),  # several chunks per channel
    ]


@pytest.mark.parametrize("name,shape,geom,wshape", _norm_cases(), ids=[c[0] for c in _norm_cases()])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_norm_pipeline_matches_the_cpu_backend(name, shape, geom, wshape, dtype, rng):
    tol = dict(rtol=1e-4, atol=1e-5) if dtype == "float32" else dict(rtol=1e-10, atol=1e-12)
    x = from_array((rng.standard_normal(shape) * 3 + 1).astype(dtype))
    gy = from_array(rng.standard_normal(shape).astype(dtype))
    w = from_array(rng.standard_normal(wshape).astype(dtype)) if wshape else None
    b = from_array(rng.standard_normal(wshape).astype(dtype)) if wshape else None
    stats = H.norm_stats(x, geom, 1e-5)
    ref = H.norm_stats(x, geom, 1e-5, on_cpu_backend=True)
    for got, want in zip(stats, ref):
        np.testing.assert_allclose(to_numpy(got), to_numpy(want), **tol)
    mean, _, rstd = ref
    np.testing.assert_allclose(to_numpy(H.norm_forward(x, mean, rstd, w, b, geom)),
                               to_numpy(H.norm_forward(x, mean, rstd, w, b, geom, on_cpu_backend=True)), **tol)
    # With the epilogue (batch norm + residual add + ReLU): both against NumPy's add and ReLU of the plain output.
    plain = to_numpy(H.norm_forward(x, mean, rstd, w, b, geom, on_cpu_backend=True))
    res = rng.standard_normal(shape).astype(dtype)
    for residual, relu in ((res, True), (res, False), (None, True)):
        want = plain + (0 if residual is None else residual)
        want = np.maximum(want, 0) if relu else want
        r = None if residual is None else from_array(residual)
        for cpu in (False, True):
            np.testing.assert_allclose(to_numpy(H.norm_forward(x, mean, rstd, w, b, geom, r, relu, on_cpu_backend=cpu)),
                                       want, **tol)
    for batch in (True, False):
        got = H.norm_backward(gy, x, mean, rstd, w, batch, geom)
        want = H.norm_backward(gy, x, mean, rstd, w, batch, geom, on_cpu_backend=True)
        for gg, ww in zip(got, want):
            assert (gg is None) == (ww is None)
            if gg is not None:
                np.testing.assert_allclose(to_numpy(gg), to_numpy(ww), **tol)


def test_norm_stats_of_no_values_are_nan():
    x = from_array(np.zeros((0, 3, 4), np.float32))
    for t in H.norm_stats(x, [0, 3, 4, 1, 4, 3], 1e-5):
        assert np.isnan(to_numpy(t)).all()


def test_welford_merge_gives_the_moments_of_any_split(rng):
    v = rng.standard_normal(1000) * 5 + 1e4  # far from zero: the naive sum of squares would cancel
    for cuts in ([], [1], [10, 500], [0, 0, 999], list(range(0, 1000, 37))):
        parts = [list(p) for p in np.split(v, cuts)]
        n, mean, m2 = H.moments_merge(parts)
        assert n == 1000
        assert mean == pytest.approx(v.mean(), rel=1e-14)
        assert m2 / n == pytest.approx(v.var(), rel=1e-10)
    assert H.moments_merge([[], []]) == (0, 0, 0)


def test_norm_chunks_depend_on_shapes_only_and_stay_in_range():
    assert H.norm_chunks(1, 10) == 1
    assert H.norm_chunks(4, 1 << 20) == 256            # few long channels: many chunks each
    assert H.norm_chunks(2048, 1 << 20) == 1           # enough segments already
    assert H.norm_chunks(0, 0) == 1
    for segs in (1, 3, 64, 1000):
        for n in (0, 1, 4096, 4097, 10 ** 6):
            assert 1 <= H.norm_chunks(segs, n) <= 256


# ---- sort keys -----------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "int32", "uint8", "bool"])
@pytest.mark.parametrize("descending", [False, True])
def test_sort_keys_order_as_the_cpu_sort(dtype, descending, rng):
    if dtype.startswith("float"):
        a = rng.choice([-np.inf, -2.5, -0.0, 0.0, 1.0, 3.25, np.inf, np.nan, -np.nan, 1e-40, -1e-40],
                       size=200).astype(dtype)
    elif dtype == "bool":
        a = rng.integers(0, 2, 200).astype(bool)
    else:
        info = np.iinfo(dtype)
        a = rng.choice([info.min, -7, -1, 0, 1, 5, info.max] if info.min < 0 else [0, 1, 7, 255], size=200)
        a = a.astype(dtype)
    want = to_numpy(nnlite.argsort(from_array(a), dim=0, descending=descending, stable=True))
    np.testing.assert_array_equal(H.sort_order(from_array(a), descending), want)


def test_bits_for_covers_every_row_number():
    for n in [1, 2, 3, 4, 5, 255, 256, 257, 1 << 40]:
        assert (n - 1) < (1 << H.bits_for(n))
        assert H.bits_for(n) == 1 or (n - 1) >= (1 << (H.bits_for(n) - 1))


# ---- multinomial ----------------------------------------------------------------

def _numpy_draws(p, n, replacement, key):
    p = np.asarray(p, np.float64)
    R, C = p.shape
    u = np.array(H.uniform_doubles(key, R * n)).reshape(R, n)
    out = np.zeros((R, n), np.int64)
    for r in range(R):
        w = p[r].copy()
        for s in range(n):
            if replacement:
                cdf = np.cumsum(p[r])
                c = int(np.searchsorted(cdf, u[r, s] * cdf[-1], side="right"))
                out[r, s] = c if c < C else max([0] + [j for j in range(1, C) if p[r, j] > 0])
            else:
                total = sum(w)  # in order, like the kernel
                target, acc, pick = u[r, s] * total, 0.0, -1
                for c in range(C):
                    if w[c] > 0:
                        acc += w[c]
                        if acc > target:
                            pick = c
                            break
                if pick < 0:
                    pick = max([0] + [j for j in range(1, C) if w[j] > 0])
                out[r, s] = pick
                w[pick] = 0
    return out


@pytest.mark.parametrize("replacement", [True, False])
def test_multinomial_rows_draw_as_the_uniforms_say(replacement, rng):
    p = rng.random((4, 7))
    p[1, 3] = 0
    p[2, :5] = 0
    kind, row, draws = H.multinomial_rows(from_array(p), 2, replacement, 99)
    assert kind == 0
    np.testing.assert_array_equal(np.array(draws), _numpy_draws(p, 2, replacement, 99))
    again = H.multinomial_rows(from_array(p.astype(np.float32)), 2, replacement, 99)[2]
    assert np.array(again).shape == (4, 2)


def test_multinomial_rows_follow_the_weights():
    p = np.array([[0.1, 0.0, 0.6, 0.3]])
    _, _, draws = H.multinomial_rows(from_array(p), 40000, True, 5)
    freq = np.bincount(np.array(draws)[0], minlength=4) / 40000
    np.testing.assert_allclose(freq, p[0], atol=0.01)
    assert freq[1] == 0
    _, _, once = H.multinomial_rows(from_array(np.ones((50, 6))), 6, False, 5)
    assert all(sorted(r) == list(range(6)) for r in once)   # a permutation per row


@pytest.mark.parametrize("row,value,replacement,n,kind", [
    (1, -0.5, True, 1, 1), (2, np.nan, True, 1, 1), (0, np.inf, False, 1, 1),
    (1, None, True, 1, 2),                 # a zero row
    (2, None, False, 1, 2),
    (None, None, False, 4, 3),             # only 3 positive weights per row
])
def test_multinomial_row_faults_are_the_cpus(row, value, replacement, n, kind):
    p = np.ones((3, 4))
    p[:, 0] = 0
    if row is not None:
        if value is None:
            p[row] = 0
        else:
            p[row, 2] = value
    got_kind, got_row, _ = H.multinomial_rows(from_array(p), n, replacement, 1)
    assert got_kind == kind
    assert got_row == (row if row is not None else 0)
    with pytest.raises(ValueError):
        nnlite.multinomial(from_array(p), n, replacement)


# ---- embedding gradient ----------------------------------------------------------

@pytest.mark.parametrize("padding_idx", [-1, 3])
@pytest.mark.parametrize("scale", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_embedding_gradient_runs_match_the_cpu_backend_bitwise(padding_idx, scale, dtype, rng):
    num, D = 10, 5
    idx = rng.integers(0, num, 60)
    idx[:5] = 3
    grad = rng.standard_normal((60, D)).astype(dtype)
    want = _C.embedding_backward(from_array(grad), from_array(idx), num, padding_idx, scale)
    got = H.embedding_backward(from_array(grad), list(idx), num, padding_idx, scale)
    np.testing.assert_array_equal(to_numpy(got), to_numpy(want))


# ---- leaky integrate-and-fire ----------------------------------------------------

LIF_RESETS = ["subtract", "zero", "none"]  # backend::LifReset's order
LIF_SURROGATES = ["atan", "fast_sigmoid", "sigmoid", "straight_through_estimator"]  # LifSurrogate's


@pytest.mark.parametrize("reset", LIF_RESETS)
@pytest.mark.parametrize("surrogate, slope", [("atan", 2.0), ("fast_sigmoid", 25.0), ("sigmoid", 4.0),
                                              ("straight_through_estimator", 1.0)])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_lif_neurons_match_the_cpu_backend(reset, surrogate, slope, dtype, rng):
    """spiking.cu's per-neuron loops, forward and back through time, against the
    CPU's vectorised kernels (the leaky_sequence op and its backward)."""
    steps, shape = 9, (3, 5)
    x = (rng.standard_normal((steps,) + shape) * 0.6 + 0.4).astype(dtype)
    mem0 = rng.uniform(-0.5, 1.5, shape).astype(dtype)
    beta = rng.uniform(-0.2, 1.2, shape).astype(dtype)  # outside [0, 1] too: clamped, no gradient
    th = rng.uniform(0.5, 1.2, shape).astype(dtype)
    g_spk, g_mem = (rng.standard_normal((steps,) + shape).astype(dtype) for _ in range(2))
    spk, mem, gx, gm0, gb, gth = H.lif(from_array(x), from_array(mem0), from_array(beta), from_array(th),
                                       LIF_RESETS.index(reset), LIF_SURROGATES.index(surrogate), slope,
                                       from_array(g_spk), from_array(g_mem))
    leaves = [from_array(a).requires_grad_() for a in (x, mem0, beta, th)]
    ref_spk, ref_mem = _C.leaky_sequence(*leaves, reset, surrogate, slope)
    nnlite.autograd.backward([ref_spk, ref_mem], [from_array(g_spk), from_array(g_mem)])
    np.testing.assert_array_equal(to_numpy(spk), to_numpy(ref_spk))
    assert 0 < to_numpy(spk).mean() < 1
    tol = dict(rtol=1e-5, atol=1e-5) if dtype == "float32" else dict(rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(to_numpy(mem), to_numpy(ref_mem), **tol)
    for ours, leaf in zip((gx, gm0, gb, gth), leaves):
        np.testing.assert_allclose(to_numpy(ours), to_numpy(leaf.grad), **tol)


# ---- reductions -----------------------------------------------------------------

REDUCE_OPS = ["sum", "prod", "max", "min", "argmax", "argmin"]  # backend::Reduce's order


@pytest.mark.parametrize("op", REDUCE_OPS)
@pytest.mark.parametrize("length", [1, 7, 256, 300, 1000])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_block_reductions_match_the_cpu_backend(op, length, dtype, rng):
    """reduce.cu's schedule (256 strided threads, warp shuffle trees) over rows with
    ties, NaNs, infinities and signed zeros, against the CPU's reductions."""
    rows = [rng.integers(-3, 4, length).astype(dtype),                      # many ties
            rng.standard_normal(length).astype(dtype),
            np.where(rng.random(length) < 0.05, np.nan, rng.standard_normal(length)).astype(dtype),
            np.where(rng.random(length) < 0.3, -0.0, 0.0).astype(dtype),
            np.where(rng.random(length) < 0.1, np.inf, -np.inf).astype(dtype)]
    x = np.stack([r * (0.9 if op == "prod" else 1) for r in rows])
    values, indices = H.reduce_rows(from_array(x), REDUCE_OPS.index(op))
    t = from_array(x)
    if op in ("argmax", "argmin"):
        np.testing.assert_array_equal(to_numpy(indices), to_numpy(getattr(t, op)(1)))
    else:
        want = to_numpy(getattr(t, op)(1) if op in ("sum", "prod") else getattr(t, op)(1).values)
        got = to_numpy(values)
        np.testing.assert_allclose(got, want, rtol=1e-5 if dtype == "float32" else 1e-12, equal_nan=True)
        if op in ("max", "min"):
            np.testing.assert_array_equal(np.signbit(got), np.signbit(want))
