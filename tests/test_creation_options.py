"""Every creation function takes torch's keyword options: dtype=, device= and
requires_grad=, with torch's default dtypes when none is given. device='cpu'
works; device='cuda' on a build or machine without CUDA raises a clear error
(never a crash)."""
import numpy as np
import pytest

import nnlite
torch = pytest.importorskip("torch")

# name -> (nnlite call, torch call); each takes the keyword options.
CREATORS = {
    "zeros": (lambda m, **kw: m.zeros(2, 3, **kw)),
    "ones": (lambda m, **kw: m.ones((2, 3), **kw)),
    "empty": (lambda m, **kw: m.empty(4, **kw)),
    "full": (lambda m, **kw: m.full((2,), 1.5, **kw)),
    "full_int": (lambda m, **kw: m.full((2,), 3, **kw)),
    "arange": (lambda m, **kw: m.arange(5, **kw)),
    "arange_float": (lambda m, **kw: m.arange(0, 1, 0.25, **kw)),
    "linspace": (lambda m, **kw: m.linspace(0, 1, 5, **kw)),
    "eye": (lambda m, **kw: m.eye(2, 3, **kw)),
    "rand": (lambda m, **kw: m.rand(2, 2, **kw)),
    "randn": (lambda m, **kw: m.randn(3, **kw)),
    "randint": (lambda m, **kw: m.randint(0, 10, (4,), **kw)),
    "randperm": (lambda m, **kw: m.randperm(5, **kw)),
    "zeros_like": (lambda m, **kw: m.zeros_like(m.ones(2, 2), **kw)),
    "ones_like": (lambda m, **kw: m.ones_like(m.ones(2, dtype=m.int32), **kw)),
    "empty_like": (lambda m, **kw: m.empty_like(m.ones(3), **kw)),
    "full_like": (lambda m, **kw: m.full_like(m.ones(2), 4, **kw)),
    "rand_like": (lambda m, **kw: m.rand_like(m.ones(2, dtype=m.float64), **kw)),
    "randn_like": (lambda m, **kw: m.randn_like(m.ones(2), **kw)),
    "tensor": (lambda m, **kw: m.tensor([1, 2, 3], **kw)),
    "tensor_float": (lambda m, **kw: m.tensor([0.5, 2.0], **kw)),
}
FLOAT_ONLY = {"rand", "randn", "rand_like", "randn_like"}  # torch has no integer uniform/normal draws
NAMES = sorted(CREATORS)


def dtype_name(t):
    return str(t.dtype).split(".")[-1]


@pytest.mark.parametrize("name", NAMES)
def test_default_dtype_matches_torch(name):
    make = CREATORS[name]
    assert dtype_name(make(nnlite)) == dtype_name(make(torch)), name


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", ["float64", "int32"])
def test_dtype_option(name, dtype):
    make = CREATORS[name]
    if dtype == "int32" and name in FLOAT_ONLY:
        with pytest.raises(TypeError, match="floating-point"):
            make(nnlite, dtype=nnlite.int32)
        return
    t = make(nnlite, dtype=getattr(nnlite, dtype))
    assert t.dtype == getattr(nnlite, dtype)
    assert t.shape == make(torch, dtype=getattr(torch, dtype)).shape
    if name not in FLOAT_ONLY | {"randint", "randperm", "empty", "empty_like"}:  # deterministic values
        np.testing.assert_array_equal(t.numpy(), make(torch, dtype=getattr(torch, dtype)).numpy())


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("device", ["cpu", nnlite.device("cpu"), None])
def test_cpu_device_option(name, device):
    t = CREATORS[name](nnlite, device=device)
    assert t.device == "cpu" and t.device == nnlite.device("cpu")
    assert dtype_name(t) == dtype_name(CREATORS[name](torch, device=None if device is None else "cpu"))


@pytest.mark.parametrize("name", NAMES)
def test_creation_on_the_device(name, device):
    """device= puts the tensor there, with the CPU's values where they are not drawn."""
    t = CREATORS[name](nnlite, device=device)
    assert t.device.type == device
    ref = CREATORS[name](nnlite)
    assert t.dtype == ref.dtype and t.shape == ref.shape
    if name not in FLOAT_ONLY | {"randint", "randperm", "empty", "empty_like"}:
        np.testing.assert_array_equal(t.cpu().numpy(), ref.numpy())


@pytest.mark.parametrize("name", NAMES)
def test_requires_grad_option(name):
    make = CREATORS[name]
    t = make(nnlite, dtype=nnlite.float32, requires_grad=True)
    assert t.requires_grad and t.is_leaf and t.grad_fn is None
    (t * 2).sum().backward()
    np.testing.assert_array_equal(t.grad.numpy(), np.full(t.shape, 2, dtype=np.float32))
    assert not make(nnlite, dtype=nnlite.float32, requires_grad=False).requires_grad
    assert not make(nnlite, dtype=nnlite.float32).requires_grad


@pytest.mark.parametrize("name", sorted(set(NAMES) - FLOAT_ONLY))
def test_requires_grad_needs_a_floating_dtype(name):
    with pytest.raises(TypeError, match=r"only floating-point tensors can require gradients.*int64"):
        CREATORS[name](nnlite, dtype=nnlite.int64, requires_grad=True)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("spec", ["cuda", "cuda:0", nnlite.device("cuda")])
def test_cuda_device_without_cuda_raises_clearly(name, spec):
    if nnlite.cuda.is_available():
        pytest.skip("a GPU is available")
    with pytest.raises(RuntimeError, match="CUDA"):
        CREATORS[name](nnlite, device=spec)


@pytest.mark.parametrize("name", NAMES)
def test_bad_device_names_the_problem(name):
    with pytest.raises(ValueError, match="unknown device 'gpu'"):
        CREATORS[name](nnlite, device="gpu")


def test_like_ops_keep_the_input_dtype_unless_told():
    x = nnlite.arange(4, dtype=nnlite.int32)
    assert nnlite.zeros_like(x).dtype == nnlite.int32
    assert nnlite.full_like(x, 2).dtype == nnlite.int32
    assert nnlite.ones_like(x, dtype=nnlite.float64).dtype == nnlite.float64
    assert not nnlite.zeros_like(nnlite.ones(2, requires_grad=True)).requires_grad  # as in torch


def test_inferred_dtypes_follow_torch():
    for args in [(5,), (0, 5), (0, 5, 2), (0.0, 5), (0, 1, 0.5), (np.int64(3),)]:
        assert dtype_name(nnlite.arange(*args)) == dtype_name(torch.arange(*args)), args
    for value in (1, 1.0, True, np.int64(2), np.float64(0.5)):
        assert dtype_name(nnlite.full((1,), value)) == dtype_name(torch.full((1,), value)), value
