"""Grad mode switches and functional gradients, as in torch.autograd."""
import functools

from . import _C

is_grad_enabled = _C.is_grad_enabled


class _GradMode:
    """Context manager and decorator that sets grad mode for its body."""

    _mode = True

    def __new__(cls, orig_func=None):
        # Used bare as a decorator (@no_grad): decorate straight away.
        if orig_func is not None and cls is not set_grad_enabled:
            return cls()(orig_func)
        return super().__new__(cls)

    def __init__(self, orig_func=None):
        self._prev = []

    def __enter__(self):
        self._prev.append(_C.is_grad_enabled())
        _C.set_grad_enabled_(self._mode)
        return self

    def __exit__(self, *exc):
        _C.set_grad_enabled_(self._prev.pop())
        return False

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.__class__():
                return fn(*args, **kwargs)

        return wrapper


class no_grad(_GradMode):
    """Disable gradient recording: ``with nnlite.no_grad(): ...`` or ``@nnlite.no_grad()``."""

    _mode = False


class inference_mode(_GradMode):
    """torch.inference_mode: no gradient recording (``inference_mode(False)`` changes nothing).

    As a context manager, ``@inference_mode`` or ``@inference_mode()``.
    nnlite has no separate inference tensors: results are ordinary tensors
    made without history, as under no_grad."""

    def __new__(cls, mode=True):
        if callable(mode):  # bare decorator
            return cls()(mode)
        return object.__new__(cls)

    def __init__(self, mode=True):
        super().__init__()
        self._enabled = bool(mode)
        self._mode = False

    def __enter__(self):
        self._prev.append(_C.is_grad_enabled())
        if self._enabled:
            _C.set_grad_enabled_(False)
        return self

    def __call__(self, fn):
        enabled = self._enabled

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with inference_mode(enabled):
                return fn(*args, **kwargs)

        return wrapper


class enable_grad(_GradMode):
    """Enable gradient recording inside a no_grad region."""

    _mode = True


class set_grad_enabled(_GradMode):
    """``set_grad_enabled(False)`` works as a call, a context manager or a decorator."""

    def __new__(cls, mode):
        return object.__new__(cls)

    def __init__(self, mode):
        super().__init__()
        self._mode = bool(mode)
        self._prev.append(_C.is_grad_enabled())
        _C.set_grad_enabled_(self._mode)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        _C.set_grad_enabled_(self._prev.pop())
        return False

    def __call__(self, fn):
        mode = self._mode
        _C.set_grad_enabled_(self._prev.pop())  # used as a decorator: undo the call's effect

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with set_grad_enabled(mode):
                return fn(*args, **kwargs)

        return wrapper


def _as_list(x):
    if x is None:
        return None
    if isinstance(x, (list, tuple)):
        return list(x)
    return [x]


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, allow_unused=False):
    """Gradients of ``outputs`` with respect to ``inputs``; ``.grad`` is left untouched."""
    return _C.autograd_grad(_as_list(outputs), _as_list(inputs), _as_list(grad_outputs), retain_graph,
                            create_graph, allow_unused)


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False):
    """Accumulate gradients of several outputs into the leaves' ``.grad``."""
    _C.backward_many(_as_list(tensors), _as_list(grad_tensors), retain_graph, create_graph)


def queue_callback(callback):
    """Run ``callback()`` when the backward pass now running ends (PyTorch's
    ``Variable._execution_engine.queue_callback``); call it from a hook.
    DistributedDataParallel waits for its gradient all-reduces this way."""
    _C._queue_callback(callback)


from .autograd_function import Function, FunctionCtx, once_differentiable  # noqa: E402,F401  (torch.autograd.Function)
from . import autograd_function as function  # noqa: E402,F401  (torch.autograd.function)


class _VariableMeta(type):
    # torch keeps isinstance(t, Variable) true for every tensor, as old programs test it.
    def __instancecheck__(cls, other):
        return isinstance(other, _C.Tensor)


class Variable(metaclass=_VariableMeta):
    """torch.autograd.Variable, a no-op wrapper since torch 0.4 that old programs still call:
    ``Variable(t, requires_grad=False)`` is a new leaf sharing ``t``'s data (``t.detach()``)
    with ``requires_grad`` set; ``Variable()`` is an empty tensor."""

    def __new__(cls, data=None, requires_grad=False, volatile=False):
        if volatile:
            import warnings
            warnings.warn("Variable: volatile was removed and has no effect; use `with nnlite.no_grad():`",
                          UserWarning, stacklevel=2)
        if data is None:
            from . import tensor
            return tensor([])
        if not isinstance(data, _C.Tensor):
            raise TypeError(f"Variable: data has to be a tensor, got {type(data).__name__}")
        out = data.detach()
        return out.requires_grad_(bool(requires_grad)) if requires_grad else out
