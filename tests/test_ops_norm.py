"""batch_norm, layer_norm and group_norm: forward and backward against torch and
float64 finite differences, running statistics, double backward and errors."""
import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F
from op_check import T, check_op, dtype_name, from_array, to_numpy

TESTED_OPS = {"batch_norm", "layer_norm", "group_norm"}


# ---- batch_norm -----------------------------------------------------------------

BN_SHAPES = [(4, 3), (2, 3, 5), (2, 3, 4, 5), (1, 3, 2, 2), (5, 1, 3), (3, 2, 1, 1, 2)]


@pytest.mark.parametrize("shape", BN_SHAPES)
@pytest.mark.parametrize("affine", [True, False])
def test_batch_norm_training(shape, affine):
    c = shape[1]
    if affine:
        check_op([shape, (c,), (c,)],
                 lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True),
                 lambda x, w, b: T.nn.functional.batch_norm(x, None, None, w, b, training=True))
    else:
        check_op([shape], lambda x: F.batch_norm(x, None, None, training=True),
                 lambda x: T.nn.functional.batch_norm(x, None, None, training=True))


def test_batch_norm_training_noncontiguous_float64_and_eps():
    check_op([(3, 4, 5), (4,), (4,)], lambda x, w, b: F.batch_norm(x, None, None, w, b, True, 0.1, 1e-3),
             lambda x, w, b: T.nn.functional.batch_norm(x, None, None, w, b, True, 0.1, 1e-3), noncontiguous=True)
    check_op([(3, 2, 3, 3), (2,), (2,)], lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True),
             lambda x, w, b: T.nn.functional.batch_norm(x, None, None, w, b, training=True), dtype="float64")


@pytest.mark.parametrize("shape", [(4, 3), (2, 3, 4, 5), (1, 3, 2, 2)])
def test_batch_norm_eval_uses_running_stats(shape):
    c = shape[1]
    rng = np.random.default_rng(3)
    rm = rng.normal(size=c).astype(np.float32)
    rv = rng.uniform(0.5, 2.0, size=c).astype(np.float32)

    def nn_fn(x, w, b):
        # the float64 finite-difference pass needs float64 statistics
        dt = dtype_name(x.dtype)
        return F.batch_norm(x, from_array(rm.astype(dt)), from_array(rv.astype(dt)), w, b, training=False, eps=1e-4)

    def t_fn(x, w, b):
        import torch

        return torch.nn.functional.batch_norm(x, torch.from_numpy(rm.copy()), torch.from_numpy(rv.copy()), w, b,
                                              training=False, eps=1e-4)

    check_op([shape, (c,), (c,)], nn_fn, t_fn)
    check_op([shape], lambda x: nn_fn(x, None, None), lambda x: t_fn(x, None, None))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("momentum", [0.1, 0.7])
def test_batch_norm_running_stats_follow_torch(torch, dtype, momentum):
    rng = np.random.default_rng(0)
    c = 3
    rm_n, rv_n = nnlite.zeros(c, dtype=dtype), nnlite.ones(c, dtype=dtype)
    rm_t, rv_t = torch.zeros(c, dtype=getattr(torch, dtype)), torch.ones(c, dtype=getattr(torch, dtype))
    for step in range(4):
        x = rng.normal(loc=step, scale=1 + step, size=(4, c, 3, 2)).astype(dtype)
        y_n = F.batch_norm(from_array(x), rm_n, rv_n, training=True, momentum=momentum)
        y_t = torch.nn.functional.batch_norm(torch.from_numpy(x), rm_t, rv_t, training=True, momentum=momentum)
        np.testing.assert_allclose(to_numpy(y_n), y_t.numpy(), rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(to_numpy(rm_n), rm_t.numpy(), rtol=1e-6, atol=1e-6)
        # the running variance uses the unbiased batch variance
        np.testing.assert_allclose(to_numpy(rv_n), rv_t.numpy(), rtol=1e-5, atol=1e-6)
    assert not np.allclose(to_numpy(rv_n), 1.0)
    # eval with the accumulated statistics
    x = rng.normal(size=(2, c, 3, 2)).astype(dtype)
    np.testing.assert_allclose(to_numpy(F.batch_norm(from_array(x), rm_n, rv_n)),
                               torch.nn.functional.batch_norm(torch.from_numpy(x), rm_t, rv_t).numpy(), rtol=1e-5,
                               atol=1e-5)


def test_batch_norm_running_update_is_not_recorded_and_bumps_version():
    rm, rv = nnlite.zeros(2), nnlite.ones(2)
    x = nnlite.randn(4, 2, requires_grad=True)
    y = F.batch_norm(x, rm, rv, training=True)
    assert not rm.requires_grad and not rv.requires_grad
    y.sum().backward()  # the in-place update of the buffers does not disturb backward
    assert x.grad is not None
    np.testing.assert_allclose(to_numpy(rm), 0.1 * to_numpy(x).mean(0), rtol=1e-5, atol=1e-6)
    # eval does not change them
    before = to_numpy(rm)
    F.batch_norm(x, rm, rv, training=False)
    np.testing.assert_array_equal(to_numpy(rm), before)


def test_batch_norm_empty_batch_leaves_running_stats(torch):
    rm, rv = nnlite.zeros(3), nnlite.ones(3)
    y = F.batch_norm(nnlite.zeros(0, 3), rm, rv, training=True)
    assert tuple(y.shape) == (0, 3)
    np.testing.assert_array_equal(to_numpy(rm), 0)
    np.testing.assert_array_equal(to_numpy(rv), 1)


def test_batch_norm_double_backward(torch):
    rng = np.random.default_rng(5)
    x = rng.normal(size=(3, 2, 4))
    w = rng.normal(size=2)
    up = rng.normal(size=(3, 2, 4))

    def grad_of_grad(lib, mod):
        xt = mod(x).requires_grad_()
        wt = mod(w).requires_grad_()
        y = lib.nn.functional.batch_norm(xt, None, None, wt, None, training=True)
        (gx,) = lib.autograd.grad((y * mod(up)).sum(), [xt], create_graph=True)
        (gx * gx).sum().backward()
        return to_numpy(xt.grad) if lib is nnlite else xt.grad.numpy(), \
            to_numpy(wt.grad) if lib is nnlite else wt.grad.numpy()

    got = grad_of_grad(nnlite, from_array)
    want = grad_of_grad(torch, lambda a: torch.from_numpy(a.copy()))
    for g, wnt in zip(got, want):
        np.testing.assert_allclose(g, wnt, rtol=1e-7, atol=1e-9)


# ---- layer_norm -------------------------------------------------------------------

@pytest.mark.parametrize("shape,norm", [((3, 4), (4,)), ((2, 3, 4), (3, 4)), ((5,), (5,)), ((2, 1, 3), (3,)),
                                        ((2, 3, 4), (2, 3, 4)), ((0, 4), (4,))])
@pytest.mark.parametrize("affine", [True, False])
def test_layer_norm(shape, norm, affine):
    if affine:
        check_op([shape, norm, norm], lambda x, w, b: F.layer_norm(x, norm, w, b),
                 lambda x, w, b: T.nn.functional.layer_norm(x, norm, w, b))
    else:
        check_op([shape], lambda x: F.layer_norm(x, norm), lambda x: T.nn.functional.layer_norm(x, norm))


def test_layer_norm_weight_only_int_shape_noncontiguous_float64():
    check_op([(3, 5), (5,)], lambda x, w: F.layer_norm(x, 5, w, eps=1e-3),
             lambda x, w: T.nn.functional.layer_norm(x, (5,), w, eps=1e-3), noncontiguous=True)
    check_op([(2, 3, 4), (4,), (4,)], lambda x, w, b: F.layer_norm(x, [4], w, b),
             lambda x, w, b: T.nn.functional.layer_norm(x, [4], w, b), dtype="float64")


def test_layer_norm_constant_rows_are_finite():
    y = F.layer_norm(nnlite.full((2, 4), 3.0), (4,))
    np.testing.assert_array_equal(to_numpy(y), 0)


# ---- group_norm -------------------------------------------------------------------

@pytest.mark.parametrize("shape,groups", [((2, 6, 3, 3), 1), ((2, 6, 3, 3), 2), ((2, 6, 3, 3), 3),
                                          ((2, 6, 3, 3), 6), ((3, 4), 2), ((1, 4, 5), 4), ((0, 4, 3), 2)])
@pytest.mark.parametrize("affine", [True, False])
def test_group_norm(shape, groups, affine):
    c = shape[1]
    if affine:
        check_op([shape, (c,), (c,)], lambda x, w, b: F.group_norm(x, groups, w, b),
                 lambda x, w, b: T.nn.functional.group_norm(x, groups, w, b))
    else:
        check_op([shape], lambda x: F.group_norm(x, groups), lambda x: T.nn.functional.group_norm(x, groups))


def test_group_norm_noncontiguous_and_float64():
    check_op([(2, 4, 3), (4,), (4,)], lambda x, w, b: F.group_norm(x, 2, w, b, eps=1e-4),
             lambda x, w, b: T.nn.functional.group_norm(x, 2, w, b, eps=1e-4), noncontiguous=True)
    check_op([(2, 4, 2, 2), (4,), (4,)], lambda x, w, b: F.group_norm(x, 2, w, b),
             lambda x, w, b: T.nn.functional.group_norm(x, 2, w, b), dtype="float64")


# ---- errors ------------------------------------------------------------------------

def test_batch_norm_errors():
    x = nnlite.randn(4, 3)
    rm, rv = nnlite.zeros(3), nnlite.ones(3)
    with pytest.raises(ValueError, match=r"batch_norm: expected an input of shape \[N, C\]"):
        F.batch_norm(nnlite.randn(3), rm, rv)
    with pytest.raises(ValueError, match=r"batch_norm: weight must have shape \[3\]"):
        F.batch_norm(x, rm, rv, nnlite.ones(4))
    with pytest.raises(ValueError, match=r"batch_norm: bias must have shape \[3\]"):
        F.batch_norm(x, rm, rv, None, nnlite.ones(2, 3))
    with pytest.raises(ValueError, match=r"batch_norm: running_mean must have shape \[3\]"):
        F.batch_norm(x, nnlite.zeros(2), rv)
    with pytest.raises(ValueError, match=r"batch_norm: running_var must have shape \[3\]"):
        F.batch_norm(x, rm, nnlite.ones(4), training=True)
    with pytest.raises(ValueError, match="must be defined in evaluation mode"):
        F.batch_norm(x, None, None, training=False)
    with pytest.raises(ValueError, match="both be given or both be None"):
        F.batch_norm(x, rm, None, training=True)
    with pytest.raises(ValueError, match="more than 1 value per channel when training"):
        F.batch_norm(nnlite.randn(1, 3), rm, rv, training=True)
    with pytest.raises(ValueError, match="batch_norm: eps must be a finite non-negative number"):
        F.batch_norm(x, rm, rv, eps=-1e-5)
    with pytest.raises(TypeError, match="batch_norm: expected a floating-point tensor"):
        F.batch_norm(nnlite.ones(4, 3, dtype=nnlite.int64), rm, rv)
    with pytest.raises(TypeError, match="batch_norm: running_mean must be a floating-point tensor"):
        F.batch_norm(x, nnlite.zeros(3, dtype=nnlite.int64), rv)
    with pytest.raises(TypeError, match=r"batch_norm: running_var \(float64 .*\) must have the input's dtype"):
        F.batch_norm(x, rm, nnlite.ones(3, dtype=nnlite.float64))
    with pytest.raises(TypeError, match=r"batch_norm: weight \(float64 .*\) must have the input's dtype"):
        F.batch_norm(x, rm, rv, nnlite.ones(3, dtype=nnlite.float64), training=True)
    # nothing was updated by the failed calls
    np.testing.assert_array_equal(to_numpy(rm), 0)
    np.testing.assert_array_equal(to_numpy(rv), 1)


def test_layer_norm_errors():
    x = nnlite.randn(2, 5)
    with pytest.raises(ValueError, match=r"layer_norm: normalized_shape \[4\] must equal the trailing dimensions"):
        F.layer_norm(x, (4,))
    with pytest.raises(ValueError, match=r"layer_norm: normalized_shape \[2, 2, 5\] must equal"):
        F.layer_norm(x, (2, 2, 5))
    with pytest.raises(ValueError, match="at least one dimension"):
        F.layer_norm(x, ())
    with pytest.raises(ValueError, match=r"layer_norm: weight must have shape \[5\]"):
        F.layer_norm(x, (5,), nnlite.ones(4))
    with pytest.raises(ValueError, match=r"layer_norm: bias must have shape \[5\]"):
        F.layer_norm(x, (5,), None, nnlite.ones(1, 5))
    with pytest.raises(ValueError, match="eps must be a finite non-negative"):
        F.layer_norm(x, (5,), eps=-1.0)
    with pytest.raises(TypeError, match="layer_norm: bias .* must have the input's dtype"):
        F.layer_norm(x, (5,), None, nnlite.ones(5, dtype=nnlite.float64))
    with pytest.raises(TypeError, match="layer_norm"):
        F.layer_norm(x, "abc")


def test_group_norm_errors():
    x = nnlite.randn(2, 6, 3)
    with pytest.raises(ValueError, match=r"group_norm: the 6 channels of the input .* not divisible by num_groups=4"):
        F.group_norm(x, 4)
    with pytest.raises(ValueError, match="num_groups must be positive"):
        F.group_norm(x, 0)
    with pytest.raises(ValueError, match="num_groups must be positive"):
        F.group_norm(x, -2)
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        F.group_norm(nnlite.randn(6), 3)
    with pytest.raises(ValueError, match=r"group_norm: weight must have shape \[6\]"):
        F.group_norm(x, 3, nnlite.ones(3))
    with pytest.raises(TypeError, match="group_norm: weight .* must have the input's dtype"):
        F.group_norm(x, 3, nnlite.ones(6, dtype=nnlite.float64))
    with pytest.raises(ValueError, match="eps must be a finite non-negative"):
        F.group_norm(x, 3, eps=float("nan"))
