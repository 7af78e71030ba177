"""The model zoo: the registry and the MLP."""
import pytest

import nnlite
from nnlite import models, nn


def test_registry():
    assert "mlp" in models.list_models()
    assert models.list_models() == sorted(models.list_models())
    m = models.get_model("mlp", num_classes=3, hidden=(8,))
    assert isinstance(m, models.MLP)
    with pytest.raises(ValueError, match="unknown model 'resnet999'.*mlp"):
        models.get_model("resnet999")
    with pytest.raises(ValueError, match="already registered"):
        models.register_model("mlp")(lambda: None)


def test_default_mlp_layout():
    m = models.mlp()
    shapes = [tuple(p.shape) for p in m.parameters()]
    assert shapes == [(512, 784), (512,), (256, 512), (256,), (10, 256), (10,)]
    kinds = [type(layer).__name__ for layer in m]
    assert kinds == ["Flatten", "Linear", "ReLU", "Dropout", "Linear", "ReLU", "Dropout", "Linear"]
    assert sum(p.numel() for p in m.parameters()) == 784 * 512 + 512 + 512 * 256 + 256 + 256 * 10 + 10


def test_mlp_forward_flattens_images():
    nnlite.manual_seed(0)
    m = models.mlp(hidden=(32, 16), dropout=0.5)
    x = nnlite.rand(5, 1, 28, 28)
    m.eval()
    y1, y2 = m(x), m(x)
    assert tuple(y1.shape) == (5, 10)
    assert y1.tolist() == y2.tolist()  # no dropout in eval mode
    m.train()
    assert m(x).tolist() != m(x).tolist()  # dropout samples a new mask
    y = m(x).sum()
    y.backward()
    assert all(p.grad is not None and tuple(p.grad.shape) == tuple(p.shape) for p in m.parameters())


def test_mlp_variants_and_errors():
    no_drop = models.mlp(in_features=6, hidden=4, num_classes=2, dropout=0)
    assert not any(isinstance(layer, nn.Dropout) for layer in no_drop)
    assert tuple(no_drop(nnlite.zeros(3, 2, 3)).shape) == (3, 2)
    linear = models.mlp(in_features=6, hidden=(), num_classes=2)
    assert [type(layer).__name__ for layer in linear] == ["Flatten", "Linear"]
    for kwargs in ({"hidden": (0,)}, {"num_classes": 0}, {"in_features": -1}, {"dropout": 1.0}, {"dropout": "x"},
                   {"hidden": (2.5,)}):
        with pytest.raises(ValueError, match="MLP"):
            models.mlp(**kwargs)


def test_state_dict_names_are_stable():
    names = list(models.mlp().state_dict())
    assert names == ["1.weight", "1.bias", "4.weight", "4.bias", "7.weight", "7.bias"]
