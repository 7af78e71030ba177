"""Eager eval-mode fusion (python/nnlite/nn/_fusion.py): Conv2d ->
BatchNorm2d (-> + residual) (-> ReLU) run as one convolution with the batch
norm folded in. It must give the modules' own result within 1e-5 relative,
follow every change of the weights and statistics, and step aside wherever
the modules' own calls can be observed (hooks, training, autograd, export)."""
import contextlib
import copy

import numpy as np
import pytest

import nnlite
from nnlite import nn
from nnlite.nn import _fusion

from test_graph_fusion import ZOO_INPUTS, _eval_model, _nontrivial_statistics, _rel

# Zoo models whose forward has conv -> batch norm chains (inputs: ZOO_INPUTS).
CONV_BN_MODELS = ["resnet18", "resnet20", "resnet50", "vgg11"]


class _Count:
    """Stands in for _fusion's _C, counting the fused convolutions."""

    def __init__(self, inner):
        self.inner, self.fused = inner, 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def _conv2d_fused(self, *args):
        self.fused += 1
        return self.inner._conv2d_fused(*args)

    def _FoldedConv(self, *args):
        # The cache entry runs the fused convolution itself on the calls after the fold.
        entry = self.inner._FoldedConv(*args)

        def call(*call_args):
            y = entry(*call_args)
            self.fused += y is not None
            return y

        return call


@pytest.fixture
def count(monkeypatch):
    counter = _Count(_fusion._C)
    monkeypatch.setattr(_fusion, "_C", counter)
    return counter


def _unfused(model, x):
    """The model's output with every conv run as itself: a hook takes the fused path away."""
    handles = [m.register_forward_hook(lambda *a: None) for m in model.modules() if isinstance(m, nn.Conv2d)]
    try:
        with nnlite.no_grad():
            return model(x).numpy()
    finally:
        for h in handles:
            h.remove()


def _block():
    nnlite.manual_seed(0)
    seq = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU())
    _nontrivial_statistics(seq)
    return seq.eval()


@pytest.mark.parametrize("name", CONV_BN_MODELS)
def test_fused_eval_forward_matches_the_modules(name, count):
    model = _eval_model(name)
    x = ZOO_INPUTS[name]()
    with nnlite.no_grad():
        fused = model(x).numpy()
    convs = sum(isinstance(m, nn.Conv2d) for m in model.modules())
    assert count.fused == convs  # every conv of these models is followed by a batch norm
    assert _rel(fused, _unfused(model, x)) <= 1e-5


def test_fused_sequential_matches_torch():
    torch = pytest.importorskip("torch")
    seq = _block()
    t = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.BatchNorm2d(8), torch.nn.ReLU()).eval()
    t.load_state_dict({k: torch.tensor(v.numpy()) for k, v in seq.state_dict().items()})
    x = np.random.default_rng(0).standard_normal((2, 3, 9, 7)).astype(np.float32)
    with nnlite.no_grad():
        got = seq(nnlite.tensor(x)).numpy()
    with torch.no_grad():
        want = t(torch.tensor(x)).numpy()
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_float64_block_folds_in_float64(count):
    seq = _block().double()
    x = nnlite.randn(2, 3, 8, 8, dtype=nnlite.float64)
    with nnlite.no_grad():
        got = seq(x)
    assert count.fused == 1 and got.dtype == nnlite.float64
    assert _rel(got.numpy(), _unfused(seq, x)) <= 1e-12


@pytest.mark.parametrize("change", ["running_mean", "running_var", "bn_weight", "conv_weight", "new_parameter", "eps"])
def test_fold_follows_every_change_of_its_sources(change, count):
    seq = _block()
    conv, bn = seq[0], seq[1]
    x = nnlite.randn(1, 3, 8, 8)
    with nnlite.no_grad():
        before = seq(x).numpy()
        if change == "running_mean":
            bn.running_mean.add_(1.0)
        elif change == "running_var":
            bn.running_var.mul_(3.0)
        elif change == "bn_weight":
            bn.weight.mul_(-1.0)
        elif change == "conv_weight":
            conv.weight[0].zero_()  # in place through a view: the storage's version moves
        elif change == "new_parameter":
            conv.weight = nn.Parameter(conv.weight * 2)
        else:
            bn.eps = 0.5
        after = seq(x).numpy()
    assert count.fused == 2
    assert not np.allclose(before, after)
    assert _rel(after, _unfused(seq, x)) <= 1e-5


def test_training_mode_runs_the_modules(count):
    seq = _block().train()
    x = nnlite.randn(4, 3, 8, 8)
    mean = seq[1].running_mean.clone()
    with nnlite.no_grad():
        seq(x)
    assert count.fused == 0
    assert not np.allclose(seq[1].running_mean.numpy(), mean.numpy())  # batch statistics were used and tracked


def test_autograd_runs_the_modules(count):
    seq = _block()
    x = nnlite.randn(1, 3, 8, 8, requires_grad=True)
    seq(x).sum().backward()
    assert count.fused == 0
    assert x.grad is not None and seq[0].weight.grad is not None


@pytest.mark.parametrize("at", [0, 1, 2])
@pytest.mark.parametrize("kind", ["forward", "pre"])
def test_hooks_see_every_call(at, kind, count):
    seq = _block()
    seen = []
    register = seq[at].register_forward_hook if kind == "forward" else seq[at].register_forward_pre_hook
    register(lambda m, *args: seen.append(type(m).__name__))
    with nnlite.no_grad():
        seq(nnlite.randn(1, 3, 8, 8))
    assert count.fused == 0 and seen == [type(seq[at]).__name__]


@pytest.mark.parametrize("at", [0, 1, 2])
def test_hook_added_after_a_fused_call_is_seen_and_removing_it_fuses_again(at, count):
    seq = _block()
    x = nnlite.randn(1, 3, 8, 8)
    seen = []
    with nnlite.no_grad():
        first = seq(x).numpy()  # fused: the fold is cached now
        handle = seq[at].register_forward_hook(lambda m, *args: seen.append(type(m).__name__))
        hooked = seq(x).numpy()
        handle.remove()
        seq(x)
    assert count.fused == 2 and seen == [type(seq[at]).__name__]
    assert _rel(first, hooked) <= 1e-5


AFTER_A_FUSED_CALL = {  # change -> what the next call must be: "modules" (run as written) or "refold"
    "bn_train": "modules", "conv_train": "modules", "autograd": "modules", "conv_forward": "modules", "bn_forward": "modules",
    "relu_forward": "modules", "padding": "refold", "stride": "refold", "new_bn": "refold", "padding_mode": "modules",
}


@pytest.mark.parametrize("change", sorted(AFTER_A_FUSED_CALL))
def test_cached_fold_sees_every_change_after_a_fused_call(change, count):
    # The cache entry (_C._FoldedConv) runs the calls after the fold; each
    # change below must take the next call off it, to the modules or a new fold.
    seq = _block()
    x = nnlite.randn(2, 3, 8, 8)
    with nnlite.no_grad():
        seq(x)
    assert count.fused == 1
    if change in ("bn_train", "conv_train"):
        seq[0 if change == "conv_train" else 1].train()  # the Sequential stays in eval mode
    elif change == "autograd":
        x = x.clone().requires_grad_()
    elif change in ("conv_forward", "bn_forward", "relu_forward"):
        m = seq[("conv_forward", "bn_forward", "relu_forward").index(change)]
        m.forward = type(m).forward.__get__(m)  # the same computation, set on the instance
    elif change == "padding":
        seq[0].padding = (2, 2)
    elif change == "stride":
        seq[0].stride = (2, 2)
    elif change == "new_bn":
        seq[1] = nn.BatchNorm2d(8).eval()
    else:
        seq[0].padding_mode = "reflect"
    with nnlite.no_grad() if change != "autograd" else contextlib.nullcontext():
        got = seq(x)
    assert count.fused == (2 if AFTER_A_FUSED_CALL[change] == "refold" else 1)
    if change != "bn_train":  # (batch statistics, which the unfused eval call does not use)
        assert _rel(got.detach().numpy(), _unfused(seq, x.detach())) <= 1e-5


def test_cached_fold_leaves_bad_input_to_the_modules(count):
    seq = _block()
    with nnlite.no_grad():
        seq(nnlite.randn(1, 3, 8, 8))
        with pytest.raises(ValueError, match="BatchNorm2d|batch_norm"):
            seq(nnlite.randn(3, 8, 8))  # 3-d: the conv runs it, BatchNorm2d wants 4-d
        with pytest.raises((TypeError, ValueError), match="conv2d"):
            seq(nnlite.randn(1, 3, 8, 8, dtype=nnlite.float64))  # a float64 input into float32 weights
    assert count.fused == 1


def test_subclass_and_instance_forward_run_as_written(count):
    class Shifted(nn.BatchNorm2d):
        def forward(self, x):
            return super().forward(x) * 0.0 + 100.0

    seq = _block()
    shifted = Shifted(8).eval()
    seq[1] = shifted
    with nnlite.no_grad():
        assert float(seq(nnlite.randn(1, 3, 4, 4)).min()) == 100.0
        seq[1] = nn.BatchNorm2d(8).eval()
        seq[1].forward = lambda x: x * 0.0 - 1.0
        assert float(seq(nnlite.randn(1, 3, 4, 4)).max()) == 0.0  # ReLU of -1
    assert count.fused == 0


def test_export_records_the_modules_ops(tmp_path):
    seq = _block()
    path = tmp_path / "block.nnl"
    nnlite.export(seq, (nnlite.randn(1, 3, 8, 8),), path)
    assert nnlite.load_graph(path, optimize=False).node_ops == ["conv2d", "batch_norm", "relu"]


def test_without_running_statistics_uses_batch_statistics(count):
    seq = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4, track_running_stats=False)).eval()
    x = nnlite.randn(3, 3, 6, 6)
    with nnlite.no_grad():
        y = seq(x).numpy()
    assert count.fused == 0
    np.testing.assert_allclose(y.mean(axis=(0, 2, 3)), 0, atol=1e-5)


def test_errors_are_the_modules_own(count):
    seq = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(6)).eval()  # 8 channels into a norm of 6
    with nnlite.no_grad(), pytest.raises(ValueError, match="batch_norm"):
        seq(nnlite.randn(1, 3, 8, 8))
    with nnlite.no_grad(), pytest.raises(ValueError, match="conv2d"):
        _block()(nnlite.randn(1, 4, 8, 8))  # 4 channels into a conv of 3
    with nnlite.no_grad(), pytest.raises(ValueError):
        _block()(nnlite.randn(3, 8, 8))  # 3-d: BatchNorm2d wants 4-d
    assert count.fused == 1  # the last call: conv2d raised inside the fused op


def test_cache_stays_out_of_copies_and_state():
    seq = _block()
    with nnlite.no_grad():
        seq(nnlite.randn(1, 3, 8, 8))
    assert set(seq.state_dict()) == set(_block().state_dict())
    twin = copy.deepcopy(seq)
    with nnlite.no_grad():
        twin[1].running_mean.add_(2.0)
        x = nnlite.randn(1, 3, 8, 8)
        assert _rel(twin(x).numpy(), _unfused(twin, x)) <= 1e-5
        assert _rel(seq(x).numpy(), _unfused(seq, x)) <= 1e-5
