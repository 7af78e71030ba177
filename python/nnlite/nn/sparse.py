"""Embedding: a lookup table of rows, as torch.nn.Embedding (and F.embedding).

The lookup and its gradient are one C++ op (``_C.embedding``): the backward
adds gradient rows into the referenced weight rows, never a one-hot product.
"""
from .. import _C
from .module import Module
from .parameter import Parameter

__all__ = ["Embedding", "embedding"]


def _wrap_padding_idx(padding_idx, num_embeddings, who):
    """padding_idx in [-num, num) as an index in [0, num), or -1 for none."""
    if padding_idx is None:
        return -1
    if isinstance(padding_idx, bool) or not isinstance(padding_idx, int):
        raise TypeError(f"{who}: padding_idx must be an int or None, got {type(padding_idx).__name__}")
    if not -num_embeddings <= padding_idx < num_embeddings:
        raise ValueError(f"{who}: padding_idx {padding_idx} must be within num_embeddings "
                         f"(in [{-num_embeddings}, {num_embeddings}))")
    return padding_idx + num_embeddings if padding_idx < 0 else padding_idx


def _check_sparse(sparse, who):
    if sparse:
        raise NotImplementedError(f"{who}: sparse=True gives a sparse weight gradient, but nnlite has no sparse "
                                  "tensors; use sparse=False (the dense gradient adds only the referenced rows)")


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
              sparse=False):
    """Rows of ``weight`` [num_embeddings, dim] picked by the integer ``input``."""
    if not isinstance(weight, _C.Tensor) or weight.dim() != 2:
        got = f"a tensor of shape {list(weight.shape)}" if isinstance(weight, _C.Tensor) else type(weight).__name__
        raise ValueError(f"embedding: weight must be 2-d [num_embeddings, embedding_dim], got {got}")
    if not isinstance(input, _C.Tensor):
        raise TypeError(f"embedding: input must be an integer tensor of indices, got {type(input).__name__}")
    _check_sparse(sparse, "embedding")
    pad = _wrap_padding_idx(padding_idx, weight.shape[0], "embedding")
    if max_norm is not None:
        # torch renormalises the referenced rows in place, outside autograd.
        from ..autograd import no_grad

        with no_grad():
            _C.embedding_renorm_(weight, input, float(max_norm), float(norm_type))
    return _C.embedding(weight, input, pad, bool(scale_grad_by_freq), False)


class Embedding(Module):
    """A table of ``num_embeddings`` vectors of size ``embedding_dim``; input
    holds indices of any shape, the output appends ``embedding_dim``."""

    def __init__(self, num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0,
                 scale_grad_by_freq=False, sparse=False, _weight=None, _freeze=False, device=None, dtype=None):
        super().__init__()
        for name, value in (("num_embeddings", num_embeddings), ("embedding_dim", embedding_dim)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"Embedding: {name} must be a non-negative integer but got {value!r}")
        _check_sparse(sparse, "Embedding")
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        wrapped = _wrap_padding_idx(padding_idx, num_embeddings, "Embedding")
        self.padding_idx = None if padding_idx is None else wrapped
        self.max_norm = max_norm
        self.norm_type = norm_type
        self.scale_grad_by_freq = scale_grad_by_freq
        self.sparse = sparse
        if _weight is None:
            from .. import empty, get_default_dtype

            self.weight = Parameter(empty(num_embeddings, embedding_dim, dtype=get_default_dtype() if dtype is None else dtype),
                                    requires_grad=not _freeze)
            self.reset_parameters()
        else:
            if list(_weight.shape) != [num_embeddings, embedding_dim]:
                raise ValueError(f"Embedding: _weight of shape {list(_weight.shape)} does not match "
                                 f"[num_embeddings, embedding_dim] = [{num_embeddings}, {embedding_dim}]")
            self.weight = Parameter(_weight, requires_grad=not _freeze)
        if device is not None:
            self.to(device)

    def reset_parameters(self):
        """Re-initialises the parameters: weight from N(0, 1), then the padding_idx row (if any) set to 0.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> emb = nn.Embedding(3, 2, padding_idx=0); emb.reset_parameters(); emb.weight[0].tolist()
            [0.0, 0.0]
        """
        from . import init

        init.normal_(self.weight)  # torch's default: N(0, 1)
        self._fill_padding_idx_with_zero()

    def _fill_padding_idx_with_zero(self):
        if self.padding_idx is not None:
            from ..autograd import no_grad

            with no_grad():
                self.weight[self.padding_idx].fill_(0)

    def forward(self, input):
        return embedding(input, self.weight, self.padding_idx, self.max_norm, self.norm_type,
                         self.scale_grad_by_freq, self.sparse)

    def extra_repr(self):
        s = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.padding_idx is not None:
            s += f", padding_idx={self.padding_idx}"
        if self.max_norm is not None:
            s += f", max_norm={self.max_norm}"
        if self.norm_type != 2:
            s += f", norm_type={self.norm_type}"
        if self.scale_grad_by_freq:
            s += f", scale_grad_by_freq={self.scale_grad_by_freq}"
        if self.sparse:
            s += ", sparse=True"
        return s

    @classmethod
    def from_pretrained(cls, embeddings, freeze=True, padding_idx=None, max_norm=None, norm_type=2.0,
                        scale_grad_by_freq=False, sparse=False):
        """An Embedding whose weight is ``embeddings`` (2-d, shared, not copied);
        ``freeze`` keeps it out of training (requires_grad False)."""
        if not isinstance(embeddings, _C.Tensor) or embeddings.dim() != 2:
            got = (f"a tensor of shape {list(embeddings.shape)}" if isinstance(embeddings, _C.Tensor)
                   else type(embeddings).__name__)
            raise ValueError(f"Embedding.from_pretrained: embeddings must be a 2-d tensor, got {got}")
        rows, cols = embeddings.shape
        return cls(rows, cols, _weight=embeddings, _freeze=freeze, padding_idx=padding_idx, max_norm=max_norm,
                   norm_type=norm_type, scale_grad_by_freq=scale_grad_by_freq, sparse=sparse)
