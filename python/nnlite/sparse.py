"""torch.sparse's COO entry points, for programs (graph networks) that build
their adjacency matrices with them.

nnlite has no sparse layout: ``sparse_coo_tensor`` builds the dense tensor
(duplicate indices summed, as torch's coalescing does), ``Tensor.to_sparse()``
and ``to_dense()`` return the tensor itself, and ``spmm`` / ``sparse.mm`` are
``mm``. Values and gradients are torch's; memory and time are those of the
dense matrix (2708 nodes: 29 MB in float32), so this suits graphs of a few
thousand nodes, not millions. ``indices()``/``values()``/``_nnz()`` of a
sparse tensor have no meaning here and are not provided.
"""
from __future__ import annotations

import math

import numpy as np

from . import _C


def _as_indices(indices):
    if isinstance(indices, _C.Tensor):
        indices = indices.detach().numpy()
    arr = np.asarray(indices)
    if arr.ndim != 2 or (arr.size and arr.dtype.kind not in "iu"):
        raise ValueError(f"sparse_coo_tensor: indices must be an integer array [ndim, nnz], got shape "
                         f"{arr.shape} of {arr.dtype}")
    return arr.astype(np.int64)


def sparse_coo_tensor(indices, values, size=None, *, dtype=None, device=None, pin_memory=False,
                      requires_grad=False, check_invariants=None, is_coalesced=None):
    """The tensor with ``values[k]`` at position ``indices[:, k]`` and zeros elsewhere, built dense
    (see the module docstring). indices [sparse_dims, nnz]; values [nnz, *dense_dims]."""
    idx = _as_indices(indices)
    if not isinstance(values, _C.Tensor):
        values = _C.tensor(values if isinstance(values, (list, tuple)) else np.asarray(values).tolist())
    if values.dim() == 0 or int(values.shape[0]) != idx.shape[1]:
        raise ValueError(f"sparse_coo_tensor: values must have one row per index column ({idx.shape[1]}), got "
                         f"shape {tuple(values.shape)}")
    if dtype is not None:
        values = values.to(dtype)
    sparse_dims, dense_shape = idx.shape[0], [int(s) for s in values.shape[1:]]
    if size is None:  # torch infers the smallest size that holds every index
        sparse_shape = [int(idx[d].max()) + 1 if idx.shape[1] else 0 for d in range(sparse_dims)]
    else:
        size = [int(s) for s in size]
        if len(size) != sparse_dims + len(dense_shape) or size[sparse_dims:] != dense_shape:
            raise ValueError(f"sparse_coo_tensor: size {tuple(size)} does not match {sparse_dims} index rows and "
                             f"values of shape {tuple(values.shape)}")
        sparse_shape = size[:sparse_dims]
    for d in range(sparse_dims):
        if idx.shape[1] and (idx[d].min() < 0 or idx[d].max() >= sparse_shape[d]):
            raise ValueError(f"sparse_coo_tensor: indices in row {d} range over [{idx[d].min()}, {idx[d].max()}], "
                             f"outside a size of {sparse_shape[d]}")
    flat = _C.from_numpy(np.ravel_multi_index(tuple(idx), sparse_shape) if idx.shape[1] else
                         np.zeros(0, np.int64))
    out = _C.zeros([math.prod(sparse_shape)] + dense_shape, dtype=values.dtype)
    if idx.shape[1]:
        out = out.index_add(0, flat, values)  # duplicates add up, as when torch coalesces
    out = out.reshape(sparse_shape + dense_shape)
    if device is not None:
        out = out.to(device)
    return out.requires_grad_(True) if requires_grad else out


def mm(mat1, mat2):
    """torch.sparse.mm / torch.spmm: a matrix product (both operands are dense in nnlite)."""
    return _C.mm(mat1, mat2)


spmm = mm


def _to_sparse(self, *args, **kwargs):
    """torch's conversion to the COO layout; nnlite keeps tensors dense (see nnlite.sparse)."""
    return self


def _to_dense(self, dtype=None, *, masked_grad=None):
    """torch's conversion from a sparse layout: nnlite's tensors are always dense.

    Args:
        dtype (dtype, optional): convert to this dtype as well.
        masked_grad: accepted for torch's signature and ignored.

    Returns:
        Tensor: the tensor itself, or its conversion to ``dtype``.

    Example:
        >>> nnlite.ones(2).to_dense().tolist()
        [1.0, 1.0]
    """
    return self if dtype is None else self.to(dtype)


def install():
    """Attach to_sparse / to_dense to Tensor; returns the top-level functions."""
    _C.Tensor.to_sparse = _to_sparse
    _C.Tensor.to_sparse_coo = _to_sparse
    _C.Tensor.to_dense = _to_dense
    return {"sparse_coo_tensor": sparse_coo_tensor, "spmm": spmm}
