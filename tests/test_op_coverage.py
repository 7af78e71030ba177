"""Every differentiable op of the core (nnlite._C.op_names(), the core's single
list) must appear in a TESTED_OPS table of some test module, so that an op
cannot be added without its forward/backward test.

Each test module that checks ops against torch with op_check.check_op
declares, at module level, `TESTED_OPS = {"name", ...}` with the names it
tests; the tables are read from the source (not imported), so a module whose
imports fail still counts and nothing runs twice.
"""
import ast
import os

import nnlite

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))


def _string_set(node):
    if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        return {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("set", "frozenset") and node.args:
        return _string_set(node.args[0])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _string_set(node.left) | _string_set(node.right)
    return set()


def collect_tables():
    """{op name: [test files naming it]} over all TESTED_OPS tables in tests/."""
    found = {}
    for fname in sorted(os.listdir(TESTS_DIR)):
        if not (fname.startswith("test_") and fname.endswith(".py")):
            continue
        with open(os.path.join(TESTS_DIR, fname), encoding="utf-8") as f:
            tree = ast.parse(f.read(), fname)
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, (ast.AugAssign, ast.AnnAssign)) else []
            if any(getattr(t, "id", None) == "TESTED_OPS" for t in targets) and node.value is not None:
                for name in _string_set(node.value):
                    found.setdefault(name, []).append(fname)
    return found


def test_op_names_is_a_nonempty_list_of_unique_names():
    names = list(nnlite._C.op_names())
    assert names, "nnlite._C.op_names() is empty"
    assert all(isinstance(n, str) and n for n in names)
    assert len(names) == len(set(names)), f"duplicates in op_names(): {sorted(n for n in names if names.count(n) > 1)}"
    # The list is the core's list of differentiable ops: the basics must be in it.
    for core in ["add", "mul", "matmul", "sum", "exp"]:
        assert core in names, f"{core!r} missing from nnlite._C.op_names()"


def test_every_core_op_has_a_test():
    names = set(nnlite._C.op_names())
    covered = collect_tables()
    missing = sorted(names - set(covered))
    assert not missing, (
        f"ops without a test (add the op to a TESTED_OPS table of the test module that checks it): {missing}")


# Ops that Python reaches through syntax rather than by name.
_SYNTAX = {"slice": "__getitem__", "select": "__getitem__", "index": "__getitem__", "index_put": "__setitem__"}


def test_every_core_op_is_reachable_from_python():
    import nnlite.nn.functional as F

    unreachable = [n for n in nnlite._C.op_names()
                   if not (hasattr(nnlite._C, n) or hasattr(nnlite, n) or hasattr(nnlite.Tensor, n)
                           or hasattr(F, n) or hasattr(nnlite.Tensor, _SYNTAX.get(n, "?")))]
    assert not unreachable, f"ops in op_names() with no binding: {unreachable}"


def test_tables_are_found():
    # Guards the reader itself: this suite's own tables must be seen.
    covered = collect_tables()
    for name, fname in [("add", "test_ops_elementwise.py"), ("matmul", "test_ops_matmul.py"),
                        ("gather", "test_ops_index.py"), ("softmax", "test_ops_nn.py")]:
        assert fname in covered.get(name, []), (name, fname)


# ---- the checker itself can fail ------------------------------------------------
# Guards against a check_op that passes everything: each of these ops is wrong
# on purpose, in its forward or only in its backward.

def test_check_op_catches_a_wrong_forward():
    import pytest
    from op_check import check_op

    pytest.importorskip("torch")
    with pytest.raises(AssertionError):
        check_op([(3, 4)], lambda x: x * 2.001, lambda x: x * 2)


def test_check_op_catches_a_wrong_gradient_without_torch():
    import pytest
    from op_check import check_op

    # forward x*x, backward x (half the true one): finite differences alone must see it
    with pytest.raises(AssertionError, match="finite differences"):
        check_op([(3, 4)], lambda x: x.detach() * x, None)


def test_check_op_catches_a_wrong_gradient_against_torch():
    import pytest
    from op_check import check_op

    pytest.importorskip("torch")
    with pytest.raises(AssertionError, match="gradient"):
        check_op([(3, 4)], lambda x: x.detach() * x, lambda x: x * x, fd=False)


def test_check_op_catches_a_wrong_output_dtype():
    import pytest
    from op_check import check_op

    pytest.importorskip("torch")
    with pytest.raises(AssertionError, match="dtype"):
        check_op([(3,)], lambda x: x.double(), lambda x: x, grad=False)


# Ops reached through Python syntax rather than a function of the same name.
SYNTAX = {"slice": "__getitem__", "index": "__getitem__"}


def test_every_core_op_is_bound_and_documented():
    import re
    from pathlib import Path

    unbound = [n for n in nnlite._C.op_names()
               if not any(hasattr(where, SYNTAX.get(n, n)) for where in (nnlite._C, nnlite.Tensor, nnlite.nn.functional))]
    assert not unbound, f"ops with no Python binding: {unbound}"
    readme = Path(TESTS_DIR).parent / "README.md"
    if readme.exists():
        text = readme.read_text()
        undocumented = [n for n in nnlite._C.op_names() if not re.search(rf"`{n}`", text)]
        assert not undocumented, f"ops missing from README.md's op list: {undocumented}"
