"""Issue 12, layers: each module added for PyTorch compatibility against
torch's, built from the same arguments: the same repr, the same state_dict
names and shapes, and (loaded with torch's parameters) the same outputs and
input and parameter gradients; plus the nn.modules.* import paths, init and
the constructor errors. The functions are in test_compat_nn.py."""
import numpy as np
import pytest

import nnlite
from nnlite import nn

torch = pytest.importorskip("torch")


def _rand(shape, seed):
    return np.random.default_rng(seed).uniform(-2, 2, shape).astype(np.float32)


def _labels(shape, seed):
    return np.where(np.random.default_rng(seed).random(shape) < 0.5, -1.0, 1.0).astype(np.float32)


def compare(name, args, kwargs, inputs, train=True, constant=(), atol=1e-5):
    """nn.<name>(*args, **kwargs) against torch.nn.<name>: inputs are shapes
    (random inputs with gradients) or arrays at the positions in `constant`
    (labels, no gradient)."""
    ours = getattr(nn, name)(*args, **kwargs)
    theirs = getattr(torch.nn, name)(*args, **kwargs)
    assert repr(ours) == repr(theirs)
    t_state = theirs.state_dict()
    assert [(k, tuple(v.shape)) for k, v in ours.state_dict().items()] == [(k, tuple(v.shape))
                                                                          for k, v in t_state.items()]
    ours.load_state_dict({k: nnlite.from_numpy(v.detach().numpy().copy()) for k, v in t_state.items()})
    ours.train(train)
    theirs.train(train)
    arrays = [s if i in constant else _rand(s, i) for i, s in enumerate(inputs)]
    xs = [nnlite.from_numpy(a.copy()) for a in arrays]
    txs = [torch.from_numpy(a.copy()) for a in arrays]
    for i, (x, tx) in enumerate(zip(xs, txs)):
        if i not in constant:
            x.requires_grad_()
            tx.requires_grad_()
    y, ty = ours(*xs), theirs(*txs)
    if isinstance(ty, tuple):
        y, ty = y[0], ty[0]
    np.testing.assert_allclose(y.detach().numpy(), ty.detach().numpy(), atol=atol, rtol=1e-5)
    up = _rand(tuple(ty.shape), 99)
    (y * nnlite.from_numpy(up)).sum().backward()
    (ty * torch.from_numpy(up)).sum().backward()
    for i, (x, tx) in enumerate(zip(xs, txs)):
        if i not in constant:
            np.testing.assert_allclose(x.grad.numpy(), tx.grad.numpy(), atol=1e-4, rtol=1e-4,
                                       err_msg=f"gradient of input {i}")
    t_params = dict(theirs.named_parameters())
    for k, p in ours.named_parameters():
        np.testing.assert_allclose(p.grad.numpy(), t_params[k].grad.numpy(), atol=1e-4, rtol=1e-4,
                                   err_msg=f"gradient of {k}")
    for k, v in theirs.state_dict().items():  # buffers updated in training (running statistics)
        np.testing.assert_allclose(ours.state_dict()[k].numpy(), v.numpy(), atol=1e-5, rtol=1e-5, err_msg=k)
    return ours, theirs


CASES = [
    ("PixelShuffle", (2,), {}, [(2, 8, 3, 3)]),
    ("PixelUnshuffle", (2,), {}, [(2, 2, 4, 6)]),
    ("ReflectionPad2d", (2,), {}, [(2, 3, 4, 5)]),
    ("ReflectionPad2d", ((1, 0, 2, 3),), {}, [(3, 4, 5)]),
    ("ReplicationPad2d", ((1, 2, 0, 3),), {}, [(2, 3, 4, 5)]),
    ("ZeroPad2d", (1,), {}, [(2, 3, 4, 5)]),
    ("ZeroPad2d", ((1, 2, 3, 0),), {}, [(2, 3, 4, 5)]),
    ("ConstantPad2d", (1, 0.5), {}, [(2, 3, 4, 5)]),
    ("ReflectionPad1d", (2,), {}, [(2, 3, 5)]),
    ("ReplicationPad1d", ((0, 3),), {}, [(2, 3, 5)]),
    ("ZeroPad1d", (2,), {}, [(2, 3, 5)]),
    ("InstanceNorm1d", (3,), {}, [(2, 3, 6)]),
    ("InstanceNorm1d", (3,), {"affine": True}, [(3, 6)]),
    ("InstanceNorm2d", (3,), {"affine": True, "track_running_stats": True}, [(2, 3, 4, 5)]),
    ("InstanceNorm2d", (3,), {"track_running_stats": True, "momentum": 0.3}, [(2, 3, 4, 5)]),
    ("Conv1d", (4, 6, 3), {}, [(2, 4, 9)]),
    ("Conv1d", (4, 6, 3), {"stride": 2, "padding": 1, "bias": False}, [(2, 4, 9)]),
    ("Conv1d", (4, 6, 3), {"groups": 2, "dilation": 2, "padding": "same", "padding_mode": "reflect"}, [(2, 4, 9)]),
    ("Conv1d", (3, 2, 2), {"padding": 1, "padding_mode": "circular"}, [(3, 7)]),
    ("MaxPool1d", (3,), {"stride": 2, "padding": 1}, [(2, 3, 9)]),
    ("MaxPool1d", (2,), {"ceil_mode": True}, [(3, 9)]),
    ("AvgPool1d", (3,), {"stride": 2, "padding": 1, "count_include_pad": False}, [(2, 3, 9)]),
    ("AdaptiveMaxPool2d", ((3, 2),), {}, [(2, 3, 7, 5)]),
    ("AdaptiveMaxPool2d", (4,), {}, [(3, 5, 6)]),
    ("Bilinear", (3, 5, 2), {}, [(4, 3), (4, 5)]),
    ("Bilinear", (3, 5, 2), {"bias": False}, [(2, 4, 3), (2, 4, 5)]),
    ("Unflatten", (1, (2, 6)), {}, [(3, 12)]),
    ("Unflatten", (-1, (2, -1)), {}, [(3, 2, 8)]),
    ("Hardtanh", (), {}, [(3, 7)]),
    ("Hardtanh", (-0.5, 2.0), {}, [(3, 7)]),
    ("ReLU6", (), {}, [(3, 7)]),
    ("SiLU", (), {}, [(3, 7)]),
    ("Mish", (), {}, [(3, 7)]),
    ("Softsign", (), {}, [(3, 7)]),
    ("Hardswish", (), {}, [(3, 7)]),
    ("Hardsigmoid", (), {}, [(3, 7)]),
    ("PReLU", (), {}, [(2, 3, 4)]),
    ("PReLU", (3,), {"init": 0.1}, [(2, 3, 4)]),
    ("UpsamplingBilinear2d", (), {"scale_factor": 2}, [(1, 2, 3, 4)]),
    ("Upsample", (), {"size": (5, 7), "mode": "bicubic"}, [(1, 2, 3, 4)]),
    ("Upsample", (), {"scale_factor": 2, "mode": "linear", "align_corners": True}, [(1, 2, 3)]),
    ("CosineSimilarity", (), {"dim": 1}, [(4, 5), (4, 5)]),
    ("PairwiseDistance", (), {"p": 1.0}, [(4, 5), (4, 5)]),
    ("SmoothL1Loss", (), {"beta": 0.5}, [(4, 5), (4, 5)]),
    ("HuberLoss", (), {"delta": 0.7, "reduction": "sum"}, [(4, 5), (4, 5)]),
    ("TripletMarginLoss", (), {"margin": 0.5, "swap": True}, [(4, 5), (4, 5), (4, 5)]),
]


@pytest.mark.parametrize("name,args,kwargs,inputs", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_module_matches_torch(name, args, kwargs, inputs):
    compare(name, args, kwargs, inputs)


@pytest.mark.parametrize("name,kwargs", [("KLDivLoss", {"reduction": "batchmean"}),
                                         ("KLDivLoss", {"reduction": "sum", "log_target": True})])
def test_kl_div_loss(name, kwargs):
    target = np.random.default_rng(3).dirichlet(np.ones(5), size=4).astype(np.float32)
    if kwargs.get("log_target"):
        target = np.log(target)
    compare(name, (), kwargs, [(4, 5), target], constant=(1,))


@pytest.mark.parametrize("name,kwargs,inputs", [
    ("CosineEmbeddingLoss", {"margin": 0.2}, [(6, 4), (6, 4), _labels(6, 1)]),
    ("MarginRankingLoss", {"margin": 0.1, "reduction": "none"}, [(6,), (6,), _labels(6, 2)]),
    ("SoftMarginLoss", {}, [(3, 4), _labels((3, 4), 3)]),
])
def test_losses_with_labels(name, kwargs, inputs):
    compare(name, (), kwargs, inputs, constant=(len(inputs) - 1,))


def test_instance_norm_eval_uses_running_stats():
    ours, theirs = compare("InstanceNorm2d", (3,), {"affine": True, "track_running_stats": True}, [(2, 3, 4, 5)])
    compare_eval = _rand((2, 3, 4, 5), 7)
    ours.eval()
    theirs.eval()
    np.testing.assert_allclose(ours(nnlite.from_numpy(compare_eval)).detach().numpy(),
                               theirs(torch.from_numpy(compare_eval)).detach().numpy(), atol=1e-5, rtol=1e-5)


def test_default_initialisation_has_torchs_scale():
    conv, bil = nn.Conv1d(8, 4, 5), nn.Bilinear(16, 3, 200)
    bound = 1 / np.sqrt(8 * 5)
    assert np.abs(conv.weight.detach().numpy()).max() <= bound and conv.weight.detach().numpy().std() > bound / 3
    assert np.abs(bil.weight.detach().numpy()).max() <= 0.25 and np.abs(bil.bias.detach().numpy()).max() <= 0.25
    assert np.all(nn.PReLU(4).weight.detach().numpy() == np.float32(0.25))


def test_modules_import_paths():
    from nnlite.nn.modules.activation import MultiheadAttention, ReLU
    from nnlite.nn.modules.batchnorm import BatchNorm2d, _BatchNorm
    from nnlite.nn.modules.container import Sequential
    from nnlite.nn.modules.conv import Conv1d, Conv2d
    from nnlite.nn.modules.loss import _Loss, _WeightedLoss, SmoothL1Loss
    from nnlite.nn.modules.module import Module
    import nnlite.nn.modules.pooling as pooling

    assert (ReLU, MultiheadAttention, BatchNorm2d, Sequential, Conv1d, Conv2d, SmoothL1Loss, Module) == (
        nn.ReLU, nn.MultiheadAttention, nn.BatchNorm2d, nn.Sequential, nn.Conv1d, nn.Conv2d, nn.SmoothL1Loss,
        nn.Module)
    assert issubclass(nn.BatchNorm1d, _BatchNorm) and issubclass(nn.CrossEntropyLoss, _WeightedLoss)
    assert issubclass(nn.KLDivLoss, _Loss) and pooling.MaxPool1d is nn.MaxPool1d
    assert nn.modules.linear.Bilinear is nn.Bilinear and nn.modules.Conv2d is nn.Conv2d
    for sub in ("dropout", "flatten", "normalization", "instancenorm", "padding", "pixelshuffle", "rnn", "sparse",
                "transformer", "upsampling", "distance"):
        mod = getattr(nn.modules, sub)
        assert mod.__all__, sub
        for n in mod.__all__:  # aliases of nnlite.nn's own objects, never copies
            obj = getattr(mod, n)
            assert obj.__module__.startswith("nnlite.nn.") and getattr(nn, n, obj) is obj, (sub, n)


def test_constructor_and_input_errors():
    with pytest.raises(ValueError, match="Conv1d: kernel_size"):
        nn.Conv1d(2, 2, (2, 2))
    with pytest.raises(ValueError, match="Conv1d.*groups"):
        nn.Conv1d(3, 2, 2, groups=2)
    with pytest.raises(ValueError, match="Hardtanh: min_val"):
        nn.Hardtanh(2.0, 1.0)
    with pytest.raises(ValueError, match="ReflectionPad2d: padding"):
        nn.ReflectionPad2d((1, 2))
    with pytest.raises(ValueError, match="ZeroPad2d: expected"):
        nn.ZeroPad2d(1)(nnlite.randn(2, 3))
    with pytest.raises(ValueError, match="InstanceNorm2d: expected"):
        nn.InstanceNorm2d(3)(nnlite.randn(2, 3))
    with pytest.raises(ValueError, match="Unflatten: sizes"):
        nn.Unflatten(1, (4, 4))(nnlite.randn(2, 12))
    with pytest.raises(ValueError, match="PReLU: num_parameters"):
        nn.PReLU(0)
    with pytest.raises(ValueError, match="Bilinear: in1_features"):
        nn.Bilinear(-1, 2, 3)
    with pytest.raises(ValueError, match="reduction"):
        nn.SmoothL1Loss(reduction="avg")
    with pytest.raises(ValueError, match="adaptive_max_pool2d.*output_size"):
        nn.AdaptiveMaxPool2d(0)(nnlite.randn(1, 2, 3, 3))


# ---- init ---------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [(4, 6), (6, 4), (3, 2, 2, 2)])
def test_orthogonal_(shape):
    w = nnlite.empty(*shape)
    assert nn.init.orthogonal_(w, gain=2.0) is w
    m = w.numpy().reshape(shape[0], -1)
    gram = m @ m.T if m.shape[0] <= m.shape[1] else m.T @ m
    np.testing.assert_allclose(gram, 4.0 * np.eye(gram.shape[0]), atol=1e-5)
    nnlite.manual_seed(0)
    a = nn.init.orthogonal_(nnlite.empty(*shape)).numpy()
    nnlite.manual_seed(0)
    np.testing.assert_array_equal(a, nn.init.orthogonal_(nnlite.empty(*shape)).numpy())
    with pytest.raises(ValueError, match="orthogonal_"):
        nn.init.orthogonal_(nnlite.empty(3))


def test_sparse_():
    w = nn.init.sparse_(nnlite.empty(10, 7), sparsity=0.3, std=0.5).numpy()
    assert np.all((w == 0).sum(axis=0) >= 3)  # ceil(0.3 * 10) per column
    assert 0.2 < w[w != 0].std() < 1.0
    with pytest.raises(ValueError, match="sparse_"):
        nn.init.sparse_(nnlite.empty(2, 3, 4), 0.1)


@pytest.mark.parametrize("shape,groups", [((4, 3, 3), 1), ((6, 2, 3, 3), 2), ((2, 4, 3, 3, 3), 1), ((4, 4, 2, 2), 4)])
def test_dirac_(shape, groups):
    w = nn.init.dirac_(nnlite.empty(*shape), groups)
    expected = torch.nn.init.dirac_(torch.empty(*shape), groups)
    np.testing.assert_array_equal(w.numpy(), expected.numpy())
    with pytest.raises(ValueError, match="dirac_"):
        nn.init.dirac_(nnlite.empty(3, 3))


def test_init_does_not_record_history():
    w = nn.Parameter(nnlite.empty(3, 4))
    nn.init.orthogonal_(w)
    nn.init.sparse_(w, 0.5)
    assert w.grad_fn is None and w.requires_grad


# ---- export ---------------------------------------------------------------------------------

def test_export_follows_other_batch_sizes(tmp_path):
    nnlite.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.SiLU(), nn.ReflectionPad2d(1), nn.Conv2d(8, 8, 3),
                          nn.PixelShuffle(2), nn.PixelUnshuffle(2), nn.Hardswish(), nn.AdaptiveMaxPool2d(3),
                          nn.Flatten(), nn.Linear(72, 4), nn.PReLU(), nn.Mish())
    model.eval()
    nnlite.export(model, (nnlite.randn(2, 3, 6, 6),), tmp_path / "m.nnlg")
    graph = nnlite.load_graph(tmp_path / "m.nnlg")
    x = nnlite.randn(5, 3, 6, 6)
    out = graph(x)
    out = out[0] if isinstance(out, (tuple, list)) else out
    np.testing.assert_allclose(out.numpy(), model(x).detach().numpy(), atol=1e-5, rtol=1e-5)


def test_export_refuses_adaptive_max_pool_with_sizes_that_do_not_divide(tmp_path):
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.AdaptiveMaxPool2d((3, 2)))
    with pytest.raises(nnlite.ExportError, match="adaptive_max_pool2d"):
        nnlite.export(model, (nnlite.randn(1, 3, 9, 8),), tmp_path / "m.nnlg")


def test_instance_norm_checks_eps_like_batch_norm():
    with pytest.raises(ValueError, match="InstanceNorm2d: eps must be a non-negative number"):
        nnlite.nn.InstanceNorm2d(3, eps=-1.0)
