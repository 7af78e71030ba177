"""MNIST and Fashion-MNIST, read from their IDX files (raw or .gz).

The images stay as one uint8 tensor [N, 28, 28] (``data``) and the labels as
one int64 tensor [N] (``targets``); a sample is converted when it is read.
"""
from __future__ import annotations

import os
from pathlib import Path

import nnlite

from ..dataset import Dataset, _as_index_tensor, _BatchedWhenUntransformed, _check_index
from . import pil_images as pil_images_module
from .idx import load_idx

EMBEDDED_MNIST = Path(__file__).resolve().parent.parent / "mnist-5k"


class MNIST(_BatchedWhenUntransformed, Dataset):
    """Handwritten digits 0-9, 28x28 grey levels.

    ``root`` is a directory with ``{train,t10k}-{images-idx3,labels-idx1}-ubyte``
    (each raw or ``.gz``), directly or under ``root/<ClassName>/raw`` as
    torchvision lays it out. With ``root=None``, MNIST reads the 5,000-image
    subset shipped inside nnlite (4,000 train, 1,000 test).

    ``dataset[i]`` is ``(image, label)``. Without a transform the image is a
    float32 tensor [1, 28, 28] scaled to [0, 1] (then standardised with
    ``mean``/``std`` when ``normalize``). A transform gets what torchvision's
    gets, a PIL image of mode "L" (so ``ToTensor()`` belongs in it), or with
    ``pil_images=False`` or without Pillow the uint8 tensor [1, 28, 28] (see
    ``datasets/pil_images.py``); with ``normalize=True`` it gets the standardised float
    tensor, which no PIL image can hold. ``get_batch(indices)`` returns a whole batch ([B, 1, 28, 28],
    int64 [B]) at once; DataLoader uses it when there are no transforms.
    """

    mean = 0.1307
    std = 0.3081
    classes = ["0 - zero", "1 - one", "2 - two", "3 - three", "4 - four", "5 - five", "6 - six", "7 - seven",
               "8 - eight", "9 - nine"]
    embedded_root = EMBEDDED_MNIST

    # torchvision's mirrors, tried in order for each missing .gz file.
    mirrors = ["https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"]

    def __init__(self, root=None, train=True, transform=None, target_transform=None, download=False,
                 normalize=False, *, pil_images=None):
        name = type(self).__name__
        if root is None:
            if self.embedded_root is None:
                raise ValueError(f"{name}: root is required: nnlite ships no copy of this dataset; pass the "
                                 "directory that holds its four IDX files")
            root = self.embedded_root
        for arg, fn in (("transform", transform), ("target_transform", target_transform)):
            if fn is not None and not callable(fn):
                raise TypeError(f"{name}: {arg} must be callable, got {type(fn).__name__}")
        self.root = Path(os.fspath(root))
        self.train = bool(train)
        self.transform = transform
        self.target_transform = target_transform
        self.normalize = bool(normalize)
        self.pil_images = pil_images_module.resolve(name, pil_images) and not self.normalize
        prefix = "train" if self.train else "t10k"
        if download:
            self.download()
        images = load_idx(self._find(f"{prefix}-images-idx3-ubyte"))
        labels = load_idx(self._find(f"{prefix}-labels-idx1-ubyte"))
        self.data, self.targets = self._check(images, labels)

    def _find(self, stem: str) -> Path:
        name = type(self).__name__
        if not self.root.is_dir():
            raise FileNotFoundError(f"{name}: data directory '{self.root}' does not exist")
        for folder in (self.root, self.root / name / "raw"):
            for candidate in (folder / stem, folder / f"{stem}.gz"):
                if candidate.is_file():
                    return candidate
        raise FileNotFoundError(f"{name}: '{stem}' (or '{stem}.gz') not found in '{self.root}'")

    def download(self):
        """Fetch the IDX files that are missing into ``root/<ClassName>/raw`` (as
        torchvision); files already found are kept. Without a network this raises
        OSError naming each URL tried and where to put the files by hand."""
        from .download import fetch_first
        raw = self.root / type(self).__name__ / "raw"
        for prefix in ("train", "t10k"):
            for stem in (f"{prefix}-images-idx3-ubyte", f"{prefix}-labels-idx1-ubyte"):
                if any((folder / f).is_file() for folder in (self.root, raw) for f in (stem, stem + ".gz")):
                    continue
                fetch_first([m + stem + ".gz" for m in self.mirrors], raw / (stem + ".gz"), type(self).__name__)

    def _check(self, images, labels):
        name = type(self).__name__
        if images.dtype != nnlite.uint8 or images.dim() != 3:
            raise ValueError(f"{name}: images must be a 3-d uint8 IDX array [N, rows, cols], got shape "
                             f"{tuple(images.shape)} of {images.dtype}")
        if labels.dtype != nnlite.uint8 or labels.dim() != 1:
            raise ValueError(f"{name}: labels must be a 1-d uint8 IDX array, got shape {tuple(labels.shape)} "
                             f"of {labels.dtype}")
        if images.shape[0] != labels.shape[0]:
            raise ValueError(f"{name}: {images.shape[0]} images but {labels.shape[0]} labels in '{self.root}'; "
                             "they must agree")
        if labels.numel() > 0:
            top = int(labels.numpy().max())
            if top >= len(self.classes):
                raise ValueError(f"{name}: label {top} found in '{self.root}', expected labels in "
                                 f"0..{len(self.classes) - 1}")
        return images, labels.long()

    def __len__(self):
        return self.data.shape[0]

    def _to_float(self, images):
        """uint8 [..., 28, 28] -> float32 in [0, 1], standardised if asked."""
        x = images.float() * (1.0 / 255.0)
        if self.normalize:
            x = (x - self.mean) * (1.0 / self.std)
        return x

    def __getitem__(self, index):
        i = _check_index(type(self).__name__, index, len(self))
        image = self.data[i].unsqueeze(0)
        target = int(self.targets[i].item())
        if self.transform is None:
            image = self._to_float(image)
        else:
            image = self.transform(self._transform_input(image))
        if self.target_transform is not None:
            target = self.target_transform(target)
        return image, target

    def _transform_input(self, image):
        """What the transform gets for a uint8 image [1, H, W] (see the class docstring)."""
        if self.normalize:
            return self._to_float(image)
        return pil_images_module.to_pil(image) if self.pil_images else image

    def _native_source(self):
        """The images [N, 1, 28, 28] and labels for the native loader, which runs the
        transform in C++ when it is made of the transforms it knows."""
        if self.target_transform is not None:
            return None
        from ..native import NativeSource
        images = self.data.reshape(self.data.shape[0], 1, *self.data.shape[1:])
        if self.transform is None:
            return NativeSource(fields=[images, self.targets], image=0, to_input=self._to_float)
        # A PIL image holds the same bytes as the uint8 tensor; pil says the output must pass ToTensor.
        return NativeSource(fields=[images, self.targets], image=0, transform=self.transform, pil=self.pil_images,
                            to_input=self._to_float if self.normalize else (lambda x: x))

    def _get_batch(self, indices):
        idx = _as_index_tensor(f"{type(self).__name__}.get_batch", indices)
        images = self._to_float(nnlite.index_select(self.data, 0, idx)).unsqueeze(1)
        return images, nnlite.index_select(self.targets, 0, idx)

    def __repr__(self):
        split = "train" if self.train else "test"
        return f"{type(self).__name__}(root='{self.root}', split={split}, samples={len(self)})"


class FashionMNIST(MNIST):
    """Zalando's Fashion-MNIST: the same files and layout as MNIST, ten kinds of clothing.
    nnlite ships no copy, so ``root`` is required."""

    mean = 0.2860
    std = 0.3530
    classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
               "Ankle boot"]
    embedded_root = None
    mirrors = ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"]
