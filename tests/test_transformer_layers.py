"""TransformerEncoderLayer / DecoderLayer / Encoder / Decoder / Transformer
against torch: torch's state dict loaded into nnlite (and nnlite's into
torch), then outputs and every gradient in float64 eval mode for post- and
pre-norm, relu / gelu / a callable activation, batch_first, unbatched input
and the mask kinds; the causal-mask helper; dropout; bad input."""
import numpy as np
import pytest

import nnlite
from nnlite import nn
from op_check import from_array, to_numpy

D, NH, FF, LS, LT, N = 8, 2, 16, 5, 4, 3
TOL = dict(rtol=1e-9, atol=1e-10)
# torch warns about a bool padding mask next to a float attn_mask (both are supported) and about its nested-tensor
# fast path, which is off here.
pytestmark = [pytest.mark.filterwarnings("ignore:Support for mismatched"),
              pytest.mark.filterwarnings("ignore:enable_nested_tensor is True")]


def pair(torch, name, *args, torch_kw=None, **kw):
    """The same layer in both libraries, nnlite's loaded from torch's state dict, float64 eval."""
    torch.manual_seed(0)
    tm = getattr(torch.nn, name)(*args, **kw, **(torch_kw or {})).double().eval()
    m = getattr(nn, name)(*args, **kw)
    sd = tm.state_dict()
    assert list(m.state_dict()) == list(sd)
    m.load_state_dict({k: from_array(v.detach().numpy()) for k, v in sd.items()})
    return m.double().eval(), tm


def seq(length, batch_first, batched=True, seed=0):
    shape = ((N, length) if batch_first else (length, N)) if batched else (length,)
    return np.random.default_rng(seed).standard_normal(shape + (D,))


def check(m, tm, torch, arrays, mask_args=None, seed=7):
    """Runs m(*arrays, **mask_args) in both libraries; compares the output and every gradient."""
    mask_args = mask_args or {}
    nl = [from_array(a).requires_grad_() for a in arrays]
    tl = [torch.from_numpy(a).requires_grad_() for a in arrays]
    nk = {k: v if isinstance(v, bool) else from_array(v) for k, v in mask_args.items()}
    tk = {k: v if isinstance(v, bool) else torch.from_numpy(v) for k, v in mask_args.items()}
    out_n, out_t = m(*nl, **nk), tm(*tl, **tk)
    np.testing.assert_allclose(to_numpy(out_n), out_t.detach().numpy(), **TOL)
    up = np.random.default_rng(seed).standard_normal(tuple(out_t.shape))
    (out_n * from_array(up)).sum().backward()
    (out_t * torch.from_numpy(up)).sum().backward()
    for a, b in zip(nl, tl):
        np.testing.assert_allclose(to_numpy(a.grad), b.grad.numpy(), **TOL)
    tp = dict(tm.named_parameters())
    assert [k for k, _ in m.named_parameters()] == list(tp)
    for k, p in m.named_parameters():
        np.testing.assert_allclose(to_numpy(p.grad), tp[k].grad.numpy(), err_msg=k, **TOL)


def causal(n):
    return np.triu(np.full((n, n), -np.inf), 1)


def padding(length, batched=True, seed=3):
    m = np.random.default_rng(seed).random((N, length) if batched else (length,)) < 0.4
    m[..., 0] = False
    return m


VARIANTS = [dict(), dict(norm_first=True), dict(activation="gelu"), dict(batch_first=True),
            dict(bias=False, norm_first=True, batch_first=True)]


def vid(kw):
    return ",".join(f"{k}={v}" for k, v in kw.items()) or "default"


@pytest.mark.parametrize("masks", ["none", "causal", "padding", "causal+padding", "bool_attn"])
@pytest.mark.parametrize("kw", VARIANTS, ids=vid)
def test_encoder_layer(kw, masks, torch):
    m, tm = pair(torch, "TransformerEncoderLayer", D, NH, FF, **kw)
    args = {}
    if "causal" in masks:
        args.update(src_mask=causal(LS), is_causal=True)
    if "padding" in masks:
        args["src_key_padding_mask"] = padding(LS)
    if masks == "bool_attn":
        args["src_mask"] = np.triu(np.ones((LS, LS), bool), 1)
    check(m, tm, torch, [seq(LS, kw.get("batch_first", False))], args)


def test_encoder_layer_unbatched_and_callable_activation(torch):
    m, tm = pair(torch, "TransformerEncoderLayer", D, NH, FF, activation=torch.nn.functional.silu)
    m.activation = lambda x: x * x.sigmoid()  # the same function, in nnlite
    check(m, tm, torch, [seq(LS, False, batched=False)], {"src_key_padding_mask": padding(LS, batched=False)})


@pytest.mark.parametrize("masks", ["none", "all"])
@pytest.mark.parametrize("kw", VARIANTS, ids=vid)
def test_decoder_layer(kw, masks, torch):
    m, tm = pair(torch, "TransformerDecoderLayer", D, NH, FF, **kw)
    bf = kw.get("batch_first", False)
    args = {}
    if masks == "all":
        args = dict(tgt_mask=causal(LT), tgt_is_causal=True, memory_mask=np.random.default_rng(4).standard_normal(
            (LT, LS)), tgt_key_padding_mask=padding(LT), memory_key_padding_mask=padding(LS, seed=5))
    check(m, tm, torch, [seq(LT, bf, seed=1), seq(LS, bf, seed=2)], args)


@pytest.mark.parametrize("norm", [True, False])
def test_encoder_and_decoder_stacks(norm, torch):
    torch.manual_seed(0)
    layer = torch.nn.TransformerEncoderLayer(D, NH, FF)
    tm = torch.nn.TransformerEncoder(layer, 2, torch.nn.LayerNorm(D) if norm else None,
                                     enable_nested_tensor=False).double().eval()
    m = nn.TransformerEncoder(nn.TransformerEncoderLayer(D, NH, FF), 2, nn.LayerNorm(D) if norm else None)
    m.load_state_dict({k: from_array(v.detach().numpy()) for k, v in tm.state_dict().items()})
    m.double().eval()
    # The mask is the causal one: detected as such (is_causal=None) in both.
    check(m, tm, torch, [seq(LS, False)], {"mask": causal(LS), "src_key_padding_mask": padding(LS)})

    dlayer = torch.nn.TransformerDecoderLayer(D, NH, FF)
    td = torch.nn.TransformerDecoder(dlayer, 2, torch.nn.LayerNorm(D) if norm else None).double().eval()
    d = nn.TransformerDecoder(nn.TransformerDecoderLayer(D, NH, FF), 2, nn.LayerNorm(D) if norm else None)
    d.load_state_dict({k: from_array(v.detach().numpy()) for k, v in td.state_dict().items()})
    d.double().eval()
    check(d, td, torch, [seq(LT, False, seed=1), seq(LS, False, seed=2)],
          {"tgt_mask": causal(LT), "memory_key_padding_mask": padding(LS)})


def test_stack_layers_are_independent_copies():
    layer = nn.TransformerEncoderLayer(D, NH, FF)
    enc = nn.TransformerEncoder(layer, 3)
    ws = [lay.linear1.weight for lay in enc.layers]
    assert len({id(w) for w in ws}) == 3 and all(w is not layer.linear1.weight for w in ws)
    np.testing.assert_array_equal(to_numpy(ws[0]), to_numpy(ws[2]))  # copies start equal, as in torch


@pytest.mark.parametrize("kw", [dict(), dict(norm_first=True, batch_first=True, activation="gelu")], ids=vid)
def test_transformer(kw, torch):
    m, tm = pair(torch, "Transformer", D, NH, 2, 1, FF, **kw)
    bf = kw.get("batch_first", False)
    args = dict(tgt_mask=causal(LT), src_key_padding_mask=padding(LS), memory_key_padding_mask=padding(LS),
                tgt_key_padding_mask=padding(LT, seed=6))
    check(m, tm, torch, [seq(LS, bf, seed=1), seq(LT, bf, seed=2)], args)


def test_transformer_state_dict_to_torch_and_init(torch):
    nnlite.manual_seed(0)
    m = nn.Transformer(D, NH, 2, 2, FF)
    tm = torch.nn.Transformer(D, NH, 2, 2, FF)
    sd = m.state_dict()
    assert list(sd) == list(tm.state_dict())
    tm.load_state_dict({k: torch.from_numpy(to_numpy(v)) for k, v in sd.items()})
    for k, v in tm.state_dict().items():
        np.testing.assert_array_equal(v.numpy(), to_numpy(sd[k]), err_msg=k)
    # torch's init: every matrix Xavier-uniform (bound sqrt(6 / (fan_in + fan_out))).
    w = to_numpy(sd["encoder.layers.0.linear1.weight"])
    bound = np.sqrt(6 / (D + FF))
    assert np.abs(w).max() <= bound and w.std() > bound / 3


def test_generate_square_subsequent_mask(torch):
    got = nn.Transformer.generate_square_subsequent_mask(5)
    np.testing.assert_array_equal(to_numpy(got), torch.nn.Transformer.generate_square_subsequent_mask(5).numpy())
    assert nn.Transformer.generate_square_subsequent_mask(3, dtype=nnlite.float64).dtype == nnlite.float64


def test_dropout_only_in_training():
    nnlite.manual_seed(0)
    m = nn.TransformerEncoderLayer(D, NH, FF, dropout=0.5)
    x = nnlite.randn(LS, N, D)
    a, b = to_numpy(m(x)), to_numpy(m(x))
    assert not np.allclose(a, b)
    m.eval()
    np.testing.assert_array_equal(to_numpy(m(x)), to_numpy(m(x)))


def test_bad_input_names_the_layer():
    enc = nn.TransformerEncoderLayer(D, NH, FF)
    with pytest.raises(ValueError, match=r"TransformerEncoderLayer: expected src of shape \[L, N, d_model=8\] .*got "
                                         r"\[5, 3, 6\]"):
        enc(nnlite.zeros(LS, N, 6))
    with pytest.raises(ValueError, match=r"MultiheadAttention: expected key_padding_mask of shape \[3, 5\]"):
        enc(nnlite.zeros(LS, N, D), src_key_padding_mask=nnlite.zeros(N, LS + 1).bool())
    with pytest.raises(ValueError, match=r"MultiheadAttention: expected attn_mask of shape \[5, 5\]"):
        enc(nnlite.zeros(LS, N, D), src_mask=nnlite.zeros(LS, LS + 1))
    dec = nn.TransformerDecoderLayer(D, NH, FF)
    with pytest.raises(ValueError, match=r"TransformerDecoderLayer: expected memory of shape"):
        dec(nnlite.zeros(LT, N, D), nnlite.zeros(LS, N, D + 1))
    t = nn.Transformer(D, NH, 1, 1, FF)
    with pytest.raises(ValueError, match=r"Transformer: the batch number of src and tgt must be equal"):
        t(nnlite.zeros(LS, N, D), nnlite.zeros(LT, N + 1, D))
    with pytest.raises(ValueError, match="TransformerEncoderLayer: activation should be relu/gelu or a callable, "
                                         "not 'tanhh'"):
        nn.TransformerEncoderLayer(D, NH, activation="tanhh")
    with pytest.raises(ValueError, match="TransformerEncoderLayer: nhead must be a positive integer"):
        nn.TransformerEncoderLayer(D, 0)


def test_encoder_export_follows_other_sizes(tmp_path):
    layer = nn.TransformerEncoderLayer(D, NH, FF, batch_first=True, norm_first=True, activation="gelu")
    m = nn.TransformerEncoder(layer, 2, nn.LayerNorm(D)).eval()
    nnlite.export(m, nnlite.randn(N, LS, D), tmp_path / "enc.nnlg")
    graph = nnlite.load_graph(tmp_path / "enc.nnlg")
    x = nnlite.randn(N + 1, LS + 3, D)
    np.testing.assert_allclose(to_numpy(graph(x)), to_numpy(m(x)), rtol=1e-5, atol=1e-6)
