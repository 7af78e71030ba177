"""The Tensor object: dtypes, creation functions, metadata, repr, item,
tolist and dtype conversions."""
import numpy as np
import pytest

import nnlite
from op_check import dtype_name, to_numpy

DTYPES = ["float32", "float64", "int64", "int32", "uint8", "bool"]


@pytest.mark.parametrize("name", DTYPES)
def test_dtype_objects(name):
    d = getattr(nnlite, name)
    assert dtype_name(d) == name
    assert name in str(d)
    assert d == getattr(nnlite, name)
    others = [getattr(nnlite, o) for o in DTYPES if o != name]
    assert all(d != o for o in others)
    x = nnlite.zeros(2, dtype=d)
    assert x.dtype == d
    assert to_numpy(x).dtype == np.dtype(name)


def test_default_dtype_is_float32():
    assert nnlite.zeros(3).dtype == nnlite.float32
    assert nnlite.ones(2, 2).dtype == nnlite.float32
    assert nnlite.rand(2).dtype == nnlite.float32
    assert nnlite.randn(2).dtype == nnlite.float32
    assert nnlite.empty(2).dtype == nnlite.float32
    assert nnlite.tensor([1.0, 2.0]).dtype == nnlite.float32
    assert nnlite.tensor(1.5).dtype == nnlite.float32


@pytest.mark.parametrize("data,dtype,shape", [
    ([1, 2, 3], "int64", (3,)),
    ([1.0, 2, 3], "float32", (3,)),
    ([[1, 2], [3, 4]], "int64", (2, 2)),
    ([True, False], "bool", (2,)),
    (3, "int64", ()),
    (2.5, "float32", ()),
    (True, "bool", ()),
    ([], "float32", (0,)),
    ([[]], "float32", (1, 0)),
    ([[[1.5]]], "float32", (1, 1, 1)),
])
def test_tensor_from_python_data(data, dtype, shape):
    x = nnlite.tensor(data)
    assert dtype_name(x.dtype) == dtype
    assert tuple(x.shape) == shape
    np.testing.assert_array_equal(to_numpy(x), np.array(data, dtype=dtype).reshape(shape))


def test_tensor_from_python_data_matches_torch(torch):
    for data in [[1, 2, 3], [1.0, 2, 3], [[True, False]], 7, -2.5, [1, 2.5], [[1, 2], [3, 4]]]:
        assert dtype_name(nnlite.tensor(data).dtype) == dtype_name(torch.tensor(data).dtype), data


@pytest.mark.parametrize("name", DTYPES)
def test_tensor_with_dtype(name):
    x = nnlite.tensor([0, 1, 2], dtype=getattr(nnlite, name))
    assert dtype_name(x.dtype) == name
    np.testing.assert_array_equal(to_numpy(x), np.array([0, 1, 2]).astype(name))


@pytest.mark.parametrize("name", DTYPES)
def test_tensor_from_numpy_array_keeps_dtype_and_copies(name):
    a = np.arange(6).reshape(2, 3).astype(name)
    x = nnlite.tensor(a)
    assert dtype_name(x.dtype) == name
    np.testing.assert_array_equal(to_numpy(x), a)
    a[0, 0] = 1 if name != "bool" else True
    a[0, 1] = 5 if name != "bool" else False
    np.testing.assert_array_equal(to_numpy(x), np.arange(6).reshape(2, 3).astype(name))  # a copy


def test_tensor_ragged_data_raises():
    with pytest.raises((ValueError, TypeError)):
        nnlite.tensor([[1, 2], [3]])


def test_tensor_requires_grad():
    x = nnlite.tensor([1.0, 2.0], requires_grad=True)
    assert x.requires_grad and x.is_leaf and x.grad is None and x.grad_fn is None


@pytest.mark.parametrize("args,shape", [((2, 3), (2, 3)), (((2, 3),), (2, 3)), (([4],), (4,)), ((0,), (0,)),
                                        (((),), ()), ((1, 0, 2), (1, 0, 2))])
@pytest.mark.parametrize("fn,value", [("zeros", 0), ("ones", 1)])
def test_zeros_ones(fn, value, args, shape):
    x = getattr(nnlite, fn)(*args)
    assert tuple(x.shape) == shape
    np.testing.assert_array_equal(to_numpy(x), np.full(shape, value, np.float32))
    y = getattr(nnlite, fn)(*args, dtype=nnlite.int32, requires_grad=False)
    assert y.dtype == nnlite.int32
    z = getattr(nnlite, fn)(*args, requires_grad=True)
    assert z.requires_grad and z.is_leaf


def test_full_empty():
    x = nnlite.full((2, 3), 1.5)
    assert x.dtype == nnlite.float32
    np.testing.assert_array_equal(to_numpy(x), np.full((2, 3), 1.5))
    assert nnlite.full((2,), 3).dtype == nnlite.int64  # as torch: an int fill value gives int64
    assert nnlite.full((2,), True).dtype == nnlite.bool
    assert nnlite.full((2,), 3, dtype=nnlite.float64).dtype == nnlite.float64
    e = nnlite.empty(3, 4)
    assert tuple(e.shape) == (3, 4) and e.dtype == nnlite.float32
    assert nnlite.empty((2, 0), dtype=nnlite.int64).dtype == nnlite.int64


@pytest.mark.parametrize("args,kwargs,expected", [
    ((5,), {}, np.arange(5)),
    ((2, 7), {}, np.arange(2, 7)),
    ((0, 10, 3), {}, np.arange(0, 10, 3)),
    ((5, 0, -2), {}, np.arange(5, 0, -2)),
    ((0, 1, 0.25), {}, np.arange(0, 1, 0.25, dtype=np.float32)),
    ((3.0,), {}, np.arange(3.0, dtype=np.float32)),
    ((4,), {"dtype": "float64"}, np.arange(4.0)),
    ((0,), {}, np.arange(0)),
])
def test_arange(args, kwargs, expected):
    if "dtype" in kwargs:
        kwargs = {"dtype": getattr(nnlite, kwargs["dtype"])}
    x = nnlite.arange(*args, **kwargs)
    assert dtype_name(x.dtype) == expected.dtype.name
    np.testing.assert_allclose(to_numpy(x), expected)


def test_linspace_eye():
    x = nnlite.linspace(0, 1, 5)
    assert x.dtype == nnlite.float32
    np.testing.assert_allclose(to_numpy(x), np.linspace(0, 1, 5), rtol=1e-6)
    np.testing.assert_allclose(to_numpy(nnlite.linspace(-1, 1, 1)), [-1])
    assert tuple(nnlite.linspace(0, 1, 0).shape) == (0,)
    np.testing.assert_array_equal(to_numpy(nnlite.eye(3)), np.eye(3))
    np.testing.assert_array_equal(to_numpy(nnlite.eye(2, 4)), np.eye(2, 4))
    assert nnlite.eye(2, dtype=nnlite.int64).dtype == nnlite.int64


def test_random_creation_shapes_and_ranges():
    r = to_numpy(nnlite.rand(100, 3))
    assert r.shape == (100, 3) and r.dtype == np.float32 and r.min() >= 0 and r.max() < 1
    n = nnlite.randn((4, 5), dtype=nnlite.float64)
    assert tuple(n.shape) == (4, 5) and n.dtype == nnlite.float64
    i = nnlite.randint(3, 7, (50,))
    assert i.dtype == nnlite.int64
    iv = to_numpy(i)
    assert iv.min() >= 3 and iv.max() < 7
    p = to_numpy(nnlite.randperm(10))
    assert p.dtype == np.int64 and sorted(p.tolist()) == list(range(10))
    assert tuple(nnlite.rand(0).shape) == (0,)
    assert nnlite.rand(2, requires_grad=True).requires_grad


def test_like_functions():
    x = nnlite.tensor([[1, 2, 3]], dtype=nnlite.int32)
    for fn, value in [(nnlite.zeros_like, 0), (nnlite.ones_like, 1)]:
        y = fn(x)
        assert y.dtype == nnlite.int32 and tuple(y.shape) == (1, 3)
        np.testing.assert_array_equal(to_numpy(y), np.full((1, 3), value))
    y = nnlite.full_like(nnlite.zeros(2, 2), 2.5)
    np.testing.assert_array_equal(to_numpy(y), np.full((2, 2), 2.5, np.float32))
    assert nnlite.zeros_like(nnlite.zeros(2), dtype=nnlite.float64).dtype == nnlite.float64
    r = nnlite.rand_like(nnlite.zeros(3, 2))
    assert tuple(r.shape) == (3, 2) and r.dtype == nnlite.float32
    assert tuple(nnlite.randn_like(nnlite.zeros(4)).shape) == (4,)
    assert tuple(nnlite.empty_like(nnlite.zeros(4, 1)).shape) == (4, 1)


def test_metadata():
    x = nnlite.zeros(2, 3, 4)
    assert x.shape == (2, 3, 4)
    assert isinstance(x.shape, tuple)
    assert x.size() == (2, 3, 4)
    assert x.size(1) == 3 and x.size(-1) == 4
    assert x.dim() == 3 and x.ndim == 3
    assert x.numel() == 24
    assert len(x) == 2
    assert str(x.device) == "cpu"
    assert isinstance(x, nnlite.Tensor)
    assert nnlite.zeros(3, 0).numel() == 0
    s = nnlite.tensor(1.0)
    assert s.shape == () and s.dim() == 0 and s.numel() == 1
    with pytest.raises(TypeError):
        len(s)


def test_repr_shows_values_shape_dtype_device():
    x = nnlite.tensor([[1.5, -2.25, 3.0], [4.0, 5.0, 6.0]])
    r = repr(x)
    assert "1.5" in r and "-2.25" in r and "6" in r
    assert "2, 3" in r
    assert "float32" in r
    assert "cpu" in r
    ri = repr(nnlite.tensor([7, 8], dtype=nnlite.int32))
    assert "7" in ri and "int32" in ri
    assert "True" in repr(nnlite.tensor([True, False])) or "true" in repr(nnlite.tensor([True, False]))
    assert str(x)  # str works too
    # a large tensor is summarised, not printed in full
    assert len(repr(nnlite.zeros(1000, 1000))) < 5000


def test_repr_of_empty_and_scalar():
    assert "0" in repr(nnlite.zeros(0, 3))
    assert "2.5" in repr(nnlite.tensor(2.5))


def test_item():
    assert nnlite.tensor(2.5).item() == 2.5
    assert isinstance(nnlite.tensor(2.5).item(), float)
    v = nnlite.tensor([7]).item()
    assert v == 7 and isinstance(v, int)
    b = nnlite.tensor([[True]]).item()
    assert b is True
    assert nnlite.tensor(0.1, dtype=nnlite.float64).item() == 0.1
    assert isinstance(nnlite.tensor(3, dtype=nnlite.uint8).item(), int)
    with pytest.raises((ValueError, RuntimeError), match="item|element"):
        nnlite.tensor([1.0, 2.0]).item()


def test_python_number_conversions():
    assert float(nnlite.tensor([2.5])) == 2.5
    assert int(nnlite.tensor(3.7)) == 3
    assert bool(nnlite.tensor(1)) is True and bool(nnlite.tensor([0.0])) is False
    with pytest.raises((ValueError, RuntimeError)):
        bool(nnlite.tensor([1, 2]))


def test_tolist():
    assert nnlite.tensor([[1, 2], [3, 4]]).tolist() == [[1, 2], [3, 4]]
    lst = nnlite.tensor([1.5, 2.0]).tolist()
    assert lst == [1.5, 2.0] and all(isinstance(v, float) for v in lst)
    assert all(isinstance(v, int) for v in nnlite.tensor([1, 2]).tolist())
    assert nnlite.tensor([True, False]).tolist() == [True, False]
    assert nnlite.tensor(4).tolist() == 4
    assert nnlite.zeros(2, 0).tolist() == [[], []]
    assert nnlite.arange(6).view(2, 3).t().tolist() == [[0, 3], [1, 4], [2, 5]]


@pytest.mark.parametrize("src", DTYPES)
@pytest.mark.parametrize("dst", DTYPES)
def test_to_dtype(src, dst):
    a = np.array([0, 1, 2, 5], dtype=src)
    x = nnlite.tensor(a)
    y = x.to(getattr(nnlite, dst))
    assert dtype_name(y.dtype) == dst
    np.testing.assert_array_equal(to_numpy(y), a.astype(dst))


def test_to_conversion_semantics():
    x = nnlite.tensor([1.7, -2.7, 0.0])
    np.testing.assert_array_equal(to_numpy(x.long()), [1, -2, 0])  # truncation toward zero
    np.testing.assert_array_equal(to_numpy(x.int()), [1, -2, 0])
    np.testing.assert_array_equal(to_numpy(x.bool()), [True, True, False])
    assert x.double().dtype == nnlite.float64
    assert x.long().float().dtype == nnlite.float32
    assert x.to(nnlite.float32) is x  # same dtype: the same tensor, as torch
    assert x.float() is x
    assert x.to(dtype=nnlite.float64).dtype == nnlite.float64
    assert x.to("cpu") is x
    y = x.to(nnlite.float64)
    y[0] = 100.0
    assert x[0].item() == pytest.approx(1.7)  # a cast copies


def test_clone_copies():
    x = nnlite.tensor([1.0, 2.0])
    y = x.clone()
    y[0] = 5.0
    assert x.tolist() == [1.0, 2.0]
    assert y.tolist() == [5.0, 2.0]


def test_is_floating_point():
    assert nnlite.zeros(1).is_floating_point()
    assert nnlite.zeros(1, dtype=nnlite.float64).is_floating_point()
    assert not nnlite.zeros(1, dtype=nnlite.int64).is_floating_point()


BIG = 2 ** 62 + 1  # not representable as a double: it must never go through one


def test_int64_values_beyond_2_53_are_exact():
    x = nnlite.tensor([BIG])
    assert x.tolist() == [BIG]
    assert x.item() == BIG
    assert int(x) == BIG
    assert nnlite.full((2,), BIG).tolist() == [BIG, BIG]
    assert nnlite.zeros(1, dtype=nnlite.int64).fill_(BIG).tolist() == [BIG]
    y = nnlite.zeros(2, dtype=nnlite.int64)
    y[0] = BIG
    assert y.tolist() == [BIG, 0]
    assert nnlite.zeros(1, dtype=nnlite.int64).masked_fill(nnlite.tensor([True]), BIG).tolist() == [BIG]
    assert nnlite.tensor([BIG + 10]).clamp(max=BIG).tolist() == [BIG]
    assert nnlite.arange(BIG, BIG + 3).tolist() == [BIG, BIG + 1, BIG + 2]
    assert (x + 1).tolist() == [BIG + 1]
    assert x.sum().item() == BIG and x.amax().item() == BIG


def test_numpy_scalars_as_data_and_sizes(torch):
    for v in [np.float32(1.5), np.float64(1.5), np.int32(3), np.int64(3), np.bool_(True)]:
        assert dtype_name(nnlite.tensor(v).dtype) == dtype_name(torch.tensor(v).dtype), type(v)
    n = np.int64(3)
    assert tuple(nnlite.zeros(n, 2).shape) == (3, 2)
    assert tuple(nnlite.ones((n, np.int32(2))).shape) == (3, 2)
    assert tuple(nnlite.arange(6).view(n, -1).shape) == (3, 2)


def test_deepcopy_and_pickle():
    import copy
    import pickle

    x = nnlite.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    for y in [copy.deepcopy(x), pickle.loads(pickle.dumps(x))]:
        assert y.tolist() == x.tolist() and y.dtype == x.dtype and y.requires_grad
        with nnlite.no_grad():
            y[0, 0] = 9.0
        assert x[0, 0].item() == 1.0  # an independent copy
    c = copy.copy(nnlite.arange(3))
    assert c.tolist() == [0, 1, 2]


def test_shapes_beyond_the_inline_five_dims():
    # Shape keeps five sizes inline and moves to the heap beyond: ranks that
    # grow and shrink across that line (unsqueeze, squeeze, permute,
    # broadcasting, reductions) must keep every size and stride.
    rng = np.random.default_rng(0)
    a = rng.standard_normal((2, 1, 3, 1, 2, 3)).astype(np.float32)
    b = rng.standard_normal((3, 1, 2, 1)).astype(np.float32)
    x = nnlite.from_numpy(a)
    y = x.unsqueeze(0).unsqueeze(-1)                        # 8 dims
    assert tuple(y.shape) == (1, 2, 1, 3, 1, 2, 3, 1)
    z = y.squeeze()                                         # back to 4
    np.testing.assert_array_equal(z.numpy(), a.squeeze())
    p = x.permute(5, 4, 3, 2, 1, 0)
    np.testing.assert_array_equal(p.numpy(), a.transpose(5, 4, 3, 2, 1, 0))
    assert p.stride() == tuple(s // 4 for s in a.transpose(5, 4, 3, 2, 1, 0).strides)
    s = x + nnlite.from_numpy(b)                            # broadcast 6-d with 4-d
    np.testing.assert_allclose(s.numpy(), a + b)
    np.testing.assert_allclose(s.sum(dim=(0, 2, 4)).numpy(), (a + b).sum(axis=(0, 2, 4)), rtol=1e-5)
    r = x.reshape(1, 1, 1, 1, 1, 1, 36)
    assert r.dim() == 7 and r.stride()[-1] == 1 and r.numel() == 36
