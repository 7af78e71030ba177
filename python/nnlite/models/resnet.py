"""Residual networks (He et al. 2016, "Deep Residual Learning for Image Recognition").

Two families:

* ImageNet ResNets (``resnet18``, ``resnet50``) with torchvision's layout and
  parameter names (``conv1``, ``bn1``, ``layer1.0.conv1``, ...,
  ``layer2.0.downsample.0``, ``fc``), so a torchvision state dict loads 1:1.
  The bottleneck strides in its 3x3 convolution ("ResNet v1.5", as
  torchvision and the large-minibatch papers). 11,689,512 and 25,557,032
  parameters for 1000 classes.
* CIFAR ResNets (``resnet20``/``32``/``56``, section 4.2 of the paper): a 3x3
  stem with 16 channels, then three stages of n basic blocks with 16, 32 and
  64 channels (depth 6n + 2), global average pooling and a linear layer.
  Shortcuts are option A of the paper by default: identity, and where the
  shape changes a stride-2 subsample padded with zero channels, so they add no
  parameters (0.27M / 0.46M / 0.85M, the published counts). ``shortcut="B"``
  uses 1x1 convolution + BatchNorm projections there instead.

Weights start as in torchvision: convolutions kaiming-normal (fan_out, ReLU
gain), BatchNorm weight 1 and bias 0, linear layers PyTorch's default.
"""
from __future__ import annotations

from numbers import Integral

import nnlite
from nnlite import nn
from nnlite.nn import functional as F
from nnlite.nn._fusion import conv_bn

from . import _positive_int, _submodules, register_model


def conv3x3(in_planes, out_planes, stride=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride, padding=1, bias=False)


def conv1x1(in_planes, out_planes, stride=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=stride, bias=False)


def _init_weights(model, zero_init_residual):
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
    if zero_init_residual:
        # Each residual branch starts as zero, so every block starts as the
        # identity (Goyal et al. 2017); helps large-batch training.
        for m in model.modules():
            if isinstance(m, Bottleneck):
                nn.init.zeros_(m.bn3.weight)
            elif isinstance(m, (BasicBlock, CifarBasicBlock)):
                nn.init.zeros_(m.bn2.weight)


# ---- ImageNet ResNets (torchvision layout) ----------------------------------


class BasicBlock(nn.Module):
    """Two 3x3 convolutions; [N, inplanes, H, W] -> [N, planes, H/stride, W/stride]."""

    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample
        self.stride = stride

    def _shortcut(self, x):
        return x if self.downsample is None else self.downsample(x)

    def forward(self, x):
        # relu(bn1(conv1(x))), then relu(bn2(conv2(.)) + shortcut): in eval mode each is one convolution
        # with the batch norm folded in and the add and ReLU on its output (nn._fusion).
        conv1, bn1, conv2, bn2, relu = _submodules(self, "conv1", "bn1", "conv2", "bn2", "relu")
        out = conv_bn(conv1, bn1, x, relu=relu)
        return conv_bn(conv2, bn2, out, residual=self._shortcut(x), relu=relu)


class Bottleneck(nn.Module):
    """1x1 reduce, 3x3 (strided), 1x1 expand by 4;
    [N, inplanes, H, W] -> [N, 4 * planes, H/stride, W/stride]."""

    expansion = 4

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = conv1x1(inplanes, planes)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = conv3x3(planes, planes, stride)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = conv1x1(planes, planes * self.expansion)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        conv1, bn1, conv2, bn2, conv3, bn3, relu = _submodules(self, "conv1", "bn1", "conv2", "bn2", "conv3", "bn3",
                                                               "relu")
        out = conv_bn(conv1, bn1, x, relu=relu)
        out = conv_bn(conv2, bn2, out, relu=relu)
        return conv_bn(conv3, bn3, out, residual=identity, relu=relu)


class ResNet(nn.Module):
    """ImageNet ResNet: input [N, in_channels, H, W] (224x224 in the paper) ->
    logits [N, num_classes]. ``layers`` gives the number of blocks per stage."""

    def __init__(self, block, layers, num_classes=1000, in_channels=3, zero_init_residual=False):
        super().__init__()
        if block not in (BasicBlock, Bottleneck):
            raise ValueError(f"ResNet: block must be BasicBlock or Bottleneck, got {block!r}")
        layers = _stage_sizes("ResNet", layers, 4)
        self.num_classes = _positive_int("ResNet", "num_classes", num_classes)
        self.in_channels = _positive_int("ResNet", "in_channels", in_channels)
        self.inplanes = 64
        # stem: [N, C, H, W] -> conv 7x7/2 -> [N, 64, H/2, W/2] -> maxpool 3x3/2 -> [N, 64, H/4, W/4]
        self.conv1 = nn.Conv2d(self.in_channels, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, 64, layers[0])
        self.layer2 = self._make_layer(block, 128, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 256, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 512, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 * block.expansion, self.num_classes)
        _init_weights(self, zero_init_residual)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(conv1x1(self.inplanes, planes * block.expansion, stride),
                                       nn.BatchNorm2d(planes * block.expansion))
        layers = [block(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes * block.expansion
        layers += [block(self.inplanes, planes) for _ in range(1, blocks)]
        return nn.Sequential(*layers)

    def forward(self, x):
        _check_input("ResNet", x, self.in_channels)
        conv1, bn1, relu, maxpool, layer1, layer2, layer3, layer4, avgpool, fc = _submodules(
            self, "conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool", "fc")
        x = maxpool(conv_bn(conv1, bn1, x, relu=relu))
        x = layer4(layer3(layer2(layer1(x))))
        x = avgpool(x).flatten(1)  # [N, 512 * expansion]
        return fc(x)


@register_model("resnet18")
def resnet18(num_classes=1000, in_channels=3, zero_init_residual=False) -> ResNet:
    """ResNet-18: basic blocks [2, 2, 2, 2]; 11,689,512 parameters for 1000 classes."""
    return ResNet(BasicBlock, [2, 2, 2, 2], num_classes, in_channels, zero_init_residual)


@register_model("resnet50")
def resnet50(num_classes=1000, in_channels=3, zero_init_residual=False) -> ResNet:
    """ResNet-50: bottlenecks [3, 4, 6, 3]; 25,557,032 parameters for 1000 classes."""
    return ResNet(Bottleneck, [3, 4, 6, 3], num_classes, in_channels, zero_init_residual)


# ---- CIFAR ResNets (He et al. 2016, section 4.2) -----------------------------


class CifarBasicBlock(BasicBlock):
    """Two 3x3 convolutions and a shortcut; [N, inplanes, H, W] -> [N, planes, H/stride, W/stride].

    Where the shape changes, shortcut "A" subsamples with the stride and pads
    the new channels with zeros (no parameters); "B" projects with a 1x1
    convolution and BatchNorm (torchvision's ``downsample`` names)."""

    def __init__(self, inplanes, planes, stride=1, shortcut="A"):
        downsample, pad_channels = None, None  # pad: (before, after) zero channels of shortcut A
        if stride != 1 or inplanes != planes:
            if shortcut == "B":
                downsample = nn.Sequential(conv1x1(inplanes, planes, stride), nn.BatchNorm2d(planes))
            elif planes < inplanes:
                raise ValueError(f"CifarBasicBlock: shortcut A can only add channels, got {inplanes} -> {planes}")
            else:
                extra = planes - inplanes
                pad_channels = (extra // 2, extra - extra // 2)
        super().__init__(inplanes, planes, stride, downsample)
        self.shortcut = shortcut
        self.pad_channels = pad_channels

    def _shortcut(self, x):
        if self.downsample is not None:
            return self.downsample(x)
        if self.stride != 1:
            x = x[:, :, ::self.stride, ::self.stride]  # a view: [N, C, ceil(H/s), ceil(W/s)]
        if self.pad_channels is None:
            return x
        before, after = self.pad_channels
        return F.pad(x, (0, 0, 0, 0, before, after))  # zero channels on both sides: one op, not zeros + cat


class CifarResNet(nn.Module):
    """CIFAR ResNet of depth 6n + 2: input [N, in_channels, 32, 32] -> logits [N, num_classes]."""

    def __init__(self, n, num_classes=10, in_channels=3, shortcut="A", zero_init_residual=False):
        super().__init__()
        n = _positive_int("CifarResNet", "n (blocks per stage)", n)
        if shortcut not in ("A", "B"):
            raise ValueError(f"CifarResNet: shortcut must be 'A' (zero-padding identity) or 'B' (1x1 projection), "
                             f"got {shortcut!r}")
        self.num_classes = _positive_int("CifarResNet", "num_classes", num_classes)
        self.in_channels = _positive_int("CifarResNet", "in_channels", in_channels)
        self.depth = 6 * n + 2
        self.shortcut = shortcut
        self.conv1 = conv3x3(self.in_channels, 16)  # [N, C, 32, 32] -> [N, 16, 32, 32]
        self.bn1 = nn.BatchNorm2d(16)
        self.relu = nn.ReLU(inplace=True)
        self.inplanes = 16
        self.layer1 = self._make_layer(16, n, 1)  # [N, 16, 32, 32]
        self.layer2 = self._make_layer(32, n, 2)  # [N, 32, 16, 16]
        self.layer3 = self._make_layer(64, n, 2)  # [N, 64, 8, 8]
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(64, self.num_classes)
        _init_weights(self, zero_init_residual)

    def _make_layer(self, planes, blocks, stride):
        layers = [CifarBasicBlock(self.inplanes, planes, stride, self.shortcut)]
        self.inplanes = planes
        layers += [CifarBasicBlock(planes, planes, 1, self.shortcut) for _ in range(1, blocks)]
        return nn.Sequential(*layers)

    def forward(self, x):
        _check_input("CifarResNet", x, self.in_channels)
        conv1, bn1, relu, layer1, layer2, layer3, avgpool, fc = _submodules(
            self, "conv1", "bn1", "relu", "layer1", "layer2", "layer3", "avgpool", "fc")
        x = conv_bn(conv1, bn1, x, relu=relu)
        x = layer3(layer2(layer1(x)))
        x = avgpool(x).flatten(1)  # [N, 64]
        return fc(x)


@register_model("resnet20")
def resnet20(num_classes=10, in_channels=3, shortcut="A", zero_init_residual=False) -> CifarResNet:
    """ResNet-20 for CIFAR (n = 3): 0.27M parameters (269,722 for 10 classes, shortcut A)."""
    return CifarResNet(3, num_classes, in_channels, shortcut, zero_init_residual)


@register_model("resnet32")
def resnet32(num_classes=10, in_channels=3, shortcut="A", zero_init_residual=False) -> CifarResNet:
    """ResNet-32 for CIFAR (n = 5): 0.46M parameters (464,154 for 10 classes, shortcut A)."""
    return CifarResNet(5, num_classes, in_channels, shortcut, zero_init_residual)


@register_model("resnet56")
def resnet56(num_classes=10, in_channels=3, shortcut="A", zero_init_residual=False) -> CifarResNet:
    """ResNet-56 for CIFAR (n = 9): 0.85M parameters (853,018 for 10 classes, shortcut A)."""
    return CifarResNet(9, num_classes, in_channels, shortcut, zero_init_residual)


# ---- argument checks ---------------------------------------------------------


def _stage_sizes(owner, layers, count):
    try:
        sizes = list(layers)
    except TypeError:
        raise ValueError(f"{owner}: layers must be a list of {count} block counts, got {layers!r}") from None
    if len(sizes) != count or any(isinstance(v, bool) or not isinstance(v, Integral) or v < 1 for v in sizes):
        raise ValueError(f"{owner}: layers must be {count} positive integers, got {layers!r}")
    return [int(v) for v in sizes]


def _check_input(owner, x, channels):
    if not isinstance(x, nnlite.Tensor):
        raise TypeError(f"{owner}: expected an nnlite.Tensor input, got {type(x).__name__}")
    if x.dim() != 4 or x.shape[1] != channels:
        raise ValueError(f"{owner}: expected input of shape [N, {channels}, H, W], got {list(x.shape)}")
