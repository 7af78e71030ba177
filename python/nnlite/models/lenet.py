"""LeNet-5 (LeCun et al. 1998) for 28x28 images such as MNIST.

The classic layout: conv 5x5 (6 maps) - pool - conv 5x5 (16 maps) - pool -
fc 120 - fc 84 - fc classes. The first convolution pads by 2, so a 28x28
digit sees the 32x32 input of the original paper. ReLU and max-pooling
replace the original's scaled tanh and trainable sub-sampling, as modern
re-implementations do; the parameter count is unchanged by that choice
(61,706 for one input channel and ten classes).
"""
from __future__ import annotations

from nnlite import nn

from . import _positive_int, _submodules, register_model


class LeNet5(nn.Module):
    """Input [N, in_channels, 28, 28] -> logits [N, num_classes]."""

    image_size = 28

    def __init__(self, num_classes=10, in_channels=1):
        super().__init__()
        self.num_classes = _positive_int("LeNet5", "num_classes", num_classes)
        self.in_channels = _positive_int("LeNet5", "in_channels", in_channels)
        # [N, C, 28, 28] -> conv1 [N, 6, 28, 28] -> pool [N, 6, 14, 14]
        # -> conv2 [N, 16, 10, 10] -> pool [N, 16, 5, 5] -> flatten [N, 400]
        self.conv1 = nn.Conv2d(self.in_channels, 6, kernel_size=5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.pool = nn.MaxPool2d(2)
        self.relu = nn.ReLU()
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, self.num_classes)
        for conv in (self.conv1, self.conv2):
            nn.init.kaiming_normal_(conv.weight, mode="fan_out", nonlinearity="relu")
            nn.init.zeros_(conv.bias)

    def forward(self, x):
        shape = tuple(x.shape)
        if len(shape) != 4 or shape[1] != self.in_channels or shape[2:] != (self.image_size, self.image_size):
            raise ValueError(f"LeNet5: expected input of shape [N, {self.in_channels}, {self.image_size}, "
                             f"{self.image_size}], got {list(shape)}")
        conv1, conv2, pool, relu, fc1, fc2, fc3 = _submodules(self, "conv1", "conv2", "pool", "relu", "fc1", "fc2",
                                                              "fc3")
        x = pool(relu(conv1(x)))
        x = pool(relu(conv2(x)))
        x = x.flatten(1)
        x = relu(fc1(x))
        x = relu(fc2(x))
        return fc3(x)


@register_model("lenet5")
def lenet5(num_classes=10, in_channels=1) -> LeNet5:
    """LeNet-5 for 28x28 images (MNIST): 61,706 parameters with the defaults."""
    return LeNet5(num_classes=num_classes, in_channels=in_channels)
