"""Module: the base class of every layer, a tree of parameters, buffers and submodules."""
from collections import OrderedDict, namedtuple

from .._C import Tensor
from .hooks import HookMixin
from .parameter import Parameter

__all__ = ["Module", "LoadStateDictError"]


class LoadStateDictError(RuntimeError, ValueError):
    """load_state_dict found missing/unexpected keys or mismatched shapes.

    A RuntimeError as in PyTorch, and a ValueError because it is bad input.
    """


class _IncompatibleKeys(namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])):
    def __repr__(self):
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return super().__repr__()

    __str__ = __repr__


def _indent(text, spaces):
    """Indent every line of ``text`` but the first (for nested reprs)."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    pad = " " * spaces
    return lines[0] + "\n" + "\n".join(pad + line for line in lines[1:])


def _check_name(kind, name, owner):
    if not isinstance(name, str):
        raise TypeError(f"{kind} name should be a string but got {type(name).__name__}")
    if name == "":
        raise KeyError(f'{kind} name cannot be the empty string')
    if "." in name:
        raise KeyError(f'{kind} name cannot contain ".", got: {name}')
    if hasattr(owner, name) and not owner._owns(name):
        raise KeyError(f"attribute '{name}' already exists")


class Module(HookMixin):
    """Base class of all layers.

    Assigning a Parameter, a Module or (after register_buffer) a Tensor to an
    attribute registers it; parameters(), state_dict(), to() and train()
    then walk the whole tree.
    """

    def __init__(self):
        # object.__setattr__ because our own __setattr__ reads these dicts.
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_non_persistent_buffers", set())
        object.__setattr__(self, "_modules", OrderedDict())
        self._init_hooks()

    def forward(self, *args, **kwargs):
        """Computes the module's output; subclasses define it, and calling the module runs it with the hooks."""
        raise NotImplementedError(f'Module [{type(self).__name__}] is missing the required "forward" function')

    def __call__(self, *args, **kwargs):
        if self._has_hooks():
            return self._call_with_hooks(args, kwargs)
        return self.forward(*args, **kwargs)

    # ---- registration -----------------------------------------------------

    def _owns(self, name):
        d = self.__dict__
        return any(name in d.get(k, ()) for k in ("_parameters", "_buffers", "_modules"))

    def _require_init(self, what):
        if "_parameters" not in self.__dict__:
            raise AttributeError(f"cannot assign {what} before Module.__init__() call")

    def _forget(self, name, keep=None):
        """Drop ``name`` from the instance dict and every registry but ``keep``.

        Re-registering under a name of the kept registry then replaces the
        entry in place, so it keeps its position (as in PyTorch)."""
        self.__dict__.pop(name, None)
        for registry in ("_parameters", "_buffers", "_modules"):
            if registry != keep:
                getattr(self, registry).pop(name, None)
        if keep != "_buffers":
            self._non_persistent_buffers.discard(name)

    def register_parameter(self, name, param):
        """Adds a parameter (or None) under name, as an attribute assignment of a Parameter does.

        Raises:
            TypeError: param is neither a Parameter nor None.
        """
        self._require_init("parameters")
        _check_name("parameter", name, self)
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(
                f"cannot assign '{type(param).__name__}' object to parameter '{name}' "
                "(nnlite.nn.Parameter or None required)"
            )
        self._forget(name, keep="_parameters")
        self._parameters[name] = param

    def register_buffer(self, name, tensor, persistent=True):
        """Adds a tensor that is state but not a parameter (running statistics).

        Args:
            name (str): the attribute name.
            tensor (Tensor | None): the buffer.
            persistent (bool): whether state_dict() includes it.
        """
        self._require_init("buffers")
        _check_name("buffer", name, self)
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(
                f"cannot assign '{type(tensor).__name__}' object to buffer '{name}' (nnlite.Tensor or None required)"
            )
        self._forget(name, keep="_buffers")
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent_buffers.discard(name)
        else:
            self._non_persistent_buffers.add(name)

    def add_module(self, name, module):
        """Adds a child module under name (as attribute assignment does)."""
        self._require_init("modules")
        if module is not None and not isinstance(module, Module):
            raise TypeError(f"add_module: {type(module).__name__} is not a Module subclass")
        _check_name("module", name, self)
        self._forget(name, keep="_modules")
        self._modules[name] = module

    register_module = add_module

    def __setattr__(self, name, value):
        d = self.__dict__
        if isinstance(value, Parameter):
            self._require_init("parameters")
            self._forget(name, keep="_parameters")
            self._parameters[name] = value
        elif isinstance(value, Module):
            self._require_init("modules")
            self._forget(name, keep="_modules")
            self._modules[name] = value
        elif name in d.get("_parameters", ()):
            if value is not None:
                raise TypeError(
                    f"cannot assign '{type(value).__name__}' as parameter '{name}' "
                    "(nnlite.nn.Parameter or None expected)"
                )
            self._parameters[name] = None
        elif name in d.get("_modules", ()):
            if value is not None:
                raise TypeError(f"cannot assign '{type(value).__name__}' as child module '{name}' (Module or None expected)")
            self._modules[name] = None
        elif name in d.get("_buffers", ()):
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(f"cannot assign '{type(value).__name__}' as buffer '{name}' (nnlite.Tensor or None expected)")
            self._buffers[name] = value
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name):
        # Only called when ordinary lookup fails: look in the registries.
        d = self.__dict__
        for registry in ("_parameters", "_buffers", "_modules"):
            entries = d.get(registry)
            if entries is not None and name in entries:
                return entries[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name):
        if self._owns(name):
            self._forget(name)
        else:
            object.__delattr__(self, name)

    def __dir__(self):
        keys = set(super().__dir__())
        keys.update(self._parameters, self._buffers, self._modules)
        return sorted(k for k in keys if not k[0].isdigit())

    # ---- traversal --------------------------------------------------------

    def named_modules(self, memo=None, prefix="", remove_duplicate=True):
        """Yields (name, module) for this module and every descendant, each once.

        Examples:
            >>> from nnlite import nn
            >>> [n for n, _ in nn.Sequential(nn.Linear(2, 2), nn.ReLU()).named_modules()]
            ['', '0', '1']
        """
        if memo is None:
            memo = set()
        if remove_duplicate:
            if id(self) in memo:
                return
            memo.add(id(self))
        yield prefix, self
        for name, module in self._modules.items():
            if module is None:
                continue
            sub = prefix + ("." if prefix else "") + name
            yield from module.named_modules(memo, sub, remove_duplicate)

    def modules(self):
        """Yields this module and every descendant, each once."""
        for _, module in self.named_modules():
            yield module

    def named_children(self):
        """Yields (name, module) for the direct children."""
        seen = set()
        for name, module in self._modules.items():
            if module is not None and id(module) not in seen:
                seen.add(id(module))
                yield name, module

    def children(self):
        """Yields the direct children."""
        for _, module in self.named_children():
            yield module

    def _named_members(self, registry, prefix, recurse, remove_duplicate):
        seen = set()
        modules = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate) if recurse else [(prefix, self)]
        for module_prefix, module in modules:
            for name, value in getattr(module, registry).items():
                if value is None:
                    continue
                if remove_duplicate:
                    if id(value) in seen:
                        continue
                    seen.add(id(value))
                yield module_prefix + ("." if module_prefix else "") + name, value

    def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
        """Yields (dotted name, parameter) for the parameters of this module and (with recurse) its descendants.

        Examples:
            >>> from nnlite import nn
            >>> [n for n, _ in nn.Linear(3, 2).named_parameters()]
            ['weight', 'bias']
        """
        yield from self._named_members("_parameters", prefix, recurse, remove_duplicate)

    def parameters(self, recurse=True):
        """Yields the parameters (what an optimizer takes), each once.

        Examples:
            >>> from nnlite import nn
            >>> sum(p.numel() for p in nn.Linear(3, 2).parameters())
            8
        """
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(self, prefix="", recurse=True, remove_duplicate=True):
        """Yields (dotted name, buffer) for the buffers of this module and (with recurse) its descendants."""
        yield from self._named_members("_buffers", prefix, recurse, remove_duplicate)

    def buffers(self, recurse=True):
        """Yields the buffers (running statistics and the like)."""
        for _, buf in self.named_buffers(recurse=recurse):
            yield buf

    def get_submodule(self, target):
        """The descendant at a dotted path such as 'features.0'.

        Raises:
            AttributeError: no module at that path.
        """
        module = self
        if target == "":
            return module
        for part in target.split("."):
            child = module._modules.get(part) if isinstance(module, Module) else None
            if child is None:
                raise AttributeError(f"{type(module).__name__} has no submodule '{part}' (looking up '{target}')")
            module = child
        return module

    def get_parameter(self, target):
        """The parameter at a dotted path such as 'features.0.weight'.

        Raises:
            AttributeError: no parameter at that path.
        """
        module_path, _, name = target.rpartition(".")
        module = self.get_submodule(module_path)
        if name not in module._parameters:
            raise AttributeError(f"{type(module).__name__} has no parameter '{name}' (looking up '{target}')")
        return module._parameters[name]

    def apply(self, fn):
        """Calls fn on every descendant and then on this module (for initialisation); returns self."""
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # ---- modes and gradients ----------------------------------------------

    def train(self, mode=True):
        """Sets training mode (dropout active, batch norm updating its statistics) on this module and its descendants; returns self."""
        if not isinstance(mode, bool):
            raise ValueError(f"train: mode must be a bool but got {type(mode).__name__}")
        for module in self.modules():
            object.__setattr__(module, "training", mode)
        return self

    def eval(self):
        """Sets evaluation mode: train(False); returns self."""
        return self.train(False)

    def requires_grad_(self, requires_grad=True):
        """Sets requires_grad on every parameter (False freezes the module); returns self."""
        for param in self.parameters():
            param.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none=True):
        """Clears the parameters' gradients: sets them to None (set_to_none) or zero."""
        from .. import no_grad

        with no_grad():
            for param in self.parameters():
                grad = param.grad
                if grad is None:
                    continue
                if set_to_none:
                    param.grad = None
                else:
                    grad.zero_()

    # ---- dtype and device -------------------------------------------------

    def _apply(self, fn):
        """Convert every parameter and buffer with fn.

        Parameters keep their identity (their ``data`` is swapped, and so is
        their grad's), so an optimizer built before to() keeps working.
        Buffers are replaced.
        """
        for module in self.modules():
            for param in module._parameters.values():
                if param is None:
                    continue
                new = fn(param.detach())
                if new.dtype == param.dtype and str(new.device) == str(param.device):
                    continue
                param.data = new
                grad = param.grad
                if grad is not None:
                    grad.data = fn(grad.detach())
            for name, buf in module._buffers.items():
                if buf is not None:
                    module._buffers[name] = fn(buf)
        return self

    def to(self, *args, **kwargs):
        """to(dtype), to(device), to(device, dtype), to(tensor) or keywords device=/dtype=.

        Floating parameters and buffers take the new dtype; integer buffers
        keep theirs, as in PyTorch.
        """
        from .. import float32, float64

        floating = (float32, float64)
        device = kwargs.pop("device", None)
        dtype = kwargs.pop("dtype", None)
        if kwargs:
            raise TypeError(f"to: unexpected keyword arguments {sorted(kwargs)}")
        for arg in args:
            if isinstance(arg, Tensor):
                device, dtype = arg.device, arg.dtype
            elif isinstance(arg, type(float32)):
                dtype = arg
            elif arg is not None:
                device = arg
        if dtype is not None and dtype not in floating:
            raise TypeError(f"to: nn.Module.to only accepts floating point dtypes, but got desired dtype={dtype}")

        def convert(t):
            if dtype is not None and t.dtype in floating and t.dtype != dtype:
                t = t.to(dtype)
            if device is not None:
                t = t.to(device)
            return t

        return self._apply(convert)

    def float(self):
        """Converts floating-point parameters and buffers to float32; returns self."""
        from .. import float32

        return self.to(float32)

    def double(self):
        """Converts floating-point parameters and buffers to float64; returns self."""
        from .. import float64

        return self.to(float64)

    def half(self):
        """float16 is not supported: raises TypeError naming the module."""
        raise TypeError(f"{type(self).__name__}.half(): nnlite has no float16 dtype (it computes in float32 and "
                        "float64); keep the model in float32")

    def bfloat16(self):
        """bfloat16 is not supported: raises TypeError naming the module."""
        raise TypeError(f"{type(self).__name__}.bfloat16(): nnlite has no bfloat16 dtype (it computes in float32 "
                        "and float64); keep the model in float32")

    def cpu(self):
        """Moves parameters and buffers to the CPU; returns self."""
        return self.to("cpu")

    def cuda(self, device=None):
        """Moves parameters and buffers to the CUDA device; returns self."""
        return self.to("cuda" if device is None else f"cuda:{device}" if isinstance(device, int) else device)

    # ---- state dict -------------------------------------------------------

    def state_dict(self, destination=None, prefix="", keep_vars=False):
        """A dict of dotted names to the parameters and persistent buffers (detached unless keep_vars).

        Examples:
            >>> from nnlite import nn
            >>> list(nn.Linear(3, 2).state_dict())
            ['weight', 'bias']
        """
        if destination is None:
            destination = OrderedDict()
        for name, param in self._parameters.items():
            if param is not None:
                destination[prefix + name] = param if keep_vars else param.detach()
        for name, buf in self._buffers.items():
            if buf is not None and name not in self._non_persistent_buffers:
                destination[prefix + name] = buf if keep_vars else buf.detach()
        for name, module in self._modules.items():
            if module is not None:
                module.state_dict(destination=destination, prefix=prefix + name + ".", keep_vars=keep_vars)
        return destination

    def _local_state(self):
        """The tensors of this module alone that state_dict() saves."""
        local = dict((n, p) for n, p in self._parameters.items() if p is not None)
        local.update((n, b) for n, b in self._buffers.items() if b is not None and n not in self._non_persistent_buffers)
        return local

    def load_state_dict(self, state_dict, strict=True):
        """Copy tensors from ``state_dict`` into this module's parameters and buffers.

        With strict=True every key must match. Shape mismatches always fail.
        Nothing is copied unless the whole load can succeed.
        """
        if not hasattr(state_dict, "items"):
            raise TypeError(f"load_state_dict: expected a dict-like mapping but got {type(state_dict).__name__}")
        expected = {}
        for prefix, module in self.named_modules(remove_duplicate=False):  # as state_dict lists them
            for name, tensor in module._local_state().items():
                expected[(prefix + "." if prefix else "") + name] = tensor
        missing = [k for k in expected if k not in state_dict]
        unexpected = [k for k in state_dict if k not in expected]
        problems = []
        for key, target in expected.items():
            if key not in state_dict:
                continue
            value = state_dict[key]
            if not isinstance(value, Tensor):
                raise TypeError(
                    f"load_state_dict: value for '{key}' must be an nnlite.Tensor but got {type(value).__name__}"
                )
            if tuple(value.shape) != tuple(target.shape):
                problems.append(
                    f"size mismatch for {key}: copying a param with shape {list(value.shape)} from checkpoint, "
                    f"the shape in current model is {list(target.shape)}."
                )
        if strict:
            if unexpected:
                problems.insert(0, "Unexpected key(s) in state_dict: " + ", ".join(f'"{k}"' for k in unexpected) + ".")
            if missing:
                problems.insert(0, "Missing key(s) in state_dict: " + ", ".join(f'"{k}"' for k in missing) + ".")
        if problems:
            raise LoadStateDictError(
                f"Error(s) in loading state_dict for {type(self).__name__}:\n\t" + "\n\t".join(problems)
            )
        from .. import no_grad

        with no_grad():
            for key, target in expected.items():
                if key in state_dict:
                    target.copy_(state_dict[key])
        return _IncompatibleKeys(missing, unexpected)

    # ---- printing ---------------------------------------------------------

    def extra_repr(self):
        """The arguments shown between the parentheses of repr(); subclasses override it."""
        return ""

    def _get_name(self):
        return type(self).__name__

    def __repr__(self):
        extra = self.extra_repr()
        extra_lines = extra.split("\n") if extra else []
        child_lines = [f"({name}): " + _indent(repr(module), 2) for name, module in self._modules.items()]
        lines = extra_lines + child_lines
        body = ""
        if len(extra_lines) == 1 and not child_lines:
            body = extra_lines[0]
        elif lines:
            body = "\n  " + "\n  ".join(lines) + "\n"
        return f"{self._get_name()}({body})"
