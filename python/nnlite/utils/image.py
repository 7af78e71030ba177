"""Image grids as in torchvision.utils: ``make_grid`` tiles a batch [B, C, H, W]
into one image [C, H', W']; ``save_image`` writes that grid as a PNG (or any
format Pillow knows).

These are output helpers, not differentiable ops: they work on a NumPy copy
and return a fresh tensor.
"""
import math
import os

import numpy as np

from .. import _C

__all__ = ["make_grid", "save_image"]


def _as_batch(images):
    """Tensor [B, C, H, W] / [C, H, W] / [H, W], or a list of [C, H, W] -> float32 [B, C, H, W]."""
    if isinstance(images, (list, tuple)):
        if not images:
            raise ValueError("make_grid: got an empty list of images")
        arrays = [_as_array(im) for im in images]
        shapes = {a.shape for a in arrays}
        if len(shapes) != 1 or arrays[0].ndim != 3:
            raise ValueError(f"make_grid: a list must hold images [C, H, W] of one shape, got shapes "
                             f"{sorted(shapes)}")
        batch = np.stack(arrays)
    else:
        batch = _as_array(images)
        if batch.ndim == 2:
            batch = batch[None, None]
        elif batch.ndim == 3:
            # torchvision reads a single-channel [1, H, W] or a colour [3, H, W] as one image
            batch = batch[None]
        elif batch.ndim != 4:
            raise ValueError(f"make_grid: expected images [B, C, H, W], [C, H, W] or [H, W], got a "
                             f"tensor of shape {list(batch.shape)}")
    if batch.shape[1] == 1:
        batch = np.repeat(batch, 3, axis=1)   # grey -> RGB, so grids of any images concatenate
    return batch


def _as_array(image):
    if isinstance(image, _C.Tensor):
        return image.detach().cpu().contiguous().numpy().astype(np.float32, copy=False)
    if isinstance(image, np.ndarray):
        return image.astype(np.float32, copy=False)
    raise TypeError(f"make_grid: expected an nnlite Tensor or a list of Tensors, got {type(image).__name__}")


def _rescale(batch, value_range, scale_each):
    """Map value_range (default: the data's own min and max, per image if scale_each) onto [0, 1]."""
    if value_range is not None and (not isinstance(value_range, (tuple, list)) or len(value_range) != 2):
        raise ValueError(f"make_grid: value_range must be a (low, high) pair, got {value_range!r}")

    def rescale(x):
        low, high = value_range if value_range is not None else (float(x.min()), float(x.max()))
        x = np.clip(x, low, high)
        return (x - low) / max(high - low, 1e-5)

    if scale_each:
        return np.stack([rescale(image) for image in batch])
    return rescale(batch)


def make_grid(tensor, nrow=8, padding=2, normalize=False, value_range=None, scale_each=False, pad_value=0.0):
    """Tile images into a grid of ``nrow`` columns with ``padding`` pixels of
    ``pad_value`` between and around them; returns a tensor [C, H', W'].

    With ``normalize=True`` values are shifted and scaled from ``value_range``
    (or the data's min and max) to [0, 1]. A batch of one image is returned
    as that image, as torchvision does.
    """
    if not isinstance(nrow, int) or nrow < 1:
        raise ValueError(f"make_grid: nrow must be a positive int, got {nrow!r}")
    if not isinstance(padding, int) or padding < 0:
        raise ValueError(f"make_grid: padding must be a non-negative int, got {padding!r}")
    batch = _as_batch(tensor)
    if normalize:
        batch = _rescale(batch, value_range, scale_each)
    count, channels, height, width = batch.shape
    if count == 1:
        return _C.from_numpy(np.ascontiguousarray(batch[0], dtype=np.float32))
    columns = min(nrow, count)
    rows = math.ceil(count / columns)
    cell_h, cell_w = height + padding, width + padding
    grid = np.full((channels, rows * cell_h + padding, columns * cell_w + padding), pad_value, np.float32)
    for index in range(count):
        top = (index // columns) * cell_h + padding
        left = (index % columns) * cell_w + padding
        grid[:, top:top + height, left:left + width] = batch[index]
    return _C.from_numpy(grid)


def save_image(tensor, fp, format=None, **grid_options):
    """Write ``make_grid(tensor, **grid_options)`` to ``fp`` (a path or a
    binary file object) as 8-bit RGB; values are read as [0, 1] and clipped.
    Needs Pillow (``pip install nnlite[images]``)."""
    try:
        from PIL import Image
    except ImportError as err:
        raise ImportError("save_image: writing images needs Pillow; pip install 'nnlite[images]'") from err
    grid = make_grid(tensor, **grid_options).numpy()
    if grid.ndim == 2:
        grid = grid[None]
    pixels = np.clip(grid * 255.0 + 0.5, 0, 255).astype(np.uint8).transpose(1, 2, 0)
    if pixels.shape[2] == 1:
        pixels = pixels[:, :, 0]
    if isinstance(fp, (str, os.PathLike)) and format is None and not os.path.splitext(os.fspath(fp))[1]:
        format = "PNG"   # a path without an extension: Pillow could not guess
    Image.fromarray(pixels).save(fp, format=format)
