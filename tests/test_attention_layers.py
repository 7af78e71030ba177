"""nn.MultiheadAttention and F.multi_head_attention_forward against torch:
torch's state dict loaded into nnlite (and back), then outputs, attention
weights, input and parameter gradients (float64, eval mode) for every
parameter layout and mask kind; dropout; bad input."""
import numpy as np
import pytest

import nnlite
from nnlite import nn
from op_check import from_array, to_numpy

E, H, L, S, N = 8, 2, 4, 6, 3
TOL = dict(rtol=1e-9, atol=1e-11)
pytestmark = pytest.mark.filterwarnings("ignore:Support for mismatched")  # torch's, on a bool and a float mask


def load_from_torch(m, tm):
    m.load_state_dict({k: from_array(v.detach().numpy()) for k, v in tm.state_dict().items()})
    return m


def make_pair(torch, **kw):
    torch.manual_seed(0)
    tm = torch.nn.MultiheadAttention(E, H, **kw).double().eval()
    m = nn.MultiheadAttention(E, H, **kw)
    load_from_torch(m, tm).double().eval()
    return m, tm


def inputs(kw, batched=True, self_attn=False, seed=0):
    rng = np.random.default_rng(seed)
    lead_q, lead_k = ((N, L), (N, S)) if kw.get("batch_first") else ((L, N), (S, N))
    if not batched:
        lead_q, lead_k = (L,), (S,)
    q = rng.standard_normal(lead_q + (E,))
    if self_attn:
        return [q]
    return [q, rng.standard_normal(lead_k + (kw.get("kdim", E),)), rng.standard_normal(lead_k + (kw.get("vdim", E),))]


def masks(kind, batched=True, seed=1, length=S):
    """(attn_mask, key_padding_mask) as NumPy arrays for one mask kind."""
    rng = np.random.default_rng(seed)
    keep_one = lambda m: np.concatenate([np.zeros(m.shape[:-1] + (1,), m.dtype), m[..., 1:]], -1)  # noqa: E731
    am = kpm = None
    if "bool_attn" in kind:
        am = keep_one(rng.random((L, length)) < 0.4)
    if "float_attn" in kind:
        am = rng.standard_normal((L, length))
    if "attn3d" in kind:
        am = rng.standard_normal(((N * H) if batched else H, L, length))
    if "bool_kpm" in kind:
        kpm = keep_one(rng.random((N, length) if batched else (length,)) < 0.4)
    if "float_kpm" in kind:
        kpm = np.where(keep_one(rng.random((N, length) if batched else (length,)) < 0.4), -np.inf, 0.0)
    return am, kpm


def run_both(m, tm, torch, arrays, am, kpm, upstream_seed=5, **call):
    """Forward and backward in both libraries; returns (nnlite outputs, torch outputs, nnlite leaves, torch leaves)."""
    nl = [from_array(a).requires_grad_() for a in arrays]
    tl = [torch.from_numpy(a).requires_grad_() for a in arrays]
    nq = nl * 3 if len(nl) == 1 else nl
    tq = tl * 3 if len(tl) == 1 else tl
    nm = {} if am is None else {"attn_mask": from_array(am)}
    tmk = {} if am is None else {"attn_mask": torch.from_numpy(am)}
    if kpm is not None:
        nm["key_padding_mask"], tmk["key_padding_mask"] = from_array(kpm), torch.from_numpy(kpm)
    out_n = m(*nq, **nm, **call)
    out_t = tm(*tq, **tmk, **call)
    rng = np.random.default_rng(upstream_seed)
    up = [rng.standard_normal(tuple(o.shape)) if o is not None else None for o in out_t]
    sum((o * from_array(u)).sum() for o, u in zip(out_n, up) if u is not None).backward()
    sum((o * torch.from_numpy(u)).sum() for o, u in zip(out_t, up) if u is not None).backward()
    return out_n, out_t, nl, tl


def compare(m, tm, out_n, out_t, nl, tl):
    for a, b in zip(out_n, out_t):
        assert (a is None) == (b is None)
        if a is not None:
            np.testing.assert_allclose(to_numpy(a), b.detach().numpy(), **TOL)
    for a, b in zip(nl, tl):
        np.testing.assert_allclose(to_numpy(a.grad), b.grad.numpy(), **TOL)
    tp = dict(tm.named_parameters())
    names = [k for k, _ in m.named_parameters()]
    assert names == list(tp)
    for k, p in m.named_parameters():
        np.testing.assert_allclose(to_numpy(p.grad), tp[k].grad.numpy(), err_msg=k, **TOL)


LAYOUTS = [{}, dict(kdim=5, vdim=3), dict(add_bias_kv=True), dict(add_zero_attn=True),
           dict(add_bias_kv=True, add_zero_attn=True), dict(bias=False), dict(batch_first=True)]


@pytest.mark.parametrize("need_weights,average", [(True, True), (True, False), (False, True)])
@pytest.mark.parametrize("kw", LAYOUTS, ids=lambda kw: ",".join(kw) or "default")
def test_layouts_match_torch(kw, need_weights, average, torch):
    m, tm = make_pair(torch, **kw)
    am, kpm = masks("bool_attn+bool_kpm")
    res = run_both(m, tm, torch, inputs(kw), am, kpm, need_weights=need_weights, average_attn_weights=average)
    compare(m, tm, *res)


MASK_KINDS = ["none", "bool_attn", "float_attn", "attn3d", "bool_kpm", "float_kpm", "float_attn+float_kpm",
              "attn3d+float_kpm"]


@pytest.mark.parametrize("batched", [True, False])
@pytest.mark.parametrize("need_weights", [True, False])
@pytest.mark.parametrize("kind", MASK_KINDS)
def test_masks_match_torch(kind, need_weights, batched, torch):
    m, tm = make_pair(torch)
    am, kpm = masks(kind, batched)
    res = run_both(m, tm, torch, inputs({}, batched), am, kpm, need_weights=need_weights)
    compare(m, tm, *res)


@pytest.mark.parametrize("kw", [{}, dict(add_bias_kv=True, add_zero_attn=True)], ids=["plain", "bias_kv+zero"])
@pytest.mark.parametrize("need_weights", [True, False])
@pytest.mark.parametrize("with_kpm", [True, False])
def test_self_attention_is_causal(with_kpm, need_weights, kw, torch):
    """is_causal with the causal attn_mask it hints at; self-attention packs the three projections in one GEMM."""
    m, tm = make_pair(torch, **kw)
    causal = np.triu(np.full((L, L), -np.inf), 1)
    kpm = masks("bool_kpm", length=L)[1] if with_kpm else None
    res = run_both(m, tm, torch, inputs(kw, self_attn=True), causal, kpm, need_weights=need_weights, is_causal=True)
    compare(m, tm, *res)


def test_functional_matches_torch(torch):
    m, tm = make_pair(torch)
    q, k, v = (from_array(a) for a in inputs({}))
    am, kpm = masks("float_attn+bool_kpm")
    args = lambda lib, t, mod: (t[0], t[1], t[2], E, H, mod.in_proj_weight, mod.in_proj_bias, None, None,  # noqa
                                False, 0.0, mod.out_proj.weight, mod.out_proj.bias)
    out_n, w_n = nn.functional.multi_head_attention_forward(*args(nnlite, (q, k, v), m), training=False,
                                                            attn_mask=from_array(am), key_padding_mask=from_array(kpm))
    tt = [torch.from_numpy(to_numpy(t)) for t in (q, k, v)]
    out_t, w_t = torch.nn.functional.multi_head_attention_forward(
        *args(torch, tt, tm), training=False, attn_mask=torch.from_numpy(am), key_padding_mask=torch.from_numpy(kpm))
    np.testing.assert_allclose(to_numpy(out_n), out_t.detach().numpy(), **TOL)
    np.testing.assert_allclose(to_numpy(w_n), w_t.detach().numpy(), **TOL)


@pytest.mark.parametrize("kw", LAYOUTS[:3], ids=["default", "kdim,vdim", "add_bias_kv"])
def test_state_dict_round_trip_and_init(kw, torch):
    nnlite.manual_seed(0)
    m = nn.MultiheadAttention(E, H, **kw)
    tm = torch.nn.MultiheadAttention(E, H, **kw)
    sd = m.state_dict()
    assert list(sd) == list(tm.state_dict())
    for k, v in tm.state_dict().items():
        assert tuple(sd[k].shape) == tuple(v.shape), k
    tm.load_state_dict({k: torch.from_numpy(to_numpy(v)) for k, v in sd.items()})
    for k, v in tm.state_dict().items():
        np.testing.assert_array_equal(v.numpy(), to_numpy(sd[k]))
    # torch's init: zero biases, Xavier-uniform projections.
    if "in_proj_bias" in sd:
        assert np.all(to_numpy(sd["in_proj_bias"]) == 0) and np.all(to_numpy(sd["out_proj.bias"]) == 0)
    w = to_numpy(sd["in_proj_weight"] if "in_proj_weight" in sd else sd["q_proj_weight"])
    bound = np.sqrt(6 / sum(w.shape))
    assert np.abs(w).max() <= bound and w.std() > bound / 3
    assert repr(m).startswith("MultiheadAttention(")


def test_dropout_on_weights_in_training_only():
    nnlite.manual_seed(0)
    m = nn.MultiheadAttention(E, H, dropout=0.5)
    x = nnlite.randn(L, N, E)
    _, w_train = m(x, x, x, average_attn_weights=False)
    zeros = (to_numpy(w_train) == 0).mean()
    assert 0.3 < zeros < 0.7
    m.eval()
    _, w_eval = m(x, x, x)
    np.testing.assert_allclose(to_numpy(w_eval).sum(-1), 1.0, rtol=1e-5)
    out1, _ = m(x, x, x, need_weights=False)
    out2, _ = m(x, x, x, need_weights=True)
    np.testing.assert_allclose(to_numpy(out1), to_numpy(out2), rtol=1e-5, atol=1e-6)


def test_bad_input_names_the_layer():
    m = nn.MultiheadAttention(E, H)
    x = nnlite.zeros(L, N, E)
    with pytest.raises(ValueError, match=r"MultiheadAttention: was expecting embedding dimension of 8 \(embed_dim\), "
                                         r"but got query of shape \[4, 3, 7\]"):
        m(nnlite.zeros(L, N, 7), x, x)
    with pytest.raises(ValueError, match=r"MultiheadAttention: expected key with last dim kdim=8, got shape"):
        m(x, nnlite.zeros(S, N, 5), nnlite.zeros(S, N, E))
    with pytest.raises(ValueError, match=r"MultiheadAttention: query should be unbatched 2D .* got 4D"):
        m(nnlite.zeros(1, L, N, E), x, x)
    with pytest.raises(ValueError, match=r"MultiheadAttention: expected attn_mask of shape \[4, 4\] \(L, S\), "
                                         r"got \[4, 5\]"):
        m(x, x, x, attn_mask=nnlite.zeros(L, 5))
    with pytest.raises(ValueError, match=r"expected attn_mask of shape \[6, 4, 4\] \(N \* num_heads, L, S\), "
                                         r"got \[3, 4, 4\]"):
        m(x, x, x, attn_mask=nnlite.zeros(N, L, L))
    with pytest.raises(ValueError, match=r"expected key_padding_mask of shape \[3, 4\] \(N, S\), got \[4, 3\]"):
        m(x, x, x, key_padding_mask=nnlite.zeros(L, N).bool())
    with pytest.raises(TypeError, match="MultiheadAttention: only bool and floating types of key_padding_mask are "
                                        "supported, got int64"):
        m(x, x, x, key_padding_mask=nnlite.zeros(N, L, dtype=nnlite.int64))
    with pytest.raises(TypeError, match="MultiheadAttention: only bool and floating types of attn_mask"):
        m(x, x, x, attn_mask=nnlite.zeros(L, L, dtype=nnlite.int32))
    with pytest.raises(TypeError, match="MultiheadAttention: expected query, key and value of one dtype"):
        m(x, x.double(), x)
    with pytest.raises(ValueError, match="MultiheadAttention: is_causal=True is a hint"):
        m(x, x, x, is_causal=True)
    with pytest.raises(ValueError, match="MultiheadAttention: embed_dim must be divisible by num_heads, got "
                                         "embed_dim=8 and num_heads=3"):
        nn.MultiheadAttention(8, 3)


class _WithMasks(nn.Module):
    def __init__(self):
        super().__init__()
        self.attn = nn.MultiheadAttention(E, H, add_bias_kv=True)

    def forward(self, q, kpm, am):
        return self.attn(q, q, q, key_padding_mask=kpm, attn_mask=am, average_attn_weights=False)


def test_export_runs_in_the_graph_interpreter_at_other_sizes(tmp_path):
    m = _WithMasks().eval()
    args = (nnlite.randn(L, N, E), nnlite.rand(N, L) < 0.3, nnlite.randn(L, L))
    nnlite.export(m, args, tmp_path / "mha.nnlg")
    graph = nnlite.load_graph(tmp_path / "mha.nnlg")
    other = (nnlite.randn(L + 2, N - 1, E), nnlite.rand(N - 1, L + 2) < 0.3, nnlite.randn(L + 2, L + 2))
    got, want = graph(*other), m(*other)
    assert len(got) == 2
    for a, b in zip(got, want):
        np.testing.assert_allclose(to_numpy(a), to_numpy(b), rtol=1e-5, atol=1e-6)


def test_functional_static_kv_and_separate_weights(torch):
    """static_k / static_v replace the projected keys and values; use_separate_proj_weight takes q/k/v weights."""
    m, tm = make_pair(torch, kdim=5, vdim=3)
    rng = np.random.default_rng(2)
    q, k, v = inputs(dict(kdim=5, vdim=3))
    sk, sv = rng.standard_normal((N * H, S, E // H)), rng.standard_normal((N * H, S, E // H))

    def run(lib, mod, wrap):
        return lib.nn.functional.multi_head_attention_forward(
            wrap(q), wrap(k), wrap(v), E, H, None, mod.in_proj_bias, None, None, False, 0.0, mod.out_proj.weight,
            mod.out_proj.bias, training=False, use_separate_proj_weight=True, q_proj_weight=mod.q_proj_weight,
            k_proj_weight=mod.k_proj_weight, v_proj_weight=mod.v_proj_weight, static_k=wrap(sk), static_v=wrap(sv))

    (out_n, w_n), (out_t, w_t) = run(nnlite, m, from_array), run(torch, tm, torch.from_numpy)
    np.testing.assert_allclose(to_numpy(out_n), out_t.detach().numpy(), **TOL)
    np.testing.assert_allclose(to_numpy(w_n), w_t.detach().numpy(), **TOL)
