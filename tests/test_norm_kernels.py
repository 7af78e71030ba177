"""The fused normalization kernels behind batch_norm, layer_norm and group_norm:
sizes with tails (odd lengths, rows of one value, one channel, block
boundaries), inputs large enough to be split across threads, float64 gradients
of every input, eval mode, no affine, a lone weight or bias, the one recorded
node, bitwise determinism, and the composite double backward. The reference is
torch and nnlite's own finite differences (through check_op)."""
import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F
from op_check import T, check_op, from_array, to_numpy

# [N, C, *] shapes: short rows (L < 32, read as columns) with L = 1 and odd L,
# C = 1, N = 1, rows of odd length, a row longer than one accumulation block
# (1024) with a tail, many short rows, and one big enough for two threads.
BN_SHAPES = [(3, 5, 7), (4, 3, 1), (6, 1, 9), (1, 4, 3, 3), (3, 4, 37), (2, 3, 1027), (5, 300), (64, 2, 40, 41),
             (700, 3)]


@pytest.mark.parametrize("shape", BN_SHAPES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_batch_norm_training_sizes(shape, dtype):
    c = shape[1]
    check_op([shape, (c,), (c,)], lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True),
             lambda x, w, b: T.nn.functional.batch_norm(x, None, None, w, b, training=True), dtype=dtype)


@pytest.mark.parametrize("shape", [(3, 5, 7), (4, 3, 1), (2, 1, 1027), (64, 2, 40, 41)])
def test_batch_norm_training_no_affine_and_lone_parameter(shape):
    c = shape[1]
    check_op([shape], lambda x: F.batch_norm(x, None, None, training=True),
             lambda x: T.nn.functional.batch_norm(x, None, None, training=True))
    check_op([shape, (c,)], lambda x, b: F.batch_norm(x, None, None, None, b, training=True),
             lambda x, b: T.nn.functional.batch_norm(x, None, None, None, b, training=True), dtype="float64")
    check_op([shape, (c,)], lambda x, w: F.batch_norm(x, None, None, w, None, training=True),
             lambda x, w: T.nn.functional.batch_norm(x, None, None, w, None, training=True), dtype="float64")


@pytest.mark.parametrize("shape", [(3, 5, 7), (4, 3, 1), (6, 1, 9), (64, 2, 40, 41)])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_batch_norm_eval_sizes(shape, dtype):
    c = shape[1]
    rng = np.random.default_rng(1)
    rm = rng.normal(size=c).astype(dtype)
    rv = rng.uniform(0.5, 2.0, size=c).astype(dtype)

    def nn_fn(x, w, b):
        # the finite-difference pass runs in float64: statistics follow the input
        dt = "float64" if x.dtype == nnlite.float64 else "float32"
        return F.batch_norm(x, from_array(rm.astype(dt)), from_array(rv.astype(dt)), w, b, training=False)

    def t_fn(x, w, b):
        import torch

        return torch.nn.functional.batch_norm(x, torch.from_numpy(rm.copy()), torch.from_numpy(rv.copy()), w, b,
                                              training=False)

    check_op([shape, (c,), (c,)], nn_fn, t_fn, dtype=dtype)
    check_op([shape], lambda x: nn_fn(x, None, None), lambda x: t_fn(x, None, None), dtype=dtype)


@pytest.mark.parametrize("shape,norm", [((7, 33), (33,)), ((3, 1), (1,)), ((2, 1025), (1025,)),
                                        ((3, 5, 7), (5, 7)), ((600, 129), (129,))])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_layer_norm_sizes(shape, norm, dtype):
    check_op([shape, norm, norm], lambda x, w, b: F.layer_norm(x, norm, w, b),
             lambda x, w, b: T.nn.functional.layer_norm(x, norm, w, b), dtype=dtype)
    check_op([shape], lambda x: F.layer_norm(x, norm), lambda x: T.nn.functional.layer_norm(x, norm), dtype=dtype)


def test_layer_norm_lone_bias_and_weight_float64():
    check_op([(5, 9), (9,)], lambda x, b: F.layer_norm(x, (9,), None, b),
             lambda x, b: T.nn.functional.layer_norm(x, (9,), None, b), dtype="float64")
    check_op([(5, 9), (9,)], lambda x, w: F.layer_norm(x, (9,), w, None),
             lambda x, w: T.nn.functional.layer_norm(x, (9,), w, None), dtype="float64", noncontiguous=True)


@pytest.mark.parametrize("shape,groups", [((3, 6, 5, 7), 3), ((2, 4, 1), 2), ((1, 1, 9), 1), ((2, 6, 3), 6),
                                          ((2, 4, 65, 65), 2)])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_group_norm_sizes(shape, groups, dtype):
    c = shape[1]
    check_op([shape, (c,), (c,)], lambda x, w, b: F.group_norm(x, groups, w, b),
             lambda x, w, b: T.nn.functional.group_norm(x, groups, w, b), dtype=dtype)
    check_op([shape], lambda x: F.group_norm(x, groups), lambda x: T.nn.functional.group_norm(x, groups),
             dtype=dtype)


def test_large_offset_keeps_precision(torch):
    # A mean far from zero: a one-pass E[x^2] - E[x]^2 in float32 would lose
    # every digit of the variance here.
    rng = np.random.default_rng(2)
    x = (1e4 + rng.normal(size=(8, 3, 50))).astype(np.float32)
    got = to_numpy(F.batch_norm(from_array(x), None, None, training=True))
    want = torch.nn.functional.batch_norm(torch.from_numpy(x).double(), None, None, training=True).numpy()
    np.testing.assert_allclose(got, want, atol=2e-3)
    got = to_numpy(F.layer_norm(from_array(x), (50,)))
    want = torch.nn.functional.layer_norm(torch.from_numpy(x).double(), (50,)).numpy()
    np.testing.assert_allclose(got, want, atol=2e-3)


@pytest.mark.parametrize("fn,pshape", [
    (lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), (4,)),
    (lambda x, w, b: F.layer_norm(x, (24, 24), w, b), (24, 24)),
    (lambda x, w, b: F.group_norm(x, 2, w, b), (4,)),
])
def test_results_are_bitwise_deterministic_across_threads(fn, pshape):
    rng = np.random.default_rng(4)
    xs = rng.normal(size=(64, 4, 24, 24)).astype(np.float32)
    ws, bs = rng.normal(size=pshape).astype(np.float32), rng.normal(size=pshape).astype(np.float32)
    up = rng.normal(size=xs.shape).astype(np.float32)

    def run():
        x, w, b = (from_array(a).requires_grad_() for a in (xs, ws, bs))
        y = fn(x, w, b)
        (y * from_array(up)).sum().backward()
        return [to_numpy(t) for t in (y, x.grad, w.grad, b.grad)]

    before = nnlite.get_num_threads()
    try:
        runs = []
        for n in (1, 2, 2):
            nnlite.set_num_threads(n)
            runs.append(run())
    finally:
        nnlite.set_num_threads(before)
    for other in runs[1:]:
        for a, b in zip(runs[0], other):
            np.testing.assert_array_equal(a, b)


def test_one_node_per_normalization():
    x = nnlite.randn(4, 3, 5, requires_grad=True)
    w, b = nnlite.ones(3, requires_grad=True), nnlite.zeros(3, requires_grad=True)
    for y, name in [(F.batch_norm(x, None, None, w, b, training=True), "BatchNormBackward"),
                    (F.group_norm(x, 3, w, b), "GroupNormBackward"),
                    (F.layer_norm(x, (5,), nnlite.ones(5, requires_grad=True), None), "LayerNormBackward")]:
        assert y.grad_fn.name() == name
        # its edges lead straight to the leaves x, weight (and bias)
        assert all(f is not None and f.name() == "AccumulateGrad" for f, _ in y.grad_fn.next_functions)


def _double_backward(lib, mod, fn, arrays, up):
    leaves = [mod(a).requires_grad_() for a in arrays]
    y = fn(lib, *leaves)
    grads = lib.autograd.grad((y * mod(up)).sum(), leaves, create_graph=True)
    (sum((g * g).sum() for g in grads)).backward()
    # bias's gradient, sum(up), does not depend on any input: no .grad at all
    return [np.zeros(tuple(t.shape)) if t.grad is None else to_numpy(t.grad) if lib is nnlite else t.grad.numpy()
            for t in leaves]


@pytest.mark.parametrize("case", ["batch_train", "batch_eval", "layer", "group"])
def test_double_backward_with_affine(torch, case):
    rng = np.random.default_rng(6)
    x = rng.normal(size=(3, 4, 5))
    w, b = rng.normal(size=4), rng.normal(size=4)
    rm, rv = rng.normal(size=4), rng.uniform(0.5, 2, size=4)
    fns = {
        "batch_train": lambda lib, x, w, b: lib.nn.functional.batch_norm(x, None, None, w, b, training=True),
        "batch_eval": lambda lib, x, w, b: lib.nn.functional.batch_norm(
            x, lib.from_numpy(rm.copy()), lib.from_numpy(rv.copy()), w, b, training=False),
        "layer": lambda lib, x, w, b: lib.nn.functional.layer_norm(x, (5,), w, b),
        "group": lambda lib, x, w, b: lib.nn.functional.group_norm(x, 2, w, b),
    }
    if case == "layer":
        w, b = rng.normal(size=5), rng.normal(size=5)
    up = rng.normal(size=x.shape)
    got = _double_backward(nnlite, from_array, fns[case], [x, w, b], up)
    want = _double_backward(torch, lambda a: torch.from_numpy(a.copy()), fns[case], [x, w, b], up)
    for g, wnt in zip(got, want):
        np.testing.assert_allclose(g, wnt, rtol=1e-7, atol=1e-9)


def test_saved_input_changed_in_place_raises():
    x = nnlite.randn(4, 3, 5, requires_grad=True)
    h = x * 1.0
    y = F.batch_norm(h, None, None, training=True)
    h.add_(1.0)
    with pytest.raises(RuntimeError, match="modified by an inplace operation|in place|in-place"):
        y.sum().backward()
