"""nnlite.nn.utils.clip_grad_norm_ / clip_grad_value_ against torch.nn.utils:
the returned total norm and the clipped gradients, over several parameter
sets and norm types, plus the non-finite and argument errors."""
import math

import numpy as np
import pytest

import nnlite
from nnlite.nn.utils import clip_grad_norm_, clip_grad_value_
from op_check import from_array, to_numpy

PARAM_SETS = {
    "one": [(5,)],
    "mixed": [(3, 4), (4,), (2, 3, 2)],
    "scalar_and_empty": [(), (0, 3), (6,)],
    "large": [(64, 33), (33,)],
}


def make_params(torch, shapes, rng, scale, dtype="float32", without_grad=()):
    """The same parameters and gradients in nnlite and torch."""
    nn_params, t_params = [], []
    for i, s in enumerate(shapes):
        w = rng.standard_normal(s).astype(dtype)
        p, tp = from_array(w).requires_grad_(), torch.from_numpy(w.copy()).requires_grad_()
        if i not in without_grad:
            g = np.asarray(rng.standard_normal(s) * scale).astype(dtype)
            p.grad, tp.grad = from_array(g), torch.from_numpy(g.copy())
        nn_params.append(p)
        t_params.append(tp)
    return nn_params, t_params


def assert_same_grads(nn_params, t_params, rtol=1e-5):
    for p, tp in zip(nn_params, t_params):
        if tp.grad is None:
            assert p.grad is None
        else:
            np.testing.assert_allclose(to_numpy(p.grad), tp.grad.numpy(), rtol=rtol, atol=1e-6)


@pytest.mark.parametrize("name", sorted(PARAM_SETS))
@pytest.mark.parametrize("norm_type", [2.0, 1, math.inf, "inf", 3.0, 0.5])
@pytest.mark.parametrize("max_norm", [0.5, 1e6])
def test_clip_grad_norm_matches_torch(name, norm_type, max_norm, rng, torch):
    nn_params, t_params = make_params(torch, PARAM_SETS[name], rng, scale=2.0)
    total = clip_grad_norm_(nn_params, max_norm, norm_type=norm_type)
    # torch refuses the inf norm of an empty gradient; nnlite counts it as 0 (it has no elements).
    t_total = torch.nn.utils.clip_grad_norm_([p for p in t_params if p.numel() > 0], max_norm, norm_type=norm_type)
    assert tuple(total.shape) == () and total.dtype == nnlite.float32
    np.testing.assert_allclose(float(total), float(t_total), rtol=1e-5)
    assert_same_grads(nn_params, t_params)


def test_clip_grad_norm_float64_single_tensor_and_missing_grads(rng, torch):
    nn_params, t_params = make_params(torch, [(4, 3), (5,), (2,)], rng, scale=3.0, dtype="float64",
                                      without_grad=(1,))
    total = clip_grad_norm_(nn_params, 1.0)
    np.testing.assert_allclose(float(total), float(torch.nn.utils.clip_grad_norm_(t_params, 1.0)), rtol=1e-12)
    assert total.dtype == nnlite.float64
    assert_same_grads(nn_params, t_params, rtol=1e-12)
    # A single tensor (not in a list), and a generator of parameters.
    p, tp = make_params(torch, [(6,)], rng, scale=3.0)
    clip_grad_norm_(p[0], 0.1, norm_type=1)
    torch.nn.utils.clip_grad_norm_(tp[0], 0.1, norm_type=1)
    assert_same_grads(p, tp)
    p, tp = make_params(torch, [(6,), (2, 2)], rng, scale=3.0)
    clip_grad_norm_((q for q in p), 0.3)
    torch.nn.utils.clip_grad_norm_((q for q in tp), 0.3)
    assert_same_grads(p, tp)


def test_clip_grad_norm_changes_the_grads_in_place_and_module_parameters():
    model = nnlite.nn.Linear(4, 3)
    model(nnlite.ones((2, 4)) * 10).sum().backward()
    grad = model.weight.grad
    before = float((grad * grad).sum()) ** 0.5
    total = clip_grad_norm_(model.parameters(), 0.01)
    assert float(total) > 0.01
    np.testing.assert_allclose(float((grad * grad).sum()) ** 0.5, before * 0.01 / (float(total) + 1e-6), rtol=1e-5)


def test_no_gradients_give_a_zero_norm():
    p = nnlite.zeros(3, requires_grad=True)
    assert float(clip_grad_norm_([p], 1.0)) == 0.0
    assert float(clip_grad_norm_([], 1.0)) == 0.0


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_error_if_nonfinite(bad, torch):
    g = np.array([1.0, bad, 2.0], dtype=np.float32)
    p = nnlite.zeros(3, requires_grad=True)
    p.grad = from_array(g)
    with pytest.raises(RuntimeError, match=r"clip_grad_norm_: the total norm of order 2.* is (nan|inf).*"
                                           r"error_if_nonfinite=False"):
        clip_grad_norm_([p], 1.0, error_if_nonfinite=True)
    np.testing.assert_array_equal(to_numpy(p.grad), g)  # untouched
    # Without the flag, torch scales by the non-finite norm; so does nnlite.
    tp = torch.zeros(3, requires_grad=True)
    tp.grad = torch.from_numpy(g.copy())
    total = clip_grad_norm_([p], 1.0)
    t_total = torch.nn.utils.clip_grad_norm_([tp], 1.0)
    np.testing.assert_array_equal(float(total), float(t_total))
    np.testing.assert_array_equal(to_numpy(p.grad), tp.grad.numpy())


@pytest.mark.parametrize("clip_value", [0.5, 2.0, 0.0])
def test_clip_grad_value_matches_torch(clip_value, rng, torch):
    nn_params, t_params = make_params(torch, [(3, 4), (5,), ()], rng, scale=2.0, without_grad=(1,))
    assert clip_grad_value_(nn_params, clip_value) is None
    torch.nn.utils.clip_grad_value_(t_params, clip_value)
    assert_same_grads(nn_params, t_params)


def test_bad_arguments():
    p = nnlite.zeros(3, requires_grad=True)
    with pytest.raises(TypeError, match=r"clip_grad_norm_: parameters must be tensors, but element 1 is a int"):
        clip_grad_norm_([p, 3], 1.0)
    with pytest.raises(TypeError, match=r"clip_grad_norm_: parameters must be a tensor or an iterable"):
        clip_grad_norm_(3, 1.0)
    with pytest.raises(ValueError, match=r"clip_grad_norm_: norm_type must be a number, got 'fro'"):
        clip_grad_norm_([p], 1.0, norm_type="fro")
    with pytest.raises(TypeError, match=r"clip_grad_value_: clip_value must be a number, got NoneType"):
        clip_grad_value_([p], None)
