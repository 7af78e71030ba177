"""Entry points of the Python-side parser harnesses, shared by the atheris
drivers (fuzz_*.py) and the corpus replay test (tests/test_fuzz_python.py).

Each takes the fuzzer's bytes and feeds them to nnlite's parser the way a
user's file would reach it. The promise under test: a hostile file either
loads or raises ValueError naming what is wrong; any other exception, a
crash or a runaway allocation is a finding.
"""
import os
import tempfile

from nnlite.data.datasets import safe_pickle
from nnlite.data.datasets.imagefolder import ImageFolder


def safe_pickle_one(data: bytes) -> None:
    """The restricted unpickler (CIFAR's python format goes through it)."""
    try:
        safe_pickle.loads(data, "fuzz.pkl")
    except ValueError:
        pass


_root = None


def imagefolder_one(data: bytes) -> None:
    """ImageFolder decoding one image file with Pillow (as a .png: Pillow
    sniffs the format from the bytes, not from the name)."""
    global _root
    if _root is None:  # one folder for the whole run: a fuzzer calls this millions of times
        _root = tempfile.mkdtemp(prefix="nnlite-fuzz-imagefolder-")
        os.makedirs(os.path.join(_root, "class"))
    with open(os.path.join(_root, "class", "input.png"), "wb") as f:
        f.write(data)
    ds = ImageFolder(_root)
    try:
        image, label = ds[0]
    except ValueError:
        return
    assert label == 0 and image.mode == "RGB", (label, image.mode)


TARGETS = {"safe_pickle": safe_pickle_one, "imagefolder": imagefolder_one}
