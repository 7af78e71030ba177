"""Issue 12, layers and functions: nnlite.nn.functional entries added for
PyTorch compatibility, against torch (values and input gradients, via
op_check, which also checks float64 gradients by finite differences and that
each function records under export). The modules are in test_compat_nn_layers.py."""
import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F
from op_check import check_op, torch_op

torch = pytest.importorskip("torch")
TF = torch.nn.functional


def fn(name, **fixed):
    """The same call on F.<name> (nnlite) and torch.nn.functional.<name>."""
    return (lambda *a, **k: getattr(F, name)(*a, **fixed, **k),
            lambda *a, **k: getattr(TF, name)(*a, **fixed, **k))


@pytest.mark.parametrize("name,kw", [
    ("hardtanh", {}), ("hardtanh", {"min_val": -0.5, "max_val": 1.5}), ("relu6", {}), ("silu", {}), ("mish", {}),
    ("softsign", {}), ("hardswish", {}), ("hardsigmoid", {}),
])
def test_activation_functions(name, kw):
    ours, theirs = fn(name, **kw)
    check_op([(3, 5)], ours, theirs, low=-5.0, high=5.0)


@pytest.mark.parametrize("x_shape,w_shape", [((2, 3, 4, 4), (3,)), ((2, 3, 4, 4), (1,)), ((4, 3), (3,)), ((5,), (1,))])
def test_prelu(x_shape, w_shape):
    check_op([x_shape, w_shape], F.prelu, TF.prelu)


def test_prelu_rejects_wrong_channel_count():
    with pytest.raises(ValueError, match="prelu"):
        F.prelu(nnlite.randn(2, 3, 4), nnlite.ones(4))


@pytest.mark.parametrize("p,dim", [(2.0, 1), (1.0, -1), (3.0, 0), (float("inf"), 1)])
def test_normalize(p, dim):
    check_op([(3, 4)], lambda x: F.normalize(x, p, dim), lambda x: TF.normalize(x, p, dim))


def test_normalize_of_zero_row_has_torchs_finite_gradient():
    # max(||x||, eps) = eps at a zero row, so the gradient is 1/eps there (not nan).
    x = nnlite.zeros(2, 3, requires_grad=True)
    tx = torch.zeros(2, 3, requires_grad=True)
    F.normalize(x).sum().backward()
    TF.normalize(tx).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), tx.grad.numpy(), rtol=1e-6)


@pytest.mark.parametrize("s1,s2,dim", [((4, 5), (4, 5), 1), ((2, 3, 4), (1, 3, 4), -1), ((5,), (5,), 0)])
def test_cosine_similarity(s1, s2, dim):
    check_op([s1, s2], lambda a, b: F.cosine_similarity(a, b, dim), lambda a, b: TF.cosine_similarity(a, b, dim))


@pytest.mark.parametrize("p,keepdim", [(2.0, False), (1.0, True), (3.0, False)])
def test_pairwise_distance(p, keepdim):
    check_op([(4, 6), (4, 6)], lambda a, b: F.pairwise_distance(a, b, p, keepdim=keepdim),
             lambda a, b: TF.pairwise_distance(a, b, p, keepdim=keepdim))


# ---- losses -------------------------------------------------------------------------

REDUCTIONS = ["mean", "sum", "none"]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("beta", [1.0, 0.5, 0.0])
def test_smooth_l1_loss(reduction, beta):
    check_op([(4, 5), (4, 5)], lambda a, b: F.smooth_l1_loss(a, b, reduction=reduction, beta=beta),
             lambda a, b: TF.smooth_l1_loss(a, b, reduction=reduction, beta=beta))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("delta", [1.0, 0.3])
def test_huber_loss(reduction, delta):
    check_op([(4, 5), (4, 5)], lambda a, b: F.huber_loss(a, b, reduction=reduction, delta=delta),
             lambda a, b: TF.huber_loss(a, b, reduction=reduction, delta=delta))


@pytest.mark.parametrize("reduction", ["batchmean", "sum", "none", "mean"])
def test_kl_div(reduction):
    rng = np.random.default_rng(1)
    target = rng.dirichlet(np.ones(5), size=3).astype(np.float32)
    target[0, 2] = 0.0  # a zero target contributes nothing
    # The target's gradient is compared where it is positive only: at 0, torch's is nan.
    check_op([(3, 5)], lambda a: F.kl_div(a.log_softmax(1), const(nnlite, target, a), reduction=reduction),
             lambda a: TF.kl_div(a.log_softmax(1), const(torch, target, a), reduction=reduction))
    check_op([(3, 5), (3, 5)], lambda a, b: F.kl_div(a, b.softmax(1), reduction=reduction),
             lambda a, b: TF.kl_div(a, b.softmax(1), reduction=reduction))


def test_kl_div_log_target():
    check_op([(3, 5), (3, 5)], lambda a, b: F.kl_div(a, b.log_softmax(1), reduction="sum", log_target=True),
             lambda a, b: TF.kl_div(a, b.log_softmax(1), reduction="sum", log_target=True))


def const(lib, array, like):
    """A constant (no gradient) in lib, with like's dtype: labels and fixed targets."""
    return lib.from_numpy(array).to(like.dtype)


def _signs(n, seed=0):
    return np.where(np.random.default_rng(seed).random(n) < 0.5, -1.0, 1.0).astype(np.float32)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("margin", [0.0, 0.3])
def test_cosine_embedding_loss(reduction, margin):
    y = _signs(6)
    check_op([(6, 4), (6, 4)],
             lambda a, b: F.cosine_embedding_loss(a, b, const(nnlite, y, a), margin, reduction=reduction),
             lambda a, b: TF.cosine_embedding_loss(a, b, const(torch, y, a), margin, reduction=reduction))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_margin_ranking_loss(reduction):
    y = _signs(6, 2)
    check_op([(6,), (6,)], lambda a, b: F.margin_ranking_loss(a, b, const(nnlite, y, a), 0.2, reduction=reduction),
             lambda a, b: TF.margin_ranking_loss(a, b, const(torch, y, a), 0.2, reduction=reduction))


@pytest.mark.parametrize("p,swap,reduction", [(2.0, False, "mean"), (1.0, True, "sum"), (3.0, False, "none")])
def test_triplet_margin_loss(p, swap, reduction):
    check_op([(5, 4), (5, 4), (5, 4)],
             lambda a, b, c: F.triplet_margin_loss(a, b, c, 1.5, p, swap=swap, reduction=reduction),
             lambda a, b, c: TF.triplet_margin_loss(a, b, c, 1.5, p, swap=swap, reduction=reduction))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_soft_margin_loss(reduction):
    y = _signs(12, 3).reshape(4, 3)
    check_op([(4, 3)], lambda a: F.soft_margin_loss(a, const(nnlite, y, a), reduction=reduction),
             lambda a: TF.soft_margin_loss(a, const(torch, y, a), reduction=reduction))


def test_loss_errors():
    a, b = nnlite.randn(3, 4), nnlite.randn(3, 5)
    with pytest.raises(ValueError, match="smooth_l1_loss.*shape"):
        F.smooth_l1_loss(a, b)
    with pytest.raises(ValueError, match="reduction"):
        F.huber_loss(a, a, reduction="avg")
    with pytest.raises(ValueError, match="triplet_margin_loss.*margin"):
        F.triplet_margin_loss(a, a, a, margin=0.0)
    with pytest.raises(ValueError, match="cosine_embedding_loss.*target"):
        F.cosine_embedding_loss(a, a, nnlite.ones(4))


# ---- shape, convolution and pooling -----------------------------------------------------

@pytest.mark.parametrize("shape,r", [((2, 8, 3, 4), 2), ((9, 2, 2), 3), ((2, 1, 4, 1, 1), 1)])
def test_pixel_shuffle_and_unshuffle(shape, r):
    check_op([shape], lambda x: F.pixel_shuffle(x, r), lambda x: TF.pixel_shuffle(x, r))
    out = tuple(torch.pixel_shuffle(torch.zeros(shape), r).shape)
    check_op([out], lambda x: F.pixel_unshuffle(x, r), lambda x: TF.pixel_unshuffle(x, r))


def test_pixel_shuffle_errors():
    with pytest.raises(ValueError, match="pixel_shuffle.*divisible"):
        F.pixel_shuffle(nnlite.randn(1, 6, 2, 2), 2)
    with pytest.raises(ValueError, match="pixel_unshuffle.*divisible"):
        F.pixel_unshuffle(nnlite.randn(1, 1, 3, 4), 2)


@pytest.mark.parametrize("kw", [{}, {"stride": 2, "padding": 1}, {"dilation": 2, "padding": "same"},
                                {"groups": 2, "padding": "valid"}])
def test_conv1d(kw):
    w_shape = (4, 2 if kw.get("groups") else 4, 3)
    check_op([(2, 4, 9), w_shape, (4,)], lambda x, w, b: F.conv1d(x, w, b, **kw),
             lambda x, w, b: TF.conv1d(x, w, b, **kw))


def test_conv1d_unbatched():
    check_op([(3, 7), (2, 3, 2)], F.conv1d, TF.conv1d)


@pytest.mark.parametrize("kw", [{"kernel_size": 2}, {"kernel_size": 3, "stride": 2, "padding": 1},
                                {"kernel_size": 2, "dilation": 2, "ceil_mode": True}])
def test_max_pool1d(kw):
    check_op([(2, 3, 9)], lambda x: F.max_pool1d(x, **kw), lambda x: TF.max_pool1d(x, **kw))
    check_op([(2, 3, 9)], lambda x: F.max_pool1d(x, return_indices=True, **kw)[1],
             lambda x: TF.max_pool1d(x, return_indices=True, **kw)[1], grad=False)


@pytest.mark.parametrize("kw", [{"kernel_size": 2}, {"kernel_size": 3, "stride": 2, "padding": 1},
                                {"kernel_size": 3, "padding": 1, "count_include_pad": False, "ceil_mode": True}])
def test_avg_pool1d(kw):
    check_op([(2, 3, 9)], lambda x: F.avg_pool1d(x, **kw), lambda x: TF.avg_pool1d(x, **kw))


@pytest.mark.parametrize("in_hw,out", [((6, 6), 3), ((7, 5), (3, 2)), ((5, 7), (None, 4)), ((4, 4), 1),
                                       ((3, 5), (4, 6))])
def test_adaptive_max_pool2d(in_hw, out):
    check_op([(2, 3) + in_hw], lambda x: F.adaptive_max_pool2d(x, out), lambda x: TF.adaptive_max_pool2d(x, out))
    check_op([(3,) + in_hw], lambda x: F.adaptive_max_pool2d(x, out, True)[1],
             lambda x: TF.adaptive_max_pool2d(x, out, True)[1], grad=False)


def test_bilinear_function():
    check_op([(4, 3), (4, 5), (2, 3, 5), (2,)], F.bilinear, TF.bilinear)
    check_op([(2, 4, 3), (2, 4, 5), (2, 3, 5)], F.bilinear, TF.bilinear)


@pytest.mark.parametrize("shape", [(2, 3, 5), (2, 3, 4, 5)])
def test_instance_norm(shape):
    c = shape[1]
    check_op([shape, (c,), (c,)], lambda x, w, b: F.instance_norm(x, weight=w, bias=b),
             lambda x, w, b: TF.instance_norm(x, weight=w, bias=b))


# ---- interpolation ---------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["bilinear", "bicubic"])
@pytest.mark.parametrize("align_corners", [False, True])
@pytest.mark.parametrize("kw", [{"size": (7, 5)}, {"scale_factor": 2}, {"scale_factor": (0.5, 1.7)},
                                {"size": (2, 9)}, {"scale_factor": 1.5, "recompute_scale_factor": True}])
def test_interpolate_2d(mode, align_corners, kw):
    check_op([(2, 3, 4, 6)], lambda x: F.interpolate(x, mode=mode, align_corners=align_corners, **kw),
             lambda x: TF.interpolate(x, mode=mode, align_corners=align_corners, **kw))


@pytest.mark.parametrize("align_corners", [False, True])
def test_interpolate_linear(align_corners):
    check_op([(2, 3, 5)], lambda x: F.interpolate(x, size=8, mode="linear", align_corners=align_corners),
             lambda x: TF.interpolate(x, size=8, mode="linear", align_corners=align_corners))


@pytest.mark.parametrize("shape,kw", [((2, 3, 5), {"scale_factor": 2}), ((2, 3, 5), {"size": 3}),
                                      ((1, 2, 6, 4), {"size": (3, 2)})])
def test_interpolate_nearest_and_area(shape, kw):
    for mode in ("nearest", "area"):
        check_op([shape], lambda x: F.interpolate(x, mode=mode, **kw), lambda x: TF.interpolate(x, mode=mode, **kw))


def test_interpolate_errors():
    x = nnlite.randn(1, 1, 4, 4)
    with pytest.raises(ValueError, match="interpolate.*only one of"):
        F.interpolate(x, size=2, scale_factor=2, mode="bilinear")
    with pytest.raises(ValueError, match="interpolate.*4-d"):
        F.interpolate(nnlite.randn(1, 4, 4), size=2, mode="bilinear")
    with pytest.raises(NotImplementedError, match="antialias"):
        F.interpolate(x, size=2, mode="bilinear", antialias=True)
    with pytest.raises(NotImplementedError, match="trilinear"):
        F.interpolate(x, size=2, mode="trilinear")
    with pytest.raises(ValueError, match="align_corners"):
        F.interpolate(x, size=2, mode="nearest", align_corners=True)


def test_one_hot():
    x = torch.tensor([0, 3, 1])
    np.testing.assert_array_equal(F.one_hot(nnlite.tensor([0, 3, 1])).numpy(), TF.one_hot(x).numpy())
