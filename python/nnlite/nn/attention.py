"""MultiheadAttention and functional multi_head_attention_forward, with
torch's API, parameter layout and mask conventions.

Inside, everything runs batch-first as [N, H, L, head_dim] (the sequence-first
input of torch's default is a transposed view): the heads stay a batch dim of
the one scaled_dot_product_attention op, and masks broadcast instead of being
expanded to [N * H, L, S]. Masks follow torch's MultiheadAttention convention
(a bool True means "may not attend"; a float mask is added to the scores), the
opposite of scaled_dot_product_attention's bool convention, so they are turned
into one additive mask before the op.
"""
import math

from .. import _C
from . import init
from .linear import Linear
from .module import Module
from .parameter import Parameter

__all__ = ["MultiheadAttention", "multi_head_attention_forward"]

_FLOATS = ("float32", "float64")


def _dtype(t):
    return str(t.dtype).rsplit(".", 1)[-1]


def _shape(t):
    return list(t.shape)


def _additive(name, what, mask, dtype):
    """A bool or float mask as the float mask added to the scores (None stays None)."""
    if mask is None:
        return None
    kind = _dtype(mask)
    if kind == "bool":
        from .. import zeros

        return zeros(*mask.shape, dtype=dtype, device=mask.device).masked_fill(mask, float("-inf"))
    if kind not in _FLOATS:
        raise TypeError(f"{name}: only bool and floating types of {what} are supported, got {kind}")
    return mask if mask.dtype == dtype else mask.to(dtype)


def _check_shapes(name, query, key, value, key_padding_mask, attn_mask, embed_dim, batch_first):
    """torch's checks (_mha_shape_check and the projection's), as ValueError /
    TypeError naming the layer; returns whether the input is batched."""
    if query.dim() not in (2, 3):
        raise ValueError(f"{name}: query should be unbatched 2D [L, E] or batched 3D [L, N, E] (or [N, L, E] with "
                         f"batch_first), got {query.dim()}D of shape {_shape(query)}")
    batched = query.dim() == 3
    for what, t in (("key", key), ("value", value)):
        if t.dim() != query.dim():
            raise ValueError(f"{name}: for {'batched' if batched else 'unbatched'} ({query.dim()}D) query, expected "
                             f"{what} to be {query.dim()}D, got {t.dim()}D of shape {_shape(t)}")
        if t.dtype != query.dtype:
            raise TypeError(f"{name}: expected query, key and value of one dtype, got query {_dtype(query)} and "
                            f"{what} {_dtype(t)}")
    if _dtype(query) not in _FLOATS:
        raise TypeError(f"{name}: expected a floating-point query, got {_dtype(query)}")
    if query.shape[-1] != embed_dim:
        raise ValueError(f"{name}: was expecting embedding dimension of {embed_dim} (embed_dim), but got query of "
                         f"shape {_shape(query)}")
    if key.shape[:-1] != value.shape[:-1]:
        raise ValueError(f"{name}: key shape {_shape(key)} does not match value shape {_shape(value)} "
                         f"(expected equal batch and sequence sizes)")
    b = 0 if batch_first else 1
    if batched and key.shape[b] != query.shape[b]:
        raise ValueError(f"{name}: expected key and query of one batch size, got query {_shape(query)} and key "
                         f"{_shape(key)}")
    if key_padding_mask is not None and key_padding_mask.dim() != (2 if batched else 1):
        want = "2D [N, S]" if batched else "1D [S]"
        raise ValueError(f"{name}: for {'batched' if batched else 'unbatched'} query, expected key_padding_mask to be "
                         f"{want}, got {key_padding_mask.dim()}D of shape {_shape(key_padding_mask)}")
    if attn_mask is not None and attn_mask.dim() not in (2, 3):
        raise ValueError(f"{name}: expected attn_mask to be 2D [L, S] or 3D [N * num_heads, L, S], got "
                         f"{attn_mask.dim()}D of shape {_shape(attn_mask)}")
    return batched


def _project(query, key, value, in_proj_weight, in_proj_bias, separate):
    """q, k, v = the input projections; one GEMM for self-attention with the packed weight."""
    E = query.shape[-1]
    bq = bk = bv = None
    if in_proj_bias is not None:
        bq, bk, bv = _C.chunk(in_proj_bias, 3, 0)
    if separate is not None:
        wq, wk, wv = separate
    else:
        if query is key and key is value:
            return _C.chunk(_C.linear(query, in_proj_weight, in_proj_bias), 3, -1)
        wq, wk, wv = (in_proj_weight.narrow(0, i * E, E) for i in range(3))
    return _C.linear(query, wq, bq), _C.linear(key, wk, bk), _C.linear(value, wv, bv)


def _heads(t, N, H):
    """[N, S, H * hd] -> [N, H, S, hd] (a view where t allows)."""
    return t.reshape(N, t.shape[1], H, -1).transpose(1, 2)  # -1: an exported graph follows other sizes


def _static(name, what, t, N, H, hd):
    if t.dim() != 3 or t.shape[0] != N * H or t.shape[2] != hd:
        raise ValueError(f"{name}: expected {what} of shape [N * num_heads, S, head_dim] = [{N * H}, S, {hd}], "
                         f"got {_shape(t)}")
    return t.reshape(N, H, t.shape[1], hd)


def _check_masks(name, batched, attn_mask, key_padding_mask, N, H, L, S):
    """Mask shapes as the caller passes them (before the batch-of-one of unbatched input)."""
    if attn_mask is not None:
        if attn_mask.dim() == 2:
            want = [L, S]
        else:
            want = [N * H, L, S] if batched else [H, L, S]
        if _shape(attn_mask) != want:
            dims = {2: "L, S", 3: "N * num_heads, L, S" if batched else "num_heads, L, S"}[len(want)]
            raise ValueError(f"{name}: expected attn_mask of shape {want} ({dims}), got {_shape(attn_mask)}")
    if key_padding_mask is not None:
        want = [N, S] if batched else [S]
        if _shape(key_padding_mask) != want:
            raise ValueError(f"{name}: expected key_padding_mask of shape {want} ({'N, S' if batched else 'S'}), "
                             f"got {_shape(key_padding_mask)}")


def _mha(name, query, key, value, embed_dim, num_heads, in_proj_weight, in_proj_bias, bias_k, bias_v,
         add_zero_attn, dropout_p, out_proj_weight, out_proj_bias, training, key_padding_mask, need_weights,
         attn_mask, separate, static_k, static_v, average_attn_weights, is_causal, batch_first):
    batched = _check_shapes(name, query, key, value, key_padding_mask, attn_mask, embed_dim, batch_first)
    H = num_heads
    if batched:
        N, L, S = (query.shape[0], query.shape[1], key.shape[1]) if batch_first else \
            (query.shape[1], query.shape[0], key.shape[0])
    else:
        N, L, S = 1, query.shape[0], key.shape[0]
    _check_masks(name, batched, attn_mask, key_padding_mask, N, H, L, S)
    if is_causal and attn_mask is None:
        raise ValueError(f"{name}: is_causal=True is a hint that attn_mask is the causal mask; pass attn_mask too "
                         f"(e.g. Transformer.generate_square_subsequent_mask({L}))")
    if not batched:  # a batch of one, batch-first
        query, key, value = query.unsqueeze(0), key.unsqueeze(0), value.unsqueeze(0)
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask.unsqueeze(0)
    elif not batch_first:  # [L, N, E] -> [N, L, E] views; keep `is` so self-attention packs its GEMM
        same_kv, same_qk = key is value, query is key
        query = query.transpose(0, 1)
        key = query if same_qk else key.transpose(0, 1)
        value = key if same_kv else value.transpose(0, 1)
    E = embed_dim
    hd = E // H
    if not training:
        dropout_p = 0.0
    q, k, v = _project(query, key, value, in_proj_weight, in_proj_bias, separate)  # [N, L|S, E]
    if (bias_k is None) != (bias_v is None):
        raise ValueError(f"{name}: bias_k and bias_v must both be given or both be None")
    pad = 0  # key columns appended (bias_k, zero attention): masks get a column of 0 (may attend) for each
    if bias_k is not None:
        # [1, 1, E] -> [N, 1, E] by adding zeros shaped from k, so that an exported graph follows the batch size
        # (an expand of a parameter alone is exported as a constant).
        from .. import zeros_like

        zero = zeros_like(k.narrow(1, 0, 1)) if k.shape[1] > 0 else None
        k = _C.cat([k, zero + bias_k if zero is not None else bias_k.expand(N, 1, E)], 1)
        v = _C.cat([v, zero + bias_v if zero is not None else bias_v.expand(N, 1, E)], 1)
        pad += 1
    q, k, v = _heads(q, N, H), _heads(k, N, H), _heads(v, N, H)  # [N, H, L|S, hd]
    if static_k is not None:
        k = _static(name, "static_k", static_k, N, H, hd)
    if static_v is not None:
        v = _static(name, "static_v", static_v, N, H, hd)
    if add_zero_attn:
        from .. import zeros

        k = _C.cat([k, zeros(N, H, 1, hd, dtype=k.dtype, device=k.device)], 2)
        v = _C.cat([v, zeros(N, H, 1, hd, dtype=v.dtype, device=v.device)], 2)
        pad += 1
    mask = None
    # torch: with only the causal hint (no padding mask, no weights wanted) the op's own causal mask is used.
    if attn_mask is not None and not (is_causal and key_padding_mask is None and not need_weights):
        mask = _additive(name, "attn_mask", attn_mask, q.dtype)
        if pad:
            mask = _C.pad(mask, (0, pad))
        if mask.dim() == 3:
            mask = mask.reshape(N, H, L, mask.shape[-1])
        is_causal = False
    if key_padding_mask is not None:
        kpm = _additive(name, "key_padding_mask", key_padding_mask, q.dtype)
        if pad:
            kpm = _C.pad(kpm, (0, pad))
        kpm = kpm.reshape(N, 1, 1, kpm.shape[-1])
        mask = kpm if mask is None else mask + kpm
    if need_weights:
        scores = _C.matmul(q * (1.0 / math.sqrt(hd)), k.transpose(-2, -1))  # [N, H, L, S]
        if mask is not None:
            scores = scores + mask
        weights = _C.softmax(scores, -1)
        if dropout_p > 0:
            weights = _C.dropout(weights, dropout_p, True)
        out = _C.matmul(weights, v)  # [N, H, L, hd]
        if average_attn_weights:
            weights = weights.mean(1)
    else:
        out = _C.scaled_dot_product_attention(q, k, v, mask, dropout_p, bool(is_causal))
        weights = None
    out = _C.linear(out.transpose(1, 2).flatten(-2), out_proj_weight, out_proj_bias)  # [N, L, E]
    if not batched:
        return out.squeeze(0), (weights.squeeze(0) if weights is not None else None)
    return (out if batch_first else out.transpose(0, 1)), weights


def multi_head_attention_forward(query, key, value, embed_dim_to_check, num_heads, in_proj_weight, in_proj_bias,
                                 bias_k, bias_v, add_zero_attn, dropout_p, out_proj_weight, out_proj_bias,
                                 training=True, key_padding_mask=None, need_weights=True, attn_mask=None,
                                 use_separate_proj_weight=False, q_proj_weight=None, k_proj_weight=None,
                                 v_proj_weight=None, static_k=None, static_v=None, average_attn_weights=True,
                                 is_causal=False):
    """torch.nn.functional.multi_head_attention_forward: sequence-first [L, N, E] (or unbatched [L, E])."""
    name = "multi_head_attention_forward"
    if embed_dim_to_check % num_heads != 0:
        raise ValueError(f"{name}: embed_dim {embed_dim_to_check} not divisible by num_heads {num_heads}")
    separate = (q_proj_weight, k_proj_weight, v_proj_weight) if use_separate_proj_weight else None
    return _mha(name, query, key, value, embed_dim_to_check, num_heads, in_proj_weight, in_proj_bias, bias_k,
                bias_v, add_zero_attn, dropout_p, out_proj_weight, out_proj_bias, training, key_padding_mask,
                need_weights, attn_mask, separate, static_k, static_v, average_attn_weights, is_causal, False)


class MultiheadAttention(Module):
    """torch.nn.MultiheadAttention: in_proj_weight [3E, E] (or q/k/v_proj_weight when kdim or vdim differ from
    embed_dim), in_proj_bias [3E], out_proj (a Linear), optional bias_k / bias_v [1, 1, E]."""

    def __init__(self, embed_dim, num_heads, dropout=0.0, bias=True, add_bias_kv=False, add_zero_attn=False,
                 kdim=None, vdim=None, batch_first=False, device=None, dtype=None):
        super().__init__()
        for arg, value in (("embed_dim", embed_dim), ("num_heads", num_heads)):
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"MultiheadAttention: {arg} must be a positive integer, but got {value!r}")
        if embed_dim % num_heads != 0:
            raise ValueError(f"MultiheadAttention: embed_dim must be divisible by num_heads, got embed_dim="
                             f"{embed_dim} and num_heads={num_heads}")
        if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) or not 0 <= dropout <= 1:
            raise ValueError(f"MultiheadAttention: dropout probability has to be between 0 and 1, but got {dropout!r}")
        from .. import empty, get_default_dtype

        dtype = get_default_dtype() if dtype is None else dtype
        self.embed_dim = embed_dim
        self.kdim = kdim if kdim is not None else embed_dim
        self.vdim = vdim if vdim is not None else embed_dim
        self._qkv_same_embed_dim = self.kdim == embed_dim and self.vdim == embed_dim
        self.num_heads = num_heads
        self.dropout = float(dropout)
        self.batch_first = batch_first
        self.head_dim = embed_dim // num_heads
        E = embed_dim
        if self._qkv_same_embed_dim:
            self.in_proj_weight = Parameter(empty(3 * E, E, dtype=dtype))
            for n in ("q_proj_weight", "k_proj_weight", "v_proj_weight"):
                self.register_parameter(n, None)
        else:
            self.q_proj_weight = Parameter(empty(E, E, dtype=dtype))
            self.k_proj_weight = Parameter(empty(E, self.kdim, dtype=dtype))
            self.v_proj_weight = Parameter(empty(E, self.vdim, dtype=dtype))
            self.register_parameter("in_proj_weight", None)
        if bias:
            self.in_proj_bias = Parameter(empty(3 * E, dtype=dtype))
        else:
            self.register_parameter("in_proj_bias", None)
        # torch's out_proj is a NonDynamicallyQuantizableLinear: a Linear as far as parameters and maths go.
        self.out_proj = Linear(E, E, bias=bias, dtype=dtype)
        if add_bias_kv:
            self.bias_k = Parameter(empty(1, 1, E, dtype=dtype))
            self.bias_v = Parameter(empty(1, 1, E, dtype=dtype))
        else:
            self.bias_k = self.bias_v = None
        self.add_zero_attn = add_zero_attn
        self._reset_parameters()
        if device is not None:
            self.to(device)

    def _reset_parameters(self):
        # torch's: Xavier-uniform projections (the packed [3E, E] as one matrix), zero biases, Xavier-normal bias_k/v.
        if self._qkv_same_embed_dim:
            init.xavier_uniform_(self.in_proj_weight)
        else:
            for w in (self.q_proj_weight, self.k_proj_weight, self.v_proj_weight):
                init.xavier_uniform_(w)
        if self.in_proj_bias is not None:
            init.constant_(self.in_proj_bias, 0.0)
            init.constant_(self.out_proj.bias, 0.0)
        if self.bias_k is not None:
            init.xavier_normal_(self.bias_k)
            init.xavier_normal_(self.bias_v)

    def forward(self, query, key, value, key_padding_mask=None, need_weights=True, attn_mask=None,
                average_attn_weights=True, is_causal=False):
        """(attn_output, attn_weights): output [L, N, E] ([N, L, E] with batch_first, [L, E] unbatched);
        weights [N, L, S] averaged over heads or [N, H, L, S], or None when need_weights=False."""
        name = type(self).__name__
        for what, t, want in (("key", key, self.kdim), ("value", value, self.vdim)):
            if t.shape[-1] != want:
                dim = "kdim" if what == "key" else "vdim"
                raise ValueError(f"{name}: expected {what} with last dim {dim}={want}, got shape {_shape(t)}")
        separate = None if self._qkv_same_embed_dim else (self.q_proj_weight, self.k_proj_weight, self.v_proj_weight)
        return _mha(name, query, key, value, self.embed_dim, self.num_heads, self.in_proj_weight, self.in_proj_bias,
                    self.bias_k, self.bias_v, self.add_zero_attn, self.dropout, self.out_proj.weight,
                    self.out_proj.bias, self.training, key_padding_mask, need_weights, attn_mask, separate, None,
                    None, average_attn_weights, is_causal, self.batch_first)
