"""Shape ops and their gradients: views (view, reshape, transpose, permute, T,
expand, squeeze, unsqueeze, flatten, narrow, select, slicing), copies
(contiguous, clone, dtype casts) and joining/splitting (cat, stack, split,
chunk)."""
import numpy as np
import pytest

import nnlite
from op_check import T, check_op, dtype_name, to_numpy

TESTED_OPS = {
    "view", "reshape", "transpose", "permute", "t", "expand", "squeeze", "unsqueeze", "flatten",
    "narrow", "select", "slice", "contiguous", "clone", "to", "cat", "stack", "split", "chunk",
}

VIEW_CASES = {
    "view": lambda x: x.view(4, 6),
    "view_infer": lambda x: x.view(-1, 3),
    "view_tuple": lambda x: x.view((2, 12)),
    "reshape": lambda x: x.reshape(3, 8),
    "reshape_infer": lambda x: x.reshape(-1),
    "reshape_tuple": lambda x: x.reshape((4, -1, 2)),
    "transpose": lambda x: x.transpose(0, 2),
    "transpose_neg": lambda x: x.transpose(-1, -2),
    "permute": lambda x: x.permute(2, 0, 1),
    "permute_tuple": lambda x: x.permute((1, 2, 0)),
    "unsqueeze0": lambda x: x.unsqueeze(0),
    "unsqueeze_last": lambda x: x.unsqueeze(-1),
    "unsqueeze_mid": lambda x: x.unsqueeze(2),
    "flatten": lambda x: x.flatten(),
    "flatten_range": lambda x: x.flatten(1),
    "flatten_start_end": lambda x: x.flatten(0, 1),
    "narrow": lambda x: x.narrow(2, 1, 2),
    "select": lambda x: x.select(1, 2),
    "select_neg": lambda x: x.select(-1, -1),
    "slice_steps": lambda x: x[:, 1::2, ::3],
    "slice_neg": lambda x: x[-1, -2:, :-1],
    "contiguous": lambda x: x.transpose(0, 1).contiguous(),
    "clone": lambda x: x.clone(),
    "chain": lambda x: x.transpose(0, 1).reshape(6, 4).unsqueeze(1).flatten(1),
}


@pytest.mark.parametrize("name", sorted(VIEW_CASES))
def test_view_ops(name):
    f = VIEW_CASES[name]
    check_op([(2, 3, 4)], f, f)
    if name not in ("view", "view_infer", "view_tuple"):  # view() needs compatible strides
        check_op([(2, 3, 4)], f, f, noncontiguous=True)


def test_function_forms():
    check_op([(2, 3, 4)], lambda x: nnlite.transpose(x, 0, 1), lambda x: T.transpose(x, 0, 1))
    check_op([(2, 3, 4)], lambda x: nnlite.permute(x, (2, 1, 0)), lambda x: T.permute(x, (2, 1, 0)))
    check_op([(2, 3, 4)], lambda x: nnlite.reshape(x, (6, 4)), lambda x: T.reshape(x, (6, 4)))
    check_op([(2, 3, 4)], lambda x: nnlite.flatten(x, 1), lambda x: T.flatten(x, 1))
    check_op([(2, 1, 4)], lambda x: nnlite.squeeze(x, 1), lambda x: T.squeeze(x, 1))
    check_op([(2, 3)], lambda x: nnlite.unsqueeze(x, 1), lambda x: T.unsqueeze(x, 1))


def test_t_and_T():
    check_op([(3, 5)], lambda x: x.t(), lambda x: x.t())
    check_op([(3, 5)], lambda x: x.T, lambda x: x.T)
    check_op([(4,)], lambda x: x.t(), lambda x: x.t())
    check_op([(3, 5)], lambda x: x.T * 2, lambda x: x.T * 2, noncontiguous=True)


@pytest.mark.parametrize("shape,f", [
    ((1, 3, 1, 2), lambda x: x.squeeze()),
    ((1, 3, 1, 2), lambda x: x.squeeze(0)),
    ((1, 3, 1, 2), lambda x: x.squeeze(-2)),
    ((1, 3, 1, 2), lambda x: x.squeeze(1)),  # not size one: unchanged, as in torch
    ((1,), lambda x: x.squeeze()),
    ((), lambda x: x.unsqueeze(0)),
    ((0, 1), lambda x: x.squeeze(1)),
])
def test_squeeze_unsqueeze(shape, f):
    check_op([shape], f, f)


@pytest.mark.parametrize("shape,target", [
    ((3, 1), (3, 4)), ((1,), (5,)), ((2, 1, 3), (4, 2, 5, 3)), ((), (2, 3)), ((3, 1), (-1, 2)),
    ((1, 4), (0, 4)), ((2, 3), (2, 3)),
])
def test_expand(shape, target):
    # expand's gradient sums over the broadcast dims.
    check_op([shape], lambda x: x.expand(*target), lambda x: x.expand(*target))
    check_op([shape], lambda x: x.expand(target) * 1.5, lambda x: x.expand(target) * 1.5)


def test_expand_as_and_noncontiguous():
    check_op([(3, 1), (3, 4)], lambda a, b: a.expand_as(b) * b, lambda a, b: a.expand_as(b) * b,
             noncontiguous=True)


def test_reshape_size_zero_and_one():
    check_op([(0, 3)], lambda x: x.reshape(3, 0), lambda x: x.reshape(3, 0))
    check_op([(0, 3)], lambda x: x.reshape(-1, 3, 1), lambda x: x.reshape(-1, 3, 1))
    check_op([(1,)], lambda x: x.reshape(()), lambda x: x.reshape(()))
    check_op([()], lambda x: x.reshape(1, 1), lambda x: x.reshape(1, 1))
    check_op([()], lambda x: x.view(-1), lambda x: x.view(-1))


@pytest.mark.parametrize("target", ["float64", "float32"])
def test_dtype_cast_gradient(target):
    # Finite differences need float64 outputs, so they run only where the cast gives one.
    check_op([(3, 4)], lambda x: x.to(getattr(nnlite, target)) * 2, lambda x: x.to(getattr(T, target)) * 2,
             fd=target == "float64")
    check_op([(3, 4)], lambda x: x.double().sum(0), lambda x: x.double().sum(0))
    check_op([(3, 4)], lambda x: x.float() * 3, lambda x: x.float() * 3, dtype="float64", fd=False)


def test_int_cast_has_no_grad():
    x = nnlite.tensor([1.7, -2.2], requires_grad=True)
    y = x.long()
    assert dtype_name(y.dtype) == "int64"
    np.testing.assert_array_equal(to_numpy(y), [1, -2])
    assert not y.requires_grad


CAT_CASES = [
    ([(2, 3), (4, 3)], 0),
    ([(2, 3), (2, 5), (2, 1)], 1),
    ([(2, 3), (2, 5)], -1),
    ([(2, 3, 4), (2, 3, 4)], 2),
    ([(2, 0, 4), (2, 3, 4), (2, 1, 4)], 1),
    ([(3,)], 0),
    ([(1, 1), (1, 1)], 0),
    ([(0, 3), (0, 3)], 0),
]


@pytest.mark.parametrize("shapes,dim", CAT_CASES)
def test_cat(shapes, dim):
    check_op(shapes, lambda *xs: nnlite.cat(list(xs), dim), lambda *xs: T.cat(list(xs), dim))
    check_op(shapes, lambda *xs: nnlite.cat(xs, dim=dim), lambda *xs: T.cat(xs, dim=dim), noncontiguous=True)


def test_cat_default_dim_and_mixed_dtypes():
    check_op([(2, 3), (1, 3)], lambda a, b: nnlite.cat([a, b]), lambda a, b: T.cat([a, b]))
    check_op([np.arange(3), np.arange(2)], lambda a, b: nnlite.cat([a, b]), lambda a, b: T.cat([a, b]))
    # torch.cat promotes: float32 with float64 gives float64.
    a, b = nnlite.ones(2), nnlite.ones(2, dtype=nnlite.float64)
    assert dtype_name(nnlite.cat([a, b]).dtype) == "float64"


@pytest.mark.parametrize("shape,n,dim", [((3,), 2, 0), ((2, 3), 3, 1), ((2, 3), 2, -1), ((2, 3), 4, 2),
                                         ((0, 2), 2, 0), ((), 3, 0)])
def test_stack(shape, n, dim):
    shapes = [shape] * n
    check_op(shapes, lambda *xs: nnlite.stack(list(xs), dim), lambda *xs: T.stack(list(xs), dim))
    check_op(shapes, lambda *xs: nnlite.stack(xs, dim=dim), lambda *xs: T.stack(xs, dim=dim), noncontiguous=True)


@pytest.mark.parametrize("shape,size,dim", [
    ((6, 4), 2, 0), ((6, 4), 4, 0), ((5, 4), 2, 0), ((3, 7), 3, 1), ((3, 7), 10, -1),
    ((0, 3), 2, 0), ((4, 2), 1, 0),
])
def test_split_by_size(shape, size, dim):
    out = check_op([shape], lambda x: x.split(size, dim), lambda x: x.split(size, dim))
    assert isinstance(out, list)
    check_op([shape], lambda x: nnlite.split(x, size, dim=dim), lambda x: T.split(x, size, dim=dim),
             noncontiguous=True)


@pytest.mark.parametrize("sizes,dim", [([1, 2, 3], 0), ([0, 6], 0), ([2, 2], 1), ([4], 1), ([3, 0, 1], -1)])
def test_split_by_sizes(sizes, dim):
    shape = (6, 4)
    check_op([shape], lambda x: x.split(sizes, dim), lambda x: x.split(sizes, dim))
    check_op([shape], lambda x: nnlite.split(x, sizes, dim), lambda x: T.split(x, sizes, dim))


def test_split_gradient_of_unused_piece_is_zero():
    # Only one piece enters the loss; the other rows get zero gradient.
    x = nnlite.ones(4, 2, requires_grad=True)
    a, b = x.split(2)
    (a * 3).sum().backward()
    np.testing.assert_array_equal(to_numpy(x.grad), [[3, 3], [3, 3], [0, 0], [0, 0]])


@pytest.mark.parametrize("shape,chunks,dim", [
    ((6, 4), 3, 0), ((5, 4), 2, 0), ((5, 4), 3, 0), ((3, 7), 4, 1), ((3, 2), 5, 1), ((4,), 4, 0),
    ((4,), 1, 0), ((2, 6), 4, -1),
])
def test_chunk(shape, chunks, dim):
    check_op([shape], lambda x: x.chunk(chunks, dim), lambda x: x.chunk(chunks, dim))
    check_op([shape], lambda x: nnlite.chunk(x, chunks, dim=dim), lambda x: T.chunk(x, chunks, dim=dim),
             noncontiguous=True)


def test_squeeze_several_dims():
    # torch >= 2.0 takes a tuple of dims
    check_op([(1, 3, 1, 2)], lambda x: x.squeeze((0, 2)), lambda x: x.squeeze((0, 2)))
    check_op([(1, 3, 1, 2)], lambda x: nnlite.squeeze(x, (0, 1)), lambda x: T.squeeze(x, (0, 1)))
