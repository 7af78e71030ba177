"""Recurrent sequence layers against torch.

The ops (rnn_tanh_layer, rnn_relu_layer, lstm_layer, gru_layer: one layer,
one direction, time loop in C++) against a step-by-step reference written
with torch ops (both directions, per-row lengths in any order, LSTM's
projection, no bias), with float64 finite differences; nn.RNN / LSTM / GRU
against torch's modules loaded from the same state dict (outputs, final
states, input, state and weight gradients; layers, directions, batch_first,
unbatched input, dropout); state dicts both ways; the layer-named errors."""
import numpy as np
import pytest

import nnlite
from nnlite import nn
from op_check import T, check_op, to_numpy

TESTED_OPS = {"rnn_tanh_layer", "rnn_relu_layer", "lstm_layer", "gru_layer"}

S, N, I, H, P = 5, 4, 3, 4, 2
LENGTHS = np.array([3, 5, 1, 4], dtype=np.int64)  # unsorted, one full row


def _step(mode, x, h, c, wi, wh, bi, bh, whr):
    gi, gh = T.nn.functional.linear(x, wi, bi), T.nn.functional.linear(h, wh, bh)
    if mode == "lstm":
        i, f, g, o = (gi + gh).chunk(4, -1)
        c2 = T.sigmoid(f) * c + T.sigmoid(i) * T.tanh(g)
        h2 = T.sigmoid(o) * T.tanh(c2)
        return (h2 if whr is None else h2 @ whr.t()), c2
    if mode == "gru":
        ir, iz, i_n = gi.chunk(3, -1)
        hr, hz, hn = gh.chunk(3, -1)
        r, z = T.sigmoid(ir + hr), T.sigmoid(iz + hz)
        n = T.tanh(i_n + r * hn)
        return (1 - z) * n + z * h, None
    return (T.tanh if mode == "tanh" else T.relu)(gi + gh), None


def ref_layer(mode, x, h, c, wi, wh, bi, bh, whr, reverse, lengths):
    """The layer step by step in torch; a row stops at its length (packed semantics)."""
    steps = range(x.shape[0] - 1, -1, -1) if reverse else range(x.shape[0])
    ys = [None] * x.shape[0]
    for t in steps:
        h2, c2 = _step(mode, x[t], h, c, wi, wh, bi, bh, whr)
        if lengths is None:
            h, c, ys[t] = h2, c2, h2
            continue
        m = (lengths > t)[:, None]
        h = T.where(m, h2, h)
        c = T.where(m, c2, c) if c is not None else None
        ys[t] = T.where(m, h2, T.zeros_like(h2))
    return (T.stack(ys), h, c) if mode == "lstm" else (T.stack(ys), h)


def _layer_case(mode, reverse, lengths, bias, proj):
    g = {"lstm": 4, "gru": 3}.get(mode, 1)
    p = P if proj else H
    shapes = [(S, N, I), (N, p)] + ([(N, H)] if mode == "lstm" else []) + [(g * H, I), (g * H, p)]
    shapes += [(g * H,), (g * H,)] if bias else [None, None]
    if proj:
        shapes.append((P, H))
    lens = LENGTHS.copy() if lengths else None

    def nn_fn(*a):
        a = list(a)
        if mode == "lstm":
            whr = a[7] if proj else None
            return nnlite._C.lstm_layer(*a[:7], whr, reverse, None if lens is None else nnlite.from_numpy(lens))
        op = getattr(nnlite._C, {"gru": "gru_layer", "tanh": "rnn_tanh_layer", "relu": "rnn_relu_layer"}[mode])
        return op(*a[:6], reverse, None if lens is None else nnlite.from_numpy(lens))

    def t_fn(*a):
        a = list(a)
        if mode != "lstm":
            a.insert(2, None)
        whr = a[7] if proj else None
        return ref_layer(mode, *a[:7], whr, reverse, None if lens is None else T.from_numpy(lens))

    return shapes, nn_fn, t_fn


@pytest.mark.parametrize("lengths", [False, True])
@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("mode", ["lstm", "gru", "tanh", "relu"])
def test_layer_ops(mode, reverse, lengths):
    shapes, nn_fn, t_fn = _layer_case(mode, reverse, lengths, True, False)
    check_op(shapes, nn_fn, t_fn, low=-1.0, high=1.0)


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("bias", [True, False])
def test_lstm_projection_and_no_bias(bias, reverse):
    shapes, nn_fn, t_fn = _layer_case("lstm", reverse, True, bias, True)
    check_op(shapes, nn_fn, t_fn, low=-1.0, high=1.0)


@pytest.mark.parametrize("mode", ["gru", "tanh"])
def test_no_bias(mode):
    shapes, nn_fn, t_fn = _layer_case(mode, False, False, False, False)
    check_op(shapes, nn_fn, t_fn, low=-1.0, high=1.0)


def test_op_errors():
    x, h = nnlite.zeros(S, N, I), nnlite.zeros(N, H)
    w_ih, w_hh = nnlite.zeros(4 * H, I), nnlite.zeros(4 * H, H)
    with pytest.raises(ValueError, match="lstm_layer: expected input of shape"):
        nnlite._C.lstm_layer(x[0], h, h, w_ih, w_hh)
    with pytest.raises(ValueError, match="lstm_layer: input has inconsistent input_size: got 2"):
        nnlite._C.lstm_layer(nnlite.zeros(S, N, 2), h, h, w_ih, w_hh)
    with pytest.raises(ValueError, match=r"lstm_layer: Expected cell size \[4, 4\]"):
        nnlite._C.lstm_layer(x, h, nnlite.zeros(N, 3), w_ih, w_hh)
    with pytest.raises(ValueError, match=r"gru_layer: Expected hidden size \[4, 4\], got \[3, 4\]"):
        nnlite._C.gru_layer(x, nnlite.zeros(3, H), nnlite.zeros(3 * H, I), nnlite.zeros(3 * H, H))
    with pytest.raises(ValueError, match=r"every length must be within \[0, seq_len = 5\], got 6"):
        nnlite._C.rnn_tanh_layer(x, h, nnlite.zeros(H, I), nnlite.zeros(H, H),
                                 lengths=nnlite.tensor([1, 6, 2, 2]))
    with pytest.raises(ValueError, match="lengths as an int64 tensor of shape"):
        nnlite._C.rnn_tanh_layer(x, h, nnlite.zeros(H, I), nnlite.zeros(H, H), lengths=nnlite.tensor([1, 2]))


def test_no_double_backward():
    x = nnlite.randn(S, N, I, dtype=nnlite.float64).requires_grad_()
    w_ih, w_hh = nnlite.randn(H, I, dtype=nnlite.float64), nnlite.randn(H, H, dtype=nnlite.float64)
    y, _ = nnlite._C.rnn_tanh_layer(x, nnlite.zeros(N, H, dtype=nnlite.float64), w_ih, w_hh)
    with pytest.raises(NotImplementedError, match="rnn_tanh_layer: double backward is not supported"):
        nnlite.autograd.grad((y * y).sum(), [x], create_graph=True)


# ---- modules ---------------------------------------------------------------

def _pair(cls, **kw):
    import torch

    torch.manual_seed(0)
    tm = getattr(torch.nn, cls)(**kw)
    nm = getattr(nn, cls)(**kw)
    nm.load_state_dict({k: nnlite.from_numpy(v.detach().numpy().copy()) for k, v in tm.state_dict().items()})
    return tm, nm


def _leaf(a, lib):
    t = lib.from_numpy(a.copy())
    return t.requires_grad_()


def _compare_module(cls, kw, x_shape, states, atol=2e-5):
    """Outputs, final states and every gradient (input, states, weights)."""
    import torch

    tm, nm = _pair(cls, **kw)
    rng = np.random.default_rng(0)
    arrays = [rng.standard_normal(x_shape).astype(np.float32)] + [rng.standard_normal(s).astype(np.float32)
                                                                   for s in states]
    outs = []
    for lib, m in ((torch, tm), (nnlite, nm)):
        leaves = [_leaf(a, lib) for a in arrays]
        hx = None if not states else (tuple(leaves[1:]) if cls == "LSTM" else leaves[1])
        y, h = m(leaves[0], hx)
        hs = list(h) if cls == "LSTM" else [h]
        loss = (y * y).sum() + sum((v * (k + 2)).sum() for k, v in enumerate(hs))
        loss.backward()
        grads = [to_numpy(t.grad) if lib is nnlite else t.grad.numpy() for t in leaves]
        grads += [to_numpy(p.grad) if lib is nnlite else p.grad.numpy() for p in m.parameters()]
        vals = [to_numpy(v.detach()) if lib is nnlite else v.detach().numpy() for v in [y] + hs]
        outs.append((vals, grads))
    (tv, tg), (nv, ng) = outs
    for a, b in zip(nv, tv):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, atol=atol, rtol=1e-4)
    names = ["input"] + [f"state{i}" for i in range(len(states))] + [n for n, _ in nm.named_parameters()]
    for name, a, b in zip(names, ng, tg):
        np.testing.assert_allclose(a, b, atol=10 * atol, rtol=1e-3, err_msg=name)


CASES = [("RNN", {}), ("RNN", {"nonlinearity": "relu"}), ("GRU", {}), ("LSTM", {}), ("LSTM", {"proj_size": 2})]


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("cls,extra", CASES)
def test_module_parity(cls, extra, bidirectional):
    kw = dict(input_size=I, hidden_size=H, num_layers=2, bidirectional=bidirectional, **extra)
    D, p = 2 if bidirectional else 1, extra.get("proj_size", 0) or H
    states = [(2 * D, N, p)] + ([(2 * D, N, H)] if cls == "LSTM" else [])
    _compare_module(cls, kw, (S, N, I), states)
    _compare_module(cls, kw, (S, N, I), [])  # zero initial states


@pytest.mark.parametrize("cls,extra", CASES[2:])
def test_module_batch_first_and_unbatched(cls, extra):
    kw = dict(input_size=I, hidden_size=H, num_layers=1, batch_first=True, bias=False, **extra)
    _compare_module(cls, kw, (N, S, I), [])
    p = extra.get("proj_size", 0) or H
    _compare_module(cls, kw, (S, I), [(1, p)] + ([(1, H)] if cls == "LSTM" else []))


def test_state_dict_both_ways_and_names():
    import torch

    tm, nm = _pair("LSTM", input_size=I, hidden_size=H, num_layers=2, bidirectional=True, proj_size=P)
    assert list(nm.state_dict()) == list(tm.state_dict())
    assert "weight_hr_l1_reverse" in nm.state_dict() and "bias_hh_l1_reverse" in nm.state_dict()
    nm2 = nn.LSTM(I, H, num_layers=2, bidirectional=True, proj_size=P)
    back = torch.nn.LSTM(I, H, num_layers=2, bidirectional=True, proj_size=P)
    back.load_state_dict({k: torch.from_numpy(to_numpy(v).copy()) for k, v in nm2.state_dict().items()})
    x = np.random.default_rng(1).standard_normal((S, N, I)).astype(np.float32)
    np.testing.assert_allclose(to_numpy(nm2(nnlite.from_numpy(x))[0].detach()),
                               back(torch.from_numpy(x))[0].detach().numpy(), atol=1e-5)
    assert repr(nm) == repr(tm)


def test_init_range_and_shapes():
    m = nn.GRU(3, 8, num_layers=2, bidirectional=True)
    assert tuple(m.weight_ih_l1.shape) == (24, 16) and tuple(m.weight_hh_l0_reverse.shape) == (24, 8)
    bound = 1 / np.sqrt(8)
    for _, p in m.named_parameters():
        v = to_numpy(p.detach())
        assert v.min() >= -bound and v.max() <= bound and v.std() > bound / 4


def test_dropout_between_layers():
    import torch

    tm, nm = _pair("LSTM", input_size=I, hidden_size=H, num_layers=3, dropout=0.5)
    x = np.random.default_rng(2).standard_normal((S, N, I)).astype(np.float32)
    nm.eval()
    np.testing.assert_allclose(to_numpy(nm(nnlite.from_numpy(x))[0].detach()),
                               tm.eval()(torch.from_numpy(x))[0].detach().numpy(), atol=1e-5)
    nm.train()
    nnlite.manual_seed(0)
    a = to_numpy(nm(nnlite.from_numpy(x))[0].detach())
    b = to_numpy(nm(nnlite.from_numpy(x))[0].detach())
    assert not np.allclose(a, b)  # a fresh mask each call in training
    one = nn.GRU(I, H, num_layers=1)
    one.train()
    y1, y2 = one(nnlite.from_numpy(x))[0], one(nnlite.from_numpy(x))[0]
    np.testing.assert_array_equal(to_numpy(y1.detach()), to_numpy(y2.detach()))  # no dropout after the last layer


def test_module_errors():
    m = nn.LSTM(I, H, num_layers=2)
    with pytest.raises(ValueError, match="LSTM: Expected input to be 2D or 3D, got 4D instead"):
        m(nnlite.zeros(1, S, N, I))
    with pytest.raises(ValueError, match="LSTM: input.size\\(-1\\) must be equal to input_size. Expected 3, got 5"):
        m(nnlite.zeros(S, N, 5))
    with pytest.raises(ValueError, match=r"LSTM: Expected hidden\[0\] size \(2, 4, 4\), got \[1, 4, 4\]"):
        m(nnlite.zeros(S, N, I), (nnlite.zeros(1, N, H), nnlite.zeros(2, N, H)))
    with pytest.raises(ValueError, match=r"LSTM: Expected hidden\[1\] size \(2, 4, 4\), got \[2, 4, 3\]"):
        m(nnlite.zeros(S, N, I), (nnlite.zeros(2, N, H), nnlite.zeros(2, N, 3)))
    g = nn.GRU(I, H)
    with pytest.raises(ValueError, match="GRU: For unbatched 2-D input, hidden should also be 2-D but got 3-D"):
        g(nnlite.zeros(S, I), nnlite.zeros(1, 1, H))
    with pytest.raises(ValueError, match="GRU: For batched 3-D input, hidden should also be 3-D but got 2-D"):
        g(nnlite.zeros(S, N, I), nnlite.zeros(1, H))
    with pytest.raises(ValueError, match="RNN: Unknown nonlinearity 'gelu'"):
        nn.RNN(I, H, nonlinearity="gelu")
    with pytest.raises(ValueError, match="RNNBase: proj_size argument is only supported for LSTM"):
        nnlite.nn.rnn.RNNBase("GRU", I, H, proj_size=2)
    with pytest.raises(ValueError, match="LSTM: proj_size has to be smaller than hidden_size"):
        nn.LSTM(I, H, proj_size=H)
    with pytest.raises(ValueError, match="LSTM: dropout should be a number in range"):
        nn.LSTM(I, H, dropout=1.5)
    with pytest.raises(TypeError, match="GRU: hidden_size should be of type int"):
        nn.GRU(I, 2.0)
    with pytest.warns(UserWarning, match="non-zero dropout expects num_layers greater than 1"):
        nn.GRU(I, H, dropout=0.2)


@pytest.mark.parametrize("cls,extra,hidden,batch", [("LSTM", {}, 64, 16), ("LSTM", {"proj_size": 40}, 72, 16),
                                                     ("GRU", {}, 64, 16), ("RNN", {}, 128, 16), ("LSTM", {}, 256, 1),
                                                     ("GRU", {}, 256, 2)])
def test_module_parity_threaded_sizes(cls, extra, hidden, batch):
    # Large enough that a step's work is split across threads (units and state columns per thread);
    # one or two rows take the GEMM's dot-product path.
    kw = dict(input_size=6, hidden_size=hidden, num_layers=2, bidirectional=True, **extra)
    p = extra.get("proj_size", 0) or hidden
    states = [(4, batch, p)] + ([(4, batch, hidden)] if cls == "LSTM" else [])
    _compare_module(cls, kw, (7, batch, 6), states, atol=5e-5)


@pytest.mark.parametrize("enforce_sorted", [False, True])
@pytest.mark.parametrize("cls,extra", CASES)
def test_packed_input(cls, extra, enforce_sorted):
    """Packed batches: the packed output, h_n (c_n) in the caller's batch order, and the gradients of the padded
    input, the initial states and every weight, as torch's."""
    import torch
    from torch.nn.utils import rnn as trnn

    from nnlite.nn.utils import rnn as nrnn

    tm, nm = _pair(cls, input_size=I, hidden_size=H, num_layers=2, bidirectional=True, **extra)
    lengths = [5, 4, 2, 1] if enforce_sorted else [2, 5, 1, 4]
    rng = np.random.default_rng(3)
    p = extra.get("proj_size", 0) or H
    arrays = [rng.standard_normal((S, N, I)).astype(np.float32), rng.standard_normal((4, N, p)).astype(np.float32),
              rng.standard_normal((4, N, H)).astype(np.float32)]
    results = []
    for lib, utils, m in ((torch, trnn, tm), (nnlite, nrnn, nm)):
        leaves = [_leaf(a, lib) for a in arrays]
        packed = utils.pack_padded_sequence(leaves[0], lib.tensor(lengths), enforce_sorted=enforce_sorted)
        hx = (leaves[1], leaves[2]) if cls == "LSTM" else leaves[1]
        out, h = m(packed, hx)
        assert isinstance(out, utils.PackedSequence)
        hs = list(h) if cls == "LSTM" else [h]
        padded, out_lengths = utils.pad_packed_sequence(out)
        loss = (padded * padded).sum() + sum((v * (k + 2)).sum() for k, v in enumerate(hs))
        loss.backward()
        num = (lambda t: to_numpy(t)) if lib is nnlite else (lambda t: t.detach().numpy())
        vals = [num(out.data.detach()), num(out.batch_sizes), num(padded.detach())] + [num(v.detach()) for v in hs]
        if not enforce_sorted:
            vals += [num(out.sorted_indices), num(out.unsorted_indices)]
        used = leaves if cls == "LSTM" else leaves[:2]
        grads = [num(t.grad) for t in used] + [num(q.grad) for q in m.parameters()]
        results.append((vals, grads))
    (tv, tg), (nv, ng) = results
    for i, (a, b) in enumerate(zip(nv, tv)):
        np.testing.assert_allclose(a, b, atol=2e-5, rtol=1e-4, err_msg=f"value {i}")
    for i, (a, b) in enumerate(zip(ng, tg)):
        np.testing.assert_allclose(a, b, atol=2e-4, rtol=1e-3, err_msg=f"gradient {i}")


def test_packed_input_batch_first_and_no_states():
    import torch
    from torch.nn.utils import rnn as trnn

    from nnlite.nn.utils import rnn as nrnn

    tm, nm = _pair("GRU", input_size=I, hidden_size=H, batch_first=True)
    x = np.random.default_rng(4).standard_normal((N, S, I)).astype(np.float32)
    lengths = [3, 5, 1, 4]
    ty, th = tm(trnn.pack_padded_sequence(torch.from_numpy(x), torch.tensor(lengths), batch_first=True,
                                          enforce_sorted=False))
    ny, nh = nm(nrnn.pack_padded_sequence(nnlite.from_numpy(x), nnlite.tensor(lengths), batch_first=True,
                                          enforce_sorted=False))
    np.testing.assert_allclose(to_numpy(ny.data.detach()), ty.data.detach().numpy(), atol=1e-5)
    np.testing.assert_allclose(to_numpy(nh.detach()), th.detach().numpy(), atol=1e-5)


@pytest.mark.parametrize("steps,batch,hidden", [(1, 1, 256), (2, 3, 64), (1, 5, 4), (2, 1, 4)])
@pytest.mark.parametrize("cls,extra", CASES)
def test_short_sequences(cls, extra, steps, batch, hidden):
    # One or two steps (a generation loop) read w_hh in place instead of copying it; with and without threads.
    extra = dict(extra, proj_size=hidden // 2) if "proj_size" in extra else extra
    kw = dict(input_size=6, hidden_size=hidden, num_layers=2, **extra)
    p = extra.get("proj_size", 0) or hidden
    states = [(2, batch, p)] + ([(2, batch, hidden)] if cls == "LSTM" else [])
    _compare_module(cls, kw, (steps, batch, 6), states, atol=5e-5)
