"""Which public names of nnlite have a docstring (tests/test_docstrings.py).

Public: the names each API module exports (its __all__, else its names
without a leading underscore), minus submodules and plain values (dtypes,
constants), plus the methods and properties that public classes define
themselves (an override of a documented base method counts as documented). A pybind11 function's __doc__ begins with its signature lines,
which do not count as documentation.
"""
import importlib
import inspect
import re
import types

MODULES = ["nnlite", "nnlite.nn", "nnlite.nn.functional", "nnlite.nn.init", "nnlite.optim",
           "nnlite.optim.lr_scheduler", "nnlite.data", "nnlite.models", "nnlite.distributions", "nnlite.snn",
           "nnlite.autograd", "nnlite.onnx"]

SIGNATURE = re.compile(r"^\s*(\d+\. )?[\w.]+\(.*\)( -> .*)?$")


def own_doc(obj) -> str:
    """obj's own documentation: not inherited, without pybind11's signature lines."""
    doc = obj.__doc__ if not isinstance(obj, property) else (obj.fget.__doc__ if obj.fget else obj.__doc__)
    if not isinstance(doc, str):
        return ""
    lines = [ln for ln in doc.strip().split("\n")
             if not SIGNATURE.match(ln) and ln.strip() != "Overloaded function."]
    return "\n".join(lines).strip()


def _public(mod):
    names = getattr(mod, "__all__", None) or [n for n in dir(mod) if not n.startswith("_")]
    return [n for n in names if not n.startswith("_")]


def public_objects():
    """[(qualified name, object)], each object once (under its first name)."""
    seen, out = set(), []

    def take(name, obj):
        if id(obj) in seen:
            return False
        seen.add(id(obj))
        out.append((name, obj))
        return True

    for modname in MODULES:
        mod = importlib.import_module(modname)
        for n in _public(mod):
            obj = getattr(mod, n, None)
            if obj is None or isinstance(obj, types.ModuleType):
                continue
            if not (inspect.isclass(obj) or callable(obj)):
                continue  # dtypes, constants
            if not getattr(obj, "__module__", "nnlite").startswith("nnlite"):
                continue  # re-exported from elsewhere (typing, numpy)
            if not take(f"{modname}.{n}", obj) or not inspect.isclass(obj):
                continue
            for m, member in vars(obj).items():
                if m.startswith("_"):
                    continue
                if isinstance(member, (staticmethod, classmethod)):
                    member = member.__func__
                if callable(member) or isinstance(member, property):
                    take(f"{modname}.{n}.{m}", member)
    return out


def documented(name, obj) -> bool:
    """A method overriding a documented base-class method (forward,
    extra_repr, step...) shares that documentation, as in torch."""
    if own_doc(obj):
        return True
    owner_name, _, attr = name.rpartition(".")
    mod, _, cls_name = owner_name.rpartition(".")
    owner = getattr(importlib.import_module(mod), cls_name, None) if mod in MODULES else None
    if not inspect.isclass(owner):
        return False
    return any(attr in vars(base) and own_doc(vars(base)[attr]) for base in owner.__mro__[1:])


def undocumented():
    return sorted(name for name, obj in public_objects() if not documented(name, obj))
