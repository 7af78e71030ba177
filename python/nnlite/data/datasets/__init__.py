"""Datasets read from files: MNIST (with an embedded 5,000-image subset) and Fashion-MNIST."""
from .idx import load_idx, parse_idx
from .mnist import MNIST, FashionMNIST

__all__ = ["MNIST", "FashionMNIST", "load_idx", "parse_idx"]
