"""scaled_dot_product_attention against torch: shapes [B, H, L, E] and [L, E],
L != S, Ev != E, broadcast batch dims, bool and float masks, is_causal, custom
scale, grouped-query heads, gradients (float64 finite differences, a second
derivative), dropout statistics, export and bad input."""
import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F
from op_check import check_op, from_array, to_numpy, torch_op

TESTED_OPS = {"scaled_dot_product_attention"}

TF = torch_op("nn.functional.scaled_dot_product_attention")


def bool_mask(shape, seed=0):
    """A random bool mask of `shape` where every row attends to column 0."""
    m = np.random.default_rng(seed).integers(0, 2, shape).astype(bool)
    m[..., 0] = True
    return m


@pytest.mark.parametrize("q,k,v", [
    ((2, 3, 5, 4), (2, 3, 6, 4), (2, 3, 6, 3)),   # [B, H, L, E], L != S, Ev != E
    ((5, 4), (7, 4), (7, 6)),                     # no batch dims
    ((2, 1, 4, 3), (1, 3, 5, 3), (3, 5, 2)),      # batch dims broadcast
    ((3, 1, 4), (3, 1, 4), (3, 1, 4)),            # L = S = 1
    ((0, 2, 3), (0, 4, 3), (0, 4, 2)),            # an empty batch
])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_plain(q, k, v, dtype):
    check_op([q, k, v], F.scaled_dot_product_attention, TF, dtype=dtype)


def test_noncontiguous_inputs():
    check_op([(2, 5, 4), (2, 6, 4), (2, 6, 3)], F.scaled_dot_product_attention, TF, noncontiguous=True)


@pytest.mark.parametrize("mshape", [(5, 6), (2, 1, 5, 6), (1, 6), (2, 3, 5, 6)])
def test_bool_mask(mshape):
    m = bool_mask(mshape)
    check_op([(2, 3, 5, 4), (2, 3, 6, 4), (2, 3, 6, 3), m], F.scaled_dot_product_attention, TF, dtype="float64")


@pytest.mark.parametrize("mshape", [(5, 6), (3, 1, 6), (2, 3, 5, 6)])
def test_float_mask_takes_a_gradient(mshape):
    # The mask is a random float tensor: check_op compares its gradient too.
    check_op([(2, 3, 5, 4), (2, 3, 6, 4), (2, 3, 6, 3), mshape], F.scaled_dot_product_attention, TF,
             dtype="float64")


@pytest.mark.parametrize("L,S", [(5, 5), (4, 7), (7, 4)])
def test_is_causal(L, S):
    check_op([(2, L, 3), (2, S, 3), (2, S, 5)], lambda q, k, v: F.scaled_dot_product_attention(q, k, v, is_causal=True),
             lambda q, k, v: TF(q, k, v, is_causal=True), dtype="float64")


def test_custom_scale():
    check_op([(2, 5, 4), (2, 6, 4), (2, 6, 3)], lambda q, k, v: F.scaled_dot_product_attention(q, k, v, scale=0.3),
             lambda q, k, v: TF(q, k, v, scale=0.3), dtype="float64")


def test_grouped_query_heads():
    check_op([(2, 6, 5, 4), (2, 2, 7, 4), (2, 2, 7, 3)],
             lambda q, k, v: F.scaled_dot_product_attention(q, k, v, enable_gqa=True),
             lambda q, k, v: TF(q, k, v, enable_gqa=True), dtype="float64")


@pytest.mark.parametrize("kind", ["bool", "float"])
def test_fully_masked_rows_are_zero_as_in_torch(kind):
    # torch (2.5 on) gives a row that attends to nothing weights 0: output 0 and no gradient, not NaN.
    m = bool_mask((2, 4, 5))
    m[0, 2] = False
    m[1, :, 1:] = False
    m[1, 3] = False
    if kind == "float":
        m = np.where(m, 0.0, -np.inf)
    out = check_op([(2, 4, 3), (2, 5, 3), (2, 5, 2), m], F.scaled_dot_product_attention, TF, dtype="float64")
    assert np.all(to_numpy(out[0])[0, 2] == 0) and np.all(to_numpy(out[0])[1, 3] == 0)


def test_second_derivative_against_finite_differences():
    rng = np.random.default_rng(2)
    arrays = [rng.standard_normal(s) for s in [(2, 3, 2), (2, 4, 2), (2, 4, 3), (3, 4)]]
    w = from_array(rng.standard_normal((2, 3, 3)))
    u = [from_array(rng.standard_normal(a.shape)) for a in arrays]

    def first_grads(vals, create_graph):
        ts = [from_array(a).requires_grad_() for a in vals]
        out = F.scaled_dot_product_attention(ts[0], ts[1], ts[2], ts[3])
        gs = nnlite.autograd.grad((out * w).sum(), ts, create_graph=create_graph)
        return ts, gs

    def h_of(vals):  # h = sum_i <grad_i f, u_i>, a scalar
        _, gs = first_grads(vals, False)
        return sum(float((g * ui).sum().item()) for g, ui in zip(gs, u))

    ts, gs = first_grads(arrays, True)
    h = sum((g * ui).sum() for g, ui in zip(gs, u))
    second = [to_numpy(g) for g in nnlite.autograd.grad(h, ts)]
    eps = 1e-5
    for i, a in enumerate(arrays):
        for idx in [(0,) * a.ndim, tuple(s - 1 for s in a.shape)]:
            plus = [x.copy() for x in arrays]
            minus = [x.copy() for x in arrays]
            plus[i][idx] += eps
            minus[i][idx] -= eps
            fd = (h_of(plus) - h_of(minus)) / (2 * eps)
            np.testing.assert_allclose(second[i][idx], fd, rtol=1e-5, atol=1e-7, err_msg=f"input {i} at {idx}")


@pytest.mark.parametrize("q,k,v,m", [
    # 300 x 300 scores per block, over the budget: one block per chunk
    ((2, 3, 300, 4), (2, 1, 300, 4), (1, 3, 300, 3), (3, 1, 300)),
    # 150 x 150: two heads per chunk, then the third alone (chunks cut the head dim)
    ((2, 3, 150, 4), (2, 3, 150, 4), (2, 3, 150, 3), (2, 1, 150, 150)),
    # 100 x 100: three batch entries of both heads per chunk, then two (chunks cut the batch dim)
    ((5, 2, 100, 3), (5, 2, 100, 3), (5, 2, 100, 2), (100, 100)),
])
def test_blocks_cut_into_several_chunks(q, k, v, m):
    """Score blocks run in chunks of at most 2**16 scores (or one block): outputs and gradients of every
    input, broadcast ones included, still match torch."""
    check_op([q, k, v, m], F.scaled_dot_product_attention, TF, dtype="float64", fd_max_elems=3)
    check_op([q, k, v], lambda *a: F.scaled_dot_product_attention(*a, is_causal=True),
             lambda *a: TF(*a, is_causal=True), dtype="float64", fd=False)


def test_dropout_zero_is_exact_and_dropout_statistics():
    rng = np.random.default_rng(3)
    q, k, v = (from_array(rng.standard_normal(s).astype(np.float32)) for s in [(4, 8, 3), (4, 16, 3), (4, 16, 5)])
    plain = to_numpy(F.scaled_dot_product_attention(q, k, v))
    np.testing.assert_array_equal(to_numpy(F.scaled_dot_product_attention(q, k, v, dropout_p=0.0)), plain)
    # With v = identity rows, each output row is the dropped, rescaled weights themselves.
    eye = nnlite.from_numpy(np.eye(400, dtype=np.float32)).reshape(1, 400, 400)
    qq = from_array(rng.standard_normal((1, 300, 2)).astype(np.float32))
    kk = from_array(rng.standard_normal((1, 400, 2)).astype(np.float32))
    g = nnlite.Generator().manual_seed(0)
    w = to_numpy(F.scaled_dot_product_attention(qq, kk, eye, dropout_p=0.25, generator=g))
    w0 = to_numpy(F.scaled_dot_product_attention(qq, kk, eye))
    kept = w != 0
    assert abs(kept.mean() - 0.75) < 0.01  # 120,000 draws: 5 standard deviations is 0.006
    np.testing.assert_allclose(w[kept], w0[kept] / 0.75, rtol=1e-5)
    assert np.all(to_numpy(F.scaled_dot_product_attention(qq, kk, eye, dropout_p=1.0)) == 0)


def test_dropout_gradient_uses_the_same_draw():
    rng = np.random.default_rng(4)
    q, k = (from_array(rng.standard_normal(s)).requires_grad_() for s in [(6, 3), (9, 3)])
    v = from_array(rng.standard_normal((9, 4))).requires_grad_()
    out = F.scaled_dot_product_attention(q, k, v, dropout_p=0.5)
    out.sum().backward()
    # out = W_d v with W_d the dropped weights: d sum(out) / dv[s, j] is column s of W_d summed over rows,
    # the same for every j, and sum(out) = sum_s colsum_s * sum_j v[s, j]. A backward with another draw fails.
    wd_colsum = to_numpy(v.grad)[:, 0]
    np.testing.assert_allclose(to_numpy(v.grad), np.repeat(wd_colsum[:, None], 4, axis=1))
    assert np.isclose(to_numpy(out).sum(), (wd_colsum[:, None] * to_numpy(v)).sum())


@pytest.mark.parametrize("args,kwargs,kind,words", [
    (((3,), (3, 2), (3, 2)), {}, ValueError, ["query", "at least 2", "[3]"]),
    (((2, 3), (4, 5), (4, 2)), {}, ValueError, ["E", "[2, 3]", "[4, 5]"]),
    (((2, 3), (4, 3), (5, 2)), {}, ValueError, ["S", "[4, 3]", "[5, 2]"]),
    (((2, 2, 3), (3, 4, 3), (3, 4, 2)), {}, ValueError, ["broadcast"]),
    (((2, 3), (4, 3), (4, 2)), {"attn_mask": np.ones((3, 4), bool)}, ValueError, ["attn_mask", "[2, 4]", "[3, 4]"]),
    (((2, 3), (4, 3), (4, 2)), {"attn_mask": np.ones((2, 4), np.int64)}, TypeError, ["attn_mask", "bool", "int64"]),
    (((2, 3), (4, 3), (4, 2)), {"attn_mask": np.ones((2, 4), bool), "is_causal": True}, ValueError,
     ["attn_mask", "is_causal"]),
    (((2, 3), (4, 3), (4, 2)), {"dropout_p": 1.5}, ValueError, ["dropout_p", "1.5"]),
])
def test_bad_input(args, kwargs, kind, words):
    q, k, v = (from_array(np.zeros(s, np.float32)) for s in args)
    kwargs = {n: from_array(a) if isinstance(a, np.ndarray) else a for n, a in kwargs.items()}
    with pytest.raises(kind) as err:
        F.scaled_dot_product_attention(q, k, v, **kwargs)
    msg = str(err.value)
    assert "scaled_dot_product_attention" in msg
    for w in words:
        assert w in msg, msg


def test_mixed_dtypes_are_refused():
    q = nnlite.zeros(2, 3)
    k = nnlite.zeros(4, 3, dtype=nnlite.float64)
    with pytest.raises(TypeError, match="scaled_dot_product_attention.*one dtype"):
        F.scaled_dot_product_attention(q, k, k)


def test_export_runs_the_graph_and_refuses_dropout(tmp_path):
    rng = np.random.default_rng(5)
    q, k, v = (from_array(rng.standard_normal(s).astype(np.float32)) for s in [(2, 5, 4), (2, 6, 4), (2, 6, 3)])
    m = from_array(bool_mask((5, 6)))

    for kw in [{"is_causal": True, "scale": 0.5}, {"attn_mask": m}, {}]:
        def fn(q, k, v):
            return F.scaled_dot_product_attention(q, k, v, **kw)

        path = str(tmp_path / "attn.nnlg")
        nnlite.export(fn, (q, k, v), path)
        got = nnlite.load_graph(path)(q, k, v)
        np.testing.assert_allclose(to_numpy(got), to_numpy(fn(q, k, v)), rtol=1e-6, atol=1e-6)
        # The graph follows its inputs, not the example values.
        q2 = q * 2.0
        np.testing.assert_allclose(to_numpy(nnlite.load_graph(path)(q2, k, v)), to_numpy(fn(q2, k, v)), rtol=1e-6,
                                   atol=1e-6)

    def dropped(q, k, v):
        return F.scaled_dot_product_attention(q, k, v, dropout_p=0.1)

    with pytest.raises(Exception, match="scaled_dot_product_attention.*dropout_p"):
        nnlite.export(dropped, (q, k, v), str(tmp_path / "drop.nnlg"))
