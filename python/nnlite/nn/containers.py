"""Containers: Sequential (runs its modules in order), ModuleList and ModuleDict (hold modules)."""
from collections import OrderedDict

from . import _fusion
from .module import Module

__all__ = ["Sequential", "ModuleList", "ModuleDict"]


def _index(i, length, owner):
    """A valid non-negative position for a Python-style integer index."""
    if not isinstance(i, int):
        raise TypeError(f"{owner} indices must be integers or slices, not {type(i).__name__}")
    if not -length <= i < length:
        raise IndexError(f"{owner}: index {i} is out of range for length {length}")
    return i + length if i < 0 else i


class Sequential(Module):
    """Sequential(m1, m2, ...) or Sequential(OrderedDict(name=m, ...)): forward chains them."""

    def __init__(self, *args):
        super().__init__()
        if len(args) == 1 and isinstance(args[0], (OrderedDict, dict)):
            for name, module in args[0].items():
                self.add_module(name, module)
        else:
            for i, module in enumerate(args):
                self.add_module(str(i), module)

    def _values(self):
        return list(self._modules.values())

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return Sequential(OrderedDict(list(self._modules.items())[idx]))
        return self._values()[_index(idx, len(self), "Sequential")]

    def __setitem__(self, idx, module):
        key = list(self._modules.keys())[_index(idx, len(self), "Sequential")]
        self.add_module(key, module)

    def __delitem__(self, idx):
        keys = list(self._modules.keys())
        targets = keys[idx] if isinstance(idx, slice) else [keys[_index(idx, len(self), "Sequential")]]
        for key in targets:
            del self._modules[key]
        # Keep numbered names contiguous, as PyTorch does.
        items = list(self._modules.items())
        self._modules.clear()
        for i, (key, module) in enumerate(items):
            self._modules[str(i) if key.isdigit() else key] = module

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._values())

    def append(self, module):
        """Adds module at the end, under the next number.

        Args:
            module (Module): the module to add.

        Returns:
            Sequential: self.

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> len(nn.Sequential(nn.ReLU()).append(nn.Tanh()))
            2
        """
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules):
        """Appends every module of an iterable, in order.

        Args:
            modules (Iterable[Module]): the modules to add.

        Returns:
            Sequential: self.

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> len(nn.Sequential().extend([nn.ReLU(), nn.Tanh()]))
            2
        """
        for module in modules:
            self.append(module)
        return self

    def insert(self, index, module):
        """Inserts module before position index and renumbers the modules 0, 1, ...

        Args:
            index (int): the position, in [-len, len]; negative counts from the end.
            module (Module): the module to insert.

        Returns:
            Sequential: self.

        Raises:
            TypeError: module is not a Module.
            IndexError: index out of range.

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> s = nn.Sequential(nn.ReLU()).insert(0, nn.Tanh())
            >>> type(s[0]).__name__
            'Tanh'
        """
        if not isinstance(module, Module):
            raise TypeError(f"Sequential.insert: {type(module).__name__} is not a Module subclass")
        n = len(self)
        if not -n <= index <= n:
            raise IndexError(f"Sequential.insert: index {index} is out of range for length {n}")
        index = index + n if index < 0 else index
        values = self._values()
        values.insert(index, module)
        self._modules.clear()
        for i, m in enumerate(values):
            self._modules[str(i)] = m
        return self

    def forward(self, input):
        # Conv2d, BatchNorm2d (, ReLU) run fused where nothing can tell (nn._fusion).
        return _fusion.sequential(list(self._modules.values()), input)


class ModuleList(Module):
    """A list of modules whose parameters are registered; it has no forward."""

    def __init__(self, modules=None):
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return ModuleList(list(self._modules.values())[idx])
        return self._modules[str(_index(idx, len(self), "ModuleList"))]

    def __setitem__(self, idx, module):
        self.add_module(str(_index(idx, len(self), "ModuleList")), module)

    def __delitem__(self, idx):
        values = list(self._modules.values())
        if isinstance(idx, slice):
            del values[idx]
        else:
            del values[_index(idx, len(self), "ModuleList")]
        self._modules.clear()
        for i, m in enumerate(values):
            self._modules[str(i)] = m

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def __iadd__(self, modules):
        return self.extend(modules)

    def __add__(self, other):
        return ModuleList(list(self) + list(other))

    def append(self, module):
        """Adds module at the end of the list.

        Args:
            module (Module): the module to add.

        Returns:
            ModuleList: self.

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> len(nn.ModuleList().append(nn.Linear(2, 2)))
            1
        """
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules):
        """Appends every module of an iterable, in order.

        Args:
            modules (Iterable[Module]): the modules to add (a ModuleList or Sequential counts as an iterable).

        Returns:
            ModuleList: self.

        Raises:
            TypeError: modules is a single Module rather than an iterable of them.

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> len(nn.ModuleList([nn.ReLU()]).extend([nn.ReLU(), nn.Tanh()]))
            3
        """
        if isinstance(modules, Module) and not isinstance(modules, (ModuleList, Sequential)):
            raise TypeError(f"ModuleList.extend should be called with an iterable, but got {type(modules).__name__}")
        for module in modules:
            self.append(module)
        return self

    def insert(self, index, module):
        """Inserts module before position index (as list.insert) and renumbers the modules.

        Args:
            index (int): the position; negative counts from the end.
            module (Module): the module to insert.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> ml = nn.ModuleList([nn.ReLU()])
            >>> ml.insert(0, nn.Tanh())
            >>> [type(m).__name__ for m in ml]
            ['Tanh', 'ReLU']
        """
        values = list(self._modules.values())
        values.insert(index, module)
        self._modules.clear()
        for i, m in enumerate(values):
            self.add_module(str(i), m)


class ModuleDict(Module):
    """An ordered dict of modules whose parameters are registered; it has no forward."""

    def __init__(self, modules=None):
        super().__init__()
        if modules is not None:
            self.update(modules)

    def __getitem__(self, key):
        return self._modules[key]

    def __setitem__(self, key, module):
        self.add_module(key, module)

    def __delitem__(self, key):
        del self._modules[key]

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules)

    def __contains__(self, key):
        return key in self._modules

    def keys(self):
        """The names of the modules, in insertion order.

        Returns:
            KeysView[str]: a live view of the dict.

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> list(nn.ModuleDict({'a': nn.ReLU()}).keys())
            ['a']
        """
        return self._modules.keys()

    def items(self):
        """(name, module) pairs, in insertion order.

        Returns:
            ItemsView[str, Module]: a live view of the dict.

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> [(k, type(v).__name__) for k, v in nn.ModuleDict({'a': nn.ReLU()}).items()]
            [('a', 'ReLU')]
        """
        return self._modules.items()

    def values(self):
        """The modules, in insertion order.

        Returns:
            ValuesView[Module]: a live view of the dict.

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> [type(v).__name__ for v in nn.ModuleDict({'a': nn.ReLU()}).values()]
            ['ReLU']
        """
        return self._modules.values()

    def pop(self, key):
        """Removes the module named key and returns it.

        Args:
            key (str): the name.

        Returns:
            Module: the removed module.

        Raises:
            KeyError: no module has that name.

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> d = nn.ModuleDict({'a': nn.ReLU()})
            >>> type(d.pop('a')).__name__, len(d)
            ('ReLU', 0)
        """
        return self._modules.pop(key)

    def update(self, modules):
        """Adds (or replaces) modules from a mapping or an iterable of (name, module) pairs.

        Args:
            modules (Mapping[str, Module] | Iterable[tuple[str, Module]]): the modules to add.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> from nnlite import nn
            >>> d = nn.ModuleDict()
            >>> d.update([('a', nn.ReLU()), ('b', nn.Tanh())])
            >>> list(d.keys())
            ['a', 'b']
        """
        pairs = modules.items() if hasattr(modules, "items") else modules
        for key, module in pairs:
            self[key] = module
