"""Flatten: merge a range of dimensions into one (a view when strides allow); Unflatten: split one."""
from .module import Module

__all__ = ["Flatten", "Unflatten"]


class Flatten(Module):
    """Merges dims start_dim..end_dim into one (the batch dim 0 stays by default).

    Args:
        start_dim (int): the first dim merged.
        end_dim (int): the last dim merged.

    Shape:
        [N, *dims] -> [N, prod(dims)] with the defaults.

    Examples:
        >>> import nnlite
        >>> from nnlite import nn
        >>> nn.Flatten()(nnlite.zeros(2, 3, 4)).shape
        (2, 12)
    """
    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input):
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self):
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Unflatten(Module):
    """Split dim `dim` into `unflattened_size` (one entry may be -1)."""

    def __init__(self, dim, unflattened_size):
        super().__init__()
        if isinstance(dim, bool) or not isinstance(dim, int):
            raise TypeError(f"Unflatten: dim must be an int (named dims are not supported) but got {dim!r}")
        if not isinstance(unflattened_size, (tuple, list)) or not all(
                isinstance(s, int) and not isinstance(s, bool) for s in unflattened_size):
            raise TypeError(f"Unflatten: unflattened_size must be a tuple of ints but got {unflattened_size!r}")
        self.dim = dim
        self.unflattened_size = tuple(unflattened_size)

    def forward(self, input):
        shape = list(input.shape)
        nd = len(shape)
        if not -nd <= self.dim < nd:
            raise ValueError(f"Unflatten: dim {self.dim} is out of range for an input of shape {tuple(shape)}")
        d = self.dim % nd
        sizes = list(self.unflattened_size)
        known = 1
        for s in sizes:
            known *= s if s != -1 else 1
        if (-1 not in sizes and known != shape[d]) or (-1 in sizes and (known == 0 or shape[d] % known)):
            raise ValueError(f"Unflatten: sizes {self.unflattened_size} do not multiply to the size {shape[d]} of "
                             f"dim {self.dim} of an input of shape {tuple(shape)}")
        return input.reshape(shape[:d] + sizes + shape[d + 1:])

    def extra_repr(self):
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"
