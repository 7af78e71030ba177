"""embedding / embedding_backward / embedding_renorm_ and nn.Embedding against torch."""
import numpy as np
import pytest

import nnlite
from nnlite import nn
from op_check import check_op

torch = pytest.importorskip("torch")

TESTED_OPS = {"embedding", "embedding_backward"}

IDX = np.array([[0, 3, 3, 1], [4, 3, 0, 0]], dtype=np.int64)  # repeated rows on purpose


def _t(x):
    return torch.from_numpy(np.array(x.detach().numpy(), copy=True))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("padding_idx,scale", [(-1, False), (3, False), (-1, True), (0, True)])
def test_embedding_op(dtype, padding_idx, scale):
    # padding_idx and scale_grad_by_freq change the gradient on purpose (it is
    # no longer the derivative), so only the plain case meets finite differences.
    check_op([(5, 3), IDX], lambda w, i: nnlite._C.embedding(w, i, padding_idx, scale),
             lambda w, i: torch.embedding(w, i, padding_idx, scale), dtype=dtype,
             fd=padding_idx == -1 and not scale)


def test_embedding_op_int32_indices_and_scalar_index():
    check_op([(6, 2), np.array([5, 0, 5], dtype=np.int32)], lambda w, i: nnlite._C.embedding(w, i),
             lambda w, i: torch.embedding(w, i.long()))
    check_op([(6, 2), np.array(4, dtype=np.int64)], lambda w, i: nnlite._C.embedding(w, i),
             lambda w, i: torch.embedding(w, i))


@pytest.mark.parametrize("padding_idx,scale", [(-1, False), (3, False), (3, True)])
def test_embedding_backward_op(padding_idx, scale):
    # Its own gradient (the adjoint) is what double backward through embedding
    # uses. torch's double backward ignores scale_grad_by_freq (it is not the
    # derivative then), so that case is checked against finite differences only.
    check_op([(2, 4, 3), IDX], lambda g, i: nnlite._C.embedding_backward(g, i, 6, padding_idx, scale),
             None if scale else (lambda g, i: torch.ops.aten.embedding_dense_backward(g, i, 6, padding_idx, scale)),
             dtype="float64")


def test_backward_adds_rows_deterministically_on_many_threads():
    rng = np.random.default_rng(0)
    idx = rng.integers(0, 7, (4000,)).astype(np.int64)  # big enough for several threads, few rows
    g = rng.standard_normal((4000, 16)).astype(np.float32)
    a = nnlite._C.embedding_backward(nnlite.from_numpy(g), nnlite.from_numpy(idx), 7, 2, True).numpy()
    b = nnlite._C.embedding_backward(nnlite.from_numpy(g), nnlite.from_numpy(idx), 7, 2, True).numpy()
    np.testing.assert_array_equal(a, b)
    ref = torch.ops.aten.embedding_dense_backward(torch.from_numpy(g), torch.from_numpy(idx), 7, 2, True)
    np.testing.assert_allclose(a, ref.numpy(), rtol=1e-5, atol=1e-5)
    assert not a[2].any()


def test_double_backward_through_embedding():
    w = nnlite.randn(5, 3, dtype=nnlite.float64, requires_grad=True)
    tw = _t(w).requires_grad_()
    idx = nnlite.from_numpy(IDX)
    for lib, ww, ii in ((nnlite, w, idx), (torch, tw, torch.from_numpy(IDX))):
        y = lib.embedding(ww, ii, 3) if lib is torch else nnlite._C.embedding(ww, ii, 3)
        (gw,) = (torch.autograd.grad if lib is torch else nnlite.autograd.grad)(
            (y * y).sum(), [ww], create_graph=True)
        (gw * gw).sum().backward()
    np.testing.assert_allclose(w.grad.numpy(), tw.grad.numpy(), rtol=1e-10)


def test_functional_max_norm_renormalises_the_referenced_rows_in_place():
    rng = np.random.default_rng(1)
    w0 = (rng.standard_normal((6, 4)) * 3).astype(np.float32)
    idx = np.array([[1, 1, 4], [0, 4, 4]], dtype=np.int64)
    for norm_type in (2.0, 1.0, 3.0, float("inf")):
        w = nnlite.from_numpy(w0.copy()).requires_grad_()
        tw = torch.from_numpy(w0.copy()).requires_grad_()
        v0 = w._version if hasattr(w, "_version") else None
        y = nnlite.nn.functional.embedding(nnlite.from_numpy(idx), w, max_norm=1.5, norm_type=norm_type)
        ty = torch.nn.functional.embedding(torch.from_numpy(idx), tw, max_norm=1.5, norm_type=norm_type)
        np.testing.assert_allclose(y.detach().numpy(), ty.detach().numpy(), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(w.detach().numpy(), tw.detach().numpy(), rtol=1e-5, atol=1e-6)
        assert not np.allclose(w.detach().numpy()[[0, 1, 4]], w0[[0, 1, 4]])  # changed...
        np.testing.assert_array_equal(w.detach().numpy()[[2, 3, 5]], w0[[2, 3, 5]])  # ...only where referenced
        if v0 is not None:
            assert w._version > v0
        y.sum().backward()
        ty.sum().backward()
        np.testing.assert_allclose(w.grad.numpy(), tw.grad.numpy())


def test_module_matches_torch_with_a_loaded_state_dict():
    tm = torch.nn.Embedding(11, 5, padding_idx=-1, scale_grad_by_freq=True)
    m = nn.Embedding(11, 5, padding_idx=-1, scale_grad_by_freq=True)
    assert m.padding_idx == tm.padding_idx == 10
    assert not m.weight.detach().numpy()[10].any()
    assert list(m.state_dict()) == list(tm.state_dict()) == ["weight"]
    m.load_state_dict({k: nnlite.from_numpy(v.numpy()) for k, v in tm.state_dict().items()})
    idx = np.array([[10, 2, 2], [3, 10, 7]], dtype=np.int64)
    y, ty = m(nnlite.from_numpy(idx)), tm(torch.from_numpy(idx))
    np.testing.assert_allclose(y.detach().numpy(), ty.detach().numpy())
    up = np.random.default_rng(2).standard_normal(y.shape).astype(np.float32)
    (y * nnlite.from_numpy(up)).sum().backward()
    (ty * torch.from_numpy(up)).sum().backward()
    np.testing.assert_allclose(m.weight.grad.numpy(), tm.weight.grad.numpy(), rtol=1e-6, atol=1e-6)
    assert repr(m) == repr(tm)


def test_module_init_is_standard_normal():
    nnlite.manual_seed(0)
    w = nn.Embedding(400, 50).weight.detach().numpy()
    assert abs(w.mean()) < 0.02 and abs(w.std() - 1) < 0.02


def test_module_max_norm_matches_torch():
    tm = torch.nn.Embedding(8, 4, max_norm=1.0)
    m = nn.Embedding(8, 4, max_norm=1.0)
    m.load_state_dict({"weight": nnlite.from_numpy(tm.weight.detach().numpy().copy())})
    idx = np.array([1, 5, 5, 2], dtype=np.int64)
    np.testing.assert_allclose(m(nnlite.from_numpy(idx)).detach().numpy(),
                               tm(torch.from_numpy(idx)).detach().numpy(), rtol=1e-6)
    np.testing.assert_allclose(m.weight.detach().numpy(), tm.weight.detach().numpy(), rtol=1e-6)
    assert repr(m) == repr(tm)


def test_from_pretrained_freeze_and_sharing():
    base = nnlite.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    frozen = nn.Embedding.from_pretrained(base)
    assert not frozen.weight.requires_grad
    out = frozen(nnlite.tensor([2, 0]))
    np.testing.assert_array_equal(out.numpy(), [[5, 6], [1, 2]])
    assert not out.requires_grad
    trained = nn.Embedding.from_pretrained(base, freeze=False, padding_idx=1)
    assert trained.weight.requires_grad and trained.padding_idx == 1
    np.testing.assert_array_equal(trained.weight.detach().numpy()[1], [3, 4])  # torch keeps the pretrained row
    trained(nnlite.tensor([1, 2, 1])).sum().backward()
    np.testing.assert_array_equal(trained.weight.grad.numpy(), [[0, 0], [0, 0], [1, 1]])
    with pytest.raises(ValueError, match="from_pretrained.*2-d"):
        nn.Embedding.from_pretrained(nnlite.ones(3))


def test_bad_input():
    w = nnlite.randn(5, 3)
    with pytest.raises(TypeError, match="embedding: indices must be an int64 or int32 tensor, got float32"):
        nnlite.nn.functional.embedding(nnlite.tensor([1.0, 2.0]), w)
    with pytest.raises(IndexError, match=r"embedding: index 5 is out of range for num_embeddings 5"):
        nnlite.nn.functional.embedding(nnlite.tensor([[0, 4], [5, 1]]), w)
    with pytest.raises(IndexError, match=r"embedding: index -1 is out of range for num_embeddings 5"):
        nnlite._C.embedding(w, nnlite.tensor([-1]))
    with pytest.raises(ValueError, match=r"embedding: weight must be 2-d"):
        nnlite.nn.functional.embedding(nnlite.tensor([0]), nnlite.randn(5))
    with pytest.raises(ValueError, match=r"embedding: weight must be 2-d"):
        nnlite._C.embedding(nnlite.randn(2, 5, 3), nnlite.tensor([0]))
    with pytest.raises(ValueError, match="padding_idx 5 must be within num_embeddings"):
        nn.Embedding(5, 3, padding_idx=5)
    with pytest.raises(NotImplementedError, match="sparse"):
        nn.Embedding(5, 3, sparse=True)
    with pytest.raises(ValueError, match="_weight of shape"):
        nn.Embedding(5, 3, _weight=nnlite.randn(4, 3))
    with pytest.raises(IndexError, match="embedding_renorm_: index 9"):
        nnlite.nn.functional.embedding(nnlite.tensor([9]), w, max_norm=1.0)
    with pytest.raises(RuntimeError, match="embedding_renorm_: weight requires grad"):
        nnlite._C.embedding_renorm_(nnlite.randn(5, 3, requires_grad=True), nnlite.tensor([0]), 1.0)


def test_export_runs_in_the_graph_interpreter_and_onnxruntime(tmp_path):
    nnlite.manual_seed(0)
    model = nn.Sequential(nn.Embedding(10, 4, padding_idx=0), nn.Flatten(), nn.Linear(12, 3))
    model.eval()
    x = nnlite.tensor([[1, 0, 9], [4, 4, 2]])
    nnlite.export(model, x, tmp_path / "m.nnlg")
    graph = nnlite.load_graph(tmp_path / "m.nnlg")
    x2 = nnlite.tensor([[3, 3, 0]])
    got = graph(x2)
    np.testing.assert_allclose((got[0] if isinstance(got, (list, tuple)) else got).numpy(),
                               model(x2).detach().numpy(), rtol=1e-6)
    ort = pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    nnlite.onnx.export(model, x, tmp_path / "m.onnx")
    session = ort.InferenceSession(str(tmp_path / "m.onnx"), providers=["CPUExecutionProvider"])
    (out,) = session.run(None, {"input0": x2.numpy()})
    np.testing.assert_allclose(out, model(x2).detach().numpy(), rtol=1e-5, atol=1e-6)
