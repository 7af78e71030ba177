"""torchvision's resizing, colour and geometric transforms: Resize, Grayscale,
ColorJitter, RandomRotation, RandomAffine.

A PIL image goes through Pillow (the same calls torchvision's PIL backend
makes); a tensor [..., C, H, W] goes through NumPy (nearest-neighbour for the
geometric ones, as torchvision's tensor default). Random draws use nnlite's
default generator, which ``nnlite.manual_seed`` fixes.
"""
from __future__ import annotations

import math
from enum import Enum
from numbers import Integral, Real
from typing import Sequence

import numpy as np

import nnlite

from . import _seeding
from .transforms import _image_hw, _is_pil

__all__ = ["InterpolationMode", "Resize", "Grayscale", "ColorJitter", "RandomRotation", "RandomAffine"]


class InterpolationMode(Enum):
    """torchvision's interpolation names (``transforms.InterpolationMode``)."""
    NEAREST = "nearest"
    NEAREST_EXACT = "nearest-exact"
    BILINEAR = "bilinear"
    BICUBIC = "bicubic"
    BOX = "box"
    HAMMING = "hamming"
    LANCZOS = "lanczos"


# Pillow's resampling numbers (Image.Resampling.*): torchvision also takes these ints.
_PIL_NUMBERS = {0: InterpolationMode.NEAREST, 2: InterpolationMode.BILINEAR, 3: InterpolationMode.BICUBIC,
                4: InterpolationMode.BOX, 5: InterpolationMode.HAMMING, 1: InterpolationMode.LANCZOS}


def _interpolation(value, owner):
    """An InterpolationMode from the enum, its string value or a Pillow number (the modes
    the tensor path implements are checked when a tensor arrives)."""
    if isinstance(value, InterpolationMode):
        return value
    if isinstance(value, str):
        for mode in InterpolationMode:
            if mode.value == value:
                return mode
    if isinstance(value, Integral) and not isinstance(value, bool) and int(value) in _PIL_NUMBERS:
        return _PIL_NUMBERS[int(value)]
    raise ValueError(f"{owner}: interpolation must be an InterpolationMode (one of "
                     f"{[m.name for m in InterpolationMode]}), got {value!r}")


def _pil_resample(mode, owner):
    from PIL import Image
    if mode is InterpolationMode.NEAREST_EXACT:
        raise ValueError(f"{owner}: InterpolationMode.NEAREST_EXACT works on tensors only (as in torchvision); "
                         "use NEAREST for PIL images")
    return getattr(getattr(Image, "Resampling", Image), mode.name)


def _check_tensor_mode(mode, owner, supported):
    if mode not in supported:
        raise ValueError(f"{owner}: {mode} is implemented for PIL images only; tensors support "
                         f"{[m.name for m in supported]} (apply the transform before ToTensor)")


def _pil_fill(img, fill, owner="fill"):
    """torchvision's fill for a PIL image: one value per band, ints unless the mode is "F"
    (a bare number given to Pillow would colour only the first band of an RGB image)."""
    if fill is None:
        return None
    bands = len(img.getbands())
    values = list(fill) if isinstance(fill, (tuple, list)) else [fill]
    if len(values) == 1:
        values = values * bands
    if len(values) != bands:
        raise ValueError(f"{owner}: fill has {len(values)} values for an image with {bands} bands ({img.mode})")
    values = [v if img.mode == "F" else int(v) for v in values]
    return values[0] if bands == 1 else tuple(values)

_LUMA = (0.299, 0.587, 0.114)  # ITU-R 601-2, what PIL's convert("L") uses


def _uniform(lo: float, hi: float) -> float:
    return lo + (hi - lo) * _seeding.uniform()


def _as_float_array(img, owner):
    if not isinstance(img, nnlite.Tensor):
        raise TypeError(f"{owner}: expected an nnlite Tensor [..., C, H, W] or a PIL image, got {type(img).__name__}")
    if img.dim() < 3:
        raise ValueError(f"{owner}: expected an image tensor [..., C, H, W], got shape {tuple(img.shape)}")
    return img.numpy(), img.dtype


def _back(arr, dtype):
    if dtype == nnlite.uint8:
        return nnlite.tensor(np.clip(np.round(arr), 0, 255).astype(np.uint8))
    return nnlite.tensor(np.ascontiguousarray(arr, dtype=np.float32))


def _gray(arr):
    """[..., 3, H, W] -> [..., 1, H, W] luma."""
    return (_LUMA[0] * arr[..., 0:1, :, :] + _LUMA[1] * arr[..., 1:2, :, :] + _LUMA[2] * arr[..., 2:3, :, :])


def _range(value, owner, what, center=None, bound=None):
    """A factor v -> (center - v, center + v) (clamped at 0), or a pair (lo, hi) kept as is."""
    if isinstance(value, Real) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"{owner}: {what} must be non-negative, got {value}")
        lo, hi = (center - value, center + value) if center is not None else (-value, value)
        if center is not None:
            lo = max(lo, 0.0)
    elif isinstance(value, Sequence) and len(value) == 2 and all(isinstance(v, Real) for v in value):
        lo, hi = float(value[0]), float(value[1])
        if lo > hi:
            raise ValueError(f"{owner}: {what} must be (min, max) with min <= max, got {value!r}")
    else:
        raise ValueError(f"{owner}: {what} must be a number or a pair (min, max), got {value!r}")
    if bound is not None and (lo < bound[0] or hi > bound[1]):
        raise ValueError(f"{owner}: {what} must lie in [{bound[0]}, {bound[1]}], got ({lo}, {hi})")
    return float(lo), float(hi)


class Resize:
    """Resize to ``size``: (h, w) exactly, or an int that the smaller edge
    becomes (the other keeps the aspect ratio, rounded down as torchvision).
    A PIL image goes through ``Image.resize`` with ``interpolation``; a tensor
    supports BILINEAR and NEAREST (``antialias`` is accepted: Pillow always
    antialiases, the tensor path never does)."""

    def __init__(self, size, interpolation=InterpolationMode.BILINEAR, max_size=None, antialias=True):
        if isinstance(size, Integral) and not isinstance(size, bool):
            size = (int(size),)
        if (not isinstance(size, Sequence) or len(size) not in (1, 2)
                or any(isinstance(v, bool) or not isinstance(v, Integral) or v < 1 for v in size)):
            raise ValueError(f"Resize: size must be a positive int or a pair (h, w) of them, got {size!r}")
        if max_size is not None and len(size) != 1:
            raise ValueError("Resize: max_size is only allowed when size is a single int")
        self.size, self.max_size = tuple(int(v) for v in size), max_size
        self.interpolation = _interpolation(interpolation, "Resize")
        self.antialias = antialias

    def output_size(self, h: int, w: int):
        if len(self.size) == 2:
            return self.size
        short, long = (h, w) if h <= w else (w, h)
        new_short, new_long = self.size[0], int(self.size[0] * long / short)
        if self.max_size is not None and new_long > self.max_size:
            new_short, new_long = int(self.max_size * new_short / new_long), self.max_size
        return (new_short, new_long) if h <= w else (new_long, new_short)

    def __call__(self, img):
        h, w = _image_hw(img, "Resize")
        th, tw = self.output_size(h, w)
        if _is_pil(img):
            return img.resize((tw, th), _pil_resample(self.interpolation, "Resize"))
        _check_tensor_mode(self.interpolation, "Resize", (InterpolationMode.BILINEAR, InterpolationMode.NEAREST))
        if self.interpolation is InterpolationMode.NEAREST:
            # torchvision's tensor nearest: source index floor(dst * in / out)
            rows = np.minimum(np.floor(np.arange(th) * (h / th)).astype(np.int64), h - 1)
            cols = np.minimum(np.floor(np.arange(tw) * (w / tw)).astype(np.int64), w - 1)
            return nnlite.tensor(np.ascontiguousarray(img.numpy()[..., rows[:, None], cols[None, :]]))
        if img.dtype not in (nnlite.uint8, nnlite.float32, nnlite.float64):
            img = img.float()
        return nnlite._C._data_resize(img, th, tw)

    def __repr__(self):
        size = self.size if len(self.size) == 2 else self.size[0]
        return f"Resize(size={size}, interpolation={self.interpolation.value}, max_size={self.max_size})"


class Grayscale:
    """RGB -> luma (0.299 R + 0.587 G + 0.114 B) with 1 or 3 output channels."""

    def __init__(self, num_output_channels: int = 1):
        if num_output_channels not in (1, 3):
            raise ValueError(f"Grayscale: num_output_channels must be 1 or 3, got {num_output_channels!r}")
        self.num_output_channels = num_output_channels

    def __call__(self, img):
        if _is_pil(img):
            gray = img.convert("L")
            return gray.convert("RGB") if self.num_output_channels == 3 else gray
        arr, dtype = _as_float_array(img, "Grayscale")
        if arr.shape[-3] != 3:
            raise ValueError(f"Grayscale: expected 3 channels [..., 3, H, W], got shape {tuple(arr.shape)}")
        gray = _gray(arr.astype(np.float64))
        return _back(np.repeat(gray, self.num_output_channels, axis=-3), dtype)

    def __repr__(self):
        return f"Grayscale(num_output_channels={self.num_output_channels})"


class ColorJitter:
    """Random brightness, contrast, saturation and hue, applied in a random
    order as torchvision does. Factors b, c, s draw from [max(0, 1 - v), 1 + v];
    hue from [-h, h] with h <= 0.5 (hue needs a PIL image)."""

    def __init__(self, brightness=0, contrast=0, saturation=0, hue=0):
        self.brightness = _range(brightness, "ColorJitter", "brightness", center=1.0)
        self.contrast = _range(contrast, "ColorJitter", "contrast", center=1.0)
        self.saturation = _range(saturation, "ColorJitter", "saturation", center=1.0)
        self.hue = _range(hue, "ColorJitter", "hue", bound=(-0.5, 0.5))

    def get_params(self):
        """(order of the four adjustments, b, c, s, h factors)."""
        order = list(range(4))
        for i in range(3, 0, -1):  # Fisher-Yates with the seeded generator
            j = _seeding.randint(i + 1)
            order[i], order[j] = order[j], order[i]
        return order, [_uniform(*r) for r in (self.brightness, self.contrast, self.saturation, self.hue)]

    def __call__(self, img):
        order, factors = self.get_params()
        for k in order:
            img = self._adjust(img, k, factors[k])
        return img

    @staticmethod
    def _adjust(img, kind, factor):
        if (kind < 3 and factor == 1.0) or (kind == 3 and factor == 0.0):
            return img
        if _is_pil(img):
            from PIL import ImageEnhance
            if kind == 3:
                return _pil_hue(img, factor)
            enhancer = (ImageEnhance.Brightness, ImageEnhance.Contrast, ImageEnhance.Color)[kind]
            return enhancer(img).enhance(factor)
        if kind == 3:
            raise ValueError("ColorJitter: hue jitter needs a PIL image; apply it before ToTensor")
        arr, dtype = _as_float_array(img, "ColorJitter")
        bound = 255.0 if dtype == nnlite.uint8 else 1.0
        arr = arr.astype(np.float64)
        if kind == 0:
            other = np.zeros_like(arr)
        elif arr.shape[-3] != 3:
            raise ValueError(f"ColorJitter: contrast and saturation need 3 channels, got shape {tuple(arr.shape)}")
        elif kind == 1:
            other = np.broadcast_to(_gray(arr).mean(axis=(-3, -2, -1), keepdims=True), arr.shape)
        else:
            other = np.broadcast_to(_gray(arr), arr.shape)
        return _back(np.clip(factor * arr + (1.0 - factor) * other, 0.0, bound), dtype)

    def __repr__(self):
        return (f"ColorJitter(brightness={self.brightness}, contrast={self.contrast}, "
                f"saturation={self.saturation}, hue={self.hue})")


def _pil_hue(img, factor):
    """Shift the hue channel by int(factor * 255) (mod 256), as torchvision's PIL path."""
    from PIL import Image
    if img.mode in ("L", "1", "I", "F"):
        return img
    h, s, v = img.convert("HSV").split()
    # int() truncates towards zero, as torchvision's cast of hue_factor * 255 to uint8 does.
    shifted = (np.asarray(h, dtype=np.uint8).astype(np.int16) + int(factor * 255)) % 256
    h = Image.fromarray(shifted.astype(np.uint8), "L")
    return Image.merge("HSV", (h, s, v)).convert(img.mode)


def _inverse_affine(angle, translate, scale, shear, center):
    """The 2x3 matrix mapping output pixel (x, y) to input pixel, torchvision's convention
    (affine's angle turns clockwise on screen; rotate passes -angle; shear (x, y) in degrees)."""
    rot, sx, sy = math.radians(angle), math.radians(shear[0]), math.radians(shear[1])
    cx, cy = center
    tx, ty = translate
    # forward: T(center + translate) * R(rot) * Shear * S(scale) * T(-center); invert RSS analytically
    a = math.cos(rot - sy) / math.cos(sy)
    b = -math.cos(rot - sy) * math.tan(sx) / math.cos(sy) - math.sin(rot)
    c = math.sin(rot - sy) / math.cos(sy)
    d = -math.sin(rot - sy) * math.tan(sx) / math.cos(sy) + math.cos(rot)
    m = [d / scale, -b / scale, 0.0, -c / scale, a / scale, 0.0]
    m[2] = cx - m[0] * (cx + tx) - m[1] * (cy + ty)
    m[5] = cy - m[3] * (cx + tx) - m[4] * (cy + ty)
    return m


def _apply_affine(img, matrix, fill, owner, interpolation=InterpolationMode.NEAREST):
    if _is_pil(img):
        from PIL import Image
        return img.transform(img.size, getattr(Image, "Transform", Image).AFFINE, matrix,
                             _pil_resample(interpolation, owner), fillcolor=_pil_fill(img, fill, owner))
    _check_tensor_mode(interpolation, owner, (InterpolationMode.NEAREST,))
    arr, dtype = _as_float_array(img, owner)
    H, W = arr.shape[-2:]
    ys, xs = np.mgrid[0:H, 0:W].astype(np.float64) + 0.5  # pixel centres, as PIL samples
    src_x = np.floor(matrix[0] * xs + matrix[1] * ys + matrix[2]).astype(np.int64)
    src_y = np.floor(matrix[3] * xs + matrix[4] * ys + matrix[5]).astype(np.int64)
    inside = (src_x >= 0) & (src_x < W) & (src_y >= 0) & (src_y < H)
    out = arr[..., np.clip(src_y, 0, H - 1), np.clip(src_x, 0, W - 1)]
    out = np.where(inside, out, 0 if fill is None else fill)
    return _back(out, dtype) if dtype == nnlite.uint8 else nnlite.tensor(np.ascontiguousarray(out))


def _check_fill(fill, owner):
    if fill is not None and (isinstance(fill, bool) or not isinstance(fill, (Real, tuple))):
        raise TypeError(f"{owner}: fill must be a number or a tuple, got {type(fill).__name__}")
    return fill


class RandomRotation:
    """Rotate by an angle drawn from ``degrees`` (d -> [-d, d]) about the image
    centre (or ``center`` (x, y)), counter-clockwise, the corners filled with
    ``fill``. A PIL image goes through ``Image.rotate`` (any ``interpolation``,
    ``expand``), as torchvision's; a tensor is rotated nearest-neighbour and
    keeps its size (``expand=True`` needs a PIL image)."""

    def __init__(self, degrees, interpolation=InterpolationMode.NEAREST, expand=False, center=None, fill=0):
        self.degrees = _range(degrees, "RandomRotation", "degrees")
        self.interpolation = _interpolation(interpolation, "RandomRotation")
        self.expand, self.center, self.fill = bool(expand), center, _check_fill(fill, "RandomRotation")

    def __call__(self, img):
        h, w = _image_hw(img, "RandomRotation")
        angle = _uniform(*self.degrees)
        if _is_pil(img):
            return img.rotate(angle, _pil_resample(self.interpolation, "RandomRotation"), self.expand,
                              self.center, fillcolor=_pil_fill(img, self.fill, "RandomRotation"))
        if self.expand:
            raise ValueError("RandomRotation: expand=True needs a PIL image (apply it before ToTensor)")
        center = self.center if self.center is not None else (w * 0.5, h * 0.5)
        return _apply_affine(img, _inverse_affine(-angle, (0, 0), 1.0, (0.0, 0.0), center), self.fill,
                             "RandomRotation", self.interpolation)

    def __repr__(self):
        return (f"RandomRotation(degrees={self.degrees}, interpolation={self.interpolation.value}, "
                f"expand={self.expand}, center={self.center}, fill={self.fill})")


class RandomAffine:
    """Random rotation (``degrees``), translation (``translate`` = (fx, fy),
    fractions of the width and height), ``scale`` (lo, hi) and ``shear``
    (s -> x shear in [-s, s]; 2 values: x range; 4 values: x and y ranges)
    about the image centre (or ``center``), filled with ``fill``; PIL images
    take any ``interpolation`` Pillow has, tensors NEAREST. As in
    torchvision, a positive angle turns clockwise here (RandomRotation's
    counter-clockwise)."""

    def __init__(self, degrees, translate=None, scale=None, shear=None, interpolation=InterpolationMode.NEAREST,
                 fill=0, center=None):
        self.degrees = _range(degrees, "RandomAffine", "degrees")
        self.interpolation = _interpolation(interpolation, "RandomAffine")
        self.center = center
        if translate is not None and (not isinstance(translate, Sequence) or len(translate) != 2
                                      or any(not 0.0 <= t <= 1.0 for t in translate)):
            raise ValueError(f"RandomAffine: translate must be a pair of fractions in [0, 1], got {translate!r}")
        if scale is not None and (not isinstance(scale, Sequence) or len(scale) != 2
                                  or any(s <= 0 for s in scale) or scale[0] > scale[1]):
            raise ValueError(f"RandomAffine: scale must be a pair (min, max) of positive numbers, got {scale!r}")
        if shear is not None and isinstance(shear, Sequence) and len(shear) == 4:
            shear = (_range(shear[:2], "RandomAffine", "shear"), _range(shear[2:], "RandomAffine", "shear"))
        elif shear is not None:
            shear = (_range(shear, "RandomAffine", "shear"), (0.0, 0.0))
        self.translate, self.scale, self.shear = translate, scale, shear
        self.fill = _check_fill(fill, "RandomAffine")

    def get_params(self, h: int, w: int):
        """(angle, (tx, ty) in pixels, scale, (shear_x, shear_y))."""
        angle = _uniform(*self.degrees)
        tx = ty = 0
        if self.translate is not None:
            mx, my = self.translate[0] * w, self.translate[1] * h
            tx, ty = int(round(_uniform(-mx, mx))), int(round(_uniform(-my, my)))
        scale = 1.0 if self.scale is None else _uniform(*self.scale)
        shear = (0.0, 0.0) if self.shear is None else (_uniform(*self.shear[0]), _uniform(*self.shear[1]))
        return angle, (tx, ty), scale, shear

    def __call__(self, img):
        h, w = _image_hw(img, "RandomAffine")
        angle, translate, scale, shear = self.get_params(h, w)
        center = self.center if self.center is not None else (w * 0.5, h * 0.5)
        matrix = _inverse_affine(angle, translate, scale, shear, center)
        return _apply_affine(img, matrix, self.fill, "RandomAffine", self.interpolation)

    def __repr__(self):
        return (f"RandomAffine(degrees={self.degrees}, translate={self.translate}, scale={self.scale}, "
                f"shear={self.shear}, interpolation={self.interpolation.value}, fill={self.fill}, "
                f"center={self.center})")
