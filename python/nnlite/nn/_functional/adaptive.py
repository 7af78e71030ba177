"""adaptive_max_pool2d. When Ho divides H and Wo divides W, torch's windows
(floor(i H / Ho) .. ceil((i + 1) H / Ho)) are max_pool2d's with kernel =
stride = H / Ho, and that op runs (and exports). Otherwise one gather and one
max: every output cell's window is listed as flat input positions, padded to
the largest window by repeating its last position, which leaves the maximum
unchanged. Those positions are fixed by the input size, so an export
refuses that case rather than freeze them into the graph."""
import numpy as np

from ... import _C
from ..._export.dims import DerivedDim

__all__ = ["adaptive_max_pool2d", "adaptive_max_pool2d_with_indices"]


def _bounds(n_in, n_out):
    """[n_out, k_max] input positions of each window along one dim, padded by repetition."""
    starts = [(i * n_in) // n_out for i in range(n_out)]
    ends = [-((-(i + 1) * n_in) // n_out) for i in range(n_out)]
    k = max(e - s for s, e in zip(starts, ends))
    return np.array([[min(s + j, e - 1) for j in range(k)] for s, e in zip(starts, ends)], dtype=np.int64)


def _output_size(op, output_size, h, w):
    if isinstance(output_size, (tuple, list)):
        if len(output_size) != 2:
            raise ValueError(f"{op}: output_size must be an int or a pair but got {output_size!r}")
        oh, ow = output_size
    else:
        oh = ow = output_size
    oh = h if oh is None else oh
    ow = w if ow is None else ow
    for v in (oh, ow):
        if isinstance(v, bool) or not isinstance(v, int) or v <= 0:
            raise ValueError(f"{op}: output_size entries must be positive integers (or None) but got "
                             f"{output_size!r}")
    return oh, ow


def adaptive_max_pool2d(input, output_size, return_indices=False):
    """[N, C, H, W] (or [C, H, W]) -> [N, C, Ho, Wo]; indices are flat h * W + w."""
    from ... import from_numpy

    op = "adaptive_max_pool2d"
    if input.dim() not in (3, 4) or 0 in tuple(input.shape)[-2:]:
        raise ValueError(f"{op}: input must be a non-empty [N, C, H, W] or [C, H, W] but got shape "
                         f"{tuple(input.shape)}")
    h, w = tuple(input.shape)[-2:]
    oh, ow = _output_size(op, output_size, h, w)
    if h % oh == 0 and w % ow == 0:
        kernel = (int(h) // oh, int(w) // ow)  # plain ints: graph attributes, not sizes
        return _C.max_pool2d(input, kernel, kernel, 0, 1, False, return_indices)
    if isinstance(h, DerivedDim) or isinstance(w, DerivedDim):
        raise _C.ExportError(f"export: {op} from {h}x{w} to {oh}x{ow} (sizes that do not divide) has windows "
                             "fixed by the input size and no graph op; use output sizes that divide the input's")
    rows, cols = _bounds(h, oh), _bounds(w, ow)
    kh, kw = rows.shape[1], cols.shape[1]
    # flat[ho, wo, a, b] = rows[ho, a] * W + cols[wo, b]
    flat = rows[:, None, :, None] * w + cols[None, :, None, :]
    flat = flat.reshape(oh, ow, kh * kw)
    lead = tuple(input.shape)[:-2]
    index = from_numpy(np.ascontiguousarray(flat.reshape(-1))).to(input.device)
    windows = input.flatten(-2).index_select(-1, index).reshape(list(lead) + [oh, ow, kh * kw])
    values, local = windows.max(dim=-1)
    if not return_indices:
        return values
    table = from_numpy(np.ascontiguousarray(flat)).expand(list(lead) + [oh, ow, kh * kw])
    return values, table.gather(-1, local.unsqueeze(-1)).squeeze(-1)


def adaptive_max_pool2d_with_indices(input, output_size, return_indices=True):
    """adaptive_max_pool2d(..., return_indices=True): the maxima and their flat h * W + w indices.

    Args:
        input (Tensor): [N, C, H, W] or [C, H, W].
        output_size (int | tuple[int | None, int | None]): (Ho, Wo); None keeps that input size.
        return_indices (bool): taken for torch's signature; the indices are always returned.

    Returns:
        tuple[Tensor, Tensor]: the maxima [N, C, Ho, Wo] and the int64 indices.

    Raises:
        ValueError: an output size of 0 or a wrong input shape.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> values, indices = F.adaptive_max_pool2d_with_indices(nnlite.arange(4.).reshape(1, 1, 2, 2), 1)
        >>> values.item(), indices.item()
        (3.0, 3)
    """
    return adaptive_max_pool2d(input, output_size, True)
