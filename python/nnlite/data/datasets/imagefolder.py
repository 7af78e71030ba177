"""ImageFolder: images sorted into one folder per class, decoded with Pillow.

    root/cat/001.png
    root/cat/nested/002.jpg
    root/dog/003.png

Class names are the sorted sub-folder names; ``class_to_idx`` maps them to
labels; ``samples`` lists ``(path, label)`` sorted by class then path.
Pillow is optional for nnlite: it is needed only to decode images (a custom
``loader`` works without it).
"""
from __future__ import annotations

import os
import struct
import warnings
from pathlib import Path

from ..dataset import Dataset, _check_index

IMG_EXTENSIONS = (".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp")


def _require_pillow():
    try:
        from PIL import Image
    except ImportError as e:
        raise ImportError("ImageFolder: decoding images needs Pillow, an optional dependency of nnlite; install "
                          "it with: pip install pillow") from e
    return Image


def pil_loader(path):
    """Open an image file as an RGB PIL image (ValueError if it cannot be decoded)."""
    Image = _require_pillow()
    try:
        # A header may claim billions of pixels: Pillow refuses above twice
        # MAX_IMAGE_PIXELS but only warns between, and would allocate the
        # image; both are a refused file here (found by fuzz/python).
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with open(path, "rb") as f:
                img = Image.open(f)
                return img.convert("RGB")
    # Pillow's decoders raise more than OSError on corrupt bytes (a TIFF
    # tag of the wrong type gives TypeError: fuzz/python/crashes); the path
    # and the calls are ours, so any of these means a bad file.
    except (OSError, SyntaxError, ValueError, TypeError, IndexError, KeyError, EOFError, ZeroDivisionError,
            struct.error, Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        if isinstance(e, FileNotFoundError):
            raise
        raise ValueError(f"ImageFolder: cannot decode '{path}': {e}") from None


class ImageFolder(Dataset):
    """``dataset[i]`` is ``(transform(image), target_transform(label))``; without a
    transform the image is the RGB PIL image (add ``transforms.ToTensor()``)."""

    def __init__(self, root, transform=None, target_transform=None, loader=None, extensions=IMG_EXTENSIONS,
                 is_valid_file=None, allow_empty=False):
        for arg, fn in (("transform", transform), ("target_transform", target_transform), ("loader", loader),
                        ("is_valid_file", is_valid_file)):
            if fn is not None and not callable(fn):
                raise TypeError(f"ImageFolder: {arg} must be callable, got {type(fn).__name__}")
        if loader is None:
            _require_pillow()  # fail at construction, not at the first sample
            loader = pil_loader
        self.root = Path(os.fspath(root)).expanduser()
        self.transform = transform
        self.target_transform = target_transform
        self.loader = loader
        self.extensions = tuple(e.lower() for e in extensions) if extensions is not None else None
        if is_valid_file is None:
            if self.extensions is None:
                raise ValueError("ImageFolder: give extensions or is_valid_file")
            is_valid_file = lambda p: p.lower().endswith(self.extensions)  # noqa: E731
        self.classes, self.class_to_idx = self.find_classes(self.root)
        self.samples = self._make_samples(is_valid_file, allow_empty)
        self.targets = [label for _, label in self.samples]
        self.imgs = self.samples  # torchvision's older name

    @staticmethod
    def find_classes(root):
        """(sorted class names, {name: index}) from the sub-folders of ``root``."""
        root = Path(root)
        if not root.is_dir():
            raise FileNotFoundError(f"ImageFolder: folder '{root}' does not exist")
        classes = sorted(entry.name for entry in os.scandir(root) if entry.is_dir())
        if not classes:
            raise FileNotFoundError(f"ImageFolder: no class folders in '{root}'; expected root/<class>/<image>")
        return classes, {c: i for i, c in enumerate(classes)}

    def _make_samples(self, is_valid_file, allow_empty):
        samples = []
        empty = []
        for cls in self.classes:
            found = []
            for folder, _, files in sorted(os.walk(self.root / cls, followlinks=True)):
                for f in sorted(files):
                    path = os.path.join(folder, f)
                    if is_valid_file(path):
                        found.append((path, self.class_to_idx[cls]))
            if not found:
                empty.append(cls)
            samples.extend(sorted(found))
        if empty and not allow_empty:
            what = f"extensions {', '.join(self.extensions)}" if self.extensions else "is_valid_file"
            raise FileNotFoundError(f"ImageFolder: no valid image ({what}) in the class folder(s) {empty} of "
                                    f"'{self.root}'; pass allow_empty=True to allow that")
        return samples

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, index):
        path, target = self.samples[_check_index("ImageFolder", index, len(self))]
        image = self.loader(path)
        if self.transform is not None:
            image = self.transform(image)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return image, target

    def __repr__(self):
        return f"ImageFolder(root='{self.root}', classes={len(self.classes)}, samples={len(self)})"
