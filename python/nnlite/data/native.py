"""The bridge between datasets and the C++ loader (``nnlite._C._BatchLoader``).

A dataset qualifies when it is array-backed and says so with
``_native_source()``, returning a :class:`NativeSource` (or None when it
cannot, e.g. with a ``target_transform``). Its image transform qualifies when
it is made only of the transforms the C++ loader understands:
``RandomCrop`` (constant padding), ``CenterCrop``, ``RandomHorizontalFlip``
(after the crop), ``ToTensor`` and ``Normalize``, in any ``Compose``.

The geometry (crop, padding, flip) becomes parameters of ``_ImageAugment``.
The pointwise part (what the dataset does to bytes before the transform, then
``ToTensor``/``Normalize``) becomes a lookup table [C, 256] computed by
running those very steps on the 256 possible byte values, so the native
output equals the per-sample Python output bit for bit. ``plan_for`` returns
None whenever something does not fit, and the DataLoader then calls the
dataset per sample instead; ``why_not`` says why.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, List, Optional

import nnlite

from . import transforms as T
from .dataset import Subset

# Transforms that only change values, pixel by pixel and channel by channel.
_POINTWISE = (T.ToTensor, T.Normalize)


def _identity(x):
    return x


@dataclass
class NativeSource:
    """What an array-backed dataset hands the native loader.

    fields: tensors [N, ...], one per element of a batch, in order.
    image: index of the uint8 [N, C, H, W] field that ``transform`` applies to (None: no image).
    to_input: what the dataset does to an image's values before the transform (uint8 tensor in).
    transform: the per-image transform (None: none).
    pack: turns the list of batch tensors into the batch the dataset's collated samples would give.
    pil: the dataset hands ``transform`` a PIL image of the same bytes (the native loader works on the
        uint8 tensor; it qualifies only when a ``ToTensor`` turns the image into a tensor, as the
        per-sample path needs).
    """
    fields: List["nnlite.Tensor"]
    image: Optional[int] = None
    to_input: Callable = _identity
    transform: Optional[Callable] = None
    pack: Callable = tuple
    pil: bool = False


@dataclass
class Plan:
    fields: list                      # [(tensor, _ImageAugment or None)]
    pack: Callable
    random: bool                      # does any sample draw random numbers?
    index_map: Optional["nnlite.Tensor"] = None  # Subset indices into the fields' rows
    notes: list = field(default_factory=list)


def _flatten(transform):
    if transform is None:
        return []
    if isinstance(transform, T.Compose):
        out = []
        for t in transform.transforms:
            out.extend(_flatten(t))
        return out
    return [transform]


def _apply(steps, x):
    for s in steps:
        x = s(x)
    return x


def _compile_image(src: NativeSource, image: "nnlite.Tensor"):
    """-> (_ImageAugment, random) or a str saying why the transform does not qualify."""
    if image.dtype != nnlite.uint8 or image.dim() != 4:
        return f"the image field is {image.dtype} of shape {tuple(image.shape)}, not uint8 [N, C, H, W]"
    _, c, h, w = (int(s) for s in image.shape)
    steps = _flatten(src.transform)
    crop_at, crop, flip_at, flip = None, None, None, None
    for i, s in enumerate(steps):
        if isinstance(s, (T.RandomCrop, T.CenterCrop)):
            if crop is not None:
                return "more than one crop"
            crop_at, crop = i, s
        elif isinstance(s, T.RandomHorizontalFlip):
            if flip is not None:
                return "more than one flip"
            flip_at, flip = i, s
        elif not isinstance(s, _POINTWISE):
            return f"{type(s).__name__} is not one of the transforms the native loader runs"
    if flip is not None and crop is not None and flip_at < crop_at:
        return "a flip before the crop (the native loader crops first)"
    if src.pil and not any(isinstance(s, T.ToTensor) for s in steps):
        return "the dataset hands the transform PIL images and no ToTensor turns them into tensors"

    aug = nnlite._C._ImageAugment()
    aug.out_h, aug.out_w, aug.top, aug.left = h, w, 0, 0
    random = False
    if isinstance(crop, T.RandomCrop):
        try:
            left, top, right, bottom = crop.padding_for(h, w)
        except ValueError as e:
            return str(e)
        aug.random_crop, random = True, True
        aug.out_h, aug.out_w = crop.size
        aug.pad_top, aug.pad_left, aug.pad_bottom, aug.pad_right = top, left, bottom, right
    elif isinstance(crop, T.CenterCrop):
        aug.out_h, aug.out_w = crop.size
        aug.top, aug.left = crop.offsets(h, w)
    if flip is not None:
        aug.has_flip, aug.flip_p, random = True, flip.p, True

    pointwise = [s for s in steps if isinstance(s, _POINTWISE)]
    # Every byte value of every channel, as the dataset would hand it to the transform.
    values = nnlite.arange(256, dtype=nnlite.int64).to(nnlite.uint8).view(1, 1, 256).expand(c, 1, 256).contiguous()
    try:
        lut = _apply(pointwise, src.to_input(values))
        before = [s for s in steps[:crop_at] if isinstance(s, _POINTWISE)] if crop_at is not None else pointwise
        at_crop = _apply(before, src.to_input(values[:, :, :1]))
        fill = getattr(crop, "fill", 0)
        pad = _apply([s for s in pointwise if s not in before],
                     nnlite.full((c, 1, 1), fill, dtype=at_crop.dtype)) if crop is not None else lut[:, :, :1]
    except (TypeError, ValueError) as e:  # the per-sample path will raise it where it belongs
        return f"the transform fails on this dataset's images: {e}"
    if not isinstance(lut, nnlite.Tensor) or lut.dtype not in (nnlite.float32, nnlite.uint8) or \
            tuple(lut.shape) != (c, 1, 256):
        return "the pointwise transforms do not give a float32 or uint8 tensor of the image's shape"
    aug.lut = lut.reshape(c, 256).contiguous()
    aug.fill = pad.to(lut.dtype).reshape(c).contiguous()
    return aug, random


def _source_of(dataset):
    """(NativeSource, index_map) following Subsets down to an array-backed dataset, or (reason, None)."""
    index_map = None
    while isinstance(dataset, Subset):
        idx = nnlite.tensor(dataset.indices, dtype=nnlite.int64)
        index_map = idx if index_map is None else nnlite.index_select(idx, 0, index_map)
        dataset = dataset.dataset
    get = getattr(dataset, "_native_source", None)
    if get is None:
        return f"{type(dataset).__name__} is not array-backed (no _native_source)", None
    src = get()
    if src is None:
        return f"{type(dataset).__name__} has per-sample work the native loader cannot do", None
    return src, index_map


def plan_for(dataset):
    """A Plan, or a str saying why the dataset cannot use the native loader."""
    src, index_map = _source_of(dataset)
    if isinstance(src, str):
        return src
    for i, t in enumerate(src.fields):
        if not isinstance(t, nnlite.Tensor) or t.dim() == 0:
            return f"field {i} is not a tensor with a sample dimension"
        if t.device.type != "cpu":
            return f"field {i} is on {t.device}"
        if t.requires_grad:
            return f"field {i} requires grad (the batched index_select keeps the graph)"
    fields = [(t, None) for t in src.fields]
    random = False
    if src.image is not None:
        compiled = _compile_image(src, src.fields[src.image])
        if isinstance(compiled, str):
            return compiled
        aug, random = compiled
        fields[src.image] = (src.fields[src.image], aug)
    elif src.transform is not None:
        return "a transform without an image field"
    return Plan(fields=fields, pack=src.pack, random=random, index_map=index_map)


def live_threads() -> int:
    """Native loader threads running now, in every DataLoader (0 once all are stopped)."""
    return int(nnlite._C._data_live_threads())
