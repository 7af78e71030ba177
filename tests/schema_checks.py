"""Checks of every op registry against the op schemas (nnlite._C.op_schemas(),
declared once per op at the end of its family file in cpp/src/ops/).

Each check takes the schemas and one registry as plain data and returns its
problems as (op name, what is wrong) pairs, so test_op_coverage.py can run
it on the real registries and, as a dry run, on schemas with a fake op added
or a real one removed, to show that each check notices.
"""
from __future__ import annotations

import ast
import functools
import os
import re

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))


# ---- reading the registries -----------------------------------------------------------


def _string_set(node):
    if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        return {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("set", "frozenset") and node.args:
        return _string_set(node.args[0])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _string_set(node.left) | _string_set(node.right)
    return set()


@functools.lru_cache(maxsize=None)
def collect_tables(tests_dir=TESTS_DIR):
    """{op name: [test files naming it]} over the module-level TESTED_OPS
    tables of tests/test_*.py, read from the source (not imported), so a
    module whose imports fail still counts and nothing runs twice."""
    found = {}
    for fname in sorted(os.listdir(tests_dir)):
        if not (fname.startswith("test_") and fname.endswith(".py")):
            continue
        with open(os.path.join(tests_dir, fname), encoding="utf-8") as f:
            tree = ast.parse(f.read(), fname)
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, (ast.AugAssign, ast.AnnAssign)) else []
            if any(getattr(t, "id", None) == "TESTED_OPS" for t in targets) and node.value is not None:
                for name in _string_set(node.value):
                    found.setdefault(name, []).append(fname)
    return found


README_LIST_START = "The differentiable ops, as `nnlite._C.op_names()` lists them"


def readme_op_list(text):
    """The op names of README.md's list of differentiable ops: the backquoted
    names of the paragraph that starts with README_LIST_START."""
    start = text.find(README_LIST_START)
    if start < 0:
        return None
    end = text.find("\n\n", start)
    paragraph = text[start + len(README_LIST_START):end if end >= 0 else len(text)]
    return re.findall(r"`([a-z_0-9]+)`", paragraph)


# ---- the checks ---------------------------------------------------------------------


def _names(schemas, key=None):
    return {s["name"] for s in schemas if key is None or s[key]}


def check_schemas(schemas):
    """Each entry is complete and consistent in itself."""
    problems = []
    seen = set()
    graph_ops = _names(schemas, "exportable")
    for s in schemas:
        n = s["name"]
        if n in seen:
            problems.append((n, "declared twice"))
        seen.add(n)
        if not s["exportable"] and not s["export_note"]:
            problems.append((n, "not a graph op, but its schema does not say why"))
        if s["exportable"] and not s["onnx"] and not s["onnx_note"]:
            problems.append((n, "a graph op without an ONNX mapping or the reason it has none"))
        for other in s["exported_as"]:
            if other not in graph_ops:
                problems.append((n, f"recorded as '{other}', which is not a graph op"))
    return problems


def check_op_names(schemas, op_names):
    """op_names() is exactly the differentiable schema entries."""
    want, got = _names(schemas, "differentiable"), list(op_names)
    problems = [(n, "differentiable in its schema but missing from op_names()") for n in sorted(want - set(got))]
    problems += [(n, "in op_names() but not a differentiable schema entry") for n in sorted(set(got) - want)]
    problems += [(n, "listed twice in op_names()") for n in sorted({n for n in got if got.count(n) > 1})]
    return problems


# Names in TESTED_OPS tables that are not schema ops: Tensor methods tested
# like ops that are not ops of their own.
TESTED_NON_OPS = {
    "t": "Tensor.t() is transpose(0, 1)",
    "clone": "a copy (Tensor.clone), outside the op list",
    "contiguous": "clone when not contiguous, else the tensor itself",
    "nonzero": "its output size depends on the values; not differentiable",
}


def check_tests(schemas, tables, non_ops=TESTED_NON_OPS):
    """Each differentiable op is in some test module's TESTED_OPS table, and
    each name in those tables is a schema op (or a listed non-op), so an op
    whose schema entry is never registered does not go unnoticed."""
    names = _names(schemas)
    return ([(n, "differentiable but in no TESTED_OPS table (add it to the test module that checks it with "
                 "op_check.check_op)") for n in sorted(_names(schemas, "differentiable") - set(tables))] +
            [(n, f"in TESTED_OPS of {tables[n]} but not a schema op (register its schema, or list it in "
                 f"TESTED_NON_OPS)") for n in sorted(set(tables) - names - set(non_ops))])


# Ops that Python reaches only through another name: op -> (where, attribute)
# that must exist instead.
BINDING_EXCEPTIONS = {
    "index": ("Tensor", "__getitem__"),     # x[idx] with tensor indices
    "slice": ("Tensor", "__getitem__"),     # x[a:b:s]
    "scalar": ("Tensor", "__mul__"),        # a Python number meeting a tensor (x * 0.5) becomes one
}


def check_bindings(schemas, module, exceptions=BINDING_EXCEPTIONS):
    """Each schema op is a function of `module` (nnlite._C) or a method of its
    Tensor, or an explicit exception whose stand-in exists."""
    problems = []
    for n in sorted(_names(schemas)):
        if hasattr(module, n) or hasattr(module.Tensor, n):
            continue
        where, attr = exceptions.get(n, (None, None))
        holder = module.Tensor if where == "Tensor" else module
        if where is None or not hasattr(holder, attr):
            problems.append((n, "no function of nnlite._C or Tensor method of that name (bind it, or list it in "
                                "BINDING_EXCEPTIONS with the name that reaches it)"))
    for n in sorted(set(exceptions) - _names(schemas)):
        problems.append((n, "in BINDING_EXCEPTIONS but not a schema op"))
    return problems


def check_graph(schemas, graph_op_names):
    """The graph interpreter accepts exactly the exportable schema entries."""
    want, got = _names(schemas, "exportable"), set(graph_op_names)
    return ([(n, "exportable in its schema but unknown to the graph interpreter (graph_op_names())")
             for n in sorted(want - got)] +
            [(n, "accepted by the graph interpreter but not an exportable schema entry") for n in sorted(got - want)])


def check_onnx(schemas, converters):
    """Each graph op with an ONNX mapping has a converter in nnlite.onnx, one
    whose schema says none has none, and no converter lacks a graph op."""
    problems = []
    by_name = {s["name"]: s for s in schemas}
    for s in schemas:
        if not s["exportable"]:
            continue
        if s["onnx"] and s["name"] not in converters:
            problems.append((s["name"], f"maps to ONNX {s['onnx']} but nnlite.onnx CONVERTERS has no converter"))
        if not s["onnx"] and s["name"] in converters:
            problems.append((s["name"], f"has an ONNX converter but its schema says none ({s['onnx_note']})"))
    for n in sorted(converters):
        if n not in by_name or not by_name[n]["exportable"]:
            problems.append((n, "has an ONNX converter but is not an exportable schema op"))
    return problems


def check_readme(schemas, readme_text):
    """README.md's list of differentiable ops names each of them once, and nothing else."""
    listed = readme_op_list(readme_text)
    if listed is None:
        return [("README.md", f"has no paragraph starting {README_LIST_START!r}")]
    want = _names(schemas, "differentiable")
    return ([(n, "differentiable but missing from README.md's op list") for n in sorted(want - set(listed))] +
            [(n, "in README.md's op list but not a differentiable op") for n in sorted(set(listed) - want)] +
            [(n, "listed twice in README.md's op list") for n in sorted({n for n in listed if listed.count(n) > 1})])
