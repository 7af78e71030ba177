"""Layer ops: softmax, log_softmax, linear, dropout and the activations
(relu, leaky_relu, gelu with both approximations, elu, softplus), through nnlite.nn.functional as in torch.nn.functional."""
import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F
from op_check import T, check_op, dtype_name, from_array, make_noncontiguous, to_numpy, torch_op

TESTED_OPS = {"softmax", "log_softmax", "linear", "dropout", "relu", "leaky_relu", "gelu", "elu", "softplus"}

TF = "nn.functional."


@pytest.mark.parametrize("shape,dim", [((3, 4, 5), 0), ((3, 4, 5), 1), ((3, 4, 5), -1), ((7,), 0), ((1, 1), 1),
                                       ((0, 4), 1), ((3, 0), 1), ((2, 1000), 1), ((), 0)])
@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax(name, shape, dim, device):
    fd_max = 4 if np.prod(shape) > 100 else 12
    check_op([shape], lambda x: getattr(F, name)(x, dim=dim), lambda x: getattr(T.nn.functional, name)(x, dim=dim),
             fd_max_elems=fd_max, device=device)
    check_op([shape], lambda x: getattr(nnlite, name)(x, dim), lambda x: getattr(T, name)(x, dim),
             noncontiguous=True, fd_max_elems=fd_max, device=device)
    check_op([shape], lambda x: getattr(x, name)(dim), lambda x: getattr(x, name)(dim), fd=False, device=device)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_large_values_and_float64(name, device):
    check_op([(3, 6)], lambda x: getattr(F, name)(x, dim=1), lambda x: getattr(T.nn.functional, name)(x, dim=1),
             low=500, high=520, atol=1e-4, fd_eps=1e-5, device=device)
    check_op([(3, 6)], lambda x: getattr(F, name)(x, dim=0), lambda x: getattr(T.nn.functional, name)(x, dim=0),
             low=-520, high=-500, atol=1e-4, fd_eps=1e-5, device=device)
    check_op([(3, 6)], lambda x: getattr(F, name)(x, dim=1), lambda x: getattr(T.nn.functional, name)(x, dim=1),
             dtype="float64", device=device)


def test_softmax_keyword_arguments():
    check_op([(3, 4)], F.softmax, torch_op(TF + "softmax"), kwargs={"dim": 1})
    check_op([(3, 4)], F.log_softmax, torch_op(TF + "log_softmax"), kwargs={"dim": 0})


def test_softmax_rows_sum_to_one_with_neg_inf():
    x = nnlite.tensor([[0.0, float("-inf"), 1.0], [float("-inf"), 2.0, float("-inf")]])
    p = to_numpy(F.softmax(x, dim=1))
    np.testing.assert_allclose(p.sum(1), [1, 1], rtol=1e-6)
    np.testing.assert_allclose(p[1], [0, 1, 0])
    assert to_numpy(F.log_softmax(x, dim=1))[0, 1] == -np.inf


@pytest.mark.parametrize("xshape,wshape,bias", [
    ((5, 3), (4, 3), True), ((5, 3), (4, 3), False), ((3,), (4, 3), True), ((2, 5, 3), (4, 3), True),
    ((2, 2, 5, 3), (1, 3), False), ((0, 3), (4, 3), True), ((5, 3), (0, 3), True), ((5, 1), (1, 1), True),
])
def test_linear(xshape, wshape, bias):
    shapes = [xshape, wshape] + ([(wshape[0],)] if bias else [])
    check_op(shapes, F.linear, torch_op(TF + "linear"))
    check_op(shapes, F.linear, torch_op(TF + "linear"), noncontiguous=True)


def test_linear_keyword_bias_and_none():
    check_op([(5, 3), (4, 3), (4,)], lambda x, w, b: F.linear(x, w, bias=b), lambda x, w, b: T.nn.functional.linear(x, w, bias=b))
    check_op([(5, 3), (4, 3)], lambda x, w: F.linear(x, w, None), lambda x, w: T.nn.functional.linear(x, w, None))


def test_linear_large_and_float64():
    check_op([(130, 257), (67, 257), (67,)], F.linear, torch_op(TF + "linear"), atol=1e-4, rtol=1e-4,
             grad_atol=1e-3, grad_rtol=1e-3, fd_max_elems=3, low=-1, high=1)
    check_op([(4, 3), (2, 3), (2,)], F.linear, torch_op(TF + "linear"), dtype="float64")


# ---- activations ------------------------------------------------------------

ACTIVATIONS = {
    "relu": (lambda x: F.relu(x), lambda x: T.nn.functional.relu(x)),
    "relu_top": (lambda x: nnlite.relu(x), lambda x: T.relu(x)),
    "leaky_relu": (lambda x: F.leaky_relu(x), lambda x: T.nn.functional.leaky_relu(x)),
    "leaky_relu_0.2": (lambda x: F.leaky_relu(x, 0.2), lambda x: T.nn.functional.leaky_relu(x, 0.2)),
    "leaky_relu_kw": (lambda x: F.leaky_relu(x, negative_slope=-0.5),
                      lambda x: T.nn.functional.leaky_relu(x, negative_slope=-0.5)),
    "gelu": (lambda x: F.gelu(x), lambda x: T.nn.functional.gelu(x)),
    "gelu_none": (lambda x: F.gelu(x, approximate="none"), lambda x: T.nn.functional.gelu(x, approximate="none")),
    "gelu_tanh": (lambda x: F.gelu(x, approximate="tanh"), lambda x: T.nn.functional.gelu(x, approximate="tanh")),
    "elu": (lambda x: F.elu(x), lambda x: T.nn.functional.elu(x)),
    "elu_alpha": (lambda x: F.elu(x, alpha=0.5), lambda x: T.nn.functional.elu(x, alpha=0.5)),
    "softplus": (lambda x: F.softplus(x), lambda x: T.nn.functional.softplus(x)),
    "softplus_beta": (lambda x: F.softplus(x, beta=2.0, threshold=3.0),
                      lambda x: T.nn.functional.softplus(x, beta=2.0, threshold=3.0)),
}


@pytest.mark.parametrize("shape", [(3, 4), (), (0, 2), (1003,)])
@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation(name, shape):
    f, tf = ACTIVATIONS[name]
    check_op([shape], f, tf, low=-4, high=4, fd_max_elems=6)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_noncontiguous_float64(name):
    f, tf = ACTIVATIONS[name]
    check_op([(4, 5)], f, tf, low=-4, high=4, noncontiguous=True)
    check_op([(4, 5)], f, tf, low=-4, high=4, dtype="float64")


def test_softplus_above_threshold_is_identity():
    x = nnlite.tensor([25.0, 30.0, 100.0], requires_grad=True)
    y = F.softplus(x)
    np.testing.assert_array_equal(to_numpy(y), [25, 30, 100])
    y.sum().backward()
    np.testing.assert_allclose(to_numpy(x.grad), [1, 1, 1])


def test_gelu_approximations_differ():
    x = nnlite.tensor([1.0, -2.0, 3.0])
    exact = to_numpy(F.gelu(x))
    approx = to_numpy(F.gelu(x, approximate="tanh"))
    assert not np.array_equal(exact, approx)
    np.testing.assert_allclose(exact, approx, atol=1e-3)


# ---- dropout ----------------------------------------------------------------

@pytest.mark.parametrize("shape", [(4, 5), (0, 3), ()])
def test_dropout_p0_is_identity(shape):
    check_op([shape], lambda x: F.dropout(x, p=0.0, training=True),
             lambda x: T.nn.functional.dropout(x, p=0.0, training=True))


@pytest.mark.parametrize("p", [0.0, 0.5, 0.9, 1.0])
def test_dropout_eval_is_identity(p):
    check_op([(4, 5)], lambda x: F.dropout(x, p=p, training=False),
             lambda x: T.nn.functional.dropout(x, p=p, training=False))


def test_dropout_p1_gives_zeros():
    out = check_op([(4, 5)], lambda x: F.dropout(x, p=1.0, training=True),
                   lambda x: T.nn.functional.dropout(x, p=1.0, training=True), fd=False)
    assert not to_numpy(out[0]).any()


def test_dropout_train_scaling():
    p = 0.3
    y = to_numpy(F.dropout(nnlite.ones(20000), p=p, training=True))
    kept = y != 0
    np.testing.assert_allclose(y[kept], 1 / (1 - p), rtol=1e-6)
    # 20000 Bernoulli draws: the dropped fraction is within 6 standard deviations of p.
    assert abs((~kept).mean() - p) < 6 * np.sqrt(p * (1 - p) / y.size)


def test_dropout_default_p_is_half_and_training():
    y = to_numpy(F.dropout(nnlite.ones(4000)))
    kept = y != 0
    np.testing.assert_allclose(y[kept], 2.0)
    assert 0.4 < kept.mean() < 0.6


@pytest.mark.parametrize("noncontiguous", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_dropout_mask_consistent_with_gradient(dtype, noncontiguous, rng):
    p = 0.4
    a = rng.uniform(0.5, 2.0, (30, 40)).astype(dtype)
    x = make_noncontiguous(a) if noncontiguous else from_array(a)
    x.requires_grad_()
    y = F.dropout(x, p=p, training=True)
    assert dtype_name(y.dtype) == dtype
    g = rng.standard_normal((30, 40)).astype(dtype)
    (y * from_array(g)).sum().backward()
    yv = to_numpy(y)
    kept = yv != 0
    assert 0 < kept.sum() < kept.size
    np.testing.assert_allclose(yv, a * kept / (1 - p), rtol=1e-6)
    np.testing.assert_allclose(to_numpy(x.grad), g * kept / (1 - p), rtol=1e-6)


def test_dropout_reproducible_with_manual_seed():
    x = nnlite.ones(1000)
    nnlite.manual_seed(7)
    a = to_numpy(F.dropout(x, 0.5, True))
    nnlite.manual_seed(7)
    b = to_numpy(F.dropout(x, 0.5, True))
    c = to_numpy(F.dropout(x, 0.5, True))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(b, c)


def test_dropout_does_not_modify_input():
    x = nnlite.ones(100)
    F.dropout(x, 0.5, True)
    np.testing.assert_array_equal(to_numpy(x), np.ones(100))


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_propagates_nan_like_torch(name):
    # A NaN that an activation turns into a number hides a diverged training run.
    f, tf = ACTIVATIONS[name]
    a = np.array([np.nan, -1.0, 0.0, 2.0], dtype=np.float32)
    check_op([a], f, tf, equal_nan=True, grad=False)  # the gradient at NaN means nothing
