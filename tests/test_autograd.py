"""The autograd engine: gradient accumulation, retain_graph, grad mode,
detach, autograd.grad, higher-order gradients, very long graphs, hooks,
retain_grad, grad_fn and is_leaf."""
import numpy as np
import pytest

import nnlite
from op_check import from_array, to_numpy


def leaf(values, dtype=None):
    return nnlite.tensor(values, dtype=dtype, requires_grad=True)


def test_gradients_accumulate_over_backward_calls():
    x = leaf([1.0, 2.0])
    (x * 2).sum().backward()
    np.testing.assert_array_equal(to_numpy(x.grad), [2, 2])
    (x * 3).sum().backward()
    np.testing.assert_array_equal(to_numpy(x.grad), [5, 5])
    x.grad = None
    (x * x).sum().backward()
    np.testing.assert_array_equal(to_numpy(x.grad), [2, 4])
    x.grad.zero_()
    x.sum().backward()
    np.testing.assert_array_equal(to_numpy(x.grad), [1, 1])


def test_grad_of_reused_input_and_diamond():
    x = leaf([3.0])
    a = x * 2
    b = x * x
    (a * b + a).sum().backward()  # d/dx (2x^3 + 2x) = 6x^2 + 2
    np.testing.assert_allclose(to_numpy(x.grad), [56.0])


def test_backward_with_gradient_argument():
    x = leaf([1.0, 2.0, 3.0])
    y = x * x
    y.backward(nnlite.tensor([1.0, 0.5, 0.0]))
    np.testing.assert_allclose(to_numpy(x.grad), [2, 2, 0])
    x2 = leaf([1.0, 2.0])
    (x2 * 3).backward(gradient=nnlite.tensor([1.0, 1.0]))
    np.testing.assert_allclose(to_numpy(x2.grad), [3, 3])


def test_backward_of_non_scalar_needs_gradient():
    x = leaf([1.0, 2.0])
    with pytest.raises(RuntimeError, match=r"scalar|grad"):
        (x * 2).backward()


def test_backward_of_tensor_without_grad_raises():
    x = nnlite.tensor([1.0, 2.0])
    with pytest.raises(RuntimeError, match=r"require|grad"):
        x.sum().backward()


def test_retain_graph():
    x = leaf([1.0, 2.0])
    y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward(retain_graph=True)
    y.backward()
    np.testing.assert_allclose(to_numpy(x.grad), [6, 12])
    with pytest.raises(RuntimeError, match=r"(?i)retain_graph|second time|freed"):
        y.backward()


def test_second_backward_without_retain_graph_raises():
    x = leaf([2.0])
    y = (x.exp() * x).sum()
    y.backward()
    with pytest.raises(RuntimeError, match=r"(?i)retain_graph|second time|freed"):
        y.backward()


def test_no_grad_context_and_decorator():
    x = leaf([1.0])
    assert nnlite.is_grad_enabled()
    with nnlite.no_grad():
        assert not nnlite.is_grad_enabled()
        y = x * 2
    assert nnlite.is_grad_enabled()
    assert not y.requires_grad and y.grad_fn is None and y.is_leaf

    @nnlite.no_grad()
    def f(t):
        return t * 3

    z = f(x)
    assert not z.requires_grad
    assert f.__name__ == "f"
    assert nnlite.is_grad_enabled()

    @nnlite.no_grad
    def g(t):
        return t * 3

    assert not g(x).requires_grad


def test_enable_grad_inside_no_grad():
    x = leaf([1.0])
    with nnlite.no_grad():
        with nnlite.enable_grad():
            y = x * 2
        z = x * 2
    assert y.requires_grad and not z.requires_grad

    @nnlite.enable_grad()
    def f(t):
        return t * 2

    with nnlite.no_grad():
        assert f(x).requires_grad


def test_grad_mode_restored_after_exception():
    with pytest.raises(ValueError):
        with nnlite.no_grad():
            raise ValueError("boom")
    assert nnlite.is_grad_enabled()


def test_set_grad_enabled():
    x = leaf([1.0])
    nnlite.set_grad_enabled(False)
    try:
        assert not (x * 2).requires_grad
    finally:
        nnlite.set_grad_enabled(True)
    assert (x * 2).requires_grad
    with nnlite.set_grad_enabled(False):
        assert not (x * 2).requires_grad
    assert (x * 2).requires_grad
    with nnlite.no_grad():
        with nnlite.set_grad_enabled(True):
            assert (x * 2).requires_grad


def test_detach_and_requires_grad_():
    x = leaf([1.0, 2.0])
    d = (x * 2).detach()
    assert not d.requires_grad and d.is_leaf and d.grad_fn is None
    y = nnlite.tensor([1.0])
    assert y.requires_grad_() is y
    assert y.requires_grad
    y.requires_grad_(False)
    assert not y.requires_grad
    z = nnlite.ones(2)
    z.requires_grad = True
    (z * 4).sum().backward()
    np.testing.assert_array_equal(to_numpy(z.grad), [4, 4])
    # a detached tensor cuts the graph: no gradient flows through it
    w = leaf([3.0])
    (w.detach() * w).sum().backward()
    np.testing.assert_array_equal(to_numpy(w.grad), [3])


def test_requires_grad_propagates():
    a = nnlite.ones(2)
    b = leaf([1.0, 2.0])
    assert not (a * 2).requires_grad
    assert (a * b).requires_grad
    assert (a + b).sum().requires_grad


def test_autograd_grad_basic():
    x = leaf([1.0, 2.0])
    y = leaf([3.0, 4.0])
    out = (x * y).sum()
    gx, gy = nnlite.autograd.grad(out, [x, y])
    np.testing.assert_array_equal(to_numpy(gx), [3, 4])
    np.testing.assert_array_equal(to_numpy(gy), [1, 2])
    assert x.grad is None and y.grad is None  # .grad is not touched


def test_autograd_grad_tensor_input_and_grad_outputs():
    x = leaf([1.0, 2.0, 3.0])
    y = x * x
    (g,) = nnlite.autograd.grad(y, x, grad_outputs=nnlite.tensor([1.0, 1.0, 2.0]))
    np.testing.assert_array_equal(to_numpy(g), [2, 4, 12])
    x2 = leaf([1.0])
    outs = [x2 * 2, x2 * 3]
    (g2,) = nnlite.autograd.grad(outs, [x2], grad_outputs=[nnlite.tensor([1.0]), nnlite.tensor([2.0])])
    np.testing.assert_array_equal(to_numpy(g2), [8])


def test_autograd_grad_retain_graph_default_frees():
    x = leaf([2.0])
    y = (x * x).sum()
    nnlite.autograd.grad(y, [x], retain_graph=True)
    (g,) = nnlite.autograd.grad(y, [x])
    np.testing.assert_array_equal(to_numpy(g), [4])
    with pytest.raises(RuntimeError, match=r"(?i)retain_graph|second time|freed"):
        nnlite.autograd.grad(y, [x])


def test_autograd_grad_allow_unused():
    x = leaf([1.0])
    unused = leaf([5.0])
    y = (x * 2).sum()
    with pytest.raises(RuntimeError, match=r"(?i)unused|not (been )?used|allow_unused"):
        nnlite.autograd.grad(y, [x, unused], retain_graph=True)
    gx, gu = nnlite.autograd.grad(y, [x, unused], allow_unused=True)
    np.testing.assert_array_equal(to_numpy(gx), [2])
    assert gu is None


def test_autograd_grad_of_intermediate():
    x = leaf([1.0, 2.0])
    h = x * 3
    y = (h * h).sum()
    (gh,) = nnlite.autograd.grad(y, [h])
    np.testing.assert_array_equal(to_numpy(gh), [6, 12])


# ---- higher order -----------------------------------------------------------

def _nth_derivative(f, xv, n, dtype=nnlite.float64):
    """d^n/dx^n of sum(f(x)) at xv, by repeated autograd.grad with create_graph."""
    x = nnlite.tensor(xv, dtype=dtype, requires_grad=True)
    y = f(x).sum()
    for i in range(n):
        (y,) = nnlite.autograd.grad(y, [x], create_graph=True)
        assert y.requires_grad, f"derivative {i + 1} lost its graph"
        if i + 1 < n:
            y = y.sum()
    return to_numpy(y)


XS = [-1.5, -0.3, 0.0, 0.7, 2.0]


def test_second_derivative_of_cube():
    np.testing.assert_allclose(_nth_derivative(lambda x: x ** 3, XS, 2), 6 * np.array(XS))
    np.testing.assert_allclose(_nth_derivative(lambda x: x * x * x, XS, 2), 6 * np.array(XS))
    np.testing.assert_allclose(_nth_derivative(lambda x: x ** 4, XS, 3), 24 * np.array(XS), atol=1e-12)


def test_second_derivative_of_tanh_sigmoid_exp():
    x = np.array(XS)
    t = np.tanh(x)
    np.testing.assert_allclose(_nth_derivative(nnlite.tanh, XS, 2), -2 * t * (1 - t * t), atol=1e-12)
    s = 1 / (1 + np.exp(-x))
    np.testing.assert_allclose(_nth_derivative(nnlite.sigmoid, XS, 2), s * (1 - s) * (1 - 2 * s), atol=1e-12)
    np.testing.assert_allclose(_nth_derivative(nnlite.exp, XS, 3), np.exp(x))
    np.testing.assert_allclose(_nth_derivative(nnlite.sin, XS, 2), -np.sin(x), atol=1e-12)
    xp = np.abs(x) + 0.5
    np.testing.assert_allclose(_nth_derivative(nnlite.log, xp.tolist(), 2), -1 / xp ** 2)


def test_second_derivative_through_backward_create_graph():
    x = leaf([2.0])
    y = (x ** 3).sum()
    y.backward(create_graph=True)
    g = x.grad
    assert g.requires_grad
    np.testing.assert_allclose(to_numpy(g), [12])
    x.grad = None
    g.sum().backward()
    np.testing.assert_allclose(to_numpy(x.grad), [12])  # 6x


def test_higher_order_matches_torch(torch):
    rng = np.random.default_rng(0)
    xv = rng.uniform(-1, 1, (3, 4))
    wv = rng.uniform(-1, 1, (4, 2))

    def run(lib, tensor_fn):
        x = tensor_fn(xv)
        w = tensor_fn(wv)
        y = (lib.tanh(x @ w) ** 2 + lib.sigmoid(x @ w) * (x @ w) ** 3).sum()
        gx, gw = lib.autograd.grad(y, [x, w], create_graph=True)
        (gx.sum() * gw.sum() + (gx * gx).sum()).backward()
        return [gx.detach().numpy(), gw.detach().numpy(), x.grad.numpy(), w.grad.numpy()]

    ours = run(nnlite, lambda a: nnlite.tensor(a, requires_grad=True))
    theirs = run(torch, lambda a: torch.tensor(a, requires_grad=True))
    for o, t in zip(ours, theirs):
        np.testing.assert_allclose(o, t, rtol=1e-10, atol=1e-12)


def test_double_backward_of_reductions_and_views_matches_torch(torch):
    xv = np.random.default_rng(1).uniform(-1, 1, (3, 4))

    def run(lib, t):
        x = t(xv)
        y = (x.T.reshape(2, 6).softmax(1) * x.reshape(2, 6)).sum() + x.exp().mean(0).prod() + x.max()
        (g,) = lib.autograd.grad(y, [x], create_graph=True)
        (g * g).sum().backward()
        return g.detach().numpy(), x.grad.numpy()

    ours = run(nnlite, lambda a: nnlite.tensor(a, requires_grad=True))
    theirs = run(torch, lambda a: torch.tensor(a, requires_grad=True))
    for o, t in zip(ours, theirs):
        np.testing.assert_allclose(o, t, rtol=1e-9, atol=1e-12)


# ---- long graphs --------------------------------------------------------------

def test_chain_of_100000_ops():
    x = nnlite.tensor(1.0, dtype=nnlite.float64, requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y * 1.00001
    y.backward()
    np.testing.assert_allclose(x.grad.item(), 1.00001 ** 100_000, rtol=1e-9)
    np.testing.assert_allclose(y.item(), 1.00001 ** 100_000, rtol=1e-9)
    del y  # freeing the (already used) graph must not recurse


def test_long_graph_freed_without_backward():
    x = leaf([1.0])
    y = x
    for _ in range(100_000):
        y = y + 1.0
    assert y.item() == 100_001.0
    del y  # 100,000 nodes die in a loop, not a deep recursion


# ---- hooks, retain_grad, grad_fn ---------------------------------------------

def test_hook_on_leaf_modifies_gradient():
    x = leaf([1.0, 2.0])
    seen = []
    x.register_hook(lambda g: g * 10)
    x.register_hook(lambda g: seen.append(to_numpy(g)))  # returns None: keeps the gradient
    (x * 2).sum().backward()
    np.testing.assert_array_equal(to_numpy(x.grad), [20, 20])
    np.testing.assert_array_equal(seen[0], [20, 20])


def test_hook_on_non_leaf_changes_upstream_gradient():
    x = leaf([1.0, 2.0])
    y = x * 3
    seen = []
    y.register_hook(lambda g: seen.append(to_numpy(g)))
    y.register_hook(lambda g: g * 0 + 1)
    (y * y).sum().backward()
    np.testing.assert_array_equal(seen[0], [6, 12])  # dL/dy before the second hook
    np.testing.assert_array_equal(to_numpy(x.grad), [3, 3])


def test_hook_on_tensor_that_does_not_require_grad_raises():
    with pytest.raises(RuntimeError, match=r"(?i)requires? grad|hook"):
        nnlite.ones(2).register_hook(lambda g: g)


def test_retain_grad():
    x = leaf([1.0, 2.0])
    y = x * 2
    y.retain_grad()
    z = x * 3
    (y * y + z).sum().backward()
    np.testing.assert_array_equal(to_numpy(y.grad), [4, 8])
    assert z.grad is None  # non-leaves keep no grad unless asked
    assert y.retains_grad and not z.retains_grad


def test_grad_fn_names_and_is_leaf():
    x = leaf([1.0, 2.0])
    w = leaf([[1.0], [2.0]])
    m = leaf([[1.0, 2.0]])
    assert x.is_leaf and x.grad_fn is None
    cases = {"add": x + 1, "mul": x * x, "exp": x.exp(), "sum": x.sum(), "matmul": m @ w, "div": x / 2}
    for name, t in cases.items():
        assert not t.is_leaf
        assert t.grad_fn is not None
        gname = t.grad_fn.name() if callable(getattr(t.grad_fn, "name", None)) else str(t.grad_fn)
        assert name in gname.lower(), (name, gname)
    c = nnlite.ones(2) * 2
    assert c.is_leaf and c.grad_fn is None


def test_leaf_grad_dtype_and_shape():
    x = nnlite.zeros(2, 3, dtype=nnlite.float64, requires_grad=True)
    (x + nnlite.ones(3)).sum().backward()
    assert x.grad.dtype == nnlite.float64 and tuple(x.grad.shape) == (2, 3)
    assert not x.grad.requires_grad


def test_gradients_through_integer_and_bool_inputs():
    x = leaf([1.0, 2.0, 3.0])
    idx = nnlite.tensor([2, 0])
    mask = nnlite.tensor([True, False, True])
    (x[idx] * nnlite.tensor([1, 2]) + nnlite.where(mask, x, nnlite.zeros(3)).sum()).sum().backward()
    np.testing.assert_array_equal(to_numpy(x.grad), [4, 0, 3])


def test_float64_gradients_against_finite_differences():
    # A composite function; complements the per-op checks in test_ops_*.
    rng = np.random.default_rng(5)
    xv = rng.uniform(-1, 1, (4, 3))

    def f(x):
        return ((x.tanh() @ x.T).softmax(1) * x.sum(1, keepdim=True)).logsumexp(0).sum()

    x = from_array(xv).requires_grad_()
    f(x).backward()
    eps = 1e-6
    num = np.zeros_like(xv)
    for i in np.ndindex(*xv.shape):
        p, m = xv.copy(), xv.copy()
        p[i] += eps
        m[i] -= eps
        num[i] = (f(from_array(p)).item() - f(from_array(m)).item()) / (2 * eps)
    np.testing.assert_allclose(to_numpy(x.grad), num, atol=1e-7)
