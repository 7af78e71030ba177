"""VGG (Simonyan and Zisserman 2015) adapted to CIFAR, with BatchNorm.

``vgg11`` is configuration "A" of the paper (8 convolutions): 3x3
convolutions with BatchNorm and ReLU, five 2x2 max-pools that take a 32x32
image to [N, 512, 1, 1], and one linear layer from the 512-d feature to the
classes, as the common CIFAR re-implementations do instead of the
4096-4096 head sized for ImageNet. 9,231,114 parameters for 10 classes.

``features`` keeps torchvision's numbering (``features.0`` conv,
``features.1`` BatchNorm, ...); weights start as torchvision's VGG:
convolutions kaiming-normal (fan_out, ReLU gain) with zero bias, BatchNorm
1 and 0, linear layers normal(0, 0.01) with zero bias.
"""
from __future__ import annotations

import nnlite
from nnlite import nn

from . import _positive_int, register_model

# Output channels of each 3x3 convolution; "M" is a 2x2 max-pool.
CONFIGS = {
    "vgg11": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
}


def make_features(config, in_channels, batch_norm=True):
    layers, channels = [], in_channels
    for v in config:
        if v == "M":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
            continue
        layers.append(nn.Conv2d(channels, v, kernel_size=3, padding=1))
        if batch_norm:
            layers.append(nn.BatchNorm2d(v))
        layers.append(nn.ReLU(inplace=True))
        channels = v
    return nn.Sequential(*layers)


class VGG(nn.Module):
    """Input [N, in_channels, H, W] (32x32 for CIFAR) -> logits [N, num_classes].

    An adaptive average pool to 1x1 after the features makes the head
    accept inputs larger than 32x32; on 32x32 inputs it changes nothing."""

    def __init__(self, config="vgg11", num_classes=10, in_channels=3, batch_norm=True):
        super().__init__()
        if config not in CONFIGS:
            raise ValueError(f"VGG: unknown configuration {config!r}; available: {', '.join(CONFIGS)}")
        self.num_classes = _positive_int("VGG", "num_classes", num_classes)
        self.in_channels = _positive_int("VGG", "in_channels", in_channels)
        self.features = make_features(CONFIGS[config], self.in_channels, batch_norm)
        width = [v for v in CONFIGS[config] if v != "M"][-1]
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.classifier = nn.Linear(width, self.num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0.0, 0.01)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        if not isinstance(x, nnlite.Tensor):
            raise TypeError(f"VGG: expected an nnlite.Tensor input, got {type(x).__name__}")
        if x.dim() != 4 or x.shape[1] != self.in_channels or x.shape[2] < 32 or x.shape[3] < 32:
            raise ValueError(f"VGG: expected input of shape [N, {self.in_channels}, H, W] with H, W >= 32 "
                             f"(five 2x2 pools), got {list(x.shape)}")
        x = self.avgpool(self.features(x)).flatten(1)  # [N, 512]
        return self.classifier(x)


@register_model("vgg11")
def vgg11(num_classes=10, in_channels=3, batch_norm=True) -> VGG:
    """VGG-11 with BatchNorm for CIFAR: 9,231,114 parameters for 10 classes."""
    return VGG("vgg11", num_classes=num_classes, in_channels=in_channels, batch_norm=batch_norm)
