"""Fixes what pybind11-stubgen gets wrong about nnlite._C, so that the stubs
type-check (run by scripts/gen-stubs.sh on its output folder).

- `dtype` is read as NumPy's (`numpy.dtype[typing.Any]`): it is nnlite's class.
- The module defines `bool` (a dtype) and Tensor has methods `bool`, `float`,
  `int`: inside the stub those names shadow the builtins, so annotations
  spell them `builtins.bool` etc.
- `x: T = None` where the binding takes None: `T | None` (PEP 484 has no
  implicit Optional).
- ExportError is created in C++ with module "nnlite": declared here instead
  of imported from nnlite (whose __init__ imports _C).
- dtype's __repr__/__str__ come twice (pybind11's enum and ours): one is kept.
"""
import pathlib
import re
import sys

BUILTIN = re.compile(r"(?<![\w.])(bool|int|float)(?![\w.(=])(?!: )")
NONE_DEFAULT = re.compile(r"(\w+): ([^=,()]+?) = None")


def fix_annotations(line: str) -> str:
    m = re.match(r"(\s*def \w+\()(.*)$", line)
    if m:  # in a def, only what follows the name
        head, rest = m.groups()
        rest = NONE_DEFAULT.sub(lambda k: k.group(0) if "None" in k.group(2)
                                else f"{k.group(1)}: {k.group(2)} | None = None", rest)
        return head + BUILTIN.sub(r"builtins.\1", rest)
    m = re.match(r"(\s*\w+: )(.*)$", line)  # an attribute's annotation
    if m and not line.lstrip().startswith("__all__"):
        return m.group(1) + BUILTIN.sub(r"builtins.\1", m.group(2))
    return line


def name_of(def_line: str) -> str:
    return def_line.split("(")[0]


def drop_repeated_overloads(lines):
    """Collapses a group of @overload blocks (decorator, def, body) whose
    signatures are all the same, self's annotation aside, to one plain def."""
    out, i = [], 0
    while i < len(lines):
        group = []
        while lines[i].strip() == "@typing.overload" and (not group or name_of(lines[i + 1]) == name_of(group[0])):
            group.append(lines[i + 1])
            i += 3
        if not group:
            out.append(lines[i])
            i += 1
            continue
        sigs = {re.sub(r"self: \w+", "self", d) for d in group}
        indent = group[0][: len(group[0]) - len(group[0].lstrip())]
        if len(sigs) == 1:
            out += [sigs.pop(), indent + "    ..."]
        else:
            for d in group:
                out += [indent + "@typing.overload", d, indent + "    ..."]
    return out


def fix(text: str) -> str:
    text = text.replace("numpy.dtype[typing.Any]", "dtype")
    text = text.replace("from nnlite import ExportError\n", "")
    # Python's __eq__/__ne__ take any object (Tensor's compare elementwise)
    text = re.sub(r"def (__eq__|__ne__)\(self, \w+: [^)]*\)", r"def \1(self, other: object)", text)
    lines = [fix_annotations(line) for line in text.split("\n")]
    lines = drop_repeated_overloads(lines)
    text = "\n".join(lines)
    text = text.replace("from __future__ import annotations\n", "from __future__ import annotations\nimport builtins\n", 1)
    if "'ExportError'" in text:
        text = re.sub(r"(\n__all__: .*\n)", r"\1class ExportError(ValueError):\n    ...\n", text, count=1)
    return text


if __name__ == "__main__":
    for path in sys.argv[1:]:
        p = pathlib.Path(path)
        p.write_text(fix(p.read_text()))
