"""Module hooks as torch.nn.Module has them: forward pre-hooks, forward hooks and full backward hooks.

Backward hooks wrap the module's tensor inputs and outputs in identity
autograd Functions: the one on the outputs catches grad_output, the one on
the inputs hands (grad_input, grad_output) to the hooks, which may replace
grad_input. When no input needs a gradient, the hooks run as soon as
grad_output is known, with grad_input all None (torch does the same).
"""
import itertools
from collections import OrderedDict

from .._C import Tensor
from ..autograd_function import Function

__all__ = ["RemovableHandle"]

_next_id = itertools.count()


class RemovableHandle:
    """What register_*_hook returns: ``remove()`` takes the hook out (also as a context manager)."""

    def __init__(self, hooks_dict, extra_dicts=()):
        self.id = next(_next_id)
        self._dicts = [hooks_dict, *extra_dicts]

    def remove(self):
        for d in self._dicts:
            d.pop(self.id, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


def _register(hooks, hook, prepend, kwargs_set=None, with_kwargs=False):
    if not callable(hook):
        raise TypeError(f"hook must be callable but got {type(hook).__name__}")
    handle = RemovableHandle(hooks, () if kwargs_set is None else (kwargs_set,))
    hooks[handle.id] = hook
    if with_kwargs:
        kwargs_set[handle.id] = True
    if prepend:
        hooks.move_to_end(handle.id, last=False)
    return handle


class _GradCatcher(Function):
    """Identity on the outputs: its backward records grad_output for the input side."""

    @staticmethod
    def forward(ctx, state, *outputs):
        ctx.state = state
        return tuple(t.clone() for t in outputs) if len(outputs) > 1 else outputs[0].clone()

    @staticmethod
    def backward(ctx, *grads):
        state = ctx.state
        state.grad_output = grads
        if not state.inputs_need_grad:
            state.run(tuple(None for _ in range(state.n_inputs)))
        return (None, *grads)


class _GradReporter(Function):
    """Identity on the inputs: its backward runs the hooks, which may replace grad_input."""

    @staticmethod
    def forward(ctx, state, *inputs):
        ctx.state = state
        return tuple(t.clone() for t in inputs) if len(inputs) > 1 else inputs[0].clone()

    @staticmethod
    def backward(ctx, *grads):
        return (None, *ctx.state.run(grads))


class _BackwardState:
    def __init__(self, module, n_inputs, inputs_need_grad):
        self.module, self.n_inputs, self.inputs_need_grad = module, n_inputs, inputs_need_grad
        self.grad_output = None

    def run(self, grad_input):
        grad_input = tuple(grad_input)
        for hook in list(self.module._backward_hooks.values()):
            result = hook(self.module, grad_input, self.grad_output)
            if result is None:
                continue
            result = tuple(result) if isinstance(result, (tuple, list)) else (result,)
            if len(result) != len(grad_input):
                raise RuntimeError(f"backward hook returned {len(result)} gradients, but the module has "
                                   f"{len(grad_input)} tensor inputs")
            grad_input = result
        return grad_input


def _replace_tensors(values, new_tensors):
    """values with its Tensor entries replaced, in order, by new_tensors."""
    it = iter(new_tensors)
    return tuple(next(it) if isinstance(v, Tensor) else v for v in values)


def _as_tuple(x):
    return x if isinstance(x, tuple) else (x,)


class HookMixin:
    """The hook registries and call path of nnlite.nn.Module."""

    def _init_hooks(self):
        for name in ("_forward_pre_hooks", "_forward_pre_hooks_with_kwargs", "_forward_hooks",
                     "_forward_hooks_with_kwargs", "_backward_hooks"):
            object.__setattr__(self, name, OrderedDict())

    def register_forward_pre_hook(self, hook, *, prepend=False, with_kwargs=False):
        """hook(module, args) -> None or new args; with_kwargs: hook(module, args, kwargs) -> None or (args, kwargs)."""
        return _register(self._forward_pre_hooks, hook, prepend, self._forward_pre_hooks_with_kwargs, with_kwargs)

    def register_forward_hook(self, hook, *, prepend=False, with_kwargs=False, always_call=False):
        """hook(module, args, output) -> None or a new output (with_kwargs: hook(module, args, kwargs, output))."""
        return _register(self._forward_hooks, hook, prepend, self._forward_hooks_with_kwargs, with_kwargs)

    def register_full_backward_hook(self, hook, prepend=False):
        """hook(module, grad_input, grad_output) -> None or a new grad_input (one entry per tensor input)."""
        return _register(self._backward_hooks, hook, prepend)

    def _has_hooks(self):
        d = self.__dict__
        return bool(d.get("_forward_pre_hooks") or d.get("_forward_hooks") or d.get("_backward_hooks"))

    def _call_with_hooks(self, args, kwargs):
        for hook_id, hook in list(self._forward_pre_hooks.items()):
            if hook_id in self._forward_pre_hooks_with_kwargs:
                result = hook(self, args, kwargs)
                if result is not None:
                    if not (isinstance(result, tuple) and len(result) == 2):
                        raise RuntimeError(f"forward pre-hook must return None or a tuple of (new_args, new_kwargs), "
                                           f"but got {result!r}")
                    args, kwargs = result
            else:
                result = hook(self, args)
                if result is not None:
                    args = _as_tuple(result)
        state = None
        if self._backward_hooks:
            from .. import is_grad_enabled

            if is_grad_enabled():
                tensors = [a for a in args if isinstance(a, Tensor)]
                need = any(t.requires_grad for t in tensors)
                state = _BackwardState(self, len(tensors), need)
                if need:
                    args = _replace_tensors(args, _as_tuple(_GradReporter.apply(state, *tensors)))
        output = self.forward(*args, **kwargs)
        for hook_id, hook in list(self._forward_hooks.items()):
            if hook_id in self._forward_hooks_with_kwargs:
                result = hook(self, args, kwargs, output)
            else:
                result = hook(self, args, output)
            if result is not None:
                output = result
        if state is not None:
            outputs = _as_tuple(output)
            grads = [o for o in outputs if isinstance(o, Tensor) and o.requires_grad]
            if grads:
                caught = _as_tuple(_GradCatcher.apply(state, *grads))
                it = iter(caught)
                new = tuple(next(it) if isinstance(o, Tensor) and o.requires_grad else o for o in outputs)
                output = new if isinstance(output, tuple) else new[0]
        return output
