"""Composable image transforms with torchvision's names and arguments.

They work on nnlite tensors laid out [..., C, H, W] (uint8 or float) and on
PIL images; ``ToTensor`` also takes NumPy arrays (H x W x C). The random ones
draw from nnlite's generators (see ``nnlite.data._seeding``): inside a
DataLoader each sample gets its own seeded generator, so a seed reproduces
every crop and flip whatever the number of workers; outside, they use the
default generator, which ``nnlite.manual_seed`` fixes.

The DataLoader's native path runs ``RandomCrop`` (constant padding),
``CenterCrop``, ``RandomHorizontalFlip``, ``ToTensor`` and ``Normalize`` in
C++ for array-backed datasets, drawing exactly what these classes draw; any
other transform makes it fall back to calling the transform per sample.
"""
from __future__ import annotations

import math
import sys
from numbers import Integral, Real
from typing import Sequence

import numpy as np

import nnlite

from . import _seeding

__all__ = ["Compose", "ToTensor", "Normalize", "RandomCrop", "CenterCrop", "RandomHorizontalFlip",
           "RandomResizedCrop", "Lambda"]


# ---- helpers ----------------------------------------------------------------

def _is_pil(img) -> bool:
    # Pillow is optional: only look for it when it is already imported.
    image_module = sys.modules.get("PIL.Image")
    return image_module is not None and isinstance(img, image_module.Image)


def _pair(value, owner: str, what: str = "size"):
    """int or (h, w) -> (h, w) of positive ints."""
    if isinstance(value, Integral) and not isinstance(value, bool):
        value = (int(value), int(value))
    elif isinstance(value, Sequence) and len(value) == 1:
        value = (value[0], value[0])
    if (not isinstance(value, Sequence) or len(value) != 2
            or any(isinstance(v, bool) or not isinstance(v, Integral) or v < 1 for v in value)):
        raise ValueError(f"{owner}: {what} must be a positive int or a pair (h, w) of them, got {value!r}")
    return int(value[0]), int(value[1])


def _image_hw(img, owner: str):
    """(height, width) of a tensor [..., H, W] or a PIL image."""
    if isinstance(img, nnlite.Tensor):
        if img.dim() < 2:
            raise ValueError(f"{owner}: expected an image tensor [..., H, W], got shape {tuple(img.shape)}")
        return int(img.shape[-2]), int(img.shape[-1])
    if _is_pil(img):
        return img.size[1], img.size[0]
    raise TypeError(f"{owner}: expected an nnlite Tensor [..., C, H, W] or a PIL image, got {type(img).__name__}")


def _crop(img, top: int, left: int, h: int, w: int, fill=0, flip: bool = False):
    """The h x w window at (top, left), padded with ``fill`` where it leaves the image."""
    if isinstance(img, nnlite.Tensor):
        return nnlite._C._data_crop(img, top, left, h, w, flip, float(fill))
    from PIL import Image, ImageOps
    from .transforms_image import _pil_fill
    H, W = img.size[1], img.size[0]
    pad = (max(0, -left), max(0, -top), max(0, left + w - W), max(0, top + h - H))
    if any(pad):
        img = ImageOps.expand(img, border=pad, fill=_pil_fill(img, fill, "RandomCrop"))
        top, left = top + pad[1], left + pad[0]
    img = img.crop((left, top, left + w, top + h))
    # Pillow >= 9.1 groups the constants in enums; older versions have them on Image.
    return img.transpose(getattr(Image, "Transpose", Image).FLIP_LEFT_RIGHT) if flip else img


def _check_fill(fill, owner: str):
    if isinstance(fill, bool) or not isinstance(fill, Real):
        raise TypeError(f"{owner}: fill must be a number, got {type(fill).__name__}")
    return fill


# ---- composition ----------------------------------------------------------------

class Compose:
    """Apply ``transforms`` one after the other."""

    def __init__(self, transforms):
        transforms = list(transforms)
        for i, t in enumerate(transforms):
            if not callable(t):
                raise TypeError(f"Compose: transform {i} is a {type(t).__name__}, which is not callable")
        self.transforms = transforms

    def __call__(self, img):
        for t in self.transforms:
            img = t(img)
        return img

    def __repr__(self):
        inner = "".join(f"\n    {t!r}," for t in self.transforms)
        return f"Compose([{inner}\n])"


class Lambda:
    """Wrap any callable as a transform (it always runs per sample, in Python)."""

    def __init__(self, fn):
        if not callable(fn):
            raise TypeError(f"Lambda: expected a callable, got {type(fn).__name__}")
        self.fn = fn

    def __call__(self, img):
        return self.fn(img)

    def __repr__(self):
        return f"Lambda({getattr(self.fn, '__name__', repr(self.fn))})"


# ---- value transforms ------------------------------------------------------------

class ToTensor:
    """PIL image or NumPy array (H x W [x C]) -> tensor [C, H, W]; uint8 values are
    scaled to float32 in [0, 1]. A uint8 tensor (already [C, H, W]) is scaled the
    same way; a floating tensor is returned unchanged."""

    def __call__(self, pic):
        if isinstance(pic, nnlite.Tensor):
            if pic.dtype == nnlite.uint8:
                return pic.float() / 255.0
            if pic.is_floating_point():
                return pic
            return pic.float()
        if _is_pil(pic):
            arr = np.asarray(pic)
            if arr.dtype == np.bool_:  # mode "1"
                arr = arr.astype(np.uint8) * 255
            elif arr.dtype == np.uint16 or arr.dtype == np.int16:
                arr = arr.astype(np.int32)
        elif isinstance(pic, np.ndarray):
            arr = pic
        else:
            raise TypeError(f"ToTensor: expected a PIL image, a NumPy array or an nnlite Tensor, got "
                            f"{type(pic).__name__}")
        if arr.ndim == 2:
            arr = arr[:, :, None]
        if arr.ndim != 3:
            raise ValueError(f"ToTensor: expected an array of H x W or H x W x C, got shape {arr.shape}")
        if arr.dtype not in (np.uint8, np.float32, np.float64, np.int32, np.int64, np.bool_):
            raise TypeError(f"ToTensor: arrays of dtype {arr.dtype} are not supported")
        t = nnlite.from_numpy(np.ascontiguousarray(arr.transpose(2, 0, 1)))
        return t.float() / 255.0 if arr.dtype == np.uint8 else t

    def __repr__(self):
        return "ToTensor()"


class Normalize:
    """(x - mean[c]) / std[c] for each channel c of a float tensor [..., C, H, W]."""

    def __init__(self, mean, std, inplace=False):
        self.mean = self._values(mean, "mean")
        self.std = self._values(std, "std")
        if any(s == 0 for s in self.std):
            raise ValueError(f"Normalize: std must not contain zeros, got {self.std}")
        if len(self.mean) != len(self.std) and 1 not in (len(self.mean), len(self.std)):
            raise ValueError(f"Normalize: mean has {len(self.mean)} values and std {len(self.std)}; they must "
                             "agree (or one of them be a single value)")
        self.inplace = bool(inplace)  # accepted for torchvision's API; nnlite always makes a new tensor
        self._cache = {}

    @staticmethod
    def _values(v, what):
        if isinstance(v, Real) and not isinstance(v, bool):
            v = [v]
        try:
            out = tuple(float(x) for x in v)
        except TypeError:
            raise TypeError(f"Normalize: {what} must be a number or a sequence of numbers, got "
                            f"{type(v).__name__}") from None
        if not out:
            raise ValueError(f"Normalize: {what} is empty")
        return out

    def _tensors(self, dtype):
        if dtype not in self._cache:
            self._cache[dtype] = (nnlite.tensor(self.mean, dtype=dtype).view(-1, 1, 1),
                                  nnlite.tensor(self.std, dtype=dtype).view(-1, 1, 1))
        return self._cache[dtype]

    def __call__(self, x):
        if not isinstance(x, nnlite.Tensor):
            raise TypeError(f"Normalize: expected an nnlite Tensor, got {type(x).__name__} (apply ToTensor first)")
        if not x.is_floating_point():
            raise TypeError(f"Normalize: expected a float tensor, got {x.dtype} (apply ToTensor first)")
        if x.dim() < 3:
            raise ValueError(f"Normalize: expected a tensor [..., C, H, W], got shape {tuple(x.shape)}")
        c = int(x.shape[-3])
        n = max(len(self.mean), len(self.std))
        if n != 1 and n != c:
            raise ValueError(f"Normalize: {n} means/stds for an image with {c} channels (shape "
                             f"{tuple(x.shape)})")
        mean, std = self._tensors(x.dtype)
        return (x - mean) / std

    def __repr__(self):
        return f"Normalize(mean={list(self.mean)}, std={list(self.std)})"


# ---- geometric transforms ----------------------------------------------------------

class RandomCrop:
    """A random ``size`` window, after padding the image with ``fill``.

    ``padding``: int (all sides), (left/right, top/bottom) or (left, top,
    right, bottom); ``pad_if_needed`` pads an image smaller than ``size`` up
    to it. Draws the window's top, then its left, uniformly. Only constant
    padding is supported (``padding_mode="constant"``).
    """

    def __init__(self, size, padding=None, pad_if_needed=False, fill=0, padding_mode="constant"):
        self.size = _pair(size, "RandomCrop")
        self.padding = self._padding(padding)
        self.pad_if_needed = bool(pad_if_needed)
        self.fill = _check_fill(fill, "RandomCrop")
        if padding_mode != "constant":
            raise ValueError(f"RandomCrop: padding_mode {padding_mode!r} is not supported; nnlite pads with a "
                             "constant (padding_mode='constant')")
        self.padding_mode = padding_mode

    @staticmethod
    def _padding(padding):
        """-> (left, top, right, bottom)"""
        if padding is None:
            return (0, 0, 0, 0)
        if isinstance(padding, Integral) and not isinstance(padding, bool):
            padding = [padding]
        if not isinstance(padding, Sequence) or len(padding) not in (1, 2, 4) or any(
                isinstance(p, bool) or not isinstance(p, Integral) or p < 0 for p in padding):
            raise ValueError(f"RandomCrop: padding must be a non-negative int or a sequence of 1, 2 or 4 of "
                             f"them, got {padding!r}")
        p = [int(v) for v in padding]
        if len(p) == 1:
            return (p[0],) * 4
        if len(p) == 2:
            return (p[0], p[1], p[0], p[1])
        return tuple(p)

    def padding_for(self, height: int, width: int):
        """(left, top, right, bottom) padding applied to an image of that size."""
        left, top, right, bottom = self.padding
        th, tw = self.size
        if self.pad_if_needed:
            # Like torchvision: the shortfall is added on both sides.
            if height + top + bottom < th:
                extra = th - (height + top + bottom)
                top, bottom = top + extra, bottom + extra
            if width + left + right < tw:
                extra = tw - (width + left + right)
                left, right = left + extra, right + extra
        ph, pw = height + top + bottom, width + left + right
        if th > ph or tw > pw:
            raise ValueError(f"RandomCrop: crop size {self.size} is larger than the padded image ({ph}, {pw}) of "
                             f"an image of ({height}, {width}); use a larger padding or pad_if_needed=True")
        return left, top, right, bottom

    def __call__(self, img):
        h, w = _image_hw(img, "RandomCrop")
        left, top, right, bottom = self.padding_for(h, w)
        th, tw = self.size
        i = _seeding.randint(h + top + bottom - th + 1)
        j = _seeding.randint(w + left + right - tw + 1)
        return _crop(img, i - top, j - left, th, tw, self.fill)

    def __repr__(self):
        return f"RandomCrop(size={self.size}, padding={self.padding}, fill={self.fill})"


class CenterCrop:
    """The ``size`` window at the centre (padded with zeros if the image is smaller)."""

    def __init__(self, size):
        self.size = _pair(size, "CenterCrop")

    def offsets(self, height: int, width: int):
        """(top, left) of the window in the image (negative where it pads)."""
        th, tw = self.size
        top = -((th - height) // 2) if th > height else int(round((height - th) / 2.0))
        left = -((tw - width) // 2) if tw > width else int(round((width - tw) / 2.0))
        return top, left

    def __call__(self, img):
        h, w = _image_hw(img, "CenterCrop")
        top, left = self.offsets(h, w)
        return _crop(img, top, left, self.size[0], self.size[1])

    def __repr__(self):
        return f"CenterCrop(size={self.size})"


class RandomHorizontalFlip:
    """Mirror left-right with probability ``p`` (one uniform draw per call)."""

    def __init__(self, p=0.5):
        if isinstance(p, bool) or not isinstance(p, Real) or not 0 <= p <= 1:
            raise ValueError(f"RandomHorizontalFlip: p must be a probability in [0, 1], got {p!r}")
        self.p = float(p)

    def __call__(self, img):
        h, w = _image_hw(img, "RandomHorizontalFlip")
        if _seeding.uniform() < self.p:
            return _crop(img, 0, 0, h, w, flip=True)
        return img

    def __repr__(self):
        return f"RandomHorizontalFlip(p={self.p})"


class RandomResizedCrop:
    """A random window of random area (``scale``, a fraction of the image) and
    aspect ratio (``ratio``, width / height, drawn log-uniformly), resized to
    ``size`` (bilinear). After 10 draws that do not fit, a centre crop with
    the ratio clamped into ``ratio``."""

    def __init__(self, size, scale=(0.08, 1.0), ratio=(3.0 / 4.0, 4.0 / 3.0)):
        self.size = _pair(size, "RandomResizedCrop")
        self.scale = self._range(scale, "scale")
        self.ratio = self._range(ratio, "ratio")
        if self.ratio[0] <= 0 or self.scale[1] <= 0:
            raise ValueError(f"RandomResizedCrop: ratio and scale must be positive, got ratio={self.ratio}, "
                             f"scale={self.scale}")

    @staticmethod
    def _range(v, what):
        if not isinstance(v, Sequence) or len(v) != 2 or any(isinstance(x, bool) or not isinstance(x, Real)
                                                             for x in v):
            raise ValueError(f"RandomResizedCrop: {what} must be a pair (min, max), got {v!r}")
        lo, hi = float(v[0]), float(v[1])
        if lo > hi:
            raise ValueError(f"RandomResizedCrop: {what} must be (min, max) with min <= max, got {v!r}")
        return lo, hi

    def get_params(self, height: int, width: int):
        """(top, left, h, w) of the window."""
        area = height * width
        log_lo, log_hi = math.log(self.ratio[0]), math.log(self.ratio[1])
        for _ in range(10):
            target = area * (self.scale[0] + (self.scale[1] - self.scale[0]) * _seeding.uniform())
            aspect = math.exp(log_lo + (log_hi - log_lo) * _seeding.uniform())
            w = int(round(math.sqrt(target * aspect)))
            h = int(round(math.sqrt(target / aspect)))
            if 0 < w <= width and 0 < h <= height:
                return _seeding.randint(height - h + 1), _seeding.randint(width - w + 1), h, w
        ratio = width / height
        if ratio < self.ratio[0]:
            w, h = width, int(round(width / self.ratio[0]))
        elif ratio > self.ratio[1]:
            h, w = height, int(round(height * self.ratio[1]))
        else:
            h, w = height, width
        h, w = max(1, min(h, height)), max(1, min(w, width))
        return (height - h) // 2, (width - w) // 2, h, w

    def __call__(self, img):
        height, width = _image_hw(img, "RandomResizedCrop")
        if height == 0 or width == 0:
            raise ValueError(f"RandomResizedCrop: cannot crop an empty image of size ({height}, {width})")
        top, left, h, w = self.get_params(height, width)
        th, tw = self.size
        if isinstance(img, nnlite.Tensor):
            window = _crop(img, top, left, h, w)
            if window.dtype not in (nnlite.uint8, nnlite.float32, nnlite.float64):
                window = window.float()
            return nnlite._C._data_resize(window, th, tw)
        from PIL import Image
        bilinear = getattr(Image, "Resampling", Image).BILINEAR
        return img.resize((tw, th), bilinear, box=(left, top, left + w, top + h))

    def __repr__(self):
        return f"RandomResizedCrop(size={self.size}, scale={self.scale}, ratio={self.ratio})"


# Resize, Grayscale, ColorJitter, RandomRotation, RandomAffine live in their own file;
# imported last because they use the helpers above.
from .transforms_image import (ColorJitter, Grayscale, InterpolationMode, RandomAffine, RandomRotation,  # noqa: E402
                               Resize)

__all__ += ["InterpolationMode", "Resize", "Grayscale", "ColorJitter", "RandomRotation", "RandomAffine"]
