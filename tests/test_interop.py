"""NumPy and DLPack interop: numpy(), from_numpy, __array__, __dlpack__ and
nnlite.from_dlpack share memory both ways, without copying, where the strides
allow."""
import gc

import numpy as np
import pytest

import nnlite
from op_check import dtype_name, to_numpy

DTYPES = ["float32", "float64", "int64", "int32", "uint8", "bool"]


def _sample(name, shape=(2, 3)):
    return (np.arange(np.prod(shape)).reshape(shape) % 5).astype(name)


def _other(name):
    return np.array(1 if name != "bool" else True, dtype=name)


@pytest.mark.parametrize("name", DTYPES)
def test_numpy_shares_memory_both_ways(name):
    x = nnlite.tensor(_sample(name))
    a = x.numpy()
    assert a.dtype == np.dtype(name) and a.shape == (2, 3)
    a[1, 2] = _other(name) if name != "bool" else False
    assert x[1, 2].item() == a[1, 2]
    x.fill_(0)
    assert not a.any()


@pytest.mark.parametrize("name", DTYPES)
def test_from_numpy_shares_memory_both_ways(name):
    a = _sample(name)
    x = nnlite.from_numpy(a)
    assert dtype_name(x.dtype) == name and tuple(x.shape) == (2, 3)
    np.testing.assert_array_equal(to_numpy(x), a)
    a[0, 0] = 3 if name != "bool" else True
    assert x[0, 0].item() == a[0, 0]
    x.zero_()
    assert not a.any()


def test_numpy_of_views_shares_memory_with_strides():
    x = nnlite.arange(12).view(3, 4)
    t = x.t().numpy()
    np.testing.assert_array_equal(t, np.arange(12).reshape(3, 4).T)
    assert t.strides == (8, 32)
    t[0, 2] = -1  # element (2, 0) of x
    assert x[2, 0].item() == -1
    s = x[:, 1::2].numpy()
    np.testing.assert_array_equal(s, np.array(x.tolist())[:, 1::2])
    s[...] = 0
    assert x[:, 1].tolist() == [0, 0, 0]
    e = nnlite.tensor([1.0, 2.0]).expand(3, 2).numpy()
    np.testing.assert_array_equal(e, [[1, 2]] * 3)


@pytest.mark.parametrize("view", ["transpose", "step", "column", "3d_permuted"])
def test_from_numpy_noncontiguous_arrays_share_memory(view):
    base = np.arange(60, dtype=np.float32).reshape(3, 4, 5)
    a = {"transpose": base[0].T, "step": base[:, ::2, 1::3], "column": base[:, 1, :],
         "3d_permuted": base[:2].transpose(2, 0, 1)}[view]
    x = nnlite.from_numpy(a)
    assert tuple(x.shape) == a.shape
    np.testing.assert_array_equal(to_numpy(x), a)
    np.testing.assert_array_equal(to_numpy(x * 2), a * 2)  # kernels see the strides
    a.flat[1] = -7  # numpy writes land in the tensor
    np.testing.assert_array_equal(to_numpy(x), a)
    x.fill_(1.0)
    assert (a == 1).all()
    assert (base != 1).any()  # and only there


def test_negative_strides_copy_or_refuse():
    a = np.arange(6.0)[::-1]
    # nnlite.tensor always copies, so any layout works.
    np.testing.assert_array_equal(to_numpy(nnlite.tensor(a)), a)
    # from_numpy shares memory where strides allow: a negative stride may be refused (as torch does).
    try:
        x = nnlite.from_numpy(a)
    except ValueError as e:
        assert "stride" in str(e).lower()
    else:
        np.testing.assert_array_equal(to_numpy(x), a)


def test_from_numpy_keeps_array_alive():
    x = nnlite.from_numpy(np.arange(1000, dtype=np.float64))
    gc.collect()
    np.testing.assert_array_equal(to_numpy(x), np.arange(1000))


def test_numpy_keeps_tensor_memory_alive():
    a = (nnlite.arange(1000) * 2).numpy()
    gc.collect()
    _ = nnlite.zeros(1000, dtype=nnlite.int64) + 5  # reuse freed memory, if any
    np.testing.assert_array_equal(a, np.arange(1000) * 2)


def test_from_numpy_unsupported_dtype():
    with pytest.raises(TypeError, match=r"complex|dtype"):
        nnlite.from_numpy(np.zeros(3, dtype=np.complex64))
    with pytest.raises(TypeError):
        nnlite.from_numpy([1, 2, 3])


def test_array_protocol():
    x = nnlite.tensor([[1.5, 2.5]])
    a = np.asarray(x)
    assert a.dtype == np.float32 and a.shape == (1, 2)
    np.testing.assert_array_equal(a, [[1.5, 2.5]])
    np.testing.assert_array_equal(np.asarray(x, dtype=np.float64), [[1.5, 2.5]])
    np.testing.assert_array_equal(np.array(nnlite.tensor([1, 2])), [1, 2])
    assert np.array(nnlite.tensor(3.0)).shape == ()


def test_dlpack_device():
    assert tuple(nnlite.zeros(1).__dlpack_device__()) == (1, 0)  # (kDLCPU, 0)


@pytest.mark.parametrize("name", DTYPES)
def test_torch_from_dlpack_shares_memory(torch, name):
    x = nnlite.tensor(_sample(name))
    t = torch.from_dlpack(x)
    assert str(t.dtype) == f"torch.{name}" and tuple(t.shape) == (2, 3)
    np.testing.assert_array_equal(t.numpy(), _sample(name))
    t[0, 1] = 1 if name != "bool" else True
    assert x[0, 1].item() == t[0, 1].item()
    x.zero_()
    assert not t.any()


@pytest.mark.parametrize("name", DTYPES)
def test_nnlite_from_dlpack_of_torch_shares_memory(torch, name):
    t = torch.from_numpy(_sample(name))
    x = nnlite.from_dlpack(t)
    assert dtype_name(x.dtype) == name
    np.testing.assert_array_equal(to_numpy(x), _sample(name))
    x.zero_()
    assert not t.any()
    t.fill_(1)
    assert to_numpy(x).all()


def test_dlpack_noncontiguous_with_torch(torch):
    x = nnlite.arange(12).view(3, 4).float()
    t = torch.from_dlpack(x.t())
    np.testing.assert_array_equal(t.numpy(), np.arange(12.0).reshape(3, 4).T)
    t[1, 2] = -1  # element (2, 1)
    assert x[2, 1].item() == -1
    base = torch.arange(20.0).view(4, 5)
    y = nnlite.from_dlpack(base[:, 1::2])
    np.testing.assert_array_equal(to_numpy(y), base[:, 1::2].numpy())
    y.fill_(0.0)
    assert base[:, 1].sum().item() == 0 and base[:, 0].sum().item() != 0


def test_dlpack_lifetimes(torch):
    t = torch.from_dlpack(nnlite.arange(500) * 3)
    gc.collect()
    np.testing.assert_array_equal(t.numpy(), np.arange(500) * 3)
    x = nnlite.from_dlpack(torch.arange(500) * 3)
    gc.collect()
    np.testing.assert_array_equal(to_numpy(x), np.arange(500) * 3)


@pytest.mark.parametrize("name", ["float32", "float64", "int64", "int32", "uint8"])
def test_numpy_from_dlpack_shares_memory(name):
    x = nnlite.tensor(_sample(name))
    a = np.from_dlpack(x)
    np.testing.assert_array_equal(a, _sample(name))
    x.zero_()
    assert not a.any()


def test_nnlite_from_dlpack_of_numpy_and_of_nnlite():
    a = np.arange(6.0).reshape(2, 3)
    x = nnlite.from_dlpack(a)
    assert x.dtype == nnlite.float64
    x.fill_(2.0)
    assert (a == 2).all()
    y = nnlite.from_dlpack(x)
    y[0, 0] = 9.0
    assert a[0, 0] == 9.0
    z = nnlite.from_dlpack(x.t())
    np.testing.assert_array_equal(to_numpy(z), a.T)


def test_torch_roundtrip_values_and_grad_independence(torch):
    # Data comes through dlpack; autograd history does not.
    x = nnlite.tensor([1.0, 2.0])
    t = torch.from_dlpack(x)
    assert not t.requires_grad
    back = nnlite.from_dlpack(t)
    assert back.is_leaf and not back.requires_grad
    np.testing.assert_array_equal(to_numpy(back), [1, 2])


def test_non_native_byte_order():
    a = np.arange(4, dtype=">f4")  # big-endian on this (little-endian) machine
    # nnlite.tensor copies, so it can convert the values
    np.testing.assert_array_equal(to_numpy(nnlite.tensor(a)), [0, 1, 2, 3])
    # from_numpy cannot share swapped bytes: it must refuse (as torch does), never misread them
    try:
        x = nnlite.from_numpy(a)
    except (ValueError, TypeError) as e:
        assert "byte order" in str(e) or "endian" in str(e)
    else:
        np.testing.assert_array_equal(to_numpy(x), [0, 1, 2, 3])


def test_read_only_arrays_are_copied_not_written(tmp_path):
    # Writing through shared memory into a read-only mapping would crash.
    path = tmp_path / "ro.bin"
    np.arange(6, dtype=np.float32).tofile(path)
    ro = np.memmap(path, dtype=np.float32, mode="r")
    t = nnlite.from_numpy(ro)
    t.fill_(7.0)
    np.testing.assert_array_equal(np.asarray(ro), np.arange(6, dtype=np.float32))
    frozen = np.frombuffer(bytes(16), dtype=np.float32)
    u = nnlite.from_numpy(frozen)
    u += 1
    assert frozen.tolist() == [0.0] * 4 and u.tolist() == [1.0] * 4
