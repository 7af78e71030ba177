"""The CUDA pooling, normalization, embedding, sort/scan and multinomial
kernels against the CPU backend: each op runs on the `device` fixture ("cpu",
then "cuda", marked `cuda` and skipped without a GPU) and its outputs and
gradients are compared with the same op on the CPU."""
import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F
from op_check import from_array, to_numpy


def _run(fn, arrays, device, grad=True, seed=0):
    """fn's outputs and the gradients of its float inputs for a fixed random
    upstream gradient, with the inputs on `device`, all as NumPy arrays."""
    leaves = []
    for a in arrays:
        t = from_array(a).to(device)
        if grad and a.dtype.kind == "f":
            t.requires_grad_()
        leaves.append(t)
    out = fn(*leaves)
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    res = [to_numpy(o) for o in outs]
    if grad:
        rng = np.random.default_rng(seed)
        diff = [o for o in outs if o.requires_grad]
        if diff:
            total = None
            for o in diff:
                up = from_array(rng.standard_normal(tuple(o.shape)).astype(to_numpy(o).dtype)).to(device)
                term = (o * up).sum()
                total = term if total is None else total + term
            total.backward()
            res += [to_numpy(t.grad) if t.grad is not None else None for t in leaves]
    return res


def _compare(fn, arrays, device, rtol=1e-5, atol=1e-6, grad=True, exact=False):
    got = _run(fn, arrays, device, grad)
    want = _run(fn, arrays, "cpu", grad)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        if w is None:
            assert g is None
        elif exact or w.dtype.kind not in "f":
            np.testing.assert_array_equal(g, w)
        else:
            np.testing.assert_allclose(g, w, rtol=rtol, atol=atol, equal_nan=True)


# ---- pooling ---------------------------------------------------------------------

@pytest.mark.parametrize("k,s,p,d,ceil", [(2, 2, 0, 1, False), (3, 2, 1, 1, True), (3, 1, 1, 2, False),
                                          ((2, 3), (1, 2), (1, 0), 1, True)])
def test_max_pool2d(device, k, s, p, d, ceil, rng):
    x = rng.standard_normal((2, 3, 9, 11)).astype(np.float32)
    _compare(lambda t: F.max_pool2d(t, k, s, p, d, ceil_mode=ceil, return_indices=True), [x], device, exact=True)


@pytest.mark.parametrize("k,s,p,ceil,cip", [(2, 2, 0, False, True), (3, 2, 1, True, True), (3, 2, 1, True, False),
                                           (3, 1, 1, False, False)])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_avg_pool2d(device, k, s, p, ceil, cip, dtype, rng):
    x = rng.standard_normal((2, 3, 9, 10)).astype(dtype)
    # Bit for bit: the kernels sum each window and each gradient in the CPU's order.
    _compare(lambda t: F.avg_pool2d(t, k, s, p, ceil_mode=ceil, count_include_pad=cip), [x], device, exact=True)


@pytest.mark.parametrize("out", [(1, 1), (3, 4), (9, 10)])
def test_adaptive_avg_pool2d(device, out, rng):
    x = rng.standard_normal((2, 3, 7, 10)).astype(np.float32)
    _compare(lambda t: F.adaptive_avg_pool2d(t, out), [x], device, exact=True)


# ---- normalization ---------------------------------------------------------------

@pytest.mark.parametrize("shape", [(8, 4), (4, 3, 5, 6), (2, 3, 5000)])
@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("affine", [True, False])
def test_batch_norm(device, shape, training, affine, rng):
    c = shape[1]
    x = (rng.standard_normal(shape) * 2 + 1).astype(np.float32)
    w, b = rng.standard_normal(c).astype(np.float32), rng.standard_normal(c).astype(np.float32)
    rm0, rv0 = rng.standard_normal(c).astype(np.float32), rng.random(c).astype(np.float32) + 0.5
    stats = {}

    def fn(t, wt, bt):
        rm, rv = from_array(rm0).to(t.device), from_array(rv0).to(t.device)
        y = F.batch_norm(t, rm, rv, wt if affine else None, bt if affine else None, training=training)
        stats[str(t.device)] = (to_numpy(rm), to_numpy(rv))
        return y

    _compare(fn, [x, w, b], device, rtol=1e-4, atol=1e-5)
    ours, cpu = stats[str(from_array(x).to(device).device)], stats["cpu"]
    for a, e in zip(ours, cpu):  # the running statistics updated alike
        np.testing.assert_allclose(a, e, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_layer_norm(device, affine, dtype, rng):
    x = rng.standard_normal((4, 5, 6)).astype(dtype)
    w, b = rng.standard_normal((5, 6)).astype(dtype), rng.standard_normal((5, 6)).astype(dtype)
    _compare(lambda t, wt, bt: F.layer_norm(t, (5, 6), wt if affine else None, bt if affine else None),
             [x, w, b], device, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("groups", [1, 2, 6])
def test_group_norm(device, groups, rng):
    x = rng.standard_normal((3, 6, 4, 5)).astype(np.float32)
    w, b = rng.standard_normal(6).astype(np.float32), rng.standard_normal(6).astype(np.float32)
    _compare(lambda t, wt, bt: F.group_norm(t, groups, wt, bt), [x, w, b], device, rtol=1e-4, atol=1e-5)


def test_norm_repeats_bit_for_bit(device, rng):
    x = from_array(rng.standard_normal((16, 8, 33, 17)).astype(np.float32)).to(device)
    rm, rv = nnlite.zeros(8, device=device), nnlite.ones(8, device=device)
    a = to_numpy(F.batch_norm(x, rm, rv, training=True))
    b = to_numpy(F.batch_norm(x, rm, rv, training=True))
    np.testing.assert_array_equal(a, b)


# ---- embedding -------------------------------------------------------------------

@pytest.mark.parametrize("padding_idx", [None, 2])
@pytest.mark.parametrize("scale", [False, True])
def test_embedding(device, padding_idx, scale, rng):
    w = rng.standard_normal((10, 7)).astype(np.float32)
    idx = rng.integers(0, 10, (6, 5))
    idx[0, :3] = 2
    _compare(lambda wt, it: F.embedding(it, wt, padding_idx=padding_idx, scale_grad_by_freq=scale), [w, idx],
             device, exact=True)


@pytest.mark.parametrize("norm_type", [1.0, 2.0, 3.0, float("inf")])
def test_embedding_max_norm(device, norm_type, rng):
    w = (rng.standard_normal((10, 7)) * 3).astype(np.float32)
    idx = np.array([1, 4, 4, 9, 0])
    outs = {}
    for dev in ("cpu", device):
        wt = from_array(w).to(dev)
        y = F.embedding(from_array(idx).to(dev), wt, max_norm=1.5, norm_type=norm_type)
        outs[dev] = (to_numpy(y), to_numpy(wt))
    for a, e in zip(outs[device], outs["cpu"]):
        np.testing.assert_allclose(a, e, rtol=1e-5, atol=1e-6)


def test_embedding_bad_index_is_an_index_error(device):
    """On the CPU at once; on the device when the host next waits for it (here .cpu())."""
    w = nnlite.zeros((5, 3), device=device)
    for bad in ([0, 5], [-1, 2]):
        with pytest.raises(IndexError, match=f"embedding: index {bad[0] if bad[0] < 0 else 5} is out of range"):
            F.embedding(from_array(np.array(bad)).to(device), w).cpu()
    assert F.embedding(from_array(np.array([4, 0])).to(device), w).cpu().shape == (2, 3)  # usable after the fault


# ---- sort, topk, argsort, cumsum ----------------------------------------------------

@pytest.mark.parametrize("shape,dim", [((50,), 0), ((4, 300), 1), ((300, 4), 0), ((3, 4, 5), 1), ((2, 0, 3), 1)])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "int32", "uint8"])
def test_sort_and_argsort(device, shape, dim, descending, dtype, rng):
    a = rng.integers(0, 5, shape).astype(dtype)  # many ties: stability shows
    if dtype.startswith("float") and a.size:
        a.flat[::7] = np.nan
        a.flat[1::11] = -0.0
    _compare(lambda t: nnlite.sort(t, dim=dim, descending=descending, stable=True), [a], device, exact=True,
             grad=dtype.startswith("float"))
    _compare(lambda t: nnlite.argsort(t, dim=dim, descending=descending, stable=True), [a], device, grad=False)


@pytest.mark.parametrize("k,dim,largest", [(3, 1, True), (1, 0, False), (7, -1, False), (0, 1, True)])
def test_topk(device, k, dim, largest, rng):
    a = rng.standard_normal((6, 40)).astype(np.float32)
    _compare(lambda t: nnlite.topk(t, k, dim, largest), [a], device, exact=True)


def test_sort_of_a_transposed_view(device, rng):
    a = rng.standard_normal((30, 20)).astype(np.float32)
    _compare(lambda t: nnlite.sort(t.transpose(0, 1), dim=1, stable=True), [a], device, exact=True)


@pytest.mark.parametrize("shape,dim", [((10,), 0), ((5000,), 0), ((3, 700), 1), ((700, 3), 0), ((2, 3, 4), 1)])
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "int32", "bool"])
def test_cumsum(device, shape, dim, dtype, rng):
    a = (rng.integers(-3, 4, shape) if dtype != "bool" else rng.integers(0, 2, shape)).astype(dtype)
    _compare(lambda t: nnlite.cumsum(t, dim), [a], device, grad=dtype.startswith("float"), rtol=1e-6)


def test_cumsum_of_floats_in_double(device, rng):
    a = rng.standard_normal((2, 100000)).astype(np.float32)
    got = to_numpy(nnlite.cumsum(from_array(a).to(device), 1))
    np.testing.assert_allclose(got, np.cumsum(a.astype(np.float64), 1), rtol=1e-5, atol=1e-4)


# ---- multinomial -------------------------------------------------------------------

@pytest.mark.parametrize("replacement", [True, False])
def test_multinomial_distribution_and_reproducibility(device, replacement, rng):
    p = np.array([[0.1, 0.0, 0.6, 0.3], [1, 1, 1, 1]], np.float32)
    probs = from_array(p).to(device)
    n = 20000 if replacement else 3
    g = nnlite.Generator()
    g.manual_seed(7)
    a = to_numpy(nnlite.multinomial(probs, n, replacement, generator=g))
    g.manual_seed(7)
    b = to_numpy(nnlite.multinomial(probs, n, replacement, generator=g))
    np.testing.assert_array_equal(a, b)
    assert a.shape == (2, n)
    if replacement:
        freq = np.bincount(a[0], minlength=4) / n
        np.testing.assert_allclose(freq, p[0], atol=0.015)
        assert freq[1] == 0
    else:
        assert all(len(set(r)) == n for r in a)
        assert 1 not in a[0]
    if not replacement:  # many rows drawn without replacement: each a different subset
        many = to_numpy(nnlite.multinomial(from_array(np.ones((2000, 5), np.float32)).to(device), 5, False))
        assert all(sorted(r) == [0, 1, 2, 3, 4] for r in many)
        assert np.abs(np.bincount(many[:, 0], minlength=5) / 2000 - 0.2).max() < 0.05


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf")])
def test_multinomial_invalid_rows_raise(device, bad):
    p = np.ones((3, 4), np.float32)
    p[1, 2] = bad
    with pytest.raises(ValueError, match="multinomial"):
        nnlite.multinomial(from_array(p).to(device), 2, True)
    with pytest.raises(ValueError, match="multinomial"):
        nnlite.multinomial(from_array(np.zeros((2, 3), np.float32)).to(device), 1, True)
