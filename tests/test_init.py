"""nnlite.nn.init: gains and fans against torch.nn.init, the ranges and spreads
of the random initialisations, and Linear's default initialisation."""
import math

import numpy as np
import pytest

import nnlite
import nnlite.nn as nn
from nnlite.nn import init

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("nonlinearity,param", [
    ("linear", None), ("conv2d", None), ("sigmoid", None), ("tanh", None), ("relu", None), ("leaky_relu", None),
    ("leaky_relu", 0.2), ("leaky_relu", math.sqrt(5)), ("selu", None), ("conv_transpose3d", None),
])
def test_calculate_gain_matches_torch(nonlinearity, param):
    assert init.calculate_gain(nonlinearity, param) == pytest.approx(
        torch.nn.init.calculate_gain(nonlinearity, param), rel=1e-12)


def test_calculate_gain_errors():
    with pytest.raises(ValueError, match="unsupported nonlinearity 'swish'"):
        init.calculate_gain("swish")
    with pytest.raises(ValueError, match="negative_slope"):
        init.calculate_gain("leaky_relu", "0.1")


@pytest.mark.parametrize("shape", [(3, 4), (8, 3, 5, 5), (2, 6, 3)])
def test_fans_match_torch(shape):
    assert init._calculate_fan_in_and_fan_out(nnlite.zeros(*shape)) == \
        torch.nn.init._calculate_fan_in_and_fan_out(torch.zeros(*shape))


def test_fans_need_two_dimensions():
    with pytest.raises(ValueError, match="fewer than 2 dimensions.*\\[5\\]"):
        init._calculate_fan_in_and_fan_out(nnlite.zeros(5))


def spread_check(t, low=None, high=None, std=None, mean=0.0):
    values = t.numpy().ravel()
    if low is not None:
        assert values.min() >= low and values.max() <= high
        # A uniform fills its range: the extremes come close to the bounds.
        assert values.min() < low + 0.02 * (high - low) and values.max() > high - 0.02 * (high - low)
    if std is not None:
        assert values.std() == pytest.approx(std, rel=0.03)
        assert abs(values.mean() - mean) < 0.03 * std + 1e-12


def test_uniform_and_normal():
    nnlite.manual_seed(0)
    t = nnlite.empty(200, 300)
    assert init.uniform_(t, -2.0, 3.0) is t
    spread_check(t, -2.0, 3.0, std=5 / math.sqrt(12), mean=0.5)
    init.normal_(t, 1.0, 0.5)
    spread_check(t, std=0.5, mean=1.0)
    with pytest.raises(ValueError, match="uniform_.*a <= b"):
        init.uniform_(t, 1.0, 0.0)
    with pytest.raises(ValueError, match="normal_.*std >= 0"):
        init.normal_(t, 0.0, -1.0)


def test_constant_zeros_ones():
    t = nnlite.empty(3, 4)
    assert (init.constant_(t, 2.5).numpy() == 2.5).all()
    assert (init.zeros_(t).numpy() == 0).all()
    assert (init.ones_(t).numpy() == 1).all()


@pytest.mark.parametrize("gain", [1.0, 2.0])
def test_xavier(gain):
    t = nnlite.empty(300, 500)
    std = gain * math.sqrt(2.0 / 800)
    init.xavier_uniform_(t, gain=gain)
    spread_check(t, -math.sqrt(3) * std, math.sqrt(3) * std, std=std)
    init.xavier_normal_(t, gain=gain)
    spread_check(t, std=std)


@pytest.mark.parametrize("mode", ["fan_in", "fan_out"])
@pytest.mark.parametrize("nonlinearity,a", [("relu", 0), ("leaky_relu", math.sqrt(5)), ("tanh", 0)])
def test_kaiming(mode, nonlinearity, a):
    t = nnlite.empty(200, 50, 3, 3)
    fan = 50 * 9 if mode == "fan_in" else 200 * 9
    std = torch.nn.init.calculate_gain(nonlinearity, a) / math.sqrt(fan)
    init.kaiming_uniform_(t, a=a, mode=mode, nonlinearity=nonlinearity)
    spread_check(t, -math.sqrt(3) * std, math.sqrt(3) * std, std=std)
    init.kaiming_normal_(t, a=a, mode=mode, nonlinearity=nonlinearity)
    spread_check(t, std=std)


def test_kaiming_errors_and_empty_tensors():
    with pytest.raises(ValueError, match="Mode fan_avg not supported"):
        init.kaiming_uniform_(nnlite.empty(3, 4), mode="fan_avg")
    with pytest.warns(UserWarning, match="zero-element"):
        init.kaiming_normal_(nnlite.empty(0, 4))


def test_seeded_initialisation_is_reproducible():
    a, b = nnlite.empty(4, 5), nnlite.empty(4, 5)
    nnlite.manual_seed(123)
    init.xavier_normal_(a)
    nnlite.manual_seed(123)
    init.xavier_normal_(b)
    np.testing.assert_array_equal(a.numpy(), b.numpy())
    g1, g2 = nnlite.Generator(), nnlite.Generator()
    g1.manual_seed(7)
    g2.manual_seed(7)
    init.uniform_(a, generator=g1)
    init.uniform_(b, generator=g2)
    np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_init_on_parameters_records_no_history():
    p = nn.Parameter(nnlite.empty(6, 4))
    init.kaiming_uniform_(p)
    init.zeros_(p)
    assert p.is_leaf and p.grad_fn is None and p.requires_grad


def test_linear_default_initialisation():
    nnlite.manual_seed(3)
    layer = nn.Linear(400, 300)
    bound = 1 / math.sqrt(400)
    # kaiming_uniform_(a=sqrt(5)) on fan_in 400 gives exactly U(-1/20, 1/20).
    spread_check(layer.weight.detach(), -bound, bound, std=bound / math.sqrt(3))
    spread_check(layer.bias.detach(), -bound, bound)
    torch_layer = torch.nn.Linear(400, 300)
    assert abs(float(torch_layer.weight.detach().abs().max()) - layer.weight.detach().numpy().__abs__().max()) < 1e-3
    with pytest.warns(UserWarning, match="zero-element"):
        assert nn.Linear(0, 3).weight.shape == (3, 0)
