"""Parameter: a tensor that a Module registers as one of its learnable weights."""
from .._C import Tensor

__all__ = ["Parameter"]


class Parameter(Tensor):
    """A leaf tensor that requires grad and shares its storage with ``data``.

    Assigning a Parameter to a Module attribute registers it, so it shows up
    in ``parameters()`` and ``state_dict()``.
    """

    def __init__(self, data=None, requires_grad=True):
        if data is None:
            from .. import empty

            data = empty(0)
        if not isinstance(data, Tensor):
            raise TypeError(f"Parameter: expected data to be an nnlite.Tensor but got {type(data).__name__}")
        # detach() shares the storage but drops any history, so the parameter
        # is a leaf even when built from the output of an op.
        super().__init__(data.detach())
        self.requires_grad_(bool(requires_grad))

    # Parameters are dictionary keys (optimizer state, memo sets): hash by
    # identity, as torch does, whatever Tensor.__eq__ computes.
    __hash__ = object.__hash__

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    def __deepcopy__(self, memo):
        # copy.deepcopy(model): a new Parameter over a copy of the values
        # (like PyTorch, the grad is not copied).
        if id(self) in memo:
            return memo[id(self)]
        result = Parameter(self.detach().clone(), self.requires_grad)
        memo[id(self)] = result
        return result


def _add_weight_and_bias(module, weight_shape, bias_size, bias, dtype):
    """Register an uninitialised `weight` of weight_shape and a `bias` of
    [bias_size] (None when bias is false), as Linear, Bilinear and the
    convolutions do before their reset_parameters()."""
    from .. import empty, get_default_dtype

    dtype = get_default_dtype() if dtype is None else dtype
    module.weight = Parameter(empty(*weight_shape, dtype=dtype))
    if bias:
        module.bias = Parameter(empty(bias_size, dtype=dtype))
    else:
        module.register_parameter("bias", None)
