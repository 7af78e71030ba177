"""Recurrent cells against torch: the ops (rnn_tanh_cell, rnn_relu_cell,
lstm_cell, gru_cell) against small references written with torch ops,
forward, gradients and a float64 finite-difference check of a second
derivative; nn.RNNCell / LSTMCell / GRUCell against torch's modules loaded
from the same state dict (outputs and every gradient); shape errors."""
import numpy as np
import pytest

import nnlite
from nnlite import nn
from op_check import T, check_op, from_array, to_numpy

TESTED_OPS = {"rnn_tanh_cell", "rnn_relu_cell", "lstm_cell", "gru_cell"}

N, I, H = 3, 5, 4


def ref_rnn(act):
    return lambda x, h, wi, wh, bi=None, bh=None: act(T.nn.functional.linear(x, wi, bi) +
                                                       T.nn.functional.linear(h, wh, bh))


def ref_lstm(x, h, c, wi, wh, bi=None, bh=None):
    g = T.nn.functional.linear(x, wi, bi) + T.nn.functional.linear(h, wh, bh)
    i, f, cand, o = g.chunk(4, -1)
    c2 = T.sigmoid(f) * c + T.sigmoid(i) * T.tanh(cand)
    return T.sigmoid(o) * T.tanh(c2), c2


def ref_gru(x, h, wi, wh, bi=None, bh=None):
    gi, gh = T.nn.functional.linear(x, wi, bi), T.nn.functional.linear(h, wh, bh)
    ir, iz, i_n = gi.chunk(3, -1)
    hr, hz, hn = gh.chunk(3, -1)
    r, z = T.sigmoid(ir + hr), T.sigmoid(iz + hz)
    n = T.tanh(i_n + r * hn)
    return (1 - z) * n + z * h


@pytest.mark.parametrize("batch", [(N,), ()])
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("op", ["rnn_tanh_cell", "rnn_relu_cell", "gru_cell"])
def test_rnn_and_gru_ops(op, bias, batch):
    g = 3 if op == "gru_cell" else 1
    ref = ref_gru if op == "gru_cell" else ref_rnn(T.tanh if op == "rnn_tanh_cell" else T.relu)
    shapes = [batch + (I,), batch + (H,), (g * H, I), (g * H, H)] + ([(g * H,), (g * H,)] if bias else [])
    check_op(shapes, getattr(nnlite._C, op), ref)


@pytest.mark.parametrize("batch", [(N,), ()])
@pytest.mark.parametrize("bias", [True, False])
def test_lstm_op(bias, batch):
    shapes = [batch + (I,), batch + (H,), batch + (H,), (4 * H, I), (4 * H, H)] + ([(4 * H,)] * 2 if bias else [])
    check_op(shapes, lambda x, h, c, *w: nnlite._C.lstm_cell(x, (h, c), *w), ref_lstm)


def _second_derivative_fd(f, arrays, k=0, eps=1e-6):
    """d/dx_k of sum(grad_x0 (sum(f(x)^2)) * v), analytic (double backward) vs central differences."""
    v = np.random.default_rng(1).standard_normal(arrays[0].shape)

    def inner(arrs, create):
        leaves = [from_array(a).requires_grad_() for a in arrs]
        out = f(*leaves)
        outs = out if isinstance(out, tuple) else (out,)
        s = sum((o * o).sum() for o in outs)
        (gx,) = nnlite.autograd.grad(s, [leaves[0]], create_graph=create)
        return (gx * from_array(v)).sum(), leaves

    val, leaves = inner(arrays, True)
    (analytic,) = nnlite.autograd.grad(val, [leaves[k]])
    analytic = to_numpy(analytic)
    flat = arrays[k].reshape(-1)
    for j in range(min(flat.size, 8)):
        plus = [a.copy() for a in arrays]
        minus = [a.copy() for a in arrays]
        plus[k].reshape(-1)[j] += eps
        minus[k].reshape(-1)[j] -= eps
        fd = (inner(plus, False)[0].item() - inner(minus, False)[0].item()) / (2 * eps)
        np.testing.assert_allclose(analytic.reshape(-1)[j], fd, atol=1e-6, rtol=1e-5)


@pytest.mark.parametrize("op", ["rnn_tanh_cell", "gru_cell", "lstm_cell"])
def test_second_derivative(op):
    rng = np.random.default_rng(0)
    g = {"rnn_tanh_cell": 1, "gru_cell": 3, "lstm_cell": 4}[op]
    shapes = [(2, I), (2, H), (g * H, I), (g * H, H), (g * H,), (g * H,)]
    if op == "lstm_cell":
        shapes.insert(2, (2, H))
        f = lambda x, h, c, *w: nnlite._C.lstm_cell(x, (h, c), *w)  # noqa: E731
    else:
        f = getattr(nnlite._C, op)
    arrays = [rng.uniform(-1, 1, s) for s in shapes]
    _second_derivative_fd(f, arrays, k=0)  # d2 / dx2
    _second_derivative_fd(f, arrays, k=2)  # d2 / dx dw


MODULES = [("RNNCell", {}), ("RNNCell", dict(nonlinearity="relu")), ("RNNCell", dict(bias=False)),
           ("LSTMCell", {}), ("LSTMCell", dict(bias=False)), ("GRUCell", {}), ("GRUCell", dict(bias=False))]


@pytest.mark.parametrize("batched", [True, False])
@pytest.mark.parametrize("with_hx", [True, False])
@pytest.mark.parametrize("name,kwargs", MODULES)
def test_module_matches_torch(name, kwargs, with_hx, batched, torch):
    tm = getattr(torch.nn, name)(I, H, **kwargs).double()
    m = getattr(nn, name)(I, H, **kwargs)
    m.load_state_dict({k: from_array(v.detach().numpy()) for k, v in tm.state_dict().items()})
    assert repr(m) == repr(tm)
    m.double() if hasattr(m, "double") else None
    rng = np.random.default_rng(3)
    lead = (N,) if batched else ()
    x = rng.uniform(-1, 1, lead + (I,))
    hs = [rng.uniform(-1, 1, lead + (H,)) for _ in range(2 if name == "LSTMCell" else 1)]
    xn, xt = from_array(x).requires_grad_(), torch.from_numpy(x).requires_grad_()
    hn = [from_array(h).requires_grad_() for h in hs]
    ht = [torch.from_numpy(h).requires_grad_() for h in hs]
    if with_hx:
        hx_n = tuple(hn) if name == "LSTMCell" else hn[0]
        hx_t = tuple(ht) if name == "LSTMCell" else ht[0]
        out_n, out_t = m(xn, hx_n), tm(xt, hx_t)
    else:
        out_n, out_t = m(xn), tm(xt)
    out_n = out_n if isinstance(out_n, tuple) else (out_n,)
    out_t = out_t if isinstance(out_t, tuple) else (out_t,)
    ups = [rng.standard_normal(tuple(o.shape)) for o in out_t]
    for a, b in zip(out_n, out_t):
        np.testing.assert_allclose(to_numpy(a), b.detach().numpy(), rtol=1e-10, atol=1e-12)
    sum((o * from_array(u)).sum() for o, u in zip(out_n, ups)).backward()
    sum((o * torch.from_numpy(u)).sum() for o, u in zip(out_t, ups)).backward()
    np.testing.assert_allclose(to_numpy(xn.grad), xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    if with_hx:
        for a, b in zip(hn, ht):
            np.testing.assert_allclose(to_numpy(a.grad), b.grad.numpy(), rtol=1e-10, atol=1e-12)
    tp = dict(tm.named_parameters())
    for k, p in m.named_parameters():
        np.testing.assert_allclose(to_numpy(p.grad), tp[k].grad.numpy(), rtol=1e-10, atol=1e-12, err_msg=k)


@pytest.mark.parametrize("name,gates", [("RNNCell", 1), ("LSTMCell", 4), ("GRUCell", 3)])
def test_parameters_and_init(name, gates):
    nnlite.manual_seed(0)
    m = getattr(nn, name)(I, 16)
    shapes = {k: tuple(p.shape) for k, p in m.named_parameters()}
    assert shapes == {"weight_ih": (gates * 16, I), "weight_hh": (gates * 16, 16), "bias_ih": (gates * 16,),
                      "bias_hh": (gates * 16,)}
    for p in m.parameters():
        a = to_numpy(p)
        assert a.min() >= -0.25 and a.max() <= 0.25 and a.std() > 0.1  # U(-1/4, 1/4)


@pytest.mark.parametrize("name", ["RNNCell", "LSTMCell", "GRUCell"])
def test_bad_input(name):
    m = getattr(nn, name)(I, H)
    lstm = name == "LSTMCell"
    with pytest.raises(ValueError, match=f"{name}: input has inconsistent input_size: got 6 expected {I}"):
        m(nnlite.zeros(N, 6))
    with pytest.raises(ValueError, match=f"{name}: Expected input to be 1D or 2D, got 3D instead"):
        m(nnlite.zeros(2, N, I))
    bad_h = nnlite.zeros(N, H + 1)
    with pytest.raises(ValueError, match=rf"{name}: expected \w+ of shape \[{N}, {H}\] for input of shape "
                                         rf"\[{N}, {I}\], got \[{N}, {H + 1}\]"):
        m(nnlite.zeros(N, I), (bad_h, nnlite.zeros(N, H)) if lstm else bad_h)
    with pytest.raises(ValueError, match=name):  # batch mismatch
        h = nnlite.zeros(N + 1, H)
        m(nnlite.zeros(N, I), (h, h) if lstm else h)


def test_op_errors_name_the_op():
    x, h = nnlite.zeros(N, I), nnlite.zeros(N, H)
    with pytest.raises(ValueError, match="gru_cell: input has inconsistent input_size: got 5 expected 6"):
        nnlite._C.gru_cell(x, h, nnlite.zeros(3 * H, 6), nnlite.zeros(3 * H, H))
    with pytest.raises(ValueError, match=r"lstm_cell: expected w_ih \[16, input_size\]"):
        nnlite._C.lstm_cell(x, (h, h), nnlite.zeros(3 * H, I), nnlite.zeros(3 * H, H))
    with pytest.raises(ValueError, match="rnn_tanh_cell: Input batch size 3 doesn't match hidden batch size 2"):
        nnlite._C.rnn_tanh_cell(x, nnlite.zeros(2, H), nnlite.zeros(H, I), nnlite.zeros(H, H))


def test_torch_state_dict_loads(torch):
    tm = torch.nn.LSTMCell(I, H)
    m = nn.LSTMCell(I, H)
    m.load_state_dict({k: from_array(v.detach().numpy()) for k, v in tm.state_dict().items()})
    x = np.random.default_rng(0).uniform(-1, 1, (N, I)).astype(np.float32)
    h, c = m(from_array(x))
    th, tc = tm(torch.from_numpy(x))
    np.testing.assert_allclose(to_numpy(h), th.detach().numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(to_numpy(c), tc.detach().numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name,kwargs", MODULES)
def test_export_runs_in_the_graph_interpreter(name, kwargs, tmp_path):
    nnlite.manual_seed(0)
    m = getattr(nn, name)(I, H, **kwargs)
    x = nnlite.randn(N, I)
    nnlite.export(m, x, tmp_path / "m.nnlg")
    graph = nnlite.load_graph(tmp_path / "m.nnlg")
    x2 = nnlite.randn(N + 2, I)  # another batch size: hx's zeros follow the input's
    got, want = graph(x2), m(x2)
    got = list(got) if isinstance(got, (list, tuple)) else [got]
    want = list(want) if isinstance(want, tuple) else [want]
    assert len(got) == len(want)
    for a, b in zip(got, want):
        np.testing.assert_allclose(to_numpy(a), to_numpy(b.detach()), rtol=1e-6, atol=1e-6)
