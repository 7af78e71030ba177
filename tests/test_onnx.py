"""nnlite.onnx.export: the ONNX file gives the model's outputs in
onnxruntime (skipped where onnx or onnxruntime is not installed) on inputs of
other batch sizes; unsupported ops raise a clear error; a missing onnx
package raises an ImportError that says how to install it.

Tolerance: 1e-5, relative and absolute (onnxruntime accumulates float32 sums
in its own order; the largest difference seen on these models is ~3e-7
relative)."""
import sys

import numpy as np
import pytest

import nnlite
from nnlite import models, nn
from nnlite.nn import functional as F
from test_export import ManyOps, eager

SHAPES = {"mlp": (1, 28, 28), "lenet5": (1, 28, 28), "resnet20": (3, 32, 32)}
TOL = 1e-5


@pytest.fixture(scope="module")
def ort():
    pytest.importorskip("onnx")
    return pytest.importorskip("onnxruntime")


def run_onnx(ort, path, *inputs):
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    feed = {f"input{i}": x.numpy() for i, x in enumerate(inputs)}
    return session.run(None, feed)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_zoo_models_run_in_onnxruntime(ort, name, tmp_path):
    model = models.get_model(name)
    if name == "resnet20":  # non-trivial running statistics
        model.train()
        with nnlite.no_grad():
            model(nnlite.randn(8, 3, 32, 32) * 2 + 0.5)
    path = tmp_path / f"{name}.onnx"
    nnlite.onnx.export(model, nnlite.randn(2, *SHAPES[name]), path)
    for batch in (3, 1):
        x = nnlite.randn(batch, *SHAPES[name])
        (got,) = run_onnx(ort, path, x)
        np.testing.assert_allclose(got, eager(model, x).numpy(), rtol=TOL, atol=TOL)


def test_model_structure(ort, tmp_path):
    import onnx

    path = tmp_path / "lenet.onnx"
    nnlite.onnx.export(models.lenet5(), nnlite.randn(2, 1, 28, 28), path)
    model = onnx.load(str(path))
    assert [o.version for o in model.opset_import if o.domain in ("", "ai.onnx")] == [nnlite.onnx.OPSET]
    ops = [n.op_type for n in model.graph.node]
    for op in ("Conv", "Relu", "MaxPool", "Flatten", "Gemm"):
        assert op in ops
    dims = model.graph.input[0].type.tensor_type.shape.dim
    assert [d.dim_param for d in dims] == [f"input0_dim{i}" for i in range(4)]  # every size symbolic
    names = {i.name for i in model.graph.initializer}
    assert {"conv1.weight", "fc3.bias"} <= names


def test_many_ops_two_inputs_two_outputs(ort, tmp_path):
    model = ManyOps()
    path = tmp_path / "many.onnx"
    nnlite.onnx.export(model, (nnlite.randn(2, 3, 8, 8), nnlite.randn(6)), path)
    for batch in (4, 1):
        x, bias = nnlite.randn(batch, 3, 8, 8), nnlite.randn(6)
        got = run_onnx(ort, path, x, bias)
        want = eager(model, x, bias)
        assert len(got) == 2
        for g, w in zip(got, want):
            np.testing.assert_allclose(g, w.numpy(), rtol=TOL, atol=TOL)


class Mixed(nn.Module):
    def forward(self, x, idx):
        y = x.float() / 3 + (x > 2).float() - x.sum(1, keepdim=True)  # int tensor promoted to float
        z = nnlite.index_select(y, 1, idx).masked_fill(y[:, :2] > 0.5, -1.0)
        w = F.interpolate(z.view(z.shape[0], 1, 1, 2), scale_factor=2)
        return w.flatten(1).argmax(1), F.pad(z, (1, 2), value=3.0).max(dim=1)[0]


def test_dtype_promotion_gathers_and_resampling(ort, tmp_path):
    model = Mixed()
    path = tmp_path / "mixed.onnx"
    idx = nnlite.tensor([2, 0])
    nnlite.onnx.export(model, (nnlite.randint(0, 5, (2, 4)), idx), path)
    x = nnlite.randint(0, 5, (5, 4))
    got = run_onnx(ort, path, x, idx)
    want = eager(model, x, idx)
    np.testing.assert_array_equal(got[0], want[0].numpy())
    np.testing.assert_allclose(got[1], want[1].numpy(), rtol=TOL, atol=TOL)


def test_ops_without_onnx_counterpart_are_named(ort, tmp_path):
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.GroupNorm(2, 4))
    with pytest.raises(ValueError, match=r"op 'group_norm' \(node 1\) has no ONNX counterpart at opset 17"):
        nnlite.onnx.export(model, nnlite.randn(1, 3, 8, 8), tmp_path / "gn.onnx")
    assert not (tmp_path / "gn.onnx").exists()
    with pytest.raises(nnlite.ExportError, match=r"Tensor.__bool__"):
        nnlite.onnx.export(lambda x: x if x.sum() > 0 else x, nnlite.randn(2), tmp_path / "x.onnx")


def test_missing_onnx_package_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "onnx", None)  # import onnx now raises ImportError
    with pytest.raises(ImportError, match=r"pip install onnx"):
        nnlite.onnx.export(models.mlp(), nnlite.randn(1, 784), tmp_path / "m.onnx")
