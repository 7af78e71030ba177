"""nnlite.autograd.Function against torch.autograd.Function."""
import gc

import numpy as np
import pytest

import nnlite
from nnlite.autograd import Function

torch = pytest.importorskip("torch")


def _make(lib):
    """The same custom functions written for nnlite and for torch."""
    base = lib.autograd.Function

    class Exp(base):
        @staticmethod
        def forward(ctx, x):
            y = x.exp()
            ctx.save_for_backward(y)  # an output: must keep its history for double backward
            return y

        @staticmethod
        def backward(ctx, g):
            (y,) = ctx.saved_tensors
            return g * y

    class MulAdd(base):
        """(x * y * k, x + y): two outputs, a non-tensor argument."""

        @staticmethod
        def forward(ctx, x, k, y):
            ctx.save_for_backward(x, y)
            ctx.k = k
            return x * y * k, x + y

        @staticmethod
        def backward(ctx, ga, gb):
            x, y = ctx.saved_tensors
            return ga * y * ctx.k + gb, None, ga * x * ctx.k + gb

    return Exp, MulAdd


NExp, NMulAdd = _make(nnlite)
TExp, TMulAdd = _make(torch)


def _pair(shape, seed, dtype=np.float64):
    a = np.random.default_rng(seed).standard_normal(shape).astype(dtype)
    return (nnlite.from_numpy(a.copy()).requires_grad_(), torch.from_numpy(a.copy()).requires_grad_())


def _np(t):
    return t.detach().numpy()


def test_custom_exp_matches_torch_with_double_backward():
    x, tx = _pair((3, 4), 0)
    y, ty = NExp.apply(x), TExp.apply(tx)
    np.testing.assert_allclose(_np(y), _np(ty))
    assert type(y.grad_fn).__name__ and "ExpBackward" in repr(y.grad_fn)
    (g,) = nnlite.autograd.grad((y * y).sum(), [x], create_graph=True)
    (tg,) = torch.autograd.grad((ty * ty).sum(), [tx], create_graph=True)
    np.testing.assert_allclose(_np(g), _np(tg))
    (g * g).sum().backward()
    (tg * tg).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), tx.grad.numpy(), rtol=1e-12)


def test_two_outputs_and_a_non_tensor_argument():
    (x, tx), (y, ty) = _pair((2, 3), 1), _pair((2, 3), 2)
    a, b = NMulAdd.apply(x, 3.0, y)
    ta, tb = TMulAdd.apply(tx, 3.0, ty)
    np.testing.assert_allclose(_np(a), _np(ta))
    np.testing.assert_allclose(_np(b), _np(tb))
    ua, ub = np.random.default_rng(3).standard_normal((2, 2, 3))
    ((a * nnlite.from_numpy(ua)).sum() + (b * nnlite.from_numpy(ub)).sum()).backward()
    ((ta * torch.from_numpy(ua)).sum() + (tb * torch.from_numpy(ub)).sum()).backward()
    np.testing.assert_allclose(x.grad.numpy(), tx.grad.numpy())
    np.testing.assert_allclose(y.grad.numpy(), ty.grad.numpy())
    # Only one output used: the other's gradient arrives as zeros (materialised).
    x.grad = y.grad = None
    tx.grad = ty.grad = None
    NMulAdd.apply(x, 2.0, y)[1].sum().backward()
    TMulAdd.apply(tx, 2.0, ty)[1].sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), tx.grad.numpy())


def test_finite_differences_float64():
    (x, _), (y, _) = _pair((2, 3), 4), _pair((2, 3), 5)

    def f(xv, yv):
        a, b = NMulAdd.apply(xv, 1.5, yv)
        return (NExp.apply(a) * b).sum()

    f(x, y).backward()
    eps = 1e-6
    for leaf, grad in ((x, x.grad.numpy()), (y, y.grad.numpy())):
        base = leaf.detach().numpy().copy()
        for j in range(base.size):
            hi, lo = base.copy(), base.copy()
            hi.flat[j] += eps
            lo.flat[j] -= eps
            args = lambda v: (nnlite.from_numpy(v), y.detach()) if leaf is x else (x.detach(), nnlite.from_numpy(v))
            num = (f(*args(hi)).item() - f(*args(lo)).item()) / (2 * eps)
            assert abs(num - grad.flat[j]) < 1e-6 * max(1, abs(num))


def test_needs_input_grad_and_non_differentiable_outputs():
    seen = {}

    class ArgmaxAndScale(Function):
        @staticmethod
        def forward(ctx, x, w, k):
            seen["needs"] = ctx.needs_input_grad
            idx = x.argmax(1)
            scaled = x * w
            ctx.mark_non_differentiable(idx)
            ctx.save_for_backward(w)
            return scaled, idx

        @staticmethod
        def backward(ctx, g_scaled, g_idx):
            seen["g_idx"] = g_idx
            seen["needs_in_backward"] = ctx.needs_input_grad
            (w,) = ctx.saved_tensors
            return g_scaled * w if ctx.needs_input_grad[0] else None, None, None

    x = nnlite.randn(2, 3, requires_grad=True)
    w = nnlite.randn(2, 3)
    s, idx = ArgmaxAndScale.apply(x, w, 7)
    assert seen["needs"] == (True, False, False)
    assert s.requires_grad and not idx.requires_grad
    s.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), w.numpy())
    assert seen["g_idx"] is not None and not seen["g_idx"].numpy().any()  # zeros, as torch materialises
    with nnlite.no_grad():
        s2, _ = ArgmaxAndScale.apply(x, w, 7)
    assert seen["needs"] == (False, False, False) and not s2.requires_grad


def test_set_materialize_grads_false_gives_none():
    got = {}

    class Two(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.set_materialize_grads(False)
            return x * 2, x * 3

        @staticmethod
        def backward(ctx, ga, gb):
            got["ga"], got["gb"] = ga, gb
            return ga * 2 if ga is not None else gb * 3

    x = nnlite.ones(3, requires_grad=True)
    Two.apply(x)[1].sum().backward()
    assert got["ga"] is None and got["gb"] is not None
    np.testing.assert_array_equal(x.grad.numpy(), [3, 3, 3])


def test_returning_an_input_and_retain_graph():
    class Ident(Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, g):
            return g * 2

    x = nnlite.ones(2, requires_grad=True)
    y = Ident.apply(x)
    assert x.is_leaf and y.grad_fn is not None
    y.sum().backward(retain_graph=True)
    y.sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), [4, 4])
    a, b = NMulAdd.apply(x, 1.0, nnlite.ones(2))
    s = (a + b).sum()
    s.backward(retain_graph=True)
    s.backward()  # the slots of the shared step are reset between passes
    np.testing.assert_array_equal(x.grad.numpy(), [8, 8])


def test_setup_context_style():
    class Square(Function):
        @staticmethod
        def forward(x):
            return x * x

        @staticmethod
        def setup_context(ctx, inputs, output):
            ctx.save_for_backward(inputs[0])

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x * g

    x = nnlite.tensor([1.0, -2.0], requires_grad=True)
    Square.apply(x).sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), [2, -4])


def _fn(backward_result):
    class Bad(Function):
        @staticmethod
        def forward(ctx, x, k):
            return x * k

        @staticmethod
        def backward(ctx, g):
            return backward_result(g)

    return Bad


def test_error_messages_name_the_function():
    x = nnlite.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError, match=r"BadBackward returned an incorrect number of gradients \(expected 2"):
        _fn(lambda g: g).apply(x, 2.0).sum().backward()
    with pytest.raises(RuntimeError, match=r"BadBackward returned an invalid gradient at index 0 - got \[2\] but "
                                           r"expected shape compatible with \[3\]"):
        _fn(lambda g: (nnlite.ones(2), None)).apply(x, 2.0).sum().backward()
    with pytest.raises(RuntimeError, match="BadBackward returned a gradient different than None at position 1"):
        _fn(lambda g: (g, g)).apply(x, 2.0).sum().backward()
    # A gradient that broadcasts to the input is summed to its shape, as torch does.
    x.grad = None
    _fn(lambda g: (nnlite.ones(4, 3), None)).apply(x, 2.0).sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), [4, 4, 4])


def test_a_python_exception_in_backward_reaches_the_caller():
    class Boom(ValueError):
        pass

    def raise_(g):
        raise Boom("from backward")

    x = nnlite.ones(3, requires_grad=True)
    with pytest.raises(Boom, match="from backward"):
        _fn(raise_).apply(x, 2.0).sum().backward()


def test_saved_tensor_changed_in_place_is_detected():
    x = nnlite.randn(3, requires_grad=True)
    y = NExp.apply(x)
    with nnlite.no_grad():
        y.mul_(2)
    with pytest.raises(RuntimeError, match="modified by an in-place operation"):
        y.sum().backward()


def test_no_reference_cycle_keeps_ctx_alive():
    freed = []

    class Marker:
        def __del__(self):
            freed.append(True)

    class SaveOut(Function):
        @staticmethod
        def forward(ctx, x):
            y = x * 2
            ctx.save_for_backward(x, y)
            ctx.marker = Marker()
            return y

        @staticmethod
        def backward(ctx, g):
            x, y = ctx.saved_tensors
            return g * 2

    gc.disable()  # reference counting alone must free it: no cycle for the collector to find
    try:
        x = nnlite.randn(3, requires_grad=True)
        y = SaveOut.apply(x)
        del y
        assert freed == [True]
        y = SaveOut.apply(x)
        y.sum().backward()  # backward frees the step (no retain_graph)
        assert len(freed) == 1 or len(freed) == 2
        del y
        assert freed == [True, True]
    finally:
        gc.enable()


def test_instantiating_is_refused():
    with pytest.raises(RuntimeError, match="apply"):
        NExp()


def test_outputs_of_two_dtypes_and_an_integer_output():
    class Mixed(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2, x.to(nnlite.float64) * 3, (x > 0).to(nnlite.int64)

        @staticmethod
        def backward(ctx, a, b, c):
            assert a.dtype == nnlite.float32 and b.dtype == nnlite.float64
            assert c is not None and not c.numpy().any()  # integer output: no gradient, zeros materialised
            return a * 2 + b.to(nnlite.float32) * 3

    x = nnlite.tensor([1.0, -1.0], requires_grad=True)
    a, b, c = Mixed.apply(x)
    assert a.requires_grad and b.requires_grad and not c.requires_grad
    (a.sum() + (b * b).sum()).backward()
    np.testing.assert_allclose(x.grad.numpy(), 2 + 18 * np.array([1.0, -1.0]))


def test_an_exception_in_forward_leaves_grad_mode_alone():
    class Fails(Function):
        @staticmethod
        def forward(ctx, x):
            assert not nnlite.is_grad_enabled()  # forward runs with autograd off
            raise KeyError("from forward")

        @staticmethod
        def backward(ctx, g):
            return g

    with pytest.raises(KeyError, match="from forward"):
        Fails.apply(nnlite.ones(1, requires_grad=True))
    assert nnlite.is_grad_enabled()
