"""F.interpolate. 'nearest' is the C++ op; 'linear', 'bilinear' and 'bicubic'
are separable, so each resized dim is one matmul with an [out, in] matrix of
torch's interpolation weights (built on the host from the sizes alone):
y = A_h @ x @ A_w^T. The same products as torch's kernel, summed by BLAS;
the gradient is the transposed matmul. 'area' is adaptive average pooling,
as in torch."""
import math

import numpy as np

from ... import _C

__all__ = ["interpolate", "upsample", "upsample_bilinear"]

_SPATIAL = {"linear": 1, "bilinear": 2, "bicubic": 2}
_A = -0.75  # torch's bicubic convolution constant


def _out_sizes(op, x, n, size, scale_factor, recompute):
    """The output sizes and the scales torch uses for the index maps (None: in/out)."""
    if (size is None) == (scale_factor is None):
        raise ValueError(f"{op}: " + ("either size or scale_factor must be given" if size is None
                                      else "only one of size or scale_factor may be given"))
    spatial = tuple(x.shape)[2:]
    if size is not None:
        sizes = list(size) if isinstance(size, (tuple, list)) else [size] * n
        if len(sizes) != n:
            raise ValueError(f"{op}: size must have {n} entries for a {n + 2}-d input but got {size!r}")
        if any(isinstance(s, bool) or not isinstance(s, int) or s <= 0 for s in sizes):
            raise ValueError(f"{op}: size entries must be positive integers but got {size!r}")
        return sizes, [None] * n
    scales = list(scale_factor) if isinstance(scale_factor, (tuple, list)) else [scale_factor] * n
    if len(scales) != n:
        raise ValueError(f"{op}: scale_factor must have {n} entries for a {n + 2}-d input but got {scale_factor!r}")
    scales = [float(s) for s in scales]
    if any(not s > 0 or not math.isfinite(s) for s in scales):
        raise ValueError(f"{op}: scale_factor must be positive but got {scale_factor!r}")
    sizes = [int(math.floor(i * s)) for i, s in zip(spatial, scales)]
    return sizes, ([None] * n if recompute else scales)


def _source(n_in, n_out, align_corners, scale, cubic):
    """The source coordinate of each output position (torch's area_pixel_compute_source_index)."""
    dst = np.arange(n_out, dtype=np.float64)
    if align_corners:
        return dst * ((n_in - 1) / (n_out - 1) if n_out > 1 else 0.0)
    ratio = 1.0 / scale if scale is not None else n_in / n_out
    src = ratio * (dst + 0.5) - 0.5
    return src if cubic else np.maximum(src, 0.0)


def _linear_matrix(n_in, n_out, align_corners, scale):
    src = _source(n_in, n_out, align_corners, scale, False)
    i0 = np.floor(src).astype(np.int64)
    i0 = np.minimum(i0, n_in - 1)
    i1 = np.minimum(i0 + 1, n_in - 1)
    lam = np.clip(src - i0, 0.0, 1.0)
    a = np.zeros((n_out, n_in))
    rows = np.arange(n_out)
    np.add.at(a, (rows, i0), 1.0 - lam)
    np.add.at(a, (rows, i1), lam)
    return a


def _cubic_matrix(n_in, n_out, align_corners, scale):
    src = _source(n_in, n_out, align_corners, scale, True)
    base = np.floor(src).astype(np.int64)
    t = src - base

    def near(x):  # |x| <= 1
        return ((_A + 2) * x - (_A + 3)) * x * x + 1

    def far(x):  # 1 < |x| < 2
        return ((_A * x - 5 * _A) * x + 8 * _A) * x - 4 * _A

    weights = (far(t + 1), near(t), near(1 - t), far(2 - t))
    a = np.zeros((n_out, n_in))
    rows = np.arange(n_out)
    for k, wk in enumerate(weights):  # taps base-1 .. base+2, clamped to the border
        np.add.at(a, (rows, np.clip(base - 1 + k, 0, n_in - 1)), wk)
    return a


def interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None, recompute_scale_factor=None,
                antialias=False):
    """Resizes the spatial dims of input (all dims after the first two).

    Args:
        input (Tensor): [N, C, L] (1-d modes), [N, C, H, W] (2-d modes).
        size (int | Sequence[int] | None): the output spatial size.
        scale_factor (float | Sequence[float] | None): the factor, when size is None.
        mode (str): 'nearest', 'area' (adaptive average pooling), 'linear' (3-d input),
            'bilinear' or 'bicubic' (4-d input).
        align_corners (bool | None): for the interpolating modes: map the corner pixels' centres onto
            each other (True) or the corners' edges (False, the default).
        recompute_scale_factor (bool | None): compute the index map from the output size instead of
            scale_factor.
        antialias (bool): not supported for the interpolating modes (raises).

    Returns:
        Tensor: [N, C, *size].

    Raises:
        ValueError: neither or both of size and scale_factor, align_corners with 'nearest' or 'area',
            or an input of the wrong number of dims for the mode.
        NotImplementedError: an unsupported mode (such as 'trilinear') or antialias=True.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.interpolate(nnlite.tensor([[[0., 1.]]]), size=3, mode='linear', align_corners=True).tolist()
        [[[0.0, 0.5, 1.0]]]
        >>> F.interpolate(nnlite.zeros(1, 1, 2, 2), scale_factor=2).shape
        (1, 1, 4, 4)
    """
    op = "interpolate"
    if mode in ("nearest", "area"):
        if align_corners is not None:
            raise ValueError(f"{op}: align_corners can only be set with the interpolating modes (linear, bilinear, "
                             "bicubic, trilinear)")
        if input.dim() == 3:  # [N, C, L] as [N, C, 1, L]
            sizes, scales = _out_sizes(op, input, 1, size, scale_factor, recompute_scale_factor)
            scale = None if scales[0] is None else (1.0, scales[0])
            out = interpolate(input.unsqueeze(2), None if scale else (1, sizes[0]), scale, mode, None,
                              recompute_scale_factor, antialias)
            return out.squeeze(2)
        if mode == "area":
            if input.dim() != 4:
                raise NotImplementedError(f"{op}: mode 'area' supports 3-d and 4-d inputs, got shape "
                                          f"{tuple(input.shape)}")
            sizes, _ = _out_sizes(op, input, 2, size, scale_factor, recompute_scale_factor)
            return _C.adaptive_avg_pool2d(input, sizes)
        return _C.interpolate(input, size, scale_factor, mode, align_corners, recompute_scale_factor, antialias)
    if mode not in _SPATIAL:
        raise NotImplementedError(f"{op}: mode {mode!r} is not supported; use 'nearest', 'area', 'linear', "
                                  "'bilinear' or 'bicubic'")
    n = _SPATIAL[mode]
    if input.dim() != n + 2:
        raise ValueError(f"{op}: mode {mode!r} expects a {n + 2}-d input but got shape {tuple(input.shape)}")
    if antialias:
        raise NotImplementedError(f"{op}: antialias=True is not supported")
    align = bool(align_corners)
    sizes, scales = _out_sizes(op, input, n, size, scale_factor, recompute_scale_factor)
    build = _cubic_matrix if mode == "bicubic" else _linear_matrix
    dtype = np.float64 if str(input.dtype).endswith("float64") else np.float32
    mats = [build(i, o, align, s).astype(dtype) for i, o, s in zip(tuple(input.shape)[2:], sizes, scales)]
    from ... import from_numpy

    out = input.matmul(from_numpy(np.ascontiguousarray(mats[-1].T)).to(input.device))  # last dim: x @ A_w^T
    if n == 2:
        out = from_numpy(mats[0]).to(input.device).matmul(out)  # height: A_h @ x
    return out


def upsample(input, size=None, scale_factor=None, mode="nearest", align_corners=None):
    """torch's deprecated name for interpolate (same arguments, without the newer ones).

    Args:
        input (Tensor): [N, C, L] or [N, C, H, W].
        size (int | Sequence[int] | None): the output spatial size.
        scale_factor (float | Sequence[float] | None): the factor, when size is None.
        mode (str): as in interpolate.
        align_corners (bool | None): as in interpolate.

    Returns:
        Tensor: the resized input.

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.upsample(nnlite.zeros(1, 1, 1, 2), scale_factor=2).shape
        (1, 1, 2, 4)
    """
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_bilinear(input, size=None, scale_factor=None):
    """Bilinear upsampling with align_corners=True (torch's deprecated name).

    Args:
        input (Tensor): [N, C, H, W].
        size (int | tuple[int, int] | None): the output (H, W).
        scale_factor (float | tuple[float, float] | None): the factor, when size is None.

    Returns:
        Tensor: [N, C, H_out, W_out].

    Examples:
        >>> import nnlite
        >>> import nnlite.nn.functional as F
        >>> F.upsample_bilinear(nnlite.tensor([[[[0., 1.]]]]), size=(1, 3)).tolist()
        [[[[0.0, 0.5, 1.0]]]]
    """
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)
