"""Batch norm + residual add + ReLU as one op (``_C.batch_norm_module`` with
``residual``/``relu``), and the training path of nn._fusion that uses it for
Conv2d -> BatchNorm2d (-> + residual) (-> ReLU) chains. The op must give
torch's composite (values, gradients, second derivatives, running
statistics), and the modules must step aside wherever their own calls could
be observed (hooks, subclasses, export, a residual that broadcasts)."""
import numpy as np
import pytest

import nnlite
from nnlite import _C, nn
from nnlite.nn import _fusion
from nnlite.nn.normalization import _BatchNorm

from op_check import T, check_op, from_array, to_numpy


def _fused(x, w, b, residual, relu, training=True, rm=None, rv=None):
    return _C.batch_norm_module(x, rm, rv, None, w, b, training, True, 0.1, 1e-5, "", residual, relu)


def _torch_composite(x, w, b, residual, relu, training=True, rm=None, rv=None):
    y = T.nn.functional.batch_norm(x, rm, rv, w, b, training=training)
    if residual is not None:
        y = y + residual
    return T.relu(y) if relu else y


@pytest.mark.parametrize("shape", [(4, 3, 5, 6), (6, 2), (3, 4, 7), (2, 3, 1, 1)])
@pytest.mark.parametrize("residual,relu", [(True, True), (True, False), (False, True)])
def test_fused_op_matches_torch(shape, residual, relu, device):
    c = shape[1]
    if residual:
        check_op([shape, (c,), (c,), shape], lambda x, w, b, r: _fused(x, w, b, r, relu),
                 lambda x, w, b, r: _torch_composite(x, w, b, r, relu), device=device)
    else:
        check_op([shape, (c,), (c,)], lambda x, w, b: _fused(x, w, b, None, relu),
                 lambda x, w, b: _torch_composite(x, w, b, None, relu), device=device)


def test_fused_op_noncontiguous_float64_and_eval_statistics():
    shape, c = (3, 4, 5, 2), 4
    check_op([shape, (c,), (c,), shape], lambda x, w, b, r: _fused(x, w, b, r, True),
             lambda x, w, b, r: _torch_composite(x, w, b, r, True), noncontiguous=True)
    check_op([shape, (c,), (c,), shape], lambda x, w, b, r: _fused(x, w, b, r, True),
             lambda x, w, b, r: _torch_composite(x, w, b, r, True), dtype="float64")
    # Eval mode (fixed running statistics): the path an eval model takes when autograd is needed.
    mean, var = np.linspace(-0.5, 0.5, c), np.linspace(0.5, 2.0, c)
    check_op([shape, (c,), (c,), shape],
             lambda x, w, b, r: _fused(x, w, b, r, True, False, from_array(mean).to(x.dtype), from_array(var).to(x.dtype)),
             lambda x, w, b, r: _torch_composite(x, w, b, r, True, False, T.tensor(mean, dtype=x.dtype),
                                                 T.tensor(var, dtype=x.dtype)))


def test_fused_op_double_backward_matches_torch(torch):
    rng = np.random.default_rng(3)
    x, r, up = (rng.normal(size=(3, 2, 4, 2)) for _ in range(3))
    w = rng.normal(size=2)

    def grad_of_grad(lib, mod):
        xt, rt, wt = (mod(a).requires_grad_() for a in (x, r, w))
        if lib is nnlite:
            y = _fused(xt, wt, None, rt, True)
        else:
            y = torch.relu(torch.nn.functional.batch_norm(xt, None, None, wt, None, training=True) + rt)
        gx, gw = lib.autograd.grad((y * mod(up)).sum(), [xt, wt], create_graph=True)
        (gx * gx).sum().backward() if lib is torch else ((gx * gx).sum() + (gw * gw).sum()).backward()
        return [to_numpy(t.grad) if lib is nnlite else t.grad.numpy() for t in (xt, wt)]

    got = grad_of_grad(nnlite, from_array)
    # torch's reference with the same objective: both gradients' squares.
    xt, rt, wt = (torch.tensor(a, requires_grad=True) for a in (x, r, w))
    y = torch.relu(torch.nn.functional.batch_norm(xt, None, None, wt, None, training=True) + rt)
    gx, gw = torch.autograd.grad((y * torch.tensor(up)).sum(), [xt, wt], create_graph=True)
    ((gx * gx).sum() + (gw * gw).sum()).backward()
    for g, want in zip(got, (xt.grad.numpy(), wt.grad.numpy())):
        np.testing.assert_allclose(g, want, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("momentum", [0.1, None])
def test_fused_module_call_tracks_running_statistics_like_the_module(momentum):
    rng = np.random.default_rng(0)
    fused, plain = nn.BatchNorm2d(3, momentum=momentum), nn.BatchNorm2d(3, momentum=momentum)
    for _ in range(3):
        x = from_array(rng.normal(size=(4, 3, 5, 5)).astype("float32") * 2 + 1)
        r = from_array(rng.normal(size=(4, 3, 5, 5)).astype("float32"))
        got = fused._forward_then(x, r, True)
        want = nnlite.relu(plain(x) + r)
        np.testing.assert_allclose(to_numpy(got), to_numpy(want), rtol=1e-6, atol=1e-6)
    for name in ("running_mean", "running_var", "num_batches_tracked"):
        np.testing.assert_array_equal(to_numpy(getattr(fused, name)), to_numpy(getattr(plain, name)))


def test_relu_mask_comes_from_the_output_nan_passes():
    # relu passes the gradient where its input is NaN; the fused op takes the mask from its output.
    x = from_array(np.array([[1.0, np.nan, -1.0, 2.0]], dtype="float32").T.reshape(4, 1)).requires_grad_()
    r = nnlite.zeros(4, 1, requires_grad=True)
    y = _fused(x, None, None, r, True)
    y.sum().backward()
    assert np.isnan(to_numpy(y)).all()  # the batch statistics are NaN
    np.testing.assert_array_equal(np.isnan(to_numpy(r.grad)), False)
    np.testing.assert_array_equal(to_numpy(r.grad), 1.0)  # NaN outputs pass the gradient


def test_fused_op_errors():
    x = nnlite.randn(2, 3, 4, 4)
    with pytest.raises(ValueError, match=r"batch_norm: residual must have the input's shape"):
        _fused(x, None, None, nnlite.randn(2, 3, 4, 1), True)
    with pytest.raises(TypeError, match=r"batch_norm: residual .* must have the input's dtype"):
        _fused(x, None, None, nnlite.randn(2, 3, 4, 4, dtype=nnlite.float64), True)
    with pytest.raises(ValueError, match=r"BatchNorm2d: expected 4D input"):
        _C.batch_norm_module(nnlite.randn(2, 3), None, None, None, None, None, True, True, 0.1, 1e-5, "BatchNorm2d",
                             nnlite.randn(2, 3), True)


def test_inplace_change_of_the_output_is_caught_in_backward():
    x = nnlite.randn(4, 3, 2, 2, requires_grad=True)
    y = _fused(x, None, None, None, True)
    y.add_(1.0)  # y holds ReLU's mask for the backward
    with pytest.raises(RuntimeError, match="modified by an in-place operation"):
        y.sum().backward()


class _Calls:
    """Counts the batch norms that ran fused (bn._forward_then with a residual or relu)."""

    def __init__(self, monkeypatch):
        self.fused = 0
        inner = _BatchNorm._forward_then

        def counted(bn, x, residual, relu):
            self.fused += residual is not None or relu
            return inner(bn, x, residual, relu)

        monkeypatch.setattr(_BatchNorm, "_forward_then", counted)


@pytest.fixture
def calls(monkeypatch):
    return _Calls(monkeypatch)


def _pair(seed=0):
    """(model, the same model whose batch norms run as modules: a hook on each takes the fusion away)."""
    nnlite.manual_seed(seed)
    model = nnlite.models.get_model("resnet20")
    twin = nnlite.models.get_model("resnet20")
    twin.load_state_dict(model.state_dict())
    for m in twin.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.register_forward_hook(lambda *a: None)
    return model, twin


def test_resnet_training_step_matches_the_unfused_modules(calls):
    model, twin = _pair()
    x, y = nnlite.randn(8, 3, 32, 32), nnlite.randint(0, 10, (8,))
    for m in (model, twin):
        opt = nnlite.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
        for _ in range(2):
            opt.zero_grad()
            nn.functional.cross_entropy(m(x), y).backward()
            opt.step()
    assert calls.fused == 2 * 19  # every batch norm of ResNet-20 is followed by a ReLU
    got, want = model.state_dict(), twin.state_dict()
    for k in want:
        np.testing.assert_allclose(to_numpy(got[k]), to_numpy(want[k]), rtol=1e-4, atol=1e-5, err_msg=k)


def test_training_sequential_matches_torch(calls, torch):
    nnlite.manual_seed(0)
    seq = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 4, 1),
                        nn.BatchNorm2d(4))
    t = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.BatchNorm2d(8), torch.nn.ReLU(),
                            torch.nn.Conv2d(8, 4, 1), torch.nn.BatchNorm2d(4))
    t.load_state_dict({k: torch.tensor(v.numpy()) for k, v in seq.state_dict().items()})
    x = np.random.default_rng(1).standard_normal((4, 3, 6, 5)).astype(np.float32)
    xn, xt = from_array(x).requires_grad_(), torch.tensor(x, requires_grad=True)
    got, want = seq(xn), t(xt)
    assert calls.fused == 1  # the second batch norm has no ReLU after it: it runs as its module
    np.testing.assert_allclose(to_numpy(got), want.detach().numpy(), rtol=1e-5, atol=1e-5)
    up = np.random.default_rng(2).standard_normal(tuple(want.shape)).astype(np.float32)
    (got * from_array(up)).sum().backward()
    (want * torch.tensor(up)).sum().backward()
    np.testing.assert_allclose(to_numpy(xn.grad), xt.grad.numpy(), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_numpy(seq[1].weight.grad), t[1].weight.grad.numpy(), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_numpy(seq[1].running_var), t[1].running_var.numpy(), rtol=1e-5)


@pytest.mark.parametrize("name", ["dcgan", "mlp_bn1d"])
def test_batch_norm_then_relu_without_a_conv_matches_the_modules(name, calls):
    # DCGAN's generator: ConvTranspose2d -> BatchNorm2d -> ReLU; an MLP with BatchNorm1d.
    def build():
        nnlite.manual_seed(0)
        if name == "dcgan":
            return nnlite.models.get_model("dcgan").generator, nnlite.randn(4, 100)
        return nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 3)), nnlite.randn(5, 6)

    (model, x), (twin, _) = build(), build()
    for m in twin.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            m.register_forward_hook(lambda *a: None)
    bns = sum(isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)) for m in model.modules())
    for m in (model, twin):
        opt = nnlite.optim.SGD(m.parameters(), lr=0.1)
        for _ in range(2):
            opt.zero_grad()
            out = m(x)
            (out * out).mean().backward()
            opt.step()
    assert calls.fused == 2 * bns
    got, want = model.state_dict(), twin.state_dict()
    for k in want:
        np.testing.assert_allclose(to_numpy(got[k]), to_numpy(want[k]), rtol=1e-4, atol=1e-5, err_msg=k)


class _MyBatchNorm(nn.BatchNorm2d):
    def forward(self, input):
        return super().forward(input) * 2


@pytest.mark.parametrize("case", ["bn_hook", "relu_hook", "bn_subclass", "bn_forward_attr", "export"])
def test_fusion_steps_aside(case, calls, tmp_path):
    nnlite.manual_seed(0)
    bn = _MyBatchNorm(8) if case == "bn_subclass" else nn.BatchNorm2d(8)
    seq = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), bn, nn.ReLU())
    seen = []
    if case == "bn_hook":
        seq[1].register_forward_hook(lambda *a: seen.append("bn"))
    elif case == "relu_hook":
        seq[2].register_forward_pre_hook(lambda *a: seen.append("relu"))
    elif case == "bn_forward_attr":
        seq[1].forward = lambda x: nn.BatchNorm2d.forward(seq[1], x) + 1
    x = nnlite.randn(2, 3, 5, 5)
    if case == "export":
        nnlite.export(seq.eval(), (x,), tmp_path / "m.nnl")  # records the modules' own ops
        assert calls.fused == 0
        return
    y = seq(x)
    assert calls.fused == 0
    assert seen == {"bn_hook": ["bn"], "relu_hook": ["relu"]}.get(case, [])
    if case == "bn_subclass":
        assert float(y.min()) >= 0 and float(y.max()) > 0  # its doubled forward ran, then the ReLU


def test_residual_that_broadcasts_runs_the_modules(calls):
    nnlite.manual_seed(0)
    conv, bn, relu = nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU()
    x, r = nnlite.randn(2, 3, 5, 5), nnlite.randn(1, 4, 1, 5)
    got = _fusion.conv_bn(conv, bn, x, residual=r, relu=relu)
    assert calls.fused == 0
    twin = nn.BatchNorm2d(4)
    np.testing.assert_allclose(to_numpy(got), to_numpy(nnlite.relu(twin(conv(x)) + r)), rtol=1e-6, atol=1e-6)


def test_export_records_the_three_ops_of_a_direct_call(tmp_path):
    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.bn = nn.BatchNorm2d(3)

        def forward(self, x):
            return self.bn.eval()._forward_then(x, x * 0.5, True)

    block = Block()
    x = nnlite.randn(2, 3, 4, 4)
    nnlite.export(block, (x,), tmp_path / "b.nnl")
    graph = nnlite.load_graph(tmp_path / "b.nnl", optimize=False)
    np.testing.assert_allclose(to_numpy(graph(x)), to_numpy(block(x)), rtol=1e-6, atol=1e-6)
