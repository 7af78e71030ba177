"""``nnlite.utils``: helpers outside the core, shaped like ``torch.utils`` and
``torchvision.utils``.

``nnlite.utils.data`` is the very same module as ``nnlite.data`` (PyTorch
scripts import ``torch.utils.data``); ``make_grid`` and ``save_image`` tile a
batch of images as torchvision does.
"""
import sys

from .. import data
from .image import make_grid, save_image

# One module under two names, so ``import nnlite.utils.data`` and
# ``from nnlite.utils.data import DataLoader`` give the objects of nnlite.data.
sys.modules[__name__ + ".data"] = data

__all__ = ["data", "make_grid", "save_image"]
