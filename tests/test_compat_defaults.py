"""set_default_dtype / get_default_dtype and set_default_device / get_default_device,
against torch: which factories follow the default, what nn layers are made of, errors."""
import numpy as np
import pytest

import nnlite

torch = pytest.importorskip("torch")


def _name(dtype):
    return str(dtype).split(".")[-1]


@pytest.fixture
def float64_default():
    nnlite.set_default_dtype(nnlite.float64)
    torch.set_default_dtype(torch.float64)
    yield
    nnlite.set_default_dtype(nnlite.float32)
    torch.set_default_dtype(torch.float32)


_FACTORIES = [
    ("zeros", lambda lib: lib.zeros(2, 3)), ("ones", lambda lib: lib.ones(2)), ("empty", lambda lib: lib.empty(2)),
    ("rand", lambda lib: lib.rand(2)), ("randn", lambda lib: lib.randn(2)), ("eye", lambda lib: lib.eye(2)),
    ("linspace", lambda lib: lib.linspace(0, 1, 3)), ("normal", lambda lib: lib.normal(0.0, 1.0, (2,))),
    ("tensor of floats", lambda lib: lib.tensor([1.5, 2.0])), ("tensor of a float", lambda lib: lib.tensor(0.5)),
    ("tensor of ints", lambda lib: lib.tensor([1, 2])), ("tensor of bools", lambda lib: lib.tensor([True])),
    ("arange of ints", lambda lib: lib.arange(3)), ("arange of floats", lambda lib: lib.arange(0.5, 2)),
    ("full of a float", lambda lib: lib.full((2,), 1.5)), ("full of an int", lambda lib: lib.full((2,), 1)),
    ("randint", lambda lib: lib.randint(0, 3, (2,))), ("randperm", lambda lib: lib.randperm(3)),
    ("zeros_like keeps its input's", lambda lib: lib.zeros_like(lib.ones(2, dtype=lib.float32))),
    ("rand_like keeps its input's", lambda lib: lib.rand_like(lib.ones(2, dtype=lib.float32))),
    ("a named dtype wins", lambda lib: lib.zeros(2, dtype=lib.float32)),
    ("numpy float32 keeps its dtype", lambda lib: lib.tensor(np.ones(2, np.float32))),
]


@pytest.mark.parametrize("what,make", _FACTORIES, ids=[f[0] for f in _FACTORIES])
def test_factories_follow_the_default_dtype_as_torchs(float64_default, what, make):
    assert _name(make(nnlite).dtype) == _name(make(torch).dtype)
    assert _name(nnlite.get_default_dtype()) == _name(torch.get_default_dtype()) == "float64"


@pytest.mark.parametrize("layer", [
    lambda nn: nn.Linear(2, 3), lambda nn: nn.Conv2d(1, 2, 3), lambda nn: nn.LSTM(2, 3), lambda nn: nn.GRU(2, 3),
    lambda nn: nn.Embedding(3, 2), lambda nn: nn.BatchNorm1d(3), lambda nn: nn.LayerNorm(3), lambda nn: nn.PReLU(),
    lambda nn: nn.MultiheadAttention(4, 2), lambda nn: nn.TransformerEncoderLayer(4, 2, 8)])
def test_layers_are_made_in_the_default_dtype(float64_default, layer):
    ours, theirs = layer(nnlite.nn), layer(torch.nn)
    floating = lambda m: sorted({_name(t.dtype) for t in list(m.parameters()) + list(m.buffers())
                                 if t.is_floating_point()})
    assert floating(ours) == floating(theirs) == ["float64"]


def test_a_float64_model_trains_end_to_end(float64_default):
    model = nnlite.nn.Sequential(nnlite.nn.Linear(3, 4), nnlite.nn.Tanh(), nnlite.nn.Linear(4, 1))
    x, y = nnlite.randn(8, 3), nnlite.randn(8, 1)
    loss = nnlite.nn.functional.mse_loss(model(x), y)
    loss.backward()
    assert loss.dtype == nnlite.float64 and model[0].weight.grad.dtype == nnlite.float64


def test_default_dtype_errors_and_restore():
    with pytest.raises(TypeError, match="set_default_dtype: only floating-point dtypes"):
        nnlite.set_default_dtype(nnlite.int64)
    with pytest.raises(TypeError):
        torch.set_default_dtype(torch.int64)
    assert nnlite.get_default_dtype() == nnlite.float32 and nnlite.zeros(1).dtype == nnlite.float32


def test_default_device():
    assert str(nnlite.get_default_device()) == str(torch.get_default_device()) == "cpu"
    nnlite.set_default_device("cpu")
    nnlite.set_default_device(nnlite.device("cpu"))
    assert nnlite.zeros(1).device.type == "cpu" and nnlite.tensor([1.0]).device.type == "cpu"
    nnlite.set_default_device(None)
    with pytest.raises(TypeError, match="set_default_device: expected a device"):
        nnlite.set_default_device(2.5)
    if not nnlite.cuda.is_available():
        with pytest.raises(ValueError, match="set_default_device: cuda:0 is not available"):
            nnlite.set_default_device("cuda")
        with pytest.raises(ValueError, match="set_default_device: cuda:1 is not available"):
            nnlite.set_default_device(1)  # a bare index is a CUDA device, as in torch
    assert nnlite.get_default_device().type == "cpu"
