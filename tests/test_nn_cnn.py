"""CNN modules against torch.nn with copied weights: Conv2d, ConvTranspose2d,
pools, BatchNorm1d/2d, LayerNorm, GroupNorm, Dropout2d, Upsample. Checks
outputs, gradients, state_dict keys, repr, default initialisation, running
statistics over several steps, and constructor errors."""
import math

import numpy as np
import pytest

import nnlite
from nnlite import nn
from op_check import to_numpy

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.filterwarnings("ignore:Using padding=.same. with even kernel")


def copy_state(dst, src):
    """Load torch module src's state into nnlite module dst (keys must agree)."""
    state = {k: nnlite.from_numpy(np.array(v.detach().numpy(), copy=True)) for k, v in src.state_dict().items()}
    dst.load_state_dict(state)


def run_both(m, tm, shape, seed=0, train=True, dtype="float32", steps=1):
    """Forward/backward both modules on the same random inputs; compare outputs,
    input gradients and parameter gradients."""
    rng = np.random.default_rng(seed)
    m.train(train)
    tm.train(train)
    for _ in range(steps):
        a = rng.normal(size=shape).astype(dtype)
        up = None
        x = nnlite.from_numpy(a.copy()).requires_grad_()
        tx = torch.from_numpy(a.copy()).requires_grad_()
        y, ty = m(x), tm(tx)
        up = rng.normal(size=tuple(ty.shape)).astype(dtype)
        (y * nnlite.from_numpy(up.copy())).sum().backward()
        (ty * torch.from_numpy(up.copy())).sum().backward()
        np.testing.assert_allclose(to_numpy(y), ty.detach().numpy(), rtol=1e-4, atol=1e-5)
        np.testing.assert_allclose(to_numpy(x.grad), tx.grad.numpy(), rtol=1e-3, atol=1e-4)
    params = dict(m.named_parameters())
    for name, tp in tm.named_parameters():
        np.testing.assert_allclose(to_numpy(params[name].grad), tp.grad.numpy(), rtol=1e-3, atol=1e-4,
                                   err_msg=f"gradient of {name}")
    nb, tb = dict(m.named_buffers()), dict(tm.named_buffers())
    assert sorted(nb) == sorted(tb)
    for name, tbuf in tb.items():
        np.testing.assert_allclose(to_numpy(nb[name]), tbuf.numpy(), rtol=1e-5, atol=1e-6, err_msg=f"buffer {name}")


def assert_same_layout(m, tm):
    assert list(m.state_dict()) == list(tm.state_dict())
    for (k, v), tv in zip(m.state_dict().items(), tm.state_dict().values()):
        assert tuple(v.shape) == tuple(tv.shape), k
    assert repr(m) == repr(tm)


# ---- convolutions ---------------------------------------------------------------------------

CONV_ARGS = [
    ((3, 4, 3), {}),
    ((3, 4, (2, 3)), {"stride": (2, 1), "padding": (1, 0), "bias": False}),
    ((4, 6, 3), {"groups": 2, "dilation": 2, "padding": 2}),
    ((4, 8, 3), {"groups": 4, "padding": 1}),                          # depthwise
    ((3, 4, (2, 4)), {"padding": "same"}),
    ((3, 4, 3), {"padding": "valid", "stride": 2}),
    ((3, 4, 3), {"padding": 1, "padding_mode": "reflect"}),
    ((3, 4, (3, 2)), {"padding": (2, 1), "padding_mode": "replicate"}),
    ((3, 4, 3), {"padding": (1, 2), "padding_mode": "circular"}),
    ((3, 4, (2, 3)), {"padding": "same", "padding_mode": "reflect", "dilation": (2, 1)}),
    ((3, 2, 1), {}),
]


@pytest.mark.parametrize("args,kw", CONV_ARGS)
def test_conv2d_module(args, kw):
    m, tm = nn.Conv2d(*args, **kw), torch.nn.Conv2d(*args, **kw)
    assert_same_layout(m, tm)
    copy_state(m, tm)
    run_both(m, tm, (2, args[0], 7, 6))
    run_both(m, tm, (1, args[0], 5, 5), seed=1)  # batch size one


def test_conv2d_module_unbatched_and_float64():
    m, tm = nn.Conv2d(2, 3, 3, padding=1).double(), torch.nn.Conv2d(2, 3, 3, padding=1).double()
    copy_state(m, tm)
    run_both(m, tm, (2, 5, 4), dtype="float64")


@pytest.mark.parametrize("args,kw", [((3, 4, 3), {}), ((4, 2, 4), {"stride": 2, "padding": 1}),
                                     ((4, 6, (3, 2)), {"stride": 2, "output_padding": 1, "groups": 2}),
                                     ((2, 3, 3), {"dilation": 2, "bias": False})])
def test_conv_transpose2d_module(args, kw):
    m, tm = nn.ConvTranspose2d(*args, **kw), torch.nn.ConvTranspose2d(*args, **kw)
    assert_same_layout(m, tm)
    copy_state(m, tm)
    run_both(m, tm, (2, args[0], 4, 5))


def test_conv_transpose2d_output_size():
    m, tm = nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1), torch.nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1)
    copy_state(m, tm)
    a = np.random.default_rng(0).normal(size=(1, 3, 4, 4)).astype("float32")
    for size in [(7, 7), (8, 8), (7, 8), [1, 2, 8, 7]]:
        y, ty = m(nnlite.from_numpy(a), output_size=size), tm(torch.from_numpy(a), output_size=size)
        assert tuple(y.shape) == tuple(ty.shape)
        np.testing.assert_allclose(to_numpy(y), ty.detach().numpy(), rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match=r"ConvTranspose2d: requested an output size of \(9, 9\)"):
        m(nnlite.from_numpy(a), output_size=(9, 9))


def test_conv_default_initialisation_bounds():
    nnlite.manual_seed(0)
    m = nn.Conv2d(16, 32, 3, groups=2)
    fan_in = 8 * 9
    bound = 1 / math.sqrt(fan_in)  # kaiming_uniform_(a=sqrt(5)) gives U(-1/sqrt(fan_in), 1/sqrt(fan_in))
    w, b = to_numpy(m.weight), to_numpy(m.bias)
    assert np.abs(w).max() <= bound and np.abs(w).max() > 0.95 * bound
    np.testing.assert_allclose(w.std(), bound / math.sqrt(3), rtol=0.05)
    assert np.abs(b).max() <= bound and len(np.unique(b)) == 32
    t = nn.ConvTranspose2d(6, 4, 3, groups=2)
    assert tuple(t.weight.shape) == (6, 2, 3, 3)
    tb = 1 / math.sqrt(2 * 9)  # fan_in of a transposed weight is its dim 1 times the kernel area
    assert np.abs(to_numpy(t.weight)).max() <= tb and np.abs(to_numpy(t.bias)).max() <= tb


def test_conv_constructor_errors():
    with pytest.raises(ValueError, match=r"Conv2d: in_channels \(3\) must be divisible by groups \(2\)"):
        nn.Conv2d(3, 4, 3, groups=2)
    with pytest.raises(ValueError, match=r"Conv2d: out_channels \(5\) must be divisible by groups \(2\)"):
        nn.Conv2d(4, 5, 3, groups=2)
    with pytest.raises(ValueError, match="Conv2d: groups must be a positive integer"):
        nn.Conv2d(4, 4, 3, groups=0)
    with pytest.raises(ValueError, match="padding='same' is not supported for strided convolutions"):
        nn.Conv2d(3, 4, 3, stride=2, padding="same")
    with pytest.raises(ValueError, match="Conv2d: padding must be an int, a pair, 'valid' or 'same'"):
        nn.Conv2d(3, 4, 3, padding="full")
    with pytest.raises(ValueError, match="Conv2d: padding_mode must be one of"):
        nn.Conv2d(3, 4, 3, padding_mode="mirror")
    with pytest.raises(ValueError, match="Conv2d: stride must be a positive integer"):
        nn.Conv2d(3, 4, 3, stride=0)
    with pytest.raises(ValueError, match="Conv2d: kernel_size must be a positive integer"):
        nn.Conv2d(3, 4, (3, 0))
    with pytest.raises(ValueError, match="Conv2d: padding must be a non-negative integer"):
        nn.Conv2d(3, 4, 3, padding=-1)
    with pytest.raises(ValueError, match="ConvTranspose2d: only 'zeros' padding mode is supported"):
        nn.ConvTranspose2d(3, 4, 3, padding_mode="reflect")
    with pytest.raises(ValueError, match="ConvTranspose2d: padding must be an int or a pair"):
        nn.ConvTranspose2d(3, 4, 3, padding="same")
    m = nn.Conv2d(3, 4, 3)
    with pytest.raises(ValueError, match="conv2d: weight of shape .* expects 3 input channels"):
        m(nnlite.randn(1, 2, 5, 5))
    with pytest.raises(ValueError, match="conv2d: kernel 3x3 .* is larger than the padded input 2x2"):
        m(nnlite.randn(1, 3, 2, 2))


# ---- pooling -----------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda lib: lib.nn.MaxPool2d(2),
    lambda lib: lib.nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True),
    lambda lib: lib.nn.MaxPool2d((2, 3), stride=(1, 2), dilation=(2, 1)),
    lambda lib: lib.nn.AvgPool2d(2),
    lambda lib: lib.nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False),
    lambda lib: lib.nn.AvgPool2d((3, 2), stride=1, padding=(1, 0), ceil_mode=True),
    lambda lib: lib.nn.AdaptiveAvgPool2d((3, 2)),
    lambda lib: lib.nn.AdaptiveAvgPool2d(1),
    lambda lib: lib.nn.AdaptiveAvgPool2d((None, 4)),
])
def test_pool_modules(make):
    m, tm = make(nnlite), make(torch)
    assert repr(m) == repr(tm)
    assert list(m.state_dict()) == []
    run_both(m, tm, (2, 3, 7, 8))


def test_max_pool2d_module_return_indices():
    m, tm = nn.MaxPool2d(3, 2, 1, return_indices=True), torch.nn.MaxPool2d(3, 2, 1, return_indices=True)
    a = np.random.default_rng(0).normal(size=(2, 3, 7, 6)).astype("float32")
    (v, i), (tv, ti) = m(nnlite.from_numpy(a)), tm(torch.from_numpy(a))
    np.testing.assert_array_equal(to_numpy(i), ti.numpy())
    np.testing.assert_array_equal(to_numpy(v), tv.numpy())


# ---- normalization ---------------------------------------------------------------------------

@pytest.mark.parametrize("cls,shape", [("BatchNorm1d", (6, 3)), ("BatchNorm1d", (4, 3, 5)),
                                       ("BatchNorm2d", (4, 3, 5, 2)), ("BatchNorm2d", (1, 3, 2, 2))])
@pytest.mark.parametrize("kw", [{}, {"momentum": 0.3}, {"momentum": None}, {"affine": False},
                                {"track_running_stats": False}, {"eps": 1e-3, "bias": False}])
def test_batch_norm_modules_train_then_eval(cls, shape, kw):
    m, tm = getattr(nn, cls)(3, **kw), getattr(torch.nn, cls)(3, **kw)
    assert_same_layout(m, tm)
    if m.weight is not None:
        with nnlite.no_grad():  # non-trivial affine parameters, the same in both
            m.weight.copy_(nnlite.tensor([0.5, 1.5, -2.0]))
        with torch.no_grad():
            tm.weight.copy_(torch.tensor([0.5, 1.5, -2.0]))
    run_both(m, tm, shape, train=True, steps=3)
    if m.track_running_stats:
        assert int(m.num_batches_tracked.item()) == 3
    run_both(m, tm, shape, seed=1, train=False, steps=2)  # eval: running stats (or batch stats without them)


def test_batch_norm_module_state_dict_round_trip_and_reset():
    tm = torch.nn.BatchNorm2d(4)
    tm.train()
    tm(torch.randn(8, 4, 3, 3) * 3 + 1)
    m = nn.BatchNorm2d(4)
    copy_state(m, tm)
    assert int(m.num_batches_tracked.item()) == 1
    m.eval()
    tm.eval()
    run_both(m, tm, (2, 4, 3, 3), train=False)
    m.reset_running_stats()
    np.testing.assert_array_equal(to_numpy(m.running_mean), 0)
    np.testing.assert_array_equal(to_numpy(m.running_var), 1)
    assert int(m.num_batches_tracked.item()) == 0
    assert m.num_batches_tracked.dtype == nnlite.int64


def test_batch_norm_module_float64_and_errors():
    m, tm = nn.BatchNorm2d(2).double(), torch.nn.BatchNorm2d(2).double()
    run_both(m, tm, (3, 2, 2, 2), dtype="float64", steps=2)
    with pytest.raises(ValueError, match=r"BatchNorm2d: expected 4D input \(got 3D input"):
        m(nnlite.randn(2, 2, 2, dtype=nnlite.float64))
    with pytest.raises(ValueError, match=r"BatchNorm1d: expected 2D or 3D input \(got 4D input"):
        nn.BatchNorm1d(2)(nnlite.randn(2, 2, 2, 2))
    with pytest.raises(ValueError, match=r"batch_norm: weight must have shape \[3\] .* got shape \[2\]"):
        nn.BatchNorm1d(2)(nnlite.randn(4, 3))
    with pytest.raises(ValueError, match=r"batch_norm: running_mean must have shape \[3\] .* got shape \[2\]"):
        nn.BatchNorm1d(2, affine=False)(nnlite.randn(4, 3))
    with pytest.raises(ValueError, match="more than 1 value per channel when training"):
        nn.BatchNorm1d(3)(nnlite.randn(1, 3))
    with pytest.raises(ValueError, match="BatchNorm2d: num_features must be a positive integer"):
        nn.BatchNorm2d(0)


@pytest.mark.parametrize("args,kw,shape", [((4,), {}, (3, 4)), ((4,), {}, (2, 5, 4)), (((3, 4),), {}, (2, 3, 4)),
                                           ((4,), {"elementwise_affine": False}, (3, 4)),
                                           ((4,), {"bias": False, "eps": 1e-3}, (2, 3, 4)), (([5],), {}, (5,))])
def test_layer_norm_module(args, kw, shape):
    m, tm = nn.LayerNorm(*args, **kw), torch.nn.LayerNorm(*args, **kw)
    assert_same_layout(m, tm)
    if m.weight is not None:
        with torch.no_grad():
            tm.weight.normal_()
    copy_state(m, tm)
    run_both(m, tm, shape)


@pytest.mark.parametrize("args,kw,shape", [((2, 6), {}, (3, 6, 4, 4)), ((3, 6), {"affine": False}, (2, 6, 5)),
                                           ((1, 4), {"eps": 1e-3}, (2, 4)), ((4, 4), {"bias": False}, (1, 4, 3, 3))])
def test_group_norm_module(args, kw, shape):
    m, tm = nn.GroupNorm(*args, **kw), torch.nn.GroupNorm(*args, **kw)
    assert_same_layout(m, tm)
    if m.weight is not None:
        with torch.no_grad():
            tm.weight.normal_()
    copy_state(m, tm)
    run_both(m, tm, shape)


def test_norm_constructor_errors():
    with pytest.raises(ValueError, match=r"GroupNorm: num_channels \(6\) must be divisible by num_groups \(4\)"):
        nn.GroupNorm(4, 6)
    with pytest.raises(ValueError, match="GroupNorm: num_groups must be a positive integer"):
        nn.GroupNorm(0, 6)
    with pytest.raises(ValueError, match="LayerNorm: normalized_shape must be non-empty"):
        nn.LayerNorm([])
    with pytest.raises(TypeError, match="LayerNorm: normalized_shape must be an int or a sequence"):
        nn.LayerNorm(None)
    with pytest.raises(ValueError, match="layer_norm: normalized_shape \\[4\\] must equal the trailing"):
        nn.LayerNorm(4)(nnlite.randn(2, 5))
    with pytest.raises(ValueError, match=r"group_norm: weight must have shape \[3\] .* got shape \[6\]"):
        nn.GroupNorm(3, 6)(nnlite.randn(2, 3, 4))


# ---- dropout2d, upsample, a small CNN -------------------------------------------------------

def test_dropout2d_module():
    m = nn.Dropout2d(0.25)
    assert repr(m) == repr(torch.nn.Dropout2d(0.25))
    x = nnlite.ones(16, 32, 2, 2)
    y = to_numpy(m(x)).reshape(16, 32, 4)
    assert ((y == 0).all(2) | (y == 1 / 0.75).all(2)).all()
    assert 0 < (y == 0).all(2).sum() < 16 * 32
    m.eval()
    np.testing.assert_array_equal(to_numpy(m(x)), 1)
    with pytest.raises(ValueError, match="probability has to be between 0 and 1"):
        nn.Dropout2d(1.5)


@pytest.mark.parametrize("kw", [{"scale_factor": 2}, {"scale_factor": (2, 3)}, {"size": (5, 7)}, {"size": 6},
                                {"scale_factor": 1.5, "mode": "nearest"}])
def test_upsample_module(kw):
    m, tm = nn.Upsample(**kw), torch.nn.Upsample(**kw)
    assert repr(m) == repr(tm)
    run_both(m, tm, (2, 3, 3, 4))
    m2, tm2 = nn.UpsamplingNearest2d(**{k: v for k, v in kw.items() if k != "mode"}), \
        torch.nn.UpsamplingNearest2d(**{k: v for k, v in kw.items() if k != "mode"})
    assert repr(m2) == repr(tm2)
    run_both(m2, tm2, (1, 2, 3, 3))


def test_upsample_module_bad_mode():
    with pytest.raises(NotImplementedError, match="mode 'trilinear' is not supported"):
        nn.Upsample(scale_factor=2, mode="trilinear")(nnlite.randn(1, 1, 2, 2))


def _small_cnn(lib):
    n = lib.nn
    return n.Sequential(
        n.Conv2d(3, 8, 3, padding=1), n.BatchNorm2d(8), n.ReLU(), n.MaxPool2d(2),
        n.Conv2d(8, 8, 3, padding="same", groups=2, bias=False), n.GroupNorm(4, 8), n.ReLU(),
        n.ConvTranspose2d(8, 4, 2, stride=2), n.AvgPool2d(2), n.AdaptiveAvgPool2d(2), n.Flatten(),
        n.LayerNorm(16), n.Linear(16, 5),
    )


def test_small_cnn_matches_torch_through_training_steps():
    m, tm = _small_cnn(nnlite), _small_cnn(torch)
    assert_same_layout(m, tm)
    copy_state(m, tm)
    run_both(m, tm, (4, 3, 8, 8), steps=2)
    run_both(m, tm, (2, 3, 8, 8), seed=3, train=False)
