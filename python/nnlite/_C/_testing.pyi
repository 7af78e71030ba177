"""
Hooks for nnlite's own tests; not a public API.
"""
from __future__ import annotations
import builtins
import collections.abc
import typing
__all__: list[str] = ['make_schema']
def make_schema(name: str, inputs: collections.abc.Sequence[str] = [], attrs: collections.abc.Sequence[tuple[str, str]] = [], outputs: typing.SupportsInt | typing.SupportsIndex = 1, differentiable: builtins.bool = False, export: str = '', exported_as: collections.abc.Sequence[str] = [], why: str = '', onnx: typing.Any | None = None) -> dict:
    """
    Build and check an op schema the way a family file does; returns it as op_schemas() shows one, with min_inputs and max_inputs, or raises RuntimeError naming what is wrong.
    """
