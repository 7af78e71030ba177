"""Every registry of ops agrees with the op schemas.

Each op is declared once, in a schema entry at the end of its family file
(cpp/src/ops/*.cpp, see ops/schema.h); nnlite._C.op_schemas() lists them.
These tests check each registry against that list, both ways where a
registry can hold too much:

- op_names() is exactly the differentiable entries;
- each differentiable op is in a TESTED_OPS table of a test module, which
  checks it against torch with op_check.check_op (tables are read from the
  source: a module declares `TESTED_OPS = {"name", ...}` at module level),
  and each name in those tables is a schema op or a listed non-op;
- each op is bound in nnlite._C (a function or Tensor method), or listed in
  schema_checks.BINDING_EXCEPTIONS with the name that reaches it;
- the graph interpreter (graph_op_names()) accepts exactly the exportable
  entries, and nnlite.onnx has a converter for each exportable op whose
  schema gives an ONNX mapping, and for nothing else;
- README.md's list of differentiable ops matches.

The dry runs at the end add a fake op to the schemas (and drop a real one)
and show that each check reports it.
"""
from pathlib import Path

import pytest

import nnlite
import schema_checks as sc

README = Path(sc.TESTS_DIR).parent / "README.md"


def schemas():
    return list(nnlite._C.op_schemas())


def converters():
    from nnlite.onnx import ops, ops_tensor  # noqa: F401  (the converters register themselves)

    return ops.CONVERTERS


def no_problems(problems, what):
    assert not problems, f"{what}:\n" + "\n".join(f"  {name}: {problem}" for name, problem in problems)


# ---- the real registries ----------------------------------------------------------------


def test_schemas_are_complete():
    all_ = schemas()
    assert len(all_) > 80
    no_problems(sc.check_schemas(all_), "incomplete op schemas")


def test_op_names_are_the_differentiable_schemas():
    for core in ["add", "mul", "matmul", "sum", "exp"]:
        assert core in nnlite._C.op_names()
    no_problems(sc.check_op_names(schemas(), nnlite._C.op_names()), "op_names() disagrees with the schemas")


def test_every_differentiable_op_has_a_test():
    no_problems(sc.check_tests(schemas(), sc.collect_tables()), "ops without a test")


def test_every_op_is_bound():
    no_problems(sc.check_bindings(schemas(), nnlite._C), "ops without a binding")


def test_the_graph_interpreter_accepts_exactly_the_exportable_ops():
    no_problems(sc.check_graph(schemas(), nnlite._C.graph_op_names()), "graph interpreter vs schemas")


def test_onnx_converters_match_the_schemas():
    no_problems(sc.check_onnx(schemas(), converters()), "nnlite.onnx converters vs schemas")


def test_onnx_mappings_name_real_onnx_ops():
    onnx = pytest.importorskip("onnx")
    bad = [(s["name"], op) for s in schemas() for op in s["onnx"] if not onnx.defs.has(op)]
    assert not bad, f"schemas naming ONNX ops that do not exist: {bad}"


def test_readme_lists_the_differentiable_ops():
    no_problems(sc.check_readme(schemas(), README.read_text()), "README.md's op list")


def test_tables_are_found():
    # Guards the reader itself: this suite's own tables must be seen.
    covered = sc.collect_tables()
    for name, fname in [("add", "test_ops_elementwise.py"), ("matmul", "test_ops_matmul.py"),
                        ("gather", "test_ops_index.py"), ("softmax", "test_ops_nn.py")]:
        assert fname in covered.get(name, []), (name, fname)


def test_schemas_say_what_the_ops_are():
    # Guards the binding of the schemas: a few entries, field by field.
    by_name = {s["name"]: s for s in schemas()}
    conv = by_name["conv2d"]
    assert [(i["name"], i["kind"]) for i in conv["inputs"]] == [
        ("input", "required"), ("weight", "required"), ("bias", "optional")]
    assert [(a["name"], a["type"]) for a in conv["attrs"]] == [
        ("stride", "pair"), ("padding", "pair"), ("dilation", "pair"), ("groups", "int")]
    assert conv["differentiable"] and conv["exportable"] and conv["onnx"] == ["Conv"] and conv["outputs"] == 1
    assert by_name["split"]["outputs"] == -1 and by_name["max"]["outputs"] == 2
    assert [i["kind"] for i in by_name["cat"]["inputs"]] == ["one_or_more"]
    assert [i["kind"] for i in by_name["full"]["inputs"]] == ["zero_or_more"]
    assert by_name["reshape"]["attrs"] == [{"name": "shape", "type": "shape"}]
    group_norm = by_name["group_norm"]
    assert group_norm["exportable"] and group_norm["onnx"] == [] and "opset" in group_norm["onnx_note"]
    dropout = by_name["dropout"]
    assert dropout["differentiable"] and not dropout["exportable"] and dropout["exported_as"] == []
    assert "eval" in dropout["export_note"]
    assert by_name["view"]["exported_as"] == ["reshape"]
    assert not by_name["eq"]["differentiable"] and by_name["eq"]["exportable"]
    assert not by_name["mse_loss"]["exportable"] and by_name["mse_loss"]["export_note"]


# ---- dry runs: the checks catch a registry that misses an op ---------------------------

FAKE_OP = {"name": "fake_op", "inputs": [{"name": "input", "kind": "required"}], "attrs": [], "outputs": 1,
           "differentiable": True, "exportable": True, "exported_as": [], "export_note": "",
           "onnx": ["Relu"], "onnx_note": ""}


def real_registries():
    return {
        "op_names": lambda s: sc.check_op_names(s, nnlite._C.op_names()),
        "tests": lambda s: sc.check_tests(s, sc.collect_tables()),
        "bindings": lambda s: sc.check_bindings(s, nnlite._C),
        "graph": lambda s: sc.check_graph(s, nnlite._C.graph_op_names()),
        "onnx": lambda s: sc.check_onnx(s, converters()),
        "readme": lambda s: sc.check_readme(s, README.read_text()),
    }


def test_dry_run_a_new_op_is_reported_missing_from_every_registry():
    # An op added to the schemas and nowhere else: every check must name it
    # (and only it, since the real registries pass).
    with_fake = schemas() + [FAKE_OP]
    for registry, check in real_registries().items():
        reported = [name for name, _ in check(with_fake)]
        assert reported == ["fake_op"], f"the {registry} check did not report the new op: {reported}"


def test_dry_run_an_op_missing_from_the_schemas_is_reported():
    # The other way: registries that hold an op the schemas lack. (A binding
    # of something that is not an op is allowed, so that check has nothing to
    # say here.)
    without_relu = [s for s in schemas() if s["name"] != "relu"]
    for registry in ["op_names", "tests", "graph", "onnx", "readme"]:
        reported = [name for name, _ in real_registries()[registry](without_relu)]
        assert reported == ["relu"], f"the {registry} check did not report relu: {reported}"


def test_dry_run_schema_flags_are_honoured():
    # A graph op whose schema says "no ONNX" needs no converter but must say why;
    # a non-exportable op is not expected by the interpreter or nnlite.onnx.
    no_onnx = dict(FAKE_OP, onnx=[], onnx_note="")
    assert [n for n, _ in sc.check_schemas(schemas() + [no_onnx])] == ["fake_op"]
    no_onnx["onnx_note"] = "not in this opset"
    assert sc.check_schemas(schemas() + [no_onnx]) == []
    assert sc.check_onnx(schemas() + [no_onnx], converters()) == []
    training_only = dict(FAKE_OP, exportable=False, export_note="training only", onnx=[])
    assert sc.check_graph(schemas() + [training_only], nnlite._C.graph_op_names()) == []
    assert sc.check_onnx(schemas() + [training_only], converters()) == []
    not_differentiable = dict(FAKE_OP, differentiable=False)
    for check in (sc.check_op_names, sc.check_tests, sc.check_readme):
        arg = {sc.check_op_names: nnlite._C.op_names(), sc.check_tests: sc.collect_tables(),
               sc.check_readme: README.read_text()}[check]
        assert check(schemas() + [not_differentiable], arg) == []
    exported_as_nothing = dict(training_only, exported_as=["no_such_graph_op"])
    assert [n for n, _ in sc.check_schemas(schemas() + [exported_as_nothing])] == ["fake_op"]


# ---- the checker of op tests can fail ----------------------------------------------------
# Guards against a check_op that passes everything: each of these ops is wrong
# on purpose, in its forward or only in its backward.

def test_check_op_catches_a_wrong_forward():
    from op_check import check_op

    pytest.importorskip("torch")
    with pytest.raises(AssertionError):
        check_op([(3, 4)], lambda x: x * 2.001, lambda x: x * 2)


def test_check_op_catches_a_wrong_gradient_without_torch():
    from op_check import check_op

    # forward x*x, backward x (half the true one): finite differences alone must see it
    with pytest.raises(AssertionError, match="finite differences"):
        check_op([(3, 4)], lambda x: x.detach() * x, None)


def test_check_op_catches_a_wrong_gradient_against_torch():
    from op_check import check_op

    pytest.importorskip("torch")
    with pytest.raises(AssertionError, match="gradient"):
        check_op([(3, 4)], lambda x: x.detach() * x, lambda x: x * x, fd=False)


def test_check_op_catches_a_wrong_output_dtype():
    from op_check import check_op

    pytest.importorskip("torch")
    with pytest.raises(AssertionError, match="dtype"):
        check_op([(3,)], lambda x: x.double(), lambda x: x, grad=False)
