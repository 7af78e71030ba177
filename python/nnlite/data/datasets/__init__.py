"""Datasets read from files: MNIST (with an embedded 5,000-image subset),
Fashion-MNIST, CIFAR-10/100 (binary or pickle versions, with download) and
ImageFolder."""
from .cifar import CIFAR10, CIFAR100
from .idx import load_idx, parse_idx
from .imagefolder import ImageFolder
from .mnist import MNIST, FashionMNIST

__all__ = ["MNIST", "FashionMNIST", "CIFAR10", "CIFAR100", "ImageFolder", "load_idx", "parse_idx"]
