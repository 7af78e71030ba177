"""Host runs of the CUDA recurrent layers (nnlite._C._cuda_host.recurrent_layer):
the time loops, gate functors and GEMM arguments of
cpp/src/backend/cuda/recurrent_math.h, driven on the host as the GPU drives
them (every launch a loop over its elements, every GEMM a plain product of
the same strided arguments), against nnlite's CPU layers and their autograd:
outputs, final states and every gradient, for LSTM (with and without a
projection), GRU and tanh/relu, both directions, packed lengths (a zero
length included) and missing biases. Scratch starts as NaN, so a value read
from memory the device would not have written shows up. These run with or
without a GPU."""
import numpy as np
import pytest

import nnlite
from nnlite import _C
from op_check import from_array, to_numpy

HOST = _C._cuda_host

T_, N, I, H, P = 5, 4, 3, 6, 4
LENGTHS = np.array([3, 5, 0, 4], dtype=np.int64)  # unsorted, one full row, one empty row
OPS = {"lstm": "lstm_layer", "gru": "gru_layer", "tanh": "rnn_tanh_layer", "relu": "rnn_relu_layer"}


def _case(mode, bias, proj, dtype, seed=0, T=T_):
    rng = np.random.default_rng(seed)
    g = {"lstm": 4, "gru": 3}.get(mode, 1)
    p = P if proj else H

    def r(*shape):
        return rng.uniform(-1.0, 1.0, shape).astype(dtype)

    a = {"x": r(T, N, I), "h0": r(N, p), "c0": r(N, H) if mode == "lstm" else None,
         "w_ih": r(g * H, I), "w_hh": r(g * H, p),
         "b_ih": r(g * H) if bias else None, "b_hh": r(g * H) if bias else None,
         "w_hr": r(P, H) if proj else None}
    up = {"gy": r(T, N, p), "ghn": r(N, p), "gcn": r(N, H) if mode == "lstm" else None}
    return a, up


def _cpu_reference(mode, a, up, reverse, lengths):
    """Outputs and gradients of nnlite's CPU layer op for the upstream gradients `up`."""
    names = ["x", "h0", "c0", "w_ih", "w_hh", "b_ih", "b_hh", "w_hr"]
    t = {k: (None if a[k] is None else from_array(a[k]).requires_grad_()) for k in names}
    lens = None if lengths is None else nnlite.from_numpy(lengths.copy())
    if mode == "lstm":
        y, hn, cn = _C.lstm_layer(t["x"], t["h0"], t["c0"], t["w_ih"], t["w_hh"], t["b_ih"], t["b_hh"], t["w_hr"],
                                  reverse, lens)
    else:
        y, hn = getattr(_C, OPS[mode])(t["x"], t["h0"], t["w_ih"], t["w_hh"], t["b_ih"], t["b_hh"], reverse, lens)
        cn = None
    loss = (y * from_array(up["gy"])).sum() + (hn * from_array(up["ghn"])).sum()
    if cn is not None:
        loss = loss + (cn * from_array(up["gcn"])).sum()
    loss.backward()
    outs = [to_numpy(y), to_numpy(hn), None if cn is None else to_numpy(cn)]
    grads = {k: (None if t[k] is None else to_numpy(t[k].grad)) for k in names}
    return outs, grads


def _host_run(mode, a, up, reverse, lengths, train=True):
    opt = lambda v: None if v is None else from_array(v)  # noqa: E731
    res = HOST.recurrent_layer(mode, from_array(a["x"]), from_array(a["h0"]), opt(a["c0"]), from_array(a["w_ih"]),
                               from_array(a["w_hh"]), opt(a["b_ih"]), opt(a["b_hh"]), opt(a["w_hr"]), reverse,
                               opt(lengths), opt(up["gy"]) if train else None, opt(up["ghn"]) if train else None,
                               opt(up["gcn"]) if train else None, train)
    return [None if r is None else to_numpy(r) for r in res]


def _check(mode, bias, proj, reverse, lengths, dtype, T=T_):
    a, up = _case(mode, bias, proj, dtype, T=T)
    tol = dict(rtol=1e-10, atol=1e-12) if dtype == np.float64 else dict(rtol=2e-5, atol=2e-6)
    (y, hn, cn), grads = _cpu_reference(mode, a, up, reverse, lengths)
    res = _host_run(mode, a, up, reverse, lengths)
    hy, hhn, hcn = res[:3]
    np.testing.assert_allclose(hy, y, **tol, err_msg="y")
    np.testing.assert_allclose(hhn, hn, **tol, err_msg="hn")
    if mode == "lstm":
        np.testing.assert_allclose(hcn, cn, **tol, err_msg="cn")
    else:
        assert hcn is None
    if lengths is not None:  # padded steps output exactly 0
        for b, n in enumerate(lengths):
            assert not hy[n:, b].any()
    got = dict(zip(["x", "h0", "c0", "w_ih", "w_hh", "b_ih", "b_hh", "w_hr"], res[6:]))
    for k, want in grads.items():
        if want is None:
            assert got[k] is None, k
        else:
            np.testing.assert_allclose(got[k], want, **tol, err_msg=f"gradient of {k}")
    # The inference forward (no saved tensors) gives the same outputs.
    inf = _host_run(mode, a, up, reverse, lengths, train=False)
    np.testing.assert_array_equal(inf[0], hy)
    np.testing.assert_array_equal(inf[1], hhn)
    assert all(r is None for r in inf[3:])


@pytest.mark.parametrize("lengths", [None, LENGTHS], ids=["full", "packed"])
@pytest.mark.parametrize("reverse", [False, True], ids=["fwd", "rev"])
@pytest.mark.parametrize("mode", ["lstm", "gru", "tanh", "relu"])
def test_layers_match_the_cpu_backend(mode, reverse, lengths):
    _check(mode, True, False, reverse, lengths, np.float64)


@pytest.mark.parametrize("lengths", [None, LENGTHS], ids=["full", "packed"])
@pytest.mark.parametrize("reverse", [False, True], ids=["fwd", "rev"])
@pytest.mark.parametrize("bias", [True, False], ids=["bias", "nobias"])
def test_lstm_projection(bias, reverse, lengths):
    _check("lstm", bias, True, reverse, lengths, np.float64)


@pytest.mark.parametrize("mode", ["lstm", "gru", "tanh"])
def test_no_bias(mode):
    _check(mode, False, False, False, LENGTHS, np.float64)


@pytest.mark.parametrize("mode", ["lstm", "gru", "relu"])
def test_float32(mode):
    _check(mode, True, mode == "lstm", True, LENGTHS, np.float32)


@pytest.mark.parametrize("mode", ["gru", "tanh"])
def test_long_sequence(mode):
    """T*N past one chunk of the bias sums (two passes)."""
    _check(mode, True, False, True, np.array([70, 3, 0, 65], dtype=np.int64), np.float64, T=70)


def test_saved_layout():
    """act holds LSTM's i, f, g, o after their activations and h_prev / c_prev the state each step started from."""
    a, up = _case("lstm", True, False, np.float64)
    y, hn, cn, act, h_prev, c_prev = _host_run("lstm", a, up, False, None)[:6]
    np.testing.assert_array_equal(h_prev[0], a["h0"])
    np.testing.assert_array_equal(c_prev[0], a["c0"])
    np.testing.assert_array_equal(h_prev[1:], y[:-1])
    i, f, g, o = np.split(act, 4, axis=-1)
    assert ((i > 0) & (i < 1) & (f > 0) & (f < 1) & (o > 0) & (o < 1)).all() and (np.abs(g) < 1).all()
    np.testing.assert_allclose(f[-1] * c_prev[-1] + i[-1] * g[-1], cn, rtol=1e-12)
    np.testing.assert_allclose(o[-1] * np.tanh(cn), hn, rtol=1e-12)


def test_bad_length_is_named():
    a, up = _case("gru", True, False, np.float64)
    with pytest.raises(ValueError, match="recurrent_layer: every length must be within"):
        _host_run("gru", a, up, False, np.array([1, 6, 2, 2], dtype=np.int64))


def test_empty_sequence():
    """T = 0: the final state is the initial one, its gradient passes through, the weights get zeros."""
    rng = np.random.default_rng(1)
    x, h0, c0 = np.zeros((0, N, I)), rng.standard_normal((N, H)), rng.standard_normal((N, H))
    w_ih, w_hh = rng.standard_normal((4 * H, I)), rng.standard_normal((4 * H, H))
    ghn, gcn = rng.standard_normal((N, H)), rng.standard_normal((N, H))
    a = {"x": x, "h0": h0, "c0": c0, "w_ih": w_ih, "w_hh": w_hh, "b_ih": None, "b_hh": None, "w_hr": None}
    res = _host_run("lstm", a, {"gy": np.zeros((0, N, H)), "ghn": ghn, "gcn": gcn}, False, None)
    np.testing.assert_array_equal(res[1], h0)
    np.testing.assert_array_equal(res[2], c0)
    np.testing.assert_array_equal(res[7], ghn)
    np.testing.assert_array_equal(res[8], gcn)
    assert not res[9].any() and not res[10].any()
