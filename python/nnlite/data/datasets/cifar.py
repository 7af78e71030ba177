"""CIFAR-10 and CIFAR-100, from the binary or the Python (pickle) version.

The images stay as one uint8 tensor [N, 3, 32, 32] (``data``) and the labels
as int64 [N] (``targets``; CIFAR-100 also keeps ``coarse_targets``).
``dataset[i]`` is ``(image, label)``: with no transform the image is float32
[3, 32, 32] in [0, 1]; a transform receives what torchvision's receives, an
RGB PIL image, so ``ToTensor()`` belongs in it (with ``pil_images=False`` or
without Pillow, the uint8 tensor [3, 32, 32]: see ``pil_images.py``).

Binary files are parsed in C++ (every size and label checked); pickles go
through ``safe_pickle``, which refuses anything but arrays, lists and dicts.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

import nnlite

from ..dataset import Dataset, _as_index_tensor, _BatchedWhenUntransformed, _check_index
from ..transforms import ToTensor
from . import download as _download
from . import pil_images as pil_images_module
from . import safe_pickle

_TO_TENSOR = ToTensor()


class CIFAR10(_BatchedWhenUntransformed, Dataset):
    """CIFAR-10: 60,000 32x32 colour images in 10 classes (50,000 train, 10,000 test).

    ``root`` holds ``cifar-10-batches-bin`` (binary) or ``cifar-10-batches-py``
    (pickles), or is that folder itself. ``format`` picks one when both are
    there ("binary", "python"; default: binary first). ``download=True``
    fetches the binary archive from ``mirrors`` (the official address),
    checks its MD5 and extracts it, unless the files are already there.
    """

    kind = "cifar10"
    binary_folder = "cifar-10-batches-bin"
    python_folder = "cifar-10-batches-py"
    binary_train = [f"data_batch_{i}.bin" for i in range(1, 6)]
    binary_test = ["test_batch.bin"]
    python_train = [f"data_batch_{i}" for i in range(1, 6)]
    python_test = ["test_batch"]
    label_keys = ("labels",)
    mirrors = ["https://www.cs.toronto.edu/~kriz/"]
    archive = "cifar-10-binary.tar.gz"
    archive_md5 = "c32a1d4ab5d03f1284b67883e8d87530"
    num_classes = 10
    classes = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    # Per-channel statistics of the training images, for Normalize.
    mean = (0.4914, 0.4822, 0.4465)
    std = (0.2470, 0.2435, 0.2616)

    def __init__(self, root, train=True, transform=None, target_transform=None, download=False, format=None, *,
                 pil_images=None):
        name = type(self).__name__
        for arg, fn in (("transform", transform), ("target_transform", target_transform)):
            if fn is not None and not callable(fn):
                raise TypeError(f"{name}: {arg} must be callable, got {type(fn).__name__}")
        if format not in (None, "binary", "python"):
            raise ValueError(f"{name}: format must be None, 'binary' or 'python', got {format!r}")
        if root is None:
            raise ValueError(f"{name}: root is required (the folder that holds {self.binary_folder})")
        self.root = Path(os.fspath(root)).expanduser()
        self.train = bool(train)
        self.transform = transform
        self.target_transform = target_transform
        self.pil_images = pil_images_module.resolve(name, pil_images)
        if download:
            self.download()
        found = self._locate(format)
        if found is None:
            hint = "" if download else "; pass download=True to fetch it"
            raise FileNotFoundError(f"{name}: neither '{self.binary_folder}' nor '{self.python_folder}' with the "
                                    f"{'train' if self.train else 'test'} files was found in '{self.root}'{hint}")
        fmt, folder = found
        if fmt == "binary":
            files = [str(folder / f) for f in (self.binary_train if self.train else self.binary_test)]
            images, labels, coarse = nnlite._C.read_cifar(files, self.kind)
        else:
            files = [folder / f for f in (self.python_train if self.train else self.python_test)]
            images, labels, coarse = self._read_pickles(files)
        self.format = fmt
        self.data, self.targets = images, labels
        self.coarse_targets = coarse
        self._read_class_names(folder, fmt)

    # ---- finding and reading the files ----------------------------------------

    def _folder_candidates(self, folder_name):
        return [self.root / folder_name, self.root] if self.root.name != folder_name else [self.root]

    def _locate(self, format):
        """(format, folder) of the first complete set of files, or None."""
        wanted = [format] if format else ["binary", "python"]
        for fmt in wanted:
            folder_name = self.binary_folder if fmt == "binary" else self.python_folder
            files = (self.binary_train if self.train else self.binary_test) if fmt == "binary" else \
                (self.python_train if self.train else self.python_test)
            for folder in self._folder_candidates(folder_name):
                if all((folder / f).is_file() for f in files):
                    return fmt, folder
        return None

    def _read_pickles(self, files):
        images, fine, coarse = [], [], []
        for path in files:
            if not path.is_file():
                raise FileNotFoundError(f"{type(self).__name__}: no such file: '{path}'")
            batch = safe_pickle.load(path)
            x, labels = self._check_batch(batch, path)
            images.append(x)
            fine.append(labels[-1])
            if len(labels) == 2:
                coarse.append(labels[0])
        data = np.concatenate(images).reshape(-1, 3, 32, 32)
        to_tensor = lambda parts: nnlite.from_numpy(np.ascontiguousarray(np.concatenate(parts), dtype=np.int64))
        return (nnlite.from_numpy(np.ascontiguousarray(data)), to_tensor(fine),
                to_tensor(coarse) if coarse else None)

    def _check_batch(self, batch, path):
        """(images uint8 [n, 3072], [coarse labels,] labels) of one unpickled batch, checked."""
        name = type(self).__name__
        if not isinstance(batch, dict):
            raise ValueError(f"{name}: '{path}' holds a {type(batch).__name__}, expected a dict with 'data' and "
                             f"{' and '.join(repr(k) for k in self.label_keys)}")
        get = lambda key: batch[key] if key in batch else batch.get(key.encode())
        data = get("data")
        if not isinstance(data, np.ndarray) or data.dtype != np.uint8 or data.ndim != 2 or data.shape[1] != 3072:
            desc = f"{data.dtype} array of shape {data.shape}" if isinstance(data, np.ndarray) else type(data).__name__
            raise ValueError(f"{name}: '{path}': 'data' is a {desc}, expected a uint8 array [N, 3072]")
        out = []
        for key, limit in zip(self.label_keys, self._label_limits()):
            labels = get(key)
            try:
                arr = np.asarray(labels) if isinstance(labels, (list, np.ndarray)) else None
            except (ValueError, TypeError, OverflowError):  # ragged or out-of-range values
                arr = None
            if arr is None or arr.ndim != 1 or arr.shape[0] != data.shape[0] or \
                    (arr.size and arr.dtype.kind not in "iu"):
                got = f"{type(labels).__name__}" + (f" of shape {arr.shape} and dtype {arr.dtype}"
                                                    if arr is not None else "")
                raise ValueError(f"{name}: '{path}': '{key}' must be a list of {data.shape[0]} integers (one per "
                                 f"image), got {got}")
            arr = arr.astype(np.int64)
            if arr.size and (arr.min() < 0 or arr.max() >= limit):
                bad = int(arr[(arr < 0) | (arr >= limit)][0])
                raise ValueError(f"{name}: '{path}': '{key}' holds {bad}, expected labels in 0..{limit - 1}")
            out.append(arr)
        return data, out

    def _label_limits(self):
        return (self.num_classes,)

    def _read_class_names(self, folder, fmt):
        """Use the names shipped with the data when they look right (else keep the defaults)."""
        try:
            if fmt == "binary":
                meta = folder / "batches.meta.txt"
                names = [line.strip() for line in meta.read_text().splitlines() if line.strip()] \
                    if meta.is_file() else None
            else:
                meta = folder / "batches.meta"
                names = safe_pickle.load(meta).get("label_names") if meta.is_file() else None
        except (OSError, ValueError, AttributeError, UnicodeError):
            names = None
        if isinstance(names, list) and len(names) == self.num_classes and all(isinstance(n, str) for n in names):
            self.classes = names

    # ---- download -----------------------------------------------------------------

    def _binary_files_ok(self):
        folder = self.root / self.binary_folder
        record = 3073 if self.kind == "cifar10" else 3074
        for f in self.binary_train + self.binary_test:
            p = folder / f
            if not p.is_file() or p.stat().st_size == 0 or p.stat().st_size % record:
                return False
        return True

    def download(self):
        """Fetch and extract the binary archive unless its files are already there."""
        if self._binary_files_ok():
            return
        _download.download_and_extract(self.mirrors, self.archive, self.root, md5=self.archive_md5)
        if not self._binary_files_ok():
            raise ValueError(f"{type(self).__name__}: the archive '{self.root / self.archive}' does not hold the "
                             f"expected files {self.binary_train + self.binary_test} under '{self.binary_folder}'")

    # ---- samples ----------------------------------------------------------------

    def __len__(self):
        return self.data.shape[0]

    def __getitem__(self, index):
        i = _check_index(type(self).__name__, index, len(self))
        image = self.data[i]
        if self.transform is None:
            image = _TO_TENSOR(image)
        else:
            image = self.transform(pil_images_module.to_pil(image) if self.pil_images else image)
        target = int(self.targets[i].item())
        if self.target_transform is not None:
            target = self.target_transform(target)
        return image, target

    def _get_batch(self, indices):
        """float32 images [B, 3, 32, 32] in [0, 1], and their labels."""
        idx = _as_index_tensor(f"{type(self).__name__}.get_batch", indices)
        return _TO_TENSOR(nnlite.index_select(self.data, 0, idx)), nnlite.index_select(self.targets, 0, idx)

    def _native_source(self):
        if self.target_transform is not None:
            return None
        from ..native import NativeSource
        if self.transform is None:
            return NativeSource(fields=[self.data, self.targets], image=0, transform=_TO_TENSOR)
        return NativeSource(fields=[self.data, self.targets], image=0, transform=self.transform, pil=self.pil_images)

    def __repr__(self):
        split = "train" if self.train else "test"
        return f"{type(self).__name__}(root='{self.root}', split={split}, samples={len(self)}, format={self.format})"


class CIFAR100(CIFAR10):
    """CIFAR-100: 100 fine classes grouped into 20 coarse ones. ``targets`` are
    the fine labels (what samples carry); ``coarse_targets`` the coarse ones."""

    kind = "cifar100"
    binary_folder = "cifar-100-binary"
    python_folder = "cifar-100-python"
    binary_train = ["train.bin"]
    binary_test = ["test.bin"]
    python_train = ["train"]
    python_test = ["test"]
    label_keys = ("coarse_labels", "fine_labels")
    archive = "cifar-100-binary.tar.gz"
    archive_md5 = "03b5dce01913d631647c71ecec9e9cb8"
    num_classes = 100
    num_coarse_classes = 20
    classes = [
        "apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle", "bowl",
        "boy", "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle", "chair",
        "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup", "dinosaur", "dolphin",
        "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house", "kangaroo", "keyboard", "lamp",
        "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree", "motorcycle", "mountain",
        "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear", "pickup_truck",
        "pine_tree", "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon", "ray", "road",
        "rocket", "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail", "snake", "spider",
        "squirrel", "streetcar", "sunflower", "sweet_pepper", "table", "tank", "telephone", "television",
        "tiger", "tractor", "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf",
        "woman", "worm",
    ]
    mean = (0.5071, 0.4865, 0.4409)
    std = (0.2673, 0.2564, 0.2762)

    def _label_limits(self):
        return (self.num_coarse_classes, self.num_classes)

    def _read_class_names(self, folder, fmt):
        try:
            if fmt == "binary":
                meta = folder / "fine_label_names.txt"
                names = [line.strip() for line in meta.read_text().splitlines() if line.strip()] \
                    if meta.is_file() else None
            else:
                meta = folder / "meta"
                names = safe_pickle.load(meta).get("fine_label_names") if meta.is_file() else None
        except (OSError, ValueError, AttributeError, UnicodeError):
            names = None
        if isinstance(names, list) and len(names) == self.num_classes and all(isinstance(n, str) for n in names):
            self.classes = names
