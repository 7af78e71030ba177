"""Elementwise ops: unary math, binary arithmetic with broadcasting, Python
scalars on either side, comparisons, where, clamp and type promotion."""
import numpy as np
import pytest

import nnlite
from op_check import check_op, dtype_name, from_array, to_numpy, torch_op, T

# Ops of nnlite._C.op_names() that this file tests (read by test_op_coverage.py).
TESTED_OPS = {
    "neg", "abs", "sign", "exp", "erf", "log", "sqrt", "rsqrt", "sin", "cos", "tanh", "sigmoid", "relu",
    "clamp", "add", "sub", "mul", "div", "pow", "maximum", "minimum", "where",
    "eq", "ne", "lt", "le", "gt", "ge", "logical_not", "logical_and", "logical_or",
}

UNARY_SHAPES = [(), (1,), (0,), (7,), (3, 4), (2, 1, 5), (2, 0, 3)]

# name -> (low, high) of the inputs: log/sqrt/rsqrt need positive numbers.
UNARY = {
    "neg": (-2, 2), "abs": (-2, 2), "exp": (-2, 2), "log": (0.1, 3), "sqrt": (0.1, 3),
    "rsqrt": (0.1, 3), "sin": (-3, 3), "cos": (-3, 3), "tanh": (-3, 3), "sigmoid": (-4, 4),
    "relu": (-2, 2), "sign": (-2, 2), "erf": (-2.5, 2.5),
}


@pytest.mark.parametrize("shape", UNARY_SHAPES)
@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary(name, shape, device):
    low, high = UNARY[name]
    check_op([shape], getattr(nnlite, name), torch_op(name), low=low, high=high, device=device)


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_noncontiguous_and_method(name, device):
    low, high = UNARY[name]
    check_op([(3, 5)], lambda x: getattr(x, name)(), lambda x: getattr(x, name)(),
             low=low, high=high, noncontiguous=True, device=device)


@pytest.mark.parametrize("name", ["exp", "tanh", "sigmoid", "log", "sqrt"])
def test_unary_float64(name, device):
    low, high = UNARY[name]
    check_op([(4, 3)], getattr(nnlite, name), torch_op(name),
             dtype="float64", low=low, high=high, device=device)


def test_unary_large_tensor_uses_vector_tails():
    # 1000 + 3 elements: a multiple of no SIMD width, so the scalar tail runs too.
    for name in ["exp", "tanh", "sigmoid", "relu", "abs"]:
        check_op([(1003,)], getattr(nnlite, name), torch_op(name),
                 fd_max_elems=4)


def test_neg_operator():
    check_op([(2, 3)], lambda x: -x, lambda x: -x)


@pytest.mark.parametrize("dtype,lo,hi", [(np.float32, -110, 90), (np.float64, -760, 712)])
def test_exp_and_sigmoid_within_two_ulp_over_the_whole_range(dtype, lo, hi):
    # exp and sigmoid use the vectorised exp of cpu/isa/vmath.h: compare with a
    # correctly rounded reference (long double) from overflow down through
    # the subnormal results, plus the special values.
    specials = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e-30, -1e-30]
    x = np.concatenate([np.linspace(lo, hi, 400_003), specials]).astype(dtype)
    xl = x.astype(np.longdouble)
    with np.errstate(over="ignore"):
        refs = {"exp": np.exp(xl).astype(dtype), "sigmoid": (1 / (1 + np.exp(-xl))).astype(dtype)}
    for name, ref in refs.items():
        got = getattr(nnlite, name)(nnlite.from_numpy(x)).numpy()
        normal = np.isfinite(ref) & (ref != 0)
        ulp = np.abs(got[normal].astype(np.longdouble) - ref[normal]) / np.spacing(np.abs(ref[normal]))
        assert ulp.max() <= 2, (name, dtype, x[normal][np.argmax(ulp)])
        np.testing.assert_array_equal(got[~normal], ref[~normal])


def test_relu_backward_passes_nan_and_blocks_zero_like_torch(torch):
    # relu's backward is one fused kernel (Binary::ReluGrad); an expanded
    # (stride-0) incoming gradient and float64 go through it too.
    for dtype in (np.float32, np.float64):
        x = np.array([[-1, 0, 2, np.nan, -0.0, 3]], dtype).repeat(2, 0)
        a = nnlite.from_numpy(x).requires_grad_()
        nnlite.relu(a).backward(nnlite.tensor(np.arange(6, dtype=dtype)).expand(2, 6))
        t = torch.from_numpy(x).requires_grad_()
        torch.relu(t).backward(torch.arange(6, dtype=t.dtype).expand(2, 6))
        np.testing.assert_array_equal(a.grad.numpy(), t.grad.numpy())


def test_sigmoid_tanh_exp_extreme_values_are_finite():
    x = nnlite.tensor([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    np.testing.assert_allclose(to_numpy(nnlite.sigmoid(x)), [0, 1.9287498e-22, 0.5, 1, 1], rtol=1e-5)
    np.testing.assert_allclose(to_numpy(nnlite.tanh(x)), [-1, -1, 0, 1, 1])
    assert np.isinf(to_numpy(nnlite.exp(x))[-1])


BINARY_SHAPES = [
    ((3, 4), (3, 4)),
    ((3, 4), (4,)),
    ((4,), (3, 4)),
    ((2, 1, 4), (3, 1)),
    ((1,), (5,)),
    ((), (2, 3)),
    ((2, 3), ()),
    ((0, 3), (1, 3)),
    ((2, 0), (2, 1)),
    ((1, 1, 1), (1,)),
]

BINARY = {
    "add": (lambda a, b: a + b, "add"),
    "sub": (lambda a, b: a - b, "sub"),
    "mul": (lambda a, b: a * b, "mul"),
    "div": (lambda a, b: a / b, "div"),
    "maximum": (None, "maximum"),
    "minimum": (None, "minimum"),
}


def _binary_inputs(name, sa, sb, rng):
    a = rng.uniform(-2, 2, sa).astype(np.float32)
    b = rng.uniform(-2, 2, sb).astype(np.float32)
    if name == "div":  # keep the divisor away from zero
        b = (np.sign(b) + (b == 0)) * (0.5 + np.abs(b)).astype(np.float32)
    return a, b


@pytest.mark.parametrize("sa,sb", BINARY_SHAPES)
@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_broadcasting(name, sa, sb, rng, device):
    a, b = _binary_inputs(name, sa, sb, rng)
    op, tname = BINARY[name]
    check_op([a, b], getattr(nnlite, name), torch_op(tname), device=device)
    if op is not None:
        check_op([a, b], op, op, device=device)


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_noncontiguous(name, rng, device):
    a, b = _binary_inputs(name, (4, 3), (4, 3), rng)
    fn = getattr(nnlite, name)
    check_op([a, b], fn, torch_op(name), noncontiguous=True, device=device)
    a, b = _binary_inputs(name, (2, 5, 3), (5, 1), rng)
    check_op([a, b], fn, torch_op(name), noncontiguous=True, device=device)


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_float64_and_large(name, rng, device):
    a, b = _binary_inputs(name, (2, 3), (3,), rng)
    check_op([a.astype(np.float64), b.astype(np.float64)], getattr(nnlite, name),
             torch_op(name), dtype="float64", device=device)
    a, b = _binary_inputs(name, (33, 65), (65,), rng)
    check_op([a, b], getattr(nnlite, name), torch_op(name),
             fd_max_elems=4, device=device)


@pytest.mark.parametrize("sa,sb", [((3, 4), (3, 4)), ((3, 1), (4,)), ((), (2,)), ((0, 2), (2,))])
def test_pow_tensor_tensor(sa, sb, device):
    # Positive bases: a negative base with a fractional exponent is NaN in both libraries.
    check_op([sa, sb], lambda a, b: a ** b, lambda a, b: a ** b, low=0.3, high=2.0, device=device)
    check_op([sa, sb], nnlite.pow, torch_op("pow"), low=0.3, high=2.0, device=device)


@pytest.mark.parametrize("exponent", [2, 3, 0.5, -1, -2.5, 0, 1])
def test_pow_scalar_exponent(exponent):
    check_op([(3, 4)], lambda x: x ** exponent, lambda x: x ** exponent, low=0.2, high=2.0)
    check_op([(3, 4)], lambda x: nnlite.pow(x, exponent), lambda x: T.pow(x, exponent),
             low=0.2, high=2.0)


def test_pow_integer_exponent_of_negative_base():
    check_op([(5,)], lambda x: x ** 2, lambda x: x ** 2, low=-2, high=-0.1)
    check_op([(5,)], lambda x: x ** 3, lambda x: x ** 3, low=-2, high=2)


def test_rpow_scalar_base():
    check_op([(3, 4)], lambda x: 2.0 ** x, lambda x: 2.0 ** x)
    check_op([(3, 4)], lambda x: 0.5 ** x, lambda x: 0.5 ** x)


@pytest.mark.parametrize("scalar", [2, -1.5, 0.25])
@pytest.mark.parametrize("op", ["add", "sub", "mul", "div"])
def test_python_scalars_on_either_side(op, scalar):
    ops = {
        "add": (lambda x, s: x + s, lambda x, s: s + x),
        "sub": (lambda x, s: x - s, lambda x, s: s - x),
        "mul": (lambda x, s: x * s, lambda x, s: s * x),
        "div": (lambda x, s: x / s, lambda x, s: s / x),
    }[op]
    low, high = (0.5, 2) if op == "div" else (-2, 2)
    for f in ops:
        check_op([(2, 3)], lambda x: f(x, scalar), lambda x: f(x, scalar), low=low, high=high)
        check_op([()], lambda x: f(x, scalar), lambda x: f(x, scalar), low=low, high=high)


def test_functions_accept_python_scalars():
    check_op([(4,)], lambda x: nnlite.add(x, 2.0), lambda x: T.add(x, 2.0))
    check_op([(4,)], lambda x: nnlite.maximum(x, nnlite.tensor(0.5)),
             lambda x: T.maximum(x, T.tensor(0.5)))


def test_maximum_minimum_ties_split_nothing_twice():
    # Where a == b the gradient must go somewhere exactly once (total 1), as in torch (half each).
    a = nnlite.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = nnlite.tensor([1.0, 0.0, 5.0], requires_grad=True)
    nnlite.maximum(a, b).sum().backward()
    np.testing.assert_allclose(to_numpy(a.grad) + to_numpy(b.grad), [1, 1, 1])
    np.testing.assert_allclose(to_numpy(a.grad)[1:], [1, 0])


CLAMPS = [dict(min=-0.5, max=0.5), dict(min=-0.5), dict(max=0.3), dict(min=0.0, max=0.0)]


@pytest.mark.parametrize("kw", CLAMPS)
@pytest.mark.parametrize("shape", [(3, 4), (0,), ()])
def test_clamp(kw, shape, device):
    check_op([shape], lambda x: nnlite.clamp(x, **kw), lambda x: T.clamp(x, **kw), device=device)
    check_op([shape], lambda x: x.clamp(**kw), lambda x: x.clamp(**kw), noncontiguous=True, device=device)


def test_clamp_positional():
    check_op([(5,)], lambda x: nnlite.clamp(x, -1, 1), lambda x: T.clamp(x, -1, 1))


def test_clamp_int_keeps_dtype():
    check_op([(6,)], lambda x: nnlite.clamp(x, 2, 5), lambda x: T.clamp(x, 2, 5),
             dtype="int64", low=0, high=9)


COMPARISONS = {
    "eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b, "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b,
}


@pytest.mark.parametrize("sa,sb", [((3, 4), (3, 4)), ((3, 1), (4,)), ((), (5,)), ((0, 2), (1, 2))])
@pytest.mark.parametrize("name", sorted(COMPARISONS))
def test_comparisons(name, sa, sb, rng, device):
    # Small integers stored as floats, so that equal elements occur.
    a = rng.integers(0, 3, sa).astype(np.float32)
    b = rng.integers(0, 3, sb).astype(np.float32)
    out = check_op([a, b], COMPARISONS[name], COMPARISONS[name], device=device)
    assert dtype_name(out[0].dtype) == "bool"
    check_op([a, b], getattr(nnlite, name), torch_op(name), device=device)
    check_op([a, b], getattr(nnlite, name), torch_op(name),
             noncontiguous=True, device=device)


@pytest.mark.parametrize("name", sorted(COMPARISONS))
def test_comparisons_with_scalars_and_ints(name, rng):
    a = rng.integers(0, 4, (6,))
    f = COMPARISONS[name]
    check_op([a], lambda x: f(x, 2), lambda x: f(x, 2))
    check_op([a], lambda x: f(2, x), lambda x: f(2, x))
    check_op([a.astype(np.float32)], lambda x: f(x, 1.5), lambda x: f(x, 1.5))


def test_comparison_has_no_grad():
    x = nnlite.tensor([1.0, 2.0], requires_grad=True)
    y = x > 1.5
    assert not y.requires_grad
    assert dtype_name(y.dtype) == "bool"


def test_logical_ops(rng):
    a = rng.integers(0, 2, (3, 4)).astype(bool)
    b = rng.integers(0, 2, (4,)).astype(bool)
    check_op([a], nnlite.logical_not, torch_op("logical_not"))
    check_op([a, b], nnlite.logical_and, torch_op("logical_and"))
    check_op([a, b], nnlite.logical_or, torch_op("logical_or"))
    check_op([a.astype(np.float32)], nnlite.logical_not, torch_op("logical_not"))


@pytest.mark.parametrize("sc,sa,sb", [
    ((3, 4), (3, 4), (3, 4)), ((3, 1), (1, 4), (4,)), ((), (2, 3), (2, 3)), ((0, 3), (1, 3), (3,)),
])
def test_where(sc, sa, sb, rng, device):
    cond = rng.integers(0, 2, sc).astype(bool)
    check_op([cond, sa, sb], nnlite.where, torch_op("where"), device=device)
    check_op([cond, sa, sb], nnlite.where, torch_op("where"),
             noncontiguous=True, device=device)


def test_where_with_python_scalar():
    cond = np.array([True, False, True])
    check_op([cond, (3,)], lambda c, a: nnlite.where(c, a, 0.0), lambda c, a: T.where(c, a, 0.0))


def test_int_arithmetic_is_exact(rng):
    a = rng.integers(-50, 50, (4, 5))
    b = rng.integers(1, 9, (5,))
    for op in [lambda x, y: x + y, lambda x, y: x - y, lambda x, y: x * y, lambda x, y: x / y,
               lambda x, y: x * 3 - y]:
        check_op([a, b], op, op)
    check_op([a.astype(np.int32), b.astype(np.int32)], lambda x, y: x * y, lambda x, y: x * y)
    check_op([a.astype(np.uint8) % 16, b.astype(np.uint8)], lambda x, y: x + y, lambda x, y: x + y)


# ---- type promotion, as in torch -------------------------------------------

def _dt(t):
    return dtype_name(t.dtype)


def test_promotion_python_scalars():
    i = nnlite.tensor([1, 2, 3])
    assert _dt(i) == "int64"
    assert _dt(i + 1.5) == "float32"
    assert _dt(1.5 + i) == "float32"
    assert _dt(i * 2) == "int64"
    assert _dt(2 * i) == "int64"
    assert _dt(i / 2) == "float32"
    assert _dt(i / i) == "float32"
    np.testing.assert_allclose(to_numpy(i / 2), [0.5, 1.0, 1.5])
    f = nnlite.tensor([1.0, 2.0])
    assert _dt(f + 1) == "float32"
    assert _dt(f * 2.5) == "float32"  # a Python float does not make float64
    d = nnlite.tensor([1.0], dtype=nnlite.float64)
    assert _dt(d + 1.5) == "float64"
    i32 = nnlite.tensor([1, 2], dtype=nnlite.int32)
    assert _dt(i32 + 1) == "int32"
    assert _dt(i32 + 1.0) == "float32"
    u8 = nnlite.tensor([1, 2], dtype=nnlite.uint8)
    assert _dt(u8 + 1) == "uint8"
    b = nnlite.tensor([True, False])
    assert _dt(b + 1) == "int64"
    assert _dt(b * 1.5) == "float32"


@pytest.mark.parametrize("da,db,expected", [
    ("int32", "int64", "int64"), ("uint8", "int32", "int32"), ("int64", "float32", "float32"),
    ("float32", "float64", "float64"), ("bool", "uint8", "uint8"), ("bool", "float32", "float32"),
    ("int32", "float64", "float64"), ("bool", "bool", "bool"),
])
def test_promotion_tensor_tensor(da, db, expected):
    a = nnlite.ones(2, dtype=getattr(nnlite, da))
    b = nnlite.ones(2, dtype=getattr(nnlite, db))
    op = (lambda x, y: nnlite.logical_or(x, y)) if expected == "bool" else (lambda x, y: x * y)
    assert _dt(op(a, b)) == expected
    if expected != "bool":
        assert _dt(a + b) == expected and _dt(b + a) == expected


def test_promotion_matches_torch(torch):
    dts = ["bool", "uint8", "int32", "int64", "float32", "float64"]
    for da in dts:
        for db in dts:
            if da == "bool" and db == "bool":
                continue
            a, b = nnlite.ones(3, dtype=getattr(nnlite, da)), nnlite.ones(3, dtype=getattr(nnlite, db))
            ta, tb = torch.ones(3, dtype=getattr(torch, da)), torch.ones(3, dtype=getattr(torch, db))
            assert _dt(a + b) == dtype_name((ta + tb).dtype), (da, db)
            assert _dt(a / b) == dtype_name((ta / tb).dtype), (da, db)
            assert _dt(nnlite.maximum(a, b)) == dtype_name(torch.maximum(ta, tb).dtype), (da, db)


def test_int_unary_float_ops_promote():
    # exp/sqrt of an integer tensor give float32, as in torch.
    x = nnlite.tensor([1, 4, 9])
    assert _dt(nnlite.sqrt(x)) == "float32"
    np.testing.assert_allclose(to_numpy(nnlite.sqrt(x)), [1, 2, 3])
    assert _dt(nnlite.exp(x)) == "float32"
    assert _dt(nnlite.abs(nnlite.tensor([-1, 2]))) == "int64"
    assert _dt(-nnlite.tensor([1, 2])) == "int64"


def test_mixed_float_dtypes_gradients_keep_input_dtype():
    a = nnlite.ones(3, dtype=nnlite.float32, requires_grad=True)
    b = nnlite.ones(3, dtype=nnlite.float64, requires_grad=True)
    y = a * b
    assert _dt(y) == "float64"
    y.sum().backward()
    assert _dt(a.grad) == "float32" and _dt(b.grad) == "float64"


def test_scalar_tensor_result_of_int_and_float_scalar_values():
    x = from_array(np.array([3], dtype=np.int64))
    np.testing.assert_array_equal(to_numpy(x + 2), [5])
    np.testing.assert_allclose(to_numpy(x + 0.5), [3.5])


# ---- special values and gradients at kinks, as torch defines them -------------

SPECIAL = np.array([0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, 1e-30, 88.0, -88.0], dtype=np.float32)


@pytest.mark.parametrize("name", ["neg", "abs", "exp", "log", "sqrt", "rsqrt", "sin", "cos", "tanh", "sigmoid",
                                  "relu", "sign", "erf"])
def test_unary_special_values_match_torch(name, torch):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x = nnlite.tensor(SPECIAL, requires_grad=True)
        y = getattr(nnlite, name)(x)
        y.backward(nnlite.ones(len(SPECIAL)))
        tx = torch.tensor(SPECIAL, requires_grad=True)
        ty = getattr(torch, name)(tx)
        ty.backward(torch.ones(len(SPECIAL)))
    np.testing.assert_allclose(to_numpy(y), ty.detach().numpy(), rtol=1e-5, atol=1e-30, equal_nan=True)
    if x.grad is not None or tx.grad is not None:
        g = to_numpy(x.grad) if x.grad is not None else np.zeros(len(SPECIAL), np.float32)
        np.testing.assert_allclose(g, tx.grad.numpy(), rtol=1e-5, atol=1e-30, equal_nan=True,
                                   err_msg=f"gradient of {name} at {SPECIAL}")


def test_gradients_at_kinks_match_torch(torch):
    # relu'(0) = 0, |x|'(0) = 0, clamp passes the gradient at its bounds.
    def run(lib, make):
        x = make([-1.0, 0.0, 1.0, 2.0])
        (lib.relu(x) + lib.abs(x) + lib.clamp(x, 0.0, 1.0) * 10).sum().backward()
        return x.grad.numpy()

    ours = run(nnlite, lambda v: nnlite.tensor(v, requires_grad=True))
    theirs = run(torch, lambda v: torch.tensor(v, requires_grad=True))
    np.testing.assert_array_equal(ours, theirs)


@pytest.mark.parametrize("exponent", [0.0, 0.5, 1.0, 2.0, 3.0, -1.0])
def test_pow_at_zero_base_matches_torch(exponent, torch):
    import warnings

    def run(lib, make):
        x = make([0.0, 1.0, 2.0])
        e = make([exponent] * 3)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            y = x ** e
            y.sum().backward()
            x2 = make([0.0, 1.0, 2.0])
            (x2 ** exponent).sum().backward()
        return [y.detach().numpy(), x.grad.numpy(), e.grad.numpy(), x2.grad.numpy()]

    ours = run(nnlite, lambda v: nnlite.tensor(v, requires_grad=True))
    theirs = run(torch, lambda v: torch.tensor(v, requires_grad=True))
    for o, t, what in zip(ours, theirs, ["value", "grad base", "grad exponent", "grad base (scalar exponent)"]):
        np.testing.assert_allclose(o, t, rtol=1e-6, equal_nan=True, err_msg=what)


def test_integer_overflow_wraps_like_torch(torch):
    a = np.array([200, 255, 3], dtype=np.uint8)
    b = np.array([100, 1, 250], dtype=np.uint8)
    check_op([a, b], lambda x, y: x + y, lambda x, y: x + y)
    check_op([a, b], lambda x, y: x - y, lambda x, y: x - y)
    check_op([a, b], lambda x, y: x * y, lambda x, y: x * y)


def test_integer_pow_and_int_division(rng):
    a = rng.integers(-5, 6, (7,))
    check_op([a], lambda x: x ** 2, lambda x: x ** 2)
    check_op([a], lambda x: x ** 3, lambda x: x ** 3)
    check_op([a, rng.integers(1, 4, (7,))], lambda x, y: x ** y, lambda x, y: x ** y)
    check_op([a, rng.integers(1, 4, (7,))], lambda x, y: x / y, lambda x, y: x / y)


def test_where_promotes_like_torch(torch):
    cond = nnlite.tensor([True, False])
    for da, db in [("int64", "float32"), ("int32", "int64"), ("float32", "float64"), ("bool", "int64")]:
        r = nnlite.where(cond, nnlite.ones(2, dtype=getattr(nnlite, da)), nnlite.zeros(2, dtype=getattr(nnlite, db)))
        t = torch.where(torch.tensor([True, False]), torch.ones(2, dtype=getattr(torch, da)),
                        torch.zeros(2, dtype=getattr(torch, db)))
        assert dtype_name(r.dtype) == dtype_name(t.dtype), (da, db)
        np.testing.assert_array_equal(to_numpy(r), t.numpy())


# ---- sizes that split across threads and SIMD lanes -------------------------------

@pytest.mark.parametrize("name", ["exp", "tanh", "sigmoid", "sqrt", "log"])
def test_unary_large_matches_numpy(name, rng):
    a = rng.uniform(0.1, 3.0, 1_000_003).astype(np.float32)
    ref = {"exp": np.exp, "tanh": np.tanh, "sigmoid": lambda v: 1 / (1 + np.exp(-v)), "sqrt": np.sqrt,
           "log": np.log}[name](a.astype(np.float64))
    np.testing.assert_allclose(to_numpy(getattr(nnlite, name)(from_array(a))), ref, rtol=2e-6, atol=1e-7)
    # and through a strided view of the same values
    big = np.zeros(2 * a.size, np.float32)
    big[::2] = a
    np.testing.assert_allclose(to_numpy(getattr(nnlite, name)(nnlite.from_numpy(big)[::2])), ref, rtol=2e-6,
                               atol=1e-7)


@pytest.mark.parametrize("sa,sb", [((257, 1, 33), (1, 129, 33)), ((1000, 300), (300,)), ((1000, 300), (1000, 1)),
                                   ((3, 70000), (1, 70000))])
def test_binary_large_broadcast_matches_numpy(sa, sb, rng):
    a = rng.uniform(-2, 2, sa).astype(np.float32)
    b = rng.uniform(0.5, 2, sb).astype(np.float32)
    x, y = from_array(a), from_array(b)
    np.testing.assert_allclose(to_numpy(x + y), a + b, rtol=1e-6)
    np.testing.assert_allclose(to_numpy(x / y), a / b, rtol=1e-6)
    np.testing.assert_allclose(to_numpy(nnlite.maximum(x, y)), np.maximum(a, b))
    if a.ndim == 2:  # transposed (column-major) operands
        yt, bt = (y.unsqueeze(-1), b[:, None]) if b.ndim == 1 else (y.t(), b.T)
        np.testing.assert_allclose(to_numpy(x.t() * yt), a.T * bt, rtol=1e-6)
