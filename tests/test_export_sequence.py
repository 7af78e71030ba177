"""Export of the ordering and positional ops: a model using sort, argsort,
topk, tril, triu, roll, flip, cumsum and one_hot gives the same outputs from
the loaded graph as in Python, for other batch sizes too; masked_select and
multinomial are refused with an error naming them."""
import numpy as np
import pytest

import nnlite
from nnlite import nn
from nnlite.nn import functional as F


class SequenceOps(nn.Module):
    def forward(self, x):  # x [N, 5, 5]
        v, i = x.topk(3, dim=-1)
        s = nnlite.sort(x, dim=1, descending=True).values
        a = x.argsort(dim=-1, stable=True)
        t = nnlite.tril(x, -1) + x.triu(diagonal=2)
        r = nnlite.roll(x, (1, -2), (1, 2)) + x.roll(3)
        f = x.flip(1, 2) + nnlite.flip(x, [0])
        c = x.cumsum(-1) + nnlite.cumsum(x, 1, dtype=nnlite.float32)
        h = F.one_hot(a, num_classes=5).sum(-1).float()  # every entry 1
        return v.sum(-1, keepdim=True) + s + t + r + f + c + h + i.float().sum(-1, keepdim=True) + a.float()


def run(model, x):
    with nnlite.no_grad():
        return model(x)


def test_a_model_of_sequence_ops_exports(tmp_path):
    model = SequenceOps().eval()
    path = tmp_path / "seq.nnlg"
    nnlite.export(model, nnlite.randn(2, 5, 5), path)
    graph = nnlite.load_graph(path)
    for op in ("topk", "sort", "argsort", "tril", "triu", "roll", "flip", "cumsum", "one_hot"):
        assert op in graph.node_ops, op
    for batch in (2, 3, 1):
        x = nnlite.randn(batch, 5, 5)
        np.testing.assert_allclose(graph(x).numpy(), run(model, x).numpy(), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("fn,name", [
    (lambda x: nnlite.masked_select(x, x > 0), "masked_select"),
    (lambda x: nnlite.multinomial(x.abs() + 0.1, 2), "multinomial"),
])
def test_data_dependent_and_random_ops_are_refused(fn, name, tmp_path):
    class M(nn.Module):
        def forward(self, x):
            return fn(x)

    with pytest.raises(nnlite.ExportError, match=name):
        nnlite.export(M(), nnlite.randn(2, 3), tmp_path / "m.nnlg")


class OnnxSequenceOps(nn.Module):
    def forward(self, x, idx):  # x [N, 4, 6] float, idx [N] int64 in [0, 6)
        v, i = x.topk(2, dim=-1)
        t = nnlite.tril(x, 1) - x.triu(diagonal=-1)
        f = x.flip(0, 2) + nnlite.flip(x, [1]) + x.flip([])
        c = x.cumsum(1)
        h = F.one_hot(idx, num_classes=6)
        return v + i.float(), t + f + c, h.cumsum(-1), (x > 0).cumsum(2)


def test_sequence_ops_run_in_onnxruntime(tmp_path):
    pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    model = OnnxSequenceOps().eval()
    path = tmp_path / "seq.onnx"
    nnlite.onnx.export(model, (nnlite.randn(2, 4, 6), nnlite.tensor([0, 5])), path)
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    for batch in (2, 3):
        x, idx = nnlite.randn(batch, 4, 6), nnlite.randint(0, 6, (batch,))
        got = session.run(None, {"input0": x.numpy(), "input1": idx.numpy()})
        with nnlite.no_grad():
            want = model(x, idx)
        for g, w in zip(got, want):
            assert g.dtype == w.numpy().dtype
            np.testing.assert_allclose(g, w.numpy(), rtol=1e-5, atol=1e-5)


def test_sort_and_roll_have_no_onnx_converter(tmp_path):
    pytest.importorskip("onnx")
    for fn, name in [(lambda x: x.sort().values, "sort"), (lambda x: x.roll(1, 0), "roll")]:
        with pytest.raises(ValueError, match=rf"op '{name}' \(node 0\) has no ONNX counterpart"):
            nnlite.onnx.export(fn, nnlite.randn(2, 3), tmp_path / "x.onnx")
