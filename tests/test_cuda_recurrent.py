"""The CUDA recurrent layers (cpp/src/backend/cuda/recurrent.cu) against the
CPU backend: the layer ops and nn.RNN / LSTM / GRU run on the `device`
fixture ("cpu", then "cuda", marked `cuda` and skipped without a GPU) and
their outputs, final states and gradients (input, h0/c0, every weight) are
compared with the same computation on the CPU: both directions, stacked and
bidirectional layers, LSTM's projection, packed sequences (per-row lengths,
a zero length included), states without gradients, inference, a size large
enough for cuBLAS's blocked paths, and the error for a bad length."""
import numpy as np
import pytest

import nnlite
from nnlite import _C, nn
from nnlite.nn.utils import rnn as nrnn
from op_check import from_array, to_numpy

T_, N, I, H, P = 6, 4, 3, 5, 3
LENGTHS = np.array([4, 6, 0, 2], dtype=np.int64)
OPS = {"lstm": "lstm_layer", "gru": "gru_layer", "tanh": "rnn_tanh_layer", "relu": "rnn_relu_layer"}


def _layer_inputs(mode, bias, proj, dtype, rng, T=T_, n=N, i=I, h=H):
    g = {"lstm": 4, "gru": 3}.get(mode, 1)
    p = P if proj else h

    def r(*shape):
        return rng.uniform(-1.0, 1.0, shape).astype(dtype)

    return {"x": r(T, n, i), "h0": r(n, p), "c0": r(n, h) if mode == "lstm" else None,
            "w_ih": r(g * h, i), "w_hh": r(g * h, p), "b_ih": r(g * h) if bias else None,
            "b_hh": r(g * h) if bias else None, "w_hr": r(P, h) if proj else None}


def _run_layer(mode, arrays, reverse, lengths, device, state_grad=True):
    """Outputs and gradients (None where the leaf takes none) of one layer op on `device`."""
    names = ["x", "h0", "c0", "w_ih", "w_hh", "b_ih", "b_hh", "w_hr"]
    t = {}
    for k in names:
        if arrays[k] is None:
            t[k] = None
            continue
        t[k] = from_array(arrays[k]).to(device)
        if state_grad or k not in ("h0", "c0"):
            t[k].requires_grad_()
    lens = None if lengths is None else nnlite.from_numpy(lengths.copy()).to(device)
    if mode == "lstm":
        outs = _C.lstm_layer(t["x"], t["h0"], t["c0"], t["w_ih"], t["w_hh"], t["b_ih"], t["b_hh"], t["w_hr"],
                             reverse, lens)
    else:
        outs = getattr(_C, OPS[mode])(t["x"], t["h0"], t["w_ih"], t["w_hh"], t["b_ih"], t["b_hh"], reverse, lens)
    rng = np.random.default_rng(1)
    loss = None
    for o in outs:
        up = from_array(rng.standard_normal(tuple(o.shape)).astype(arrays["x"].dtype)).to(device)
        term = (o * up).sum()
        loss = term if loss is None else loss + term
    loss.backward()
    res = [to_numpy(o) for o in outs]
    res += [None if t[k] is None or t[k].grad is None else to_numpy(t[k].grad) for k in names]
    return res


def _compare(got, want, rtol, atol):
    assert len(got) == len(want)
    for k, (g, w) in enumerate(zip(got, want)):
        if w is None:
            assert g is None, k
        else:
            np.testing.assert_allclose(g, w, rtol=rtol, atol=atol, err_msg=f"result {k}")


TOL = {np.float64: (1e-9, 1e-11), np.float32: (1e-4, 1e-5)}


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("lengths", [None, LENGTHS], ids=["full", "packed"])
@pytest.mark.parametrize("reverse", [False, True], ids=["fwd", "rev"])
@pytest.mark.parametrize("mode", ["lstm", "gru", "tanh", "relu"])
def test_layer_ops_match_the_cpu(mode, reverse, lengths, dtype, device):
    a = _layer_inputs(mode, True, False, dtype, np.random.default_rng(0))
    _compare(_run_layer(mode, a, reverse, lengths, device), _run_layer(mode, a, reverse, lengths, "cpu"),
             *TOL[dtype])


@pytest.mark.parametrize("lengths", [None, LENGTHS], ids=["full", "packed"])
@pytest.mark.parametrize("reverse", [False, True], ids=["fwd", "rev"])
@pytest.mark.parametrize("bias", [True, False], ids=["bias", "nobias"])
def test_lstm_projection(bias, reverse, lengths, device):
    a = _layer_inputs("lstm", bias, True, np.float64, np.random.default_rng(2))
    _compare(_run_layer("lstm", a, reverse, lengths, device), _run_layer("lstm", a, reverse, lengths, "cpu"),
             *TOL[np.float64])


@pytest.mark.parametrize("mode", ["lstm", "gru", "tanh"])
def test_states_without_gradients(mode, device):
    """h0 / c0 that need no gradient: the backward skips the last carried product."""
    a = _layer_inputs(mode, True, False, np.float64, np.random.default_rng(3))
    got = _run_layer(mode, a, False, LENGTHS, device, state_grad=False)
    want = _run_layer(mode, a, False, LENGTHS, "cpu", state_grad=False)
    _compare(got, want, *TOL[np.float64])


@pytest.mark.parametrize("mode", ["lstm", "gru"])
def test_large_float32(mode, device):
    """Sizes where the GEMMs take cuBLAS's blocked paths and a step has many blocks."""
    a = _layer_inputs(mode, True, False, np.float32, np.random.default_rng(4), T=12, n=48, i=40, h=96)
    lens = np.random.default_rng(5).integers(0, 13, 48).astype(np.int64)
    _compare(_run_layer(mode, a, True, lens, device), _run_layer(mode, a, True, lens, "cpu"), 2e-3, 2e-4)


def test_inference_forward(device):
    """Without gradients the forward keeps no saved tensors and gives the same outputs."""
    a = _layer_inputs("lstm", True, True, np.float64, np.random.default_rng(6))
    with nnlite.no_grad():
        outs = _C.lstm_layer(*[None if a[k] is None else from_array(a[k]).to(device)
                               for k in ["x", "h0", "c0", "w_ih", "w_hh", "b_ih", "b_hh", "w_hr"]],
                             True, nnlite.from_numpy(LENGTHS.copy()).to(device))
    want = _run_layer("lstm", a, True, LENGTHS, "cpu")
    for o, w in zip(outs, want[:3]):
        np.testing.assert_allclose(to_numpy(o), w, *TOL[np.float64])


def test_bad_length_is_named(device):
    x = nnlite.zeros(T_, N, I).to(device)
    with pytest.raises(ValueError, match=r"rnn_tanh_layer: every length must be within \[0, seq_len = 6\], got 7"):
        _C.rnn_tanh_layer(x, nnlite.zeros(N, H).to(device), nnlite.zeros(H, I).to(device),
                          nnlite.zeros(H, H).to(device), lengths=nnlite.tensor([1, 7, 2, 2]).to(device))
    with pytest.raises(ValueError, match="got -1"):
        _C.rnn_tanh_layer(x, nnlite.zeros(N, H).to(device), nnlite.zeros(H, I).to(device),
                          nnlite.zeros(H, H).to(device), lengths=nnlite.tensor([1, -1, 2, 2]).to(device))


# ---- modules -----------------------------------------------------------------

MODULES = [("RNN", {}), ("RNN", {"nonlinearity": "relu"}), ("GRU", {}), ("LSTM", {}), ("LSTM", {"proj_size": 2})]


def _module_run(cls, kw, state, arrays, device, packed_lengths=None):
    m = getattr(nn, cls)(**kw)
    m.load_state_dict({k: from_array(v) for k, v in state.items()})
    m.to(device)
    leaves = [from_array(a).to(device).requires_grad_() for a in arrays]
    hx = tuple(leaves[1:]) if cls == "LSTM" else leaves[1]
    if packed_lengths is None:
        y, h = m(leaves[0], hx)
    else:
        packed = nrnn.pack_padded_sequence(leaves[0], nnlite.tensor(packed_lengths), enforce_sorted=False)
        out, h = m(packed, hx)
        y, _ = nrnn.pad_packed_sequence(out)
    hs = list(h) if cls == "LSTM" else [h]
    loss = (y * y).sum() + sum((v * (k + 2)).sum() for k, v in enumerate(hs))
    loss.backward()
    return ([to_numpy(y)] + [to_numpy(v) for v in hs] + [to_numpy(t.grad) for t in leaves]
            + [to_numpy(p.grad) for p in m.parameters()])


@pytest.mark.parametrize("packed", [False, True], ids=["padded", "packed"])
@pytest.mark.parametrize("cls,extra", MODULES)
def test_modules_match_the_cpu(cls, extra, packed, device):
    kw = dict(input_size=I, hidden_size=H, num_layers=2, bidirectional=True, **extra)
    state = {k: to_numpy(v) for k, v in getattr(nn, cls)(**kw).state_dict().items()}
    rng = np.random.default_rng(7)
    p = extra.get("proj_size", 0) or H
    arrays = [rng.standard_normal((T_, N, I)).astype(np.float32), rng.standard_normal((4, N, p)).astype(np.float32)]
    if cls == "LSTM":
        arrays.append(rng.standard_normal((4, N, H)).astype(np.float32))
    lens = [5, 6, 1, 3] if packed else None
    got = _module_run(cls, kw, state, arrays, device, lens)
    want = _module_run(cls, kw, state, arrays, "cpu", lens)
    _compare(got, want, 2e-4, 2e-5)


def test_empty_sequence(device):
    a = _layer_inputs("gru", True, False, np.float64, np.random.default_rng(8), T=0)
    _compare(_run_layer("gru", a, False, None, device), _run_layer("gru", a, False, None, "cpu"), *TOL[np.float64])
