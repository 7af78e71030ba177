"""
nnlite::nn::init, which nnlite.nn.init calls
"""
from __future__ import annotations
import builtins
import nnlite._C
import typing
__all__: list[str] = ['calculate_fan_in_and_fan_out', 'calculate_gain', 'kaiming_normal_', 'kaiming_uniform_', 'normal_', 'reset_affine_', 'reset_conv_', 'reset_linear_', 'reset_running_stats_', 'uniform_', 'xavier_normal_', 'xavier_uniform_']
def calculate_fan_in_and_fan_out(tensor: nnlite._C.Tensor) -> tuple[builtins.int, builtins.int]:
    ...
def calculate_gain(nonlinearity: str, param: typing.SupportsFloat | typing.SupportsIndex | None = None) -> builtins.float:
    ...
def kaiming_normal_(tensor: nnlite._C.Tensor, a: typing.SupportsFloat | typing.SupportsIndex, fan_in: builtins.bool, nonlinearity: str, generator: nnlite._C.Generator | None = None) -> None:
    ...
def kaiming_uniform_(tensor: nnlite._C.Tensor, a: typing.SupportsFloat | typing.SupportsIndex, fan_in: builtins.bool, nonlinearity: str, generator: nnlite._C.Generator | None = None) -> None:
    ...
def normal_(tensor: nnlite._C.Tensor, mean: typing.SupportsFloat | typing.SupportsIndex, std: typing.SupportsFloat | typing.SupportsIndex, generator: nnlite._C.Generator | None = None) -> None:
    ...
def reset_affine_(weight: nnlite._C.Tensor | None, bias: nnlite._C.Tensor | None) -> None:
    """
    Normalization layers' affine parameters: weight ones, bias zeros.
    """
def reset_conv_(weight: nnlite._C.Tensor, bias: nnlite._C.Tensor | None) -> None:
    """
    The convolutions' default initialisation of weight and bias.
    """
def reset_linear_(weight: nnlite._C.Tensor, bias: nnlite._C.Tensor | None) -> None:
    """
    Linear's default initialisation of weight and bias.
    """
def reset_running_stats_(running_mean: nnlite._C.Tensor | None, running_var: nnlite._C.Tensor | None, num_batches_tracked: nnlite._C.Tensor | None) -> None:
    """
    BatchNorm's running statistics: mean 0, variance 1, no batches tracked.
    """
def uniform_(tensor: nnlite._C.Tensor, a: typing.SupportsFloat | typing.SupportsIndex, b: typing.SupportsFloat | typing.SupportsIndex, generator: nnlite._C.Generator | None = None) -> None:
    ...
def xavier_normal_(tensor: nnlite._C.Tensor, gain: typing.SupportsFloat | typing.SupportsIndex, generator: nnlite._C.Generator | None = None) -> None:
    ...
def xavier_uniform_(tensor: nnlite._C.Tensor, gain: typing.SupportsFloat | typing.SupportsIndex, generator: nnlite._C.Generator | None = None) -> None:
    ...
