"""The model zoo: ready-made architectures by name.

``get_model("mlp", num_classes=10)`` builds a registered model;
``list_models()`` names them. A module adds its models with
``@register_model("name")``.
"""
from __future__ import annotations

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


def get_model(name: str, **kwargs):
    """Build the registered model ``name`` with the builder's keyword arguments."""
    try:
        builder = _REGISTRY[name]
    except (KeyError, TypeError):
        raise ValueError(f"get_model: unknown model {name!r}; available: {', '.join(list_models())}") from None
    return builder(**kwargs)


from .mlp import MLP, mlp  # noqa: E402  (registers itself)

__all__ = ["get_model", "list_models", "register_model", "MLP", "mlp"]
