"""The model zoo: ready-made architectures by name.

``get_model("mlp", num_classes=10)`` builds a registered model;
``list_models()`` names them. A module adds its models with
``@register_model("name")``. Training them is ``nnlite.training``.

Models: ``mlp``; ``lenet5`` and ``lstm`` (MNIST; the LSTM reads an image
row by row); ``resnet20``/``resnet32``/``resnet56``
and ``vgg11`` (CIFAR, 32x32 inputs); ``resnet18``/``resnet50`` (ImageNet,
torchvision's layout and parameter names); ``vae`` (``VAE``, the 784-400-20
MLP variational autoencoder of PyTorch's examples/vae, or ``ConvVAE`` with
``conv=True``; trained by ``nnlite train --model vae``, training/vae.py);
``snn`` (a spiking MLP, rate-coded MNIST over 25 time steps, trained by
``nnlite train --model snn``); ``dcgan`` (a DCGAN for 28x28 images:
generator and discriminator, trained by ``nnlite train --model dcgan``);
``dbn`` (a deep belief net:
RBMs pretrained layer by layer, then fine-tuned as a sigmoid MLP; its
``nnlite train`` run is training/dbn.py). ``RBM`` (models.rbm) is a building
block trained by contrastive divergence, not a zoo entry.
"""
from __future__ import annotations

from numbers import Integral
from typing import Callable, Dict, List

_REGISTRY: Dict[str, Callable] = {}


def register_model(name: str):
    """Decorator: make a model builder available as ``get_model(name)``."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"register_model: name must be a non-empty string, got {name!r}")

    def add(builder: Callable) -> Callable:
        if name in _REGISTRY and _REGISTRY[name] is not builder:
            raise ValueError(f"register_model: a model named '{name}' is already registered")
        _REGISTRY[name] = builder
        return builder

    return add


def list_models() -> List[str]:
    """Names accepted by get_model, sorted."""
    return sorted(_REGISTRY)


def get_model_builder(name: str) -> Callable:
    """The builder registered as ``name`` (to inspect the arguments it takes)."""
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise ValueError(f"get_model: unknown model {name!r}; available: {', '.join(list_models())}") from None


def get_model(name: str, **kwargs):
    """Build the registered model ``name`` with the builder's keyword arguments."""
    return get_model_builder(name)(**kwargs)


def _positive_int(owner: str, what: str, value) -> int:
    """``value`` as an int, or a ValueError naming the model and the argument."""
    if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
        raise ValueError(f"{owner}: {what} must be a positive integer, got {value!r}")
    return int(value)


def _submodules(module, *names):
    """``module.<name>`` for each of names, read from ``module._modules`` directly: ``module.<name>`` first
    fails the ordinary attribute lookup (an AttributeError raised and caught, about 1 us) before
    Module.__getattr__ finds it, a visible share of a batch-1 forward. A name not in _modules (deleted, or
    replaced by a plain attribute) is looked up as ``module.<name>``, so it is found, or raises, as before."""
    m = module._modules
    return [m[name] if name in m else getattr(module, name) for name in names]


# The builders register themselves when their module is imported.
from .mlp import MLP, mlp  # noqa: E402
from .lenet import LeNet5, lenet5  # noqa: E402
from .resnet import (  # noqa: E402
    BasicBlock, Bottleneck, CifarBasicBlock, CifarResNet, ResNet, resnet18, resnet20, resnet32, resnet50, resnet56,
)
from .vgg import VGG, vgg11  # noqa: E402
from .lstm import LSTMClassifier, lstm  # noqa: E402
from .snn import SpikingMLP, spiking_mlp  # noqa: E402
from .dcgan import DCGAN, DCGANDiscriminator, DCGANGenerator, dcgan  # noqa: E402
from .rbm import RBM  # noqa: E402  (not in the zoo: it is trained by contrastive divergence, not as a classifier)
from .vae import VAE, vae  # noqa: E402
from .conv_vae import ConvVAE  # noqa: E402
from .dbn import DBN, dbn  # noqa: E402

__all__ = [
    "get_model", "get_model_builder", "list_models", "register_model", "MLP", "mlp", "LeNet5", "lenet5", "ResNet", "BasicBlock",
    "Bottleneck", "CifarResNet", "CifarBasicBlock", "resnet18", "resnet50", "resnet20", "resnet32", "resnet56",
    "VGG", "vgg11", "LSTMClassifier", "lstm", "RBM", "VAE", "ConvVAE", "vae", "SpikingMLP", "spiking_mlp",
    "DCGAN", "DCGANGenerator", "DCGANDiscriminator", "dcgan", "DBN", "dbn",
]
