"""The graph loader reads each op's schema (ops/schema.h): which ops a graph
may hold, their input counts and attribute names and types; and the checks
that a schema entry passes when it is registered (nnlite._C._testing)."""
import json

import pytest

import nnlite


def load(tmp_path, nodes, outputs=("y",)):
    graph = {"version": 1, "inputs": [{"name": "x", "rank": 4, "dtype": "float32"}], "nodes": nodes,
             "outputs": list(outputs)}
    path = tmp_path / "g.nnlg"
    nnlite._C.save_safetensors({}, str(path), {"format": "nnlite-graph", "graph": json.dumps(graph)})
    return nnlite.load_graph(path)


def test_an_op_that_is_not_a_graph_op_is_rejected_with_the_schemas_reason(tmp_path):
    node = {"op": "mse_loss", "inputs": ["x", "x"], "outputs": ["y"]}
    with pytest.raises(ValueError, match=r"node 0 \(mse_loss\): op 'mse_loss' is not a graph op \(a training loss"):
        load(tmp_path, [node])


def test_an_unknown_attribute_names_the_ones_the_op_takes(tmp_path):
    node = {"op": "conv2d", "inputs": ["x", "x"], "outputs": ["y"], "attrs": {"strides": [1, 1]}}
    with pytest.raises(ValueError, match=r"unknown attribute 'strides' \(conv2d takes stride, padding, dilation, "
                                         r"groups\)"):
        load(tmp_path, [node])


def test_a_declared_attribute_that_does_not_apply_is_rejected(tmp_path):
    node = {"op": "upsample_nearest2d", "inputs": ["x"], "outputs": ["y"],
            "attrs": {"size": [4, 4], "recompute_scale_factor": True}}
    with pytest.raises(ValueError, match=r"attribute 'recompute_scale_factor' does not apply together with"):
        load(tmp_path, [node])


SAMPLES = {"int": 1, "ints": [1], "optional_ints": [1, None], "pair": [1, 1], "float": 0.5, "floats": [2.0, 2.0],
           "bool": False, "scalar": 1.5, "dtype": "float32", "shape": [-1]}
STRINGS = {"approximate": "none", "mode": "constant"}


@pytest.mark.parametrize("schema", [s for s in nnlite._C.op_schemas() if s["exportable"]], ids=lambda s: s["name"])
def test_each_graph_kernel_reads_its_attributes_as_declared(tmp_path, schema):
    # Every declared attribute, with a value of its declared type: the load may
    # fail on the values (a ValueError), but never because the kernel reads an
    # attribute the schema does not declare, or with another type (a
    # RuntimeError naming the schema).
    attrs = {a["name"]: STRINGS.get(a["name"], "x") if a["type"] == "string" else SAMPLES[a["type"]]
             for a in schema["attrs"]}
    n_inputs = sum(1 for i in schema["inputs"] if i["kind"] in ("required", "one_or_more"))
    n_outputs = 2 if schema["outputs"] == -1 else schema["outputs"]
    outputs = [f"y{k}" for k in range(n_outputs)]
    node = {"op": schema["name"], "inputs": ["x"] * n_inputs, "outputs": outputs, "attrs": attrs}
    try:
        load(tmp_path, [node], outputs)
    except ValueError as e:
        assert "op schema" not in str(e)


# ---- schema entries are checked as they are registered (nnlite._C._testing) ----------------

make_schema = nnlite._C._testing.make_schema


@pytest.mark.parametrize("inputs, counts", [
    (["input", "weight", "bias?"], (2, 3)),
    (["input", "running_mean?", "running_var?", "weight?", "bias?"], (1, 5)),
    (["input", "sizes_of*"], (1, -1)),
    (["tensors+"], (1, -1)),
    (["sizes_of*"], (0, -1)),
    ([], (0, 0)),
])
def test_input_counts_follow_the_declared_inputs(inputs, counts):
    s = make_schema("f", inputs, export="kernel", onnx=["Identity"])
    assert (s["min_inputs"], s["max_inputs"]) == counts


@pytest.mark.parametrize("kwargs, match", [
    (dict(), r"says nothing about export"),
    (dict(export="kernel"), r"a graph op must give its ONNX mapping"),
    (dict(export="kernel", onnx=""), r"no_onnx\(\) must say why"),
    (dict(export="none"), r"an op that is not a graph op must say why"),
    (dict(export="none", why="training only", onnx=["Relu"]), r"only a graph op has an ONNX mapping"),
    (dict(export="kernel", onnx=["Relu"], inputs=["xs+", "y"]), r"a graph op's variadic input must come last"),
    (dict(export="none", why="w", inputs=["xs+", "ys*"]), r"at most one input may be variadic"),
    (dict(export="none", why="w", outputs=0), r"outputs must be positive"),
    (dict(export="none", why="w", attrs=[("dim", "int"), ("dim", "ints")]), r"an attribute is declared twice"),
])
def test_incomplete_schema_entries_are_rejected(kwargs, match):
    with pytest.raises(RuntimeError, match=r"op schema 'f': " + match):
        make_schema("f", **kwargs)


def test_a_complete_entry_reads_back_as_declared():
    s = make_schema("f", ["x", "index"], [("dim", "int"), ("shape", "shape")], outputs=2, differentiable=True,
                    export="as", exported_as=["reshape"], why="a view")
    assert s["attrs"] == [{"name": "dim", "type": "int"}, {"name": "shape", "type": "shape"}]
    assert s["outputs"] == 2 and s["differentiable"] and not s["exportable"]
    assert s["exported_as"] == ["reshape"] and s["export_note"] == "a view"
    with pytest.raises(ValueError, match="unknown attribute type 'complex'"):
        make_schema("f", attrs=[("z", "complex")], export="none", why="w")
