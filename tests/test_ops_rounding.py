"""log1p/expm1/log2/log10, rounding (floor, ceil, round, trunc, frac),
remainders (fmod, remainder), non-finite values (isnan, isinf, isfinite,
nan_to_num) and lerp, against torch: values, gradients (finite differences
where smooth), integer dtypes, in-place forms and errors."""
import numpy as np
import pytest

import nnlite
from op_check import check_op, torch_op

torch = pytest.importorskip("torch")

# Ops of nnlite._C.op_names() that this file tests (read by test_op_coverage.py).
TESTED_OPS = {"log1p", "expm1", "log2", "log10", "floor", "ceil", "round", "trunc", "fmod", "remainder"}

SMOOTH = {"log1p": (-0.9, 3), "expm1": (-2, 2), "log2": (0.1, 4), "log10": (0.1, 4)}
STEPS = ["floor", "ceil", "round", "trunc", "frac"]


@pytest.mark.parametrize("shape", [(), (0,), (7,), (3, 4)])
@pytest.mark.parametrize("name", sorted(SMOOTH))
def test_smooth_unary(name, shape):
    low, high = SMOOTH[name]
    check_op([shape], getattr(nnlite, name), torch_op(name), low=low, high=high)
    check_op([(3, 5)], lambda x: getattr(x, name)(), lambda x: getattr(x, name)(), low=low, high=high,
             noncontiguous=True, dtype="float64")


def test_small_arguments_keep_their_precision():
    x = nnlite.tensor([1e-10, -1e-12, 1e-7])
    np.testing.assert_allclose(nnlite.log1p(x).numpy(), [1e-10, -1e-12, 1e-7], rtol=1e-6)
    np.testing.assert_allclose(nnlite.expm1(x).numpy(), [1e-10, -1e-12, 1e-7], rtol=1e-6)
    assert nnlite.log2(nnlite.tensor([8.0, 1024.0])).tolist() == [3.0, 10.0]
    assert nnlite.log10(nnlite.tensor([1000.0])).tolist() == [3.0]


@pytest.mark.parametrize("name", STEPS)
def test_rounding_values_and_zero_gradients(name):
    check_op([(4, 5)], getattr(nnlite, name), getattr(torch, name), low=-4, high=4, fd=False)
    check_op([(2, 3)], getattr(nnlite, name), getattr(torch, name), low=-4, high=4, fd=False, dtype="float64",
             noncontiguous=True)


def test_round_is_half_to_even_and_takes_decimals():
    values = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.4999, -0.0]
    assert nnlite.round(nnlite.tensor(values)).tolist() == torch.round(torch.tensor(values)).tolist()
    x = np.array([1.2345, -2.5551, 1250.0, 0.125], np.float64)
    for decimals in (2, 1, -2):
        np.testing.assert_allclose(nnlite.round(nnlite.from_numpy(x), decimals=decimals).numpy(),
                                   torch.round(torch.from_numpy(x), decimals=decimals).numpy())


@pytest.mark.parametrize("name", ["floor", "ceil", "round", "trunc"])
def test_rounding_integers_is_a_copy(name):
    x = nnlite.tensor([-3, 0, 7])
    y = getattr(nnlite, name)(x)
    assert y.dtype == nnlite.int64 and y.tolist() == [-3, 0, 7]
    with pytest.raises(TypeError, match=f"{name}: not defined for bool tensors"):
        getattr(nnlite, name)(nnlite.tensor([True]))


@pytest.mark.parametrize("name", ["fmod", "remainder"])
def test_remainders_float(name):
    # operands of both signs; the divisor kept away from 0 and the quotient from integers
    check_op([(3, 4), (3, 4)], getattr(nnlite, name), getattr(torch, name), low=0.3, high=3, fd=True)
    a = np.array([-7.5, -3.0, 5.25, 7.0, -0.0], np.float32)
    b = np.array([2.0, -2.5, -1.5, 3.0, 2.0], np.float32)
    got = getattr(nnlite, name)(nnlite.from_numpy(a), nnlite.from_numpy(b)).numpy()
    want = getattr(torch, name)(torch.from_numpy(a), torch.from_numpy(b)).numpy()
    np.testing.assert_array_equal(got, want)
    # broadcasting and a Python number on the right
    x = nnlite.from_numpy(a)
    np.testing.assert_array_equal(getattr(x, name)(2.0).numpy(), getattr(torch.from_numpy(a), name)(2.0).numpy())


@pytest.mark.parametrize("name", ["fmod", "remainder"])
def test_remainders_integer(name):
    a = np.array([-7, -3, 5, 7, 0], np.int64)
    b = np.array([2, -2, -3, 3, 5], np.int64)
    got = getattr(nnlite, name)(nnlite.from_numpy(a), nnlite.from_numpy(b))
    assert got.dtype == nnlite.int64
    assert got.tolist() == getattr(torch, name)(torch.from_numpy(a), torch.from_numpy(b)).tolist()
    with pytest.raises(RuntimeError, match=f"{name}: integer division by zero"):
        getattr(nnlite, name)(nnlite.from_numpy(a), nnlite.tensor(0))


def test_gradients_of_remainders_match_torch():
    a = np.array([-7.3, 5.2, 2.9], np.float64)
    b = np.array([2.1, -1.7, 0.8], np.float64)
    for name in ("fmod", "remainder"):
        xa, xb = nnlite.from_numpy(a).requires_grad_(), nnlite.from_numpy(b).requires_grad_()
        getattr(nnlite, name)(xa, xb).sum().backward()
        ta, tb = torch.from_numpy(a).requires_grad_(), torch.from_numpy(b).requires_grad_()
        getattr(torch, name)(ta, tb).sum().backward()
        np.testing.assert_allclose(xa.grad.numpy(), ta.grad.numpy())
        np.testing.assert_allclose(xb.grad.numpy(), tb.grad.numpy())


def test_non_finite_tests_and_nan_to_num():
    values = [1.0, float("nan"), float("inf"), -float("inf"), -0.0, 3e38]
    for dtype, tdtype in ((nnlite.float32, torch.float32), (nnlite.float64, torch.float64)):
        x, t = nnlite.tensor(values, dtype=dtype), torch.tensor(values, dtype=tdtype)
        for name in ("isnan", "isinf", "isfinite"):
            assert getattr(x, name)().tolist() == getattr(t, name)().tolist(), name
        for kwargs in ({}, dict(nan=1.5, posinf=9.0, neginf=-8.0), dict(posinf=2.0)):
            np.testing.assert_array_equal(nnlite.nan_to_num(x, **kwargs).numpy(),
                                          torch.nan_to_num(t, **kwargs).numpy())
    ints = nnlite.tensor([1, 2])
    assert nnlite.isnan(ints).tolist() == [False, False] and nnlite.isfinite(ints).tolist() == [True, True]
    assert nnlite.nan_to_num(ints).tolist() == [1, 2]
    # the gradient passes where the value is kept, zero where it is replaced
    x = nnlite.tensor(values, dtype=nnlite.float64).requires_grad_()
    t = torch.tensor(values, dtype=torch.float64, requires_grad=True)
    nnlite.nan_to_num(x).sum().backward()
    torch.nan_to_num(t).sum().backward()
    assert x.grad.tolist() == t.grad.tolist()


def test_lerp_matches_torch():
    check_op([(3, 4), (3, 4), (3, 4)], nnlite.lerp, torch.lerp, low=-2, high=2)
    check_op([(3, 4), (4,)], lambda s, e: nnlite.lerp(s, e, 0.25), lambda s, e: torch.lerp(s, e, 0.25))


def test_in_place_forms():
    cases = {"floor_": (), "ceil_": (), "trunc_": (), "frac_": (), "round_": (), "log1p_": (), "expm1_": (),
             "exp_": (), "neg_": (), "abs_": (), "sigmoid_": (), "tanh_": (), "nan_to_num_": (),
             "fmod_": (1.5,), "remainder_": (-1.5,), "pow_": (2.0,), "lerp_": ("end", 0.5)}
    base = np.array([[0.3, 2.7, -1.2], [4.5, -0.5, 1.0]], np.float32)
    for name, args in cases.items():
        x, t = nnlite.from_numpy(base.copy()), torch.from_numpy(base.copy())
        ours = [nnlite.full((3,), 3.0) if a == "end" else a for a in args]
        theirs = [torch.full((3,), 3.0) if a == "end" else a for a in args]   # torch's end is a tensor
        assert getattr(x, name)(*ours) is x
        getattr(t, name)(*theirs)
        np.testing.assert_allclose(x.numpy(), t.numpy(), rtol=1e-6, err_msg=name)
    leaf = nnlite.ones(2).requires_grad_()
    with pytest.raises(RuntimeError, match="floor_"):
        leaf.floor_()


@pytest.mark.parametrize("name,args", [("log1p", ()), ("floor", ()), ("round", ()), ("trunc", ()),
                                       ("fmod", (1.5,)), ("remainder", (1.5,)), ("log2", ())])
def test_export_runs_in_onnxruntime(tmp_path, name, args):
    ort = pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")

    class Op(nnlite.nn.Module):
        def forward(self, x):
            return getattr(x, name)(*args)

    x = nnlite.tensor([[0.5, 2.5, -1.25], [7.0, -3.5, 0.75]]).abs() if name in ("log1p", "log2") else \
        nnlite.tensor([[0.5, 2.5, -1.25], [7.0, -3.5, 0.75]])
    path = tmp_path / "op.onnx"
    nnlite.onnx.export(Op(), (x,), str(path))
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (got,) = session.run(None, {session.get_inputs()[0].name: x.numpy()})
    np.testing.assert_allclose(got, getattr(x, name)(*args).numpy(), rtol=1e-6)
