"""The layers added for PyTorch compatibility (issue 12), gathered for nn's
namespace in one place so nn/__init__.py changes by one line."""
from .activation import Hardsigmoid, Hardswish, Hardtanh, Mish, PReLU, ReLU6, SiLU, Softsign
from .conv1d import Conv1d
from .distance import CosineSimilarity, PairwiseDistance
from .flatten import Unflatten
from .instancenorm import InstanceNorm1d, InstanceNorm2d
from .linear import Bilinear
from .loss import (CosineEmbeddingLoss, HuberLoss, KLDivLoss, MarginRankingLoss, SmoothL1Loss, SoftMarginLoss,
                   TripletMarginLoss)
from .padding import (ConstantPad1d, ConstantPad2d, ReflectionPad1d, ReflectionPad2d, ReplicationPad1d,
                      ReplicationPad2d, ZeroPad1d, ZeroPad2d)
from .pixelshuffle import PixelShuffle, PixelUnshuffle
from .pooling import AdaptiveMaxPool2d, AvgPool1d, MaxPool1d
from .upsampling import UpsamplingBilinear2d

__all__ = [
    "Hardsigmoid", "Hardswish", "Hardtanh", "Mish", "PReLU", "ReLU6", "SiLU", "Softsign", "Conv1d",
    "CosineSimilarity", "PairwiseDistance", "Unflatten", "InstanceNorm1d", "InstanceNorm2d", "Bilinear",
    "CosineEmbeddingLoss", "HuberLoss", "KLDivLoss", "MarginRankingLoss", "SmoothL1Loss", "SoftMarginLoss",
    "TripletMarginLoss", "ConstantPad1d", "ConstantPad2d", "ReflectionPad1d", "ReflectionPad2d", "ReplicationPad1d",
    "ReplicationPad2d", "ZeroPad1d", "ZeroPad2d", "PixelShuffle", "PixelUnshuffle", "AdaptiveMaxPool2d", "AvgPool1d",
    "MaxPool1d", "UpsamplingBilinear2d",
]
