"""Optimizer: parameter groups, per-parameter state and PyTorch's state_dict layout."""
from collections.abc import MutableMapping

from .._C import Tensor

__all__ = ["Optimizer"]


class _ParamState(MutableMapping):
    """A dict keyed by parameter identity (tensors need not be hashable).

    Missing keys read as a fresh empty dict, like torch's defaultdict(dict).
    """

    def __init__(self):
        self._entries = {}  # id(param) -> (param, state dict)

    def __getitem__(self, param):
        entry = self._entries.get(id(param))
        if entry is None:
            state = {}
            self._entries[id(param)] = (param, state)
            return state
        return entry[1]

    def __setitem__(self, param, value):
        self._entries[id(param)] = (param, value)

    def __delitem__(self, param):
        del self._entries[id(param)]

    def __contains__(self, param):
        return id(param) in self._entries

    def peek(self, param):
        """The state of param, or None (unlike [param], which makes an empty one)."""
        entry = self._entries.get(id(param))
        return None if entry is None else entry[1]

    def __iter__(self):
        return (param for param, _ in self._entries.values())

    def __len__(self):
        return len(self._entries)

    def items(self):
        return [(param, state) for param, state in self._entries.values()]

    def __repr__(self):
        return f"_ParamState({len(self)} parameters)"


def _copy_state_value(value, param):
    """A private copy of a saved state value, cast to the parameter's dtype and
    moved to its device (as torch's: a 0-d count such as ``step`` stays as saved)."""
    if isinstance(value, Tensor):
        copy = value.detach().clone()
        if copy.dim() > 0:
            copy = copy.to(param.dtype).to(param.device)
        return copy
    if isinstance(value, dict):
        return {k: _copy_state_value(v, param) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_state_value(v, param) for v in value]
    return value


class Optimizer:
    """Base class: holds param_groups (dicts with 'params' and hyperparameters) and state."""

    def __init__(self, params, defaults):
        self.defaults = dict(defaults)
        self.state = _ParamState()
        self.param_groups = []
        if isinstance(params, Tensor):
            raise TypeError(
                f"{type(self).__name__}: params should be an iterable of Tensors or dicts, but got a single Tensor"
            )
        if isinstance(params, dict):
            params = [params]
        groups = list(params)
        if not groups:
            raise ValueError(f"{type(self).__name__}: got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, param_group):
        """Adds a group of parameters with its own options (the defaults fill the rest).

        Raises:
            TypeError: the group is not a dict, or holds something other than tensors.
            ValueError: no 'params' entry, a non-leaf tensor or a repeated parameter.
        """
        if not isinstance(param_group, dict):
            raise TypeError(f"add_param_group: expected a dict but got {type(param_group).__name__}")
        if "params" not in param_group:
            raise ValueError("add_param_group: the group has no 'params' entry")
        params = param_group["params"]
        if isinstance(params, Tensor):
            params = [params]
        elif isinstance(params, set):
            raise TypeError(
                "optimizer parameters need to be organized in ordered collections, but the ordering of tensors in "
                "sets will change between runs. Please use a list instead."
            )
        else:
            params = list(params)
        for i, p in enumerate(params):
            if not isinstance(p, Tensor):
                raise TypeError(f"{type(self).__name__} can only optimize Tensors, but params[{i}] is a {type(p).__name__}")
            if not p.is_leaf:
                raise ValueError(f"{type(self).__name__}: can't optimize a non-leaf Tensor (params[{i}])")
        ids = [id(p) for p in params]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{type(self).__name__}: a parameter group contains the same parameter more than once")
        group = dict(param_group)
        group["params"] = params
        for name, default in self.defaults.items():
            group.setdefault(name, default)
        taken = {id(p) for g in self.param_groups for p in g["params"]}
        if taken & set(ids):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(group)

    def zero_grad(self, set_to_none=True):
        """Clears the gradients of all the optimizer's parameters.

        Args:
            set_to_none (bool): set each .grad to None (the default, as in torch) instead of filling it
                with zeros.

        Returns:
            None

        Examples:
            >>> import nnlite
            >>> w = nnlite.ones(2, requires_grad=True)
            >>> opt = nnlite.optim.SGD([w], lr=0.1)
            >>> w.sum().backward()
            >>> opt.zero_grad()
            >>> w.grad is None
            True
        """
        from .. import no_grad

        with no_grad():
            for group in self.param_groups:
                for p in group["params"]:
                    grad = p.grad
                    if grad is None:
                        continue
                    if set_to_none:
                        p.grad = None
                    else:
                        grad.zero_()

    def step(self, closure=None):
        """One update of every parameter that has a gradient; closure, if given, re-evaluates the loss and is returned."""
        raise NotImplementedError(f"{type(self).__name__} does not implement step()")

    def _run_closure(self, closure):
        if closure is None:
            return None
        from .. import enable_grad

        with enable_grad():
            return closure()

    def state_dict(self):
        """{'state': {index: {...}}, 'param_groups': [{..., 'params': [indices]}]}.

        Parameters are numbered in group order. The state tensors are
        references (as in PyTorch); load_state_dict copies them.
        """
        index_of = {}
        groups = []
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != "params"}
            packed["params"] = []
            for p in group["params"]:
                index_of.setdefault(id(p), len(index_of))
                packed["params"].append(index_of[id(p)])
            groups.append(packed)
        state = {index_of[id(p)]: s for p, s in self.state.items() if id(p) in index_of}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict):
        """Restores the per-parameter state and the groups' options saved by state_dict().

        Raises:
            ValueError: the groups do not match this optimizer's.
        """
        name = type(self).__name__
        if not isinstance(state_dict, dict) or "state" not in state_dict or "param_groups" not in state_dict:
            raise ValueError(f"{name}.load_state_dict: expected a dict with keys 'state' and 'param_groups'")
        saved_groups = state_dict["param_groups"]
        if len(saved_groups) != len(self.param_groups):
            raise ValueError(
                f"{name}.load_state_dict: loaded state dict has {len(saved_groups)} parameter groups, "
                f"the optimizer has {len(self.param_groups)}"
            )
        for i, (saved, group) in enumerate(zip(saved_groups, self.param_groups)):
            if len(saved["params"]) != len(group["params"]):
                raise ValueError(
                    f"{name}.load_state_dict: parameter group {i} has {len(saved['params'])} parameters in the "
                    f"loaded state dict but {len(group['params'])} in the optimizer"
                )
        param_of = {}
        for saved, group in zip(saved_groups, self.param_groups):
            param_of.update(zip(saved["params"], group["params"]))
        state = _ParamState()
        for index, value in state_dict["state"].items():
            if index not in param_of:
                raise ValueError(f"{name}.load_state_dict: state refers to parameter {index!r}, which no group lists")
            param = param_of[index]
            state[param] = _copy_state_value(value, param)
        new_groups = []
        for saved, group in zip(saved_groups, self.param_groups):
            merged = {k: v for k, v in saved.items() if k != "params"}
            merged["params"] = group["params"]
            new_groups.append(merged)
        self.state = state
        self.param_groups = new_groups

    def __repr__(self):
        lines = [f"{type(self).__name__} ("]
        for i, group in enumerate(self.param_groups):
            lines.append(f"Parameter Group {i}")
            for key in sorted(k for k in group if k != "params"):
                lines.append(f"    {key}: {group[key]}")
        lines.append(")")
        return "\n".join(lines)
