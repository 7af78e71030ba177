"""nnlite.autograd.Function: user-defined ops in Python, as torch.autograd.Function.

    class Exp(Function):
        @staticmethod
        def forward(ctx, x):
            y = x.exp()
            ctx.save_for_backward(y)
            return y

        @staticmethod
        def backward(ctx, g):
            (y,) = ctx.saved_tensors
            return g * y

    y = Exp.apply(x)

The recording lives in C++ (nnlite/custom_function.h): forward runs with
autograd off, one node calls ``backward`` with the gradients of all outputs
(with grad mode on under ``create_graph``, so a backward written with
nnlite ops has its own derivative). Saved outputs are held without their
history, so ctx -> output -> node -> ctx is no reference cycle.
"""
import functools

from . import _C
from ._C import Tensor

__all__ = ["Function", "FunctionCtx", "once_differentiable"]


class FunctionCtx(_C._FunctionCtx):
    """The ``ctx`` of forward and backward: ``save_for_backward(*tensors)``,
    ``saved_tensors``, ``needs_input_grad`` (one bool per forward argument),
    ``mark_non_differentiable(*outputs)``, ``set_materialize_grads(bool)``;
    any other attribute may be set to pass values to backward."""

    def mark_dirty(self, *tensors):
        """torch's way of declaring inputs that forward changed in place: not supported by nnlite.

        Raises:
            NotImplementedError: always; return a new tensor from forward instead.

        Examples:
            >>> import nnlite
            >>> nnlite.autograd.function.FunctionCtx().mark_dirty()
            Traceback (most recent call last):
            ...
            NotImplementedError: Function: ctx.mark_dirty (in-place custom functions) is not supported by nnlite; return a new tensor from forward instead
        """
        raise NotImplementedError("Function: ctx.mark_dirty (in-place custom functions) is not supported by nnlite; "
                                  "return a new tensor from forward instead")


class Function:
    """Subclass with static ``forward(ctx, *args, **kwargs)`` and
    ``backward(ctx, *grad_outputs)`` (one gradient or None per forward
    argument), then call ``apply(*args, **kwargs)``. A forward without ctx
    plus a ``setup_context(ctx, inputs, output)`` staticmethod works too."""

    def __init__(self, *args, **kwargs):
        raise RuntimeError(f"{type(self).__name__}: autograd.Function is not instantiated; call "
                           f"{type(self).__name__}.apply(...) with static forward and backward methods")

    @staticmethod
    def forward(ctx, *args, **kwargs):
        """Computes the outputs; subclasses override it as a staticmethod.

        Either forward(ctx, *args, **kwargs), which saves what backward needs on ctx, or
        forward(*args, **kwargs) together with setup_context(ctx, inputs, output).

        Args:
            ctx (FunctionCtx): the context shared with backward.
            *args: the inputs, tensors or other values.
            **kwargs: further inputs.

        Returns:
            Tensor | tuple[Tensor, ...]: the outputs.

        Raises:
            NotImplementedError: when not overridden.

        Examples:
            >>> import nnlite
            >>> class Square(nnlite.autograd.Function):
            ...     @staticmethod
            ...     def forward(ctx, x):
            ...         ctx.save_for_backward(x)
            ...         return x * x
            ...     @staticmethod
            ...     def backward(ctx, g):
            ...         (x,) = ctx.saved_tensors
            ...         return 2 * x * g
            >>> x = nnlite.tensor([3.], requires_grad=True)
            >>> Square.apply(x).sum().backward()
            >>> x.grad.tolist()
            [6.0]
        """
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def setup_context(ctx, inputs, output):
        """Saves on ctx what backward needs, for a forward written without ctx; override as a staticmethod.

        Args:
            ctx (FunctionCtx): the context shared with backward.
            inputs (tuple): the positional arguments given to apply.
            output (Tensor | tuple[Tensor, ...]): what forward returned.

        Returns:
            None

        Raises:
            NotImplementedError: when not overridden (apply then passes ctx to forward).

        Examples:
            >>> import nnlite
            >>> class Double(nnlite.autograd.Function):
            ...     @staticmethod
            ...     def forward(x):
            ...         return x * 2
            ...     @staticmethod
            ...     def setup_context(ctx, inputs, output):
            ...         pass
            ...     @staticmethod
            ...     def backward(ctx, g):
            ...         return g * 2
            >>> x = nnlite.ones(2, requires_grad=True)
            >>> Double.apply(x).sum().backward()
            >>> x.grad.tolist()
            [2.0, 2.0]
        """
        raise NotImplementedError("setup_context is not overridden")

    @staticmethod
    def backward(ctx, *grad_outputs):
        """Computes the gradients of the inputs from those of the outputs; override as a staticmethod.

        Args:
            ctx (FunctionCtx): the context forward filled.
            *grad_outputs (Tensor | None): one gradient per output of forward.

        Returns:
            Tensor | None | tuple[Tensor | None, ...]: one gradient (or None) per argument of forward,
            in order; the gradients of non-tensor arguments must be None.

        Raises:
            NotImplementedError: when not overridden.

        Examples:
            >>> import nnlite
            >>> class Square(nnlite.autograd.Function):
            ...     @staticmethod
            ...     def forward(ctx, x):
            ...         ctx.save_for_backward(x)
            ...         return x * x
            ...     @staticmethod
            ...     def backward(ctx, g):
            ...         (x,) = ctx.saved_tensors
            ...         return 2 * x * g
            >>> x = nnlite.tensor([3.], requires_grad=True)
            >>> Square.apply(x).sum().backward()
            >>> x.grad.tolist()
            [6.0]
        """
        raise NotImplementedError("You must implement the backward function for custom autograd.Function.")

    @classmethod
    def apply(cls, *args, **kwargs):
        """Runs forward on the arguments and records the call in the graph, so backward runs on the way back.

        Args:
            *args: the inputs of forward; gradients flow to the tensors that require grad.
            **kwargs: keyword inputs of forward (they get no gradient).

        Returns:
            Tensor | tuple[Tensor, ...]: forward's outputs, with a grad_fn when any input requires grad and
            grad mode is on.

        Raises:
            RuntimeError: backward returns the wrong number of gradients or gradients of the wrong shape.

        Examples:
            >>> import nnlite
            >>> class Square(nnlite.autograd.Function):
            ...     @staticmethod
            ...     def forward(ctx, x):
            ...         ctx.save_for_backward(x)
            ...         return x * x
            ...     @staticmethod
            ...     def backward(ctx, g):
            ...         (x,) = ctx.saved_tensors
            ...         return 2 * x * g
            >>> x = nnlite.tensor([3.], requires_grad=True)
            >>> Square.apply(x).sum().backward()
            >>> x.grad.tolist()
            [6.0]
        """
        name = cls.__name__
        ctx = FunctionCtx()
        grad_on = _C.is_grad_enabled()
        arg_is_tensor = [isinstance(a, Tensor) for a in args]
        ctx.needs_input_grad = tuple(grad_on and t and a.requires_grad for a, t in zip(args, arg_is_tensor))
        separate_setup = cls.setup_context is not Function.setup_context
        # Filled by forward; the backward closure keeps only the layout, never
        # the outputs themselves (that would be a cycle through the node).
        layout = {}

        def forward():
            if separate_setup:
                out = cls.forward(*args, **kwargs)
                cls.setup_context(ctx, args, out)
            else:
                out = cls.forward(ctx, *args, **kwargs)
            outs = out if isinstance(out, tuple) else (out,)
            layout["tuple"] = isinstance(out, tuple)
            layout["mask"] = [isinstance(o, Tensor) for o in outs]
            layout["outs"] = outs
            tensors = [o for o in outs if isinstance(o, Tensor)]
            if not tensors:
                raise TypeError(f"{name}.forward must return a tensor or a tuple holding tensors, "
                                f"got {type(out).__name__}")
            return tensors

        def backward(grads):
            it = iter(grads)
            full = [next(it) if m else None for m in layout["mask"]]
            result = cls.backward(ctx, *full)
            if not isinstance(result, tuple):
                result = (result,)
            n = len(arg_is_tensor)
            if len(result) > n and all(r is None for r in result[n:]):
                result = result[:n]  # torch accepts extra trailing Nones
            if len(result) != n:
                raise RuntimeError(f"function {name}Backward returned an incorrect number of gradients "
                                   f"(expected {n}, one per forward argument, got {len(result)})")
            tensor_grads = []
            for i, (g, is_t) in enumerate(zip(result, arg_is_tensor)):
                if g is not None and not isinstance(g, Tensor):
                    raise TypeError(f"function {name}Backward returned a {type(g).__name__} as gradient {i}; "
                                    "expected a tensor or None")
                if is_t:
                    tensor_grads.append(g)
                elif g is not None:
                    raise RuntimeError(f"function {name}Backward returned a gradient different than None at "
                                       f"position {i}, but the corresponding forward input was not a tensor")
            return tensor_grads

        tensor_args = [a for a, t in zip(args, arg_is_tensor) if t]
        outs = _C._custom_function_apply(name, ctx, tensor_args, forward, backward)
        raw = layout.pop("outs")
        it = iter(outs)
        result = tuple(next(it) if m else o for o, m in zip(raw, layout["mask"]))
        return result if layout["tuple"] else result[0]


def once_differentiable(fn):
    """Decorate a backward that is not itself differentiable: it runs with
    autograd off, so its result carries no history."""

    @functools.wraps(fn)
    def wrapper(ctx, *args):
        from .autograd import no_grad

        with no_grad():
            return fn(ctx, *args)

    return wrapper
