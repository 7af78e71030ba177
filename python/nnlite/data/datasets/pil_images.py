"""What MNIST and CIFAR hand their ``transform``, as torchvision does.

torchvision gives a transform a PIL image (mode "L" for MNIST, "RGB" for
CIFAR), so its pipelines start with PIL-only steps and end with ``ToTensor``.
nnlite does the same when Pillow is installed. ``pil_images=False`` (or no
Pillow) hands the uint8 tensor [C, H, W] instead: the same bytes, which
``ToTensor`` scales exactly as it scales the PIL image, and which the native
loader can batch in C++.
"""
from __future__ import annotations

import nnlite


def _pillow_image():
    try:
        from PIL import Image
    except ImportError:
        return None
    return Image


def resolve(owner: str, pil_images) -> bool:
    """None: PIL images when Pillow is importable; True: require Pillow; False: tensors."""
    if pil_images is None:
        return _pillow_image() is not None
    if not isinstance(pil_images, bool):
        raise TypeError(f"{owner}: pil_images must be None, True or False, got {pil_images!r}")
    if pil_images and _pillow_image() is None:
        raise ImportError(f"{owner}: pil_images=True needs Pillow (pip install pillow); pass pil_images=False to "
                          "get uint8 tensors [C, H, W] instead")
    return pil_images


def to_pil(image: "nnlite.Tensor"):
    """uint8 tensor [1, H, W] -> PIL mode "L"; [3, H, W] -> mode "RGB"."""
    arr = image.numpy()
    arr = arr[0] if arr.shape[0] == 1 else arr.transpose(1, 2, 0)
    return _pillow_image().fromarray(arr.copy())  # a copy: the image must not share the dataset's memory
