"""nnlite.export / nnlite.load_graph: zoo models and a model using many ops
give the same outputs from the loaded graph as from Python, on inputs of
other batch sizes; unsupported code raises a clear error naming the op; the
recording hooks are gone after every export; malformed graph files raise
clear errors when loaded."""
import json
import sys
import threading
import types

import numpy as np
import pytest

import nnlite
from nnlite import models, nn
from nnlite.nn import functional as F
from test_cpp_api import api_check, cpp_tensor, run_scenario, toolchain  # noqa: F401  (C++ harness and its fixtures)

ZOO = {"mlp": (1, 28, 28), "lenet5": (1, 28, 28), "resnet20": (3, 32, 32), "vgg11": (3, 32, 32)}


def eager(model, *inputs):
    model.eval()
    with nnlite.no_grad():
        out = model(*inputs)
    return out


def assert_close(got, want, tol=1e-5):
    np.testing.assert_allclose(got.numpy(), want.numpy(), rtol=tol, atol=tol)


def export_and_load(model, example, tmp_path, name="model.nnlg"):
    path = tmp_path / name
    nnlite.export(model, example, path)
    return nnlite.load_graph(path)


# ---- the zoo ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ZOO))
def test_zoo_models_match_python_on_other_batch_sizes(name, tmp_path):
    model = models.get_model(name)
    model.train()
    graph = export_and_load(model, nnlite.randn(2, *ZOO[name]), tmp_path)
    assert model.training, "export must restore the model's training mode"
    for batch in (3, 1):
        x = nnlite.randn(batch, *ZOO[name])
        assert_close(graph(x), eager(model, x))


def test_graph_keeps_weights_by_state_dict_name(tmp_path):
    model = models.lenet5()
    graph = export_and_load(model, nnlite.randn(1, 1, 28, 28), tmp_path)
    state = model.state_dict()
    assert set(graph.constants) == set(state)
    for name, t in graph.constants.items():
        np.testing.assert_array_equal(t.numpy(), state[name].numpy())
    assert graph.inputs == [{"name": "%input0", "rank": 4, "dtype": nnlite.float32, "shape": (1, 1, 28, 28)}]
    assert graph.node_ops[:2] == ["conv2d+relu", "max_pool2d"]  # fused at load (test_graph_fusion.py)
    assert "Graph(inputs=[%input0: nnlite.float32 rank 4]" in repr(graph)


def test_batchnorm_statistics_are_the_running_ones(tmp_path):
    model = models.resnet20()
    model.train()
    with nnlite.no_grad():
        for _ in range(2):  # move the running statistics away from 0 and 1
            model(nnlite.randn(4, 3, 32, 32) * 3 + 1)
    graph = export_and_load(model, nnlite.randn(2, 3, 32, 32), tmp_path)
    x = nnlite.randn(5, 3, 32, 32)
    assert_close(graph(x), eager(model, x))


# ---- many ops, several inputs and outputs ------------------------------------------------


class ManyOps(nn.Module):
    """Layer ops, operators with numbers, reductions, views that follow the
    batch size, indexing, joins, creation from input sizes, in-place ops."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.same = nn.Conv2d(8, 8, 4, padding="same")  # asymmetric 'same' padding
        self.bn = nn.BatchNorm2d(8)
        self.up = nn.ConvTranspose2d(8, 4, 2, stride=2)
        self.norm = nn.LayerNorm(4)
        self.fc = nn.Linear(4 * 8 * 8, 6)
        self.drop = nn.Dropout(0.5)

    def forward(self, x, bias):
        n, _, h, w = x.shape
        y = F.relu(self.bn(self.conv(x)))                     # [N, 8, 8, 8]
        y = F.max_pool2d(self.same(y), 2)                      # [N, 8, 4, 4]
        y = F.leaky_relu(y, 0.1) + F.elu(y) * 0.5 - F.gelu(y) / 2.0
        y = F.avg_pool2d(F.pad(y, (1, 1, 1, 1)), 3, stride=1)  # [N, 8, 4, 4]
        y = self.up(y)                                         # [N, 4, 8, 8]
        y = self.norm(y.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
        y = y + nnlite.zeros(n, 4, h, w)                       # sizes follow the input
        z = y.reshape(y.shape[0], -1)                          # [N, 256]
        z = self.drop(F.sigmoid(z) * 2 - 1.0)
        z = self.fc(z) + bias                                  # [N, 6]
        z = z.clamp(-0.5, 0.5) + z.abs().sqrt() * z.tanh()
        a, b = z.chunk(2, dim=1)                               # [N, 3] each
        c = nnlite.cat([a * b, a.exp(), F.softplus(b)], 1)    # [N, 9]
        c = c[:, 1:8:2]                                         # [N, 4]
        c = c.unsqueeze(1).transpose(1, 2).squeeze(2)          # [N, 4]
        c = nnlite.where(c > 0, c, c * 0.1)
        c += 1.0
        m = c.mean(1, keepdim=True) + c.amax(dim=1, keepdim=True) - c.sum(dim=1).view(-1, 1) / 4
        probs = F.softmax(c, dim=1)
        return probs, F.log_softmax(c - m, dim=-1).flatten()


def test_many_ops_with_two_inputs_and_outputs(tmp_path):
    model = ManyOps()
    graph = export_and_load(model, (nnlite.randn(2, 3, 8, 8), nnlite.randn(6)), tmp_path)
    assert len(graph.inputs) == 2 and len(graph.output_names) == 2
    for batch in (5, 1):
        x, bias = nnlite.randn(batch, 3, 8, 8), nnlite.randn(6)
        got = graph(x, bias)
        want = eager(model, x, bias)
        assert isinstance(got, tuple) and len(got) == 2
        for g, w in zip(got, want):
            assert g.shape == w.shape
            assert_close(g, w)


class MoreOps(nn.Module):
    def __init__(self):
        super().__init__()
        self.gn = nn.GroupNorm(2, 4)

    def forward(self, x):
        y = self.gn(x)                                     # [N, 4, 6, 6]
        y = F.interpolate(y, scale_factor=2)                # [N, 4, 12, 12]
        y = F.adaptive_avg_pool2d(y, (3, None))            # [N, 4, 3, 12]
        y = y[..., None, 2:].squeeze(-2)                   # [N, 4, 3, 10]
        v, i = y.max(dim=3)
        s = y.std(dim=(2, 3)) + y.var(2).mean(-1) + y.logsumexp(3).amin(2)
        t = nnlite.stack([v.sum(2), i.float().mean(2), s], dim=2)  # [N, 4, 3]
        t = t.expand(t.shape[0], 4, 3) * nnlite.ones_like(t)
        u = (t ** 2).rsqrt().neg() + (2 ** t.clamp(max=1.0)) + t.sin() * t.cos()
        first, rest = u.split([1, 2], dim=2)
        return first.flatten(1) @ rest.mean(2).t(), u.argmax(1)


def test_more_ops_including_nnlite_only_ones(tmp_path):
    model = MoreOps()
    graph = export_and_load(model, nnlite.randn(2, 4, 6, 6), tmp_path)
    for batch in (3, 1):
        x = nnlite.randn(batch, 4, 6, 6)
        (got, idx), (want, want_idx) = graph(x), eager(model, x)
        assert_close(got, want)
        np.testing.assert_array_equal(idx.numpy(), want_idx.numpy())


def test_identity_and_constant_outputs(tmp_path):
    class Passthrough(nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("table", nnlite.arange(4).float())

        def forward(self, x):
            return x.contiguous(), self.table

    graph = export_and_load(Passthrough(), nnlite.randn(2, 3), tmp_path)
    x = nnlite.randn(4, 3)
    y, table = graph(x)
    np.testing.assert_array_equal(y.numpy(), x.numpy())
    table.add_(100)  # the graph hands out a copy of its constant
    np.testing.assert_array_equal(graph(x)[1].numpy(), [0, 1, 2, 3])


def test_plain_function_and_path_types(tmp_path):
    def fn(a, b):
        return F.relu(a @ b.t()) + 1

    path = str(tmp_path / "fn.nnlg")
    nnlite.export(fn, (nnlite.randn(2, 3), nnlite.randn(4, 3)), path)
    graph = nnlite.load_graph(path)
    a, b = nnlite.randn(5, 3), nnlite.randn(4, 3)
    assert_close(graph(a, b), fn(a, b))
    assert_close(graph.run([a, b])[0], fn(a, b))


# ---- what cannot be exported ------------------------------------------------------------


class Lambda(nn.Module):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, *xs):
        return self.fn(*xs)


def export_error(fn, tmp_path, *example, match):
    example = example or (nnlite.randn(2, 4),)
    with pytest.raises(nnlite.ExportError, match=match):
        nnlite.export(Lambda(fn), example, tmp_path / "bad.nnlg")
    assert not (tmp_path / "bad.nnlg").exists()


def test_value_dependent_control_flow_is_refused(tmp_path):
    export_error(lambda x: x if x.sum() > 0 else -x, tmp_path, match=r"Tensor.__bool__ reads the values")
    export_error(lambda x: x * x.max().item(), tmp_path, match=r"Tensor.item reads the values")
    export_error(lambda x: nnlite.tensor(x.numpy()), tmp_path, match=r"Tensor.numpy reads the values")
    export_error(lambda x: [r for r in x][0], tmp_path, match=r"Tensor.__iter__ reads the values")


def test_unsupported_ops_are_named(tmp_path):
    export_error(lambda x: nnlite.nonzero(x), tmp_path, match=r"export: nonzero is not supported")
    export_error(lambda x: x + nnlite.randn_like(x), tmp_path, match=r"export: randn_like is not supported .*random numbers")
    export_error(lambda x: x.scatter(1, nnlite.zeros(2, 1, dtype=nnlite.int64), 0.0), tmp_path,
                 match=r"export: scatter is not supported")
    export_error(lambda x: x[nnlite.tensor([0])], tmp_path, match=r"indexing .* with a Tensor is not supported")
    export_error(lambda x: F.dropout(x, 0.5, training=True), tmp_path, match=r"dropout with training=True")
    export_error(lambda x: F.max_pool2d(x.view(2, 1, 2, 2), 2, return_indices=True), tmp_path,
                 match=r"return_indices")


def test_sizes_computed_from_input_sizes_are_refused(tmp_path):
    export_error(lambda x: x.view(x.shape[0] * 2, -1), tmp_path, match=r"view was given a size computed by arithmetic")
    export_error(lambda x: F.avg_pool2d(x.view(2, 1, 2, 2), x.shape[1] // 2), tmp_path,
                 match=r"avg_pool2d's kernel_size .* is computed from the inputs' sizes")
    # Read directly, sizes follow the inputs.
    model = Lambda(lambda x: x.view(x.size(0), x.shape[1], 1) + nnlite.ones(x.shape[0], 1, 1))
    graph = export_and_load(model, nnlite.randn(2, 4), tmp_path)
    x = nnlite.randn(7, 4)
    assert_close(graph(x), eager(model, x))


def test_in_place_aliasing_that_a_graph_cannot_express_is_refused(tmp_path):
    def aliased(x):
        y = x.view(-1)
        x.add_(1)  # changes y too
        return y * 2

    export_error(aliased, tmp_path, nnlite.randn(2, 4).add(0), match=r"shares memory with a tensor changed in place")

    def weight_update(x):
        w = model_weight
        w.add_(x.sum())
        return w

    model_weight = nnlite.zeros(3)
    export_error(weight_update, tmp_path, match=r"add_ changes a tensor that is not computed from the inputs")

    # In-place ops on values nothing else aliases are recorded.
    def fine(x):
        y = x * 1
        y += 2
        y.mul_(3)
        return y.relu_()

    model = Lambda(fine)
    graph = export_and_load(model, nnlite.randn(2, 4), tmp_path)
    x = nnlite.randn(3, 4)
    assert_close(graph(x), eager(model, x))


def test_exports_cannot_nest_on_one_thread(tmp_path):
    def inner_export(x):
        nnlite.export(models.mlp(), nnlite.randn(1, 784), tmp_path / "inner.nnlg")
        return x

    with pytest.raises(RuntimeError, match="exports cannot be nested"):
        nnlite.export(Lambda(inner_export), nnlite.randn(2), tmp_path / "outer.nnlg")
    # The failed export left no recorder behind on this thread.
    assert type(nnlite.randn(2, 3).shape[0]) is int
    nnlite.export(models.mlp(), nnlite.randn(1, 784), tmp_path / "after.nnlg")


def test_aliases_made_by_detach_and_data_go_stale_too(tmp_path):
    def aliased(x):
        y = x * 1
        z = y.detach()
        y.mul_(2)  # changes z too
        return z + 1

    export_error(aliased, tmp_path, match=r"add reads a tensor that shares memory with a tensor changed in place")
    # A clone has its own memory: it keeps the old values, as in eager mode.
    model = Lambda(lambda x: (lambda y, c: (y.mul_(2), c + 1))(x * 1, (x * 1).clone()))
    graph = export_and_load(model, nnlite.randn(2, 4), tmp_path)
    x = nnlite.randn(3, 4)
    for g, w in zip(graph(x), eager(model, x)):
        assert_close(g, w)


def test_bad_arguments(tmp_path):
    with pytest.raises(TypeError, match="example_inputs must be a Tensor"):
        nnlite.export(models.mlp(), 3.0, tmp_path / "m.nnlg")
    with pytest.raises(TypeError, match="example input 1 must be a Tensor"):
        nnlite.export(Lambda(lambda a, b: a), (nnlite.randn(1), 3), tmp_path / "m.nnlg")
    x = nnlite.randn(2)
    with pytest.raises(ValueError, match="the same tensor is given twice"):
        nnlite.export(Lambda(lambda a, b: a + b), (x, x), tmp_path / "m.nnlg")
    with pytest.raises(nnlite.ExportError, match="must return a Tensor or a tuple"):
        nnlite.export(Lambda(lambda a: {"y": a}), nnlite.randn(2), tmp_path / "m.nnlg")
    with pytest.raises(TypeError, match="model must be a Module or a callable"):
        nnlite.export(42, nnlite.randn(2), tmp_path / "m.nnlg")
    with pytest.raises(OSError):
        nnlite.export(models.mlp(), nnlite.randn(1, 784), tmp_path / "no-such-dir" / "m.nnlg")


def _callable_ids():
    """id() of every callable attribute of every loaded module, of nnlite._C and of nnlite._C.Tensor."""
    ids = {("nnlite._C.Tensor", name): id(value) for name, value in vars(nnlite._C.Tensor).items()}
    for mod_name, module in list(sys.modules.items()):
        try:
            namespace = dict(vars(module))
        except TypeError:
            continue
        for name, value in namespace.items():
            if callable(value):
                ids[(mod_name, name)] = id(value)
    return ids


def _replaced(before):
    now = _callable_ids()
    return sorted(key for key, ident in before.items() if key in now and now[key] != ident)


def test_export_replaces_no_attribute_of_any_module(tmp_path):
    with_onnx = _has_onnx()  # imported first: importing onnx patches typing itself
    before = _callable_ids()
    seen = {}

    def forward(x):
        seen["during"] = _replaced(before)
        seen["shape"] = type(x.shape[0]).__name__
        return F.relu(x.view(x.shape[0], -1)) * 2

    export_error(lambda x: x if x.sum() > 0 else x, tmp_path, match="__bool__")
    nnlite.export(Lambda(forward), nnlite.randn(2, 3, 4), tmp_path / "m.nnlg")
    if with_onnx:
        nnlite.onnx.export(models.mlp(), nnlite.randn(1, 784), tmp_path / "m.onnx")
    assert seen["during"] == [], "export replaced these attributes while recording"
    assert seen["shape"] == "TracedDim"  # sizes of graph values are traced, by the bindings, not by patching
    assert _replaced(before) == []
    assert nnlite.cat is nnlite._C.cat and isinstance(nnlite._C.linear, types.BuiltinFunctionType)
    assert type(nnlite.randn(2, 3).shape[0]) is int
    graph = nnlite.load_graph(tmp_path / "m.nnlg")
    x = nnlite.randn(5, 3, 4)
    assert_close(graph(x), F.relu(x.view(5, -1)) * 2)


def _has_onnx():
    try:
        import onnx  # noqa: F401
    except ImportError:
        return False
    return True


class Rendezvous(nn.Module):
    """Wraps a model; its forward waits at a barrier so that two exports overlap."""

    def __init__(self, model, barrier):
        super().__init__()
        self.model, self.barrier = model, barrier

    def forward(self, x):
        y = x * 1.0
        self.barrier.wait()  # both threads have recorded a node and go on recording at the same time
        return self.model(y)


def test_two_threads_export_different_models_at_the_same_time(tmp_path):
    barrier = threading.Barrier(2, timeout=60)
    lenet = Rendezvous(models.lenet5(), barrier)
    mlp = Rendezvous(models.mlp(), barrier)
    jobs = {"lenet": (lenet, nnlite.randn(2, 1, 28, 28)), "mlp": (mlp, nnlite.randn(3, 1, 28, 28))}
    errors = []

    def run(name):
        try:
            model, x = jobs[name]
            nnlite.export(model, x, tmp_path / f"{name}.nnlg")
        except BaseException as e:  # reported by the main thread
            errors.append((name, e))
            barrier.abort()

    threads = [threading.Thread(target=run, args=(name,)) for name in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    for name, (model, _) in jobs.items():
        graph = nnlite.load_graph(tmp_path / f"{name}.nnlg")
        assert set(graph.constants) == set(model.state_dict())  # each recorded only its own model
        for batch in (1, 4):
            x = nnlite.randn(batch, 1, 28, 28)
            barrier.reset()
            model.barrier = threading.Barrier(1)  # eager run: nobody to wait for
            assert_close(graph(x), eager(model, x))
            model.barrier = barrier


def test_a_model_exported_from_cpp_round_trips(tmp_path):
    weight, bias = nnlite.randn(6, 4), nnlite.randn(6)
    recording = nnlite._C._export_cpp_example(weight, bias)  # nnlite::export_graph on a C++ function
    path = tmp_path / "cpp.nnlg"
    nnlite._C.save_graph(recording, str(path))  # nnlite::save_graph
    graph = nnlite.load_graph(path)
    assert set(graph.constants) == {"fc.weight", "fc.bias"}
    assert graph.node_ops[0] == "linear+relu"  # fused at load
    assert nnlite.load_graph(path, optimize=False).node_ops[:2] == ["linear", "relu"]
    assert json.loads(recording.graph_json)["outputs"] == graph.output_names
    for batch in (3, 7):  # -1 and flatten() follow the batch size
        x = nnlite.randn(batch, 4)
        h = F.relu(F.linear(x, weight, bias))
        s = h.view(-1, 2, 3).sum(2)
        got, flat = graph(x)
        assert_close(got, s + 0.5 * s.mean(1, keepdim=True))
        assert_close(flat, h.flatten())


def test_a_cpp_module_exported_with_export_graph(api_check, tmp_path):
    path = tmp_path / "cpp_model.nnlg"
    out = run_scenario(api_check, "export", path)  # tests/cpp/api_check.cpp: export_model
    graph = nnlite.load_graph(path)
    assert set(graph.constants) == set(out["constants"]["text"].split()) >= {"0.weight", "1.running_mean"}
    x = nnlite.tensor(cpp_tensor(out, "input"), dtype=nnlite.float32)
    np.testing.assert_allclose(graph(x).numpy(), cpp_tensor(out, "output"), rtol=1e-5, atol=1e-5)
    assert out["refused"]["kind"] == "Value" and "export: nonzero is not supported" in out["refused"]["error"]


# ---- malformed graph files ------------------------------------------------------------------


def write_graph(path, graph, tensors=None, fmt="nnlite-graph"):
    text = graph if isinstance(graph, str) else json.dumps(graph)
    metadata = {"graph": text}
    if fmt is not None:
        metadata["format"] = fmt
    nnlite._C.save_safetensors(tensors or {}, str(path), metadata)
    return path


def good_graph():
    return {"version": 1,
            "inputs": [{"name": "x", "rank": 2, "dtype": "float32"}],
            "nodes": [{"op": "linear", "inputs": ["x", "w", None], "outputs": ["y"]},
                      {"op": "softmax", "inputs": ["y"], "outputs": ["p"], "attrs": {"dim": 1}}],
            "outputs": ["p"]}


def load_error(tmp_path, graph, match, error=ValueError, **kw):
    path = write_graph(tmp_path / "g.nnlg", graph, tensors={"w": nnlite.randn(3, 4)}, **kw)
    with pytest.raises(error, match=match):
        nnlite.load_graph(path)


def test_a_hand_written_graph_runs(tmp_path):
    w = nnlite.randn(3, 4)
    graph = nnlite.load_graph(write_graph(tmp_path / "g.nnlg", good_graph(), tensors={"w": w}))
    x = nnlite.randn(5, 4)
    assert_close(graph(x), F.softmax(F.linear(x, w), 1))


def edited(**changes):
    g = good_graph()
    for key, value in changes.items():
        if key.startswith("node1_"):
            g["nodes"][1][key[6:]] = value
        else:
            g[key] = value
    return g


@pytest.mark.parametrize("graph, match", [
    ("{not json", r"malformed JSON at byte 1"),
    ("[1, 2]", r"must be a JSON object"),
    (edited(version=2), r"graph version 2 is not supported"),
    (edited(extra=1), r"unknown top-level key 'extra'"),
    (edited(outputs=[]), r"the graph has no outputs"),
    (edited(outputs=["q"]), r"uses 'q', which is not a graph input, a constant or the output of an earlier node"),
    (edited(node1_op="frobnicate"), r"node 1 \(frobnicate\): unknown op 'frobnicate'; this nnlite knows .*conv2d"),
    (edited(node1_inputs=["y", "y"]), r"node 1 \(softmax\): takes 1 inputs, got 2"),
    (edited(node1_inputs=[None]), r"input 0 is null but is not optional"),
    (edited(node1_inputs=[3]), r"input 0 must be a value name or null, got an integer"),
    (edited(node1_attrs={}), r"node 1 \(softmax\): missing attribute 'dim'"),
    (edited(node1_attrs={"dim": "1"}), r"attribute 'dim' must be an integer, got a string"),
    (edited(node1_attrs={"dim": 1, "axis": 1}), r"unknown attribute 'axis'"),
    (edited(node1_outputs=["y"]), r"defines 'y', a name already in use"),
    (edited(node1_outputs=["p", "q"]), r"gives 1 outputs, but 2 are named"),
    (edited(inputs=[{"name": "x", "rank": -1, "dtype": "float32"}]), r"'rank' must be an integer in \[0, 64\]"),
    (edited(inputs=[{"name": "x", "rank": 2, "dtype": "float16"}]), r"unknown dtype 'float16'"),
    (edited(inputs=[{"name": "w", "rank": 2, "dtype": "float32"}]), r"defines 'w', a name already in use"),
    (edited(nodes="linear"), r"'nodes' must be an array"),
])
def test_malformed_graphs_raise_clear_errors(tmp_path, graph, match):
    load_error(tmp_path, graph, match)


def test_malformed_attributes_of_layer_ops(tmp_path):
    g = good_graph()
    g["nodes"][1] = {"op": "max_pool2d", "inputs": ["y"], "outputs": ["p"], "attrs": {"kernel_size": [2, 2, 2]}}
    load_error(tmp_path, g, r"node 1 \(max_pool2d\): attribute 'kernel_size' must hold 2 integers")
    g["nodes"][1]["attrs"] = {"kernel_size": 2}
    load_error(tmp_path, g, r"attribute 'kernel_size' must be an array of integers, got an integer")
    g["nodes"][1] = {"op": "reshape", "inputs": ["y"], "outputs": ["p"],
                     "attrs": {"shape": [{"dim_of": 3, "dim": 0}, -1]}}
    load_error(tmp_path, g, r"refers to input 3 but the node has 1 inputs")
    g["nodes"][1] = {"op": "gelu", "inputs": ["y"], "outputs": ["p"], "attrs": {"approximate": "cubic"}}
    load_error(tmp_path, g, r"'approximate' must be 'none' or 'tanh', got 'cubic'")


def test_files_that_are_not_graphs(tmp_path):
    with pytest.raises(FileNotFoundError, match="load_graph"):
        nnlite.load_graph(tmp_path / "missing.nnlg")
    load_error(tmp_path, good_graph(), r"is not an nnlite graph file", fmt=None)
    (tmp_path / "short.nnlg").write_bytes(b"\x40\x00\x00\x00\x00\x00\x00\x00{}")
    with pytest.raises(ValueError, match=r"load_graph: .*short.nnlg"):
        nnlite.load_graph(tmp_path / "short.nnlg")
    with pytest.raises(ValueError, match="load_graph"):
        nnlite._C.parse_graph(b"\x00" * 3, "three bytes")
    with pytest.raises(TypeError, match="path must be a str"):
        nnlite.load_graph(3.5)


def test_truncated_or_corrupted_graph_descriptions_never_crash(tmp_path):
    path = tmp_path / "lenet.nnlg"
    nnlite.export(models.lenet5(), nnlite.randn(1, 1, 28, 28), path)
    tensors, metadata = nnlite._C.load_safetensors(str(path))
    text = metadata["graph"]
    rng = np.random.default_rng(0)
    cuts = sorted(set(rng.integers(0, len(text), 40).tolist()))
    for i in cuts:
        corrupted = text[:i] + chr(int(rng.integers(32, 127))) + text[i + 1:]
        for candidate in (text[:i], corrupted):
            data = nnlite._C.safetensors_to_bytes(tensors, {"format": "nnlite-graph", "graph": candidate})
            try:
                graph = nnlite._C.parse_graph(data, "fuzz")
            except (ValueError, TypeError, IndexError):
                continue
            try:  # a change that still parses must run or fail cleanly
                graph.run([nnlite.randn(2, 1, 28, 28)])
            except (ValueError, TypeError, IndexError, NotImplementedError):
                pass


def test_run_checks_its_inputs(tmp_path):
    graph = export_and_load(models.lenet5(), nnlite.randn(2, 1, 28, 28), tmp_path)
    with pytest.raises(ValueError, match=r"takes 1 inputs, got 2"):
        graph(nnlite.randn(1, 1, 28, 28), nnlite.randn(1))
    with pytest.raises(ValueError, match=r"input 0 \('%input0'\) must have 4 dims \(exported with shape \[2, 1, 28, 28\]\)"):
        graph(nnlite.randn(1, 28, 28))
    with pytest.raises(TypeError, match=r"must be float32, got float64"):
        graph(nnlite.randn(1, 1, 28, 28, dtype=nnlite.float64))
    with pytest.raises(ValueError, match=r"node \d+ \(linear\): linear"):
        graph(nnlite.randn(1, 1, 32, 32))  # the right rank, but 32x32 images flatten to 576 features, not 400
    with pytest.raises(TypeError, match=r"input 0 must be a Tensor"):
        graph([1.0])
