"""The loss functions and modules against PyTorch: values and input gradients
under every reduction, weight, ignore_index, label smoothing and target kind,
plus the errors raised for bad input."""
import itertools
import math

import numpy as np
import pytest

import nnlite
import nnlite.nn as nn
import nnlite.nn.functional as F

torch = pytest.importorskip("torch")
TF = torch.nn.functional

REDUCTIONS = ["none", "mean", "sum"]

# Ops of the core's op list whose forward and gradients this module checks.
TESTED_OPS = {"mse_loss", "l1_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits", "nll_loss",
              "cross_entropy"}


def both(array, requires_grad=False):
    """The same data as an nnlite tensor and a torch tensor."""
    a = np.array(array, copy=True, order="C")  # (ascontiguousarray would make 0-d arrays 1-d)
    ours = nnlite.from_numpy(a.copy())
    theirs = torch.from_numpy(a.copy())
    if requires_grad:
        ours.requires_grad_()
        theirs.requires_grad_()
    return ours, theirs


def close(ours, theirs, tol=1e-10):
    expected = theirs.detach().numpy()
    got = ours.detach().numpy() if hasattr(ours, "numpy") else np.asarray(ours)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=tol, atol=tol, equal_nan=True)


def check(our_fn, torch_fn, inputs, tol=1e-10):
    """Run both losses on inputs (arrays; the first one is differentiated) and
    compare the values and the input gradients."""
    ours, theirs = zip(*[both(a, requires_grad=(i == 0)) if isinstance(a, np.ndarray) else (a, a)
                         for i, a in enumerate(inputs)])
    out, ref = our_fn(*ours), torch_fn(*theirs)
    close(out, ref, tol)
    if ref.isnan().any():
        return
    out.sum().backward()
    ref.sum().backward()
    close(ours[0].grad, theirs[0].grad, tol)


def rng(seed=0):
    return np.random.default_rng(seed)


# ---- regression losses -----------------------------------------------------

@pytest.mark.filterwarnings("ignore:Using a target size")  # torch warns about the broadcast case
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["mse_loss", "l1_loss"])
@pytest.mark.parametrize("shapes", [((4, 3), (4, 3)), ((2, 3, 5), (2, 3, 5)), ((4, 3), (3,)), ((), ())])
def test_regression_losses(name, reduction, shapes):
    r = rng(1)
    x, t = r.standard_normal(shapes[0]), r.standard_normal(shapes[1])
    check(lambda a, b: getattr(F, name)(a, b, reduction=reduction),
          lambda a, b: getattr(TF, name)(a, b, reduction=reduction), [x, t])


@pytest.mark.parametrize("module,ref", [(nn.MSELoss, torch.nn.MSELoss), (nn.L1Loss, torch.nn.L1Loss)])
def test_regression_modules(module, ref):
    r = rng(2)
    x, t = r.standard_normal((5, 4)).astype(np.float32), r.standard_normal((5, 4)).astype(np.float32)
    for reduction in REDUCTIONS:
        check(module(reduction=reduction), ref(reduction=reduction), [x, t], tol=1e-5)


def test_l1_gradient_at_zero_difference():
    x = np.array([1.0, 2.0, 3.0])
    check(F.l1_loss, TF.l1_loss, [x, x.copy()])


# ---- binary cross entropy ---------------------------------------------------

@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weight_shape", [None, (4, 3), (3,)])
def test_binary_cross_entropy(reduction, weight_shape):
    r = rng(3)
    x = r.uniform(0.02, 0.98, (4, 3))
    t = r.uniform(0, 1, (4, 3))
    w = None if weight_shape is None else r.uniform(0.5, 2, weight_shape)
    ow, tw = (None, None) if w is None else both(w)
    check(lambda a, b: F.binary_cross_entropy(a, b, ow, reduction=reduction),
          lambda a, b: TF.binary_cross_entropy(a, b, tw, reduction=reduction), [x, t])
    check(nn.BCELoss(ow, reduction=reduction), torch.nn.BCELoss(tw, reduction=reduction), [x, t])


def test_binary_cross_entropy_clamps_log_at_minus_100():
    x = np.array([0.0, 1.0, 0.5])
    t = np.array([1.0, 0.0, 0.5])
    ox, tx = both(x)
    ot, tt = both(t)
    close(F.binary_cross_entropy(ox, ot, reduction="none"), TF.binary_cross_entropy(tx, tt, reduction="none"))
    ox.requires_grad_()
    F.binary_cross_entropy(ox, ot).backward()
    assert np.isfinite(ox.grad.numpy()).all()


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weight_shape,pos_weight_shape", [(None, None), ((4, 3), None), (None, (3,)),
                                                           ((3,), (4, 3))])
def test_binary_cross_entropy_with_logits(reduction, weight_shape, pos_weight_shape):
    r = rng(4)
    x = r.standard_normal((4, 3)) * 3
    t = r.uniform(0, 1, (4, 3))
    w = None if weight_shape is None else r.uniform(0.5, 2, weight_shape)
    pw = None if pos_weight_shape is None else r.uniform(0.5, 3, pos_weight_shape)
    ow, tw = (None, None) if w is None else both(w)
    opw, tpw = (None, None) if pw is None else both(pw)
    check(lambda a, b: F.binary_cross_entropy_with_logits(a, b, ow, reduction=reduction, pos_weight=opw),
          lambda a, b: TF.binary_cross_entropy_with_logits(a, b, tw, reduction=reduction, pos_weight=tpw), [x, t])
    check(nn.BCEWithLogitsLoss(ow, reduction=reduction, pos_weight=opw),
          torch.nn.BCEWithLogitsLoss(tw, reduction=reduction, pos_weight=tpw), [x, t])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_binary_cross_entropy_with_logits_is_stable(dtype):
    x = np.array([-1000.0, -100.0, -30.0, 0.0, 30.0, 100.0, 1000.0], dtype=dtype)
    t = np.array([1.0, 0.0, 1.0, 0.5, 0.0, 1.0, 0.0], dtype=dtype)
    tol = 1e-5 if dtype == np.float32 else 1e-10
    check(lambda a, b: F.binary_cross_entropy_with_logits(a, b, reduction="none"),
          lambda a, b: TF.binary_cross_entropy_with_logits(a, b, reduction="none"), [x, t], tol=tol)


# ---- nll_loss and cross_entropy with class indices --------------------------

CLASS_SHAPES = [((6, 4), (6,)), ((3, 4, 2, 5), (3, 2, 5)), ((4,), ())]


def class_inputs(input_shape, target_shape, ignore_index, seed):
    r = rng(seed)
    classes = input_shape[0] if len(input_shape) == 1 else input_shape[1]
    x = r.standard_normal(input_shape)
    t = np.asarray(r.integers(0, classes, target_shape), dtype=np.int64)
    if ignore_index is not None and t.ndim > 0:
        mask = r.uniform(size=target_shape) < 0.3
        t[mask] = ignore_index
    return x, t, r.uniform(0.2, 2.0, classes)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("use_weight", [False, True])
@pytest.mark.parametrize("ignore_index", [None, -100, 1])
@pytest.mark.parametrize("shapes", CLASS_SHAPES)
def test_nll_loss(reduction, use_weight, ignore_index, shapes):
    x, t, w = class_inputs(*shapes, ignore_index, seed=5)
    ow, tw = both(w) if use_weight else (None, None)
    kw = {} if ignore_index is None else {"ignore_index": ignore_index}
    lp = torch.log_softmax(torch.from_numpy(x), -1 if x.ndim == 1 else 1).numpy()
    check(lambda a, b: F.nll_loss(a, b, ow, reduction=reduction, **kw),
          lambda a, b: TF.nll_loss(a, b, tw, reduction=reduction, **kw), [lp, t])
    check(nn.NLLLoss(ow, reduction=reduction, **kw), torch.nn.NLLLoss(tw, reduction=reduction, **kw), [lp, t])


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("use_weight", [False, True])
@pytest.mark.parametrize("ignore_index", [None, -100, 2])
@pytest.mark.parametrize("label_smoothing", [0.0, 0.2])
@pytest.mark.parametrize("shapes", CLASS_SHAPES)
def test_cross_entropy_indices(reduction, use_weight, ignore_index, label_smoothing, shapes):
    x, t, w = class_inputs(*shapes, ignore_index, seed=6)
    ow, tw = both(w) if use_weight else (None, None)
    kw = {"reduction": reduction, "label_smoothing": label_smoothing}
    if ignore_index is not None:
        kw["ignore_index"] = ignore_index
    check(lambda a, b: F.cross_entropy(a, b, ow, **kw), lambda a, b: TF.cross_entropy(a, b, tw, **kw), [x, t])
    check(nn.CrossEntropyLoss(ow, **kw), torch.nn.CrossEntropyLoss(tw, **kw), [x, t])


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("use_weight", [False, True])
@pytest.mark.parametrize("label_smoothing", [0.0, 0.3])
@pytest.mark.parametrize("shape", [(5, 3), (2, 3, 4), (3,)])
def test_cross_entropy_probabilities(reduction, use_weight, label_smoothing, shape):
    r = rng(7)
    x = r.standard_normal(shape)
    class_dim = 0 if len(shape) == 1 else 1
    p = torch.softmax(torch.from_numpy(r.standard_normal(shape)), class_dim).numpy()
    w = r.uniform(0.2, 2.0, shape[class_dim])
    ow, tw = both(w) if use_weight else (None, None)
    kw = {"reduction": reduction, "label_smoothing": label_smoothing}
    check(lambda a, b: F.cross_entropy(a, b, ow, **kw), lambda a, b: TF.cross_entropy(a, b, tw, **kw), [x, p])


def test_cross_entropy_float32_and_uint8_target():
    r = rng(8)
    x = r.standard_normal((7, 5)).astype(np.float32)
    t = r.integers(0, 5, 7).astype(np.uint8)
    check(F.cross_entropy, TF.cross_entropy, [x, t], tol=1e-5)


def test_mean_over_only_ignored_targets_is_nan():
    x, t = both(np.zeros((2, 3)))
    target = nnlite.from_numpy(np.array([-100, -100], dtype=np.int64))
    assert math.isnan(F.cross_entropy(x, target).item())
    assert F.cross_entropy(x, target, reduction="sum").item() == 0.0


def test_weight_gradient_flows():
    """torch cannot differentiate its fused nll_loss with respect to the
    weight: compare with the same formula composed of torch ops."""
    x, t, w = class_inputs((6, 4), (6,), None, seed=9)
    ox, tx = both(x, requires_grad=True)
    ot, tt = both(t)
    ow, tw = both(w, requires_grad=True)
    ls = 0.1
    F.cross_entropy(ox, ot, ow, label_smoothing=ls).backward()
    lp = torch.log_softmax(tx, 1)
    picked_w = tw[tt]
    nll = -(lp.gather(1, tt[:, None]).squeeze(1) * picked_w).sum() / picked_w.sum()
    smooth = -(lp * tw).sum() / picked_w.sum()
    ((1 - ls) * nll + ls / 4 * smooth).backward()
    close(ow.grad, tw.grad)
    close(ox.grad, tx.grad)


def test_second_order_gradient_through_cross_entropy():
    x, t, _ = class_inputs((3, 4), (3,), None, seed=10)
    ox, tx = both(x, requires_grad=True)
    ot, tt = both(t)
    (g,) = nnlite.autograd.grad([F.cross_entropy(ox, ot)], [ox], create_graph=True)
    (g2,) = nnlite.autograd.grad([(g * g).sum()], [ox])
    (h,) = torch.autograd.grad(TF.cross_entropy(tx, tt), tx, create_graph=True)
    (h2,) = torch.autograd.grad((h * h).sum(), tx)
    close(g2, h2)


# ---- errors ----------------------------------------------------------------

def test_class_index_out_of_range():
    x = nnlite.zeros(3, 4)
    bad = nnlite.from_numpy(np.array([0, 7, 1], dtype=np.int64))
    with pytest.raises(IndexError, match=r"cross_entropy.*target value 7 .*\[0, 4\)"):
        F.cross_entropy(x, bad)
    with pytest.raises(IndexError, match=r"nll_loss.*target value -3 "):
        F.nll_loss(x, nnlite.from_numpy(np.array([0, -3, 1], dtype=np.int64)))
    with pytest.raises(IndexError, match=r"target value -100 "):
        F.nll_loss(x, nnlite.from_numpy(np.array([0, -100, 1], dtype=np.int64)), ignore_index=1)
    with pytest.raises(IndexError, match=r"target value 4 "):
        F.cross_entropy(x, bad.clone().fill_(4), label_smoothing=0.1)


def test_target_dtype_and_shape_errors():
    x = nnlite.zeros(3, 4)
    with pytest.raises(TypeError, match=r"cross_entropy.*int64.*int32"):
        F.cross_entropy(x, nnlite.zeros(3, dtype=nnlite.int32))
    with pytest.raises(ValueError, match=r"cross_entropy.*probability target.*\[3, 4\].*\[3\]"):
        F.cross_entropy(x, nnlite.zeros(3))
    with pytest.raises(ValueError, match=r"cross_entropy.*batch size \(3\).*\(2\)"):
        F.cross_entropy(x, nnlite.zeros(2, dtype=nnlite.int64))
    with pytest.raises(ValueError, match=r"nll_loss.*expected target of shape \[2, 5\]"):
        F.nll_loss(nnlite.zeros(2, 3, 5), nnlite.zeros(2, 4, dtype=nnlite.int64))
    with pytest.raises(ValueError, match=r"ignore_index"):
        F.cross_entropy(x, nnlite.zeros(3, 4), ignore_index=1)
    with pytest.raises(TypeError, match=r"nll_loss.*floating point.*int64"):
        F.nll_loss(nnlite.zeros(3, 4, dtype=nnlite.int64), nnlite.zeros(3, dtype=nnlite.int64))


def test_weight_errors():
    x = nnlite.zeros(3, 4)
    t = nnlite.zeros(3, dtype=nnlite.int64)
    with pytest.raises(ValueError, match=r"cross_entropy: weight .*one entry per class \(4\).*\[3\]"):
        F.cross_entropy(x, t, nnlite.ones(3))
    with pytest.raises(ValueError, match=r"nll_loss: weight"):
        F.nll_loss(x, t, nnlite.ones(2, 2))
    with pytest.raises(ValueError, match=r"binary_cross_entropy: weight of shape \[2\]"):
        F.binary_cross_entropy(nnlite.full((3, 4), 0.5), nnlite.full((3, 4), 0.5), nnlite.ones(2))
    with pytest.raises(ValueError, match=r"binary_cross_entropy_with_logits: pos_weight of shape \[5\]"):
        F.binary_cross_entropy_with_logits(x, x, pos_weight=nnlite.ones(5))


def test_binary_losses_errors():
    half = nnlite.full((3,), 0.5)
    with pytest.raises(ValueError, match=r"binary_cross_entropy: all elements of input .*\[0, 1\].*1\.5"):
        F.binary_cross_entropy(nnlite.full((3,), 1.5), half)
    with pytest.raises(ValueError, match=r"binary_cross_entropy: expected target .*\[3\] but got \[4\]"):
        F.binary_cross_entropy(half, nnlite.full((4,), 0.5))
    with pytest.raises(ValueError, match=r"binary_cross_entropy_with_logits: expected target"):
        F.binary_cross_entropy_with_logits(half, nnlite.full((1, 3), 0.5))
    with pytest.raises(ValueError, match=r"mse_loss: input shape \[3\] and target shape \[4\]"):
        F.mse_loss(half, nnlite.ones(4))


def test_reduction_and_option_errors():
    x = nnlite.zeros(3, 4)
    t = nnlite.zeros(3, dtype=nnlite.int64)
    with pytest.raises(ValueError, match=r"reduction.*'none', 'mean' or 'sum'.*'avg'"):
        F.cross_entropy(x, t, reduction="avg")
    with pytest.raises(ValueError, match=r"reduction.*'batchmean'"):
        nn.MSELoss(reduction="batchmean")
    with pytest.raises(ValueError, match=r"label_smoothing must be in \[0, 1\]"):
        F.cross_entropy(x, t, label_smoothing=1.5)
    with pytest.raises(ValueError, match=r"label_smoothing"):
        nn.CrossEntropyLoss(label_smoothing=-0.1)
    with pytest.raises(TypeError):
        F.mse_loss(x, x, "mean")  # reduction is keyword-only


def test_loss_modules_repr_and_buffers():
    w = nnlite.ones(4)
    loss = nn.CrossEntropyLoss(w, label_smoothing=0.1)
    assert repr(loss) == "CrossEntropyLoss()"
    assert [name for name, _ in loss.named_buffers()] == ["weight"]
    assert list(nn.MSELoss().parameters()) == []


@pytest.mark.parametrize("label_smoothing,reduction", list(itertools.product([0.0, 0.1], REDUCTIONS)))
def test_cross_entropy_empty_batch(label_smoothing, reduction):
    x, tx = both(np.zeros((0, 3)))
    t, tt = both(np.zeros(0, dtype=np.int64))
    close(F.cross_entropy(x, t, reduction=reduction, label_smoothing=label_smoothing),
          TF.cross_entropy(tx, tt, reduction=reduction, label_smoothing=label_smoothing))
