"""PyTorch's linear-algebra Tensor methods and functions built from the core
ops (norm, diagonal/diag/trace, outer, addmm/baddbmm, cross, cdist): split
from _tensor_methods.py, which attaches them to Tensor."""
import builtins
import math

from . import _C
from ._tensor_methods_util import _dim, _scaled

Tensor = _C.Tensor


def norm(input, p="fro", dim=None, keepdim=False, dtype=None):
    """The p-norm of input over all dims or the given ones: (sum |x|^p)^(1/p).

    Args:
        input (Tensor): float32 or float64.
        p (float | str): 'fro' or 2 (the Euclidean norm, the default), 1, 0 (the count of
            nonzeros), inf or 'inf' (the largest |x|), -inf (the smallest), or any other number.
        dim (int | Sequence[int] | None): the dims reduced; None reduces all of them.
        keepdim (bool): keep each reduced dim with size 1.
        dtype (dtype | None): convert input to this dtype first.

    Returns:
        Tensor: input's shape without the reduced dims; the gradient at a zero norm is 0.

    Raises:
        TypeError: input is not floating point.
        ValueError: an unsupported p.

    Examples:
        >>> import nnlite
        >>> nnlite.tensor([3., 4.]).norm().item()
        5.0
        >>> nnlite.norm(nnlite.tensor([[1., -2.], [3., 0.]]), p=1, dim=1).tolist()
        [3.0, 3.0]
    """
    x = input.to(dtype) if dtype is not None else input
    if x.dtype not in (_C.float32, _C.float64):
        raise TypeError(f"norm: expected a floating point tensor, got {x.dtype}")
    dims = list(range(x.dim())) if dim is None else ([dim] if isinstance(dim, builtins.int) else list(dim))
    if p in ("fro", 2, 2.0):
        return _root((x * x).sum(dims, keepdim=keepdim), 2)
    if p in (math.inf, "inf"):
        return x.abs().amax(dims, keepdim=keepdim)
    if p == -math.inf:
        return x.abs().amin(dims, keepdim=keepdim)
    if p == 1:
        return x.abs().sum(dims, keepdim=keepdim)
    if p == 0:
        return (x != 0).to(x.dtype).sum(dims, keepdim=keepdim)
    if isinstance(p, (builtins.int, builtins.float)):
        return _root(x.abs().pow(p).sum(dims, keepdim=keepdim), p)
    raise ValueError(f"norm: unsupported p={p!r}; expected a number, inf or 'fro'")


def _root(s, p):
    """s ** (1/p), with torch's zero gradient where s is 0 (a plain root gives NaN there)."""
    zero = s == 0
    safe = _C.where(zero, _C.ones_like(s), s)
    root = safe.sqrt() if p == 2 else safe.pow(1.0 / p)
    return _C.where(zero, _C.zeros_like(s), root)


def diagonal(input, offset=0, dim1=0, dim2=1):
    """Picks x[..., i, i+offset] through a flat index_select over the two dims."""
    d1, d2 = _dim(input, dim1, "diagonal"), _dim(input, dim2, "diagonal")
    if d1 == d2:
        raise ValueError(f"diagonal: dim1 and dim2 must differ, got {dim1} and {dim2}")
    rest = [d for d in range(input.dim()) if d not in (d1, d2)]
    x = input.permute(rest + [d1, d2])
    n, m = x.shape[-2], x.shape[-1]
    start_row, start_col = builtins.max(-offset, 0), builtins.max(offset, 0)
    length = builtins.max(builtins.min(n - start_row, m - start_col), 0)
    idx = _C.tensor([(start_row + i) * m + start_col + i for i in range(length)], dtype=_C.int64, device=x.device)
    return x.reshape(list(x.shape[:-2]) + [n * m]).index_select(-1, idx)


def diag(input, diagonal=0):
    """A 1-d tensor's values on a diagonal of a new square matrix, or a matrix's diagonal as 1-d.

    Args:
        input (Tensor): 1-d (builds a matrix) or 2-d (reads a diagonal).
        diagonal (int): 0 is the main diagonal, positive ones above it, negative ones below.

    Returns:
        Tensor: [n + |diagonal|, n + |diagonal|] from a 1-d input; 1-d from a 2-d one.

    Raises:
        ValueError: input is neither 1-d nor 2-d.

    Examples:
        >>> import nnlite
        >>> nnlite.diag(nnlite.tensor([1., 2.])).tolist()
        [[1.0, 0.0], [0.0, 2.0]]
        >>> nnlite.tensor([[1, 2], [3, 4]]).diag().tolist()
        [1, 4]
    """
    if input.dim() == 2:
        return globals()["diagonal"](input, diagonal)
    if input.dim() != 1:
        raise ValueError(f"diag: expected a 1-d or 2-d tensor, got {input.dim()}-d")
    n = input.shape[0]
    size = n + builtins.abs(diagonal)
    flat = _C.zeros([size * size], dtype=input.dtype, device=input.device)
    r, c = builtins.max(-diagonal, 0), builtins.max(diagonal, 0)
    idx = _C.tensor([(r + i) * size + c + i for i in range(n)], dtype=_C.int64, device=input.device)
    return flat.index_add(0, idx, input).reshape([size, size])


def trace(input):
    """The sum of a matrix's main diagonal.

    Args:
        input (Tensor): 2-d (need not be square).

    Returns:
        Tensor: 0-d, input's dtype.

    Raises:
        ValueError: input is not 2-d.

    Examples:
        >>> import nnlite
        >>> nnlite.trace(nnlite.tensor([[1., 2.], [3., 4.]])).item()
        5.0
    """
    if input.dim() != 2:
        raise ValueError(f"trace: expected a 2-d tensor, got {input.dim()}-d")
    return diagonal(input).sum()


def outer(input, vec2):
    """The outer product of two vectors: `out[i][j] = input[i] * vec2[j]`.

    Args:
        input (Tensor): [n].
        vec2 (Tensor): [m].

    Returns:
        Tensor: [n, m].

    Raises:
        ValueError: either is not 1-d.

    Examples:
        >>> import nnlite
        >>> nnlite.outer(nnlite.tensor([1., 2.]), nnlite.tensor([1., 10.])).tolist()
        [[1.0, 10.0], [2.0, 20.0]]
    """
    if input.dim() != 1 or vec2.dim() != 1:
        raise ValueError(f"outer: expected two 1-d tensors, got {input.dim()}-d and {vec2.dim()}-d")
    return input.unsqueeze(1) * vec2.unsqueeze(0)


def addmm(input, mat1, mat2, *, beta=1, alpha=1):
    """beta * input + alpha * (mat1 @ mat2), input broadcast to [n, m].

    Args:
        input (Tensor): broadcastable to [n, m] (often a bias of shape [m]).
        mat1 (Tensor): [n, k].
        mat2 (Tensor): [k, m].
        beta (float): keyword only: the factor of input.
        alpha (float): keyword only: the factor of the product.

    Returns:
        Tensor: [n, m].

    Raises:
        ValueError: the inner sizes differ or input does not broadcast.

    Examples:
        >>> import nnlite
        >>> nnlite.addmm(nnlite.tensor([1., 1.]), nnlite.ones(1, 3), nnlite.ones(3, 2), alpha=2).tolist()
        [[7.0, 7.0]]
    """
    return _scaled(input, beta) + _scaled(_C.mm(mat1, mat2), alpha)


def baddbmm(input, batch1, batch2, *, beta=1, alpha=1):
    """beta * input + alpha * bmm(batch1, batch2): addmm for a batch of matrices.

    Args:
        input (Tensor): broadcastable to [b, n, m].
        batch1 (Tensor): [b, n, k].
        batch2 (Tensor): [b, k, m].
        beta (float): keyword only: the factor of input.
        alpha (float): keyword only: the factor of the product.

    Returns:
        Tensor: [b, n, m].

    Raises:
        ValueError: the shapes do not match.

    Examples:
        >>> import nnlite
        >>> nnlite.baddbmm(nnlite.zeros(2, 1, 1), nnlite.ones(2, 1, 3), nnlite.ones(2, 3, 1)).tolist()
        [[[3.0]], [[3.0]]]
    """
    return _scaled(input, beta) + _scaled(_C.bmm(batch1, batch2), alpha)


def cross(input, other, dim=None):
    """The cross product of 3-vectors along dim.

    Args:
        input (Tensor): with size 3 along dim.
        other (Tensor): input's shape.
        dim (int | None): the dim holding the vectors; None takes the first dim of size 3
            (as torch.cross did; torch.linalg.cross uses the last).

    Returns:
        Tensor: input's shape.

    Raises:
        ValueError: no dim of size 3, or dim's size is not 3.

    Examples:
        >>> import nnlite
        >>> nnlite.cross(nnlite.tensor([1., 0., 0.]), nnlite.tensor([0., 1., 0.])).tolist()
        [0.0, 0.0, 1.0]
    """
    if dim is None:  # torch: the first dimension of size 3
        dims = [i for i, s in enumerate(input.shape) if s == 3]
        if not dims:
            raise ValueError(f"cross: no dimension of size 3 in shape {list(input.shape)}")
        dim = dims[0]
    d = _dim(input, dim, "cross")
    if input.shape[d] != 3 or other.shape[d] != 3:
        raise ValueError(f"cross: dimension {dim} must have size 3, got {input.shape[d]} and {other.shape[d]}")
    a = [input.narrow(d, i, 1) for i in range(3)]
    b = [other.narrow(d, i, 1) for i in range(3)]
    return _C.cat([a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]], d)


def cdist(x1, x2, p=2.0):
    """The p-norm distance between each row of x1 and each row of x2.

    Args:
        x1 (Tensor): [..., P, M], a floating dtype.
        x2 (Tensor): [..., R, M]; batch dims broadcast with x1's.
        p (float): the norm, as in norm (2 by default).

    Returns:
        Tensor: [..., P, R]; out[..., i, j] = norm(x1[..., i, :] - x2[..., j, :], p).

    Raises:
        ValueError: fewer than 2 dims, or the last sizes differ.

    Examples:
        >>> import nnlite
        >>> nnlite.cdist(nnlite.tensor([[0., 0.]]), nnlite.tensor([[3., 4.], [0., 1.]])).tolist()
        [[5.0, 1.0]]
    """
    if x1.dim() < 2 or x2.dim() < 2 or x1.shape[-1] != x2.shape[-1]:
        raise ValueError(f"cdist: expected (..., P, M) and (..., R, M), got {list(x1.shape)} and {list(x2.shape)}")
    return norm(x1.unsqueeze(-2) - x2.unsqueeze(-3), p, dim=-1)
