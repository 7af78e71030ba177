"""Write the seed corpora of the Python-side harnesses into seeds/<target>:
valid files as nnlite reads and writes them, small so that mutations reach
deep quickly.

    PYTHONPATH=python python fuzz/python/make_seeds.py

safe_pickle: CIFAR python-format batches (a dict holding a uint8 ndarray,
labels, names) at protocols 2 to 5, bytes-keyed as Python 2 wrote them, and a
batches.meta dict. imagefolder: a small image written by
nnlite.utils.save_image in each format Pillow writes that ImageFolder lists.
"""
import pickle
from pathlib import Path

import numpy as np

import nnlite
from nnlite.utils import save_image

SEEDS = Path(__file__).resolve().parent / "seeds"


def cifar_batch(n, keys_as_bytes):
    rng = np.random.default_rng(n)
    batch = {"batch_label": "training batch 1 of 5", "labels": [int(v) for v in rng.integers(0, 10, n)],
             "data": rng.integers(0, 256, (n, 3072), dtype=np.uint8),
             "filenames": [f"img_{i}.png" for i in range(n)]}
    if keys_as_bytes:
        batch = {k.encode(): (v.encode() if isinstance(v, str) else v) for k, v in batch.items()}
    return batch


def main():
    pk = SEEDS / "safe_pickle"
    pk.mkdir(parents=True, exist_ok=True)
    for protocol in (2, 3, 4, 5):
        (pk / f"cifar_batch_p{protocol}").write_bytes(pickle.dumps(cifar_batch(1, False), protocol=protocol))
    (pk / "cifar_batch_py2_keys").write_bytes(pickle.dumps(cifar_batch(2, True), protocol=2))
    (pk / "batches_meta").write_bytes(pickle.dumps({"label_names": ["cat", "dog"], "num_vis": 3072}, protocol=2))
    im = SEEDS / "imagefolder"
    im.mkdir(parents=True, exist_ok=True)
    nnlite.manual_seed(0)
    rgb = nnlite.rand(3, 6, 5)
    for fmt, ext in (("PNG", "png"), ("JPEG", "jpg"), ("BMP", "bmp"), ("PPM", "ppm"), ("TIFF", "tif"),
                     ("WEBP", "webp")):
        save_image(rgb, str(im / f"rgb.{ext}"), format=fmt)
    save_image(rgb[:1], str(im / "gray.png"), format="PNG")


if __name__ == "__main__":
    main()
